//! The codebook as REFI-QDA and the CSV codebooks exchange it: codes, each
//! with its meaning and at most one theme above it, and the themes. Kept
//! apart from the library's own codebook file so the formats can be written
//! and read without it; `cli/exchange.rs` converts between the two.

/// One code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExCode {
    pub name: String,
    pub description: Option<String>,
    pub use_when: Option<String>,
    pub not_when: Option<String>,
    pub examples: Vec<String>,
    /// The theme it sits under.
    pub theme: Option<String>,
    pub aliases: Vec<String>,
    /// `#rrggbb`.
    pub colour: Option<String>,
}

/// One theme: a code above codes, not applied to notes itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExTheme {
    pub name: String,
    pub description: Option<String>,
    pub colour: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExCodebook {
    pub codes: Vec<ExCode>,
    pub themes: Vec<ExTheme>,
}

/// A code name, theme or tag as codes are compared: trimmed, any leading
/// `#` dropped, lower-cased (tags are written lower-case).
pub fn key(name: &str) -> String {
    name.trim().trim_start_matches('#').trim().to_lowercase()
}

impl ExCodebook {
    /// Every theme named: those listed, then those only codes name, in order.
    pub fn all_themes(&self) -> Vec<ExTheme> {
        let mut out = self.themes.clone();
        for t in self.codes.iter().filter_map(|c| c.theme.as_deref()) {
            if !out.iter().any(|x| key(&x.name) == key(t)) {
                out.push(ExTheme { name: t.to_string(), ..ExTheme::default() });
            }
        }
        out
    }

    /// The code a tag stands for: by name, else by alias.
    pub fn code_for(&self, tag: &str) -> Option<&ExCode> {
        let k = key(tag);
        self.codes
            .iter()
            .find(|c| key(&c.name) == k)
            .or_else(|| self.codes.iter().find(|c| c.aliases.iter().any(|a| key(a) == k)))
    }

    /// Every name and alias (as compared) → the index of its code: what
    /// `code_for` answers, for many tags at once. A name wins over another
    /// code's alias.
    pub fn index(&self) -> std::collections::HashMap<String, usize> {
        let mut map = std::collections::HashMap::new();
        for (i, c) in self.codes.iter().enumerate() {
            map.entry(key(&c.name)).or_insert(i);
        }
        for (i, c) in self.codes.iter().enumerate() {
            for a in &c.aliases {
                map.entry(key(a)).or_insert(i);
            }
        }
        map
    }

    /// A codebook of bare codes, one per tag (the library has no codebook yet).
    pub fn from_tags<'t>(tags: impl IntoIterator<Item = &'t str>) -> ExCodebook {
        let mut codes: Vec<ExCode> = Vec::new();
        for t in tags {
            let name = key(t);
            if !name.is_empty() && !codes.iter().any(|c| c.name == name) {
                codes.push(ExCode { name, ..ExCode::default() });
            }
        }
        codes.sort_by(|a, b| a.name.cmp(&b.name));
        ExCodebook { codes, themes: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_find_their_code_by_name_or_alias() {
        let cb = ExCodebook {
            codes: vec![ExCode { name: "Pricing".into(), aliases: vec!["price".into()], ..ExCode::default() }],
            themes: vec![],
        };
        assert_eq!(cb.code_for("#pricing").map(|c| c.name.as_str()), Some("Pricing"));
        assert_eq!(cb.code_for("price").map(|c| c.name.as_str()), Some("Pricing"));
        assert!(cb.code_for("trust").is_none());
        let index = cb.index();
        assert_eq!((index.get("pricing"), index.get("price"), index.get("trust")), (Some(&0), Some(&0), None));
    }

    #[test]
    fn themes_only_codes_name_are_listed_after_the_declared_ones() {
        let cb = ExCodebook {
            codes: vec![ExCode { name: "a".into(), theme: Some("Money".into()), ..ExCode::default() }],
            themes: vec![ExTheme { name: "Trust".into(), ..ExTheme::default() }],
        };
        let names: Vec<String> = cb.all_themes().into_iter().map(|t| t.name).collect();
        assert_eq!(names, vec!["Trust", "Money"]);
    }
}
