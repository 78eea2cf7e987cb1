//! The page around a report: one self-contained document (inline CSS, no
//! script, nothing fetched), a Content-Security-Policy that forbids scripts
//! and every network fetch even if something slipped through, and print rules
//! so a browser's "Save as PDF" gives clean pages.

use super::escape::escape;

/// Everything the pages style. Readable without colour (every figure is also
/// written as text), and in print: colours kept for the charts, no breaks
/// inside a chart, a quote or a table row, headings kept with what follows.
const CSS: &str = r#"
:root { --ink: #1d232b; --muted: #5b6572; --line: #d9dee5; --bar: #2f6db5; --track: #e8edf3; --star: #b7791f; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.meta, .lede { color: var(--muted); margin: .2rem 0; }
.meta strong { color: var(--ink); }
.filters { margin: .6rem 0; padding: .4rem .7rem; background: #f4f6f9; border-left: 3px solid var(--bar); }
.notice { font-style: italic; color: var(--muted); }
.figure-line { color: var(--muted); font-weight: normal; }
svg.chart { display: block; width: 100%; height: auto; margin: .6rem 0 1rem; font-family: inherit; }
svg.chart text { fill: var(--ink); font-size: 13px; }
svg.chart .label { font-weight: 600; }
svg.chart .figure { fill: var(--muted); }
svg.chart .track { fill: var(--track); }
svg.chart .fill { fill: var(--bar); }
svg.chart .hot text { fill: #fff; }
svg.chart .cell rect { stroke: #fff; stroke-width: 2; }
svg.chart .small { font-size: 11px; }
svg.meter { display: inline-block; width: 6rem; height: .6rem; vertical-align: middle; margin-left: .4rem; }
svg.meter .track { fill: var(--track); }
svg.meter .fill { fill: var(--bar); }
svg, blockquote, li, tr, .answer, .keep { break-inside: avoid; page-break-inside: avoid; }
ul.evidence { list-style: none; padding: 0; margin: .4rem 0 1rem; }
ul.evidence li { margin: .5rem 0; }
blockquote { margin: 0; padding: .3rem .9rem; border-left: 4px solid var(--bar); background: #f7f9fc; }
blockquote p { margin: 0; font-size: 1.05rem; }
.who { color: var(--muted); font-size: .9rem; }
blockquote .who { display: block; margin-top: .15rem; }
.kind { font-weight: 700; }
.star { color: var(--star); font-weight: 700; }
.check { display: block; color: var(--muted); font-size: .85rem; }
.tag { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem;
  background: #eef1f5; border-radius: 3px; padding: 0 .25rem; white-space: nowrap; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
.never { color: #a12a2a; font-weight: 700; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .6rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
footer.page { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); gap: 1rem; margin: .6rem 0 1rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; break-inside: avoid; page-break-inside: avoid; min-width: 0; }
.card h3 { margin-top: .2rem; }
.card h4 { font-size: .95rem; margin: .8rem 0 .3rem; }
.card dl.facts { display: block; font-size: .92rem; }
.card dl.facts dt { font-weight: 600; margin-top: .35rem; }
.card dd { overflow-wrap: anywhere; }
ul.closing { padding-left: 1.1rem; margin: .3rem 0; }
.quota { margin: .5rem 0 .9rem; break-inside: avoid; }
.quota-bar { position: relative; height: 1.1rem; background: var(--track); border-radius: 2px; overflow: hidden; margin-top: .2rem; }
.quota-bar span { position: absolute; top: 0; bottom: 0; }
.quota-bar .done { left: 0; background: var(--bar); }
.quota-bar .scheduled { background: repeating-linear-gradient(135deg, var(--bar) 0 3px, #fff 3px 6px); border: 1px solid var(--bar); }
.quota-bar .target { width: 3px; background: var(--ink); }
.legend { color: var(--muted); font-size: .85rem; }
.legend .swatch { display: inline-block; width: 1.4rem; height: .7rem; vertical-align: middle; margin: 0 .25rem 0 .6rem; }
.swatch.done { background: var(--bar); }
.swatch.scheduled { background: repeating-linear-gradient(135deg, var(--bar) 0 3px, #fff 3px 6px); border: 1px solid var(--bar); }
.status { font-weight: 700; text-transform: uppercase; font-size: .8rem; letter-spacing: .03em; border: 1px solid var(--ink); border-radius: 3px; padding: 0 .3rem; }
.side { font-weight: 700; }
.curves { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: .6rem 1.6rem; }
figure.curve { margin: 0; min-width: 0; }
figure.curve figcaption { font-size: .92rem; }
svg.line { display: block; width: 100%; height: auto; font-family: inherit; }
svg.line text { fill: var(--ink); font-size: 12px; }
svg.line .axis { stroke: var(--muted); stroke-width: 1; }
svg.line .grid { stroke: var(--line); stroke-width: 1; }
svg.line .path { fill: none; stroke: var(--bar); stroke-width: 2.5; }
svg.line .dot { fill: var(--bar); }
svg.line .met { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.line .axis-title { fill: var(--muted); }
ul.trends { list-style: none; padding: 0; margin: .4rem 0 1rem; }
ul.trends li { display: grid; grid-template-columns: minmax(5rem, 11rem) minmax(6rem, 14rem) 1fr; gap: .6rem; align-items: center;
  padding: .25rem 0; border-bottom: 1px solid var(--line); }
ul.trends .tag { justify-self: start; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
svg.spark { display: block; width: 100%; height: 2rem; }
svg.spark .path { fill: none; stroke: var(--bar); stroke-width: 2; vector-effect: non-scaling-stroke; }
svg.spark .base { stroke: var(--line); stroke-width: 1; vector-effect: non-scaling-stroke; }
svg.spark .dot { fill: var(--bar); }
@media (max-width: 40rem) {
  body { padding: 1rem .8rem 3rem; }
  ul.trends li { grid-template-columns: 1fr 1fr; }
  ul.trends li .figure-line { grid-column: 1 / -1; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { margin-top: 1.4rem; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// A whole document: `title` is user text (escaped here), `body` is markup
/// built by the report from escaped pieces, `footer` fixed words.
pub fn document(title: &str, body: &str, footer: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"fieldnotes\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\
         <footer class=\"page\">{}</footer>\n</body>\n</html>\n",
        escape(title),
        escape(footer)
    )
}
