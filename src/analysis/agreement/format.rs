//! `fieldnotes agree` as people read it (text) and as scripts read it (JSON).

use super::Agreement;
use crate::text::counts::{plural, thousands};
use crate::text::out::inert;
use serde_json::{Value, json};

/// The one-sentence rule by which notes were matched, printed with every report.
pub const MATCHING_RULE: &str =
    "notes match when their session id, sitting, time and text (without #tags) are the same; twins pair in file order";

fn kappa_json(k: Option<f64>) -> Value {
    // Four decimals: more would be noise in a figure read by people.
    k.map_or(Value::Null, |k| json!((k * 10_000.0).round() / 10_000.0))
}

fn kappa_text(k: Option<f64>) -> String {
    k.map_or_else(|| "undefined".to_string(), |k| format!("{k:.2}"))
}

/// `{"notes": N, "overall_kappa": x, "codes": [...]}` and the details after them.
pub fn json(ag: &Agreement) -> Value {
    let codes: Vec<Value> = ag
        .codes
        .iter()
        .map(|c| {
            json!({
                "code": c.code,
                "kappa": kappa_json(c.table.kappa()),
                "a_only": c.table.a_only,
                "b_only": c.table.b_only,
                "both": c.table.both,
                "neither": c.table.neither,
            })
        })
        .collect();
    let disagreements: Vec<Value> = ag
        .disagreements
        .iter()
        .map(|d| json!({"session": d.session, "time": d.time, "text": d.text, "a_tags": d.a_tags, "b_tags": d.b_tags}))
        .collect();
    json!({
        "notes": ag.notes,
        "overall_kappa": kappa_json(ag.pooled.kappa()),
        "codes": codes,
        "overall": "pooled: every note x code decision in one table",
        "matching": MATCHING_RULE,
        "left_out": {
            "untagged_by_both": ag.untagged_by_both,
            "a_unmatched_notes": ag.a_unmatched_notes,
            "b_unmatched_notes": ag.b_unmatched_notes,
            "a_only_sessions": ag.a_only_sessions,
            "b_only_sessions": ag.b_only_sessions,
        },
        "shared_sessions": ag.shared_sessions,
        "disagreements": disagreements,
    })
}

/// The report for a terminal: what was compared, kappa per code and overall,
/// then every disagreement. Every text from the files is made inert.
pub fn text(ag: &Agreement) -> String {
    let mut out = String::new();
    out.push_str(&format!("Matching: {MATCHING_RULE}.\n"));
    out.push_str(&format!(
        "Compared {} in {} both coders have ({} left out: tagged by neither coder).\n",
        plural(ag.notes, "note"),
        plural(ag.shared_sessions, "interview"),
        thousands(ag.untagged_by_both)
    ));
    left_out_lines(ag, &mut out);
    out.push('\n');
    let width = ag.codes.iter().map(|c| crate::text::width::width(&inert(&c.code))).max().unwrap_or(0).max(8);
    out.push_str(&format!("{:<width$}  {:>9}  {:>5}  {:>6}  {:>6}\n", "code", "kappa", "both", "A only", "B only"));
    for c in &ag.codes {
        let name = inert(&c.code);
        let pad = width.saturating_sub(crate::text::width::width(&name));
        out.push_str(&format!(
            "{name}{}  {:>9}  {:>5}  {:>6}  {:>6}\n",
            " ".repeat(pad),
            kappa_text(c.table.kappa()),
            c.table.both,
            c.table.a_only,
            c.table.b_only
        ));
    }
    out.push_str(&format!(
        "{:<width$}  {:>9}  (pooled over {} note × code decisions)\n",
        "overall",
        kappa_text(ag.pooled.kappa()),
        thousands(ag.pooled.units())
    ));
    if ag.codes.iter().any(|c| c.table.kappa().is_none()) {
        out.push_str(
            "undefined: both coders said the same of every note (chance agreement is 1), so kappa says nothing.\n",
        );
    }
    out.push_str(&format!("\n{}:\n", plural(ag.disagreements.len(), "disagreement")));
    for d in &ag.disagreements {
        let tags = |t: &[String]| {
            if t.is_empty() {
                "(none)".to_string()
            } else {
                t.iter().map(|t| format!("#{}", inert(t))).collect::<Vec<_>>().join(" ")
            }
        };
        out.push_str(&format!("  {} {}  {}\n", inert(&d.session), d.time, inert(&d.text)));
        out.push_str(&format!("      A: {}\n      B: {}\n", tags(&d.a_tags), tags(&d.b_tags)));
    }
    out
}

fn left_out_lines(ag: &Agreement, out: &mut String) {
    if ag.a_unmatched_notes + ag.b_unmatched_notes > 0 {
        out.push_str(&format!(
            "Unmatched (left out): {} of A's, {} of B's (added, removed or reworded by one coder).\n",
            plural(ag.a_unmatched_notes, "note"),
            plural(ag.b_unmatched_notes, "note")
        ));
    }
    for (who, ids) in [("A", &ag.a_only_sessions), ("B", &ag.b_only_sessions)] {
        if !ids.is_empty() {
            let names: Vec<String> = ids.iter().map(|i| inert(i).into_owned()).collect();
            out.push_str(&format!("Only {who} has (left out): {}\n", names.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::kappa::Table;
    use super::super::{Agreement, CodeAgreement};
    use super::*;

    #[test]
    fn json_has_the_contract_fields_and_null_for_an_undefined_kappa() {
        let ag = Agreement {
            notes: 50,
            codes: vec![
                CodeAgreement { code: "price".into(), table: Table { both: 20, a_only: 5, b_only: 10, neither: 15 } },
                CodeAgreement { code: "unused".into(), table: Table { both: 0, a_only: 0, b_only: 0, neither: 50 } },
            ],
            pooled: Table { both: 20, a_only: 5, b_only: 10, neither: 65 },
            ..Agreement::default()
        };
        let v = json(&ag);
        assert_eq!(v["notes"], 50);
        assert_eq!(
            v["codes"][0],
            json!({"code": "price", "kappa": 0.4, "a_only": 5, "b_only": 10, "both": 20, "neither": 15})
        );
        assert_eq!(v["codes"][1]["kappa"], Value::Null);
        assert!(v["overall_kappa"].is_number());
        let t = text(&ag);
        assert!(t.lines().any(|l| l.starts_with("price ") && l.contains(" 0.40 ")), "{t}");
        assert!(t.contains("undefined"), "{t}");
    }
}
