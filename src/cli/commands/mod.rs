//! The commands that print and exit, one file per group: reading the library
//! (`library`: `list`, `show`, `guides`, `recover`, `followups`) and changing
//! its tags (`tags`), the codebook (`codebook`). `synth`, `search`, `guide` and the settings commands
//! have their own files beside this folder.

pub mod codebook;
pub mod library;
pub mod tags;
mod tags_lint;

pub use codebook::codebook;
pub use library::{followups, guides, list, recover, show};
pub use tags::tags;
