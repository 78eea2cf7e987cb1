//! Saturation: per curve (overall, then each segment) an inline SVG line
//! chart of the codes found so far against the interviews in the order they
//! were held, with labelled axes, a dot per interview and a dashed mark where
//! the stopping rule was first met; under it the rule's verdict in words.
//! One small chart per curve (not one chart of coloured lines), so it reads
//! without colour.

use super::{Ctx, escape};
use crate::analysis::study::saturation::{Curve, in_words};
use crate::domain::study::SaturationRule;
use crate::text::counts::plural;
use std::fmt::Write;

pub(super) fn section(w: &mut String, c: &Ctx) {
    let rule = &c.study().saturation;
    let _ = writeln!(w, "<section id=\"saturation\">\n<h2>Saturation</h2>");
    // Through the view like user text: when anonymising, a participant who
    // shares a name with the cited authors is not named by the citation.
    let rule = format!("Rule: {} (Guest et al. 2020).", rule_words(rule));
    let _ = writeln!(
        w,
        "<p class=\"lede\">Codes (tags) found so far, interview by interview in the order they were held. {}</p>",
        c.text(&rule)
    );
    let _ = writeln!(w, "<div class=\"curves\">");
    w.push_str(&figure(c, "overall", "Overall", &c.computed().overall));
    for (name, curve) in &c.computed().segments {
        let shown = c.segment(name);
        w.push_str(&figure(c, &shown, &shown, curve));
    }
    let _ = writeln!(w, "</div>\n</section>");
}

/// "the last 3 interviews add at most 5 % new codes to those of the first 6".
fn rule_words(r: &SaturationRule) -> String {
    format!(
        "the last {} add at most {} % new codes to those of the first {}",
        plural(r.run, "interview"),
        r.threshold_percent,
        r.base
    )
}

/// One curve: its chart and its verdict. `name` is the curve's name as
/// shown (not yet escaped), `heading` what the caption calls it.
fn figure(c: &Ctx, name: &str, heading: &str, curve: &Curve) -> String {
    let rule = &c.study().saturation;
    let list = |f: fn(&crate::analysis::study::saturation::Step) -> usize| {
        curve.steps.iter().map(|s| f(s).to_string()).collect::<Vec<_>>().join(",")
    };
    let verdict = in_words(name, curve, rule);
    format!(
        "<figure class=\"curve\" data-curve=\"{}\" data-interviews=\"{}\" data-cumulative=\"{}\" data-new=\"{}\" data-reached-after=\"{}\" data-holds-now=\"{}\">\n\
         <figcaption><strong>{}</strong></figcaption>\n{}</figure>\n",
        escape(name),
        curve.steps.len(),
        list(|s| s.cumulative),
        list(|s| s.new_codes),
        curve.reached_after.map(|k| k.to_string()).unwrap_or_default(),
        curve.holds_now(rule),
        escape(&verdict),
        chart(heading, curve)
    )
}

// The chart's own units (it scales to its box): room for tick labels on the
// left and below, and for the axis titles.
const W: f64 = 360.0;
const H: f64 = 220.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 44.0;
/// Beyond this many interviews the dots would touch: the line alone.
const MAX_DOTS: usize = 30;

/// The chart of one curve; `heading` (not yet escaped) titles it.
fn chart(heading: &str, curve: &Curve) -> String {
    let n = curve.steps.len();
    let codes = curve.steps.last().map_or(0, |s| s.cumulative);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |i: usize| if n <= 1 { LEFT } else { LEFT + pw * i as f64 / (n - 1) as f64 };
    let y = |v: usize| TOP + ph - ph * v as f64 / codes.max(1) as f64;
    let mut out = format!(
        "<svg class=\"line\" role=\"img\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\">\n<title>{}: codes found after each interview, {} in all after {}</title>\n\
",
        escape(heading),
        plural(codes, "code"),
        plural(n, "interview"),
    );
    // Axes, with ticks at the ends and the middle, and their titles.
    let bottom = TOP + ph;
    let _ = writeln!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\"/><line class=\"axis\" x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\"/>",
        W - RIGHT
    );
    let mut y_ticks = vec![0, codes];
    if codes >= 4 {
        y_ticks.insert(1, codes / 2);
    }
    y_ticks.dedup();
    for v in y_ticks {
        let _ = writeln!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\"/><text x=\"{2}\" y=\"{3:.1}\" text-anchor=\"end\">{v}</text>",
            y(v),
            W - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    let mut x_ticks = vec![1, n.max(1)];
    if n >= 5 {
        x_ticks.insert(1, n.div_ceil(2));
    }
    x_ticks.dedup();
    for k in x_ticks {
        let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{k}</text>", x(k - 1), bottom + 16.0);
    }
    let _ = writeln!(
        out,
        "<text class=\"axis-title\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">interviews, in the order held</text>\n\
         <text class=\"axis-title\" transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">codes found</text>",
        LEFT + pw / 2.0,
        H - 6.0,
        TOP + ph / 2.0
    );
    if n == 0 {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">no interviews yet</text>",
            LEFT + pw / 2.0,
            TOP + ph / 2.0
        );
    } else {
        let points: Vec<String> =
            curve.steps.iter().enumerate().map(|(i, s)| format!("{:.1},{:.1}", x(i), y(s.cumulative))).collect();
        let _ = writeln!(out, "<polyline class=\"path\" points=\"{}\"/>", points.join(" "));
        if n <= MAX_DOTS {
            for (i, s) in curve.steps.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "<circle class=\"dot\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>interview {}: {} new, {} in all</title></circle>",
                    x(i),
                    y(s.cumulative),
                    i + 1,
                    s.new_codes,
                    s.cumulative
                );
            }
        }
    }
    if let Some(k) = curve.reached_after {
        let at = x(k - 1);
        let anchor = if at > LEFT + pw / 2.0 { ("end", -4.0) } else { ("start", 4.0) };
        let _ = writeln!(
            out,
            "<line class=\"met\" x1=\"{at:.1}\" y1=\"{TOP}\" x2=\"{at:.1}\" y2=\"{bottom}\"/><text x=\"{:.1}\" y=\"{}\" text-anchor=\"{}\">rule met at {k}</text>",
            at + anchor.1,
            // Low in the plot: a curve that saturates runs along the top.
            bottom - 8.0,
            anchor.0
        );
    }
    out.push_str("</svg>\n");
    out
}
