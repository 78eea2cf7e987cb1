//! Persona drafts as HTML cards: the "Personas" section of the synthesis
//! page and of the study page (`study --format html`). One card per draft:
//! who they are, their themes and pains with the interviews behind each,
//! starred notes in their words, what they said when asked the closing
//! question. Names go through the page's `View` (scrubbed when anonymising)
//! and every piece of text through `escape`.

use super::escape::escape;
use crate::analysis::report::View;
use crate::analysis::report::capitalise;
use crate::analysis::study::personas::Persona;
use crate::analysis::synthesis::Dimension;
use crate::domain::note::Kind;
use crate::text::counts::plural;
use std::fmt::Write;

/// The whole section: a lede, then the cards in a grid; `by` is what the
/// drafts are grouped by ("segment").
pub fn section(drafts: &[Persona], view: &View, by: Dimension) -> String {
    let mut w = String::from("<section id=\"personas\">\n<h2>Personas</h2>\n");
    if drafts.is_empty() {
        let _ = writeln!(w, "<p class=\"notice\">No interview here has a {}, so there is no draft yet.</p>", by.name());
    } else {
        let _ = writeln!(
            w,
            "<p class=\"lede\">A draft per {}, from these interviews: a start to edit, not a finding. Each figure is how many interviews say it.</p>\n<div class=\"cards\">",
            by.name()
        );
        for p in drafts {
            w.push_str(&card(p, view, by));
        }
        let _ = writeln!(w, "</div>");
    }
    w.push_str("</section>\n");
    w
}

/// "Ops lead (3), Analyst (1)": values scrubbed as the view says, escaped.
fn counted(values: &[(String, usize)], shown: impl Fn(&str) -> String) -> String {
    values.iter().map(|(v, n)| format!("{} ({n})", escape(&shown(v)))).collect::<Vec<_>>().join(", ")
}

/// One draft as a card.
pub fn card(p: &Persona, view: &View, by: Dimension) -> String {
    let name = view.group(by, Some(&p.name));
    let mut w = format!(
        "<article class=\"card persona\" data-persona=\"{}\" data-interviews=\"{}\">\n<h3>{} <span class=\"figure-line\">— draft from {}</span></h3>\n<dl class=\"facts\">\n",
        escape(&name),
        p.interviews,
        escape(&name),
        plural(p.interviews, "interview")
    );
    let text = |t: &str| view.text(t).into_owned();
    let tags = |values: &[(String, usize)]| {
        values
            .iter()
            .map(|(v, n)| format!("<span class=\"tag\">#{}</span> ({n})", escape(&view.text(v))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = [
        ("Who they are", counted(&p.roles, text)),
        ("Companies", counted(&p.companies, |c| view.group(Dimension::Company, Some(c)))),
        ("What they talk about", tags(&p.themes)),
        ("Pains", tags(&p.pains)),
    ];
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(w, "<dt>{label}</dt><dd>{value}</dd>");
    }
    w.push_str("</dl>\n");
    if !p.quotes.is_empty() {
        w.push_str("<h4>In their words</h4>\n<ul class=\"evidence\">\n");
        for &r in &p.quotes {
            let (s, n) = r.resolve(view.records);
            let said = escape(&view.text(s.text(n))).into_owned();
            let who = s.role.as_deref().map(|role| format!(" — {}", escape(&view.text(role)))).unwrap_or_default();
            let _ = match n.kind {
                Kind::Quote => writeln!(
                    w,
                    "<li><blockquote><p>“<span class=\"text\">{said}</span>”</p><span class=\"who\">{who}</span></blockquote></li>"
                ),
                k => writeln!(
                    w,
                    "<li><p><span class=\"kind\">{}:</span> <span class=\"text\">{said}</span> <span class=\"who\">{who}</span></p></li>",
                    capitalise(k.label())
                ),
            };
        }
        w.push_str("</ul>\n");
    }
    if !p.closing.is_empty() {
        w.push_str("<h4>What else is on their mind</h4>\n<ul class=\"closing\">\n");
        for &i in &p.closing {
            let answer = view.records[i].closing_answer.as_deref().unwrap_or_default();
            let _ = writeln!(w, "<li>“<span class=\"text\">{}</span>”</li>", escape(&view.text(answer)));
        }
        w.push_str("</ul>\n");
    }
    w.push_str("</article>\n");
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::study::personas::drafts;
    use crate::analysis::synthesis::SessionRecord;
    use crate::domain::session::Offset;

    #[test]
    fn a_card_says_who_they_are_and_escapes_every_word() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-02-01T10:00:00+00:00").unwrap();
        let mut a = SessionRecord::new("a", "Ana López", "discovery", at);
        a.segment = Some("<b>mid</b>".into());
        a.company = Some("Acme".into());
        a.role = Some("Ops \"lead\"".into());
        a.closing_answer = Some("Ana wants <script>x</script>".into());
        a.push_note(Offset(60), Kind::Quote, None, ["export"], "Acme exports <img onerror=1>");
        a.notes[0].starred = true;
        let records = vec![a];
        let d = drafts(&records, &[0], Dimension::Segment);
        let html = section(&d, &View::new(&records, false), Dimension::Segment);
        assert!(
            html.contains("<h3>&lt;b&gt;mid&lt;/b&gt; <span class=\"figure-line\">— draft from 1 interview</span>"),
            "{html}"
        );
        assert!(html.contains("<dt>Who they are</dt><dd>Ops &quot;lead&quot; (1)</dd>"), "{html}");
        assert!(html.contains("<span class=\"tag\">#export</span> (1)"), "{html}");
        assert!(html.contains("Acme exports &lt;img onerror=1&gt;"), "{html}");
        assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"), "{html}");
        let anon = section(&d, &View::new(&records, true), Dimension::Segment);
        assert!(!anon.contains("Acme") && !anon.contains("Ana"), "{anon}");
        assert!(anon.contains("<dt>Companies</dt><dd>C1 (1)</dd>"), "{anon}");
        assert!(section(&[], &View::new(&records, false), Dimension::Segment).contains("no draft yet"));
    }
}
