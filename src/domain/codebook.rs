//! The codebook: the team's tags with their meanings (`codebook.yaml` at the
//! library root). Each code is a tag name with a description, rules for when
//! to use it and when not, examples, an optional theme above it, aliases
//! (other spellings that mean it) and a colour. Themes may be listed with a
//! description; a theme a code names but the list leaves out is still a theme.
//!
//! Like the session file, this is a file people edit by hand and keep in git:
//! keys this version does not know are carried through untouched, and empty
//! fields are left out when written so a saved file stays small and diffs well.
//! Tags not in the codebook stay allowed; the codebook only gives them meaning.

use super::note::normalize_tag;
use super::session::Extra;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The file name, at the library root beside `sessions/`.
pub const FILE_NAME: &str = "codebook.yaml";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Codebook {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub themes: Vec<Theme>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub codes: Vec<Code>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Code {
    /// The tag this code is, as stored in notes (lower case, `-`/`_`).
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "null_as_default")]
    pub use_when: String,
    #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "null_as_default")]
    pub not_when: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub examples: Vec<String>,
    /// The theme above this code, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Other spellings that mean this code: a note tagged with one is stored
    /// under the code's name.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Code {
    /// A code with only a name (what `codebook init` proposes).
    pub fn named(name: &str) -> Code {
        Code { name: name.to_string(), ..Code::default() }
    }
}

/// Something in a codebook that makes it ambiguous, with where it is
/// (`codes[3].aliases[1]`), so the user can fix the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

impl Codebook {
    /// The code a tag means: by its name or one of its aliases, spelled as a
    /// tag is (so `Pricing Plan` finds the alias `pricing-plan`).
    pub fn resolve(&self, tag: &str) -> Option<&Code> {
        let tag = normalize_tag(tag)?;
        self.codes
            .iter()
            .find(|c| key(&c.name) == tag)
            .or_else(|| self.codes.iter().find(|c| c.aliases.iter().any(|a| key(a) == tag)))
    }

    /// The code with exactly this name (not an alias).
    pub fn code(&self, name: &str) -> Option<&Code> {
        let name = normalize_tag(name)?;
        self.codes.iter().find(|c| key(&c.name) == name)
    }

    /// The tag a note should store for `tag`: the code's name when `tag` is
    /// one of its aliases, else `tag` itself.
    pub fn canonical(&self, tag: &str) -> String {
        self.resolve(tag).map(|c| key(&c.name)).unwrap_or_else(|| tag.to_string())
    }

    /// Every theme: those listed first, in file order, then those only named
    /// by a code, in the order codes name them.
    pub fn theme_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.themes.iter().map(|t| t.name.clone()).collect();
        for code in &self.codes {
            if let Some(t) = &code.theme
                && !names.contains(t)
            {
                names.push(t.clone());
            }
        }
        names
    }

    /// The listed theme of that name, if it is listed.
    pub fn theme(&self, name: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.name == name)
    }

    /// The codes under a theme, in file order.
    pub fn codes_in(&self, theme: &str) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(move |c| c.theme.as_deref() == Some(theme))
    }

    /// What makes the codebook ambiguous: names that are not tags, a name
    /// given twice, an alias that is another code's name or two codes' alias.
    /// The codebook is still used; these are shown so the user can fix them.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for (i, code) in self.codes.iter().enumerate() {
            let at = format!("codes[{i}].name");
            if normalize_tag(&code.name).as_deref() != Some(code.name.as_str()) {
                problems.push(Problem {
                    at: at.clone(),
                    message: format!("{:?} is not a tag name (lower-case letters, digits, `-` and `_`)", code.name),
                });
            }
            if let Some(first) = names.insert(key(&code.name), i) {
                names.insert(key(&code.name), first);
                problems.push(Problem { at, message: format!("{:?} is also codes[{first}]", code.name) });
            }
        }
        let mut aliases: BTreeMap<String, usize> = BTreeMap::new();
        for (i, code) in self.codes.iter().enumerate() {
            for (j, alias) in code.aliases.iter().enumerate() {
                let at = format!("codes[{i}].aliases[{j}]");
                let k = key(alias);
                if let Some(&other) = names.get(&k) {
                    if other != i {
                        problems.push(Problem { at, message: format!("{alias:?} is the name of codes[{other}]") });
                    }
                    continue;
                }
                match aliases.get(&k) {
                    Some(&other) if other != i => {
                        problems.push(Problem { at, message: format!("{alias:?} is also an alias of codes[{other}]") })
                    }
                    _ => {
                        aliases.insert(k, i);
                    }
                }
            }
        }
        problems
    }

    /// Every name and alias as a tag, for quick "is this tag known" checks.
    pub fn known_tags(&self) -> BTreeSet<String> {
        self.codes.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases)).map(|s| key(s)).collect()
    }
}

/// A name or alias as a tag would spell it; a name that cannot be a tag is
/// kept as written, so it still matches nothing by accident.
fn key(name: &str) -> String {
    normalize_tag(name).unwrap_or_else(|| name.to_string())
}

/// `key:` with no value reads as the default, as in session files.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::yaml::{from_str, to_string};
    use std::path::Path;

    const SAMPLE: &str = "\
themes:
  - name: Cost
    description: Money matters.
    owner: ana
codes:
  - name: pricing
    description: What they pay and how the price is set.
    use_when: They talk of a price.
    not_when: They talk of value.
    examples: [\"It costs too much\"]
    theme: Cost
    aliases: [price, pricing-plan]
    colour: yellow
    reviewed: 2026-11-01
  - name: trust
    theme: Vendor
version: 3
";

    fn sample() -> Codebook {
        from_str(SAMPLE, Path::new("codebook.yaml")).unwrap()
    }

    #[test]
    fn reads_every_field_and_keeps_unknown_keys() {
        let cb = sample();
        assert_eq!(cb.codes.len(), 2);
        let pricing = &cb.codes[0];
        assert_eq!(pricing.aliases, ["price", "pricing-plan"]);
        assert_eq!(pricing.theme.as_deref(), Some("Cost"));
        assert_eq!(pricing.colour.as_deref(), Some("yellow"));
        assert_eq!(pricing.examples, ["It costs too much"]);
        assert!(pricing.extra.contains_key("reviewed"));
        assert!(cb.themes[0].extra.contains_key("owner"));
        assert!(cb.extra.contains_key("version"));
    }

    #[test]
    fn a_round_trip_keeps_everything() {
        let cb = sample();
        let text = to_string(&cb).unwrap();
        let again: Codebook = from_str(&text, Path::new("codebook.yaml")).unwrap();
        assert_eq!(cb, again);
        assert!(!text.contains("use_when: ''"), "empty fields are left out:\n{text}");
        assert!(text.contains("reviewed"), "{text}");
    }

    #[test]
    fn empty_fields_are_left_out_when_written() {
        let cb = Codebook { codes: vec![Code::named("trust")], ..Codebook::default() };
        assert_eq!(to_string(&cb).unwrap().trim(), "codes:\n- name: trust");
    }

    #[test]
    fn empty_and_null_keys_read_as_empty() {
        let cb: Codebook = from_str("codes:\nthemes:\n", Path::new("c.yaml")).unwrap();
        assert!(cb.codes.is_empty() && cb.themes.is_empty());
        let cb: Codebook = from_str("codes:\n  - name: a\n    aliases:\n", Path::new("c.yaml")).unwrap();
        assert!(cb.codes[0].aliases.is_empty());
    }

    #[test]
    fn a_code_without_a_name_is_an_error_that_says_where() {
        let err = from_str::<Codebook>("codes:\n  - name: a\n  - description: b\n", Path::new("c.yaml")).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("name"), "{err}");
    }

    #[test]
    fn aliases_resolve_to_their_code_and_names_to_themselves() {
        let cb = sample();
        assert_eq!(cb.resolve("price").map(|c| c.name.as_str()), Some("pricing"));
        assert_eq!(cb.resolve("Pricing Plan").map(|c| c.name.as_str()), Some("pricing"));
        assert_eq!(cb.resolve("#pricing").map(|c| c.name.as_str()), Some("pricing"));
        assert!(cb.resolve("onboarding").is_none());
        assert_eq!(cb.canonical("price"), "pricing");
        assert_eq!(cb.canonical("onboarding"), "onboarding");
        assert!(cb.code("price").is_none(), "code() takes names only");
    }

    #[test]
    fn a_theme_named_by_a_code_only_is_still_a_theme() {
        let cb = sample();
        assert_eq!(cb.theme_names(), ["Cost", "Vendor"]);
        assert!(cb.theme("Vendor").is_none());
        assert_eq!(cb.codes_in("Vendor").map(|c| c.name.as_str()).collect::<Vec<_>>(), ["trust"]);
    }

    #[test]
    fn problems_name_where_the_codebook_is_ambiguous() {
        let cb: Codebook = from_str(
            "codes:\n- name: pricing\n  aliases: [cost, trust]\n- name: trust\n- name: Fees\n  aliases: [cost]\n- name: trust\n",
            Path::new("c.yaml"),
        )
        .unwrap();
        let at: Vec<String> = cb.problems().into_iter().map(|p| p.at).collect();
        assert_eq!(at, ["codes[2].name", "codes[3].name", "codes[0].aliases[1]", "codes[2].aliases[0]"]);
        assert!(sample().problems().is_empty());
    }

    #[test]
    fn known_tags_hold_names_and_aliases() {
        let known = sample().known_tags();
        assert!(known.contains("price") && known.contains("pricing") && known.contains("trust"));
    }
}
