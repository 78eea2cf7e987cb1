//! Themes above tags: the synthesis's tags rolled up to the codebook's
//! themes. A theme counts DISTINCT notes and interviews (a note tagged with
//! two codes of one theme counts once), never the sum of its tags' counts.
//! A code's aliases used as tags count under the code's theme. The screen
//! and every report format read these figures, so they agree.

use crate::analysis::figures::Share;
use crate::analysis::synthesis::{NoteRef, Synthesis, Theme};
use crate::domain::codebook::Codebook;

/// One tag under a theme, with the synthesis's own counts for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeTag {
    pub tag: String,
    pub notes: usize,
    pub sessions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeRollup {
    pub theme: String,
    /// The theme's description in the codebook (empty when not listed).
    pub description: String,
    /// Distinct notes carrying any of the theme's tags.
    pub notes: usize,
    /// Distinct interviews with such a note (or closing answer).
    pub sessions: usize,
    /// Its tags in use, most sessions first, then most notes, then by name.
    pub tags: Vec<ThemeTag>,
    /// The distinct notes, in (session, note) order.
    pub evidence: Vec<NoteRef>,
}

impl ThemeRollup {
    /// The share of interviews, out of the interviews kept by the synthesis.
    pub fn share(&self, synthesis: &Synthesis) -> Share {
        Share::of(self.sessions, synthesis.sessions())
    }
}

/// The themes with their tags in use, most interviews first (then most
/// notes, then the codebook's order). Themes none of whose tags are in use
/// are left out, as tags nobody used are left out of the themes list.
pub fn roll_up(synthesis: &Synthesis, codebook: &Codebook) -> Vec<ThemeRollup> {
    let names = codebook.theme_names();
    let members = tags_by_theme(synthesis, codebook, &names);
    let mut marks = Marks::sized_for(synthesis);
    let mut out: Vec<ThemeRollup> = names
        .into_iter()
        .zip(members)
        .filter(|(_, tags)| !tags.is_empty())
        .map(|(name, tags)| theme_rollup(codebook, name, &tags, &mut marks))
        .collect();
    // A stable sort keeps the codebook's order among equals.
    out.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(b.notes.cmp(&a.notes)));
    out
}

/// Tags in use that no theme holds (not a code, or a code without a theme).
pub fn unthemed(synthesis: &Synthesis, codebook: &Codebook) -> Vec<String> {
    synthesis
        .tags
        .iter()
        .filter(|t| codebook.resolve(&t.tag).and_then(|c| c.theme.as_ref()).is_none())
        .map(|t| t.tag.clone())
        .collect()
}

/// The synthesis's tags under each theme of `names`, in the synthesis's
/// order. Each tag is resolved once (resolving walks the codebook).
fn tags_by_theme<'s>(synthesis: &'s Synthesis, codebook: &Codebook, names: &[String]) -> Vec<Vec<&'s Theme>> {
    let mut members: Vec<Vec<&Theme>> = vec![Vec::new(); names.len()];
    for t in &synthesis.themes {
        let theme = codebook.resolve(&t.tag).and_then(|c| c.theme.as_deref());
        if let Some(i) = theme.and_then(|theme| names.iter().position(|n| n == theme)) {
            members[i].push(t);
        }
    }
    members
}

fn theme_rollup(codebook: &Codebook, name: String, tags: &[&Theme], marks: &mut Marks) -> ThemeRollup {
    marks.clear();
    for t in tags {
        t.evidence.iter().for_each(|r| marks.note(*r));
        t.closing.iter().for_each(|&s| marks.session(s));
    }
    let evidence = marks.notes();
    let sessions = marks.sessions();
    let description = codebook.theme(&name).map(|t| t.description.clone()).unwrap_or_default();
    let tags = tags.iter().map(|t| ThemeTag { tag: t.tag.clone(), notes: t.notes, sessions: t.sessions }).collect();
    ThemeRollup { theme: name, description, notes: evidence.len(), sessions, tags, evidence }
}

/// Which notes and interviews a theme's tags reach, as bits: a note is
/// marked however many of the theme's tags it carries, so counting the
/// marks counts distinct notes, and reading them back gives the notes in
/// (session, note) order with no sort. Sized once for the whole synthesis
/// and cleared between themes: the roll-up runs on every filter change
/// (a theme over the whole library reaches ~100,000 notes).
struct Marks {
    /// Bits per session row: one more than the highest note index in use.
    width: usize,
    notes: Vec<u64>,
    sessions: Vec<u64>,
}

impl Marks {
    fn sized_for(synthesis: &Synthesis) -> Marks {
        let mut rows = 0;
        let mut width = 0;
        for t in &synthesis.themes {
            for r in &t.evidence {
                rows = rows.max(r.session + 1);
                width = width.max(r.note + 1);
            }
            rows = t.closing.iter().fold(rows, |rows, &s| rows.max(s + 1));
        }
        Marks { width, notes: vec![0; (rows * width).div_ceil(64)], sessions: vec![0; rows.div_ceil(64)] }
    }

    fn clear(&mut self) {
        self.notes.fill(0);
        self.sessions.fill(0);
    }

    fn note(&mut self, r: NoteRef) {
        let bit = r.session * self.width + r.note;
        self.notes[bit / 64] |= 1 << (bit % 64);
        self.session(r.session);
    }

    fn session(&mut self, s: usize) {
        self.sessions[s / 64] |= 1 << (s % 64);
    }

    fn sessions(&self) -> usize {
        self.sessions.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The marked notes, in (session, note) order.
    fn notes(&self) -> Vec<NoteRef> {
        let mut out = Vec::with_capacity(self.notes.iter().map(|w| w.count_ones() as usize).sum());
        for (i, &word) in self.notes.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let bit = i * 64 + word.trailing_zeros() as usize;
                out.push(NoteRef { session: bit / self.width, note: bit % self.width });
                word &= word - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::{Filter, Options, SessionRecord, synthesize};
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;
    use crate::text::yaml::from_str;
    use std::path::Path;

    fn record(id: &str, day: u32, notes: &[&[&str]]) -> SessionRecord {
        let at = chrono::DateTime::parse_from_rfc3339(&format!("2025-03-{day:02}T10:00:00+00:00")).unwrap();
        let mut s = SessionRecord::new(id, id, "discovery", at);
        for tags in notes {
            s.push_note(Offset(60), Kind::Note, None, tags.iter().copied(), "a note");
        }
        s
    }

    fn codebook() -> Codebook {
        from_str(
            "themes: [{name: Cost, description: Money}]\ncodes:\n\
             - {name: pricing, theme: Cost, aliases: [price]}\n\
             - {name: budget, theme: Cost}\n\
             - {name: trust, theme: Vendor}\n\
             - {name: churn, theme: Retention}\n\
             - {name: export}\n",
            Path::new("c.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn a_theme_counts_distinct_notes_and_interviews_not_sums() {
        let records = vec![
            // One note with two codes of Cost: one note, not two.
            record("a", 1, &[&["pricing", "budget"], &["trust"]]),
            record("b", 2, &[&["price"], &["budget"], &["export"]]),
            record("c", 3, &[&["trust"]]),
        ];
        let syn = synthesize(&records, &[], &Filter::default(), &Options::default());
        let rolled = roll_up(&syn, &codebook());
        let cost = &rolled[0];
        assert_eq!(cost.theme, "Cost");
        assert_eq!(cost.description, "Money");
        assert_eq!((cost.notes, cost.sessions), (3, 2), "the tags' sums would be 4 notes in 4 sessions");
        let tags: Vec<&str> = cost.tags.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(tags, ["budget", "price", "pricing"], "the alias in use counts under its code's theme");
        assert_eq!(cost.share(&syn).of_text(), "2 of 3");
        let vendor = &rolled[1];
        assert_eq!((vendor.theme.as_str(), vendor.notes, vendor.sessions), ("Vendor", 2, 2));
        assert_eq!(rolled.len(), 2, "Retention has no tag in use");
        assert_eq!(unthemed(&syn, &codebook()), ["export"]);
    }

    #[test]
    fn a_themes_evidence_is_each_note_once_in_session_then_note_order() {
        let records = vec![
            record("a", 1, &[&["budget"], &["pricing", "budget"], &["trust"]]),
            record("b", 2, &[&["price"], &["trust"], &["pricing"]]),
        ];
        let syn = synthesize(&records, &[], &Filter::default(), &Options::default());
        let cost = roll_up(&syn, &codebook()).into_iter().find(|t| t.theme == "Cost").unwrap();
        let at = |session, note| NoteRef { session, note };
        assert_eq!(cost.evidence, [at(0, 0), at(0, 1), at(1, 0), at(1, 2)]);
    }

    #[test]
    fn the_filter_of_the_synthesis_applies_to_the_themes() {
        let records = vec![record("a", 1, &[&["pricing"]]), record("b", 20, &[&["pricing"]])];
        let filter = Filter { since: chrono::NaiveDate::from_ymd_opt(2025, 3, 10), ..Filter::default() };
        let syn = synthesize(&records, &[], &filter, &Options::default());
        let rolled = roll_up(&syn, &codebook());
        assert_eq!((rolled[0].notes, rolled[0].sessions), (1, 1));
    }
}
