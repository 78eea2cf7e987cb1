//! The charts of the HTML reports as inline SVG: a horizontal bar chart, a
//! heat map and a small meter. Every length comes from `figures::Share`
//! (`scaled`), so a bar is full only when all and empty only when none, as on
//! screen; every figure is also written as text beside or inside its shape,
//! so the charts read without colour and in print. Each bar and cell carries
//! `data-*` attributes with its figures, for scripts and tests.

use super::escape::{escape, shorten};
use crate::analysis::figures::Share;
use std::fmt::Write;

/// One bar: a label (user text, not yet escaped), its share, the figure
/// written beside it, and `data-*` attributes (values not yet escaped).
pub struct Bar {
    pub label: String,
    pub share: Share,
    pub figure: String,
    pub data: Vec<(&'static str, String)>,
}

/// ` data-x="…"` for each pair, values escaped.
fn data_attributes(data: &[(&'static str, String)]) -> String {
    data.iter().map(|(k, v)| format!(" data-{k}=\"{}\"", escape(v))).collect()
}

/// Room of the bar chart, in the SVG's own units (it scales to the page).
const BAR_CHART_WIDTH: usize = 760;
const LABEL_CHARS: usize = 26;
const BAR_X: usize = 200;
const BAR_LEN: usize = 320;
const ROW: usize = 26;

/// A horizontal bar chart, one row per bar in the order given; `title` (fixed
/// words) is its accessible name.
pub fn bar_chart(title: &str, class: &str, bars: &[Bar]) -> String {
    let height = bars.len() * ROW + 6;
    let mut out = format!(
        "<svg class=\"chart bars {class}\" role=\"img\" viewBox=\"0 0 {BAR_CHART_WIDTH} {height}\" \
         width=\"{BAR_CHART_WIDTH}\" height=\"{height}\">\n<title>{}</title>\n",
        escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let fill = b.share.scaled(BAR_LEN);
        let _ = write!(
            out,
            "<g class=\"bar\" data-rank=\"{}\"{}>\n<title>{}: {}</title>\n\
             <text class=\"label\" x=\"0\" y=\"{}\">{}</text>\n\
             <rect class=\"track\" x=\"{BAR_X}\" y=\"{y}\" width=\"{BAR_LEN}\" height=\"16\" rx=\"2\"/>\n\
             <rect class=\"fill\" x=\"{BAR_X}\" y=\"{y}\" width=\"{fill}\" height=\"16\" rx=\"2\"/>\n\
             <text class=\"figure\" x=\"{}\" y=\"{}\">{}</text>\n</g>\n",
            i + 1,
            data_attributes(&b.data),
            escape(&b.label),
            escape(&b.figure),
            y + 13,
            escape(&shorten(&b.label, LABEL_CHARS)),
            BAR_X + BAR_LEN + 10,
            y + 13,
            escape(&b.figure),
        );
    }
    out.push_str("</svg>\n");
    out
}

/// One row of a heat map: the group (user text, not yet escaped), how many
/// interviews it has, and per column the share of them mentioning the theme.
pub struct HeatRow {
    pub group: String,
    pub sessions: usize,
    pub cells: Vec<Share>,
}

const HEAT_LABEL_CHARS: usize = 18;
const HEAT_HEADER_CHARS: usize = 22;
const HEAT_N_X: usize = 150;
const HEAT_CELLS_X: usize = 190;
const CELL_W: usize = 72;
const CELL_H: usize = 36;

/// A heat map of `rows` × `themes` (user text, not yet escaped): each cell
/// shaded by its share and showing it as "75%" over "3/4", the n behind it.
/// `by` (fixed words, "segment") names what the rows are.
pub fn heat_map(title: &str, by: &str, themes: &[String], rows: &[HeatRow]) -> String {
    let longest = themes.iter().map(|t| t.chars().count().min(HEAT_HEADER_CHARS)).max().unwrap_or(4);
    // Column headers are written at 45°: they need about 0.7 of their length in height.
    let header = 24 + longest * 7 * 7 / 10;
    let width = HEAT_CELLS_X + themes.len() * CELL_W + header;
    let height = header + rows.len() * CELL_H + 4;
    let mut out = format!(
        "<svg class=\"chart heatmap\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
         height=\"{height}\">\n<title>{}</title>\n",
        escape(title)
    );
    let _ = writeln!(out, "<text class=\"label\" x=\"0\" y=\"{}\">{}</text>", header - 8, escape(by));
    let _ = writeln!(out, "<text class=\"label\" x=\"{HEAT_N_X}\" y=\"{}\">n</text>", header - 8);
    for (i, t) in themes.iter().enumerate() {
        let x = HEAT_CELLS_X + i * CELL_W + CELL_W / 2 - 4;
        let _ = writeln!(
            out,
            "<text class=\"label column\" data-theme=\"{}\" transform=\"translate({x} {}) rotate(-45)\"><title>{}</title>{}</text>",
            escape(t),
            header - 8,
            escape(t),
            escape(&shorten(t, HEAT_HEADER_CHARS))
        );
    }
    for (ri, r) in rows.iter().enumerate() {
        let y = header + ri * CELL_H;
        let _ = writeln!(
            out,
            "<g class=\"row\" data-group=\"{}\" data-n=\"{}\">\n<title>{}: {} interviews</title>\n\
             <text class=\"label\" x=\"0\" y=\"{}\">{}</text>\n<text x=\"{HEAT_N_X}\" y=\"{}\">{}</text>",
            escape(&r.group),
            r.sessions,
            escape(&r.group),
            crate::text::counts::thousands(r.sessions),
            y + 22,
            escape(&shorten(&r.group, HEAT_LABEL_CHARS)),
            y + 22,
            crate::text::counts::thousands(r.sessions)
        );
        for (ci, (share, theme)) in r.cells.iter().zip(themes).enumerate() {
            out.push_str(&heat_cell(HEAT_CELLS_X + ci * CELL_W, y, *share, &r.group, theme));
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// One cell: darker for a larger share; the share and its n written in it.
fn heat_cell(x: usize, y: usize, share: Share, group: &str, theme: &str) -> String {
    let percent = share.percent();
    // Opacity in thousandths: a faint tint for none, nearly solid for all.
    let opacity = 60 + share.scaled(880);
    let hot = if percent >= 55 { " hot" } else { "" };
    let mid = x + CELL_W / 2;
    format!(
        "<g class=\"cell{hot}\" data-group=\"{}\" data-theme=\"{}\" data-n=\"{}\" data-of=\"{}\" data-percent=\"{percent}\">\
         <title>{} · {}: {} interviews ({})</title>\
         <rect x=\"{x}\" y=\"{y}\" width=\"{CELL_W}\" height=\"{CELL_H}\" fill=\"#2f6db5\" fill-opacity=\"0.{opacity:03}\"/>\
         <text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"700\">{}</text>\
         <text class=\"small\" x=\"{mid}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>\n",
        escape(group),
        escape(theme),
        share.part,
        share.whole,
        escape(group),
        escape(theme),
        share.of_text(),
        share.percent_text(),
        y + 16,
        share.percent_text(),
        y + 30,
        share.count_text()
    )
}

/// A small bar for a table row, beside the figure it stands for.
pub fn meter(share: Share) -> String {
    format!(
        "<svg class=\"meter\" viewBox=\"0 0 100 8\" aria-hidden=\"true\">\
         <rect class=\"track\" width=\"100\" height=\"8\"/><rect class=\"fill\" width=\"{}\" height=\"8\"/></svg>",
        share.scaled(100)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_follow_the_share_and_escape_their_labels() {
        let bars = [
            Bar { label: "#all".into(), share: Share::of(5, 5), figure: "5 of 5".into(), data: vec![] },
            Bar {
                label: "#<b>\"x\"".into(),
                share: Share::of(199, 200),
                figure: "199 of 200".into(),
                data: vec![("theme", "\"><img onerror=x>".into())],
            },
        ];
        let svg = bar_chart("Themes", "themes", &bars);
        assert!(svg.contains(&format!("class=\"fill\" x=\"{BAR_X}\" y=\"4\" width=\"{BAR_LEN}\"")), "{svg}");
        assert!(!svg.contains(&format!("y=\"30\" width=\"{BAR_LEN}\" height=\"16\" rx=\"2\"/>\n<text")), "{svg}");
        assert!(svg.contains("data-theme=\"&quot;&gt;&lt;img onerror=x&gt;\""), "{svg}");
        assert!(!svg.contains("<b>") && !svg.contains("<img"), "{svg}");
        assert!(svg.contains("data-rank=\"2\""));
    }

    #[test]
    fn cells_say_their_share_and_n() {
        let rows = [HeatRow { group: "smb".into(), sessions: 4, cells: vec![Share::of(3, 4), Share::of(0, 4)] }];
        let svg = heat_map("Segments", "segment", &["a".into(), "b".into()], &rows);
        assert!(svg.contains("data-theme=\"a\" data-n=\"3\" data-of=\"4\" data-percent=\"75\""), "{svg}");
        assert!(svg.contains(">75%</text>") && svg.contains(">3/4</text>"), "{svg}");
        assert!(svg.contains("fill-opacity=\"0.060\""), "none is the faintest tint: {svg}");
        assert_eq!(meter(Share::of(1, 1000)), meter(Share::of(1, 1000)));
        assert!(meter(Share::of(1, 1000)).contains("class=\"fill\" width=\"1\""), "some is never empty");
    }
}
