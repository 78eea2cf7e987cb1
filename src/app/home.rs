//! The home screen's model: the library list and the new-interview form.

use crate::text_input::TextInput;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Home {
    pub selected: usize,
    pub form: Option<NewForm>,
}

/// The fields of the new-interview form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Guide,
    Participant,
    Company,
    Role,
    Segment,
}

impl Field {
    pub const ORDER: [Field; 5] = [Field::Guide, Field::Participant, Field::Company, Field::Role, Field::Segment];

    pub fn label(self) -> &'static str {
        match self {
            Field::Guide => "Guide",
            Field::Participant => "Participant",
            Field::Company => "Company",
            Field::Role => "Role",
            Field::Segment => "Segment",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewForm {
    /// Index into the app's guide list.
    pub guide: usize,
    pub field: Field,
    pub participant: TextInput,
    pub company: TextInput,
    pub role: TextInput,
    pub segment: TextInput,
    pub error: Option<String>,
}

impl NewForm {
    pub fn new(guide: usize) -> NewForm {
        NewForm {
            guide,
            // The guide has a sensible default; the name is what must be typed.
            field: Field::Participant,
            participant: TextInput::default(),
            company: TextInput::default(),
            role: TextInput::default(),
            segment: TextInput::default(),
            error: None,
        }
    }

    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.field {
            Field::Guide => None,
            Field::Participant => Some(&mut self.participant),
            Field::Company => Some(&mut self.company),
            Field::Role => Some(&mut self.role),
            Field::Segment => Some(&mut self.segment),
        }
    }

    pub fn input(&self, field: Field) -> Option<&TextInput> {
        match field {
            Field::Guide => None,
            Field::Participant => Some(&self.participant),
            Field::Company => Some(&self.company),
            Field::Role => Some(&self.role),
            Field::Segment => Some(&self.segment),
        }
    }

    pub fn cycle(&mut self, forward: bool) {
        let i = Field::ORDER.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = Field::ORDER.len();
        self.field = Field::ORDER[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }
}
