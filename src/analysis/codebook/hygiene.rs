//! Near-duplicate tags: the same idea spelled apart (`price`, `prices`,
//! `Pricing_plan` / `pricing-plan`, a typo, or an alias of a code used as a
//! tag), found among the tags in use and turned into proposed merges, each
//! with its counts and the reason. Pure: `tags lint` prints and applies them,
//! the library screen offers them.
//!
//! Tags linked by any of these rules form a group; every tag of a group is
//! proposed to merge into one: the codebook's code when the group holds one,
//! else the tag on the most notes. Two tags the codebook lists as separate
//! codes are never proposed for merging: the team chose to keep them apart.

use super::TagUse;
use crate::domain::codebook::Codebook;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why two tags look like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// They differ only in case or separators (`-`, `_`, space).
    Spelling,
    /// One is the plural of the other.
    Plural,
    /// Two forms of one word (`price`, `pricing`, `priced`).
    WordForm,
    /// One or two letters apart (a typo).
    Typo,
    /// The tag is an alias of a code in the codebook.
    Alias,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::Spelling => "case or separators",
            Reason::Plural => "plural",
            Reason::WordForm => "forms of one word",
            Reason::Typo => "one letter apart",
            Reason::Alias => "alias in the codebook",
        }
    }
}

/// One proposed merge: every note tagged `from` would be tagged `into`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub from: String,
    pub from_notes: usize,
    pub from_interviews: usize,
    pub into: String,
    pub into_notes: usize,
    pub reason: Reason,
}

impl Merge {
    /// The command that does this merge.
    pub fn command(&self) -> String {
        format!("fieldnotes tags merge {} {}", self.from, self.into)
    }
}

/// Tags shorter than this are only matched by spelling and plural: a typo
/// rule on `ux`/`ui` or `cost`/`cast` would merge different ideas.
const MIN_TYPO_LEN: usize = 5;

/// The merges proposed for the tags in use, the most notes moved first.
pub fn near_duplicates(uses: &[TagUse], codebook: Option<&Codebook>) -> Vec<Merge> {
    let mut nodes: Vec<Node> = uses.iter().map(|u| Node::of(u, codebook)).collect();
    // An alias used as a tag joins its code, in use or not.
    let mut links: Vec<(usize, usize, Reason)> = Vec::new();
    if let Some(cb) = codebook {
        for (i, u) in uses.iter().enumerate() {
            let Some(code) = cb.resolve(&u.tag).filter(|c| c.name != u.tag) else { continue };
            let j = match nodes.iter().position(|n| n.tag == code.name) {
                Some(j) => j,
                None => {
                    nodes.push(Node { tag: code.name.clone(), notes: 0, interviews: 0, is_code: true });
                    nodes.len() - 1
                }
            };
            links.push((i, j, Reason::Alias));
        }
    }
    for i in 0..nodes.len() {
        for j in i + 1..nodes.len() {
            if nodes[i].is_code && nodes[j].is_code {
                continue;
            }
            if let Some(reason) = likeness(&nodes[i].tag, &nodes[j].tag) {
                links.push((i, j, reason));
            }
        }
    }
    merges_from(&nodes, &links)
}

#[derive(Debug, Clone)]
struct Node {
    tag: String,
    notes: usize,
    interviews: usize,
    is_code: bool,
}

impl Node {
    fn of(u: &TagUse, codebook: Option<&Codebook>) -> Node {
        let is_code = codebook.is_some_and(|cb| cb.code(&u.tag).is_some_and(|c| c.name == u.tag));
        Node { tag: u.tag.clone(), notes: u.notes, interviews: u.interviews, is_code }
    }
}

/// Groups linked tags (union-find) and proposes, in each group, a merge of
/// every other tag into the group's keeper.
fn merges_from(nodes: &[Node], links: &[(usize, usize, Reason)]) -> Vec<Merge> {
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(a, b, _) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra] = rb;
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut merges = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let keeper =
            *members.iter().max_by(|&&a, &&b| keeper_order(&nodes[a], &nodes[b])).expect("a group has members");
        for &m in members.iter().filter(|&&m| m != keeper && nodes[m].notes > 0 && !nodes[m].is_code) {
            // The reason shown is the link to the keeper if there is one, else any link of this tag.
            let reason = links
                .iter()
                .find(|(a, b, _)| (*a == m && *b == keeper) || (*a == keeper && *b == m))
                .or_else(|| links.iter().find(|(a, b, _)| *a == m || *b == m))
                .map_or(Reason::Typo, |l| l.2);
            merges.push(Merge {
                from: nodes[m].tag.clone(),
                from_notes: nodes[m].notes,
                from_interviews: nodes[m].interviews,
                into: nodes[keeper].tag.clone(),
                into_notes: nodes[keeper].notes,
                reason,
            });
        }
    }
    merges.sort_by(|a, b| b.from_notes.cmp(&a.from_notes).then_with(|| a.from.cmp(&b.from)));
    merges
}

/// Which tag of a group the others merge into: a code first, then the tag on
/// the most notes, then the shorter, then the first alphabetically.
fn keeper_order(a: &Node, b: &Node) -> std::cmp::Ordering {
    a.is_code.cmp(&b.is_code).then(a.notes.cmp(&b.notes)).then(b.tag.len().cmp(&a.tag.len())).then(b.tag.cmp(&a.tag))
}

/// Why `a` and `b` look like the same tag, if they do.
fn likeness(a: &str, b: &str) -> Option<Reason> {
    let (ka, kb) = (squash(a), squash(b));
    if ka.is_empty() || kb.is_empty() {
        return None;
    }
    if ka == kb {
        return Some(Reason::Spelling);
    }
    if singular(&ka) == singular(&kb) {
        return Some(Reason::Plural);
    }
    let (sa, sb) = (stem(&ka), stem(&kb));
    if sa == sb && sa.chars().count() >= MIN_STEM_LEN {
        return Some(Reason::WordForm);
    }
    let shorter = ka.chars().count().min(kb.chars().count());
    if shorter >= MIN_TYPO_LEN && within_one_edit(&ka, &kb) {
        return Some(Reason::Typo);
    }
    None
}

/// Lower case without separators: `Pricing_Plan`, `pricing-plan` and
/// `pricing plan` all become `pricingplan`.
fn squash(tag: &str) -> String {
    tag.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect()
}

/// English plurals as tags use them: `stories` → `story`, `boxes` → `box`,
/// `prices` → `price`; words in `ss` (`access`) are left alone.
fn singular(word: &str) -> &str {
    if let Some(stem) = word.strip_suffix("ies") {
        // `stories` and `story` share `stor`; compare the stems.
        return stem;
    }
    if word.ends_with("ss") {
        return word;
    }
    for suffix in ["ches", "shes", "xes", "sses"] {
        if word.ends_with(suffix) {
            return &word[..word.len() - 2];
        }
    }
    let stem = word.strip_suffix('s').unwrap_or(word);
    stem.strip_suffix('y').unwrap_or(stem)
}

/// Shorter stems than this are not compared (`use`/`using` is fine, `a`/`as` is not).
const MIN_STEM_LEN: usize = 4;

/// A word without its ending, light and English: `pricing`, `priced`,
/// `prices` and `price` all give `pric`.
fn stem(word: &str) -> &str {
    let word = singular(word);
    let word = ["ing", "ed"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
    word.strip_suffix('e').unwrap_or(word)
}

/// Whether one insertion, deletion, substitution or swap of neighbours turns `a` into `b`.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let (rs, rl) = (&short[prefix..], &long[prefix..]);
        if rs.is_empty() || rs[1..] == rl[1..] {
            return true;
        }
        // A swap of two neighbours (`pricnig`).
        rs.len() >= 2 && rs[0] == rl[1] && rs[1] == rl[0] && rs[2..] == rl[2..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::yaml::from_str;
    use std::path::Path;

    fn u(tag: &str, notes: usize) -> TagUse {
        TagUse { tag: tag.into(), notes, interviews: notes.min(3) }
    }

    fn pairs(merges: &[Merge]) -> Vec<(String, String, Reason)> {
        merges.iter().map(|m| (m.from.clone(), m.into.clone(), m.reason)).collect()
    }

    fn p(from: &str, into: &str, r: Reason) -> (String, String, Reason) {
        (from.into(), into.into(), r)
    }

    #[test]
    fn separators_and_case_plurals_and_typos_are_found() {
        let uses = [
            u("pricing-plan", 5),
            u("pricing_plan", 2),
            u("prices", 1),
            u("price", 4),
            u("onboardnig", 1),
            u("onboarding", 9),
        ];
        let got = pairs(&near_duplicates(&uses, None));
        assert_eq!(
            got,
            [
                p("pricing_plan", "pricing-plan", Reason::Spelling),
                p("onboardnig", "onboarding", Reason::Typo),
                p("prices", "price", Reason::Plural),
            ]
        );
    }

    #[test]
    fn short_and_different_tags_are_left_alone() {
        let uses = [
            u("ux", 3),
            u("ui", 2),
            u("cost", 2),
            u("cast", 1),
            u("access", 2),
            u("acces", 1),
            u("trust", 3),
            u("rust", 1),
        ];
        let got = pairs(&near_duplicates(&uses, None));
        assert_eq!(got, [p("acces", "access", Reason::Typo)], "only the typo on a long enough word");
    }

    #[test]
    fn forms_of_one_word_match() {
        let uses = [u("pricing", 9), u("price", 3), u("priced", 1), u("use", 2), u("using", 1)];
        let got = pairs(&near_duplicates(&uses, None));
        assert_eq!(got, [p("price", "pricing", Reason::WordForm), p("priced", "pricing", Reason::WordForm)]);
    }

    #[test]
    fn plural_forms_in_ies_and_es_match() {
        let uses = [u("story", 2), u("stories", 1), u("box", 2), u("boxes", 1)];
        let got = pairs(&near_duplicates(&uses, None));
        assert_eq!(got, [p("boxes", "box", Reason::Plural), p("stories", "story", Reason::Plural)]);
    }

    #[test]
    fn an_alias_used_as_a_tag_merges_into_its_code_even_a_code_not_in_use() {
        let cb: Codebook = from_str("codes:\n- name: pricing\n  aliases: [cost-of-it]\n", Path::new("c.yaml")).unwrap();
        let uses = [u("cost-of-it", 3), u("trust", 1)];
        let merges = near_duplicates(&uses, Some(&cb));
        assert_eq!(pairs(&merges), [p("cost-of-it", "pricing", Reason::Alias)]);
        assert_eq!(merges[0].command(), "fieldnotes tags merge cost-of-it pricing");
        assert_eq!((merges[0].from_notes, merges[0].into_notes), (3, 0));
    }

    #[test]
    fn the_codebook_code_wins_over_the_most_used_and_two_codes_stay_apart() {
        let cb: Codebook =
            from_str("codes:\n- name: prices\n- name: price\n- name: onboarding\n", Path::new("c.yaml")).unwrap();
        let uses = [u("onboardings", 10), u("onboarding", 1), u("prices", 3), u("price", 2)];
        let got = pairs(&near_duplicates(&uses, Some(&cb)));
        assert_eq!(got, [p("onboardings", "onboarding", Reason::Plural)]);
    }

    #[test]
    fn one_edit_is_insertion_deletion_substitution_or_swap() {
        assert!(within_one_edit("pricing", "pricng"));
        assert!(within_one_edit("pricing", "pricinh"));
        assert!(within_one_edit("pricing", "pricnig"));
        assert!(within_one_edit("pricing", "ppricing"));
        assert!(!within_one_edit("pricing", "prcnig"));
        assert!(!within_one_edit("pricing", "pricingxx"));
    }
}
