//! The Themes view grouped by the codebook's themes: `c` switches the list
//! between tags and themes, Enter or → on a theme shows its tags (with
//! their evidence, as in the tag list), Esc or ← goes back up. The
//! roll-up is computed when the synthesis runs, never per keystroke.

use super::{Focus, Outcome, SynthScreen, Tab};
use crate::analysis::codebook::rollup::ThemeRollup;
use crate::analysis::synthesis::{NoteRef, Synthesis};
use crate::domain::codebook::Codebook;
use crate::tui::action::Action;
use std::sync::Arc;

/// Shown when `c` is pressed and the library has no codebook.
pub const NO_CODEBOOK: &str = "no codebook.yaml: `fieldnotes codebook init` proposes one";

/// Where the Themes list stands when grouped by the codebook.
#[derive(Debug, Default)]
pub struct ThemeGrouping {
    /// The library's codebook, read at start-up.
    pub codebook: Option<Arc<Codebook>>,
    /// Why the library's codebook.yaml could not be read, when it could not.
    pub problem: Option<String>,
    /// The list shows the codebook's themes (or one theme's tags).
    pub on: bool,
    /// The themes of the latest synthesis.
    pub rollup: Vec<ThemeRollup>,
    /// The theme drilled into, by index in `rollup`.
    pub open: Option<usize>,
}

impl ThemeGrouping {
    /// The roll-up of a new synthesis (computed with it on the worker); a
    /// theme drilled into that is gone closes.
    pub(super) fn refreshed(&mut self, rollup: Vec<ThemeRollup>) {
        let open_name = self.open_theme().map(|t| t.theme.clone());
        self.rollup = rollup;
        self.open = open_name.and_then(|name| self.rollup.iter().position(|t| t.theme == name));
    }

    pub fn open_theme(&self) -> Option<&ThemeRollup> {
        self.open.and_then(|i| self.rollup.get(i))
    }
}

impl SynthScreen {
    /// Rows of the Themes tab: tags, themes, or the open theme's tags.
    pub(super) fn themes_len(&self, synthesis: &Synthesis) -> usize {
        let g = &self.grouping;
        match (g.on, g.open_theme()) {
            (false, _) => synthesis.themes.len(),
            (true, Some(theme)) => theme.tags.len(),
            (true, None) => g.rollup.len(),
        }
    }

    /// The index in `synthesis.themes` of the tag on a row of the Themes tab.
    pub fn theme_tag_index(&self, row: usize) -> Option<usize> {
        let s = self.result.as_ref()?;
        let g = &self.grouping;
        if !g.on {
            return (row < s.themes.len()).then_some(row);
        }
        let tag = &g.open_theme()?.tags.get(row)?.tag;
        s.themes.iter().position(|t| &t.tag == tag)
    }

    /// The notes behind a row of the Themes tab.
    pub(super) fn themes_evidence(&self, row: usize) -> Vec<NoteRef> {
        let g = &self.grouping;
        if g.on && g.open.is_none() {
            return g.rollup.get(row).map(|t| t.evidence.clone()).unwrap_or_default();
        }
        let s = self.result.as_ref();
        self.theme_tag_index(row).and_then(|i| s.map(|s| s.themes[i].evidence.clone())).unwrap_or_default()
    }

    /// The grouping's keys, on the Themes list; `None` leaves the key to the screen.
    pub(super) fn update_grouping(&mut self, action: &Action) -> Option<Outcome> {
        if *action == Action::GroupByCodebookTheme {
            self.toggle_grouping();
            return Some(Outcome::None);
        }
        let on_list = self.tab == Tab::Themes && self.focus == Focus::List && self.grouping.on;
        if !on_list {
            return None;
        }
        match (action, self.grouping.open) {
            (Action::OpenSession, None) => self.drill_down(),
            (Action::Back, Some(theme)) => self.go_up(theme),
            _ => return None,
        }
        Some(Outcome::None)
    }

    /// → and ← on the codebook's themes list, as in a file manager: →
    /// into the highlighted theme, ← back up to the themes. Anywhere else
    /// (another view, the evidence pane, ← at the top, tags not grouped)
    /// they are the view keys they are all over the screen, given back as
    /// `Err` with the view step they stand for.
    pub(super) fn update_drill(&mut self, action: Action) -> Result<Outcome, Action> {
        let on_list = self.tab == Tab::Themes && self.focus == Focus::List && self.grouping.on;
        match (action, self.grouping.open) {
            (Action::DrillInOrNextTab, None) if on_list => self.drill_down(),
            // Already in a theme: → goes no deeper, and does not leave the view.
            (Action::DrillInOrNextTab, Some(_)) if on_list => {
                self.message = Some("Tags of this theme: ← back to the themes, Tab: next view.".into())
            }
            (Action::DrillOutOrPrevTab, Some(theme)) if on_list => self.go_up(theme),
            (Action::DrillInOrNextTab, _) => return Err(Action::NextTab),
            (Action::DrillOutOrPrevTab, _) => return Err(Action::PrevTab),
            (other, _) => return Err(other),
        }
        Ok(Outcome::None)
    }

    fn toggle_grouping(&mut self) {
        if self.grouping.codebook.is_none() {
            self.message = Some(match &self.grouping.problem {
                Some(p) => format!("codebook.yaml is not used: {p}"),
                None => NO_CODEBOOK.into(),
            });
            return;
        }
        self.grouping.on = !self.grouping.on;
        self.grouping.open = None;
        self.tab = Tab::Themes;
        self.focus = Focus::List;
        self.regroup(0);
        self.message = Some(if self.grouping.on {
            "Themes from the codebook: Enter or → shows a theme's tags, ← or Esc goes back.".into()
        } else {
            "Themes: one row per tag.".into()
        });
    }

    fn drill_down(&mut self) {
        let row = self.row();
        if row < self.grouping.rollup.len() {
            self.grouping.open = Some(row);
            self.regroup(0);
        }
    }

    fn go_up(&mut self, theme: usize) {
        self.grouping.open = None;
        self.regroup(theme);
    }

    /// The list changed meaning: the highlight moves to `row`, and the
    /// evidence kept for the old rows is not reused.
    fn regroup(&mut self, row: usize) {
        self.rows[Tab::Themes.index()] = row;
        self.evidence = 0;
        self.generation += 1;
    }
}
