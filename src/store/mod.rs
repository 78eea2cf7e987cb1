//! Everything that touches the disk: YAML reading and writing, guides, the
//! session library and the writer thread.

pub mod guides;
pub mod library;
pub mod writer;
pub mod yaml;
