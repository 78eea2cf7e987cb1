//! The home screen's model: the library list and the new-interview form,
//! and what the keys do there.

use super::capture::edit_text;
pub use super::library_view::{Facet, LibraryView, Sort};
use super::synthesis::SynthScreen;
use super::{App, Effect, Screen, list};
use crate::analysis::synthesis::Filter;
use crate::domain::session::Participant;
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Home {
    /// Position in the visible (filtered, sorted) list.
    pub selected: usize,
    pub form: Option<NewForm>,
    pub view: LibraryView,
    /// The study's roster, read when the form opens, offered as the name is typed.
    pub roster: Vec<super::roster_pick::RosterChoice>,
    /// The library's segments with their counts, offered under Segment:
    /// counted once when the form opens (and when the library arrives), not
    /// on every key or frame.
    pub segments: Vec<super::segment_pick::SegmentChoice>,
}

/// The text fields of the new-interview form, in Tab order. The guide is
/// not one of them: ↑↓ choose it from any field, so the hint that says so
/// is true wherever the focus is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Participant,
    Company,
    Role,
    Segment,
}

impl Field {
    pub const ORDER: [Field; 4] = [Field::Participant, Field::Company, Field::Role, Field::Segment];

    pub fn label(self) -> &'static str {
        match self {
            Field::Participant => "Participant",
            Field::Company => "Company",
            Field::Role => "Role",
            Field::Segment => "Segment",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewForm {
    /// Index into the app's guide list.
    pub guide: usize,
    pub field: Field,
    pub participant: TextInput,
    pub company: TextInput,
    pub role: TextInput,
    pub segment: TextInput,
    pub error: Option<String>,
    /// The highlighted row of the roster list under the name, if any.
    pub highlight: Option<usize>,
    /// The roster entry picked (its id): the session will name it as `person:`.
    pub picked: Option<String>,
    /// What was typed after a start failed, while `holding`: a PM on a call
    /// who pressed Enter and looked away types the first note, which must not
    /// become the participant's name. It becomes the first note's text.
    pub held: TextInput,
    /// Printable keys go to `held` (from a failed start until a key that
    /// moves in the form: Tab, ↑↓).
    pub holding: bool,
    /// The highlighted row of the library's segments under the segment, if any.
    pub segment_highlight: Option<usize>,
}

impl NewForm {
    pub fn new(guide: usize) -> NewForm {
        NewForm {
            guide,
            // The guide has a sensible default; the name is what must be typed.
            field: Field::Participant,
            participant: TextInput::default(),
            company: TextInput::default(),
            role: TextInput::default(),
            segment: TextInput::default(),
            error: None,
            highlight: None,
            picked: None,
            held: TextInput::default(),
            holding: false,
            segment_highlight: None,
        }
    }

    pub fn input_mut(&mut self) -> &mut TextInput {
        match self.field {
            Field::Participant => &mut self.participant,
            Field::Company => &mut self.company,
            Field::Role => &mut self.role,
            Field::Segment => &mut self.segment,
        }
    }

    pub fn input(&self, field: Field) -> &TextInput {
        match field {
            Field::Participant => &self.participant,
            Field::Company => &self.company,
            Field::Role => &self.role,
            Field::Segment => &self.segment,
        }
    }

    /// A start did not happen: say why, and keep what is typed next for the
    /// first note instead of letting it fill whichever field has the focus.
    pub fn start_refused(&mut self, why: String) {
        self.error = Some(why);
        self.holding = true;
    }

    pub fn cycle(&mut self, forward: bool) {
        let i = Field::ORDER.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = Field::ORDER.len();
        self.field = Field::ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }
}

impl App {
    fn default_guide_index(&self) -> usize {
        self.guides.iter().position(|g| g.name == self.default_guide).unwrap_or(0)
    }

    pub(super) fn update_home(&mut self, action: Action) -> Vec<Effect> {
        let default_guide = self.default_guide_index();
        let guide_count = self.guides.len();
        let home = &mut self.home;
        if let Some(form) = &mut home.form {
            // The roster's list, then the segments' list, then the form.
            if let Some(action) = form.roster_key(&home.roster, action)
                && let Some(action) = form.segment_key(&home.segments, action)
            {
                return self.update_form(action, guide_count);
            }
            return vec![];
        }
        self.update_library(action, default_guide)
    }

    /// A key in the new-interview form, once the roster list has had its say.
    fn update_form(&mut self, action: Action, guide_count: usize) -> Vec<Effect> {
        let home = &mut self.home;
        if let Some(form) = &mut home.form {
            // An error is about the last Enter: the next key that changes
            // something makes it stale (typing held text keeps it, since it
            // says where that text goes).
            let moves = matches!(
                action,
                Action::NextField | Action::PrevField | Action::MoveUp | Action::MoveDown | Action::Back
            );
            if moves {
                form.holding = false;
            }
            if !form.holding && action != Action::StartInterview {
                form.error = None;
            }
            match action {
                Action::Back => home.form = None,
                Action::Quit => return vec![Effect::Quit],
                Action::NextField => form.cycle(true),
                Action::PrevField => form.cycle(false),
                Action::MoveUp => form.guide = form.guide.saturating_sub(1),
                Action::MoveDown => form.guide = (form.guide + 1).min(guide_count.saturating_sub(1)),
                Action::StartInterview => return self.start_from_form(),
                other if form.holding => edit_text(&mut form.held, other),
                other => {
                    let before = form.participant.text().to_string();
                    edit_text(form.input_mut(), other);
                    form.name_edited(&before);
                }
            }
        }
        vec![]
    }

    /// A key on the library (the list, its filter and facet picker).
    fn update_library(&mut self, action: Action, default_guide: usize) -> Vec<Effect> {
        let today = self.now.date_naive();
        let home = &mut self.home;
        if home.view.filtering {
            match action {
                // Enter keeps what reads; a line that does not read is left
                // in the field, marked, with the filter in force unchanged.
                Action::ApplyTag => {
                    home.view.filtering = false;
                    if home.view.error.is_some() {
                        home.view.applied = home.view.committed.clone();
                    }
                    home.view.committed = home.view.applied.clone();
                }
                Action::Back => {
                    home.view.filtering = false;
                    home.view.filter.clear();
                    home.view.reread(today);
                    home.view.committed = home.view.applied.clone();
                }
                other => {
                    edit_text(&mut home.view.filter, other);
                    home.view.reread(today);
                }
            }
            home.selected = 0;
            return vec![];
        }
        if let Some((typed, highlighted)) = &mut home.view.picking {
            match action {
                Action::MoveUp => *highlighted = highlighted.saturating_sub(1),
                Action::MoveDown => *highlighted += 1,
                Action::ApplyTag => {
                    let h = *highlighted;
                    let facets = home.view.facets(&self.library);
                    home.view.picking = None;
                    match facets.get(h.min(facets.len().saturating_sub(1))).map(|(f, _)| f.clone()) {
                        Some(Facet::Tag(t)) => home.view.set_key("tag", Some(&t), today),
                        Some(Facet::Segment(s)) => home.view.set_key("segment", Some(&s), today),
                        None => {}
                    }
                    home.selected = 0;
                }
                Action::Back => {
                    home.view.picking = None;
                    home.view.set_key("tag", None, today);
                    home.view.set_key("segment", None, today);
                    home.selected = 0;
                }
                other => {
                    edit_text(typed, other);
                    *highlighted = 0;
                }
            }
            return vec![];
        }
        let visible = home.view.visible(&self.library);
        let count = visible.len();
        let chosen = visible.get(home.selected).and_then(|i| self.library.sessions.get(*i));
        if let Some(row) = list::moved(home.selected, count, &action) {
            home.selected = row;
            return vec![];
        }
        match action {
            Action::NewInterview => {
                home.form = Some(NewForm::new(default_guide));
                home.segments = super::segment_pick::library_segments(&self.library);
                // The roster is read off the UI thread; until it comes, the form works without it.
                return vec![Effect::LoadRoster];
            }
            Action::FilterLibrary => home.view.filtering = true,
            Action::CycleSort => {
                home.view.sort = home.view.sort.next();
                home.selected = 0;
                self.message = Some(format!("Sorted {}.", home.view.sort.label()));
            }
            Action::FacetFilter => home.view.picking = Some((TextInput::default(), 0)),
            Action::ShowFollowups => self.screen = Screen::Followups(Box::default()),
            Action::OpenSynthesis => {
                let mut s = Box::<SynthScreen>::default();
                s.grouping.codebook = self.codebook.clone();
                s.grouping.problem = self.codebook_problem.clone();
                let load = s.request_load();
                self.screen = Screen::Synthesis(s);
                return vec![Effect::LoadSynthesis { load }];
            }
            Action::TagUntagged => {
                // The library's rows know each interview's untagged count: the
                // walk's counter comes from them, no file is read for it.
                let walk: Vec<(PathBuf, usize)> = self
                    .library
                    .sessions
                    .iter()
                    .filter_map(|s| {
                        s.info.as_ref().ok().filter(|i| i.untagged > 0).map(|i| (s.path.clone(), i.untagged))
                    })
                    .collect();
                let mut paths: Vec<PathBuf> = walk.iter().map(|(p, _)| p.clone()).collect();
                // Only the whole library tells which notes are untagged.
                if self.library_loading {
                    self.message = Some("Still reading the library: press {tag-untagged} again in a moment.".into());
                } else if paths.is_empty() {
                    self.message = Some("Every note in the library has a tag.".into());
                } else {
                    self.tag_walk = Some(walk);
                    let first = paths.remove(0);
                    return vec![Effect::TagSession { path: first, rest: paths }];
                }
            }
            Action::OpenSession | Action::ResumeLive => {
                if let Some(s) = chosen {
                    match &s.info {
                        Ok(_) if action == Action::ResumeLive => return vec![Effect::Load(s.path.clone())],
                        Ok(_) => return vec![Effect::Review(s.path.clone())],
                        Err(e) => self.message = Some(format!("Cannot open: {e}")),
                    }
                }
            }
            // `q` is back everywhere; the library is the first screen, so
            // back from it leaves the app.
            Action::Quit | Action::Back => return vec![Effect::Quit],
            Action::ClearFilter => {
                home.view.filter.clear();
                home.view.applied = Filter::default();
                home.view.committed = Filter::default();
                home.view.error = None;
                home.selected = 0;
            }
            _ => {}
        }
        vec![]
    }

    fn start_from_form(&mut self) -> Vec<Effect> {
        let Some(form) = &mut self.home.form else { return vec![] };
        let text = |t: &crate::tui::text_input::TextInput| Some(t.text().trim().to_string()).filter(|s| !s.is_empty());
        let guide = match self.guides.get(form.guide).map(|g| &g.guide) {
            Some(Ok(g)) => g.clone(),
            Some(Err(_)) => {
                form.start_refused("Not started: this guide cannot be used (↑↓ choose another).".into());
                return vec![];
            }
            None => {
                form.start_refused("Not started: there is no guide to choose from.".into());
                return vec![];
            }
        };
        // A call that has begun cannot wait for a name: without one the
        // interview starts as "Participant N", a name the session file can
        // be given later, rather than asking while the participant talks.
        let unnamed = text(&form.participant).is_none();
        let name = text(&form.participant).unwrap_or_else(|| unnamed_participant(&self.library));
        let participant = Participant {
            name,
            company: text(&form.company),
            role: text(&form.role),
            segment: text(&form.segment),
            extra: Default::default(),
        };
        let person = form.picked.take();
        let held = std::mem::take(&mut form.held);
        self.home.form = None;
        let mut begin = self.start_session(guide, participant);
        if let Some(id) = person {
            super::roster_pick::link_new_session(self, &mut begin, &id);
        }
        if let Screen::Capture(c) = &mut self.screen {
            if !held.text().trim().is_empty() {
                c.input = TextInput::with_text(held.text());
            }
            if unnamed {
                c.message = Some(format!("Started as “{}”: no name was typed.", c.session.participant.name));
            }
        }
        vec![begin]
    }
}

/// "Participant 7": the first such name no interview of the library uses.
fn unnamed_participant(library: &crate::store::library::Library) -> String {
    let taken: std::collections::HashSet<String> = library
        .sessions
        .iter()
        .filter_map(|s| s.info.as_ref().ok())
        .map(|i| i.participant.trim().to_lowercase())
        .collect();
    (library.sessions.len() + 1..)
        .map(|n| format!("Participant {n}"))
        .find(|name| !taken.contains(&name.to_lowercase()))
        .expect("an unused number")
}
