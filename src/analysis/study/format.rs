//! The study as text for the terminal, Markdown for a doc, JSON for scripts,
//! and persona drafts as Markdown cards. Every name or text from a file
//! goes through `inert` in text and Markdown; JSON keeps it exact.

use super::Computed;
use super::guide_yield::QuestionYield;
use super::hypotheses::Side;
use super::personas::Persona;
use super::saturation::{Curve, in_words};
use crate::analysis::synthesis::{NoteRef, SessionRecord};
use crate::domain::study::Study;
use crate::text::counts::plural;
use crate::text::out::inert;
use chrono::Datelike;
use serde_json::{Value, json};
use std::fmt::Write;

/// What the study is called where it is shown: its file's name, or the library.
pub struct Named<'a> {
    pub name: Option<&'a str>,
    pub study: &'a Study,
    pub computed: &'a Computed,
    pub records: &'a [SessionRecord],
}

impl Named<'_> {
    fn title(&self) -> String {
        match self.name {
            Some(n) => format!("Study: {}", inert(n)),
            None => "Study: the whole library".to_string(),
        }
    }

    /// Every curve in words, overall first.
    pub fn saturation_words(&self) -> Vec<String> {
        let rule = &self.study.saturation;
        let mut out = vec![in_words("overall", &self.computed.overall, rule)];
        out.extend(self.computed.segments.iter().map(|(n, c)| in_words(&inert(n), c, rule)));
        out
    }

    fn quote(&self, r: NoteRef) -> (String, &str) {
        let s = &self.records[r.session];
        (s.text(&s.notes()[r.note]).to_string(), s.id.as_str())
    }
}

pub fn text(n: &Named) -> String {
    let c = n.computed;
    let mut o = String::new();
    let _ = writeln!(o, "{} — {}", n.title(), plural(c.selected.len(), "interview"));
    if let Some(obj) = &n.study.objective {
        let _ = writeln!(o, "Objective: {}", inert(obj));
    }
    if !c.quotas.is_empty() {
        let _ = writeln!(o, "\nRecruiting (done / scheduled / target, missing)");
        let w = c.quotas.iter().map(|q| q.segment.chars().count()).max().unwrap_or(0);
        for q in &c.quotas {
            let _ = writeln!(
                o,
                "  {:w$}  {:>3} / {:>3} / {:>3}  {}",
                inert(&q.segment),
                q.done,
                q.scheduled,
                q.target,
                if q.missing == 0 { "complete".to_string() } else { format!("{} to find", q.missing) }
            );
        }
    }
    if !c.hypotheses.is_empty() {
        let _ = writeln!(o, "\nHypotheses (interviews for / against)");
        for h in &c.hypotheses {
            let _ = writeln!(
                o,
                "  [{}] {}  {} / {}  (figures suggest: {}){}",
                h.status.name(),
                inert(&h.statement),
                h.evidence_for.interviews,
                h.evidence_against.interviews,
                h.suggests,
                since_last_week(h)
            );
            for q in
                h.evidence_for.quotes.iter().map(|r| ("+", r)).chain(h.evidence_against.quotes.iter().map(|r| ("−", r)))
            {
                let (text, id) = n.quote(*q.1);
                let _ = writeln!(o, "      {} “{}” ({})", q.0, inert(&text), inert(id));
            }
        }
    }
    let _ = writeln!(o, "\nSaturation ({})", rule_words(n.study));
    for line in n.saturation_words() {
        let _ = writeln!(o, "  {line}");
    }
    let _ = writeln!(o, "  new codes per interview: {}", curve_line(&c.overall));
    if !c.trends.themes.is_empty() {
        let t = &c.trends;
        let _ = writeln!(o, "\nTrends (share of interviews by {})", t.period.name());
        let w = t.themes.iter().map(|x| x.code.chars().count()).max().unwrap_or(0);
        // Short period names over 4-wide cells: "W03" or "Jan".
        let heads: Vec<String> = t
            .starts
            .iter()
            .map(|d| match t.period {
                super::trends::Period::Week => format!("{:>4}", format!("W{:02}", d.iso_week().week())),
                super::trends::Period::Month => format!("{:>4}", d.format("%b")),
            })
            .collect();
        let _ = writeln!(o, "  {:w$}  {}", "", heads.join(" "));
        for th in &t.themes {
            let cells: Vec<String> = th
                .shares
                .iter()
                .map(|s| if s.whole == 0 { "   –".into() } else { format!("{:>4}", s.percent_text()) })
                .collect();
            let _ = writeln!(o, "  {:w$}  {}", inert(&th.code), cells.join(" "));
        }
        if let (Some(a), Some(b)) = (t.starts.first(), t.starts.last()) {
            let _ = writeln!(
                o,
                "  ({} to {}, {})",
                t.period.label(*a),
                t.period.label(*b),
                plural(t.starts.len(), t.period.name())
            );
        }
    }
    guide_text(&mut o, &c.guide);
    if !c.personas.is_empty() {
        let _ = writeln!(
            o,
            "\nPersona drafts: {} (fieldnotes personas --format md)",
            c.personas.iter().map(|p| format!("{} ({})", inert(&p.name), p.interviews)).collect::<Vec<_>>().join(", ")
        );
    }
    o
}

/// What each guide question yields, a guide at a time, each suggestion in
/// words under its question.
fn guide_text(o: &mut String, rows: &[QuestionYield]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(o, "\nGuide questions (notes / codes / interviews asked)");
    let w = rows.iter().map(|r| crate::text::width::width(&inert(&r.question))).max().unwrap_or(0).min(20);
    let mut guide = None;
    for r in rows {
        if guide != Some(&r.guide) {
            let _ = writeln!(o, "  {}", inert(&r.guide));
            guide = Some(&r.guide);
        }
        let id = crate::text::width::fit(&inert(&r.question), w);
        let text = crate::text::width::truncate(&inert(r.text.trim()), 60).into_owned();
        let _ = writeln!(o, "    {id}  {:>3} / {:>3} / {:>3}  {text}", r.notes, r.codes, r.interviews);
        if let Some(s) = &r.suggestion {
            let _ = writeln!(o, "    {:w$}  → {}", "", s.words(r.interviews));
        }
    }
    let flagged = rows.iter().filter(|r| r.suggestion.is_some()).count();
    let _ = writeln!(
        o,
        "  {} to reword or remove (judged once a guide has {} interviews)",
        plural(flagged, "question"),
        super::guide_yield::MIN_INTERVIEWS
    );
}

/// "; a week before: 2 / 1", when the last week changed the figures.
fn since_last_week(h: &super::hypotheses::Scored) -> String {
    let now = (h.evidence_for.interviews, h.evidence_against.interviews);
    if now == h.week_before {
        String::new()
    } else {
        format!("; a week before: {} / {}", h.week_before.0, h.week_before.1)
    }
}

/// The stopping rule in words, as every output of the study says it.
pub fn rule_words(s: &Study) -> String {
    let r = &s.saturation;
    let verb = if r.run == 1 { "adds" } else { "add" };
    format!(
        "the last {} {verb} at most {} % new codes to those of the first {}",
        plural(r.run, "interview"),
        r.threshold_percent,
        r.base
    )
}

fn curve_line(c: &Curve) -> String {
    if c.steps.is_empty() {
        return "none yet".into();
    }
    // The last 30 on one line: the start of a long study is in the JSON.
    const SHOWN: usize = 30;
    let from = c.steps.len().saturating_sub(SHOWN);
    let numbers: Vec<String> = c.steps[from..].iter().map(|s| s.new_codes.to_string()).collect();
    if from == 0 { numbers.join(" ") } else { format!("… {} (the last {SHOWN})", numbers.join(" ")) }
}

pub fn markdown(n: &Named) -> String {
    let c = n.computed;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n\n{}.", n.title(), plural(c.selected.len(), "interview"));
    if let Some(obj) = &n.study.objective {
        let _ = writeln!(o, "\n**Objective:** {}", inert(obj));
    }
    for q in &n.study.research_questions {
        let _ = writeln!(o, "- {}", inert(q));
    }
    if !c.quotas.is_empty() {
        let _ = writeln!(
            o,
            "\n## Recruiting\n\n| Segment | Done | Scheduled | Target | Missing |\n|---|---:|---:|---:|---:|"
        );
        for q in &c.quotas {
            let _ =
                writeln!(o, "| {} | {} | {} | {} | {} |", inert(&q.segment), q.done, q.scheduled, q.target, q.missing);
        }
    }
    if !c.hypotheses.is_empty() {
        let _ = writeln!(o, "\n## Hypotheses\n");
        for h in &c.hypotheses {
            let _ = writeln!(
                o,
                "### {}\n\nStatus: **{}** (the figures suggest: {}). For: {}. Against: {}.\n",
                inert(&h.statement),
                h.status.name(),
                h.suggests,
                side_words(&h.evidence_for),
                side_words(&h.evidence_against)
            );
            for r in h.evidence_for.quotes.iter().chain(&h.evidence_against.quotes) {
                let (text, _) = n.quote(*r);
                let _ = writeln!(o, "> {}\n", inert(&text));
            }
        }
    }
    let _ = writeln!(o, "\n## Saturation\n\nRule: {} (Guest, Namey & Chen 2020).\n", rule_words(n.study));
    for line in n.saturation_words() {
        let _ = writeln!(o, "- {line}");
    }
    trends_markdown(&mut o, &c.trends);
    guide_markdown(&mut o, &c.guide);
    o
}

/// The guide questions as a table per guide, suggestions in the last column.
fn guide_markdown(o: &mut String, rows: &[QuestionYield]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n## Guide questions\n");
    let mut guide = None;
    for r in rows {
        if guide != Some(&r.guide) {
            let _ = writeln!(
                o,
                "\n### {}\n\n| Question | | Notes | Codes | Interviews | Suggestion |\n|---|---|---:|---:|---:|---|",
                inert(&r.guide)
            );
            guide = Some(&r.guide);
        }
        let cell = |t: &str| inert(t.trim()).replace('|', "\\|").replace('\n', " ");
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&r.question),
            cell(&r.text),
            r.notes,
            r.codes,
            r.interviews,
            r.suggestion.map(|s| s.words(r.interviews)).unwrap_or_default()
        );
    }
}

/// The trends as a table: a row per theme, a column per period.
fn trends_markdown(o: &mut String, t: &super::trends::Trends) {
    if t.themes.is_empty() {
        return;
    }
    let labels: Vec<String> = t.starts.iter().map(|d| t.period.label(*d)).collect();
    let _ = writeln!(o, "\n## Trends\n\nShare of the interviews held each {}.\n", t.period.name());
    let _ = writeln!(o, "| Theme | {} |\n|---|{}", labels.join(" | "), "---:|".repeat(labels.len()));
    let counts: Vec<String> = t.interviews.iter().map(|n| n.to_string()).collect();
    let _ = writeln!(o, "| *interviews* | {} |", counts.join(" | "));
    for th in &t.themes {
        let cells: Vec<String> =
            th.shares.iter().map(|s| if s.whole == 0 { "–".into() } else { s.percent_text() }).collect();
        let _ = writeln!(o, "| {} | {} |", inert(&th.code), cells.join(" | "));
    }
}

fn side_words(s: &Side) -> String {
    format!("{} ({})", plural(s.interviews, "interview"), plural(s.notes, "note"))
}

/// Persona drafts as Markdown cards, one `##` section each.
pub fn personas_markdown(personas: &[Persona], records: &[SessionRecord], by: &str) -> String {
    let mut o = format!("# Persona drafts (by {by})\n\n");
    if personas.is_empty() {
        o.push_str(&format!("No interview has a {by} yet.\n"));
    }
    for p in personas {
        let list =
            |v: &[(String, usize)]| v.iter().map(|(k, n)| format!("{} ({n})", inert(k))).collect::<Vec<_>>().join(", ");
        let _ = writeln!(o, "## {}\n\n*Draft from {}.*\n", inert(&p.name), plural(p.interviews, "interview"));
        if !p.roles.is_empty() {
            let _ = writeln!(o, "**Who they are:** {}  ", list(&p.roles));
        }
        if !p.companies.is_empty() {
            let _ = writeln!(o, "**Companies:** {}", list(&p.companies));
        }
        if !p.themes.is_empty() {
            let _ = writeln!(o, "\n**What they talk about:** {}", list(&p.themes));
        }
        if !p.pains.is_empty() {
            let _ = writeln!(o, "\n**Pains:** {}", list(&p.pains));
        }
        if !p.quotes.is_empty() {
            o.push_str("\n**In their words:**\n\n");
            for r in &p.quotes {
                let s = &records[r.session];
                let who = s.role.as_deref().map(|r| format!(" — {}", inert(r))).unwrap_or_default();
                let _ = writeln!(o, "> {}{who}\n", inert(s.text(&s.notes()[r.note])));
            }
        }
        if !p.closing.is_empty() {
            o.push_str("\n**What else is on their mind:**\n\n");
            for &i in &p.closing {
                let _ = writeln!(o, "- {}", inert(records[i].closing_answer.as_deref().unwrap_or("")));
            }
        }
        o.push('\n');
    }
    o
}

fn curve_json(c: &Curve, study: &Study) -> Value {
    json!({
        "steps": c.steps.iter().map(|s| json!({"session": s.session, "new_codes": s.new_codes, "cumulative": s.cumulative})).collect::<Vec<_>>(),
        "reached": c.reached(),
        "reached_after": c.reached_after,
        "holds_now": c.holds_now(&study.saturation),
        "last_run_percent": c.last_run_percent,
    })
}

pub fn json(n: &Named) -> Value {
    let c = n.computed;
    let study = n.study;
    let overall = curve_json(&c.overall, study);
    let quotes = |s: &Side| -> Vec<Value> {
        s.quotes
            .iter()
            .map(|r| {
                let (text, id) = n.quote(*r);
                json!({"session": id, "text": text})
            })
            .collect()
    };
    json!({
        "study": n.name,
        "objective": study.objective,
        "interviews": c.selected.len(),
        "quotas": c.quotas.iter().map(|q| json!({"segment": q.segment, "target": q.target, "done": q.done, "scheduled": q.scheduled, "missing": q.missing})).collect::<Vec<_>>(),
        "saturation": {
            "rule": {"base": study.saturation.base, "run": study.saturation.run, "threshold_percent": study.saturation.threshold_percent},
            "overall": overall["steps"],
            "reached": c.overall.reached(),
            "reached_after": c.overall.reached_after,
            "holds_now": overall["holds_now"],
            "segments": c.segments.iter().map(|(name, curve)| { let mut v = curve_json(curve, study); v["segment"] = json!(name); v }).collect::<Vec<_>>(),
            "summary": n.saturation_words(),
        },
        "hypotheses": c.hypotheses.iter().map(|h| json!({
            "statement": h.statement,
            "for": h.evidence_for.interviews,
            "against": h.evidence_against.interviews,
            "status": h.status.name(),
            "for_notes": h.evidence_for.notes,
            "against_notes": h.evidence_against.notes,
            "suggests": h.suggests,
            "for_a_week_before": h.week_before.0,
            "against_a_week_before": h.week_before.1,
            "quotes_for": quotes(&h.evidence_for),
            "quotes_against": quotes(&h.evidence_against),
        })).collect::<Vec<_>>(),
        "trends": {
            "period": c.trends.period.name(),
            "periods": c.trends.starts.iter().map(|s| c.trends.period.label(*s)).collect::<Vec<_>>(),
            "interviews": c.trends.interviews,
            "themes": c.trends.themes.iter().map(|t| json!({"code": t.code, "with": t.shares.iter().map(|s| s.part).collect::<Vec<_>>(), "percent": t.shares.iter().map(|s| s.percent()).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        },
        "personas": c.personas.iter().map(|p| json!({"name": p.name, "interviews": p.interviews, "roles": p.roles, "companies": p.companies, "themes": p.themes, "pains": p.pains})).collect::<Vec<_>>(),
        "guide": c.guide.iter().map(|r| json!({"guide": r.guide, "question": r.question, "text": r.text, "notes": r.notes, "codes": r.codes, "interviews": r.interviews, "suggestion": r.suggestion.map(|s| s.words(r.interviews))})).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::rec;
    use super::super::{Options, compute};
    use super::*;
    use crate::domain::note::Kind;
    use crate::domain::study::{Hypothesis, Quota};

    #[test]
    fn json_has_the_contract_fields() {
        let records = vec![rec("a", 1, "smb", &[(Kind::Pain, "slow", &["perf"])])];
        let study = Study {
            quotas: vec![Quota { segment: "smb".into(), target: 2 }],
            hypotheses: vec![Hypothesis { statement: "Speed".into(), ..Hypothesis::default() }],
            ..Study::default()
        };
        let computed = compute(&study, &records, &Options::default());
        let v = json(&Named { name: None, study: &study, computed: &computed, records: &records });
        assert_eq!(v["interviews"], 1);
        assert_eq!(v["quotas"][0], json!({"segment": "smb", "target": 2, "done": 1, "scheduled": 0, "missing": 1}));
        assert_eq!(v["saturation"]["overall"][0], json!({"session": "a", "new_codes": 1, "cumulative": 1}));
        assert_eq!(v["saturation"]["reached"], false);
        let h = &v["hypotheses"][0];
        assert_eq!(
            (h["statement"].as_str(), h["for"].as_u64(), h["against"].as_u64(), h["status"].as_str()),
            (Some("Speed"), Some(0), Some(0), Some("open"))
        );
    }

    #[test]
    fn guide_questions_show_in_every_format_with_their_suggestion() {
        use crate::domain::guide::{Guide, Question, Section};
        let mut records: Vec<SessionRecord> = (1..=3).map(|d| rec(&format!("s{d}"), d, "smb", &[])).collect();
        for r in &mut records {
            r.asked = vec!["q1".into(), "q2".into()];
            r.push_note(crate::domain::session::Offset(5), Kind::Note, Some("q1"), ["perf"], "slow");
        }
        let q = |id: &str, text: &str| Question { id: id.into(), text: text.into(), probes: vec![] };
        let guide = Guide {
            name: "discovery".into(),
            title: "D".into(),
            kind: "exploratory".into(),
            objective: String::new(),
            duration: None,
            closing: None,
            tags: vec![],
            consent: false,
            sections: vec![Section {
                title: "All".into(),
                budget: None,
                questions: vec![q("q1", "What is slow?"), q("q2", "Evil\x1b[2J | pipe?")],
            }],
        };
        let study = Study::default();
        let opts = Options { guides: vec![guide], ..Options::default() };
        let computed = compute(&study, &records, &opts);
        let named = Named { name: None, study: &study, computed: &computed, records: &records };
        let v = json(&named);
        assert_eq!(
            v["guide"][0],
            json!({"guide": "discovery", "question": "q1", "text": "What is slow?", "notes": 3, "codes": 1, "interviews": 3, "suggestion": null})
        );
        let silent = "asked in 3 interviews without a single note: reword it or remove it";
        assert_eq!(v["guide"][1]["suggestion"], silent);
        let t = text(&named);
        assert!(t.contains("    q1    3 /   1 /   3  What is slow?"), "{t}");
        assert!(t.contains(&format!("→ {silent}")) && !t.contains('\x1b'), "{t}");
        let md = markdown(&named);
        assert!(md.contains("| q2 | Evil␛[2J \\| pipe? | 0 | 0 | 3 | asked in 3"), "{md}");
    }

    #[test]
    fn names_from_files_are_inert_in_text() {
        let records = vec![rec("a", 1, "smb\x1b[2J", &[])];
        let study = Study { objective: Some("win\x1b]52;c;x\x07".into()), ..Study::default() };
        let computed = compute(&study, &records, &Options::default());
        let t = text(&Named { name: Some("x\x1b"), study: &study, computed: &computed, records: &records });
        assert!(!t.contains('\x1b'), "{t}");
    }
}
