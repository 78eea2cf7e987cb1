//! An imported codebook merged into the library's, and what changed.
//!
//! The rule: a code is the same code when its name (any case, a leading `#`
//! aside) is the local code's name or one of its aliases. A new code is
//! added at the end. For a code both have, every field the import fills
//! (description, use when, not when, examples, theme, aliases, colour)
//! replaces the local one, and every field it leaves empty keeps the local
//! value: an import of bare names never erases a definition. Themes merge
//! the same way. Nothing is ever removed.

use crate::analysis::refi::codes::{ExCode, ExCodebook, ExTheme, key};

/// What a merge changed, for the user.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    /// Each code changed, with the fields that changed.
    pub updated: Vec<(String, Vec<&'static str>)>,
    pub unchanged: usize,
    pub themes_added: Vec<String>,
    pub themes_updated: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.themes_added.is_empty()
            && self.themes_updated.is_empty()
    }
}

fn take_opt(
    local: &mut Option<String>,
    incoming: &Option<String>,
    name: &'static str,
    changed: &mut Vec<&'static str>,
) {
    if let Some(v) = incoming.as_ref().filter(|v| !v.trim().is_empty())
        && local.as_ref() != Some(v)
    {
        *local = Some(v.clone());
        changed.push(name);
    }
}

fn take_list(local: &mut Vec<String>, incoming: &[String], name: &'static str, changed: &mut Vec<&'static str>) {
    if !incoming.is_empty() && local.as_slice() != incoming {
        *local = incoming.to_vec();
        changed.push(name);
    }
}

/// The fields of `incoming` that change `local`, applied; their names.
fn update_code(local: &mut ExCode, incoming: &ExCode) -> Vec<&'static str> {
    let mut changed = Vec::new();
    take_opt(&mut local.description, &incoming.description, "description", &mut changed);
    take_opt(&mut local.use_when, &incoming.use_when, "use when", &mut changed);
    take_opt(&mut local.not_when, &incoming.not_when, "not when", &mut changed);
    take_list(&mut local.examples, &incoming.examples, "examples", &mut changed);
    take_opt(&mut local.theme, &incoming.theme, "theme", &mut changed);
    take_list(&mut local.aliases, &incoming.aliases, "aliases", &mut changed);
    take_opt(&mut local.colour, &incoming.colour, "colour", &mut changed);
    changed
}

fn find_code(local: &ExCodebook, name: &str) -> Option<usize> {
    let k = key(name);
    local
        .codes
        .iter()
        .position(|c| key(&c.name) == k)
        .or_else(|| local.codes.iter().position(|c| c.aliases.iter().any(|a| key(a) == k)))
}

/// Merges `incoming` into `local` by the module's rule.
pub fn merge(local: &mut ExCodebook, incoming: &ExCodebook) -> Changes {
    let mut changes = Changes::default();
    for theme in &incoming.themes {
        match local.themes.iter_mut().find(|t| key(&t.name) == key(&theme.name)) {
            Some(t) => {
                let mut changed = Vec::new();
                take_opt(&mut t.description, &theme.description, "description", &mut changed);
                take_opt(&mut t.colour, &theme.colour, "colour", &mut changed);
                if !changed.is_empty() {
                    changes.themes_updated.push(t.name.clone());
                }
            }
            None => {
                local.themes.push(theme.clone());
                changes.themes_added.push(theme.name.clone());
            }
        }
    }
    for code in &incoming.codes {
        match find_code(local, &code.name) {
            Some(i) => {
                let changed = update_code(&mut local.codes[i], code);
                if changed.is_empty() {
                    changes.unchanged += 1;
                } else {
                    changes.updated.push((local.codes[i].name.clone(), changed));
                }
            }
            None => {
                local.codes.push(code.clone());
                changes.added.push(code.name.clone());
            }
        }
    }
    // A theme only codes name is listed too, so the file says every theme.
    for t in local.all_themes() {
        if !local.themes.iter().any(|x| key(&x.name) == key(&t.name)) {
            changes.themes_added.push(t.name.clone());
            local.themes.push(ExTheme { name: t.name, ..ExTheme::default() });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(name: &str, description: Option<&str>) -> ExCode {
        ExCode { name: name.into(), description: description.map(String::from), ..ExCode::default() }
    }

    #[test]
    fn new_codes_are_added_and_bare_names_never_erase_a_definition() {
        let mut local = ExCodebook {
            codes: vec![ExCode { aliases: vec!["price".into()], ..code("pricing", Some("what it costs")) }],
            themes: vec![],
        };
        let incoming =
            ExCodebook { codes: vec![code("Price", None), code("trust", Some("in the vendor"))], themes: vec![] };
        let changes = merge(&mut local, &incoming);
        assert_eq!(changes.added, vec!["trust"]);
        assert_eq!(changes.unchanged, 1);
        assert_eq!(local.codes[0].description.as_deref(), Some("what it costs"));
        assert_eq!(local.codes.len(), 2);
    }

    #[test]
    fn fields_the_import_fills_replace_the_local_ones_and_are_named() {
        let mut local = ExCodebook { codes: vec![code("pricing", Some("old"))], themes: vec![] };
        let incoming = ExCodebook {
            codes: vec![ExCode { theme: Some("Money".into()), ..code("PRICING", Some("new")) }],
            themes: vec![],
        };
        let changes = merge(&mut local, &incoming);
        assert_eq!(changes.updated, vec![("pricing".to_string(), vec!["description", "theme"])]);
        assert_eq!(changes.themes_added, vec!["Money"]);
        assert_eq!(local.codes[0].description.as_deref(), Some("new"));
        assert_eq!(local.themes[0].name, "Money");
        // The same import again changes nothing.
        assert!(merge(&mut local, &incoming).is_empty());
    }
}
