//! `fieldnotes study --format html`: the study as one self-contained page
//! (the synthesis page's stylesheet, escaper and skeleton): objective and
//! research questions, recruiting per segment, the hypotheses scoreboard,
//! saturation curves, trends of the top themes, what each guide question
//! yields, and persona cards. One file
//! per section; the figures are those of `study --format json` (the same
//! `study::Computed`). Not to be confused with `../study.rs`, the synthesis
//! report that `synth` calls a study report.
//!
//! It lives beside the synthesis page, not in `analysis/study/`, because the
//! synthesis page draws persona drafts (`report` uses `study`): the study
//! page using `report`'s helpers from `study/` would make the two modules use
//! each other.
//!
//! Names: every piece of user text goes through the page's `View` (scrubbed
//! when anonymising) and then `escape`.

mod guide;
mod hypotheses;
mod recruiting;
mod saturation;
mod trends;

use super::escape::escape;
use super::{page, personas};
use crate::analysis::report::View;
use crate::analysis::study::format::Named;
use crate::analysis::study::{Computed, filter_of};
use crate::analysis::synthesis::{Dimension, SessionRecord};
use crate::domain::study::Study;
use crate::text::counts::plural;
use std::fmt::Write;

/// What every section reads: the study, its figures, and the names as shown.
struct Ctx<'n, 'a> {
    named: &'n Named<'a>,
    view: &'n View<'a>,
}

impl Ctx<'_, '_> {
    fn study(&self) -> &Study {
        self.named.study
    }

    fn computed(&self) -> &Computed {
        self.named.computed
    }

    fn records(&self) -> &[SessionRecord] {
        self.named.records
    }

    /// User text as written into the page: names scrubbed when anonymising, escaped.
    fn text(&self, t: &str) -> String {
        escape(&self.view.text(t)).into_owned()
    }

    /// A segment's name as shown (scrubbed when anonymising), not yet escaped.
    fn segment(&self, s: &str) -> String {
        self.view.group(Dimension::Segment, Some(s))
    }
}

/// The whole page.
pub fn page(named: &Named, view: &View) -> String {
    let c = Ctx { named, view };
    let mut body = String::new();
    header(&mut body, &c);
    recruiting::section(&mut body, &c);
    hypotheses::section(&mut body, &c);
    saturation::section(&mut body, &c);
    trends::section(&mut body, &c);
    guide::section(&mut body, &c);
    body.push_str(&personas::section(&c.computed().personas, view, Dimension::Segment));
    page::document(
        &format!("{} · {}", title(&c), plural(c.computed().selected.len(), "interview")),
        &body,
        "Made with fieldnotes (fieldnotes study --format html). Shares are of interviews, rounded half up: never 100% unless all, never 0% unless none.",
    )
}

/// "Study: NAME", or the whole library when there is no study file; not yet escaped.
fn title(c: &Ctx) -> String {
    match c.named.name {
        Some(n) => format!("Study: {}", c.view.text(n)),
        None => "Study: the whole library".into(),
    }
}

fn header(w: &mut String, c: &Ctx) {
    let study = c.study();
    let selected = &c.computed().selected;
    let _ = writeln!(w, "<header>\n<h1>{}</h1>", escape(&title(c)));
    let dates: Vec<_> = selected.iter().map(|&i| c.records()[i].date()).collect();
    let range = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) => {
            format!(" · <span class=\"range\" data-since=\"{a}\" data-until=\"{b}\">{a} – {b}</span>")
        }
        _ => String::new(),
    };
    let _ = writeln!(
        w,
        "<p class=\"meta\"><strong class=\"total\" data-n=\"{}\">{}</strong>{range}</p>",
        selected.len(),
        plural(selected.len(), "interview")
    );
    if c.named.name.is_none() {
        let _ = writeln!(
            w,
            "<p class=\"notice\">No study file: every interview of the library counts as one study (<code>fieldnotes study init</code> writes a starter study.yaml).</p>"
        );
    }
    let planned = match (study.starts, study.ends) {
        (Some(a), Some(b)) => Some(format!("{a} – {b}")),
        (Some(a), None) => Some(format!("from {a}")),
        (None, Some(b)) => Some(format!("until {b}")),
        (None, None) => None,
    };
    if let Some(p) = planned {
        let _ = writeln!(w, "<p class=\"meta\">Planned: {p}</p>");
    }
    if let Some(f) = c.view.filters(&filter_of(&study.filter)) {
        let _ = writeln!(w, "<p class=\"filters\">Interviews of the study: {}</p>", c.text(&f));
    }
    if let Some(obj) = &study.objective {
        let _ = writeln!(
            w,
            "<p class=\"objective\"><strong>Objective:</strong> <span class=\"text\">{}</span></p>",
            c.text(obj)
        );
    }
    if !study.research_questions.is_empty() {
        let _ = writeln!(w, "<h2 id=\"research-questions\">Research questions</h2>\n<ol class=\"questions\">");
        for q in &study.research_questions {
            let _ = writeln!(w, "<li class=\"text\">{}</li>", c.text(q));
        }
        let _ = writeln!(w, "</ol>");
    }
    if c.view.anon.is_some() {
        let _ = writeln!(
            w,
            "<p class=\"notice\">Participants are anonymised as P1, P2… (in order of their first interview) and companies as C1, C2…; e-mail addresses and phone numbers are masked.</p>"
        );
    }
    let _ = writeln!(w, "</header>");
}
