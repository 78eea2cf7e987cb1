//! The live screen: guide, notes, tags, input and the closing prompt, laid out
//! to fit 80x24 and to give extra room to the notes on a large terminal.

use super::field::Wrapped;
use super::text::{centered, clock, cursor_col, inert, minutes, truncate, width, wrap};
use crate::domain::note::Kind;
use crate::tui::action::Action;
use crate::tui::app::capture::{Capture, ConsentAsk, Focus};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn render(
    frame: &mut Frame,
    c: &Capture,
    now: DateTime<FixedOffset>,
    theme: &Theme,
    keys: &Keymap,
    hits: &mut super::Hits,
) {
    let area = frame.area();
    // The wrap-up has nothing to type, so it takes the input's rows too.
    // The note input grows as its text wraps (borders, then the rows; the
    // prompt `› ` takes two columns of the width inside the borders).
    let field = Wrapped::new(&c.input, area.width.saturating_sub(4) as usize);
    let field_h = field.height(super::field::max_rows(area.height));
    let input_h = if c.focus == Focus::WrapUp { 0 } else { field_h as u16 + 2 };
    let [header, body, input, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(input_h),
        Constraint::Length(1),
    ]));
    render_header(frame, header, c, now, theme);
    if c.focus == Focus::WrapUp {
        render_wrapup(frame, body, c, theme);
    } else {
        // Wide terminals get a third column for tags; otherwise tags sit under the guide.
        if body.width >= 150 {
            let [guide, notes, tags] = body.layout(&Layout::horizontal([
                Constraint::Percentage(32),
                Constraint::Fill(1),
                Constraint::Length(32),
            ]));
            super::capture_guide::render_guide(frame, guide, c, now, theme, keys);
            hits.list = super::capture_notes::render_notes(frame, notes, c, theme, keys);
            render_tags(frame, tags, c, theme, keys);
        } else {
            let left_w = (body.width * 2 / 5).clamp(26, 60);
            let [left, notes] = body.layout(&Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]));
            let tags_h =
                if matches!(c.focus, Focus::Palette(_)) { left.height * 3 / 5 } else { (left.height / 3).max(5) };
            let [guide, tags] = left.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(tags_h)]));
            super::capture_guide::render_guide(frame, guide, c, now, theme, keys);
            hits.list = super::capture_notes::render_notes(frame, notes, c, theme, keys);
            render_tags(frame, tags, c, theme, keys);
        }
    }
    if input_h > 0 {
        render_input(frame, input, c, &field, theme, keys);
    }
    super::capture_footer::render(frame, footer, c, now, theme, keys);
    if c.focus == Focus::Closing {
        render_closing(frame, body, c, theme, keys);
    }
    if let Focus::Consent(ask) = &c.focus {
        render_consent(frame, body, ask, theme, keys);
    }
}

fn render_consent(frame: &mut Frame, body: Rect, ask: &ConsentAsk, theme: &Theme, keys: &Keymap) {
    use crate::tui::app::capture::CONSENT_QUESTIONS;
    // Borders, the instruction and a blank line, then one row per question.
    let area = centered(body, body.width.saturating_sub(4).min(70), CONSENT_QUESTIONS.len() as u16 + 4);
    super::layers::overlay(frame, area);
    let what = [
        (Action::ConsentYes, "yes"),
        (Action::ConsentNo, "no"),
        (Action::ConsentConfirm, "confirm"),
        (Action::Back, "skip"),
    ];
    let block = pane("Before we start: consent", true, theme)
        .title_bottom(Line::styled(format!(" {} ", super::key_line(keys, Mode::Consent, &what)), theme.muted));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let how = match ask.choice() {
        Some(yes) => format!("{{consent-confirm}} confirms “{}” for this question.", if yes { "yes" } else { "no" }),
        None => "Ask, then press {consent-yes} or {consent-no}, and {consent-confirm}, for each answer.".into(),
    };
    let mut lines = vec![Line::styled(super::keyed(&how, keys, Mode::Consent), theme.muted), Line::default()];
    let answers = ask.answers();
    for (i, q) in CONSENT_QUESTIONS.iter().enumerate() {
        let (mark, style) = match (answers.get(i), i == answers.len()) {
            (Some(true), _) => ("yes ", theme.success),
            (Some(false), _) => ("no  ", theme.warning),
            // Chosen, not confirmed yet: a question mark says Enter is awaited.
            (None, true) => match ask.choice() {
                Some(true) => ("yes?", theme.selection),
                Some(false) => ("no? ", theme.selection),
                None => ("?   ", theme.key),
            },
            (None, false) => ("    ", theme.muted),
        };
        let q_style = if i == answers.len() { theme.heading } else { theme.text };
        lines.push(Line::from(vec![Span::styled(format!(" {mark} "), style), Span::styled(*q, q_style)]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The header: the title (and sitting) on the left, the clocks on the
/// right. It changes once a second at most, so it is keyed by what it is
/// made of and not made again on the keys between.
fn render_header(frame: &mut Frame, area: Rect, c: &Capture, now: DateTime<FixedOffset>, theme: &Theme) {
    let elapsed = c.elapsed(now);
    let section = c.current_section().map(|s| (s, c.guide.sections[s].budget, c.section_elapsed(now)));
    let status = header_status(c);
    let key = super::pane_cache::key_of((
        (&c.session.title, &status, elapsed, c.guide.duration, c.planned_end(), section, area.width),
        theme.styles(),
    ));
    let line = || vec![header_line(c, elapsed, section, &status, area.width, theme)];
    super::pane_cache::render_keyed_pane(frame, "capture-header", area, None, key, line);
}

/// The header as one line: the title, then the clocks at the right edge.
fn header_line(
    c: &Capture,
    elapsed: u32,
    section: Option<(usize, Option<u32>, u32)>,
    status: &str,
    cols: u16,
    theme: &Theme,
) -> Line<'static> {
    let mut right: Vec<Span> = vec![Span::styled(format!("⏱ {}", clock(elapsed)), theme.clock)];
    if let Some(planned) = c.guide.duration {
        right.push(Span::styled(format!(" / {}", minutes(planned)), theme.muted));
        if let Some(end) = c.planned_end()
            && cols >= 100
        {
            right.push(Span::styled(format!(" (ends {})", end.format("%H:%M")), theme.muted));
        }
    }
    if let Some((s, budget, spent)) = section {
        right.push(Span::styled(format!("  §{} ", s + 1), theme.muted));
        match budget {
            Some(budget) => {
                let over = spent > budget * 60;
                let style = if over { theme.warning } else { theme.clock };
                right.push(Span::styled(format!("{} / {}", clock(spent), minutes(budget)), style));
                if over {
                    right.push(Span::styled(" over", theme.warning));
                }
            }
            None => right.push(Span::styled(clock(spent), theme.clock)),
        }
    }
    right.push(Span::raw(" "));
    let right_w: usize = right.iter().map(|s| s.width()).sum::<usize>().min(cols as usize);
    let title = format!(" {}", inert(&c.session.title));
    let left_w = (cols as usize).saturating_sub(right_w + 1);
    let title = truncate(&title, left_w.saturating_sub(width(status))).into_owned();
    let left = Line::from(vec![Span::styled(title, theme.heading), Span::styled(status.to_string(), theme.muted)]);
    super::text::left_and_right(left, right, cols as usize)
}

/// After the title: which sitting, in an interview held over several, and
/// whether the call on screen has ended.
fn header_status(c: &Capture) -> String {
    let sitting = c.sitting();
    let mut status = String::new();
    if sitting > 1 {
        status.push_str(&format!(" · sitting {sitting}"));
    }
    if c.sitting_ended() {
        status.push_str(" · ended");
    }
    status
}

pub(super) fn pane(title: &str, focused: bool, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(Line::styled(format!(" {title} "), theme.heading))
}

fn render_tags(frame: &mut Frame, area: Rect, c: &Capture, theme: &Theme, keys: &Keymap) {
    let palette = match &c.focus {
        Focus::Palette(p) => Some(p),
        _ => None,
    };
    let title = match (palette, keys.first_key(Mode::Typing, &Action::OpenTagPalette)) {
        (Some(_), _) => "Tag note".to_string(),
        (None, Some(key)) => format!("Tags ({})", key.label()),
        (None, None) => "Tags".to_string(),
    };
    // Said for the moment `new` opens before the library is read.
    let title = if c.library_tags_pending { format!("{title} · reading…") } else { title };
    let block = pane(&title, palette.is_some(), theme);
    let inner = block.inner(area);
    let target_tags: &[String] = palette.map_or(&[], |p| &c.session.notes[p.target].tags);
    // On most keys the tags are as they were: the pane is known unchanged
    // from its rows' key and its own state, and its lines are not made.
    let state = palette.map(|p| (p.filter.text(), p.highlighted));
    let key = super::pane_cache::key_of((
        (c.palette_rows_hash(), state, target_tags, inner.width, inner.height),
        theme.styles(),
    ));
    let lines = || tags_lines(c, inner, target_tags, theme);
    super::pane_cache::render_keyed_pane(frame, "capture-tags", area, Some(block), key, lines);
    if let Some(p) = palette {
        let cursor = Position::new(inner.x + 2 + cursor_col(&p.filter) as u16, inner.y);
        super::layers::place_cursor(frame, cursor);
    }
}

/// The tags pane's lines: the palette's filter when it is open, then the
/// rows that fit, the highlighted one in view, then the highlighted code's
/// meaning.
fn tags_lines(c: &Capture, inner: Rect, target_tags: &[String], theme: &Theme) -> Vec<Line<'static>> {
    let palette = match &c.focus {
        Focus::Palette(p) => Some(p),
        _ => None,
    };
    let rows = c.palette_rows();
    let mut lines: Vec<Line> = Vec::new();
    if let Some(p) = palette {
        lines.push(Line::from(vec![
            Span::styled("# ", theme.tag),
            Span::styled(inert(p.filter.text()).into_owned(), theme.input),
        ]));
    }
    let w = inner.width as usize;
    let room = (inner.height as usize).saturating_sub(lines.len());
    let highlighted = palette.map(|p| p.highlighted);
    let top = highlighted.map_or(0, |h| h.saturating_sub(room.saturating_sub(1)));
    for (i, row) in rows.iter().enumerate().skip(top).take(room) {
        let is_hl = highlighted == Some(i);
        let base = if is_hl { theme.selection } else { Style::new() };
        let mut spans: Vec<Span> = Vec::new();
        let on_note = target_tags.contains(&row.tag);
        spans.push(Span::styled(if on_note { "✓ " } else { "  " }, theme.success.patch(base)));
        if row.new {
            spans.push(Span::styled(format!("+ create #{}", inert(&row.tag)), theme.tag.patch(base)));
        } else {
            let style = if row.count > 0 { theme.tag } else { theme.muted };
            // One span per run of matched or unmatched characters: a span per
            // character was hundreds of small strings made on every frame.
            let mut run = String::new();
            let mut run_matched = false;
            for (ci, ch) in row.tag.chars().enumerate() {
                let matched = row.matched.contains(&ci);
                if matched != run_matched && !run.is_empty() {
                    let s = if run_matched { theme.matched } else { style };
                    spans.push(Span::styled(inert(&std::mem::take(&mut run)).into_owned(), s.patch(base)));
                }
                run_matched = matched;
                run.push(ch);
            }
            if !run.is_empty() {
                let s = if run_matched { theme.matched } else { style };
                spans.push(Span::styled(inert(&run).into_owned(), s.patch(base)));
            }
            if row.count > 0 {
                let used = 2 + width(&row.tag);
                let num = row.count.to_string();
                let pad = w.saturating_sub(used + num.len()).max(1);
                spans.push(Span::styled(" ".repeat(pad), base));
                spans.push(Span::styled(num, theme.muted.patch(base)));
            }
        }
        lines.push(Line::from(spans));
    }
    if rows.is_empty() && palette.is_some() {
        lines.push(Line::styled("  type a tag name", theme.muted));
    }
    let hl_row = highlighted.and_then(|h| rows.get(h));
    super::codebook_hint::push_description(&mut lines, inner, hl_row, c.codebook.as_deref(), theme);
    lines
}

fn render_input(frame: &mut Frame, area: Rect, c: &Capture, field: &Wrapped, theme: &Theme, keys: &Keymap) {
    let typing = c.focus == Focus::Typing;
    let mode = Mode::Typing;
    let title = match &c.editing {
        Some(e) => {
            let how = super::key_line(keys, mode, &[(Action::CommitNote, "save"), (Action::Back, "cancel")]);
            format!("Editing note {} · {how}", e.index + 1)
        }
        None => {
            let how = super::key_line(keys, mode, &[(Action::CommitNote, "commit")]);
            format!("Note · {how} · \" ! + ? [ markers · #tags")
        }
    };
    let block = pane(&title, typing, theme);
    let inner = super::pane_cache::draw_block(frame.buffer_mut(), "capture-input", area, &block);
    let (lines, (row, col)) = field.visible(inner.height as usize, theme.input);
    let [prompt, text] = inner.layout(&Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]));
    frame.render_widget(Paragraph::new(Span::styled("› ", theme.key)), prompt);
    frame.render_widget(Paragraph::new(lines), text);
    super::field::always_redraw(frame.buffer_mut(), text);
    if typing {
        super::layers::place_cursor(frame, Position::new(text.x + col as u16, text.y + row as u16));
    }
}

fn render_closing(frame: &mut Frame, body: Rect, c: &Capture, theme: &Theme, keys: &Keymap) {
    let w = body.width.saturating_sub(4).min(90);
    let question = inert(c.guide.closing_question()).into_owned();
    let q_lines = wrap(&question, w.saturating_sub(4) as usize);
    // The answer grows as it wraps, every row of the box in use: borders,
    // the question, a blank line, then the answer's rows.
    let field = Wrapped::new(&c.closing_input, w.saturating_sub(5) as usize);
    let room = (body.height as usize).saturating_sub(q_lines.len() + 3);
    let field_h = field.height(room.min(super::field::max_rows(frame.area().height) + 2));
    let area = centered(body, w, (q_lines.len() + 3 + field_h) as u16);
    super::layers::overlay(frame, area);
    let how = super::key_line(
        keys,
        Mode::Closing,
        &[(Action::SubmitClosing, "save & wrap up"), (Action::Back, "back to notes")],
    );
    let block = pane("Closing question", true, theme).title_bottom(Line::styled(format!(" {how} "), theme.muted));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = q_lines.into_iter().map(|l| Line::styled(format!(" {l}"), theme.heading)).collect();
    lines.push(Line::default());
    let field_y = inner.y + lines.len() as u16;
    let (rows, (row, col)) = field.visible(field_h, theme.input);
    for (i, text) in rows.into_iter().enumerate() {
        let lead = if i == 0 { " › " } else { "   " };
        let mut spans = vec![Span::styled(lead, theme.key)];
        spans.extend(text.spans);
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let rows_area = Rect { y: field_y, height: field_h as u16, ..inner };
    super::field::always_redraw(frame.buffer_mut(), rows_area.intersection(inner));
    super::layers::place_cursor(frame, Position::new(inner.x + 3 + col as u16, field_y + row as u16));
}

fn render_wrapup(frame: &mut Frame, area: Rect, c: &Capture, theme: &Theme) {
    let block = pane("Interview ended", true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let s = &c.session;
    let dur = s.ended_at.map(|e| format!(" · lasted {}", clock(s.duration_secs(e)))).unwrap_or_default();
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled(inert(&s.participant.name).into_owned(), theme.heading),
        Span::styled(format!("{dur} · {} notes", s.notes.len()), theme.text),
    ])];
    let kinds: Vec<Span> = c
        .kind_counts()
        .into_iter()
        .flat_map(|(k, n)| [Span::styled(format!("{} {n}", k.label()), theme.kind(k)), Span::raw("  ")])
        .collect();
    lines.push(Line::from(kinds));
    lines.push(Line::default());
    lines.push(Line::styled(inert(c.guide.closing_question()).into_owned(), theme.heading));
    let answer = s.closing_answer().map_or("(no answer recorded)".to_string(), |a| format!("“{}”", inert(a)));
    // Wrapped a column short of the border (and so below): a whole word that
    // touches the border reads as cut.
    for l in wrap(&answer, inner.width.saturating_sub(3) as usize) {
        lines.push(Line::styled(format!("  {l}"), theme.quote));
    }
    lines.push(Line::default());
    tag_lines(&mut lines, &s.tag_counts(), inner.width as usize, theme);
    let follow: Vec<_> = s.notes.iter().filter(|n| n.kind == Kind::Followup).collect();
    if !follow.is_empty() {
        lines.push(Line::styled(format!("Follow-ups ({}):", follow.len()), theme.heading));
        for n in follow {
            lines.push(Line::styled(format!("  ☐ {}", inert(&n.text)), theme.followup));
        }
    }
    // Asked: a note was taken on it, or it stayed current (not skipped past).
    let covered = c.asked.iter().filter(|v| **v).count();
    lines.push(Line::styled(format!("Questions asked: {covered} of {}", c.guide.question_count()), theme.text));
    coach_lines(&mut lines, c, inner.width as usize, theme);
    lines.push(Line::default());
    let wrap_w = inner.width.saturating_sub(1) as usize;
    for l in wrap(&format!("Saved to {}", c.path.display()), wrap_w) {
        lines.push(Line::styled(l, theme.text));
    }
    let next = format!("Next: thank the participant, then share the summary: fieldnotes show {} --format md", s.id);
    for l in wrap(&next, wrap_w) {
        lines.push(Line::styled(l, theme.muted));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `Tags: #a 2  #b 1 …` wrapped to `w` columns: a tag and its count stay on
/// one line, and a tag too long for a line is cut with `…`, its count kept.
fn tag_lines(lines: &mut Vec<Line>, tags: &[(String, usize)], w: usize, theme: &Theme) {
    if tags.is_empty() {
        return;
    }
    const LEAD: &str = "Tags: ";
    let mut line = vec![Span::styled(LEAD, theme.heading)];
    let mut used = width(LEAD);
    for (t, n) in tags {
        let count = format!(" {n}");
        let room = w.saturating_sub(width(LEAD) + width(&count));
        let tag = truncate(&format!("#{}", inert(t)), room).into_owned();
        let unit = width(&tag) + width(&count);
        if used > width(LEAD) && used + 2 + unit > w {
            lines.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(" ".repeat(width(LEAD))));
            used = width(LEAD);
        } else if used > width(LEAD) {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.push(Span::styled(tag, theme.tag));
        line.push(Span::styled(count, theme.muted));
        used += unit;
    }
    lines.push(Line::from(line));
}

/// The listening coach, when the interview has a transcript attached: a
/// heading, then its lines wrapped (words only, so it reads without colour).
fn coach_lines(lines: &mut Vec<Line>, c: &Capture, w: usize, theme: &Theme) {
    if c.coach.is_empty() {
        return;
    }
    lines.push(Line::styled("Listening coach (from the transcript):", theme.heading));
    for l in &c.coach {
        for part in wrap(&inert(l), w.saturating_sub(3)) {
            lines.push(Line::styled(format!("  {part}"), theme.text));
        }
    }
}
