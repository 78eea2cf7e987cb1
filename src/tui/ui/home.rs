//! The home screen: the library of sessions, newest first, and the form that
//! starts a new interview.

use super::text::{centered, cursor_col, inert, truncate, truncate_words, width};
use crate::analysis::synthesis::{FILTER_EXAMPLE, filter_line};
use crate::text::counts::thousands;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::home::{Field, Home, NewForm};
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table, TableState};

pub fn render(frame: &mut Frame, app: &App, home: &Home, theme: &Theme, hits: &mut super::Hits) {
    let keys = &app.keymap;
    let show_filter = home.view.filtering || !home.view.filter.is_empty();
    let [header, filter_bar, body, footer] = frame.area().layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(show_filter)),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let n = app.library.sessions.len();
    let visible = home.view.visible(&app.library);
    let mut head = vec![
        Span::styled(" fieldnotes", theme.heading),
        Span::styled(
            if app.library_loading && n == 0 {
                " · reading the library…".to_string()
            } else if let Some(preview) = app.library_preview.as_ref().filter(|_| app.library_loading) {
                // The index's newest rows, drawn before each file is checked.
                format!(" · newest {n} of {} · checking the library…", thousands(preview.total))
            } else {
                format!(" · {} interview{}", thousands(n), if n == 1 { "" } else { "s" })
            },
            theme.muted,
        ),
    ];
    if visible.len() != n {
        head.push(Span::styled(format!(" · {} shown", visible.len()), theme.muted));
    }
    // Free words are looked for in the notes off the UI thread: until the
    // answer, the rows are those shown before, and the header says so.
    if home.view.notes_pending() {
        head.push(Span::styled(" · searching notes…", theme.warning));
    }
    head.push(Span::styled(format!(" · {}", home.view.sort.label()), theme.muted));
    if let Some(offer) = crate::tui::app::codebook_tags::hygiene_offer(app.tag_near_duplicates) {
        head.push(Span::styled(format!(" · {offer}"), theme.warning));
    }
    frame.render_widget(Paragraph::new(Line::from(head)), header);
    if show_filter {
        let text = inert(home.view.filter.text()).into_owned();
        let mut spans = vec![Span::styled(" / ", theme.key), Span::styled(text, theme.input)];
        if home.view.filter.is_empty() {
            spans.push(Span::styled(FILTER_EXAMPLE, theme.muted));
        }
        // A line that does not read changes nothing: say what is still in force, and why.
        if let Some(e) = &home.view.error {
            let kept = filter_line(&home.view.applied);
            let kept = if kept.is_empty() { "every interview".to_string() } else { kept };
            spans.push(Span::styled(format!("  kept: {}", inert(&kept)), theme.warning));
            spans.push(Span::styled(format!("  ✗ {}", inert(e)), theme.error));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), filter_bar);
        if home.view.filtering {
            let col = cursor_col(&home.view.filter);
            super::layers::place_cursor(frame, Position::new(filter_bar.x + 3 + col as u16, filter_bar.y));
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Line::styled(" Library ", theme.heading));
    if n == 0 && app.library_loading {
        let inner = block.inner(body);
        frame.render_widget(block, body);
        frame.render_widget(Paragraph::new(Line::styled("Reading the library…", theme.muted)).centered(), inner);
    } else if n == 0 {
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let mut lines = vec![Line::default(), Line::styled("No interviews yet.", theme.text)];
        if let Some(key) = keys.first_key(Mode::Home, &Action::NewInterview) {
            lines.push(Line::from(vec![
                Span::styled("Press ", theme.muted),
                Span::styled(key.label(), theme.key),
                Span::styled(" to start one with a guide.", theme.muted),
            ]));
        }
        frame.render_widget(Paragraph::new(lines).centered(), inner);
    } else if visible.is_empty() {
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let clear = super::key_line(keys, Mode::HomeFilter, &[(Action::Back, "clears the filter.")]);
        let text =
            if clear.is_empty() { "No session matches.".to_string() } else { format!("No session matches. {clear}") };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)).centered(), inner);
    } else {
        hits.list = Some(render_table(frame, body, app, home, &visible, block, theme));
    }
    if let Some((typed, highlighted)) = &home.view.picking {
        render_facets(frame, app, home, typed, *highlighted, theme);
    }
    let selected_error =
        visible.get(home.selected).and_then(|i| app.library.sessions.get(*i)).and_then(|s| s.info.as_ref().err());
    let footer_line = if let Some(m) = &app.message {
        Line::styled(format!(" {}", super::keyed(&inert(m), &app.keymap, app.mode())), theme.warning)
    } else if let Some(e) = selected_error {
        // A broken file keeps its row; the footer says exactly what is wrong with it.
        Line::styled(format!(" {}", inert(&e.to_string())), theme.error)
    } else {
        // Hints in order of importance; those that do not fit are left out
        // (F1 lists them all), keeping help itself last.
        // The form, the filter line and the picker have keys of their own:
        // the footer shows the keys of what has the focus.
        let mode = app.mode_under_help();
        let filtered = !home.view.filter.is_empty() || !home.view.applied.is_empty();
        let list: &[(Action, &str)] = &[
            (Action::NewInterview, "new"),
            (Action::OpenSession, "open"),
            (Action::OpenSynthesis, "synthesis"),
            (Action::ResumeLive, "live"),
            (Action::FilterLibrary, "find"),
            (Action::FacetFilter, "filter"),
            (Action::CycleSort, "sort"),
            (Action::ShowFollowups, "follow-ups"),
            (Action::Back, "quit"),
            (Action::ToggleHelp, "help"),
        ];
        let hints: &[(Action, &str)] = match mode {
            Mode::NewForm => &[
                (Action::StartInterview, "start"),
                (Action::NextField, "next field"),
                (Action::Back, "cancel"),
                (Action::ToggleHelp, "help"),
            ],
            Mode::HomeFilter => &[(Action::ApplyTag, "keep"), (Action::Back, "clear"), (Action::ToggleHelp, "help")],
            Mode::Facet => &[
                (Action::ApplyTag, "filter"),
                (Action::MoveDown, "next"),
                (Action::Back, "no filter"),
                (Action::ToggleHelp, "help"),
            ],
            _ => list,
        };
        let mut hints = super::footer::bound(keys, mode, hints);
        if mode == Mode::Home && filtered {
            // Where a filter is on, the key that takes it off comes first.
            hints.splice(0..0, super::footer::bound(keys, mode, &[(Action::ClearFilter, "clear filter")]));
        }
        let cost = |h: &(String, &str)| width(&h.0) + width(h.1) + 3;
        let room = footer.width as usize;
        // Drop from just before "quit" and "help", which always stay.
        while hints.len() > 3 && hints.iter().map(cost).sum::<usize>() > room {
            hints.remove(hints.len() - 3);
        }
        Line::from(super::footer::spans(hints, super::footer::Spacing::Spaced, theme))
    };
    frame.render_widget(Paragraph::new(super::text::truncate_line(footer_line, footer.width as usize)), footer);
    if let Some(form) = &home.form {
        render_form(frame, app, form, theme);
    }
}

/// Draws the library table; returns which row is on which line, for clicks.
fn render_table(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    home: &Home,
    visible: &[usize],
    block: Block,
    theme: &Theme,
) -> super::ListHits {
    let wide = area.width >= 110;
    // Narrow, the company and segment are not shown: with a filter in force,
    // the last column says why each row matched instead of its top tags.
    let why = !wide && !home.view.applied.is_empty();
    let inner = block.inner(area);
    let mut widths = vec![Constraint::Length(16), Constraint::Fill(2)];
    let mut header = vec!["Date", "Participant"];
    if wide {
        widths.extend([Constraint::Fill(2), Constraint::Length(18)]);
        header.extend(["Company · segment", "Guide"]);
    }
    widths.extend([Constraint::Length(4), Constraint::Length(5), Constraint::Length(8), Constraint::Fill(2)]);
    header.extend(["Dur", "Notes", "Untagged", if why { "Matched" } else { "Top tags" }]);
    // The columns as the table lays them out (after the 2-column highlight
    // symbol, one space apart), so each cell is cut here with a mark rather
    // than clipped by the table.
    let cols: Vec<usize> = Rect { width: inner.width.saturating_sub(2), ..inner }
        .layout_vec(&Layout::horizontal(widths.clone()).spacing(1))
        .iter()
        .map(|r| r.width as usize)
        .collect();
    let cut = |i: usize, s: &str| truncate(&inert(s), cols.get(i).copied().unwrap_or(0)).into_owned();
    let rows: Vec<Row> = visible
        .iter()
        .map(|i| &app.library.sessions[*i])
        .map(|s| match &s.info {
            Ok(info) => {
                let date = info.started_at.format("%Y-%m-%d %H:%M").to_string();
                let org = [info.company.as_deref(), info.segment.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                let state = match (s.journal, info.ended_at.is_some()) {
                    (true, _) => " ⚠ unsaved journal",
                    (false, true) => "",
                    (false, false) => " ●",
                };
                // The state is given its room first; the name gives way.
                let who = truncate(&inert(&info.participant), cols[1].saturating_sub(width(state))).into_owned();
                let tags = info.tags.iter().take(3).map(|(t, _)| format!("#{t}")).collect::<Vec<_>>().join(" ");
                let duration = info.duration_mins().map_or("live".to_string(), |m| format!("{m}m"));
                let untagged = if info.untagged == 0 { "·".to_string() } else { info.untagged.to_string() };
                let mut cells = vec![
                    Cell::from(date).style(theme.muted),
                    Cell::from(Line::from(vec![Span::styled(who, theme.text), Span::styled(state, theme.warning)])),
                ];
                if wide {
                    cells.push(Cell::from(cut(2, &org)).style(theme.muted));
                    cells.push(Cell::from(cut(3, &info.guide)).style(theme.muted));
                }
                cells.push(Cell::from(duration).style(theme.muted));
                cells.push(Cell::from(info.notes.to_string()).style(theme.text));
                cells.push(Cell::from(untagged).style(if info.untagged > 0 { theme.warning } else { theme.muted }));
                let last_w = cols.last().copied().unwrap_or(0);
                match home.view.applied.why(&home.view.row(&s.id, info)).filter(|_| why) {
                    Some(w) => cells.push(Cell::from(truncate(&inert(&w), last_w).into_owned()).style(theme.muted)),
                    None => cells.push(Cell::from(truncate_words(&inert(&tags), last_w).into_owned()).style(theme.tag)),
                }
                Row::new(cells)
            }
            Err(e) => Row::new(vec![
                Cell::from("unreadable").style(theme.error),
                Cell::from(cut(1, &s.id)).style(theme.error),
                Cell::from(cut(2, &e.message)).style(theme.error),
            ]),
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.heading))
        .row_highlight_style(theme.selection)
        .highlight_symbol("▶ ")
        .block(block);
    let mut state = TableState::default().with_selected(Some(home.selected));
    frame.render_stateful_widget(table, area, &mut state);
    // One line per session under the one-line header, from the table's scroll offset.
    let rows_area = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    let rows =
        (0..rows_area.height as usize).map(|k| Some(state.offset() + k).filter(|i| *i < visible.len())).collect();
    super::ListHits { area: rows_area, rows }
}

fn render_facets(
    frame: &mut Frame,
    app: &App,
    home: &Home,
    typed: &crate::tui::text_input::TextInput,
    highlighted: usize,
    theme: &Theme,
) {
    let facets = home.view.facets(&app.library);
    let h = (facets.len() as u16 + 3).clamp(5, 16);
    let area = centered(frame.area(), 48, h);
    super::layers::overlay(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(" Show sessions with… ", theme.heading))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                super::key_line(&app.keymap, Mode::Facet, &[(Action::ApplyTag, "choose"), (Action::Back, "show all")])
            ),
            theme.muted,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.key),
        Span::styled(inert(typed.text()).into_owned(), theme.input),
    ])];
    let hl = highlighted.min(facets.len().saturating_sub(1));
    let room = inner.height.saturating_sub(1) as usize;
    let top = hl.saturating_sub(room.saturating_sub(1));
    for (i, (facet, count)) in facets.iter().enumerate().skip(top).take(room) {
        let base = if i == hl { theme.selection } else { Style::new() };
        let label = format!("{:<36}{count:>4}", truncate(&inert(&facet.label()), 35));
        lines.push(Line::styled(label, theme.tag.patch(base)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let col = cursor_col(typed);
    super::layers::place_cursor(frame, Position::new(inner.x + 2 + col as u16, inner.y));
}

fn render_form(frame: &mut Frame, app: &App, form: &NewForm, theme: &Theme) {
    let guides_h = (app.guides.len() as u16).min(8);
    let segments = &app.home.segments;
    let segments_offered = form.offered_segments(segments);
    // Borders 2, label 1, guides, objective 3, fields 5, error 1, and the
    // library's segments while the segment is typed (the form grows for them).
    let segments_h = segments_offered.len() as u16;
    let area = centered(frame.area(), 72, guides_h + 12 + segments_h);
    super::layers::overlay(frame, area);
    let offered = form.offered(&app.home.roster);
    let keys = if segments_offered.is_empty() {
        super::roster_pick::form_keys(&app.keymap, form, !offered.is_empty())
    } else {
        super::segment_pick::form_keys(&app.keymap, form)
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(" New interview ", theme.heading))
        .title_bottom(Line::styled(keys, theme.muted));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [guide_label, guide_list, objective, fields, segment_list, error] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(guides_h),
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Length(segments_h),
        Constraint::Length(1),
    ]));
    // What the highlighted guide is for, so the choice is an informed one,
    // and whether the linter would flag any of its questions; for a guide
    // that does not load, why, in the room its description would take.
    let describe = |text: &str, style: Style| -> Vec<Line<'static>> {
        let room = objective.width.saturating_sub(4) as usize;
        let mut lines = super::text::wrap(&inert(text.trim()), room);
        if lines.len() > objective.height as usize {
            lines.truncate(objective.height as usize);
            if let Some(last) = lines.last_mut() {
                // The words go on: say so rather than stop mid-sentence.
                *last = format!("{}…", truncate(last.trim_end(), room.saturating_sub(1)).trim_end_matches('…'));
            }
        }
        lines.into_iter().map(|l| Line::styled(format!("   {l}"), style)).collect()
    };
    match app.guides.get(form.guide).map(|g| &g.guide) {
        _ if form.holding && !form.held.is_empty() => {
            let shown = format!("Kept for the first note: {}", form.held.text());
            frame.render_widget(Paragraph::new(describe(&shown, theme.input)), objective);
        }
        Some(Ok(g)) => {
            if let Some(text) = crate::analysis::lint::summary(g) {
                let line = truncate(&format!(" ⚠ {}", inert(&text)), error.width as usize).into_owned();
                frame.render_widget(Paragraph::new(Span::styled(line, theme.warning)), error);
            }
            frame.render_widget(Paragraph::new(describe(&g.objective, theme.muted)), objective);
        }
        Some(Err(e)) => {
            let shown = format!("This guide cannot be used: {e}");
            frame.render_widget(Paragraph::new(describe(&shown, theme.error)), objective);
        }
        None => {}
    }
    let focused = |f: Field| form.field == f;
    let label_style = |f: Field| if focused(f) { theme.key } else { theme.heading };
    frame.render_widget(Paragraph::new(Span::styled(" Guide", theme.heading)), guide_label);
    let w = guide_list.width as usize;
    let top = form.guide.saturating_sub(guides_h.saturating_sub(1) as usize);
    let lines: Vec<Line> = app
        .guides
        .iter()
        .enumerate()
        .skip(top)
        .take(guides_h as usize)
        .map(|(i, g)| {
            let chosen = i == form.guide;
            let mark = if chosen { " ● " } else { " ○ " };
            let (desc, style) = match &g.guide {
                Ok(guide) => (
                    format!(
                        "{} · {}",
                        inert(&guide.title),
                        guide.duration.map(|d| format!("{d} min")).unwrap_or_default()
                    ),
                    theme.muted,
                ),
                Err(e) => (format!("cannot load: {}", inert(e)), theme.error),
            };
            // ↑↓ move this highlight from any field, so it always shows.
            let base = if chosen { theme.selection } else { Style::new() };
            let name = format!("{mark}{:<20}", g.name);
            let rest = truncate(&desc, w.saturating_sub(width(&name) + 1)).into_owned();
            Line::from(vec![
                Span::styled(name, theme.text.patch(base)),
                Span::styled(format!(" {rest}"), style.patch(base)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), guide_list);
    let mut cursor = None;
    let rows: Vec<Line> = [Field::Participant, Field::Company, Field::Role, Field::Segment]
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let input = form.input(*f);
            let label = format!(" {:<12}", f.label());
            if focused(*f) && !form.holding {
                let col = cursor_col(input);
                cursor = Some(Position::new(fields.x + 14 + col as u16, fields.y + 1 + i as u16));
            }
            let placeholder = match f {
                Field::Participant => "required",
                _ => "optional",
            };
            let value = if input.is_empty() && !focused(*f) {
                Span::styled(format!(" {placeholder}"), theme.muted)
            } else {
                Span::styled(format!(" {}", inert(input.text())), theme.input)
            };
            let mut spans = vec![Span::styled(label, label_style(*f)), value];
            if *f == Field::Participant
                && let Some(mark) = super::roster_pick::picked_mark(form, &app.home.roster)
            {
                spans.push(Span::styled(mark, theme.muted));
            }
            Line::from(spans)
        })
        .collect();
    let mut all = vec![Line::default()];
    all.extend(rows);
    frame.render_widget(Paragraph::new(all), fields);
    if let Some(e) = &form.error {
        let line = truncate(&format!(" {}", inert(e)), error.width as usize).into_owned();
        frame.render_widget(Paragraph::new(Span::styled(line, theme.error)), error);
    }
    if form.holding && !form.held.is_empty() {
        // The cursor is where the typing goes: after the kept text.
        let room = objective.width.saturating_sub(4) as usize;
        let shown = format!("Kept for the first note: {}", form.held.text());
        let lines = super::text::wrap(&inert(&shown), room);
        let row = lines.len().min(objective.height as usize).saturating_sub(1);
        let col = lines.get(row).map(|l| width(l)).unwrap_or(0);
        cursor = Some(Position::new(objective.x + 3 + col as u16, objective.y + row as u16));
    }
    // The people matching the name, over the rows below it (and the error
    // line) while the name is typed: those rows are not being edited then.
    let below = Rect {
        x: fields.x + 1,
        y: fields.y + 2,
        width: fields.width.saturating_sub(1),
        height: (error.y + error.height).saturating_sub(fields.y + 2),
    };
    super::roster_pick::render_list(frame, below, &app.home.roster, &offered, form.highlight, theme);
    // The library's segments, in the rows the form grew for them.
    let segment_list = Rect { x: segment_list.x + 1, width: segment_list.width.saturating_sub(1), ..segment_list };
    super::segment_pick::render_list(frame, segment_list, segments, &segments_offered, form.segment_highlight, theme);
    if let Some(pos) = cursor {
        super::layers::place_cursor(frame, pos);
    }
}
