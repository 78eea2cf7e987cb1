//! The clap definitions of `study`, `people` and `personas` (kept beside
//! `args.rs`, which names them, so the study's options read in one place;
//! nothing here uses `args.rs`, so the two never depend on each other).

use crate::analysis::synthesis::Dimension;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StudyArgs {
    #[command(subcommand)]
    pub action: Option<StudyCommand>,
    /// A study of `studies/` (its file name without .yaml); default: study.yaml, else the whole library
    pub name: Option<String>,
    #[arg(long, short, value_enum, default_value_t)]
    pub format: StudyFormat,
    /// Trends by week or by month (default: weeks up to twelve weeks, months beyond)
    #[arg(long, value_enum)]
    pub period: Option<PeriodArg>,
    /// With --format html: participants become P1, P2… and companies C1, C2…; e-mail addresses
    /// and phone numbers are masked
    #[arg(long)]
    pub anonymize: bool,
}

#[derive(Debug, Subcommand)]
pub enum StudyCommand {
    /// Write a commented starter study.yaml at the library root (never over an existing one)
    Init,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum StudyFormat {
    #[default]
    Text,
    Md,
    Json,
    /// One self-contained page (inline CSS and SVG charts, no script), for a browser
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Week,
    Month,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PeopleArgs {
    #[command(subcommand)]
    pub action: Option<PeopleCommand>,
    /// Only people with this status: to-recruit, invited, scheduled, interviewed, no-show, declined
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: PeopleFormat,
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Add candidates from a CSV file (a header row; name, company, role, segment, e-mail… matched leniently)
    Import { file: PathBuf },
    /// Set a person's status: to-recruit, invited, scheduled (with WHEN), interviewed, no-show, declined
    Status {
        /// The person: file id, name, or a part of the name only one person has
        person: String,
        status: String,
        /// For scheduled: when, as you write it ("2026-12-02 15:00")
        when: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PeopleFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct PersonasArgs {
    /// One draft per value of this field
    #[arg(long, value_enum, default_value_t)]
    pub by: PersonasBy,
    /// A study of `studies/` whose interviews to draw from (default: as `fieldnotes study`)
    #[arg(long)]
    pub study: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: PersonasFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PersonasFormat {
    #[default]
    Md,
    Json,
}

/// What persona drafts are grouped by (the synthesis dimensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PersonasBy {
    #[default]
    Segment,
    Company,
    Role,
    Guide,
}

impl From<PersonasBy> for Dimension {
    fn from(b: PersonasBy) -> Dimension {
        match b {
            PersonasBy::Segment => Dimension::Segment,
            PersonasBy::Company => Dimension::Company,
            PersonasBy::Role => Dimension::Role,
            PersonasBy::Guide => Dimension::Guide,
        }
    }
}
