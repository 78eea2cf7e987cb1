//! Quick tagging in the session view: one note at a time, only the notes
//! that had no tag (a key shows every note), a tag on a number key or found
//! by typing, and, when walking the whole library, on to the next interview
//! by itself once this one's untagged notes are done.

use super::Effect;
use super::capture::edit_text;
use super::review::{Review, ReviewMode};
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;

/// Quick tagging: one note at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickTag {
    /// Note indices in the order they are walked: the notes untagged when
    /// tagging started, or every note when `all`.
    pub queue: Vec<usize>,
    pub pos: usize,
    /// The nine most used tags, on keys 1–9 (fixed while tagging, so keys never move).
    pub top: Vec<String>,
    /// `/`: a fuzzy search over every tag.
    pub search: Option<(TextInput, usize)>,
    /// `d` (remove-tag): waiting for the number of the note's tag to remove.
    pub removing: bool,
    /// Every note is walked, not only the untagged ones; a tag then keeps
    /// the note (to add a second one) instead of moving on.
    pub all: bool,
    /// By note index: the note had no tag when tagging started. The queue
    /// and the counter keep to these, so a note tagged a moment ago is still
    /// counted as done, not dropped.
    pub was_untagged: Vec<bool>,
}

impl QuickTag {
    pub fn current(&self) -> Option<usize> {
        self.queue.get(self.pos).copied()
    }

    /// How many of the notes that were untagged this walk has reached, the
    /// current one included, and how many there are in this session.
    pub fn untagged_position(&self) -> (usize, usize) {
        let was = |i: &usize| self.was_untagged.get(*i).copied().unwrap_or(false);
        let reached = self.queue.iter().take(self.pos + 1).filter(|i| was(i)).count();
        (reached, self.was_untagged.iter().filter(|w| **w).count())
    }
}

/// Where one session stands in a walk over the library's untagged notes,
/// from the library's counts (no file is read to know it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    /// Untagged notes in the interviews walked before this one.
    pub before: usize,
    /// Untagged notes in every interview of the walk.
    pub total: usize,
    /// Untagged notes in this interview when the walk began.
    pub here: usize,
    /// This interview's place in the walk, from 1.
    pub interview: usize,
    pub interviews: usize,
}

impl Walk {
    /// Which untagged note of the whole walk the current one is, from 1:
    /// notes of this interview tagged before tagging (re)started count as done.
    pub fn nth(&self, q: &QuickTag) -> usize {
        let (reached, untagged_at_start) = q.untagged_position();
        self.before + self.here.saturating_sub(untagged_at_start) + reached
    }

    /// Where `path` stands among `sessions` (each with its untagged count
    /// when the walk began), or `None` when it is not one of them.
    pub fn locate(sessions: &[(std::path::PathBuf, usize)], path: &std::path::Path) -> Option<Walk> {
        let at = sessions.iter().position(|(p, _)| p == path)?;
        Some(Walk {
            before: sessions[..at].iter().map(|(_, n)| n).sum(),
            here: sessions[at].1,
            total: sessions.iter().map(|(_, n)| n).sum(),
            interview: at + 1,
            interviews: sessions.len(),
        })
    }
}

impl Review {
    /// Starts quick tagging on the untagged notes in display order (every
    /// note when none is untagged).
    pub fn start_tagging(&mut self) {
        let was_untagged: Vec<bool> = self.session.notes.iter().map(|n| n.tags.is_empty()).collect();
        let order = self.order();
        let untagged: Vec<usize> = order.iter().copied().filter(|i| was_untagged[*i]).collect();
        let all = untagged.is_empty();
        let queue = if all { order } else { untagged };
        // The library's most used tags (its counts include this session as it
        // was opened), then tags only this session has.
        let mut counts: Vec<(String, usize)> = self.known_tags.clone();
        for (t, n) in self.session.tag_counts() {
            if !counts.iter().any(|(x, _)| *x == t) {
                counts.push((t, n));
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let top = counts.into_iter().take(9).map(|(t, _)| t).collect();
        self.mode =
            ReviewMode::Tagging(QuickTag { queue, pos: 0, top, search: None, removing: false, all, was_untagged });
    }

    pub(super) fn tagging(&mut self, action: Action) -> Vec<Effect> {
        let ReviewMode::Tagging(q) = &mut self.mode else { return vec![] };
        if let Some((filter, highlighted)) = &mut q.search {
            match action {
                Action::Back => q.search = None,
                Action::MoveUp => *highlighted = highlighted.saturating_sub(1),
                Action::MoveDown => *highlighted += 1,
                Action::ApplyTag => return self.apply_searched(),
                other => {
                    edit_text(filter, other);
                    *highlighted = 0;
                }
            }
            return vec![];
        }
        let Some(current) = q.current() else {
            self.mode = ReviewMode::Browse;
            return vec![];
        };
        if q.removing {
            q.removing = false;
            if let Action::TopTag(n) = action {
                let mut note = self.session.notes[current].clone();
                if n >= 1 && n <= note.tags.len() {
                    let removed = note.tags.remove(n - 1);
                    self.message = Some(format!("Removed #{removed}."));
                    return vec![self.change(current, note)];
                }
            }
            return vec![];
        }
        match action {
            Action::TopTag(n) => {
                if let Some(tag) = q.top.get(n.wrapping_sub(1)).cloned() {
                    return self.add_tag(tag);
                }
            }
            Action::SearchTags => q.search = Some((TextInput::default(), 0)),
            Action::ShowAllNotes => self.toggle_all_notes(),
            Action::ToggleStar => return vec![self.toggle_star(current)],
            Action::RemoveTag => {
                if self.session.notes[current].tags.is_empty() {
                    self.message = Some("This note has no tag to remove.".into());
                } else {
                    q.removing = true;
                }
            }
            Action::NextNote => return self.next_note(),
            Action::PrevNote => q.pos = q.pos.saturating_sub(1),
            Action::Undo => return self.undo(),
            Action::Back => {
                // Leave with the note that was being tagged selected.
                let order = self.order();
                self.selected = order.iter().position(|i| *i == current).unwrap_or(0);
                self.mode = ReviewMode::Browse;
            }
            _ => {}
        }
        vec![]
    }

    /// Enter in the tag search: the highlighted tag, created if new (asked
    /// first when the codebook is strict).
    fn apply_searched(&mut self) -> Vec<Effect> {
        let ReviewMode::Tagging(QuickTag { search: Some((_, highlighted)), .. }) = &self.mode else { return vec![] };
        let h = *highlighted;
        let rows = self.search_rows();
        let Some(row) = rows.get(h.min(rows.len().saturating_sub(1))) else { return vec![] };
        let tag = row.tag.clone();
        if row.new && self.strict_tags {
            let book = self.codebook.clone();
            let ask = crate::tui::app::codebook_tags::strict_ask(&mut self.strict_pending, &tag, book.as_deref());
            if let Some(ask) = ask {
                self.message = Some(ask);
                return vec![];
            }
        }
        if row.new {
            self.known_tags.push((tag.clone(), 0));
        }
        if let ReviewMode::Tagging(q) = &mut self.mode {
            q.search = None;
        }
        self.add_tag(tag)
    }

    /// The next note of the queue; past the last, the next interview of a
    /// library walk.
    fn next_note(&mut self) -> Vec<Effect> {
        let ReviewMode::Tagging(q) = &mut self.mode else { return vec![] };
        if q.pos + 1 < q.queue.len() {
            q.pos += 1;
        } else if let Some(next) = self.next_sessions.first().cloned() {
            self.next_sessions.remove(0);
            // The main loop closes this session only once the next one can be opened.
            return vec![Effect::TagSession { path: next, rest: std::mem::take(&mut self.next_sessions) }];
        } else {
            let what = if q.all { "note" } else { "untagged note" };
            self.message = Some(format!("That was the last {what}."));
        }
        vec![]
    }

    /// `a`: every note, or back to the untagged ones, staying on the same note
    /// (or the next untagged one after it).
    fn toggle_all_notes(&mut self) {
        let order = self.order();
        let ReviewMode::Tagging(q) = &mut self.mode else { return };
        let current = q.current();
        let was = |i: &usize| q.was_untagged.get(*i).copied().unwrap_or(false);
        let untagged: Vec<usize> = order.iter().copied().filter(was).collect();
        if !q.all {
            q.all = true;
            q.queue = order;
            q.pos = current.and_then(|c| q.queue.iter().position(|i| *i == c)).unwrap_or(0);
            self.message = Some("Every note: a tag now stays on the note.".into());
            return;
        }
        if untagged.is_empty() {
            self.message = Some("Every note had a tag already: showing them all.".into());
            return;
        }
        let at = current.and_then(|c| order.iter().position(|i| *i == c)).unwrap_or(0);
        q.pos = untagged
            .iter()
            .position(|i| order.iter().position(|o| o == i).is_some_and(|p| p >= at))
            .unwrap_or(untagged.len() - 1);
        q.queue = untagged;
        q.all = false;
        self.message = Some("Only the notes that had no tag.".into());
    }

    fn add_tag(&mut self, tag: String) -> Vec<Effect> {
        let ReviewMode::Tagging(q) = &self.mode else { return vec![] };
        let Some(current) = q.current() else { return vec![] };
        let mut note = self.session.notes[current].clone();
        if note.tags.contains(&tag) {
            self.message = Some(format!("Already tagged #{tag}."));
            return vec![];
        }
        note.tags.push(tag.clone());
        let mut effects = vec![self.change(current, note)];
        // Walking the untagged notes, one tag is the note's answer: on to the next.
        if matches!(&self.mode, ReviewMode::Tagging(q) if !q.all) {
            effects.extend(self.next_note());
        }
        let said = self.message.take().map(|m| format!(" {m}")).unwrap_or_default();
        self.message = Some(format!("Tagged #{tag}.{said}"));
        effects
    }
}
