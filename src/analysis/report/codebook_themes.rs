//! The codebook's themes in a report (Markdown, HTML, JSON): each theme with
//! its distinct interviews and notes and its tags, from the one roll-up
//! (`analysis::codebook::rollup`) the synthesis screen shows too, with
//! shares from `figures`. Added only when the library has a codebook; each
//! format's section goes just before its "Pain points".

use super::View;
use super::html::escape::escape;
use crate::analysis::codebook::rollup::{ThemeRollup, roll_up};
use crate::analysis::synthesis::Filter;
use crate::analysis::synthesis::Synthesis;
use crate::domain::codebook::Codebook;
use crate::text::counts::thousands;
use crate::text::out::inert;
use serde_json::{Value, json};
use std::fmt::Write;

/// One line of Markdown: no line breaks, nothing that acts on a terminal.
fn md(s: &str) -> String {
    inert(&s.replace(['\n', '\r'], " ")).into_owned().replace('|', "\\|")
}

fn tags_text(t: &ThemeRollup, view: &View, mark: impl Fn(&str) -> String) -> String {
    t.tags
        .iter()
        .map(|tag| format!("{} ({})", mark(&view.text(&tag.tag)), thousands(tag.notes)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The "Themes in the codebook" section of the Markdown report.
pub fn markdown(rollup: &[ThemeRollup], s: &Synthesis, view: &View) -> String {
    let mut w = String::from("\n## Themes in the codebook\n\n");
    if rollup.is_empty() {
        w.push_str("_No tag of a codebook theme is in use._\n");
        return w;
    }
    w.push_str("Distinct notes and interviews per theme (a note with two of its tags counts once).\n\n");
    w.push_str("| Theme | Interviews | Share | Notes | Tags |\n|---|---:|---:|---:|---|\n");
    for t in rollup {
        let share = t.share(s);
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            md(&view.text(&t.theme)),
            share.of_text(),
            share.percent_text(),
            thousands(t.notes),
            tags_text(t, view, |tag| format!("`#{}`", md(tag).replace('`', "'")))
        );
    }
    w
}

/// The same section as a piece of the HTML page.
pub fn html(rollup: &[ThemeRollup], s: &Synthesis, view: &View) -> String {
    let mut w = String::from("<section id=\"codebook-themes\">\n<h2>Themes in the codebook</h2>\n");
    if rollup.is_empty() {
        w.push_str("<p>No tag of a codebook theme is in use.</p>\n</section>\n");
        return w;
    }
    w.push_str("<table>\n<thead><tr><th>Theme</th><th>Interviews</th><th>Share</th><th>Notes</th><th>Tags</th></tr></thead>\n<tbody>\n");
    for t in rollup {
        let share = t.share(s);
        let _ = writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&view.text(&t.theme)),
            share.of_text(),
            share.percent_text(),
            thousands(t.notes),
            tags_text(t, view, |tag| format!("<span class=\"tag\">#{}</span>", escape(tag)))
        );
    }
    w.push_str("</tbody>\n</table>\n</section>\n");
    w
}

/// The roll-up as JSON: `[{"theme", "description", "interviews", "share", "notes", "tags": [{"tag", "notes", "interviews"}]}]`.
pub fn json(rollup: &[ThemeRollup], s: &Synthesis, view: &View) -> Value {
    rollup
        .iter()
        .map(|t| {
            json!({
                "theme": view.text(&t.theme),
                "description": view.text(&t.description),
                "interviews": t.sessions,
                "share": t.share(s).fraction(),
                "notes": t.notes,
                "tags": t.tags.iter().map(|tag| json!({
                    "tag": view.text(&tag.tag),
                    "notes": tag.notes,
                    "interviews": tag.sessions,
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// `report` with `section` put just before the first `before` (its "Pain
/// points"), or at the end when the report has none.
pub fn insert_before(report: String, section: &str, before: &str) -> String {
    match report.find(before) {
        Some(at) => format!("{}{section}{}", &report[..at], &report[at..]),
        None => report + section,
    }
}

/// Where each format's section goes.
pub const MARKDOWN_BEFORE: &str = "\n## Pain points";
pub const HTML_BEFORE: &str = "<section id=\"pain-points\">";

/// The Markdown study report (as `report::markdown::report`), with the
/// codebook's themes when there is a codebook: what the synthesis screen saves.
pub fn markdown_report(s: &Synthesis, view: &View, filter: &Filter, top: usize, codebook: Option<&Codebook>) -> String {
    let md = super::markdown::study_report(s, view, filter, top);
    let md = match codebook {
        Some(book) => insert_before(md, &markdown(&roll_up(s, book), s, view), MARKDOWN_BEFORE),
        None => md,
    };
    view.finish(md)
}

/// The HTML page (as `report::html::report`), with the codebook's themes when there is a codebook.
pub fn html_report(s: &Synthesis, view: &View, filter: &Filter, top: usize, codebook: Option<&Codebook>) -> String {
    let page = super::html::study(s, view, filter, top);
    match codebook {
        Some(book) => insert_before(page, &html(&roll_up(s, book), s, view), HTML_BEFORE),
        None => page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::{Options, SessionRecord, synthesize};
    use crate::domain::note::Kind;
    use crate::domain::session::Offset;

    #[test]
    fn the_saved_reports_hold_the_themes_only_with_a_codebook() {
        let at = chrono::DateTime::parse_from_rfc3339("2025-03-01T10:00:00+00:00").unwrap();
        let mut r = SessionRecord::new("a", "Ana", "discovery", at);
        r.push_note(Offset(1), Kind::Pain, None, ["pricing", "billing"], "too dear");
        let records = vec![r];
        let s = synthesize(&records, &[], &Filter::default(), &Options::default());
        let book: Codebook = crate::text::yaml::from_str(
            "codes: [{name: pricing, theme: Cost}, {name: billing, theme: Cost}]",
            std::path::Path::new("c.yaml"),
        )
        .unwrap();
        let view = View::new(&records, false);
        let md = markdown_report(&s, &view, &Filter::default(), 10, Some(&book));
        assert!(md.contains("| Cost | 1 of 1 | 100% | 1 |"), "{md}");
        assert!(md.find("Themes in the codebook") < md.find("## Pain points"), "{md}");
        assert!(!markdown_report(&s, &view, &Filter::default(), 10, None).contains("Themes in the codebook"));
        let page = html_report(&s, &view, &Filter::default(), 10, Some(&book));
        assert!(page.contains("<td>Cost</td><td>1 of 1</td>"), "{page}");
    }
}
