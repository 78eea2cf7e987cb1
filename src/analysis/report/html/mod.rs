//! The HTML reports: one self-contained file each (inline CSS, inline SVG
//! charts, no script, nothing fetched; a Content-Security-Policy forbids both
//! anyway), readable without colour and printable to PDF from a browser.
//! - `study`: `synth --format html` and the `.html` the synthesis screen
//!   saves beside its Markdown report, built from the same synthesis, figures,
//!   evidence and anonymising as `synth --format md`;
//! - [`interview`]: `show ID --format html`, one interview as its Markdown snapshot has it.
//!
//! Every piece of user text goes through `escape::escape` (text and attribute
//! values alike); `page.rs` is the skeleton and CSS, `charts.rs` the SVG.

mod charts;
pub mod escape;
mod page;
pub mod personas;
mod session;
mod study;
mod study_page;

use crate::analysis::report::View;
use crate::analysis::synthesis::{Filter, SessionRecord, Synthesis};
use crate::domain::guide::Guide;
use crate::domain::session::Session;

/// The study report as a page, as `synth --format html` prints it, for the
/// synthesis screen's export (`report` gives the Markdown of the same).
pub fn report(records: &[SessionRecord], s: &Synthesis, filter: &Filter, anonymize: bool, top: usize) -> String {
    let view = View::new(records, anonymize);
    study::page(s, &view, filter, top)
}

/// The study report with the names as `view` shows them.
pub(crate) fn study(s: &Synthesis, view: &View, filter: &Filter, top: usize) -> String {
    study::page(s, view, filter, top)
}

/// One interview as a page.
pub fn interview(s: &Session, guide: Option<&Guide>) -> String {
    session::page(s, guide)
}

/// `fieldnotes study --format html`: the study as a page, names as `view` shows them.
pub fn study_page(named: &crate::analysis::study::format::Named, view: &View) -> String {
    study_page::page(named, view)
}
