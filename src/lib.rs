//! The fieldnotes library: everything but argument parsing's entry point.
//! See the module map at the top of `main.rs`.

pub mod analysis;
pub mod cli;
pub mod domain;
pub mod store;
pub mod team;
pub mod text;
pub mod tui;
