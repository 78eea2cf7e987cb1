//! Text as the terminal and the reader get it: the one sanitizer and the one
//! door to stdout and stderr (`out`), counts as people read them.

pub mod counts;
pub mod out;
pub mod width;
pub mod yaml;
