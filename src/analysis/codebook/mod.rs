//! The codebook against the library: which codes are in use and how much,
//! which tags in use it does not know (new), what `codebook init` proposes,
//! near-duplicate tags (`hygiene`) and tags rolled up to their themes
//! (`rollup`). Pure: the callers read the files.

pub mod hygiene;
pub mod rollup;

use crate::domain::codebook::{Code, Codebook};
use crate::text::counts::plural;
use serde::Serialize;
use std::collections::BTreeMap;

/// One tag as the library uses it: on how many notes, in how many interviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagUse {
    pub tag: String,
    pub notes: usize,
    pub interviews: usize,
}

/// Every tag in use, most notes first (then by name), from each interview's
/// tags with their note counts.
pub fn tag_uses<'a>(interviews: impl IntoIterator<Item = &'a [(String, usize)]>) -> Vec<TagUse> {
    let mut by_tag: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for tags in interviews {
        for (tag, notes) in tags {
            let entry = by_tag.entry(tag).or_default();
            entry.0 += notes;
            entry.1 += 1;
        }
    }
    let mut uses: Vec<TagUse> = by_tag
        .into_iter()
        .map(|(tag, (notes, interviews))| TagUse { tag: tag.to_string(), notes, interviews })
        .collect();
    uses.sort_by(|a, b| b.notes.cmp(&a.notes).then_with(|| a.tag.cmp(&b.tag)));
    uses
}

/// What `codebook init` proposes: one code per tag in use, most used first,
/// descriptions left for the team to write.
pub fn propose(uses: &[TagUse]) -> Codebook {
    Codebook { codes: uses.iter().map(|u| Code::named(&u.tag)).collect(), ..Codebook::default() }
}

/// The proposed codebook as YAML, each code's counts beside its name as a
/// comment (a comment, not a field, so it never goes stale in the file).
pub fn proposal_text(codebook: &Codebook, uses: &[TagUse]) -> Result<String, String> {
    let text = crate::text::yaml::to_string(codebook)?;
    let mut out = String::from(
        "# The team's codebook: a description for each code, and optionally use_when,\n\
         # not_when, examples, theme, aliases and colour. Counts are from when it was proposed.\n",
    );
    for line in text.lines() {
        out.push_str(line);
        let name = line.trim_start().strip_prefix("- name: ");
        if let Some(u) = name.and_then(|n| uses.iter().find(|u| u.tag == n)) {
            out.push_str(&format!("  # {}, {}", plural(u.notes, "note"), plural(u.interviews, "interview")));
        }
        out.push('\n');
    }
    Ok(out)
}

/// A code with how much the library uses it (by its name; notes still
/// tagged with an alias are counted apart, as `alias_notes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeRow {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    pub description: String,
    pub aliases: Vec<String>,
    pub notes: usize,
    pub interviews: usize,
    /// Notes tagged with one of the aliases instead of the name.
    pub alias_notes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeRow {
    pub name: String,
    pub description: String,
    pub codes: Vec<String>,
}

/// The codebook as `fieldnotes codebook` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listing {
    pub codes: Vec<CodeRow>,
    pub themes: Vec<ThemeRow>,
    /// Tags in use that are neither a code nor an alias.
    pub new_tags: Vec<TagUse>,
    /// Where the codebook is ambiguous (`codes[2].aliases[0]: ...`).
    pub problems: Vec<String>,
}

pub fn listing(codebook: &Codebook, uses: &[TagUse]) -> Listing {
    let use_of = |tag: &str| uses.iter().find(|u| u.tag == tag);
    let codes = codebook
        .codes
        .iter()
        .map(|c| {
            let own = use_of(&c.name);
            CodeRow {
                name: c.name.clone(),
                theme: c.theme.clone(),
                description: c.description.clone(),
                aliases: c.aliases.clone(),
                notes: own.map_or(0, |u| u.notes),
                interviews: own.map_or(0, |u| u.interviews),
                alias_notes: c.aliases.iter().filter_map(|a| use_of(a)).map(|u| u.notes).sum(),
            }
        })
        .collect();
    let themes = codebook
        .theme_names()
        .into_iter()
        .map(|name| ThemeRow {
            description: codebook.theme(&name).map(|t| t.description.clone()).unwrap_or_default(),
            codes: codebook.codes_in(&name).map(|c| c.name.clone()).collect(),
            name,
        })
        .collect();
    let known = codebook.known_tags();
    let new_tags = uses.iter().filter(|u| !known.contains(&u.tag)).cloned().collect();
    let problems = codebook.problems().iter().map(ToString::to_string).collect();
    Listing { codes, themes, new_tags, problems }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::yaml::from_str;
    use std::path::Path;

    fn interviews() -> Vec<Vec<(String, usize)>> {
        let t = |pairs: &[(&str, usize)]| pairs.iter().map(|(t, n)| (t.to_string(), *n)).collect::<Vec<_>>();
        vec![t(&[("pricing", 3), ("trust", 1)]), t(&[("pricing", 1), ("price", 2)]), t(&[("onboarding", 1)])]
    }

    fn uses() -> Vec<TagUse> {
        let all = interviews();
        tag_uses(all.iter().map(Vec::as_slice))
    }

    #[test]
    fn tag_uses_count_notes_and_interviews_most_used_first() {
        let u = uses();
        assert_eq!(u[0], TagUse { tag: "pricing".into(), notes: 4, interviews: 2 });
        let order: Vec<&str> = u.iter().map(|u| u.tag.as_str()).collect();
        assert_eq!(order, ["pricing", "price", "onboarding", "trust"]);
    }

    #[test]
    fn init_proposes_every_tag_in_use_with_counts_as_comments() {
        let u = uses();
        let text = proposal_text(&propose(&u), &u).unwrap();
        assert!(text.contains("- name: pricing  # 4 notes, 2 interviews"), "{text}");
        assert!(text.contains("- name: trust  # 1 note, 1 interview"), "{text}");
        let back: Codebook = from_str(&text, Path::new("codebook.yaml")).unwrap();
        assert_eq!(back.codes.len(), 4);
        assert!(back.codes.iter().all(|c| c.description.is_empty()));
    }

    #[test]
    fn the_listing_counts_codes_and_marks_tags_it_does_not_know_as_new() {
        let cb: Codebook = from_str(
            "themes: [{name: Cost, description: Money}]\ncodes:\n- name: pricing\n  theme: Cost\n  aliases: [price]\n- name: trust\n  theme: Vendor\n- name: churn\n",
            Path::new("c.yaml"),
        )
        .unwrap();
        let l = listing(&cb, &uses());
        let pricing = &l.codes[0];
        assert_eq!((pricing.notes, pricing.interviews, pricing.alias_notes), (4, 2, 2));
        assert_eq!((l.codes[2].notes, l.codes[2].interviews), (0, 0), "a code no note uses yet");
        let new: Vec<&str> = l.new_tags.iter().map(|u| u.tag.as_str()).collect();
        assert_eq!(new, ["onboarding"], "aliases are not new");
        let themes: Vec<(&str, &[String])> = l.themes.iter().map(|t| (t.name.as_str(), t.codes.as_slice())).collect();
        assert_eq!(themes, [("Cost", &["pricing".to_string()][..]), ("Vendor", &["trust".to_string()][..])]);
    }
}
