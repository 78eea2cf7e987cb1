//! GUIDs that stay the same from one export to the next: a name-based UUID
//! (version 5, SHA-1) of what the element stands for (its kind and the names
//! that identify it), so re-exporting an unchanged library gives the same
//! file and a changed note changes only its own lines.

use uuid::Uuid;

/// The namespace of every fieldnotes GUID: the version-5 UUID of the URL
/// below in the standard URL namespace, fixed here so it never changes.
fn namespace() -> &'static Uuid {
    static NAMESPACE: std::sync::OnceLock<Uuid> = std::sync::OnceLock::new();
    NAMESPACE.get_or_init(|| Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://fieldnotes.invalid/refi-qda"))
}

/// The GUID of the element of `kind` named by `parts` (e.g. `("selection",
/// [session id, note index])`). Parts are joined with a separator no name
/// holds, so `("ab", "c")` and `("a", "bc")` differ.
pub fn guid(kind: &str, parts: &[&str]) -> String {
    let mut key = String::from(kind);
    for p in parts {
        key.push('\u{1f}');
        key.push_str(p);
    }
    Uuid::new_v5(namespace(), key.as_bytes()).hyphenated().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_names_give_the_same_guid_and_others_differ() {
        let a = guid("code", &["pricing"]);
        assert_eq!(a, guid("code", &["pricing"]));
        assert_ne!(a, guid("code", &["Pricing"]));
        assert_ne!(a, guid("theme", &["pricing"]));
        assert_ne!(guid("x", &["ab", "c"]), guid("x", &["a", "bc"]));
        // The shape the schema's GUIDType asks for.
        assert_eq!(a.len(), 36);
        assert_eq!(a.matches('-').count(), 4);
    }
}
