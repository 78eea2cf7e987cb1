//! Everything that touches the disk: YAML reading and writing, guides, the
//! session library, and the one writer with its journal, lock and recovery.

pub mod cache;
pub mod codebook;
pub mod disk;
pub mod guides;
pub mod journal;
pub mod library;
pub mod library_transcripts;
pub mod lint_rules;
pub mod lock;
pub mod note_texts;
pub mod paths;
pub mod person_status;
pub mod qdpx;
pub mod recovery;
pub mod rescue;
pub mod session_files;
pub mod session_info;
pub mod study_files;
pub mod study_library;
pub mod transcript_coach;
pub mod transcripts;
pub mod writer;
pub mod yaml;
