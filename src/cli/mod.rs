//! The command line: clap definitions (`args`) and one file per command group.

pub mod agree;
pub mod args;
pub mod commands;
pub mod exchange;
pub mod filter;
pub mod guide;
pub mod man_page;
pub mod settings;
pub mod study;
pub mod study_args;
pub mod synth;
pub mod transcript;
