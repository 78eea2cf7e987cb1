//! The library's segments offered under the new-interview form's Segment
//! field, as the roster offers names under the participant's: what the
//! library already calls its segments, so "mid-market" is not typed again as
//! "midmarket" and split in the synthesis. Read from the library in memory;
//! nothing here touches a disk.

use super::home::{Field, NewForm};
use crate::domain::session::slug;
use crate::store::library::Library;
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;

/// How many segments the list under the field shows at most.
pub const SHOWN: usize = 4;

/// A segment of the library, as the form offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentChoice {
    pub name: String,
    /// Interviews in the library with this segment.
    pub sessions: usize,
}

/// Every segment in the library with its interviews, most used first (then
/// by name, case aside), each spelling once.
pub fn library_segments(lib: &Library) -> Vec<SegmentChoice> {
    let mut out: Vec<SegmentChoice> = Vec::new();
    let named = lib.sessions.iter().filter_map(|s| s.info.as_ref().ok()?.segment.as_deref());
    for name in named.map(str::trim).filter(|n| !n.is_empty()) {
        match out.iter_mut().find(|c| c.name == name) {
            Some(c) => c.sessions += 1,
            None => out.push(SegmentChoice { name: name.to_string(), sessions: 1 }),
        }
    }
    out.sort_by(|a, b| b.sessions.cmp(&a.sessions).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    out
}

/// Text folded for matching: lower case, accents and punctuation aside
/// ("Mid-Market" is "mid market"), as the roster matches names.
fn folded(text: &str) -> String {
    slug(text).replace('-', " ")
}

/// The segments matching `typed`, best first (at most `SHOWN`), as indices
/// into `segments`: the most used ones while nothing is typed, none once the
/// field says one of them exactly.
pub fn suggestions(segments: &[SegmentChoice], typed: &str) -> Vec<usize> {
    use fuzzy_matcher::FuzzyMatcher;
    let query = folded(typed);
    if segments.iter().any(|s| s.name == typed.trim()) {
        return vec![];
    }
    if query.is_empty() {
        return (0..segments.len().min(SHOWN)).collect();
    }
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize)> = segments
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((matcher.fuzzy_match(&folded(&s.name), &query)?, i)))
        .collect();
    // Ties keep the library's order: the most used first.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(SHOWN).map(|(_, i)| i).collect()
}

impl NewForm {
    /// The segments offered under the field right now: while it has the focus.
    pub fn offered_segments(&self, segments: &[SegmentChoice]) -> Vec<usize> {
        if self.field != Field::Segment {
            return vec![];
        }
        suggestions(segments, self.segment.text())
    }

    /// What the segment list does with a key; the key back when it is the
    /// form's to handle. The same keys as the roster list: ↓/↑ walk the list
    /// (↑ off its top leaves it); with a row highlighted, Tab or Enter picks
    /// it and Esc leaves the list.
    pub fn segment_key(&mut self, segments: &[SegmentChoice], action: Action) -> Option<Action> {
        let offered = self.offered_segments(segments);
        if offered.is_empty() {
            self.segment_highlight = None;
            return Some(action);
        }
        match (action, self.segment_highlight) {
            (Action::MoveDown, h) => {
                self.segment_highlight = Some(h.map_or(0, |h| (h + 1).min(offered.len() - 1)));
                None
            }
            (Action::MoveUp, Some(h)) => {
                self.segment_highlight = h.checked_sub(1);
                None
            }
            (Action::NextField | Action::StartInterview, Some(h)) => {
                self.segment = TextInput::with_text(&segments[offered[h.min(offered.len() - 1)]].name);
                self.segment_highlight = None;
                None
            }
            (Action::Back, Some(_)) => {
                self.segment_highlight = None;
                None
            }
            (other, _) => {
                // Typing changes the list: the highlight starts over.
                self.segment_highlight = None;
                Some(other)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(names: &[(&str, usize)]) -> Vec<SegmentChoice> {
        names.iter().map(|(n, k)| SegmentChoice { name: n.to_string(), sessions: *k }).collect()
    }

    #[test]
    fn segments_match_as_typed_ignoring_case_and_punctuation() {
        let s = segs(&[("mid-market", 5), ("enterprise", 3), ("SMB", 2), ("public sector", 1)]);
        let names =
            |typed: &str| -> Vec<&str> { suggestions(&s, typed).into_iter().map(|i| s[i].name.as_str()).collect() };
        assert_eq!(names("mid"), ["mid-market"]);
        assert_eq!(names("MIDMARKET"), ["mid-market"], "the variant finds the library's spelling");
        assert_eq!(names("smb"), ["SMB"]);
        assert_eq!(names("pub sec"), ["public sector"]);
        assert_eq!(names(""), ["mid-market", "enterprise", "SMB", "public sector"], "the most used first");
        assert!(names("mid-market").is_empty(), "nothing to offer once it says one");
        assert!(names("zzz").is_empty());
    }

    #[test]
    fn picking_a_segment_fills_the_field() {
        let s = segs(&[("mid-market", 5), ("enterprise", 3)]);
        let mut form = NewForm::new(0);
        form.field = Field::Segment;
        form.segment = TextInput::with_text("ent");
        assert_eq!(form.segment_key(&s, Action::MoveDown), None);
        assert_eq!(form.segment_highlight, Some(0));
        assert_eq!(form.segment_key(&s, Action::NextField), None, "Tab picks the highlighted one");
        assert_eq!(form.segment.text(), "enterprise");
        assert_eq!(form.segment_key(&s, Action::NextField), Some(Action::NextField), "then Tab moves on");
        // Without a highlight the keys are the form's: Enter starts, Esc cancels.
        form.segment = TextInput::with_text("mid");
        assert_eq!(form.segment_key(&s, Action::StartInterview), Some(Action::StartInterview));
        assert_eq!(form.segment_key(&s, Action::Back), Some(Action::Back));
    }
}
