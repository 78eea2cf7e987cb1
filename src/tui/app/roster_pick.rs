//! The roster offered while the participant's name is typed in the
//! new-interview form: who matches what is typed (fuzzy, case and accents
//! aside), the highlighted row, and what picking one fills in. The roster
//! is read off the UI thread when the form opens (`Effect::LoadRoster`);
//! nothing here touches a disk, and nothing writes a person's file: their
//! status follows from the sessions linked to them.

use super::home::{Field, NewForm};
use super::{App, Effect, Screen};
use crate::domain::person::Person;
use crate::domain::session::slug;
use crate::store::study_library::StudyLibrary;
use crate::tui::action::Action;
use crate::tui::text_input::TextInput;
use chrono::NaiveDate;

/// How many people the list under the field shows at most.
pub const SHOWN: usize = 4;

/// Someone on the roster as the form offers them.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterChoice {
    /// The person's file name without `.yaml`: what `person:` in the session names.
    pub id: String,
    pub person: Person,
    /// Interviews already linked to them, and the day of the last one.
    pub sessions: usize,
    pub last: Option<NaiveDate>,
}

/// The roster with each person's interviews counted, from the library as
/// the study reads it (the same links `fieldnotes people` shows).
pub fn choices(lib: &StudyLibrary) -> Vec<RosterChoice> {
    lib.roster
        .iter()
        .zip(&lib.linked)
        .map(|(entry, ids)| {
            let last = lib.records.iter().filter(|r| ids.contains(&r.id)).map(|r| r.started_at.date_naive()).max();
            RosterChoice { id: entry.id.clone(), person: entry.person.clone(), sessions: ids.len(), last }
        })
        .collect()
}

/// Text folded for matching: lower case, accents and punctuation aside
/// ("Ana López" is "ana lopez"), as `same_words` compares names.
fn folded(text: &str) -> String {
    slug(text).replace('-', " ")
}

/// The people matching `typed`, best first (at most `SHOWN`), as indices
/// into `roster`. Matched on the name, or on the company, one field at a
/// time; nothing is offered before a letter is typed.
pub fn suggestions(roster: &[RosterChoice], typed: &str) -> Vec<usize> {
    use fuzzy_matcher::FuzzyMatcher;
    let query = folded(typed);
    if query.is_empty() {
        return vec![];
    }
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize)> = roster
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let fields = [Some(c.person.name.as_str()), c.person.company.as_deref()];
            let best = fields.into_iter().flatten().filter_map(|f| matcher.fuzzy_match(&folded(f), &query)).max()?;
            Some((best, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| roster[a.1].person.name.cmp(&roster[b.1].person.name)));
    scored.into_iter().take(SHOWN).map(|(_, i)| i).collect()
}

/// "2 interviews, last 2026-11-20", or "not interviewed yet".
pub fn history(choice: &RosterChoice) -> String {
    match (choice.sessions, choice.last) {
        (0, _) => "not interviewed yet".into(),
        (n, Some(day)) => format!("{}, last {day}", crate::text::counts::plural(n, "interview")),
        (n, None) => crate::text::counts::plural(n, "interview"),
    }
}

impl NewForm {
    /// The people offered under the name right now: while the name has the
    /// focus and no one has been picked.
    pub fn offered(&self, roster: &[RosterChoice]) -> Vec<usize> {
        if self.field != Field::Participant || self.picked.is_some() {
            return vec![];
        }
        suggestions(roster, self.participant.text())
    }

    /// What the roster list does with a key; the key back when it is the
    /// form's to handle. ↓/↑ walk the list (↑ off its top leaves it); with a
    /// row highlighted, Tab or Enter picks it and Esc leaves the list.
    pub fn roster_key(&mut self, roster: &[RosterChoice], action: Action) -> Option<Action> {
        let offered = self.offered(roster);
        if offered.is_empty() {
            self.highlight = None;
            return Some(action);
        }
        match (action, self.highlight) {
            (Action::MoveDown, h) => {
                self.highlight = Some(h.map_or(0, |h| (h + 1).min(offered.len() - 1)));
                None
            }
            (Action::MoveUp, Some(h)) => {
                self.highlight = h.checked_sub(1);
                None
            }
            (Action::NextField | Action::StartInterview, Some(h)) => {
                self.pick(&roster[offered[h.min(offered.len() - 1)]]);
                None
            }
            (Action::Back, Some(_)) => {
                self.highlight = None;
                None
            }
            (other, _) => Some(other),
        }
    }

    /// Fills the form from the person (every field stays editable) and
    /// remembers whom the session will be linked to.
    pub fn pick(&mut self, choice: &RosterChoice) {
        let p = &choice.person;
        self.participant = TextInput::with_text(p.name.trim());
        for (input, value) in
            [(&mut self.company, &p.company), (&mut self.role, &p.role), (&mut self.segment, &p.segment)]
        {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                *input = TextInput::with_text(v);
            }
        }
        self.picked = Some(choice.id.clone());
        self.highlight = None;
        self.error = None;
    }

    /// After a key in a field: a name changed by hand is no longer the
    /// person picked, so the link goes (the list comes back to pick again).
    pub fn name_edited(&mut self, before: &str) {
        if self.participant.text() != before {
            self.picked = None;
            self.highlight = None;
        }
    }
}

impl App {
    /// The roster read for the form has arrived.
    pub fn roster_loaded(&mut self, roster: Vec<RosterChoice>) {
        self.home.roster = roster;
    }
}

/// Links the interview just started to the roster entry `id`: in the file
/// the writer is about to create and in the open screen's copy, so every
/// later save keeps it.
pub fn link_new_session(app: &mut App, begin: &mut Effect, id: &str) {
    if let Effect::Begin { session, .. } = begin {
        session.person = Some(id.to_string());
    }
    if let Screen::Capture(c) = &mut app.screen {
        c.session.person = Some(id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(id: &str, name: &str, company: Option<&str>) -> RosterChoice {
        RosterChoice {
            id: id.into(),
            person: Person { name: name.into(), company: company.map(String::from), ..Person::default() },
            sessions: 0,
            last: None,
        }
    }

    #[test]
    fn people_match_by_part_of_the_name_or_company_ignoring_case_and_accents() {
        let roster = vec![
            choice("ana", "Ana López", Some("Acme")),
            choice("ben", "Ben Okafor", Some("Sato Logistics")),
            choice("lopa", "Lopa Das", None),
        ];
        let names = |typed: &str| -> Vec<&str> {
            suggestions(&roster, typed).into_iter().map(|i| roster[i].id.as_str()).collect()
        };
        assert_eq!(names("LOPEZ"), ["ana"], "case and accents aside");
        assert_eq!(names("lópez"), ["ana"]);
        assert_eq!(names("sato"), ["ben"], "by company");
        assert!(names("lop").contains(&"lopa") && names("lop").contains(&"ana"));
        assert!(names("").is_empty() && names("  ").is_empty(), "nothing before a letter");
        assert!(names("zzz").is_empty());
    }

    #[test]
    fn the_list_is_short_and_history_reads_as_words() {
        let roster: Vec<RosterChoice> = (0..10).map(|i| choice(&format!("p{i}"), &format!("Pat {i}"), None)).collect();
        assert_eq!(suggestions(&roster, "pat").len(), SHOWN);
        let mut c = choice("a", "Ana", None);
        assert_eq!(history(&c), "not interviewed yet");
        c.sessions = 2;
        c.last = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert_eq!(history(&c), "2 interviews, last 2026-11-20");
    }
}
