//! The roster against the interviews: which sessions are with which person.
//! A session names its person (`person: ID`, set by `fieldnotes new
//! --person`); a session with no `person:` is with the roster entry of the
//! same name and company (either may be missing), so interviews held before
//! the roster existed still count. Being interviewed is derived from this,
//! never written into the person's file.

use crate::domain::person::{Person, PersonStatus, same_words};

/// A session as linking reads it.
#[derive(Debug, Clone, Copy)]
pub struct SessionLink<'a> {
    pub id: &'a str,
    pub participant: &'a str,
    pub company: Option<&'a str>,
    pub person: Option<&'a str>,
}

/// Whether `s` is with the person whose file is `id`.
pub fn is_with(id: &str, p: &Person, s: &SessionLink) -> bool {
    match s.person.map(str::trim).filter(|x| !x.is_empty()) {
        Some(named) => named == id,
        None => {
            let companies_agree = match (p.company.as_deref(), s.company) {
                (Some(a), Some(b)) => same_words(a, b),
                _ => true,
            };
            !p.name.trim().is_empty() && same_words(&p.name, s.participant) && companies_agree
        }
    }
}

/// For each person (in the order given), the ids of their sessions, in the order given.
pub fn sessions_of<'a>(people: &[(&str, &Person)], sessions: &[SessionLink<'a>]) -> Vec<Vec<&'a str>> {
    people.iter().map(|(id, p)| sessions.iter().filter(|s| is_with(id, p, s)).map(|s| s.id).collect()).collect()
}

/// The segments of the people scheduled and not interviewed yet, for quotas.
pub fn scheduled_segments(people: &[(&str, &Person)], linked: &[Vec<&str>]) -> Vec<Option<String>> {
    people
        .iter()
        .zip(linked)
        .filter(|((_, p), l)| p.effective_status(l.len()) == PersonStatus::Scheduled)
        .map(|((_, p), _)| p.segment.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_interviewed_twice_has_both_sessions_and_is_interviewed() {
        let ana = Person {
            name: "Ana López".into(),
            company: Some("Acme".into()),
            status: PersonStatus::Scheduled,
            segment: Some("smb".into()),
            ..Person::default()
        };
        let ben = Person {
            name: "Ben".into(),
            status: PersonStatus::Scheduled,
            segment: Some("smb".into()),
            ..Person::default()
        };
        let people = vec![("ana-lopez-acme", &ana), ("ben", &ben)];
        let sessions = vec![
            SessionLink { id: "s1", participant: "Ana Lopez (typo)", company: None, person: Some("ana-lopez-acme") },
            SessionLink { id: "s2", participant: "ana  lópez", company: Some("ACME"), person: None },
            SessionLink { id: "s3", participant: "Ana López", company: Some("Other"), person: None },
            SessionLink { id: "s4", participant: "Ben", company: None, person: Some("someone-else") },
        ];
        let linked = sessions_of(&people, &sessions);
        assert_eq!(linked, vec![vec!["s1", "s2"], vec![]]);
        assert_eq!(ana.effective_status(linked[0].len()), PersonStatus::Interviewed);
        assert_eq!(scheduled_segments(&people, &linked), vec![Some("smb".to_string())], "Ben only");
    }
}
