//! Themes and pain points, and the order of their evidence: which notes
//! carry a finding first (starred, then newest) and which few a report
//! quotes ([`pick_curated`], [`pick`]). Separate from the counting in
//! `synthesize`, which fills these types.

use super::records::{NoteRef, SessionRecord};
use crate::domain::note::Kind;

/// A tag with how many notes carry it and how many sessions have such a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub notes: usize,
    pub sessions: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub tag: String,
    pub notes: usize,
    pub sessions: usize,
    /// Notes carrying the tag, by kind, in `Kind::ALL` order.
    pub kinds: [usize; 6],
    /// Every note carrying the tag, curated: starred ones first, then the
    /// newest (see [`curate`]).
    pub evidence: Vec<NoteRef>,
    /// Sessions (indices into the records) whose closing answer carries the
    /// tag, newest first: they count in `sessions` too.
    pub closing: Vec<usize>,
}

impl Theme {
    pub fn count(&self, kind: Kind) -> usize {
        self.kinds[kind_index(kind)]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PainPoint {
    pub tag: String,
    /// Pain notes carrying the tag.
    pub notes: usize,
    /// Sessions with such a pain note.
    pub sessions: usize,
    /// The pain notes, starred first, then the newest.
    pub pains: Vec<NoteRef>,
    /// Quotes carrying the tag in the sessions with such a pain, starred
    /// first, then the newest: the participants' own words about it.
    pub quotes: Vec<NoteRef>,
}

impl PainPoint {
    /// Quotes first, then the pains themselves: where representative words come from.
    pub fn candidates(&self) -> impl Iterator<Item = NoteRef> + '_ {
        self.quotes.iter().chain(&self.pains).copied()
    }
}

pub(super) fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Order of evidence: quotes first, then what is closest to the participant's words.
pub fn evidence_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Quote => 0,
        Kind::Pain => 1,
        Kind::Insight => 2,
        Kind::Idea => 3,
        Kind::Note => 4,
        Kind::Followup => 5,
    }
}

/// Evidence as a PM curates it: the notes starred as key evidence first,
/// then the newest (later interview first, later note first). `newness`
/// gives each session's place in time (larger is newer); `with_stars`
/// which sessions have a starred note at all.
pub fn curate(
    mut refs: Vec<NoteRef>,
    records: &[SessionRecord],
    newness: &[usize],
    with_stars: &[bool],
) -> Vec<NoteRef> {
    // Each key made once, packed in a number (a theme's evidence is every
    // note with its tag, and looking each note up again at every comparison
    // was a sixth of a synthesis), a note looked up only in a session with
    // stars; the order is the same, ties kept as given.
    let packed = |r: &NoteRef| -> Option<u64> {
        let starred = with_stars[r.session] && records[r.session].notes[r.note].starred;
        let newer = u32::try_from(newness[r.session]).ok().filter(|n| *n < 1 << 31)?;
        let note = u32::try_from(r.note).ok()?;
        // Ascending order of the complements is descending (starred, newness, note).
        Some((u64::from(!starred) << 63) | (u64::from((1 << 31) - 1 - newer) << 32) | u64::from(u32::MAX - note))
    };
    let keyed: Option<Vec<(u64, NoteRef)>> = refs.iter().map(|r| packed(r).map(|k| (k, *r))).collect();
    match keyed {
        Some(mut keyed) => {
            keyed.sort_by_key(|(k, _)| *k);
            keyed.into_iter().map(|(_, r)| r).collect()
        }
        // Out of the packed range (never in practice): the same order, slower.
        None => {
            refs.sort_by_key(|r| {
                let starred = records[r.session].notes[r.note].starred;
                (std::cmp::Reverse(starred), std::cmp::Reverse(newness[r.session]), std::cmp::Reverse(r.note))
            });
            refs
        }
    }
}

/// Up to `n` of curated evidence `refs` for a report: every note the PM
/// starred comes first (they chose it to carry the finding), then quotes (the
/// participants' own words), then the rest, each in the order given (see
/// [`curate`]: newest first), one per session first as [`pick`] does; never
/// one `allow` refuses.
pub fn pick_curated(
    refs: &[NoteRef],
    n: usize,
    allow: impl Fn(NoteRef) -> bool,
    records: &[SessionRecord],
) -> Vec<NoteRef> {
    let note = |r: &NoteRef| r.resolve(records).1;
    let mut out: Vec<NoteRef> = refs.iter().copied().filter(|r| note(r).starred && allow(*r)).take(n).collect();
    let quotes = refs.iter().filter(|r| !note(r).starred && note(r).kind == Kind::Quote);
    let others = refs.iter().filter(|r| !note(r).starred && note(r).kind != Kind::Quote);
    let room = n - out.len();
    out.extend(pick(quotes.chain(others).copied(), room, allow));
    out
}

/// Up to `n` of `refs`, in their order, one per session first (so a few
/// quotes are not all from one talkative participant), then the rest;
/// never one `allow` refuses.
pub fn pick(refs: impl IntoIterator<Item = NoteRef>, n: usize, allow: impl Fn(NoteRef) -> bool) -> Vec<NoteRef> {
    let mut out: Vec<NoteRef> = Vec::with_capacity(n);
    let mut later: Vec<NoteRef> = Vec::new();
    for r in refs {
        if out.len() >= n {
            break;
        }
        if !allow(r) {
            continue;
        }
        if out.iter().any(|o| o.session == r.session) {
            if later.len() < n {
                later.push(r);
            }
        } else {
            out.push(r);
        }
    }
    let room = n.saturating_sub(out.len());
    out.extend(later.into_iter().take(room));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::library;
    use crate::analysis::synthesis::{Filter, Options, synthesize};

    #[test]
    fn counts_rank_and_ties() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        assert_eq!(s.sessions(), 4);
        assert_eq!(s.notes, 7);
        assert_eq!(s.untagged, 2);
        let tags: Vec<(&str, usize, usize)> = s.tags.iter().map(|t| (t.tag.as_str(), t.notes, t.sessions)).collect();
        // export 3 notes; perf and pricing tie on 2 notes: by name.
        assert_eq!(tags, vec![("export", 3, 1), ("perf", 2, 2), ("pricing", 2, 2)]);
        let themes: Vec<&str> = s.themes.iter().map(|t| t.tag.as_str()).collect();
        assert_eq!(themes, vec!["perf", "pricing", "export"]);
        // Evidence: quotes first, then pains, then notes.
        let export = s.theme("export").unwrap();
        let kinds: Vec<Kind> = export.evidence.iter().map(|e| e.resolve(&r).1.kind).collect();
        assert_eq!(kinds, vec![Kind::Quote, Kind::Pain, Kind::Note]);
        assert_eq!(export.count(Kind::Pain), 1);
        // Oldest session first.
        assert_eq!(s.selected, vec![1, 0, 2, 3]);
        assert_eq!(s.untagged_pains, vec![NoteRef { session: 1, note: 2 }]);
    }

    #[test]
    fn pain_points_rank_by_sessions() {
        let r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let pains: Vec<(&str, usize, usize, usize)> =
            s.pain_points.iter().map(|p| (p.tag.as_str(), p.notes, p.sessions, p.quotes.len())).collect();
        assert_eq!(pains, vec![("export", 1, 1, 1), ("perf", 1, 1, 0), ("pricing", 1, 1, 0)]);
        let first: Vec<NoteRef> = s.pain_points[0].candidates().collect();
        assert_eq!(first, vec![NoteRef { session: 0, note: 2 }, NoteRef { session: 0, note: 1 }]);
    }

    #[test]
    fn pick_prefers_distinct_sessions_and_respects_allow() {
        let r = |s, n| NoteRef { session: s, note: n };
        let refs = [r(0, 0), r(0, 1), r(1, 0), r(2, 0), r(3, 0)];
        assert_eq!(pick(refs, 3, |_| true), vec![r(0, 0), r(1, 0), r(2, 0)]);
        assert_eq!(pick(refs, 3, |x| x.session != 1), vec![r(0, 0), r(2, 0), r(3, 0)]);
        assert_eq!(pick(refs[..2].iter().copied(), 3, |_| true), vec![r(0, 0), r(0, 1)]);
    }

    /// Issue #14: evidence is what the PM starred first, then the newest, not
    /// quotes oldest first; a report takes the starred notes before any other.
    #[test]
    fn evidence_is_starred_first_then_newest() {
        let mut r = library();
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let perf = &s.theme("perf").unwrap().evidence;
        // Ben's note (day 2) before Ana's pain (day 1): newest first, whatever the kind.
        assert_eq!(perf, &vec![NoteRef { session: 0, note: 0 }, NoteRef { session: 1, note: 0 }]);
        let export = &s.theme("export").unwrap().evidence;
        assert_eq!(export.iter().map(|n| n.note).collect::<Vec<_>>(), [2, 1, 0], "later notes first");

        // Ana's old pain, starred, goes first in the theme and in the pain point.
        r[1].notes[0].starred = true;
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let pricing = &s.theme("pricing").unwrap().evidence;
        assert_eq!(pricing[0], NoteRef { session: 1, note: 0 });
        assert_eq!(
            s.pain_points.iter().find(|p| p.tag == "pricing").unwrap().pains[0],
            NoteRef { session: 1, note: 0 }
        );
        // A report's pick: the starred note, then quotes, then the rest.
        let picked = pick_curated(pricing, 2, |_| true, &r);
        assert_eq!(picked, vec![NoteRef { session: 1, note: 0 }, NoteRef { session: 3, note: 0 }]);
        // Two starred notes of one session both come before a quote of another.
        r[0].notes[1].starred = true;
        r[0].notes[0].starred = true;
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        let export = &s.theme("export").unwrap().evidence;
        let picked = pick_curated(export, 2, |_| true, &r);
        assert_eq!(picked, vec![NoteRef { session: 0, note: 1 }, NoteRef { session: 0, note: 0 }]);
    }

    proptest::proptest! {
        /// The packed keys order evidence exactly as the plain sort on
        /// (starred, newness, note), newest first, ties kept as given.
        #[test]
        fn curating_by_packed_keys_keeps_the_plain_order(
            sessions in proptest::collection::vec(proptest::collection::vec(proptest::bool::weighted(0.2), 1..8), 1..6),
            picks in proptest::collection::vec((0usize..6, 0usize..8), 0..40),
            order in proptest::collection::vec(0usize..4, 6),
        ) {
            let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+00:00").unwrap();
            let records: Vec<SessionRecord> = sessions
                .iter()
                .enumerate()
                .map(|(i, stars)| {
                    let mut r = SessionRecord::new(&format!("s{i}"), "P", "g", at);
                    for (k, starred) in stars.iter().enumerate() {
                        r.push_note(crate::domain::session::Offset(k as u32), Kind::Note, None, ["t"], "x");
                        r.notes[k].starred = *starred;
                    }
                    r
                })
                .collect();
            let refs: Vec<NoteRef> = picks
                .iter()
                .map(|(s, n)| {
                    let session = s % records.len();
                    NoteRef { session, note: n % records[session].notes.len() }
                })
                .collect();
            // Newness with ties, as two sessions may share a place.
            let newness: Vec<usize> = (0..records.len()).map(|i| order[i]).collect();
            let with_stars: Vec<bool> = records.iter().map(|r| r.notes.iter().any(|n| n.starred)).collect();
            let mut plain = refs.clone();
            plain.sort_by_key(|r| {
                let starred = records[r.session].notes[r.note].starred;
                (std::cmp::Reverse(starred), std::cmp::Reverse(newness[r.session]), std::cmp::Reverse(r.note))
            });
            proptest::prop_assert_eq!(curate(refs, &records, &newness, &with_stars), plain);
        }
    }
}
