//! The tag palette's rows, kept between frames. The tags pane shows them on
//! every frame, and ranking them (every known tag against the session's, for
//! the filter) on every key was a twentieth of a keystroke's frame. They are
//! ranked again only when something they are made of changed: the notes (the
//! notes revision), the filter, the known tags, or the codebook.

use crate::domain::codebook::Codebook;
use crate::tui::app::tags::TagRow;
use crate::tui::revision;
use std::rc::Rc;
use std::sync::Arc;

/// Tags known from the guide and the library, with library-wide counts. Its
/// revision moves with every change, which only its methods can make.
#[derive(Debug, Clone)]
pub(super) struct KnownTags {
    list: Vec<(String, usize)>,
    rev: u64,
}

impl KnownTags {
    pub(super) fn new(list: Vec<(String, usize)>) -> KnownTags {
        KnownTags { list, rev: revision::next() }
    }

    pub(super) fn replace(&mut self, list: Vec<(String, usize)>) {
        *self = KnownTags::new(list);
    }

    /// A tag made on this screen: known from now on, used nowhere else yet.
    pub(super) fn add_new(&mut self, tag: &str) {
        if !self.list.iter().any(|(known, _)| known == tag) {
            self.list.push((tag.to_string(), 0));
            self.rev = revision::next();
        }
    }

    pub(super) fn list(&self) -> &[(String, usize)] {
        &self.list
    }

    pub(super) fn rev(&self) -> u64 {
        self.rev
    }
}

/// What the rows are made of (besides the session's tag counts, which the
/// notes revision stands for).
#[derive(Debug, Clone)]
pub(super) struct RowsKey {
    pub notes_rev: u64,
    pub notes: usize,
    pub filter: String,
    pub known_rev: u64,
    /// Held, so that its address is not reused while the key is kept.
    pub codebook: Option<Arc<Codebook>>,
}

impl PartialEq for RowsKey {
    fn eq(&self, other: &RowsKey) -> bool {
        let same_book = match (&self.codebook, &other.codebook) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_book
            && self.notes_rev == other.notes_rev
            && self.notes == other.notes
            && self.known_rev == other.known_rev
            && self.filter == other.filter
    }
}

impl RowsKey {
    /// The key as a number, for the tags pane's key (`ui::capture`).
    pub(super) fn hashed(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let book = self.codebook.as_ref().map(|b| Arc::as_ptr(b) as usize);
        (self.notes_rev, self.notes, &self.filter, self.known_rev, book).hash(&mut h);
        h.finish()
    }
}

/// The last rows made, by their key.
#[derive(Debug, Clone, Default)]
pub(super) struct RowsMemo(Option<(RowsKey, Rc<Vec<TagRow>>)>);

impl RowsMemo {
    /// The kept rows when `key` is theirs, else `make`'s (kept from now on).
    /// Debug builds make them anyway and refuse kept rows that differ, so
    /// every test checks that the key misses no change.
    pub(super) fn get(&mut self, key: RowsKey, make: impl FnOnce() -> Vec<TagRow>) -> Rc<Vec<TagRow>> {
        match &self.0 {
            Some((k, rows)) if *k == key => {
                if cfg!(debug_assertions) {
                    assert!(
                        **rows == make(),
                        "the palette's rows changed, but not their key: the key misses something"
                    );
                }
                rows.clone()
            }
            _ => {
                let rows = Rc::new(make());
                self.0 = Some((key, rows.clone()));
                rows
            }
        }
    }
}
