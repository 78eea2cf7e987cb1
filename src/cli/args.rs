//! The command line: clap definitions only; `commands.rs` carries them out.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "fieldnotes", version, about = "Take, tag and share customer-interview notes from the terminal.")]
#[command(
    long_about = "Take, tag and share customer-interview notes from the terminal.\n\nWith no command, opens the library of interviews; press n there to start one."
)]
pub struct Cli {
    /// Where sessions are stored [env: FIELDNOTES_DATA_DIR; default: the platform data dir]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where config.yaml, guides/ and themes/ live [env: FIELDNOTES_CONFIG_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Colour theme (see `fieldnotes themes`; built-in or in the config dir's themes/)
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// Ignore config.yaml and start with the built-in settings and keys
    #[arg(long, global = true)]
    pub no_config: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an interview now, in the live capture screen
    New {
        /// A built-in guide name (see `fieldnotes guides`) or a path to a guide file
        #[arg(long, short)]
        guide: Option<String>,
        /// The participant's name (without it, a form asks for it)
        #[arg(long, short)]
        participant: Option<String>,
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        segment: Option<String>,
    },
    /// Reopen a session in the live screen (its clock goes on; more than an hour after the last activity, a new sitting starts)
    Resume {
        /// Session id, or a unique prefix of one (see `fieldnotes list`)
        id: String,
    },
    /// Review sessions after the call: the library, one session, or quick tagging
    Review {
        /// Open this session's view directly (id or unique prefix)
        id: Option<String>,
        /// Tag every untagged note, one at a time (in one session with ID, else the whole library)
        #[arg(long)]
        untagged: bool,
    },
    /// Tags across the library: counts, or rename and merge them in every file
    Tags {
        #[command(subcommand)]
        action: Option<TagsCommand>,
    },
    /// Every follow-up noted in any interview
    Followups {
        /// Only those not done yet
        #[arg(long)]
        open: bool,
    },
    /// List the sessions, newest first
    List {
        /// Print a JSON array instead of text
        #[arg(long)]
        json: bool,
    },
    /// Print one session: a Markdown snapshot, its YAML or JSON
    Show {
        /// Session id, or a unique prefix of one
        id: String,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Md)]
        format: ShowFormat,
    },
    /// List the interview guides on offer
    Guides,
    /// Write back every change left in a journal by a crash, and say what came back
    Recover,
    /// What the interviews say together: themes, pain points, segments, closing answers, coverage
    Synth(crate::cli::synth::SynthArgs),
    /// Fuzzy search over every note in the library
    Search(crate::cli::synth::SearchArgs),
    /// List the colour themes, or preview one
    Themes(crate::cli::settings::ThemesArgs),
    /// Where the configuration is, what it says, or write a commented default
    #[command(subcommand)]
    Config(crate::cli::settings::ConfigCommand),
    /// Print shell completions (bash, zsh, fish, powershell)
    Completions(crate::cli::settings::CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// Check, import and export interview guides
    #[command(subcommand)]
    Guide(GuideCommand),
    /// Share the library with your team through git: commit changed sessions, pull (rebase), push
    Sync {
        /// First line of the commit message (the list of sessions follows it)
        #[arg(long, short)]
        message: Option<String>,
        /// Commit and pull, but do not push
        #[arg(long)]
        no_push: bool,
    },
    /// Join a team library: clone its git repository URL into the data dir
    InitTeam {
        /// The team library's git URL (or a path to a repository)
        url: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TagsCommand {
    /// Rename a tag in every session (the new name must not be in use: see merge)
    Rename { old: String, new: String },
    /// Merge tag FROM into tag INTO in every session
    Merge { from: String, into: String },
}

#[derive(Debug, Subcommand)]
pub enum GuideCommand {
    /// Flag leading, closed, double-barrelled, hypothetical and overlong questions
    Lint {
        /// Guide files (or built-in guide names) to check
        #[arg(required = true)]
        guides: Vec<String>,
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
    },
    /// Turn a Markdown discussion guide into a fieldnotes guide
    Import {
        /// The Markdown file
        file: PathBuf,
        /// Where to write the guide (default: standard output)
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print a guide as Markdown
    Export {
        /// A guide name or file
        guide: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Md,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Md,
    Yaml,
    Json,
    /// A self-contained web page
    Html,
}
