//! A library shared by a team through git.

pub mod sync;
