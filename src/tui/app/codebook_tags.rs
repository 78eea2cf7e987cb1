//! The codebook where tags are chosen (the live tag palette, quick tagging):
//! an alias typed offers its code first (typing `price` offers `pricing`),
//! the highlighted code's description is shown, and a note's alias tags are
//! stored under their code's name. The codebook is read once with the
//! library; nothing here reads the disk.

use crate::domain::codebook::Codebook;
use crate::domain::note;
use crate::tui::app::tags::TagRow;

/// `rows` (the ranking for `filter`) with the code `filter` is an alias of
/// put first in place of a new row for the alias itself. Tags in use that are
/// aliases are not offered: choosing one would store the alias.
pub fn offer_codes(mut rows: Vec<TagRow>, filter: &str, codebook: Option<&Codebook>) -> Vec<TagRow> {
    let Some(book) = codebook else { return rows };
    rows.retain(|r| r.new || book.code(&r.tag).is_some() || book.resolve(&r.tag).is_none());
    let Some(typed) = note::normalize_tag(filter) else { return rows };
    let Some(code) = book.resolve(&typed).filter(|c| c.name != typed) else { return rows };
    let code_name = code.name.clone();
    rows.retain(|r| !(r.new && r.tag == typed));
    let row = match rows.iter().position(|r| r.tag == code_name) {
        Some(i) => rows.remove(i),
        None => TagRow { tag: code_name, matched: vec![], count: 0, new: false },
    };
    rows.insert(0, row);
    rows
}

/// What the palette says under the highlighted tag: its code's description,
/// or, for a tag the codebook does not know, that it is new to it.
pub fn description(codebook: Option<&Codebook>, tag: &str) -> Option<String> {
    let code = codebook?.code(tag);
    match code {
        Some(c) if !c.description.is_empty() => Some(c.description.clone()),
        Some(_) => None,
        None => Some("not in the codebook".to_string()),
    }
}

/// `tags` with every alias replaced by its code's name (each kept once), and
/// the aliases that were replaced, as `alias → code`, for the footer.
pub fn canonical_tags(tags: Vec<String>, codebook: Option<&Codebook>) -> (Vec<String>, Vec<String>) {
    let Some(book) = codebook else { return (tags, vec![]) };
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    let mut replaced = Vec::new();
    for tag in tags {
        let name = book.canonical(&tag);
        if name != tag {
            replaced.push(format!("#{tag} → #{name}"));
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    (out, replaced)
}

/// Under `codebook: strict`, whether creating `tag` must wait: the first
/// try at a tag the codebook does not know asks (the message to show), the
/// same tag tried again goes ahead. `pending` is the tag last asked about.
pub fn strict_ask(pending: &mut Option<String>, tag: &str, codebook: Option<&Codebook>) -> Option<String> {
    let book = codebook?;
    if book.resolve(tag).is_some() {
        return None;
    }
    if pending.as_deref() == Some(tag) {
        *pending = None;
        return None;
    }
    *pending = Some(tag.to_string());
    Some(format!("#{tag} is not in the codebook: {{apply-tag}} again creates it, {{back}} cancels."))
}

/// How many merges `fieldnotes tags lint` would propose for this library.
pub fn near_duplicate_count(library: &crate::store::library::Library, codebook: Option<&Codebook>) -> usize {
    let infos: Vec<_> = library.sessions.iter().filter_map(|s| s.info.as_ref().ok()).collect();
    let uses = crate::analysis::codebook::tag_uses(infos.iter().map(|i| i.tags.as_slice()));
    crate::analysis::codebook::hygiene::near_duplicates(&uses, codebook).len()
}

/// The library screen's offer, when there is something to tidy.
pub fn hygiene_offer(near_duplicates: usize) -> Option<String> {
    (near_duplicates > 0).then(|| {
        format!("{} — `fieldnotes tags lint`", crate::text::counts::plural(near_duplicates, "tag near-duplicate"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::yaml::from_str;
    use crate::tui::app::tags;
    use std::path::Path;

    fn book() -> Codebook {
        from_str(
            "codes:\n- {name: pricing, description: What they pay., aliases: [price, cost]}\n- {name: trust}\n",
            Path::new("c.yaml"),
        )
        .unwrap()
    }

    fn tags_of(rows: &[TagRow]) -> Vec<(&str, bool)> {
        rows.iter().map(|r| (r.tag.as_str(), r.new)).collect()
    }

    #[test]
    fn typing_an_alias_offers_its_code_first_and_no_new_tag() {
        let all = vec![("pricing".to_string(), 3), ("priority".to_string(), 1), ("price".to_string(), 2)];
        let rows = tags::rank("price", &[], &all);
        let rows = offer_codes(rows, "price", Some(&book()));
        assert_eq!(tags_of(&rows)[0], ("pricing", false));
        assert!(!rows.iter().any(|r| r.new || r.tag == "price"), "the alias in use is not offered: {rows:?}");
        // An alias no tag resembles still offers its code.
        let rows = offer_codes(tags::rank("cost", &[], &all), "cost", Some(&book()));
        assert_eq!(tags_of(&rows), [("pricing", false)]);
    }

    #[test]
    fn without_a_codebook_or_an_alias_the_ranking_is_unchanged() {
        let all = vec![("pricing".to_string(), 3)];
        let rows = tags::rank("pri", &[], &all);
        assert_eq!(offer_codes(rows.clone(), "pri", Some(&book())), rows);
        assert_eq!(offer_codes(rows.clone(), "price", None), rows);
    }

    #[test]
    fn the_description_of_a_code_and_new_tags_said() {
        assert_eq!(description(Some(&book()), "pricing").as_deref(), Some("What they pay."));
        assert_eq!(description(Some(&book()), "trust"), None, "a code without a description says nothing");
        assert_eq!(description(Some(&book()), "zzz").as_deref(), Some("not in the codebook"));
        assert_eq!(description(None, "zzz"), None);
    }

    #[test]
    fn the_library_offers_lint_only_when_there_is_something_to_tidy() {
        assert_eq!(hygiene_offer(0), None);
        assert_eq!(hygiene_offer(3).as_deref(), Some("3 tag near-duplicates — `fieldnotes tags lint`"));
    }

    #[test]
    fn strict_asks_once_before_a_tag_the_codebook_does_not_know() {
        let mut pending = None;
        assert!(strict_ask(&mut pending, "zebra", Some(&book())).is_some_and(|m| m.contains("#zebra")));
        assert_eq!(strict_ask(&mut pending, "zebra", Some(&book())), None, "the second try creates it");
        assert!(strict_ask(&mut pending, "zebra", Some(&book())).is_some(), "and a later one asks again");
        assert_eq!(strict_ask(&mut None, "price", Some(&book())), None, "an alias is known");
        assert_eq!(strict_ask(&mut None, "zebra", None), None, "no codebook, nothing to ask");
    }

    #[test]
    fn alias_tags_are_stored_under_the_code() {
        let (tags, replaced) = canonical_tags(vec!["price".into(), "pricing".into(), "trust".into()], Some(&book()));
        assert_eq!(tags, ["pricing", "trust"]);
        assert_eq!(replaced, ["#price → #pricing"]);
    }
}
