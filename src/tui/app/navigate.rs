//! Moving between screens: opening a session in the live screen or the
//! session view, starting a new interview, and going back to where a session
//! was opened from. Apart from `update`, which only decides when.

use super::capture::{self, Capture};
use super::review::Review;
use super::{App, Effect, Screen};
use crate::domain::guide::Guide;
use crate::domain::session::{self, Participant, Session};
use crate::store::library::{SessionInfo, Summary};
use crate::store::recovery::Pending;
use std::path::PathBuf;

impl App {
    /// Shows the recovery screen first when journals hold unsaved changes.
    pub fn offer_recovery(&mut self, pending: Vec<Pending>) {
        if !pending.is_empty() {
            self.screen = Screen::Recovery(pending);
        }
    }

    /// Opens the live screen on a session read from disk (`resume`, or
    /// chosen in the library). The effect starts its journal.
    pub fn open_capture(&mut self, session: Session, guide: Guide, path: PathBuf) -> Effect {
        let tags = self.library.tag_counts();
        let mut capture = Capture::new(session, guide, path, &tags, self.now);
        capture.reminder_minutes = self.closing_reminder_minutes;
        capture.codebook = self.codebook.clone();
        capture.strict_tags = self.codebook_strict;
        capture.library_tags_pending = self.library_loading;
        let effect =
            Effect::Begin { path: capture.path.clone(), session: Box::new(capture.session.clone()), fresh: false };
        self.screen = Screen::Capture(Box::new(capture));
        effect
    }

    /// Opens the session view on a session read from disk; with `tagging`,
    /// straight into quick tagging (walking `rest` afterwards).
    pub fn open_review(
        &mut self,
        session: Session,
        guide: Guide,
        path: PathBuf,
        tagging: Option<Vec<PathBuf>>,
    ) -> Effect {
        let mut review = Review::new(session, guide, path, &self.library.tag_counts());
        review.codebook = self.codebook.clone();
        review.strict_tags = self.codebook_strict;
        if let Some(note) = self.jump_note.take() {
            review.select_note(note);
        }
        self.park_synthesis();
        self.park_followups();
        if let Some(rest) = tagging {
            review.walk = self.tag_walk.as_deref().and_then(|w| super::review::Walk::locate(w, &review.path));
            review.next_sessions = rest;
            review.start_tagging();
        }
        let effect =
            Effect::Begin { path: review.path.clone(), session: Box::new(review.session.clone()), fresh: false };
        self.screen = Screen::Review(Box::new(review));
        effect
    }

    /// Leaving the synthesis for one of its notes: keep it to come back to.
    pub(super) fn park_synthesis(&mut self) {
        if matches!(self.screen, Screen::Synthesis(_))
            && let Screen::Synthesis(s) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.parked_synthesis = Some(s);
        }
    }

    /// A new session from a guide and a participant; the effect writes it at once
    /// so the interview exists on disk before the first note.
    pub fn start_session(&mut self, mut guide: Guide, participant: Participant) -> Effect {
        guide.consent |= self.require_consent;
        // A fresh nonce per session (splitmix64 step): ids stay unique across machines.
        self.nonce = self.nonce.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.nonce;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        let id = session::make_id(self.now, &participant.name, z ^ (z >> 31), |id| {
            self.library.ids().any(|x| x == id) || crate::store::paths::session_file_in(&self.sessions_dir, id).exists()
        });
        let started = capture::whole_seconds(self.now);
        let s = Session::new(id.clone(), &guide.name, &guide.title, participant, started);
        let path = crate::store::paths::session_file_in(&self.sessions_dir, &id);
        let lint = crate::analysis::lint::summary(&guide);
        let effect = match self.open_capture(s, guide, path) {
            Effect::Begin { path, session, .. } => Effect::Begin { path, session, fresh: true },
            other => other,
        };
        // The guide coaches, it does not block: say so once, without taking the focus.
        if let (Some(text), Screen::Capture(c)) = (lint, &mut self.screen) {
            c.message = Some(format!("This guide has {text}"));
        }
        effect
    }

    /// Where Esc leaves the session view for, in the footer's words: the
    /// same order as [`App::go_home`] takes.
    pub fn back_from_session(&self) -> &'static str {
        if self.parked_synthesis.is_some() {
            "synthesis"
        } else if self.parked_followups.is_some() {
            "follow-ups"
        } else {
            "library"
        }
    }

    /// Back to where the session was opened from: the synthesis, if a jump
    /// from it opened the session (then the number of the load that reads
    /// the library again), else the library.
    pub(super) fn go_home(&mut self) -> Option<u64> {
        self.refresh_library_row();
        self.jump_note = None;
        self.tag_walk = None;
        match self.parked_synthesis.take() {
            Some(mut s) => {
                let load = s.request_load();
                self.screen = Screen::Synthesis(s);
                Some(load)
            }
            None => {
                self.screen = match self.parked_followups.take() {
                    Some(list) => Screen::Followups(list),
                    None => Screen::Home,
                };
                None
            }
        }
    }

    /// Updates the library's row of the open session from memory, before it
    /// is left: counts and tags must not be stale when the library shows again.
    pub fn refresh_library_row(&mut self) {
        let open = match &self.screen {
            Screen::Capture(c) => Some((&c.session, &c.path)),
            Screen::Review(r) => Some((&r.session, &r.path)),
            _ => None,
        };
        if let Some((session, path)) = open {
            let summary = Summary {
                id: session.id.clone(),
                path: path.clone(),
                info: Ok(SessionInfo::of(session)),
                journal: false,
            };
            match self.library.sessions.iter_mut().find(|s| s.id == summary.id) {
                Some(slot) => *slot = summary,
                None => self.library.sessions.insert(0, summary),
            }
            // Its tags and counts may filter and sort it elsewhere now.
            self.home.view.library_changed();
        }
    }
}
