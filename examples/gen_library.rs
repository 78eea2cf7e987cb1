//! Writes a realistic interview library: session files in the contract (the
//! app's own `Session` type and YAML writer), with recurring participants at
//! companies of several segments, the built-in guides' questions (one of each
//! never reached), notes of every kind tagged from a Zipf-like vocabulary that
//! leans by segment, consent (some without sharing quotes), closing answers,
//! names and companies inside some notes, Unicode text and tags.
//!
//! Deterministic for a seed (a hand-written PRNG), and it writes
//! `OUT_DIR/truth.json`, the counts any synthesis must report, computed while
//! generating: sessions, notes, notes by kind, closing answers, and per tag the
//! notes carrying it and the sessions with such a note.
//!
//! usage: cargo run --release --example gen_library -- OUT_DIR SESSIONS [NOTES_PER_SESSION] [SEED] [--jrnl]
//!
//! With `--jrnl`, the same notes also go to `OUT_DIR/jrnl/journal.txt`, a
//! plain-text journal for jrnl (one entry per note, stamped with the note's
//! time, its tags as `#tag`, time format `%Y-%m-%d %H:%M:%S`), so the two
//! tools can be compared on identical data (`benches/compare.sh`).
//!
//! `tests/synthesis.rs` includes this file as a module and calls [`generate`].

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use fieldnotes::domain::note::Kind;
use fieldnotes::domain::session::{Closing, Consent, Note, Offset, Participant, Session, make_id};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// splitmix64: small, fast, and the same numbers everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in 0.0..1.0.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
    /// Roughly normal (sum of uniforms), mean `mean`, deviation about `sd`.
    pub fn around(&mut self, mean: f64, sd: f64) -> f64 {
        let s: f64 = (0..6).map(|_| self.unit()).sum::<f64>() - 3.0;
        mean + s * sd * std::f64::consts::SQRT_2
    }
}

/// The tag vocabulary, most common first; two Unicode tags among them.
pub const TAGS: &[&str] = &[
    "reporting",
    "workaround",
    "pricing",
    "onboarding",
    "integration",
    "export",
    "performance",
    "trust",
    "security",
    "collaboration",
    "data-quality",
    "permissions",
    "billing",
    "search",
    "notifications",
    "mobile",
    "compliance",
    "sso",
    "automation",
    "spreadsheet",
    "approval",
    "audit",
    "api",
    "dashboard",
    "forecasting",
    "handoff",
    "training",
    "migration",
    "support",
    "churn-risk",
    "delight",
    "competitor",
    "données",
    "café",
];

/// Tags a segment talks about more than the others.
const LEANS: &[(&str, &[&str])] = &[
    ("smb", &["pricing", "onboarding", "spreadsheet", "billing"]),
    ("mid-market", &["integration", "reporting", "automation"]),
    ("enterprise", &["security", "sso", "compliance", "permissions", "audit"]),
    ("agency", &["collaboration", "handoff", "export"]),
    ("public-sector", &["compliance", "approval", "données"]),
];

const COMPANIES: &[(&str, &str)] = &[
    ("Acme Freight", "mid-market"),
    ("Northwind", "smb"),
    ("Globex", "enterprise"),
    ("Initech", "mid-market"),
    ("Umbrella Health", "enterprise"),
    ("Stark Logistics", "enterprise"),
    ("Wayne Retail", "mid-market"),
    ("Tyrell Bio", "enterprise"),
    ("Hooli", "smb"),
    ("Vandelay Imports", "smb"),
    ("Pixel & Pine", "agency"),
    ("Brightside Studio", "agency"),
    ("Ville de Lyon", "public-sector"),
    ("Kanagawa Prefecture", "public-sector"),
    ("Bäckerei Müller", "smb"),
];
const ROLES: &[&str] = &[
    "Ops lead",
    "Finance manager",
    "Head of Product",
    "Analyst",
    "Engineering manager",
    "Founder",
    "Support lead",
    "Designer",
];
const FIRST: &[&str] = &[
    "Ana", "Ben", "Chidi", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kasia", "Luis", "Mei", "Noor",
    "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Yusuf", "Zoë", "Søren", "Aiko",
];
const LAST: &[&str] = &[
    "López",
    "Okafor",
    "Schmidt",
    "Nakamura",
    "Silva",
    "Haddad",
    "Kowalski",
    "Chen",
    "Novak",
    "Andersson",
    "Mensah",
    "Rossi",
    "Dubois",
    "Kim",
    "O'Brien",
    "Van der Berg",
];
const GUIDES: &[&str] = &["discovery", "discovery", "usability", "churn", "problem-validation"];
const OFFSETS: &[i32] = &[3600, 3600, 0, -5 * 3600, 19800, 9 * 3600];

const SUBJ: &[&str] = &[
    "We",
    "I",
    "My team",
    "Our finance people",
    "The ops crew",
    "Nobody here",
    "Our biggest customer",
    "The new hire",
    "Our CTO",
    "Everyone",
];
const VERB: &[&str] = &[
    "export everything to Excel",
    "re-enter the numbers by hand",
    "wait two days for the report",
    "ping support on Slack",
    "build a pivot table every Friday",
    "copy IDs between three tools",
    "double-check the invoices",
    "ask IT for another license",
    "lose track of who approved what",
    "skip the dashboard entirely",
    "keep a private spreadsheet",
    "screenshot the chart for the board deck",
];
const WHEN: &[&str] = &[
    "every Monday",
    "at month end",
    "before each release",
    "when a deal closes",
    "whenever the sync fails",
    "twice a week",
    "after every audit",
    "on the first call",
    "during onboarding",
    "when the CEO asks",
];
const FEEL: &[&str] = &[
    "and it drives me crazy",
    "which takes about an hour",
    "and we hate it",
    "but it mostly works",
    "and it is error-prone",
    "because we do not trust the data",
    "and nobody owns it",
    "so we are looking at alternatives",
    "— honestly, \"it's fine\", until it isn't",
    "(¯\\_(ツ)_/¯)",
    "😩",
    "売上レポートが遅い",
    "",
    "",
];
const IDEAS: &[&str] = &[
    "Scheduled exports straight to the finance inbox",
    "A read-only link for the board",
    "Approvals in Slack, with one click",
    "Import the old spreadsheet, columns and all",
    "Alerts when the sync fails, not a week later",
];
const FOLLOWUPS: &[&str] = &[
    "Send the pricing deck",
    "Intro to their IT admin",
    "Share the beta invite",
    "Ask for a copy of the Friday spreadsheet",
    "Check back after the audit",
];
const INSIGHTS: &[&str] = &[
    "The report is a trust ritual, not an information need",
    "They buy per seat but value per workflow",
    "The spreadsheet is the real system of record",
    "Onboarding fails at the first import",
];
const ANSWERS: &[&str] = &[
    "The AWS bill eats my Mondays.",
    "Honestly, hiring. We cannot find analysts.",
    "Whether we renew at all next year.",
    "Security review for the new vendor, again.",
    "Nothing, thanks — this was useful.",
    "Can you make the export keep our column order?",
    "Our migration off the old ERP, it's a mess, truly",
];

struct Person {
    name: String,
    company: usize,
    role: &'static str,
}

fn sentence(rng: &mut Rng) -> String {
    let s = format!("{} {} {} {}", rng.pick(SUBJ), rng.pick(VERB), rng.pick(WHEN), rng.pick(FEEL));
    format!("{}.", s.trim_end())
}

/// What any synthesis of the library must find.
#[derive(Default)]
pub struct Truth {
    pub sessions: usize,
    pub notes: usize,
    pub kinds: BTreeMap<&'static str, usize>,
    pub closing_answers: usize,
    /// Tag → (notes carrying it, sessions with such a note).
    pub tags: BTreeMap<String, (usize, usize)>,
}

impl Truth {
    pub fn to_json(&self) -> Value {
        let mut tags: Vec<(&String, &(usize, usize))> = self.tags.iter().collect();
        tags.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
        json!({
            "sessions": self.sessions,
            "notes": self.notes,
            "kinds": self.kinds,
            "closing_answers": self.closing_answers,
            "tags": tags.iter().map(|(t, (c, s))| json!({"tag": t, "count": c, "sessions": s})).collect::<Vec<_>>(),
        })
    }
}

/// Writes `sessions` session files into `out/sessions/` and `out/truth.json`.
pub fn generate(out: &Path, sessions: usize, notes_per_session: usize, seed: u64) -> std::io::Result<Truth> {
    let dir = out.join("sessions");
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng::new(seed);
    let guides: Vec<_> = GUIDES
        .iter()
        .map(|g| fieldnotes::store::guides::parse_builtin(g).expect("built-in guide").expect("parses"))
        .collect();
    // About one participant in five is interviewed again later.
    let people: Vec<Person> = (0..(sessions * 4 / 5).max(1))
        .map(|_| Person {
            name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            company: rng.below(COMPANIES.len()),
            role: ROLES[rng.below(ROLES.len())],
        })
        .collect();
    let base_weights: Vec<f64> = (0..TAGS.len()).map(|i| 1.0 / (i as f64 + 1.0)).collect();
    let mut truth = Truth { sessions, ..Truth::default() };
    let mut taken: HashSet<String> = HashSet::new();
    let mut start = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2025, 1, 6, 9, 0, 0).unwrap();
    for i in 0..sessions {
        start += Duration::minutes(180 + rng.below(900) as i64);
        let tz = FixedOffset::east_opt(*rng.pick(OFFSETS)).unwrap();
        let started_at: DateTime<FixedOffset> = start.with_timezone(&tz);
        let person = if i < people.len() { &people[i] } else { &people[rng.below(people.len())] };
        let (company, segment) = COMPANIES[person.company];
        let guide = &guides[rng.below(guides.len())];
        let participant = Participant {
            name: person.name.clone(),
            company: Some(company.to_string()),
            role: Some(person.role.to_string()),
            segment: Some(segment.to_string()),
            extra: Default::default(),
        };
        let id = make_id(started_at, &person.name, rng.next_u64(), |x| taken.contains(x));
        taken.insert(id.clone());
        let mut s = Session::new(id.clone(), &guide.name, &guide.title, participant, started_at);
        let weights: Vec<f64> = TAGS
            .iter()
            .zip(&base_weights)
            .map(|(t, w)| {
                let leans = LEANS.iter().any(|(seg, tags)| *seg == segment && tags.contains(t));
                if leans { w * 4.0 } else { *w }
            })
            .collect();

        // The guide's questions, each reached in turn; the second-to-last never is.
        let questions: Vec<&str> = guide.questions().map(|(_, q)| q.id.as_str()).collect();
        let never = questions.len().saturating_sub(2);
        let planned = 45 * 60;
        let n_notes = if rng.chance(0.02) {
            0
        } else {
            rng.around(notes_per_session as f64, notes_per_session as f64 / 5.0).round().max(1.0) as usize
        };
        let reached = if rng.chance(0.3) { questions.len() * 3 / 4 } else { questions.len() };
        for (qi, q) in questions.iter().enumerate().take(reached) {
            if qi != never {
                s.asked_at.insert(q.to_string(), Offset((qi * planned / questions.len()) as u32 + 20));
            }
        }
        let on_path: Vec<&str> =
            questions.iter().take(reached).enumerate().filter(|(i, _)| *i != never).map(|(_, q)| *q).collect();
        let first = person.name.split(' ').next().unwrap_or_default();
        let mut seen: HashSet<String> = HashSet::new();
        for k in 0..n_notes {
            let at = Offset(60 + (k * planned / n_notes.max(1)) as u32);
            let kind = Kind::ALL[rng.weighted(&[35.0, 20.0, 15.0, 10.0, 10.0, 10.0])];
            let text = match kind {
                Kind::Idea => rng.pick(IDEAS).to_string(),
                Kind::Followup => rng.pick(FOLLOWUPS).to_string(),
                Kind::Insight => rng.pick(INSIGHTS).to_string(),
                _ if rng.chance(0.04) => format!("{first} says {company} {}", sentence(&mut rng).to_lowercase()),
                _ => sentence(&mut rng),
            };
            let n_tags = *rng.pick(&[0, 1, 1, 2, 2, 3]);
            let mut tags: Vec<String> = Vec::new();
            for _ in 0..n_tags {
                let t = TAGS[rng.weighted(&weights)].to_string();
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            let question = if on_path.is_empty() || rng.chance(0.05) {
                None
            } else {
                Some(on_path[(k * on_path.len() / n_notes.max(1)).min(on_path.len() - 1)].to_string())
            };
            for t in &tags {
                let e = truth.tags.entry(t.clone()).or_default();
                e.0 += 1;
                if seen.insert(t.clone()) {
                    e.1 += 1;
                }
            }
            truth.notes += 1;
            *truth.kinds.entry(kind.name()).or_default() += 1;
            s.notes.push(Note {
                at,
                sitting: None,
                text,
                kind,
                question,
                tags,
                done: kind == Kind::Followup && rng.chance(0.3),
                starred: false,
                from_transcript: false,
                typed: None,
                extra: Default::default(),
            });
        }
        let roll = rng.unit();
        if roll < 0.85 {
            let answer = rng.pick(ANSWERS).to_string();
            s.closing = Some(Closing {
                question: guide.closing_question().to_string(),
                answer: Some(answer),
                tags: Vec::new(),
                extra: Default::default(),
            });
            truth.closing_answers += 1;
        } else if roll < 0.9 {
            s.closing = Some(Closing {
                question: guide.closing_question().to_string(),
                answer: None,
                tags: Vec::new(),
                extra: Default::default(),
            });
        }
        if guide.consent || rng.chance(0.4) {
            s.consent = Some(Consent {
                notes: Some(true),
                recording: Some(rng.chance(0.7)),
                quotes: Some(rng.chance(0.85)),
                at: Offset(15),
                extra: Default::default(),
            });
        }
        if rng.chance(0.95) {
            s.ended_at = Some(started_at + Duration::seconds(planned as i64 + rng.below(900) as i64 - 450));
            s.wrapup.thanked = rng.chance(0.8);
        }
        if rng.chance(0.3) {
            s.summary = Some(format!("{}\n{}", rng.pick(INSIGHTS), rng.pick(INSIGHTS)));
        }
        let text = fieldnotes::store::yaml::to_string(&s).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(format!("{id}.yaml")), text)?;
    }
    let json = serde_json::to_string_pretty(&truth.to_json()).map_err(std::io::Error::other)?;
    std::fs::write(out.join("truth.json"), json + "\n")?;
    Ok(truth)
}

/// Writes every note of the library in `out/sessions/` to
/// `out/jrnl/journal.txt` as a jrnl journal, oldest first; returns how many.
#[allow(dead_code)]
pub fn write_jrnl(out: &Path) -> std::io::Result<usize> {
    use std::io::Write;
    let mut entries: Vec<(DateTime<FixedOffset>, String)> = Vec::new();
    for path in fieldnotes::store::library::session_paths(&out.join("sessions")) {
        let s = fieldnotes::store::library::load_session(&path).map_err(|e| std::io::Error::other(e.to_string()))?;
        for n in &s.notes {
            let at = s.started_at + Duration::seconds(i64::from(n.at.0));
            // One line per entry: jrnl starts an entry at a line opening with a stamp.
            let mut line = n.text.replace(['\n', '\r'], " ");
            for t in &n.tags {
                line.push_str(" #");
                line.push_str(t);
            }
            entries.push((at, line));
        }
    }
    entries.sort_by_key(|(at, _)| *at);
    let dir = out.join("jrnl");
    std::fs::create_dir_all(&dir)?;
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("journal.txt"))?);
    for (at, line) in &entries {
        writeln!(f, "[{}] {line}\n", at.format("%Y-%m-%d %H:%M:%S"))?;
    }
    f.flush()?;
    Ok(entries.len())
}

// Also compiled as a module of `tests/synthesis.rs` and the benches, which call `generate`.
#[allow(dead_code)]
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let jrnl = args.iter().any(|a| a == "--jrnl");
    args.retain(|a| a != "--jrnl");
    let usage = "usage: gen_library OUT_DIR SESSIONS [NOTES_PER_SESSION] [SEED] [--jrnl]";
    let (Some(out), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let per = match args.get(2).map(|s| s.parse::<usize>()) {
        None => 100,
        Some(Ok(p)) => p,
        Some(Err(_)) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    let seed = match args.get(3).map(|s| s.parse::<u64>()) {
        None => 7,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    match generate(Path::new(out), n, per, seed) {
        Ok(t) => {
            println!("{} sessions, {} notes, {} tags → {out}/sessions", t.sessions, t.notes, t.tags.len());
            if jrnl {
                match write_jrnl(Path::new(out)) {
                    Ok(n) => println!("{n} jrnl entries → {out}/jrnl/journal.txt"),
                    Err(e) => {
                        eprintln!("gen_library: {e}");
                        std::process::exit(1);
                    }
                }
            }
        }
        Err(e) => {
            eprintln!("gen_library: {e}");
            std::process::exit(1);
        }
    }
}
