//! The fieldnotes library: everything but argument parsing's entry point.
//! See the module map at the top of `main.rs`.

pub mod action;
pub mod anonymize;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod counts;
pub mod domain;
pub mod editor;
pub mod event;
pub mod figures;
pub mod guide_cmd;
pub mod guide_markdown;
pub mod keymap;
pub mod lint;
pub mod mouse;
pub mod out;
pub mod paths;
pub mod report;
pub mod report_evidence;
pub mod report_html;
pub mod run;
pub mod search;
pub mod settings_cmd;
pub mod store;
pub mod sync;
pub mod synth_cmd;
pub mod synthesis;
pub mod terminal;
pub mod text_input;
pub mod theme;
pub mod ui;
