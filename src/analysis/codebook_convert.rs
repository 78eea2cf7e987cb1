//! The library's codebook (`domain::codebook`) as the exchange formats see
//! it (`refi::codes::ExCodebook`), and an exchanged one written back into it
//! with every local key the exchange does not carry kept.

use crate::analysis::refi::codes::{ExCode, ExCodebook, ExTheme, key};
use crate::domain::codebook::{Code, Codebook, Theme};
use crate::domain::note::normalize_tag;

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The library's codebook for export.
pub fn to_exchange(cb: &Codebook) -> ExCodebook {
    ExCodebook {
        codes: cb
            .codes
            .iter()
            .map(|c| ExCode {
                name: c.name.clone(),
                description: opt(&c.description),
                use_when: opt(&c.use_when),
                not_when: opt(&c.not_when),
                examples: c.examples.clone(),
                theme: c.theme.clone().filter(|t| !t.trim().is_empty()),
                aliases: c.aliases.clone(),
                colour: c.colour.clone(),
            })
            .collect(),
        themes: cb
            .themes
            .iter()
            .map(|t| ExTheme { name: t.name.clone(), description: opt(&t.description), colour: None })
            .collect(),
    }
}

/// An imported codebook with its code names and aliases written as tags
/// are (`normalize_tag`: lower case, spaces to `-`), so they match the
/// notes; returns the names that cannot be a tag (left out).
pub fn as_tags(cb: &mut ExCodebook) -> Vec<String> {
    let mut refused = Vec::new();
    cb.codes.retain_mut(|c| match normalize_tag(&c.name) {
        Some(name) => {
            c.name = name;
            c.aliases = c.aliases.iter().filter_map(|a| normalize_tag(a)).filter(|a| *a != c.name).collect();
            true
        }
        None => {
            refused.push(c.name.clone());
            false
        }
    });
    refused
}

/// Writes `merged` (the local codebook after `codebook_merge::merge`) back
/// into `local`: fields the exchange carries are set, anything else in the
/// file (unknown keys, a theme's own keys) stays; new codes and themes are
/// appended.
pub fn apply(local: &mut Codebook, merged: &ExCodebook) {
    for t in &merged.themes {
        let theme = match local.themes.iter().position(|x| key(&x.name) == key(&t.name)) {
            Some(i) => &mut local.themes[i],
            None => {
                local.themes.push(Theme { name: t.name.clone(), ..Theme::default() });
                local.themes.last_mut().expect("just pushed")
            }
        };
        theme.description = t.description.clone().unwrap_or_default();
    }
    for c in &merged.codes {
        let code = match local.codes.iter().position(|x| key(&x.name) == key(&c.name)) {
            Some(i) => &mut local.codes[i],
            None => {
                local.codes.push(Code::named(&c.name));
                local.codes.last_mut().expect("just pushed")
            }
        };
        code.description = c.description.clone().unwrap_or_default();
        code.use_when = c.use_when.clone().unwrap_or_default();
        code.not_when = c.not_when.clone().unwrap_or_default();
        code.examples = c.examples.clone();
        code.theme = c.theme.clone();
        code.aliases = c.aliases.clone();
        code.colour = c.colour.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::codebook_merge::merge;

    fn local() -> Codebook {
        let mut pricing = Code::named("pricing");
        pricing.description = "what it costs".into();
        pricing.aliases = vec!["price".into()];
        pricing.extra.insert("owner".into(), serde_json::json!("ana"));
        Codebook { codes: vec![pricing], ..Codebook::default() }
    }

    #[test]
    fn an_import_merges_into_the_file_keeping_keys_it_does_not_know() {
        let mut cb = local();
        let mut ex = to_exchange(&cb);
        let mut incoming = ExCodebook {
            codes: vec![
                ExCode { name: "Price".into(), use_when: Some("money named".into()), ..ExCode::default() },
                ExCode { name: "Vendor Trust".into(), theme: Some("Trust".into()), ..ExCode::default() },
                ExCode { name: "!!!".into(), ..ExCode::default() },
            ],
            themes: vec![],
        };
        assert_eq!(as_tags(&mut incoming), vec!["!!!"]);
        let changes = merge(&mut ex, &incoming);
        assert_eq!(changes.added, vec!["vendor-trust"]);
        apply(&mut cb, &ex);
        assert_eq!(cb.codes[0].use_when, "money named");
        assert_eq!(cb.codes[0].description, "what it costs");
        assert_eq!(cb.codes[0].extra.get("owner"), Some(&serde_json::json!("ana")));
        assert_eq!((cb.codes[1].name.as_str(), cb.codes[1].theme.as_deref()), ("vendor-trust", Some("Trust")));
        assert_eq!(cb.themes.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), vec!["Trust"]);
    }

    #[test]
    fn the_exchange_form_converts_back_to_the_same_codebook() {
        let cb = local();
        let mut back = Codebook::default();
        apply(&mut back, &to_exchange(&cb));
        back.codes[0].extra = cb.codes[0].extra.clone();
        assert_eq!(back, cb);
    }
}
