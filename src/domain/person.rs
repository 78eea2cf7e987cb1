//! A person on the study's roster: someone to recruit, invited, scheduled,
//! interviewed, or not. One file per person (`people/ID.yaml`), so teammates
//! adding or updating different people never touch the same file in git.
//! Keys this version does not know (plan, ARR, persona…) are kept.

use super::session::Extra;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// What they agreed to, in their words or "yes"/"no".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<String>,
    #[serde(default)]
    pub status: PersonStatus,
    /// When the interview is booked (`2026-12-03 14:30`), for `scheduled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum PersonStatus {
    #[default]
    ToRecruit,
    Invited,
    Scheduled,
    Interviewed,
    NoShow,
    Declined,
}

impl PersonStatus {
    pub const ALL: [PersonStatus; 6] = [
        PersonStatus::ToRecruit,
        PersonStatus::Invited,
        PersonStatus::Scheduled,
        PersonStatus::Interviewed,
        PersonStatus::NoShow,
        PersonStatus::Declined,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PersonStatus::ToRecruit => "to-recruit",
            PersonStatus::Invited => "invited",
            PersonStatus::Scheduled => "scheduled",
            PersonStatus::Interviewed => "interviewed",
            PersonStatus::NoShow => "no-show",
            PersonStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<PersonStatus> {
        let s = s.trim().to_lowercase().replace([' ', '_'], "-");
        PersonStatus::ALL.into_iter().find(|st| st.name() == s)
    }
}

impl Person {
    /// The file name (without `.yaml`) a new person gets: their name and company, as a slug.
    pub fn file_id(&self) -> String {
        let both = match self.company.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => format!("{} {c}", self.name),
            None => self.name.clone(),
        };
        super::session::slug(&both)
    }

    /// Whether `other` is the same person: the same name and company, in
    /// any case, spacing, punctuation or accents ("Ana López" is "ana lopez").
    pub fn same_as(&self, other: &Person) -> bool {
        same_words(&self.name, &other.name)
            && same_words(self.company.as_deref().unwrap_or(""), other.company.as_deref().unwrap_or(""))
    }

    /// The status as shown: `interviewed` once a session is linked to them,
    /// whatever the file says (derived, never written back).
    pub fn effective_status(&self, sessions_linked: usize) -> PersonStatus {
        if sessions_linked > 0 { PersonStatus::Interviewed } else { self.status }
    }
}

/// Names compared as people read them: case, spacing, punctuation and accents aside.
pub fn same_words(a: &str, b: &str) -> bool {
    super::session::slug(a) == super::session::slug(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_round_trips_with_free_fields_and_status_names() {
        let text = "name: Ana López\ncompany: Acme\nstatus: no-show\nplan: enterprise\narr: 120000\n";
        let p: Person = crate::text::yaml::from_str(text, std::path::Path::new("ana.yaml")).unwrap();
        assert_eq!(p.status, PersonStatus::NoShow);
        let back = crate::text::yaml::to_string(&p).unwrap();
        assert!(back.contains("plan: enterprise") && back.contains("arr: 120000"), "{back}");
        assert_eq!(PersonStatus::parse("To recruit"), Some(PersonStatus::ToRecruit));
        assert_eq!(p.effective_status(2), PersonStatus::Interviewed);
        assert_eq!(p.effective_status(0), PersonStatus::NoShow);
        let same = Person { name: "ana  lópez".into(), company: Some("ACME".into()), ..Person::default() };
        assert!(p.same_as(&same));
        assert_eq!(p.file_id(), "ana-lopez-acme");
    }
}
