//! The REFI-QDA exchange standard (QDA-XML 1.0), the format NVivo, ATLAS.ti,
//! MAXQDA, QualCoder and Taguette exchange projects (`.qdpx`) and codebooks
//! (`.qdc`) in. Pure: these build and read XML text; the zip and the disk
//! are `store::qdpx`'s.
//!
//! - `guid.rs`: every GUID derived from what it names, so two exports of
//!   the same library are the same file and diffs stay small.
//! - `xml.rs`: text made safe for XML 1.0 and the writer's small helpers.
//! - `positions.rs`: an interview as the plain text of its source, with the
//!   character range of every note in it.
//! - `codes.rs`: the codebook as the exchange sees it (codes, themes).
//! - `codebook_xml.rs`: the `CodeBook` element, written and read.
//! - `project.rs`: the whole `project.qde`.

pub mod codebook_xml;
pub mod codes;
pub mod guid;
pub mod positions;
pub mod project;
pub mod xml;
