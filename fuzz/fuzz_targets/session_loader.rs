//! Raw bytes into the session loader, the way `store::yaml::read_file` reads a
//! file: UTF-8 first, then the budgeted YAML parse. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = fieldnotes::store::yaml::from_str::<fieldnotes::domain::session::Session>(
            text,
            std::path::Path::new("fuzz.yaml"),
        );
    }
});
