//! The terminal app: the loop, input, the model (`app/`) and the views (`ui/`).

pub mod action;
pub mod app;
pub mod config;
pub mod editor;
pub mod event;
pub mod file_jobs;
pub mod frame_out;
pub mod keymap;
pub mod mouse;
pub mod revision;
pub mod run;
pub mod screen;
pub mod terminal;
pub mod text_input;
pub mod theme;
pub mod ui;
