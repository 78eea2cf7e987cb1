//! Revision numbers for what the views keep between frames: a thing that
//! changes takes a new number, and what was drawn from it is kept while the
//! number holds. Numbers are unique across the process, so two things (two
//! live screens, a copy changed apart from its original, two keymaps) never
//! share one by chance.

use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A number no caller has had before.
pub fn next() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}
