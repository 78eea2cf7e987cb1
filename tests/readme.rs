//! The README's key tables are the default keymap's: this fails when one
//! changes without the other. `FIELDNOTES_UPDATE_README=1 cargo test --test
//! readme` rewrites the README's tables from the keymap.

use fieldnotes::tui::keymap::Keymap;

const START: &str = "<!-- keys: generated from the keymap; see tests/readme.rs -->\n";
const END: &str = "<!-- end of keys -->";

#[test]
fn the_readme_key_tables_are_the_default_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme.find(START).expect("the README marks where the key tables start") + START.len();
    let end = start + readme[start..].find(END).expect("the README marks where the key tables end");
    let want = format!("\n{}\n", Keymap::default().markdown());
    if readme[start..end] == want {
        return;
    }
    if std::env::var_os("FIELDNOTES_UPDATE_README").is_some() {
        std::fs::write(path, format!("{}{want}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    panic!("README.md's key tables differ from the keymap; run FIELDNOTES_UPDATE_README=1 cargo test --test readme");
}
