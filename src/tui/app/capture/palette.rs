//! The tag palette: the tags on offer for a filter, opening the palette on
//! a note, and tagging the note with the chosen one.

use super::palette_rows::RowsKey;
use super::{Capture, Focus, Palette, edit_text};
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::app::tags::{self, TagRow};
use crate::tui::text_input::TextInput;
use std::rc::Rc;

impl Capture {
    /// Tag palette rows for the current filter: fuzzy matches best first, or
    /// every tag (this session's most used first) when the filter is empty.
    /// Kept between frames until what they are made of changes (`palette_rows.rs`).
    pub fn palette_rows(&self) -> Rc<Vec<TagRow>> {
        let key = self.palette_rows_key();
        self.rows_memo.borrow_mut().get(key, || {
            let filter = self.palette_filter();
            let in_session = self.session_tag_counts();
            let rows = tags::rank(filter, &in_session, &tags::candidates(&in_session, self.known_tags.list()));
            crate::tui::app::codebook_tags::offer_codes(rows, filter, self.codebook.as_deref())
        })
    }

    /// Everything [`Capture::palette_rows`] are made of, hashed: the tags
    /// pane's lines are made of the rows, and are not made again while this
    /// and the pane's own state hold.
    pub fn palette_rows_hash(&self) -> u64 {
        self.palette_rows_key().hashed()
    }

    fn palette_rows_key(&self) -> RowsKey {
        RowsKey {
            notes_rev: self.notes_rev,
            notes: self.session.notes.len(),
            filter: self.palette_filter().to_string(),
            known_rev: self.known_tags.rev(),
            codebook: self.codebook.clone(),
        }
    }

    fn palette_filter(&self) -> &str {
        match &self.focus {
            Focus::Palette(p) => p.filter.text(),
            _ => "",
        }
    }

    /// `Session::tag_counts`, counted again only after the session changed.
    pub fn session_tag_counts(&self) -> Vec<(String, usize)> {
        let key = (self.notes_rev, self.session.notes.len());
        let mut memo = self.tag_memo.borrow_mut();
        match &*memo {
            Some((rev, notes, counts)) if (*rev, *notes) == key => counts.clone(),
            _ => {
                let counts = self.session.tag_counts();
                *memo = Some((key.0, key.1, counts.clone()));
                counts
            }
        }
    }

    /// The library's tags came (read off the UI thread after the screen
    /// opened): the palette offers them from now on.
    pub fn library_tags_arrived(&mut self, library_tags: &std::collections::HashMap<String, usize>) {
        self.known_tags.replace(tags::known(&self.guide.tags, library_tags));
        self.library_tags_pending = false;
    }

    pub(super) fn open_palette(&mut self) {
        let (target, from_selected) = match self.focus {
            Focus::Selected(i) => (i, true),
            _ => match self.session.notes.len() {
                0 => {
                    self.message = Some("No note to tag yet: commit one with {commit-note} first.".into());
                    return;
                }
                n => (n - 1, false),
            },
        };
        self.focus = Focus::Palette(Palette { filter: TextInput::default(), highlighted: 0, target, from_selected });
    }

    fn apply_tag(&mut self) -> Vec<Effect> {
        let Focus::Palette(p) = &self.focus else { return vec![] };
        let (target, from_selected, highlighted) = (p.target, p.from_selected, p.highlighted);
        let rows = self.palette_rows();
        let Some(row) = rows.get(highlighted) else { return vec![] };
        if row.new && self.strict_tags {
            let book = self.codebook.clone();
            if let Some(ask) =
                crate::tui::app::codebook_tags::strict_ask(&mut self.strict_pending, &row.tag, book.as_deref())
            {
                self.message = Some(ask);
                return vec![];
            }
        }
        self.focus = if from_selected { Focus::Selected(target) } else { Focus::Typing };
        if self.session.notes[target].tags.contains(&row.tag) {
            self.message = Some(format!("Already tagged #{}.", row.tag));
            return vec![];
        }
        let mut note = self.session.notes[target].clone();
        note.tags.push(row.tag.clone());
        self.message = Some(format!("Tagged #{}.", row.tag));
        if row.new {
            self.known_tags.add_new(&row.tag);
        }
        vec![self.change(target, note)]
    }

    /// A key in the tag palette.
    pub(super) fn palette_key(&mut self, action: Action) -> Vec<Effect> {
        let Focus::Palette(p) = &mut self.focus else { return vec![] };
        match action {
            Action::MoveUp => {
                p.highlighted = p.highlighted.saturating_sub(1);
                vec![]
            }
            Action::MoveDown => {
                p.highlighted += 1;
                let len = self.palette_rows().len();
                if let Focus::Palette(p) = &mut self.focus {
                    p.highlighted = p.highlighted.min(len.saturating_sub(1));
                }
                vec![]
            }
            Action::ApplyTag => self.apply_tag(),
            Action::Back => {
                self.focus = if p.from_selected { Focus::Selected(p.target) } else { Focus::Typing };
                vec![]
            }
            action => {
                edit_text(&mut p.filter, action);
                p.highlighted = 0;
                vec![]
            }
        }
    }
}
