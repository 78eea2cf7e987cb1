//! The Synthesis screen: what the library says across interviews, one tab
//! per question (themes, pain points, segments, co-occurrence, closing
//! answers, coverage, search), each list with the notes behind its rows.
//!
//! One file per tab (`ranked` for themes and pains, `matrix`, `pairs`,
//! `closing`, `coverage`, `search`), the `evidence` pane they share and the
//! `chrome` around them; this file lays them out and holds what they share.

mod chrome;
mod closing;
mod codebook_themes;
mod coverage;
mod evidence;
mod matrix;
mod pairs;
mod ranked;
mod search;

use chrome::{render_filter, render_footer, render_header, render_tabs};

use super::ListHits;
use super::text::inert;
use crate::analysis::synthesis::{SessionRecord, Synthesis};
use crate::tui::app::synthesis::{Focus, SynthScreen, Tab};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::borrow::Cow;
use std::cell::RefCell;

/// Below this width the evidence goes under the list instead of beside it.
const SIDE_BY_SIDE: u16 = 100;

pub fn render(
    frame: &mut Frame,
    s: &SynthScreen,
    notice: Option<&str>,
    theme: &Theme,
    keys: &Keymap,
    hits: &mut super::Hits,
) {
    let [header, tabs, filter, body, footer] = frame.area().layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    render_header(frame, header, s, theme);
    render_tabs(frame, tabs, s, theme);
    render_filter(frame, filter, s, theme);
    match (&s.result, &s.data) {
        (Some(result), Some(_)) if !s.records().is_empty() => {
            let v = View { s, result, records: s.records(), theme, hits: RefCell::new(None) };
            match s.tab {
                Tab::Themes => v.themes(frame, body),
                Tab::Pains => v.pains(frame, body),
                Tab::Segments => v.segments(frame, body),
                Tab::Pairs => v.pairs(frame, body),
                Tab::Closing => v.closing(frame, body),
                Tab::Coverage => v.coverage(frame, body),
                Tab::Search => v.search(frame, body),
            }
            hits.list = v.hits.into_inner();
        }
        _ => {
            let text = if s.loading || s.updating() {
                "Reading the library…"
            } else {
                "No interviews yet: the synthesis fills up as sessions are recorded."
            };
            let block = pane("Synthesis", true, theme);
            let inner = block.inner(body);
            frame.render_widget(block, body);
            frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), inner);
        }
    }
    render_footer(frame, footer, s, notice, theme, keys);
}

fn pane<'a>(title: &str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Line::styled(format!(" {title} "), theme.heading))
}

/// The first row to draw so that `selected` is visible in `height` rows of
/// `row_height` lines each.
fn first_row(selected: usize, height: usize, row_height: usize) -> usize {
    let fits = (height / row_height.max(1)).max(1);
    selected.saturating_sub(fits - 1)
}

/// Splits a tab's body into its list and the evidence of the highlighted row.
fn list_and_evidence(area: Rect) -> (Rect, Rect) {
    list_and_evidence_at(area, 50)
}

/// Side by side when wide enough (the list taking `percent`), else stacked.
fn list_and_evidence_at(area: Rect, percent: u16) -> (Rect, Rect) {
    let parts = [Constraint::Percentage(percent), Constraint::Percentage(100 - percent)];
    let [l, r] = if area.width >= SIDE_BY_SIDE {
        area.layout(&Layout::horizontal(parts))
    } else {
        area.layout(&Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]))
    };
    (l, r)
}

struct View<'a> {
    s: &'a SynthScreen,
    result: &'a Synthesis,
    records: &'a [SessionRecord],
    theme: &'a Theme,
    /// Where the tab's list was drawn, line by line, for clicks.
    hits: RefCell<Option<ListHits>>,
}

impl<'a> View<'a> {
    fn who(&self, r: &SessionRecord) -> String {
        match &self.s.anon {
            Some(a) => a.participant(&r.participant),
            None => inert(&r.participant).into_owned(),
        }
    }

    fn company(&self, r: &SessionRecord) -> Option<String> {
        let c = r.company.as_deref()?;
        Some(match &self.s.anon {
            Some(a) => a.company(c),
            None => inert(c).into_owned(),
        })
    }

    /// A matrix row's name: companies anonymised like participants.
    fn group(&self, group: Option<&str>) -> String {
        let by = self.result.matrix.by;
        match (group, &self.s.anon) {
            (None, _) => format!("(no {})", by.name()),
            (Some(g), Some(a)) => a.group(by, g),
            (Some(g), None) => inert(g).into_owned(),
        }
    }

    fn text<'t>(&self, t: &'t str) -> Cow<'t, str> {
        match &self.s.anon {
            Some(a) => match a.scrub(t) {
                Cow::Borrowed(b) => inert(b),
                Cow::Owned(o) => Cow::Owned(inert(&o).into_owned()),
            },
            None => inert(t),
        }
    }

    fn row_style(&self, selected: bool, focused: bool) -> Style {
        match (selected, focused) {
            (true, true) => self.theme.selection,
            (true, false) => self.theme.current.patch(self.theme.muted),
            _ => Style::new(),
        }
    }

    fn list_focused(&self) -> bool {
        self.s.focus == Focus::List
    }

    /// Notes which row of the tab's list each line of `area` shows.
    fn record(&self, area: Rect, rows: Vec<Option<usize>>) {
        self.hits.replace(Some(ListHits { area, rows }));
    }
}

fn empty(frame: &mut Frame, area: Rect, title: &str, text: &str, theme: &Theme) {
    let block = pane(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(Span::styled(text.to_string(), theme.muted)), inner);
}
