//! The interview's vocabulary, free of I/O: guides, sessions and notes.

pub mod codebook;
pub mod guide;
pub mod note;
pub mod op;
pub mod person;
pub mod session;
pub mod study;
pub mod transcript;
