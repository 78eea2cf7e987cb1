//! The codebook in the live screen: a note's alias tags are stored under
//! their code's name, and the footer says so the first time.

use super::Capture;
use crate::tui::app::codebook_tags::canonical_tags;

impl Capture {
    /// `tags` with aliases replaced by their code's name; remembers what was
    /// replaced for [`Capture::say_aliases_once`].
    pub(super) fn as_codes(&mut self, tags: Vec<String>) -> Vec<String> {
        let (tags, replaced) = canonical_tags(tags, self.codebook.as_deref());
        if let Some(first) = replaced.first()
            && !self.alias_said
        {
            self.alias_pending = Some(first.clone());
        }
        tags
    }

    /// Says once per session, after the note is stored, that an alias became its code.
    pub(super) fn say_aliases_once(&mut self) {
        if let Some(what) = self.alias_pending.take() {
            self.alias_said = true;
            self.message = Some(format!("Stored {what}: the codebook's name for it."));
        }
    }
}
