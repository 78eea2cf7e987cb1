//! Themes above tags: the synthesis's tags rolled up to the codebook's
//! themes. A theme counts DISTINCT notes and interviews (a note tagged with
//! two codes of one theme counts once), never the sum of its tags' counts.
//! A code's aliases used as tags count under the code's theme. The screen
//! and every report format read these figures, so they agree.

use crate::analysis::figures::Share;
use crate::analysis::synthesis::{NoteRef, Synthesis};
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
    let mut out: Vec<ThemeRollup> =
        codebook.theme_names().into_iter().filter_map(|name| theme_rollup(synthesis, codebook, name)).collect();
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

fn theme_rollup(synthesis: &Synthesis, codebook: &Codebook, name: String) -> Option<ThemeRollup> {
    let in_theme = |tag: &str| codebook.resolve(tag).is_some_and(|c| c.theme.as_deref() == Some(name.as_str()));
    // Sorted vectors, not sets: a theme over the whole library holds ~100,000 notes.
    let mut notes: Vec<NoteRef> = Vec::new();
    let mut sessions: Vec<usize> = Vec::new();
    let mut tags = Vec::new();
    for t in synthesis.themes.iter().filter(|t| in_theme(&t.tag)) {
        notes.extend(t.evidence.iter().copied());
        sessions.extend(t.evidence.iter().map(|r| r.session));
        sessions.extend(t.closing.iter().copied());
        tags.push(ThemeTag { tag: t.tag.clone(), notes: t.notes, sessions: t.sessions });
    }
    if tags.is_empty() {
        return None;
    }
    notes.sort_unstable();
    notes.dedup();
    sessions.sort_unstable();
    sessions.dedup();
    let description = codebook.theme(&name).map(|t| t.description.clone()).unwrap_or_default();
    Some(ThemeRollup { theme: name, description, notes: notes.len(), sessions: sessions.len(), tags, evidence: notes })
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
    fn the_filter_of_the_synthesis_applies_to_the_themes() {
        let records = vec![record("a", 1, &[&["pricing"]]), record("b", 20, &[&["pricing"]])];
        let filter = Filter { since: chrono::NaiveDate::from_ymd_opt(2025, 3, 10), ..Filter::default() };
        let syn = synthesize(&records, &[], &filter, &Options::default());
        let rolled = roll_up(&syn, &codebook());
        assert_eq!((rolled[0].notes, rolled[0].sessions), (1, 1));
    }
}
