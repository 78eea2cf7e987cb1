//! The study screen's model: which section shows, how far it is scrolled,
//! which curve the saturation chart draws, and the study read in the
//! background (`Effect::LoadStudy`; `store::study_library::read_study`).
//! No I/O here: a key only moves between what was already computed.

use crate::store::study_library::StudyRead;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Screen};

/// The sections of the screen, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyTab {
    Recruiting,
    Hypotheses,
    Saturation,
    Trends,
    Personas,
    Questions,
}

impl StudyTab {
    pub const ALL: [StudyTab; 6] = [
        StudyTab::Recruiting,
        StudyTab::Hypotheses,
        StudyTab::Saturation,
        StudyTab::Trends,
        StudyTab::Personas,
        StudyTab::Questions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            StudyTab::Recruiting => "Recruiting",
            StudyTab::Hypotheses => "Hypotheses",
            StudyTab::Saturation => "Saturation",
            StudyTab::Trends => "Trends",
            StudyTab::Personas => "Personas",
            StudyTab::Questions => "Guide",
        }
    }

    fn index(self) -> usize {
        StudyTab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn step(self, forward: bool) -> StudyTab {
        let n = StudyTab::ALL.len();
        StudyTab::ALL[(self.index() + if forward { 1 } else { n - 1 }) % n]
    }
}

/// Lines a page key moves.
const PAGE: u16 = 10;

pub struct StudyScreen {
    pub tab: StudyTab,
    /// First line shown of a section longer than the screen (hypotheses, personas).
    pub scroll: u16,
    /// The curve the saturation chart draws: 0 overall, then each segment.
    pub curve: usize,
    /// The study asked for; `None` lets the reader find it (as `fieldnotes study`).
    pub wanted: Option<String>,
    /// What was read, once it arrives.
    pub read: Option<StudyRead>,
    /// A read is under way; the screen says "reading…".
    pub loading: bool,
    /// The number of the latest read asked for: an older answer is dropped.
    pub load: u64,
}

impl Default for StudyScreen {
    fn default() -> Self {
        StudyScreen {
            tab: StudyTab::Recruiting,
            scroll: 0,
            curve: 0,
            wanted: None,
            read: None,
            loading: false,
            load: 0,
        }
    }
}

/// What a key on the study screen asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StudyOutcome {
    None,
    /// Back to the library.
    Leave,
    /// Read the study (and the library) again: the wanted study changed, or `r`.
    Reload,
}

impl StudyScreen {
    /// Marks a new read as under way and returns its number.
    pub fn request_load(&mut self) -> u64 {
        self.load += 1;
        self.loading = true;
        self.load
    }

    /// The read numbered `load` arrived; an answer to an older request is dropped.
    pub fn loaded(&mut self, load: u64, read: StudyRead) {
        if load != self.load {
            return;
        }
        self.loading = false;
        let curves = read.shown.as_ref().map_or(0, |s| s.computed.segments.len());
        self.curve = self.curve.min(curves);
        self.read = Some(read);
    }

    pub fn update(&mut self, action: Action) -> StudyOutcome {
        match action {
            Action::Back => return StudyOutcome::Leave,
            Action::Reload => return StudyOutcome::Reload,
            Action::NextStudy => return self.next_study(),
            Action::NextTab => self.show(self.tab.step(true)),
            Action::PrevTab => self.show(self.tab.step(false)),
            Action::ShowTab(n) => {
                if let Some(t) = StudyTab::ALL.get(usize::from(n).wrapping_sub(1)) {
                    self.show(*t);
                }
            }
            Action::MoveUp => self.move_by(-1),
            Action::MoveDown => self.move_by(1),
            Action::PageUp => self.move_by(-i32::from(PAGE)),
            Action::PageDown => self.move_by(i32::from(PAGE)),
            Action::MoveFirst => self.move_by(i32::MIN / 2),
            Action::MoveLast => self.move_by(i32::MAX / 2),
            _ => {}
        }
        StudyOutcome::None
    }

    fn show(&mut self, tab: StudyTab) {
        self.tab = tab;
        self.scroll = 0;
    }

    /// On the saturation section the arrows pick the curve; elsewhere they scroll
    /// (the view stops the scroll at the section's end).
    fn move_by(&mut self, by: i32) {
        if self.tab == StudyTab::Saturation {
            let last = self.read.as_ref().and_then(|r| r.shown.as_ref().ok()).map_or(0, |s| s.computed.segments.len());
            self.curve = (self.curve as i64 + i64::from(by)).clamp(0, last as i64) as usize;
        } else {
            self.scroll = (i32::from(self.scroll) + by).clamp(0, i32::from(u16::MAX)) as u16;
        }
    }

    /// The study after the one shown, in `studies/` order (wrapping round).
    fn next_study(&mut self) -> StudyOutcome {
        let Some(read) = &self.read else { return StudyOutcome::None };
        if read.names.is_empty() {
            return StudyOutcome::None;
        }
        let at = read.label.as_ref().and_then(|l| read.names.iter().position(|n| n == l));
        let next = at.map_or(0, |i| (i + 1) % read.names.len());
        self.wanted = Some(read.names[next].clone());
        self.curve = 0;
        self.scroll = 0;
        StudyOutcome::Reload
    }
}

impl App {
    /// The study screen, if it is showing.
    pub fn study(&self) -> Option<&StudyScreen> {
        match &self.screen {
            Screen::Study(s) => Some(s),
            _ => None,
        }
    }

    /// `r` on the library: the study screen, reading in the background.
    pub(super) fn open_study(&mut self) -> Vec<Effect> {
        let mut s = Box::<StudyScreen>::default();
        let load = s.request_load();
        self.screen = Screen::Study(s);
        vec![Effect::LoadStudy { load, name: None }]
    }

    pub(super) fn update_study(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Study(s) = &mut self.screen else { return vec![] };
        match s.update(action) {
            StudyOutcome::None => vec![],
            StudyOutcome::Leave => {
                self.screen = Screen::Home;
                vec![]
            }
            StudyOutcome::Reload => {
                let name = s.wanted.clone();
                vec![Effect::LoadStudy { load: s.request_load(), name }]
            }
        }
    }

    /// The study read for the screen arrived (from `Effect::LoadStudy`).
    pub fn study_loaded(&mut self, load: u64, read: StudyRead) {
        if let Screen::Study(s) = &mut self.screen {
            s.loaded(load, read);
        }
    }
}
