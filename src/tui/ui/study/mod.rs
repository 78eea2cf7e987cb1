//! The study screen: a header (which study, how many interviews, how to
//! switch), the section tabs, one section's body and the key hints. One
//! file per section (`recruiting`, `hypotheses`, `saturation`, `trends`,
//! `personas`); this file lays them out and draws "reading…" and a study
//! file that does not read.

mod hypotheses;
mod personas;
mod questions;
mod recruiting;
mod saturation;
mod trends;

use crate::analysis::study::Computed;
use crate::analysis::synthesis::SessionRecord;
use crate::domain::study::Study;
use crate::store::study_library::StudyRead;
use crate::text::counts::plural;
use crate::tui::action::Action;
use crate::tui::app::study::{StudyScreen, StudyTab};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::ui::footer;
use crate::tui::ui::text::inert;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

pub fn render(frame: &mut Frame, s: &StudyScreen, notice: Option<&str>, theme: &Theme, keys: &Keymap) {
    let [header, tabs, body, footer] = frame.area().layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    render_header(frame, header, s, theme);
    render_tabs(frame, tabs, s, theme);
    match s.read.as_ref().map(|r| (r, &r.shown)) {
        None => message(frame, body, "Study", "Reading the study and the library…", theme),
        Some((read, Err(e))) => {
            let text = format!(
                "{} does not read: {}\n\nFix the file, then press {} to read it again.",
                inert(read.label.as_deref().unwrap_or("the study file")),
                inert(e),
                crate::tui::ui::keyed("{reload}", keys, Mode::Study)
            );
            message(frame, body, "Study file", &text, theme);
        }
        Some((_, Ok(shown))) => {
            let v = View { s, study: &shown.study, c: &shown.computed, records: &shown.records, theme };
            match s.tab {
                StudyTab::Recruiting => v.recruiting(frame, body),
                StudyTab::Hypotheses => v.hypotheses(frame, body),
                StudyTab::Saturation => v.saturation(frame, body),
                StudyTab::Trends => v.trends(frame, body),
                StudyTab::Personas => v.personas(frame, body),
                StudyTab::Questions => v.questions(frame, body),
            }
        }
    }
    render_footer(frame, footer, s, notice, theme, keys);
}

/// What a section draws from.
struct View<'a> {
    s: &'a StudyScreen,
    study: &'a Study,
    c: &'a Computed,
    records: &'a [SessionRecord],
    theme: &'a Theme,
}

impl View<'_> {
    /// Lines in a bordered pane, scrolled by the screen's scroll (stopped at the last line).
    fn scrolled(&self, frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>) {
        let block = pane(title, self.theme);
        let last = lines.len().saturating_sub(1);
        let scroll = usize::from(self.s.scroll).min(last) as u16;
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), area);
    }
}

fn pane<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(format!(" {title} "), theme.heading))
}

fn message(frame: &mut Frame, area: Rect, title: &str, text: &str, theme: &Theme) {
    let p = Paragraph::new(text.to_string()).style(theme.muted).wrap(Wrap { trim: false });
    frame.render_widget(p.block(pane(title, theme)), area);
}

/// The study's name (or the whole library), its interviews, and the other studies.
fn render_header(frame: &mut Frame, area: Rect, s: &StudyScreen, theme: &Theme) {
    let mut spans = vec![Span::styled(" fieldnotes · study", theme.heading)];
    if let Some(read) = &s.read {
        spans.push(Span::styled(format!(" · {}", study_name(read)), theme.text));
        if let Ok(shown) = &read.shown {
            spans.push(Span::styled(format!(" · {}", plural(shown.computed.selected.len(), "interview")), theme.muted));
        }
        if read.names.len() > 1 {
            spans.push(Span::styled(format!(" · {} studies", read.names.len()), theme.muted));
        }
        if !read.warnings.is_empty() {
            spans.push(Span::styled(format!(" · {} skipped (fieldnotes study)", read.warnings.len()), theme.warning));
        }
    }
    if s.loading {
        spans.push(Span::styled(" · reading…", theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn study_name(read: &StudyRead) -> String {
    match &read.label {
        Some(l) => inert(l).into_owned(),
        None => "the whole library".into(),
    }
}

fn render_tabs(frame: &mut Frame, area: Rect, s: &StudyScreen, theme: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in StudyTab::ALL.iter().enumerate() {
        // The current tab is bracketed, so it reads without colour.
        let (style, text) = if *tab == s.tab {
            (theme.current, format!("[{} {}]", i + 1, tab.title()))
        } else {
            (theme.muted, format!(" {} {} ", i + 1, tab.title()))
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_footer(frame: &mut Frame, area: Rect, s: &StudyScreen, notice: Option<&str>, theme: &Theme, keys: &Keymap) {
    if let Some(m) = notice {
        let m = crate::tui::ui::keyed(&inert(m), keys, Mode::Study);
        let line = Line::styled(format!(" {m}"), theme.warning);
        frame.render_widget(Paragraph::new(crate::tui::ui::text::truncate_line(line, area.width as usize)), area);
        return;
    }
    let several = s.read.as_ref().is_some_and(|r| r.names.len() > 1);
    let mut hints: Vec<(Action, &str)> = vec![(Action::NextTab, "next section")];
    match s.tab {
        StudyTab::Saturation => hints.push((Action::MoveDown, "next curve")),
        _ => hints.push((Action::MoveDown, "scroll")),
    }
    if several {
        hints.push((Action::NextStudy, "next study"));
    }
    hints.extend([(Action::Reload, "read again"), (Action::Back, "library"), (Action::ToggleHelp, "help")]);
    let spans = footer::hint_spans(keys, Mode::Study, &hints, footer::Spacing::Spaced, theme, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
