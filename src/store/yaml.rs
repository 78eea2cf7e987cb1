//! Reading YAML files from the disk; the text codec itself is `text::yaml`.

pub use crate::text::yaml::*;
