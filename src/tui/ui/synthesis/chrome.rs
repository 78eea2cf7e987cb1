//! The screen's frame around the tab: the header (counts, dates, warnings),
//! the tab bar, the filter line and the footer (errors, messages, key
//! hints). Separate from the tabs, which only draw the body.

use crate::analysis::figures::Share;
use crate::analysis::synthesis::FILTER_EXAMPLE;
use crate::text::counts::plural;
use crate::tui::action::Action;
use crate::tui::app::synthesis::{Focus, SynthScreen, Tab};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::ui::footer;
use crate::tui::ui::text::{field_line, inert, truncate_line, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn render_header(frame: &mut Frame, area: Rect, s: &SynthScreen, theme: &Theme) {
    let mut spans = vec![Span::styled(" fieldnotes · synthesis", theme.heading)];
    // The figures below are the previous ones until the new ones come: said
    // before them, where a narrow terminal does not cut it.
    let updating = s.updating_figures() && s.result.is_some();
    if updating {
        spans.push(Span::styled(" · updating…", theme.key));
    }
    if let Some(r) = &s.result {
        let range = r.date_range(s.records()).map(|(a, b)| format!(" ({a} – {b})")).unwrap_or_default();
        let counts = |range: &str| {
            format!(
                " · {}{range} · {} · {} untagged",
                plural(r.sessions(), "interview"),
                plural(r.notes, "note"),
                crate::text::counts::thousands(r.untagged)
            )
        };
        // The dates give way first on a narrow terminal.
        let mut text = counts(&range);
        let marker = if updating { width(" · updating…") } else { 0 };
        if width(&text) + 24 + marker > area.width as usize {
            text = counts("");
        }
        spans.push(Span::styled(text, theme.muted));
    }
    if s.loading && s.data.is_some() {
        spans.push(Span::styled(" · reading…", theme.muted));
    }
    if let Some(d) = &s.data {
        if d.unreadable > 0 {
            spans.push(Span::styled(format!(" · {} unreadable (fieldnotes synth -v)", d.unreadable), theme.warning));
        }
        if d.pending > 0 {
            spans.push(Span::styled(format!(" · {} with unsaved journal", d.pending), theme.warning));
        }
    }
    if s.anonymize {
        spans.push(Span::styled(" · names hidden", theme.key));
    }
    // Still too wide (the counts, the marks): cut with a mark, never silently.
    frame.render_widget(Paragraph::new(truncate_line(Line::from(spans), area.width as usize)), area);
}

pub(super) fn render_tabs(frame: &mut Frame, area: Rect, s: &SynthScreen, theme: &Theme) {
    // Full titles, else short ones, else only the current tab named: the
    // tab on screen is always said.
    let room = area.width as usize;
    let fits = |title: fn(Tab) -> &'static str, gap: usize| {
        Tab::ALL.iter().enumerate().map(|(i, t)| width(&format!(" {} {} ", i + 1, title(*t))) + gap).sum::<usize>()
            < room
    };
    let (title, gap): (fn(Tab) -> &'static str, usize) = if fits(Tab::title, 1) {
        (Tab::title, 1)
    } else if fits(Tab::short, 0) {
        (Tab::short, 0)
    } else {
        (|_| "", 0)
    };
    let mut spans = vec![Span::raw(" ")];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let current = *tab == s.tab;
        let style = if current { theme.current } else { theme.muted };
        let name = if current { if title(*tab).is_empty() { tab.short() } else { title(*tab) } } else { title(*tab) };
        let text = if name.is_empty() { format!(" {} ", i + 1) } else { format!(" {} {name} ", i + 1) };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" ".repeat(gap)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub(super) fn render_filter(frame: &mut Frame, area: Rect, s: &SynthScreen, theme: &Theme) {
    let label = " Filter: ";
    if s.focus == Focus::Filter {
        let w = (area.width as usize).saturating_sub(width(label) + 1);
        let (line, col) = field_line(&s.filter_input, w, theme.input);
        let mut spans = vec![Span::styled(label, theme.key)];
        spans.extend(line.spans);
        // An empty line says what to type.
        if s.filter_input.text().is_empty() {
            spans.push(Span::styled(format!(" {FILTER_EXAMPLE}"), theme.muted));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        super::super::layers::place_cursor(frame, Position::new(area.x + (width(label) + col) as u16, area.y));
        return;
    }
    let line = s.shown_filter();
    let mut spans = vec![Span::styled(label, theme.muted)];
    if line.is_empty() {
        spans.push(Span::styled("none: every interview", theme.muted));
    } else {
        spans.push(Span::styled(inert(&line).into_owned(), theme.tag));
    }
    // A rejected line changed nothing: the filter above is still the one in
    // force, and says so, with why the new one was refused.
    if let Some(e) = &s.filter_error {
        spans.push(Span::styled(" (kept) ", theme.warning));
        spans.push(Span::styled(format!("✗ {}", inert(e)), theme.error));
    }
    // The share is a figure: said only once it is the filter's own, not the
    // previous filter's while the new figures are computed.
    if let Some(d) = &s.data
        && let Some(r) = &s.result
        && !s.filter.is_empty()
        && s.result_filter == s.filter
    {
        spans.push(Span::styled(
            format!("  ({} interviews)", Share::of(r.sessions(), d.records.len()).of_text()),
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub(super) fn render_footer(
    frame: &mut Frame,
    area: Rect,
    s: &SynthScreen,
    notice: Option<&str>,
    theme: &Theme,
    keys: &Keymap,
) {
    // Reopened to be fixed: the error stays in sight until the first key.
    if let Some(e) = s.filter_error.as_deref().filter(|_| s.focus == Focus::Filter) {
        let line = Line::styled(format!(" {}", inert(e)), theme.error);
        frame.render_widget(Paragraph::new(truncate_line(line, area.width as usize)), area);
        return;
    }
    if let Some(m) = s.message.as_deref().or(notice) {
        let m = crate::tui::ui::keyed(&inert(m), keys, s.mode());
        let line = Line::styled(format!(" {m}"), theme.warning);
        frame.render_widget(Paragraph::new(truncate_line(line, area.width as usize)), area);
        return;
    }
    let mode = s.mode();
    let hints: &[(Action, &str)] = match (mode, s.focus, s.tab) {
        (Mode::SynthFilter, ..) => &[(Action::ApplyTag, "apply"), (Action::Back, "cancel")],
        (Mode::SynthSearch, ..) => &[
            (Action::MoveDown, "results"),
            (Action::OpenSession, "open the note"),
            (Action::ToggleTranscriptLines, "transcripts"),
            (Action::Back, "stop typing"),
            (Action::NextTab, "next view"),
        ],
        (_, Focus::Evidence, _) => &[
            (Action::OpenSession, "open in its session"),
            (Action::ToggleStar, "star"),
            (Action::Back, "back to the list"),
            (Action::NarrowToSelection, "only this"),
            (Action::ToggleHelp, "help"),
        ],
        (_, _, Tab::Segments) => &[
            (Action::CycleDimension, "group by"),
            (Action::ToggleMatrixRanking, "differences/overall"),
            (Action::OpenSession, "only this group"),
            (Action::EditFilter, "filter"),
            (Action::NextTab, "next view"),
            (Action::Export, "save report"),
            (Action::Back, "library"),
            (Action::ToggleHelp, "help"),
        ],
        // With a codebook, the Themes list says how to group it (and undo that).
        (_, _, Tab::Themes) if s.grouping.codebook.is_some() => &[
            (Action::OpenSession, if s.grouping.on && s.grouping.open.is_none() { "its tags" } else { "evidence" }),
            (Action::GroupByCodebookTheme, if s.grouping.on { "tags" } else { "codebook themes" }),
            (Action::Back, if s.grouping.open.is_some() { "all themes" } else { "library" }),
            (Action::NextTab, "next view"),
            (Action::EditFilter, "filter"),
            (Action::ToggleHelp, "help"),
        ],
        _ => &[
            (Action::OpenSession, "evidence"),
            (Action::NextTab, "next view"),
            (Action::SearchNotes, "search"),
            (Action::EditFilter, "filter"),
            (Action::NarrowToSelection, "only this"),
            (Action::Export, "save report"),
            (Action::Back, "library"),
            (Action::ToggleHelp, "help"),
        ],
    };
    let mut hints = footer::bound(keys, mode, hints);
    if mode == Mode::Synthesis && !s.filter.is_empty() {
        // Where a filter is on, the key that takes it off comes first.
        hints.splice(0..0, footer::bound(keys, mode, &[(Action::ClearFilter, "clear filter")]));
    }
    let hints = footer::fitting(hints, footer::Spacing::Spaced, area.width as usize);
    let spans = footer::spans(hints, footer::Spacing::Spaced, theme);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
