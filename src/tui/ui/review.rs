//! The session view: who, when, the closing answer first, then every guide
//! question with the notes taken on it (or "not covered"), and quick tagging.

use super::field::Wrapped;
use super::text::{centered, clip_lines, cursor_col, inert, truncate, width, wrap};
use crate::domain::note::Kind;
use crate::tui::action::Action;
use crate::tui::app::review::{QuickTag, Review, ReviewMode, Row};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

fn pane<'a>(title: &'a str, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Line::styled(format!(" {title} "), theme.heading))
}

/// `notice`: a message from outside the view (where an export went, say).
pub fn render(
    frame: &mut Frame,
    r: &Review,
    back_to: &str,
    notice: Option<&str>,
    theme: &Theme,
    keys: &Keymap,
    hits: &mut super::Hits,
) {
    let prompt = match &r.mode {
        ReviewMode::Edit { input, .. } => Some((input, "Edit note", Mode::ReviewEdit, "save")),
        ReviewMode::Rename { input } => Some((input, "Participant's name", Mode::ReviewEdit, "save")),
        ReviewMode::Import { input } => Some((input, "Transcript file to import", Mode::TranscriptImport, "import")),
        _ => None,
    };
    // The field grows as its text wraps, inside its borders.
    let field = prompt.map(|(input, ..)| Wrapped::new(input, frame.area().width.saturating_sub(2) as usize));
    let field_h = field.as_ref().map_or(0, |f| f.height(super::field::max_rows(frame.area().height)) as u16 + 2);
    let [header, info, body, input, footer] = frame.area().layout(&Layout::vertical([
        Constraint::Length(1),
        // Narrow screens stack the checklist under the closing answer.
        Constraint::Length(match (frame.area().width >= 110, frame.area().height >= 30) {
            (true, true) => 7,
            (true, false) => 6,
            (false, _) => 8,
        }),
        Constraint::Fill(1),
        Constraint::Length(field_h),
        Constraint::Length(1),
    ]));
    render_header(frame, header, r, theme);
    render_info(frame, info, r, theme, keys);
    match &r.mode {
        ReviewMode::Tagging(q) => render_tagging(frame, body, r, q, theme, keys),
        _ => {
            let (notes, transcript) = beside_notes(body, r);
            hits.list = Some(render_notes(frame, notes, r, theme));
            if let Some(area) = transcript {
                super::transcript_pane::render(frame, area, r, theme, keys);
            }
        }
    }
    if let (Some((_, what, mode, commit)), Some(field)) = (prompt, field) {
        let how = super::key_line(keys, mode, &[(Action::CommitNote, commit), (Action::Back, "cancel")]);
        let title = format!("{what} · {how}");
        let block = pane(&title, true, theme);
        let inner = block.inner(input);
        frame.render_widget(block, input);
        let (lines, (row, col)) = field.visible(inner.height as usize, theme.input);
        frame.render_widget(Paragraph::new(lines), inner);
        super::field::always_redraw(frame.buffer_mut(), inner);
        super::layers::place_cursor(frame, Position::new(inner.x + col as u16, inner.y + row as u16));
    }
    render_footer(frame, footer, r, (back_to, notice), theme, keys);
}

fn render_header(frame: &mut Frame, area: Rect, r: &Review, theme: &Theme) {
    let save = super::save_status::span(&r.save, area.width as usize, theme);
    let save_w = save.width() as u16;
    let [l, rr] = area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(save_w)]));
    let title = truncate(&inert(&r.session.title), l.width.saturating_sub(1) as usize).into_owned();
    frame.render_widget(Paragraph::new(Span::styled(format!(" {title}"), theme.heading)), l);
    frame.render_widget(Paragraph::new(save), rr);
}

fn render_info(frame: &mut Frame, area: Rect, r: &Review, theme: &Theme, keys: &Keymap) {
    let key = |action: Action| keys.first_key(Mode::Review, &action).map(|k| k.label());
    // The checklist's boxes are ticked with these keys; unbound, no key shows.
    let tick_key = |action: Action| key(action).map_or_else(String::new, |k| format!("{k} "));
    let s = &r.session;
    let wide = area.width >= 110;
    let [left, right] = if wide {
        area.layout(&Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]))
    } else {
        [area, Rect::default()]
    };
    let p = &s.participant;
    let about: Vec<String> = [p.role.as_deref(), p.company.as_deref(), p.segment.as_deref()]
        .into_iter()
        .flatten()
        .map(|x| inert(x).into_owned())
        .collect();
    let duration = match s.duration_mins() {
        Some(mins) if s.sitting_count() > 1 => format!("{mins} min in {} sittings", s.sitting_count()),
        Some(mins) => format!("{mins} min"),
        None => "in progress".into(),
    };
    let untagged = r.untagged();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(inert(&p.name).into_owned(), theme.heading),
            Span::styled(if about.is_empty() { String::new() } else { format!(" · {}", about.join(", ")) }, theme.text),
        ]),
        Line::styled(
            format!(
                "{} · {duration} · guide {} · {} notes, {untagged} untagged",
                s.started_at.format("%Y-%m-%d %H:%M"),
                inert(&s.guide),
                s.notes.len()
            ),
            theme.muted,
        ),
    ];
    let block = pane("Session", false, theme);
    lines.push(Line::styled("What else is on your mind?", theme.heading));
    let answer =
        s.closing_answer().map_or("(not asked, or no answer recorded)".to_string(), |a| format!("“{}”", inert(a)));
    let inner_w = left.width.saturating_sub(2) as usize;
    let room = left.height.saturating_sub(5 + u16::from(!wide)) as usize;
    // What does not fit ends with `…`: a line dropped unmarked reads as the end of the answer.
    let mut answer_lines = wrap(&answer, inner_w);
    clip_lines(&mut answer_lines, room.max(1), inner_w);
    for l in answer_lines {
        lines.push(Line::styled(l, if s.closing_answer().is_some() { theme.quote } else { theme.muted }));
    }
    if !wide {
        lines.push(checklist_line(r, theme, tick_key(Action::ToggleThanked), tick_key(Action::ToggleShared)));
    }
    frame.render_widget(Paragraph::new(lines).block(block), left);
    if wide {
        let block = pane("Wrap-up", false, theme);
        let tick = |b: bool| if b { "☑" } else { "☐" };
        let mut lines = vec![
            Line::from(vec![
                Span::styled(tick_key(Action::ToggleThanked), theme.key),
                Span::styled(format!("{} thanked the participant", tick(s.wrapup.thanked)), theme.text),
            ]),
            Line::from(vec![
                Span::styled(tick_key(Action::ToggleShared), theme.key),
                Span::styled(format!("{} shared the summary", tick(s.wrapup.shared)), theme.text),
            ]),
        ];
        let open = s.notes.iter().filter(|n| n.kind == Kind::Followup && !n.done).count();
        let done = s.notes.iter().filter(|n| n.kind == Kind::Followup && n.done).count();
        lines.push(Line::styled(format!("Follow-ups: {open} open, {done} done"), theme.followup));
        // The summary itself heads the notes (`summary_lines`), whole, at every width.
        match summary_text(r) {
            Some(_) => lines.push(Line::styled(
                match key(Action::EditSummary) {
                    Some(k) => format!("Summary: at the top of the notes ({k} edits it)"),
                    None => "Summary: at the top of the notes".to_string(),
                },
                theme.text,
            )),
            None => lines.push(Line::styled(
                match key(Action::EditSummary) {
                    Some(k) => format!("No summary yet: {k} writes one in your editor."),
                    None => "No summary yet.".to_string(),
                },
                theme.muted,
            )),
        }
        coach_lines(&mut lines, &r.coach, right, theme);
        frame.render_widget(Paragraph::new(lines).block(block), right);
    }
}

/// The listening coach under the checklist, wrapped to the pane; what does
/// not fit ends with `…` (a taller window shows it, and `transcript stats`).
fn coach_lines(lines: &mut Vec<Line<'_>>, coach: &[String], pane: Rect, theme: &Theme) {
    let width = pane.width.saturating_sub(2) as usize;
    let room = (pane.height.saturating_sub(2) as usize).saturating_sub(lines.len());
    let wrapped: Vec<String> = coach.iter().flat_map(|l| wrap(&inert(l), width)).collect();
    for (i, l) in wrapped.iter().enumerate().take(room) {
        let cut = i + 1 == room && wrapped.len() > room;
        let text = if cut { format!("{}…", truncate(l, width.saturating_sub(1))) } else { l.clone() };
        lines.push(Line::styled(text, theme.text));
    }
}

fn checklist_line<'a>(r: &Review, theme: &Theme, thanked_key: String, shared_key: String) -> Line<'a> {
    let tick = |b: bool| if b { "☑" } else { "☐" };
    Line::from(vec![
        Span::styled(thanked_key, theme.key),
        Span::styled(format!("{} thanked the participant  ", tick(r.session.wrapup.thanked)), theme.text),
        Span::styled(shared_key, theme.key),
        Span::styled(format!("{} shared the summary", tick(r.session.wrapup.shared)), theme.text),
    ])
}

/// The notes and, when it is shown, the transcript pane: beside them on a
/// wide screen, under them on a narrow one.
fn beside_notes(body: Rect, r: &Review) -> (Rect, Option<Rect>) {
    if !r.transcript.shown {
        return (body, None);
    }
    let [notes, pane] = if body.width >= 120 {
        body.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]))
    } else {
        body.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]))
    };
    (notes, Some(pane))
}

/// The mark of a note starred as key evidence.
pub const STAR: &str = "★";

fn note_spans<'a>(r: &'a Review, i: usize, w: usize, selected: bool, theme: &Theme) -> Vec<Line<'a>> {
    let n = &r.session.notes[i];
    let base = if selected { theme.selection } else { Style::new() };
    let lead = format!("  {:>5} {} ", r.session.note_clock(n), n.kind.badge());
    let indent = width(&lead);
    let mut body = inert(&n.text).into_owned();
    if n.kind == Kind::Quote {
        body = format!("“{body}”");
        // Checked against the transcript: said, close or not found (a mark, not only a colour).
        if let Some(v) = r.transcript.verdict(i) {
            body = format!("{} {body}", super::transcript_pane::verdict_mark(v));
        }
    }
    if n.kind == Kind::Followup {
        body = format!("{} {body}", if n.done { "☑" } else { "☐" });
    }
    if n.starred {
        body = format!("{STAR} {body}");
    }
    let tags: String = n.tags.iter().map(|t| format!(" #{}", inert(t))).collect();
    let text_style = if n.kind == Kind::Note { theme.text } else { theme.kind(n.kind) };
    // One column kept blank at the right: a word that touches the border reads as cut.
    let mut parts = wrap(&format!("{body}{tags}"), w.saturating_sub(indent + 1).max(8));
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(k, part)| {
            let lead = if k == 0 { lead.clone() } else { " ".repeat(indent) };
            let (text, tag) = match part.find(" #") {
                Some(p) if !tags.is_empty() => (part[..p].to_string(), part[p..].to_string()),
                _ => (part, String::new()),
            };
            Line::from(vec![
                Span::styled(lead, theme.muted.patch(base)),
                Span::styled(text, text_style.patch(base)),
                Span::styled(tag, theme.tag.patch(base)),
            ])
        })
        .collect()
}

/// The summary written with `m`, when it has any text.
fn summary_text(r: &Review) -> Option<&str> {
    r.session.summary.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The summary as the first lines of the notes pane, wrapped to `w`: it is
/// the interview in a few lines, so it is shown whole, at every width.
fn summary_lines(r: &Review, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(text) = summary_text(r) else { return Vec::new() };
    let mut lines = vec![Line::styled("Summary", theme.heading)];
    for paragraph in text.lines() {
        let wrapped = wrap(&inert(paragraph), w.max(8));
        if wrapped.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.extend(wrapped.into_iter().map(|l| Line::styled(l, theme.text)));
    }
    lines.push(Line::raw(""));
    lines
}

/// The notes pane's title with the quote marks' legend, in the longest form
/// that fits (a legend cut short would hide what `✗` means).
fn notes_title(room: usize) -> String {
    use super::transcript_pane::{LEGEND, SHORT_LEGEND};
    [format!("Notes by question · {LEGEND}"), format!("Notes · {LEGEND}"), format!("Notes · {SHORT_LEGEND}")]
        .into_iter()
        .find(|t| width(t) <= room)
        .unwrap_or_else(|| "Notes".to_string())
}

/// Draws the notes by question; returns which note (by position in the
/// view's order) is on which line, for clicks.
fn render_notes(frame: &mut Frame, area: Rect, r: &Review, theme: &Theme) -> super::ListHits {
    let title = if r.transcript.transcript().is_some() {
        notes_title(area.width.saturating_sub(4) as usize)
    } else {
        "Notes by question".to_string()
    };
    let focused = !matches!(r.mode, ReviewMode::Transcript);
    let block = pane(&title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let selected = r.selected_note();
    let mut lines: Vec<Line> = summary_lines(r, w, theme);
    let summary_len = lines.len();
    // For each line, the position of its note in `order()` (rows list notes in that order).
    let mut owners: Vec<Option<usize>> = Vec::new();
    let mut position = 0;
    let mut selected_line = 0;
    for row in r.rows() {
        owners.resize(lines.len(), None);
        match row {
            Row::Section(title) => lines.push(Line::styled(inert(title).into_owned(), theme.heading)),
            Row::Question { id, text, covered } => {
                // A column of room after the mark: a word that touches the border reads as cut.
                let mark = if covered { "" } else { "  · not covered " };
                let style = if covered { theme.text } else { theme.visited };
                let label = truncate(&format!("{id} {}", inert(text)), w.saturating_sub(width(mark))).into_owned();
                lines.push(Line::from(vec![Span::styled(label, style), Span::styled(mark, theme.muted)]));
            }
            Row::Other => lines.push(Line::styled("Notes on questions not in the guide", theme.heading)),
            Row::Note(i) => {
                if Some(i) == selected {
                    selected_line = lines.len();
                }
                lines.extend(note_spans(r, i, w, Some(i) == selected, theme));
                owners.resize(lines.len(), Some(position));
                position += 1;
            }
        }
    }
    owners.resize(lines.len(), None);
    if r.session.notes.is_empty() {
        lines.insert(summary_len, Line::styled("This session has no notes.", theme.muted));
        owners.insert(summary_len, None);
    }
    let h = inner.height as usize;
    // The summary stays in view while the selected note is on the first page.
    let top = if summary_len > 0 && selected_line + 1 < h {
        0
    } else {
        selected_line.saturating_sub(h / 3).min(lines.len().saturating_sub(h))
    };
    frame.render_widget(Paragraph::new(lines.into_iter().skip(top).take(h).collect::<Vec<_>>()), inner);
    super::ListHits { area: inner, rows: owners.into_iter().skip(top).take(h).collect() }
}

/// The quick-tagging pane's title: where the walk stands, library-wide when
/// walking the library ("34 of 1,913 untagged · interview 3 of 200").
fn tagging_title(r: &Review, q: &QuickTag) -> String {
    use crate::text::counts::thousands;
    let (reached, here) = q.untagged_position();
    let every = if q.all { format!(" · every note: {} of {}", q.pos + 1, q.queue.len()) } else { String::new() };
    match &r.walk {
        Some(w) => format!(
            "Quick tagging · {} of {} untagged · interview {} of {}{every}",
            thousands(w.nth(q)),
            thousands(w.total),
            thousands(w.interview),
            thousands(w.interviews),
        ),
        None if here == 0 => format!("Quick tagging · note {} of {} · every note has a tag", q.pos + 1, q.queue.len()),
        None => format!("Quick tagging · {reached} of {here} untagged{every}"),
    }
}

fn render_tagging(frame: &mut Frame, area: Rect, r: &Review, q: &QuickTag, theme: &Theme, keys: &Keymap) {
    let title = tagging_title(r, q);
    let block = pane(&title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [context, tags_area] = inner.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]));
    let w = context.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let neighbour = |k: usize| -> Option<usize> { q.queue.get(k).copied() };
    // Each note under its own question: a heading whenever the question
    // changes, so the next note never reads as an answer to this one's.
    let mut heading = None;
    let mut question_line = |lines: &mut Vec<Line>, note: usize| {
        let qid = r.session.notes[note].question.as_deref();
        if heading == Some(qid) {
            return;
        }
        heading = Some(qid);
        let text = match qid {
            Some(id) => match r.guide.questions().find(|(_, x)| x.id == id) {
                Some((_, question)) => format!("{id} {}", inert(&question.text)),
                None => format!("{} (not in the guide)", inert(id)),
            },
            None => "(no question)".to_string(),
        };
        lines.push(Line::styled(truncate(&text, w).into_owned(), theme.muted));
    };
    if let Some(prev) = q.pos.checked_sub(1).and_then(neighbour) {
        question_line(&mut lines, prev);
        for l in note_spans(r, prev, w, false, theme) {
            lines.push(l.style(theme.visited));
        }
        lines.push(Line::default());
    }
    if let Some(cur) = q.current() {
        question_line(&mut lines, cur);
        lines.extend(note_spans(r, cur, w, true, theme));
        let note_tags = &r.session.notes[cur].tags;
        if q.removing {
            let listed: Vec<String> =
                note_tags.iter().enumerate().map(|(i, t)| format!("{} #{}", i + 1, inert(t))).collect();
            lines.push(Line::styled(format!("Remove which tag? {}  (Esc: none)", listed.join("  ")), theme.warning));
        }
        lines.push(Line::default());
    }
    if let Some(next) = neighbour(q.pos + 1) {
        question_line(&mut lines, next);
        for l in note_spans(r, next, w, false, theme) {
            lines.push(l.style(theme.visited));
        }
    }
    frame.render_widget(Paragraph::new(lines), context);
    // The nine tags on the number keys, in columns.
    let cols = (tags_area.width / 24).clamp(1, 5) as usize;
    let mut rows: Vec<Vec<Span>> = vec![Vec::new(); 9usize.div_ceil(cols)];
    let current_tags = q.current().map(|c| r.session.notes[c].tags.clone()).unwrap_or_default();
    for (k, tag) in q.top.iter().enumerate() {
        let on = current_tags.contains(tag);
        // Each tag shows its own key (1–9 unless remapped).
        let key = keys.first_key(Mode::QuickTag, &crate::tui::action::Action::TopTag(k + 1)).map(|k| k.label());
        let Some(key) = key else { continue };
        let label = truncate(&format!("{key} #{}{}", inert(tag), if on { " ✓" } else { "" }), 23).into_owned();
        rows[k / cols].push(Span::styled(format!("{label:<24}"), if on { theme.success } else { theme.tag }));
    }
    let mut tag_lines: Vec<Line> = vec![Line::styled("Apply a tag with its key:", theme.heading)];
    tag_lines.extend(rows.into_iter().filter(|r| !r.is_empty()).map(Line::from));
    frame.render_widget(Paragraph::new(tag_lines), tags_area);
    if let Some((filter, highlighted)) = &q.search {
        let rows = r.search_rows();
        let h = (rows.len() as u16 + 3).clamp(5, 14);
        let popup = centered(area, 44, h);
        super::layers::overlay(frame, popup);
        let how =
            super::key_line(keys, Mode::TagSearch, &[(Action::ApplyTag, "apply/create"), (Action::Back, "close")]);
        let title = format!("Tag · {how}");
        let block = pane(&title, true, theme);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let mut lines = vec![Line::from(vec![
            Span::styled("# ", theme.tag),
            Span::styled(inert(filter.text()).into_owned(), theme.input),
        ])];
        let hl = (*highlighted).min(rows.len().saturating_sub(1));
        for (i, row) in rows.iter().enumerate().take(inner.height.saturating_sub(1) as usize) {
            let base = if i == hl { theme.selection } else { Style::new() };
            let label =
                if row.new { format!("+ create #{}", inert(&row.tag)) } else { format!("#{}", inert(&row.tag)) };
            lines.push(Line::styled(label, theme.tag.patch(base)));
        }
        super::codebook_hint::push_description(&mut lines, inner, rows.get(hl), r.codebook.as_deref(), theme);
        frame.render_widget(Paragraph::new(lines), inner);
        let col = cursor_col(filter);
        super::layers::place_cursor(frame, Position::new(inner.x + 2 + col as u16, inner.y));
    }
}

/// `back_to` is where Esc goes (the library, or the list the session was
/// opened from); `notice` a message of the app's to show instead of keys.
fn render_footer(
    frame: &mut Frame,
    area: Rect,
    r: &Review,
    (back_to, notice): (&str, Option<&str>),
    theme: &Theme,
    keys: &Keymap,
) {
    let line = if let Some(b) = &r.save.banner {
        Line::styled(format!(" {}", inert(b)), theme.warning)
    } else if let Some(m) = r.message.as_deref().or(notice) {
        Line::styled(format!(" {}", super::keyed(&inert(m), keys, r.mode())), theme.warning)
    } else {
        let mode = r.mode();
        let hints: &[(crate::tui::action::Action, &str)] = match mode {
            // Keys in the key style, what they do in the text style, as in
            // every other footer.
            Mode::KindPick => {
                let mut spans = vec![Span::styled(" Kind:", theme.text)];
                for kind in [Kind::Quote, Kind::Pain, Kind::Idea, Kind::Followup, Kind::Insight, Kind::Note] {
                    if let Some(k) = keys.first_key(mode, &Action::SetKind(kind)) {
                        spans.push(Span::styled(format!(" {}", k.label()), theme.key));
                        spans.push(Span::styled(format!(" {} ", kind.label()), theme.text));
                    }
                }
                if let Some(k) = keys.first_key(mode, &Action::Back) {
                    spans.push(Span::styled(" (", theme.text));
                    spans.push(Span::styled(k.label(), theme.key));
                    spans.push(Span::styled(" keeps it)", theme.text));
                }
                frame.render_widget(Paragraph::new(Line::from(spans)), area);
                return;
            }
            Mode::QuickTag if matches!(&r.mode, ReviewMode::Tagging(q) if q.removing) => {
                let line = Line::from(vec![
                    Span::styled(" 1–9", theme.key),
                    Span::styled(" remove that tag · any other key cancels", theme.text),
                ]);
                frame.render_widget(Paragraph::new(line), area);
                return;
            }
            Mode::QuickTag => &[
                (crate::tui::action::Action::NextNote, "next"),
                (crate::tui::action::Action::PrevNote, "back"),
                (crate::tui::action::Action::SearchTags, "search"),
                (crate::tui::action::Action::RemoveTag, "remove"),
                (crate::tui::action::Action::ShowAllNotes, "all notes"),
                (crate::tui::action::Action::ToggleStar, "star"),
                (crate::tui::action::Action::Undo, "undo"),
                (crate::tui::action::Action::Back, "done"),
                (Action::ToggleHelp, "help"),
            ],
            // A text field has the focus: its own keys, not the session's.
            Mode::TagSearch => &[(Action::ApplyTag, "apply"), (Action::MoveDown, "next"), (Action::Back, "close")],
            Mode::ReviewEdit => &[(Action::CommitNote, "save"), (Action::Back, "cancel")],
            Mode::TranscriptImport => &[(Action::CommitNote, "import"), (Action::Back, "cancel")],
            Mode::Transcript => &[
                (Action::MoveDown, "walk"),
                (Action::ExtendDown, "select more"),
                (Action::QuoteFromTranscript, "make a quote"),
                (Action::ReplaceFromTranscript, "put in the quote"),
                (Action::Undo, "undo"),
                (Action::Back, "notes"),
                (Action::ToggleHelp, "help"),
            ],
            _ if r.transcript.shown => &[
                (Action::FocusTranscript, "transcript"),
                (Action::ToggleTranscript, "hide it"),
                (crate::tui::action::Action::EditNote, "edit"),
                (crate::tui::action::Action::QuickTag, "tag"),
                (crate::tui::action::Action::ChangeKind, "kind"),
                (crate::tui::action::Action::Back, back_to),
                (crate::tui::action::Action::ToggleHelp, "help"),
            ],
            _ => &[
                (crate::tui::action::Action::EditNote, "edit"),
                (crate::tui::action::Action::QuickTag, "tag"),
                (crate::tui::action::Action::ChangeKind, "kind"),
                (crate::tui::action::Action::ToggleDone, "done"),
                (crate::tui::action::Action::EditSummary, "summary"),
                (crate::tui::action::Action::Export, "save md"),
                (crate::tui::action::Action::CopySnapshot, "copy"),
                (crate::tui::action::Action::Back, back_to),
                (crate::tui::action::Action::ToggleHelp, "help"),
            ],
        };
        let mut hints = hints.to_vec();
        // Where the footer has room after the rest (the help lists it anyway).
        if mode == Mode::Review && !r.transcript.shown && area.width >= 100 {
            hints.push((Action::ImportTranscript, "import a transcript"));
        }
        let room = area.width as usize;
        Line::from(super::footer::hint_spans(keys, mode, &hints, super::footer::Spacing::Tight, theme, room))
    };
    frame.render_widget(Paragraph::new(super::text::truncate_line(line, area.width as usize)), area);
}
