//! The Synthesis screen: what the library says across interviews, one tab
//! per question (themes, pain points, segments, co-occurrence, closing
//! answers, coverage, search), each list with the notes behind its rows.

use super::ListHits;
use super::text::{field_line, fit, inert, truncate, width, wrap};
use crate::analysis::figures::{Share, ShareColumn};
use crate::analysis::synthesis::{MatrixRanking, NoteRecord, NoteRef, SessionRecord, Synthesis};
use crate::domain::note::Kind;
use crate::text::counts::plural;
use crate::tui::action::Action;
use crate::tui::app::synthesis::{CoverageRow, Focus, PairRow, SynthScreen, Tab};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
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
            let text = if s.loading {
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

fn render_header(frame: &mut Frame, area: Rect, s: &SynthScreen, theme: &Theme) {
    let mut spans = vec![Span::styled(" fieldnotes · synthesis", theme.heading)];
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
        if width(&text) + 24 > area.width as usize {
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
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_tabs(frame: &mut Frame, area: Rect, s: &SynthScreen, theme: &Theme) {
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

fn render_filter(frame: &mut Frame, area: Rect, s: &SynthScreen, theme: &Theme) {
    let label = " Filter: ";
    if s.focus == Focus::Filter {
        let w = (area.width as usize).saturating_sub(width(label) + 1);
        let (line, col) = field_line(&s.filter_input, w, theme.input);
        let mut spans = vec![Span::styled(label, theme.key)];
        spans.extend(line.spans);
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        frame.set_cursor_position(Position::new(area.x + (width(label) + col) as u16, area.y));
        return;
    }
    let line = s.shown_filter();
    let mut spans = vec![Span::styled(label, theme.muted)];
    if line.is_empty() {
        spans.push(Span::styled("none: every interview", theme.muted));
    } else {
        spans.push(Span::styled(inert(&line).into_owned(), theme.tag));
    }
    if let Some(d) = &s.data
        && let Some(r) = &s.result
        && !s.filter.is_empty()
    {
        spans.push(Span::styled(
            format!("  ({} interviews)", Share::of(r.sessions(), d.records.len()).of_text()),
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_footer(frame: &mut Frame, area: Rect, s: &SynthScreen, notice: Option<&str>, theme: &Theme, keys: &Keymap) {
    if let Some(e) = s.filter_error.as_deref().filter(|_| s.focus == Focus::Filter) {
        frame.render_widget(Paragraph::new(Span::styled(format!(" {}", inert(e)), theme.error)), area);
        return;
    }
    if let Some(m) = s.message.as_deref().or(notice) {
        let m = super::keyed(&inert(m), keys, s.mode());
        frame.render_widget(Paragraph::new(Span::styled(format!(" {m}"), theme.warning)), area);
        return;
    }
    let mode = s.mode();
    let hints: &[(Action, &str)] = match (mode, s.focus, s.tab) {
        (Mode::SynthFilter, ..) => &[(Action::ApplyTag, "apply"), (Action::Back, "cancel")],
        (Mode::SynthSearch, ..) => &[
            (Action::MoveDown, "results"),
            (Action::OpenSession, "open the note"),
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
    let mut spans = Vec::new();
    for (action, label) in hints {
        if let Some(key) = keys.hint(mode, action) {
            spans.push(Span::styled(format!(" {key}"), theme.key));
            spans.push(Span::styled(format!(" {label} "), theme.muted));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bar of `cols` columns, filled to `fraction` in eighths of a column.
/// The share's bar (`figures::Share::bar`), padded to `cols`.
fn bar(s: Share, cols: usize) -> String {
    fit(&s.bar(cols), cols)
}

/// " 75%": the share's percent (`figures`), right-aligned in four columns.
/// " 75% 3/4": a matrix cell's figures, the percent right-aligned so the
/// column's percents line up.
fn matrix_cell(s: Share) -> String {
    format!("{:>4} {}", s.percent_text(), s.count_text())
}

/// Columns of a ranked list's row, left to right: name, bar, the share column
/// (with a space before it) and the tail, a space before it too. The share
/// column is never cut; the tail gives way first, then the bar (down to 4),
/// then the name.
fn tag_row_widths(w: usize, widest_name: usize, counts_w: usize, widest_tail: usize) -> (usize, usize, usize) {
    let name_w = widest_name.clamp(8, (w / 3).max(8)).min(w.saturating_sub(counts_w + 1 + 4));
    let rest = w.saturating_sub(name_w + counts_w + 1);
    let tail_w = widest_tail.min(w / 4).min(rest.saturating_sub(4 + 1));
    let bar_w = rest.saturating_sub(if tail_w > 0 { tail_w + 1 } else { 0 });
    (name_w, bar_w, tail_w)
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

    /// A ranked list of tags: name, bar of the share of interviews, counts.
    fn tag_rows(&self, frame: &mut Frame, area: Rect, rows: &[(String, usize, String)], title: &str) {
        let total = self.result.sessions();
        let block = pane(title, self.list_focused(), self.theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let column = ShareColumn::fitting(rows.iter().map(|(_, n, _)| Share::of(*n, total)));
        let widest_name = rows.iter().map(|(t, ..)| width(t) + 1).max().unwrap_or(8);
        let widest_tail = rows.iter().map(|(.., tail)| width(tail)).max().unwrap_or(0);
        let (name_w, bar_w, tail_w) = tag_row_widths(w, widest_name, column.width(), widest_tail);
        let selected = self.s.row();
        let top = first_row(selected, inner.height as usize, 1);
        self.record(inner, (top..rows.len()).take(inner.height as usize).map(Some).collect());
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(top)
            .take(inner.height as usize)
            .map(|(i, (tag, sessions, tail))| {
                let base = self.row_style(i == selected, self.list_focused());
                let share = Share::of(*sessions, total);
                let mut spans = vec![
                    Span::styled(fit(tag, name_w), self.theme.tag.patch(base)),
                    Span::styled(bar(share, bar_w), self.theme.bar.patch(base)),
                    Span::styled(format!(" {}", column.cell(share)), self.theme.text.patch(base)),
                ];
                if tail_w > 0 {
                    spans.push(Span::styled(format!(" {}", truncate(tail, tail_w)), self.theme.muted.patch(base)));
                }
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn themes(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence(body);
        let rows: Vec<(String, usize, String)> = self
            .result
            .themes
            .iter()
            .map(|t| (format!("#{}", self.text(&t.tag)), t.sessions, plural(t.notes, "note")))
            .collect();
        if rows.is_empty() {
            empty(
                frame,
                list,
                "Themes",
                "No tags yet: tag notes (t in the library) and themes appear here.",
                self.theme,
            );
        } else {
            self.tag_rows(frame, list, &rows, "Themes · share of interviews mentioning each tag");
        }
        let title = match self.result.themes.get(self.s.row()) {
            Some(t) => format!(
                "Evidence · #{} · {}{}",
                self.text(&t.tag),
                kinds_summary(t.notes, &t.kinds),
                closing_summary(t.closing.len())
            ),
            None => "Evidence".into(),
        };
        self.evidence(frame, evidence, &title);
    }

    fn pains(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence(body);
        let mut rows: Vec<(String, usize, String)> = self
            .result
            .pain_points
            .iter()
            .map(|p| (format!("#{}", self.text(&p.tag)), p.sessions, plural(p.notes, "pain")))
            .collect();
        if !self.result.untagged_pains.is_empty() {
            let sessions = {
                let mut s: Vec<usize> = self.result.untagged_pains.iter().map(|r| r.session).collect();
                s.dedup();
                s.sort_unstable();
                s.dedup();
                s.len()
            };
            rows.push(("(no tag)".into(), sessions, plural(self.result.untagged_pains.len(), "pain")));
        }
        if rows.is_empty() {
            empty(frame, list, "Pain points", "No pains yet: notes that start with ! are pains.", self.theme);
        } else {
            self.tag_rows(frame, list, &rows, "Pain points · by interviews");
        }
        let title = match self.result.pain_points.get(self.s.row()) {
            Some(p) => format!(
                "#{} · {} and {}",
                self.text(&p.tag),
                plural(p.pains.len(), "pain"),
                plural(p.quotes.len(), "quote")
            ),
            None => "Pains without a tag".into(),
        };
        self.evidence(frame, evidence, &title);
    }

    fn segments(&self, frame: &mut Frame, body: Rect) {
        let m = &self.result.matrix;
        let which = match m.ranking {
            MatrixRanking::Difference => "themes where groups differ most",
            MatrixRanking::Overall => "the most common themes",
        };
        let block = pane(&format!("{} × {which} · share and n", capital(m.by.name())), true, self.theme);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        if m.rows.is_empty() || m.themes.is_empty() {
            let text = format!("Nothing to compare yet: interviews need a {} and tagged notes.", m.by.name());
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
            return;
        }
        let w = inner.width as usize;
        let group_w = 20.min(w / 4);
        let n_w = 6;
        let room = w.saturating_sub(group_w + n_w);
        // A cell is " 75% 3/4 █": wide enough for the widest such cell.
        let widest_cell = m
            .rows
            .iter()
            .flat_map(|r| r.counts.iter().map(|&c| width(&matrix_cell(Share::of(c, r.sessions))) + 3))
            .max()
            .unwrap_or(8);
        let widest = m.themes.iter().map(|t| width(t) + 2).max().unwrap_or(8).clamp(7, 16).max(widest_cell);
        // Narrow cells only while a header stays readable; past that, fewer columns.
        let cell_w = widest.min(room / m.themes.len().max(1)).max(widest.min(widest_cell));
        let columns = (w.saturating_sub(group_w + n_w) / cell_w).min(m.themes.len()).max(1);
        let mut lines = Vec::new();
        let mut head = vec![
            Span::styled(fit(capital(m.by.name()).as_str(), group_w), self.theme.heading),
            Span::styled(format!("{:>5} ", "n"), self.theme.heading),
        ];
        for t in m.themes.iter().take(columns) {
            head.push(Span::styled(fit(&format!(" #{}", self.text(t)), cell_w), self.theme.tag));
        }
        lines.push(Line::from(head));
        let height = (inner.height as usize).saturating_sub(3);
        let selected = self.s.row();
        let top = first_row(selected, height, 1);
        let shown = (top..m.rows.len()).take(height).map(Some);
        self.record(inner, std::iter::once(None).chain(shown).collect());
        for (i, row) in m.rows.iter().enumerate().skip(top).take(height) {
            let base = self.row_style(i == selected, true);
            let name = self.group(row.group.as_deref());
            let mut spans = vec![
                Span::styled(fit(&name, group_w), self.theme.text.patch(base)),
                Span::styled(format!("{:>5} ", row.sessions), self.theme.muted.patch(base)),
            ];
            for c in 0..columns {
                let f = row.share(c);
                let (glyph, style) = heat(f, self.theme);
                let cell = if row.counts.get(c).copied().unwrap_or(0) == 0 {
                    fit("   ·", cell_w)
                } else {
                    fit(&format!(" {} {glyph}", matrix_cell(Share::of(row.counts[c], row.sessions))), cell_w)
                };
                spans.push(Span::styled(cell, style.patch(if i == selected { base } else { Style::new() })));
            }
            lines.push(Line::from(spans));
        }
        let hidden = m.themes.len() - columns;
        let more = if hidden > 0 { format!(" · {hidden} more themes need a wider window") } else { String::new() };
        lines.push(Line::raw(""));
        let legend = format!(
            "75% 3/4: 3 of the group's 4 interviews · ▁ to █: the share · dim: under 25% · marked: half or more · ·: none{more}"
        );
        lines.extend(wrap(&legend, w).into_iter().map(|l| Line::styled(l, self.theme.muted)));
        // The highlighted group's profile: every matrix theme, most shared first
        // (the start of a persona).
        if let Some(row) = m.rows.get(selected) {
            let name = self.group(row.group.as_deref());
            let mut shares: Vec<(usize, &String)> =
                m.themes.iter().enumerate().map(|(c, t)| (row.counts.get(c).copied().unwrap_or(0), t)).collect();
            shares.sort_by_key(|s| std::cmp::Reverse(s.0));
            let profile: Vec<String> = shares
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, t)| format!("#{} {}", self.text(t), Share::of(*n, row.sessions).percent_text()))
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(format!("{name} · {}", plural(row.sessions, "interview")), self.theme.heading));
            let text = if profile.is_empty() { "none of these themes".to_string() } else { profile.join(" · ") };
            lines.extend(wrap(&text, w).into_iter().map(|l| Line::styled(l, self.theme.text)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn pairs(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence(body);
        let block = pane("Tags that come together", self.list_focused(), self.theme);
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let r = self.result;
        if r.note_pairs.is_empty() && r.session_pairs.is_empty() {
            let text = "No tags appear together yet: two tags on one note, or in one interview, show here.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
        } else {
            let w = inner.width as usize;
            let selected = self.s.row();
            let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
            let heading = |t: &str| (None, Line::styled(t.to_string(), self.theme.heading));
            let max_note = r.note_pairs.first().map_or(1, |p| p.count);
            let max_session = r.session_pairs.first().map_or(1, |p| p.count);
            let total = r.note_pairs.len() + r.session_pairs.len();
            for i in 0..total {
                let (p, unit, max) = match self.s.pair_row(i) {
                    Some(PairRow::Note(k)) => {
                        if k == 0 {
                            lines.push(heading("On the same note"));
                        }
                        (&r.note_pairs[k], "note", max_note)
                    }
                    Some(PairRow::Session(k)) => {
                        if k == 0 {
                            if !lines.is_empty() {
                                lines.push((None, Line::raw("")));
                            }
                            lines.push(heading("In the same interview"));
                        }
                        (&r.session_pairs[k], "interview", max_session)
                    }
                    None => continue,
                };
                let base = self.row_style(i == selected, self.list_focused());
                let names = format!("#{} + #{}", self.text(&p.a), self.text(&p.b));
                let names_w = (w / 2).max(10);
                let count = format!(" {:>14}", plural(p.count, unit));
                let bar_w = w.saturating_sub(names_w + width(&count) + 1).max(3);
                lines.push((
                    Some(i),
                    Line::from(vec![
                        Span::styled(fit(&names, names_w), self.theme.tag.patch(base)),
                        Span::styled(bar(Share::of(p.count, max), bar_w), self.theme.bar.patch(base)),
                        Span::styled(count, self.theme.text.patch(base)),
                    ]),
                ));
            }
            let at = lines.iter().position(|(i, _)| *i == Some(selected)).unwrap_or(0);
            let top = first_row(at, inner.height as usize, 1);
            self.record(inner, lines.iter().skip(top).map(|(i, _)| *i).collect());
            let shown: Vec<Line> = lines.into_iter().skip(top).map(|(_, l)| l).collect();
            frame.render_widget(Paragraph::new(shown), inner);
        }
        let title = match self.s.pair_row(self.s.row()) {
            Some(PairRow::Note(k)) => {
                let p = &r.note_pairs[k];
                format!("Notes with #{} and #{} · {}", self.text(&p.a), self.text(&p.b), p.count)
            }
            Some(PairRow::Session(k)) => {
                let p = &r.session_pairs[k];
                format!("#{} or #{} in interviews with both", self.text(&p.a), self.text(&p.b))
            }
            None => "Evidence".into(),
        };
        self.evidence(frame, evidence, &title);
    }

    fn closing(&self, frame: &mut Frame, body: Rect) {
        let answers = &self.result.closing_answers;
        let block = pane(
            &format!(
                "Closing answers · “What else is on your mind?” · {}",
                Share::of(answers.len(), self.result.sessions()).of_text()
            ),
            true,
            self.theme,
        );
        let inner = block.inner(body);
        frame.render_widget(block, body);
        if answers.is_empty() {
            let text = "No closing answers yet: ending an interview asks the closing question.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
            return;
        }
        let w = inner.width as usize;
        let selected = self.s.row();
        let mut items: Vec<Vec<Line>> = Vec::new();
        // Rows from the selected one up, so it is always on screen.
        let start = {
            let mut used = 0;
            let mut k = selected;
            loop {
                used += self.closing_item(k, w, k == selected).len();
                if used > inner.height as usize || k == 0 {
                    break if used > inner.height as usize { k + 1 } else { 0 };
                }
                k -= 1;
            }
        }
        .min(selected);
        let mut used = 0;
        for k in start..answers.len() {
            let mut lines = self.closing_item(k, w, k == selected);
            // An answer longer than the pane shows its start.
            lines.truncate(inner.height as usize);
            used += lines.len();
            items.push(lines);
            if used >= inner.height as usize {
                break;
            }
        }
        let rows = items.iter().enumerate().flat_map(|(k, lines)| std::iter::repeat_n(Some(start + k), lines.len()));
        self.record(inner, rows.collect());
        frame.render_widget(Paragraph::new(items.into_iter().flatten().collect::<Vec<_>>()), inner);
    }

    fn closing_item(&self, k: usize, w: usize, selected: bool) -> Vec<Line<'static>> {
        let a = &self.result.closing_answers[k];
        let r = &self.records[a.session];
        let base = self.row_style(selected, true);
        let mut head = format!("{} · {}", r.date(), self.who(r));
        if let Some(c) = self.company(r) {
            head.push_str(&format!(" · {c}"));
        }
        let tags: String = a.tags.iter().take(5).map(|t| format!(" #{}", self.text(t))).collect();
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{head} "), self.theme.heading.patch(base)),
            Span::styled(truncate(&tags, w.saturating_sub(width(&head) + 1)).into_owned(), self.theme.tag.patch(base)),
        ])];
        let answer = self.text(r.closing_answer.as_deref().unwrap_or(""));
        let mut body = wrap(&format!("“{answer}”"), w.saturating_sub(2).max(8));
        if body.len() > 4 && !selected {
            body.truncate(4);
            if let Some(last) = body.last_mut() {
                last.push('…');
            }
        }
        lines.extend(body.into_iter().map(|l| Line::styled(format!("  {l}"), self.theme.quote.patch(base))));
        lines.push(Line::raw(""));
        lines
    }

    fn coverage(&self, frame: &mut Frame, body: Rect) {
        let (list, evidence) = list_and_evidence_at(body, 60);
        let block = pane(
            "Question coverage · interviews with a note on each question · ✗ never",
            self.list_focused(),
            self.theme,
        );
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let w = inner.width as usize;
        let total = self.s.len(Tab::Coverage);
        if total == 0 {
            let text = "No guides used yet.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
        }
        let selected = self.s.row();
        let column = ShareColumn::fitting(
            self.result.coverage.iter().flat_map(|g| g.questions.iter().map(|q| Share::of(q.covered, g.sessions))),
        );
        let top = first_row(selected, inner.height as usize, 1);
        let questions = (top..total).take(inner.height as usize);
        let rows = questions.map(|i| matches!(self.s.coverage_row(i), Some(CoverageRow::Question(..))).then_some(i));
        self.record(inner, rows.collect());
        let mut lines = Vec::new();
        for i in (top..total).take(inner.height as usize) {
            let base = self.row_style(i == selected, self.list_focused());
            match self.s.coverage_row(i) {
                Some(CoverageRow::Guide(g)) => {
                    let gc = &self.result.coverage[g];
                    let title = gc.title.as_deref().map(|t| format!(" — {}", self.text(t))).unwrap_or_default();
                    lines.push(Line::styled(
                        truncate(&format!("{}{title} · {}", self.text(&gc.guide), plural(gc.sessions, "interview")), w)
                            .into_owned(),
                        self.theme.heading.patch(base),
                    ));
                }
                Some(CoverageRow::Question(g, q)) => {
                    let gc = &self.result.coverage[g];
                    let qc = &gc.questions[q];
                    let share = Share::of(qc.covered, gc.sessions);
                    let counts = format!(" {}", column.cell(share));
                    let bar_w = 14.min(w / 5);
                    let text_w = w.saturating_sub(bar_w + width(&counts) + 1);
                    let text = qc
                        .text
                        .as_deref()
                        .map(|t| self.text(t).into_owned())
                        .unwrap_or_else(|| format!("{} (not in the guide)", self.text(&qc.id)));
                    let (style, mark) =
                        if qc.never_covered() { (self.theme.warning, "✗ ") } else { (self.theme.text, "  ") };
                    let meter = Span::styled(format!(" {}", bar(share, bar_w)), self.theme.bar.patch(base));
                    lines.push(Line::from(vec![
                        Span::styled(fit(&format!("{mark}{text}"), text_w), style.patch(base)),
                        meter,
                        Span::styled(counts, self.theme.muted.patch(base)),
                    ]));
                }
                None => {}
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
        let title = match self.s.coverage_row(selected) {
            Some(CoverageRow::Question(g, q)) => {
                let qc = &self.result.coverage[g].questions[q];
                format!("Notes on question {} · in {}", self.text(&qc.id), plural(qc.noted, "interview"))
            }
            _ => "Notes on the question".into(),
        };
        self.evidence(frame, evidence, &title);
    }

    fn search(&self, frame: &mut Frame, body: Rect) {
        let typing = self.s.focus == Focus::Search;
        let [input, results] = body.layout(&Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]));
        let block = pane("Search notes, closing answers, summaries · every word must match", typing, self.theme);
        let inner = block.inner(input);
        frame.render_widget(block, input);
        let count = match self.s.hits.len() {
            0 if self.s.query.is_empty() => String::new(),
            0 => "  no match".into(),
            n if n >= crate::tui::app::synthesis::SEARCH_LIMIT => format!("  best {n}"),
            n => format!("  {}", plural(n, "match")),
        };
        let w = (inner.width as usize).saturating_sub(width(&count) + 1);
        let (line, col) = field_line(&self.s.query, w, self.theme.input);
        let mut spans = line.spans;
        spans.push(Span::styled(count, self.theme.muted));
        frame.render_widget(Paragraph::new(Line::from(spans)), inner);
        if typing {
            frame.set_cursor_position(Position::new(inner.x + col as u16, inner.y));
        }
        let block = pane("Results · each opens in its session", !typing, self.theme);
        let inner = block.inner(results);
        frame.render_widget(block, results);
        if self.s.query.is_empty() {
            let text = "Type words to find the notes, closing answers and summaries the filter keeps.";
            frame.render_widget(Paragraph::new(Span::styled(text, self.theme.muted)), inner);
            return;
        }
        let w = inner.width as usize;
        let selected = self.s.row();
        let top = first_row(selected, inner.height as usize, 2);
        let shown = (top..self.s.hits.len()).take(inner.height as usize / 2);
        self.record(inner, shown.flat_map(|i| [Some(i), Some(i)]).collect());
        let mut lines = Vec::new();
        for (i, hit) in self.s.hits.iter().enumerate().skip(top).take(inner.height as usize / 2) {
            let base = self.row_style(i == selected, true);
            lines.extend(self.search_hit(hit, w, base));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// One search result on two lines: the kind's badge (as in the evidence
    /// pane) and the text with the matched words highlighted; then what it is
    /// (`quote`, `closing answer`, `summary`…) and who said it when.
    fn search_hit(&self, hit: &crate::analysis::synthesis::Hit, w: usize, base: Style) -> [Line<'static>; 2] {
        let r = &self.records[hit.at.session()];
        let text = self.text(hit.at.text(self.records));
        let indices = if self.s.anon.is_some() {
            crate::analysis::synthesis::highlight(&text, self.s.query.text())
        } else {
            hit.indices.clone()
        };
        let (lead, style, about) = match hit.at.note() {
            Some(at) => {
                let n = at.resolve(self.records).1;
                (format!("{} ", n.kind.badge()), self.theme.kind(n.kind), self.attribution(r, n, usize::MAX))
            }
            None => ("  ".to_string(), self.theme.text, self.who_and_when(r)),
        };
        let mut first = highlighted(
            &text,
            &indices,
            w.saturating_sub(width(&lead)),
            style.patch(base),
            self.theme.matched.patch(base),
        );
        first.spans.insert(0, Span::styled(lead, self.theme.muted.patch(base)));
        let second = format!("    {} {about}", hit.at.label(self.records));
        [first, Line::styled(truncate(&second, w).into_owned(), self.theme.muted.patch(base))]
    }

    /// "— Ana López · Acme · 2026-03-02": a closing answer's or summary's attribution.
    fn who_and_when(&self, r: &SessionRecord) -> String {
        let mut out = format!("— {}", self.who(r));
        if let Some(c) = self.company(r) {
            out.push_str(&format!(" · {c}"));
        }
        out.push_str(&format!(" · {}", r.date()));
        out
    }

    /// "— Ana López · Acme · 2026-03-02 · 00:12:31 · #pricing #trust"
    fn attribution(&self, r: &SessionRecord, n: &NoteRecord, w: usize) -> String {
        let mut out = format!("— {}", self.who(r));
        if let Some(c) = self.company(r) {
            out.push_str(&format!(" · {c}"));
        }
        out.push_str(&format!(" · {} · {}", r.date(), r.note_time(n)));
        let tags: String = r.tags_of(n).map(|t| format!(" #{}", self.text(t))).collect();
        if !tags.is_empty() {
            out.push_str(" ·");
            out.push_str(&tags);
        }
        if !r.quotes_shareable && n.kind == Kind::Quote {
            out.push_str(" · no consent to quote");
        }
        truncate(&out, w).into_owned()
    }

    /// The notes behind the highlighted row: each note's text (kind badge,
    /// wrapped to three lines) and who said it when.
    fn evidence(&self, frame: &mut Frame, area: Rect, title: &str) {
        let focused = self.s.focus == Focus::Evidence;
        let refs = self.s.evidence_refs();
        let block = pane(title, focused, self.theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if refs.is_empty() {
            frame.render_widget(Paragraph::new(Span::styled("No notes here.", self.theme.muted)), inner);
            return;
        }
        let w = inner.width as usize;
        let h = inner.height as usize;
        let selected = if focused { self.s.evidence } else { 0 };
        // Walk up from the selected note until the screen is full, so it stays visible.
        let mut start = selected;
        let mut used = self.evidence_item(refs[selected], w, false).len();
        while start > 0 {
            let above = self.evidence_item(refs[start - 1], w, false).len();
            if used + above > h {
                break;
            }
            used += above;
            start -= 1;
        }
        let mut lines = Vec::new();
        for (k, at) in refs.iter().enumerate().skip(start) {
            if lines.len() >= h {
                break;
            }
            let mut item = self.evidence_item(*at, w, focused && k == selected);
            if k == selected && focused {
                // Keep the highlight whole even when it is the last thing on screen.
                item.truncate(h.saturating_sub(lines.len()).max(1));
            }
            lines.extend(item);
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn evidence_item(&self, at: NoteRef, w: usize, selected: bool) -> Vec<Line<'static>> {
        let (r, n) = at.resolve(self.records);
        let base = self.row_style(selected, true);
        let text = self.text(r.text(n));
        let body = if n.kind == Kind::Quote { format!("“{text}”") } else { text.into_owned() };
        let body = if n.starred { format!("{} {body}", crate::tui::ui::review::STAR) } else { body };
        let lead = format!("{} ", n.kind.badge());
        let mut parts = wrap(&body, w.saturating_sub(width(&lead)).max(8));
        if parts.len() > 3 {
            parts.truncate(3);
            if let Some(last) = parts.last_mut() {
                last.push('…');
            }
        }
        let style = if n.kind == Kind::Note { self.theme.text } else { self.theme.kind(n.kind) };
        let mut lines: Vec<Line<'static>> = parts
            .into_iter()
            .enumerate()
            .map(|(k, p)| {
                let lead = if k == 0 { lead.clone() } else { " ".repeat(width(&lead)) };
                Line::from(vec![Span::styled(lead, self.theme.muted.patch(base)), Span::styled(p, style.patch(base))])
            })
            .collect();
        lines.push(Line::styled(
            format!("  {}", self.attribution(r, n, w.saturating_sub(2))),
            self.theme.muted.patch(base),
        ));
        lines
    }
}

fn empty(frame: &mut Frame, area: Rect, title: &str, text: &str, theme: &Theme) {
    let block = pane(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(Span::styled(text.to_string(), theme.muted)), inner);
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// " · 2 closing answers": closing answers carrying the theme's tag, which
/// count in its interviews but are not among its notes.
fn closing_summary(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " · 1 closing answer".into(),
        n => format!(" · {n} closing answers"),
    }
}

/// "38 notes: 5 quotes, 9 pains, 2 ideas" — what kind of evidence a theme rests on.
fn kinds_summary(notes: usize, kinds: &[usize; 6]) -> String {
    let mut parts = Vec::new();
    for (k, kind) in Kind::ALL.iter().enumerate() {
        if matches!(kind, Kind::Quote | Kind::Pain | Kind::Idea) && kinds[k] > 0 {
            parts.push(plural(kinds[k], kind.label()));
        }
    }
    let notes = plural(notes, "note");
    if parts.is_empty() { notes } else { format!("{notes}: {}", parts.join(", ")) }
}

/// A heat-map cell: a block whose height carries the share without colour
/// (for colour-blind readers and `NO_COLOR`), and a style in three tiers.
fn heat(f: f64, theme: &Theme) -> (char, Style) {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let level = ((f.clamp(0.0, 1.0) * 8.0).ceil() as usize).clamp(1, 8);
    let style = if f < 0.25 {
        theme.muted
    } else if f < 0.5 {
        theme.bar
    } else {
        theme.heat
    };
    (BLOCKS[level - 1], style)
}

/// One line of `text` with the characters at `indices` in `hit` style,
/// truncated to `w` columns.
fn highlighted(text: &str, indices: &[usize], w: usize, style: Style, hit: Style) -> Line<'static> {
    let shown = truncate(text, w);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in shown.chars().enumerate() {
        let is_hit = indices.binary_search(&i).is_ok();
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hit { hit } else { style }));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { style }));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_eighths_and_keep_their_width() {
        assert_eq!(bar(Share::of(0, 4), 4), "    ");
        assert_eq!(bar(Share::of(4, 4), 4), "████");
        assert_eq!(bar(Share::of(2, 4), 4), "██  ");
        assert_eq!(bar(Share::of(1, 32), 4), "▏   ");
        assert_eq!(bar(Share::of(7, 1), 2), "██", "over 100% is clamped");
        for (p, w) in [(13, 100), (1, 2), (77, 100), (99, 100)] {
            assert_eq!(width(&bar(Share::of(p, w), 10)), 10);
        }
    }

    #[test]
    fn a_ranked_row_always_has_room_for_its_numbers() {
        for w in [20, 38, 58, 78, 118, 198] {
            for name in [8, 30, 90] {
                for tail in [0, 13, 40] {
                    let counts = 20; // "123,456/123,456 100%"
                    let (name_w, bar_w, tail_w) = tag_row_widths(w, name, counts, tail);
                    let used = name_w + bar_w + 1 + counts + if tail_w > 0 { tail_w + 1 } else { 0 };
                    assert!(used <= w.max(counts + 1 + 8 + 4), "w {w} name {name} tail {tail}: {used}");
                }
            }
        }
    }

    #[test]
    fn heat_levels_rise_with_the_share() {
        let t = Theme::monochrome();
        assert_eq!(heat(0.01, &t).0, '▁');
        assert_eq!(heat(0.5, &t).0, '▄');
        assert_eq!(heat(1.0, &t).0, '█');
        assert_eq!(heat(0.1, &t).1, t.muted);
        assert_eq!(heat(0.3, &t).1, t.bar);
        assert_eq!(heat(0.6, &t).1, t.heat);
    }
}
