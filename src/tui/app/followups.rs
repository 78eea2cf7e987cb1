//! The follow-ups screen: every follow-up in the library, opened in its
//! session or marked done from the list.

use super::{App, Effect, Screen, list};
use crate::tui::action::Action;

impl App {
    /// Every follow-up in the library: (session index, note index, text, done).
    pub fn followups(&self) -> Vec<(usize, usize, &str, bool)> {
        let mut out = Vec::new();
        for (si, s) in self.library.sessions.iter().enumerate() {
            if let Ok(info) = &s.info {
                out.extend(info.followups.iter().map(|(ni, text, done)| (si, *ni, text.as_str(), *done)));
            }
        }
        out
    }

    pub(super) fn update_followups(&mut self, action: Action) -> Vec<Effect> {
        let items: Vec<(usize, usize, bool)> =
            self.followups().into_iter().map(|(si, ni, _, done)| (si, ni, done)).collect();
        let Screen::Followups(selected) = &mut self.screen else { return vec![] };
        if let Some(row) = list::moved(*selected, items.len(), &action) {
            *selected = row;
            return vec![];
        }
        match action {
            Action::Back | Action::Quit => self.screen = Screen::Home,
            Action::OpenSession => {
                if let Some((si, _, _)) = items.get(*selected) {
                    return vec![Effect::Review(self.library.sessions[*si].path.clone())];
                }
            }
            Action::ToggleDone => {
                // Shown done only once the file says so (see `followup_saved`).
                if let Some((si, ni, done)) = items.get(*selected).copied() {
                    return vec![Effect::SetDone {
                        path: self.library.sessions[si].path.clone(),
                        index: ni,
                        done: !done,
                    }];
                }
            }
            _ => {}
        }
        vec![]
    }
}
