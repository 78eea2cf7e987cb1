//! The follow-ups screen: every follow-up in the library, grouped by
//! interview, open ones only unless asked, narrowed by a typed filter,
//! opened in its session on the follow-up itself or marked done from the list.

use super::{App, Effect, Screen, list};
use crate::store::library::SessionInfo;
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;

/// The follow-ups screen's state; kept while one of its sessions is open, so
/// Esc there comes back to the same row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FollowupsView {
    /// The highlighted follow-up, among those shown.
    pub selected: usize,
    /// Done ones too (`a`); open ones only by default.
    pub show_done: bool,
    /// The filter line: free words and `key:value` words.
    pub filter: TextInput,
    /// Typing the filter (`/`).
    pub filtering: bool,
}

/// One follow-up: (session index, note index, text, done).
pub type Followup<'a> = (usize, usize, &'a str, bool);

/// A line of the grouped list: an interview's heading, or a follow-up (its
/// place among those shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupRow {
    Interview { session: usize, open: usize },
    Item(usize),
}

impl App {
    /// Every follow-up in the library: (session index, note index, text, done).
    pub fn followups(&self) -> Vec<Followup<'_>> {
        let mut out = Vec::new();
        for (si, s) in self.library.sessions.iter().enumerate() {
            if let Ok(info) = &s.info {
                out.extend(info.followups.iter().map(|(ni, text, done)| (si, *ni, text.as_str(), *done)));
            }
        }
        out
    }

    /// The follow-ups `view` shows, interview by interview, and the filter's
    /// complaint when it cannot be read (then only its free words apply).
    pub fn shown_followups(&self, view: &FollowupsView) -> (Vec<Followup<'_>>, Option<String>) {
        let (query, problem) = followup_query(view.filter.text(), self.now.date_naive());
        let shown = self
            .followups()
            .into_iter()
            .filter(|(si, _, text, done)| {
                (view.show_done || !done)
                    && self.library.sessions[*si].info.as_ref().is_ok_and(|info| query.keeps(info, text))
            })
            .collect();
        (shown, problem)
    }

    pub(super) fn update_followups(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Followups(view) = &self.screen else { return vec![] };
        let items: Vec<(usize, usize, bool)> =
            self.shown_followups(view).0.into_iter().map(|(si, ni, _, done)| (si, ni, done)).collect();
        let Screen::Followups(view) = &mut self.screen else { return vec![] };
        view.selected = view.selected.min(items.len().saturating_sub(1));
        if view.filtering {
            match action {
                Action::ApplyTag => view.filtering = false,
                Action::Back => {
                    view.filter = TextInput::default();
                    view.filtering = false;
                }
                other => {
                    super::capture::edit_text(&mut view.filter, other);
                    view.selected = 0;
                }
            }
            return vec![];
        }
        if let Some(row) = list::moved(view.selected, items.len(), &action) {
            view.selected = row;
            return vec![];
        }
        match action {
            Action::Back | Action::Quit => self.screen = Screen::Home,
            Action::FilterLibrary => view.filtering = true,
            Action::ShowDone => {
                view.show_done = !view.show_done;
                // Stay on the same follow-up when it is still shown.
                let current = items.get(view.selected).map(|(si, ni, _)| (*si, *ni));
                let show_done = view.show_done;
                let Screen::Followups(v) = &self.screen else { return vec![] };
                let now: Vec<(usize, usize)> =
                    self.shown_followups(v).0.into_iter().map(|(si, ni, _, _)| (si, ni)).collect();
                let at = current.and_then(|c| now.iter().position(|x| *x == c)).unwrap_or(0);
                if let Screen::Followups(v) = &mut self.screen {
                    v.selected = at;
                }
                self.message =
                    Some(if show_done { "Done follow-ups shown too." } else { "Open follow-ups only." }.into());
            }
            Action::OpenSession => {
                if let Some((si, ni, _)) = items.get(view.selected) {
                    // On the follow-up itself; Esc there comes back here.
                    self.jump_note = Some(*ni);
                    self.message = Some("Opened from the follow-ups: {back} goes back to them.".into());
                    return vec![Effect::Review(self.library.sessions[*si].path.clone())];
                }
            }
            Action::ToggleDone => {
                // Shown done only once the file says so (see `followup_saved`).
                if let Some((si, ni, done)) = items.get(view.selected).copied() {
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

    /// Leaving the follow-ups for one of their sessions: keep the list to come back to.
    pub(super) fn park_followups(&mut self) {
        if matches!(self.screen, Screen::Followups(_))
            && let Screen::Followups(v) = std::mem::replace(&mut self.screen, Screen::Home)
        {
            self.parked_followups = Some(v);
        }
    }
}

/// The grouped list: a heading before each interview's follow-ups (with how
/// many of them are open), then the follow-ups.
pub fn grouped(items: &[Followup<'_>]) -> Vec<FollowupRow> {
    let mut rows = Vec::with_capacity(items.len() + items.len() / 4);
    for (k, (si, ..)) in items.iter().enumerate() {
        if k == 0 || items[k - 1].0 != *si {
            let open = items[k..].iter().take_while(|f| f.0 == *si).filter(|f| !f.3).count();
            rows.push(FollowupRow::Interview { session: *si, open });
        }
        rows.push(FollowupRow::Item(k));
    }
    rows
}

/// What the filter line asks for, read by the one filter language: its
/// `key:value` words pick the interviews as they do in the library and the
/// synthesis; its free words are looked for in each follow-up (its text,
/// the participant or the company), since a follow-up is what is listed.
#[derive(Debug, Default)]
struct FollowupQuery {
    filter: crate::analysis::synthesis::Filter,
    words: Vec<String>,
}

impl FollowupQuery {
    fn keeps(&self, info: &SessionInfo, text: &str) -> bool {
        // Its free words were taken out: they are looked for in the follow-up below.
        if !self.filter.keeps(&crate::store::library::Row::without_notes(info)) {
            return false;
        }
        let text = text.to_lowercase();
        let who = info.participant.to_lowercase();
        let company = info.company.as_deref().unwrap_or("").to_lowercase();
        self.words.iter().all(|w| text.contains(w) || who.contains(w) || company.contains(w))
    }
}

/// Reads the filter line through the app's one filter parser.
fn followup_query(line: &str, today: chrono::NaiveDate) -> (FollowupQuery, Option<String>) {
    match crate::analysis::synthesis::parse_filter(line, today) {
        Ok(mut filter) => {
            let words = std::mem::take(&mut filter.words).into_iter().map(|w| w.to_lowercase()).collect();
            (FollowupQuery { filter, words }, None)
        }
        Err(e) => (FollowupQuery::default(), Some(e)),
    }
}
