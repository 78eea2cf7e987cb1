//! Choosing a tag by typing: the ranking both the live tag palette and quick
//! tagging use, so a tag is found the same way everywhere.

use crate::domain::note;
use crate::domain::session::Session;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// One candidate tag for the typed filter.
#[derive(Debug, Clone, PartialEq)]
pub struct TagRow {
    pub tag: String,
    /// Characters of `tag` that matched the filter, for highlighting.
    pub matched: Vec<usize>,
    /// Notes carrying it in this session.
    pub count: usize,
    /// Not known yet: choosing it creates it.
    pub new: bool,
}

/// Ranks every tag worth offering for `session` (its own tags, then the
/// `known` ones: guide suggestions and the library's) for `filter`. The
/// session's tags are counted once here: the live screen calls this on every
/// frame, with thousands of notes.
pub fn palette(filter: &str, session: &Session, known: &[(String, usize)]) -> Vec<TagRow> {
    let in_session = session.tag_counts();
    rank(filter, &in_session, &candidates(&in_session, known))
}

/// Every tag worth offering: the session's own (`in_session`, its
/// `tag_counts`) first, then the `known` ones (with library counts).
pub fn candidates(in_session: &[(String, usize)], known: &[(String, usize)]) -> Vec<(String, usize)> {
    let mut all = in_session.to_vec();
    for (t, c) in known {
        if !all.iter().any(|(x, _)| x == t) {
            all.push((t.clone(), *c));
        }
    }
    all
}

/// Ranks `all` for `filter`: with no filter, the session's most used first;
/// otherwise fuzzy matches best first, and the typed tag as a new row when it
/// does not exist yet.
/// `in_session`: the session's `tag_counts`.
pub fn rank(filter: &str, in_session: &[(String, usize)], all: &[(String, usize)]) -> Vec<TagRow> {
    let count = |t: &str| in_session.iter().find(|(x, _)| x == t).map_or(0, |(_, c)| *c);
    let filter = filter.trim().trim_start_matches('#');
    if filter.is_empty() {
        let mut rows: Vec<TagRow> =
            all.iter().map(|(t, _)| TagRow { tag: t.clone(), matched: vec![], count: count(t), new: false }).collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.count));
        return rows;
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, TagRow)> = all
        .iter()
        .filter_map(|(t, _)| {
            let (score, matched) = matcher.fuzzy_indices(t, filter)?;
            Some((score, TagRow { tag: t.clone(), matched, count: count(t), new: false }))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.count.cmp(&a.1.count)).then_with(|| a.1.tag.cmp(&b.1.tag)));
    let mut rows: Vec<TagRow> = scored.into_iter().map(|(_, r)| r).collect();
    if let Some(typed) = note::normalize_tag(filter)
        && !rows.iter().any(|r| r.tag == typed)
    {
        rows.push(TagRow { tag: typed, matched: vec![], count: 0, new: true });
    }
    rows
}

/// The tags known before any session is open: guide suggestions first (with
/// library counts), then every other tag in the library, most used first.
pub fn known(guide_tags: &[String], library: &std::collections::HashMap<String, usize>) -> Vec<(String, usize)> {
    let mut known: Vec<(String, usize)> =
        guide_tags.iter().map(|t| (t.clone(), library.get(t).copied().unwrap_or(0))).collect();
    let mut rest: Vec<(&String, &usize)> = library.iter().filter(|(t, _)| !guide_tags.contains(t)).collect();
    rest.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    known.extend(rest.into_iter().map(|(t, c)| (t.clone(), *c)));
    known
}
