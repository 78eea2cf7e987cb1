//! Pure computations over sessions and guides: no I/O.

pub mod anonymize;
pub mod codebook;
pub mod figures;
pub mod guide_markdown;
pub mod lint;
pub mod report;
pub mod search;
pub mod snapshot;
pub mod synthesis;
pub mod transcript;
