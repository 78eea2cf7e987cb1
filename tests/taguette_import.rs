//! Our codebook CSV read by Taguette's own codebook import
//! (`taguette.import_codebook.list_tags`, the code behind its "Import
//! codebook" page): every code, with its description. Needs Python with
//! Taguette (`pip install taguette`; `.ci/run` installs it); the test says
//! it skipped when that is missing. Set `FIELDNOTES_PYTHON` to use another
//! interpreter than `python3` (a venv's).

mod common;

use common::{cli as fieldnotes, data_dir, stderr};
use std::process::Command;

const CODEBOOK: &str = "themes:\n- {name: Cost, description: Money in every form}\ncodes:\n\
- {name: pricing, theme: Cost, aliases: [price], description: 'What they pay, & how it is set, <compared>'}\n\
- {name: billing, theme: Cost, description: \"Invoices, \\\"payment\\\" methods\"}\n\
- {name: trust, description: 'Trust in the vendor: not in the data'}\n\
- {name: données}\n";

/// What Taguette's import read from `csv`: (tag, description) per line, or
/// why it could not run.
fn taguette_reads(csv: &std::path::Path) -> Result<Result<Vec<(String, String)>, String>, String> {
    let python = std::env::var("FIELDNOTES_PYTHON").unwrap_or_else(|_| "python3".into());
    match Command::new(&python).args(["-c", "import taguette.import_codebook"]).output() {
        Err(e) => return Err(format!("no {python} ({e})")),
        Ok(o) if !o.status.success() => return Err(format!("{python} has no taguette (`pip install taguette`)")),
        Ok(_) => {}
    }
    let script = "import sys\nfrom taguette.import_codebook import list_tags\n\
                  for t in list_tags(open(sys.argv[1], 'rb')):\n    print(repr((t['path'], t['description'])))";
    let out = Command::new(&python).args(["-c", script]).arg(csv).output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Ok(Err(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    let rows = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            // repr of a pair of str: ('tag', 'description'); our texts hold no quote of the other kind.
            let inner = &l[1..l.len() - 1];
            let (tag, desc) = inner.split_once(", ").unwrap();
            let unquote = |s: &str| s[1..s.len() - 1].replace("\\'", "'");
            (unquote(tag), unquote(desc))
        })
        .collect();
    Ok(Ok(rows))
}

#[test]
fn taguette_imports_every_code_of_our_csv_with_its_description() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data_dir(dir.path()).join("sessions")).unwrap();
    std::fs::write(data_dir(dir.path()).join("codebook.yaml"), CODEBOOK).unwrap();
    let csv = dir.path().join("codebook.csv");
    let out = fieldnotes(dir.path(), &["codebook", "export", "--format", "csv", "-o", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let read = match taguette_reads(&csv) {
        Err(why) => return common::skipped(&format!("Taguette's import not run: {why}")),
        Ok(read) => read.unwrap_or_else(|e| panic!("Taguette refused our CSV:\n{e}")),
    };
    assert_eq!(
        read,
        [
            ("pricing".to_string(), "What they pay, & how it is set, <compared>".to_string()),
            ("billing".into(), "Invoices, \"payment\" methods".into()),
            ("trust".into(), "Trust in the vendor: not in the data".into()),
            ("données".into(), String::new()),
        ]
    );
}
