//! Interview guides: sections of open questions with probes and time budgets.
//! Built-in guides are embedded so an installed binary needs no files beside it.

use super::session::DEFAULT_CLOSING;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Serializes as a guide file: no `name` (it is the file stem), and no empty
/// optional fields, so a written guide reads like a hand-written one.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// The name it is chosen by (`discovery`): the file stem, not in the file.
    #[serde(skip)]
    pub name: String,
    pub title: String,
    #[serde(default = "default_kind")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub objective: String,
    /// Planned length of the interview in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ask for consent (notes, recording, sharing quotes) before capture starts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub consent: bool,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    /// Minutes planned for this section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub probes: Vec<String>,
}

/// A question as written in a file: either just its text, or a map.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionMap {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    probes: Vec<String>,
}

impl<'de> Deserialize<'de> for Question {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Question;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a question: its text, or a map with `text`, optional `id` and `probes`")
            }
            fn visit_str<E>(self, v: &str) -> Result<Question, E> {
                Ok(Question { id: String::new(), text: v.to_string(), probes: vec![] })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Question, A::Error> {
                let q = QuestionMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Question { id: q.id.unwrap_or_default(), text: q.text, probes: q.probes })
            }
        }
        d.deserialize_any(V)
    }
}

/// Always written as a map (`id`, `text`, `probes`), the form that keeps ids
/// stable when questions are reordered by hand.
impl Serialize for Question {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let len = 1 + usize::from(!self.id.is_empty()) + usize::from(!self.probes.is_empty());
        let mut map = s.serialize_map(Some(len))?;
        if !self.id.is_empty() {
            map.serialize_entry("id", &self.id)?;
        }
        map.serialize_entry("text", &self.text)?;
        if !self.probes.is_empty() {
            map.serialize_entry("probes", &self.probes)?;
        }
        map.end()
    }
}

fn default_kind() -> String {
    "exploratory".to_string()
}

/// Position of a question in the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct QuestionRef {
    pub section: usize,
    pub question: usize,
}

impl Guide {
    /// Gives every question without an `id` one from its place ("2.1"), so
    /// notes can always say which question they were taken on.
    pub fn assign_ids(&mut self) {
        for (s, section) in self.sections.iter_mut().enumerate() {
            for (q, question) in section.questions.iter_mut().enumerate() {
                if question.id.trim().is_empty() {
                    question.id = format!("{}.{}", s + 1, q + 1);
                }
            }
        }
    }

    pub fn closing_question(&self) -> &str {
        self.closing.as_deref().filter(|c| !c.trim().is_empty()).unwrap_or(DEFAULT_CLOSING)
    }

    /// Every question in order, with its position.
    pub fn questions(&self) -> impl Iterator<Item = (QuestionRef, &Question)> {
        self.sections.iter().enumerate().flat_map(|(s, section)| {
            section
                .questions
                .iter()
                .enumerate()
                .map(move |(q, question)| (QuestionRef { section: s, question: q }, question))
        })
    }

    pub fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }

    /// The question at a flat index (0 = first question of the guide).
    pub fn nth(&self, index: usize) -> Option<(QuestionRef, &Question)> {
        self.questions().nth(index)
    }

    pub fn index_of_id(&self, id: &str) -> Option<usize> {
        self.questions().position(|(_, q)| q.id == id)
    }

    /// A guide that is only a closing question, for sessions whose guide is
    /// gone: resuming them must still work.
    pub fn placeholder(name: &str) -> Guide {
        Guide {
            name: name.to_string(),
            title: format!("{name} (guide not found)"),
            kind: "other".into(),
            objective: String::new(),
            duration: None,
            closing: None,
            tags: vec![],
            consent: false,
            sections: vec![],
        }
    }

    /// Problems that make a guide unusable for an interview.
    pub fn validate(&self) -> Result<(), String> {
        if self.title.trim().is_empty() {
            return Err("the guide has no `title`".into());
        }
        if self.question_count() == 0 {
            return Err("the guide has no questions: add at least one section with `questions`".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (_, q) in self.questions() {
            if q.text.trim().is_empty() {
                return Err(format!("question {} has no text", q.id));
            }
            if !seen.insert(q.id.as_str()) {
                return Err(format!("two questions share the id {:?}", q.id));
            }
        }
        Ok(())
    }
}
