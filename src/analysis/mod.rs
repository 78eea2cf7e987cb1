//! Pure computations over sessions and guides: no I/O.

pub mod agreement;
pub mod anonymize;
pub mod codebook;
pub mod codebook_convert;
pub mod codebook_csv;
pub mod codebook_merge;
pub mod figures;
pub mod guide_markdown;
pub mod lint;
pub mod refi;
pub mod report;
pub mod search;
pub mod snapshot;
pub mod study;
pub mod synthesis;
pub mod transcript;
