//! The session summary's template: an empty summary opens in the editor on
//! three headings to fill (what a team reads first after a call), and what
//! comes back keeps only the parts that were written, so an untouched
//! template never becomes a summary.

/// The headings offered, in order.
const HEADINGS: [&str; 3] = ["## Key takeaways", "## Surprises", "## Next steps"];

/// What the editor opens on when there is no summary yet.
pub fn template() -> String {
    HEADINGS.iter().map(|h| format!("{h}\n- \n")).collect::<Vec<_>>().join("\n")
}

/// The text the editor gave back, without the template's headings that were
/// left empty (a heading whose lines are only "-" bullets or blank); `None`
/// when nothing is left.
pub fn from_edited(text: &str) -> Option<String> {
    let mut kept: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if HEADINGS.contains(&line.trim_end()) || kept.is_empty() {
            kept.push(Vec::new());
        }
        kept.last_mut().expect("a part was pushed").push(line.trim_end());
    }
    let written = |part: &&Vec<&str>| {
        let heading = HEADINGS.contains(&part[0]);
        part.iter().skip(usize::from(heading)).any(|l| !matches!(l.trim(), "" | "-" | "*"))
    };
    let parts: Vec<String> = kept.iter().filter(written).map(|p| p.join("\n").trim_matches('\n').to_string()).collect();
    let text = parts.join("\n\n");
    Some(text).filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untouched_template_is_no_summary() {
        assert_eq!(from_edited(&template()), None);
        assert_eq!(from_edited(""), None);
        assert_eq!(from_edited("  \n\n"), None);
    }

    #[test]
    fn free_text_is_kept_as_written() {
        assert_eq!(
            from_edited("Exports hurt.\n\nCall back in May.\n\n").as_deref(),
            Some("Exports hurt.\n\nCall back in May.")
        );
    }

    #[test]
    fn empty_headings_go_and_written_ones_stay() {
        let t = "## Key takeaways\n- a\n- \n\n## Surprises\n-\n\n## Next steps\n- b\n";
        assert_eq!(from_edited(t).as_deref(), Some("## Key takeaways\n- a\n-\n\n## Next steps\n- b"));
        // Text before the first heading is kept too.
        assert_eq!(from_edited("intro\n## Surprises\n- \n").as_deref(), Some("intro"));
    }
}
