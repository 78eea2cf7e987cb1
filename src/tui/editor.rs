//! Handing text to the user's own editor, and to the terminal's clipboard.

use std::io::Write;
use std::process::Command;

/// Opens `editor` (from `Config::editor_command`: the config's `editor:`,
/// else `$VISUAL`, `$EDITOR`, `vi`) on a temporary file holding `text`, waits,
/// and returns what the file holds afterwards. The caller has already handed
/// the terminal over.
pub fn edit(text: &str, editor: &str) -> Result<String, String> {
    let mut file = tempfile_in_tmp()?;
    file.1.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    drop(file.1);
    // `$EDITOR` may carry arguments ("code --wait"): let the shell split them.
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("fieldnotes-editor")
        .arg(&file.0)
        .status()
        .map_err(|e| format!("cannot start {editor}: {e}"))?;
    let result = std::fs::read_to_string(&file.0).map_err(|e| e.to_string());
    let _ = std::fs::remove_file(&file.0);
    if !status.success() {
        return Err(format!("{editor} exited with {status}; nothing changed"));
    }
    result
}

fn tempfile_in_tmp() -> Result<(std::path::PathBuf, std::fs::File), String> {
    let dir = std::env::temp_dir();
    for n in 0..100 {
        let path = dir.join(format!("fieldnotes-summary-{}-{n}.md", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.to_string()),
        }
    }
    Err("cannot create a temporary file".into())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    use base64::Engine;
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend(base64::engine::general_purpose::STANDARD.encode(text).as_bytes());
    out.push(0x07);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_wraps_base64() {
        assert_eq!(super::osc52("hi"), b"\x1b]52;c;aGk=\x07".to_vec());
    }
}
