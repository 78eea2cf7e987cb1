//! Trends: each top theme's share of the interviews held in each week or
//! month as a sparkline, with its first and latest share written beside it
//! so a growing theme stands out without reading the line. A period with no
//! interview has no share: the line breaks there.

use super::{Ctx, escape};
use crate::analysis::figures::Share;
use crate::analysis::study::trends::{ThemeTrend, Trends};
use crate::text::counts::plural;
use std::fmt::Write;

pub(super) fn section(w: &mut String, c: &Ctx) {
    let t = &c.computed().trends;
    let _ = writeln!(w, "<section id=\"trends\">\n<h2>Trends</h2>");
    let (Some(first), Some(last)) = (t.starts.first(), t.starts.last()) else {
        let _ = writeln!(w, "<p class=\"notice\">No tagged interviews yet.</p>\n</section>");
        return;
    };
    let counts: Vec<String> = t.interviews.iter().map(|n| n.to_string()).collect();
    let _ = writeln!(
        w,
        "<p class=\"lede\">Share of the interviews held each {} that mention the theme, {} to {} ({}; interviews each {}: {}).</p>",
        t.period.name(),
        t.period.label(*first),
        t.period.label(*last),
        plural(t.starts.len(), t.period.name()),
        t.period.name(),
        counts.join(", ")
    );
    if t.themes.is_empty() {
        let _ = writeln!(w, "<p class=\"notice\">No tagged notes yet.</p>\n</section>");
        return;
    }
    let _ = writeln!(w, "<ul class=\"trends\">");
    for theme in &t.themes {
        w.push_str(&row(c, t, theme));
    }
    let _ = writeln!(w, "</ul>\n</section>");
}

/// One theme: its tag, its sparkline, then its first and latest share in words.
fn row(c: &Ctx, t: &Trends, theme: &ThemeTrend) -> String {
    let percents: Vec<String> =
        theme.shares.iter().map(|s| if s.whole == 0 { "–".into() } else { s.percent().to_string() }).collect();
    let code = c.view.text(&theme.code);
    format!(
        "<li class=\"trend\" data-code=\"{}\" data-percent=\"{}\" data-with=\"{}\">\
         <span class=\"tag\" title=\"#{}\">#{}</span>{}<span class=\"figure-line\">{}</span></li>\n",
        escape(&code),
        percents.join(","),
        theme.shares.iter().map(|s| s.part.to_string()).collect::<Vec<_>>().join(","),
        escape(&code),
        escape(&code),
        sparkline(&code, t, &theme.shares),
        escape(&in_words(t, &theme.shares))
    )
}

/// "20% in 2026-W02 → 65% in 2026-W10 (up 45 points)", over the periods that
/// had interviews.
fn in_words(t: &Trends, shares: &[Share]) -> String {
    let held: Vec<(usize, Share)> = shares.iter().copied().enumerate().filter(|(_, s)| s.whole > 0).collect();
    let (Some(&(a, first)), Some(&(b, last))) = (held.first(), held.last()) else {
        return "no interviews".into();
    };
    let at = |i: usize| t.period.label(t.starts[i]);
    if a == b {
        return format!("{} ({}) in {}", first.percent_text(), first.of_text(), at(a));
    }
    let (from, to) = (i64::from(first.percent()), i64::from(last.percent()));
    let change = match to - from {
        0 => "no change".to_string(),
        d if d > 0 => format!("up {d} points"),
        d => format!("down {} points", -d),
    };
    format!(
        "{} in {} → {} ({}) in {} ({change})",
        first.percent_text(),
        at(a),
        last.percent_text(),
        last.of_text(),
        at(b)
    )
}

const SPARK_W: f64 = 120.0;
const SPARK_H: f64 = 30.0;

/// The shares as a line from 0 % (bottom) to 100 % (top), broken where a
/// period had no interview; a lone period is a short dash.
fn sparkline(code: &str, t: &Trends, shares: &[Share]) -> String {
    let n = shares.len();
    let x = |i: usize| if n <= 1 { SPARK_W / 2.0 } else { SPARK_W * i as f64 / (n - 1) as f64 };
    let y = |s: Share| 2.0 + (SPARK_H - 4.0) * (1.0 - s.scaled(1000) as f64 / 1000.0);
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, s) in shares.iter().enumerate() {
        if s.whole == 0 {
            runs.push(Vec::new());
        } else if let Some(run) = runs.last_mut() {
            run.push((x(i), y(*s)));
        }
    }
    let mut out = format!(
        "<svg class=\"spark\" role=\"img\" viewBox=\"0 0 {SPARK_W} {SPARK_H}\" preserveAspectRatio=\"none\">\
         <title>#{}: share of interviews each {}</title>\
         <line class=\"base\" x1=\"0\" y1=\"{b}\" x2=\"{SPARK_W}\" y2=\"{b}\"/>",
        escape(code),
        t.period.name(),
        b = SPARK_H - 2.0
    );
    for run in runs.iter().filter(|r| !r.is_empty()) {
        let points: Vec<String> = match run.as_slice() {
            [(px, py)] => vec![format!("{:.1},{py:.1}", px - 2.0), format!("{:.1},{py:.1}", px + 2.0)],
            many => many.iter().map(|(px, py)| format!("{px:.1},{py:.1}")).collect(),
        };
        let _ = write!(out, "<polyline class=\"path\" points=\"{}\"/>", points.join(" "));
    }
    out.push_str("</svg>");
    out
}
