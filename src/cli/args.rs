//! The command line: clap definitions only, every command's arguments; the
//! other files of `cli/` carry them out and import from here, never the
//! other way.

use crate::analysis::synthesis::{Dimension, MatrixRanking};
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
        /// Someone on the roster (`fieldnotes people`): their name or file id; fills the participant and links the session
        #[arg(long, conflicts_with = "participant")]
        person: Option<String>,
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
        #[command(flatten)]
        filter: FilterArgs,
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
    /// The recording's transcript: attach it, read it, align it to the notes, remove it
    Transcript {
        #[command(subcommand)]
        action: TranscriptCommand,
    },
    /// Quotes held against the transcript: said word for word, nearly, or not at all
    Quotes {
        #[command(subcommand)]
        action: QuotesCommand,
    },
    /// What the interviews say together: themes, pain points, segments, closing answers, coverage
    Synth(SynthArgs),
    /// Search every note, closing answer and summary by words
    Search(SearchArgs),
    /// List the colour themes, or preview one
    Themes(ThemesArgs),
    /// Where the configuration is, what it says, or write a commented default
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print shell completions (bash, zsh, fish, powershell)
    Completions(CompletionsArgs),
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
    /// Agreement between two coders who tagged the same interviews apart: Cohen's kappa per code, and the disagreements
    Agree(AgreeArgs),
    /// Write the library as a project other research tools open (REFI-QDA .qdpx: NVivo, ATLAS.ti, MAXQDA, QualCoder)
    Export(ProjectExportArgs),
    /// The team's codebook (codebook.yaml): its codes with counts, themes and new tags; propose one, trade it with other research tools
    Codebook {
        #[command(subcommand)]
        action: Option<CodebookCommand>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// The study around the interviews: recruiting against quotas, hypotheses, saturation, trends
    Study(crate::cli::study_args::StudyArgs),
    /// The roster of participants: list it, or import candidates from a CSV file
    People(crate::cli::study_args::PeopleArgs),
    /// Persona drafts per segment (or another field), as Markdown cards
    Personas(crate::cli::study_args::PersonasArgs),
}

#[derive(Debug, Subcommand)]
pub enum TagsCommand {
    /// Rename a tag in every session (the new name must not be in use: see merge); shows what changes and asks first
    Rename {
        old: String,
        new: String,
        /// Change the files without asking (for scripts)
        #[arg(long, short)]
        yes: bool,
    },
    /// Merge tag FROM into tag INTO in every session; shows what changes and asks first
    Merge {
        from: String,
        into: String,
        /// Change the files without asking (for scripts)
        #[arg(long, short)]
        yes: bool,
    },
    /// Find near-duplicate tags (case, plural, separators, typos, aliases) and propose merges
    Lint {
        /// Do the proposed merges
        #[arg(long)]
        apply: bool,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
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

// ---------------------------------------------------------------------------
// synth and search
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SynthFormat {
    /// A summary for the terminal
    #[default]
    Text,
    /// A study report to paste into a doc
    Md,
    /// Every view, for scripts
    Json,
    /// One row per note
    Csv,
    /// A self-contained web page with charts, for the team (print it to PDF from a browser)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum By {
    #[default]
    Segment,
    Company,
    Role,
    Guide,
}

impl From<By> for Dimension {
    fn from(b: By) -> Dimension {
        match b {
            By::Segment => Dimension::Segment,
            By::Company => Dimension::Company,
            By::Role => Dimension::Role,
            By::Guide => Dimension::Guide,
        }
    }
}

/// Which themes the matrix shows (see `synthesis::MatrixRanking`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MatrixBy {
    /// The themes groups differ on most
    #[default]
    Difference,
    /// The themes most interviews mention
    Overall,
}

impl From<MatrixBy> for MatrixRanking {
    fn from(m: MatrixBy) -> MatrixRanking {
        match m {
            MatrixBy::Difference => MatrixRanking::Difference,
            MatrixBy::Overall => MatrixRanking::Overall,
        }
    }
}

/// Which sessions and notes to look at; shared by `list`, `synth`, `search`
/// and `export`. `--filter` takes the filter language of the screens; the
/// other flags are shorthands for its keys (read in `cli/filter.rs`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// The filter as the screens take it: key:value words and free words,
    /// e.g. "segment:smb since:30d pricing"
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<String>,
    /// Only interviews on or after this day: YYYY-MM-DD, or 30d, 6w, 3m, 1y ago
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only interviews on or before this day: YYYY-MM-DD, or 30d, 6w, 3m, 1y ago
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only participants whose segment contains this (any case)
    #[arg(long)]
    pub segment: Option<String>,
    /// Only interviews run with this guide
    #[arg(long)]
    pub guide: Option<String>,
    /// Only notes carrying this tag (and the interviews that have one)
    #[arg(long)]
    pub tag: Option<String>,
    /// Only participants whose name contains this (any case)
    #[arg(long)]
    pub participant: Option<String>,
    /// Only participants whose company contains this (any case)
    #[arg(long)]
    pub company: Option<String>,
    /// Only participants whose role contains this (any case)
    #[arg(long)]
    pub role: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// How to print it
    #[arg(long, short, value_enum, default_value_t)]
    pub format: SynthFormat,
    /// What the rows of the segment × theme matrix are
    #[arg(long, value_enum, default_value_t)]
    pub by: By,
    /// Which themes the matrix shows: those the groups differ on most (largest difference in
    /// share between a group of 3+ interviews and the rest), or the most common overall
    #[arg(long, value_enum, default_value_t)]
    pub matrix: MatrixBy,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Participants become P1, P2… (by first interview) and companies C1, C2…, in every line
    /// (names in any case, accents folded); e-mail addresses and phone numbers are masked
    #[arg(long)]
    pub anonymize: bool,
    /// Reports quote only what the recording's transcript bears out (verbatim or close; see `quotes check`)
    #[arg(long)]
    pub verified_quotes: bool,
    /// How many themes to show (text, md) and to put in the matrix
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Say on stderr how the library was read (cache hits, files parsed)
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for: every word must match a word of the note, closing answer or
    /// summary (or its start, or with a typo in words of 4+ letters)
    pub query: String,
    /// At most this many results
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Print JSON (with the matched character positions) instead of text
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Participants become P1, P2… and companies C1, C2…; e-mail addresses and phone numbers are masked
    #[arg(long)]
    pub anonymize: bool,
    /// Also search what was said: the lines of the interviews' transcripts (at most --limit
    /// of them, after the notes), with speaker and time
    #[arg(long)]
    pub transcripts: bool,
}

// ---------------------------------------------------------------------------
// themes, config, completions
// ---------------------------------------------------------------------------

#[derive(Debug, clap::Args)]
#[command(after_help = "Without NAME, lists the themes; the one in use is marked with *.\n\
    FIELDNOTES_COLORS=16 previews the 16-colour fallback; NO_COLOR shows modifiers only.")]
pub struct ThemesArgs {
    /// Preview this theme: a sample of every role, in the terminal's colours
    #[arg(value_name = "NAME", conflicts_with_all = ["preview", "all"])]
    pub name: Option<String>,
    /// Preview this theme (the same as giving NAME)
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    pub preview: Option<String>,
    /// Preview every theme, one after another
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// Print where config.yaml is (whether or not it exists)
    Path,
    /// Print the configuration in effect, every key with its default filled in (YAML)
    Show,
    /// Write a commented config.yaml with every key and its default
    Init {
        /// Replace an existing config.yaml
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Install, for example:\n  \
    fieldnotes completions bash > ~/.local/share/bash-completion/completions/fieldnotes\n  \
    fieldnotes completions zsh > ~/.zfunc/_fieldnotes      # with fpath+=~/.zfunc before compinit\n  \
    fieldnotes completions fish > ~/.config/fish/completions/fieldnotes.fish\n  \
    fieldnotes completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum TranscriptCommand {
    /// Attach a transcript export (WebVTT from Zoom or Teams, SRT, Otter's text, lines stamped hh:mm:ss) to an interview
    Import {
        /// Session id, or a unique prefix of one
        id: String,
        /// The transcript file the meeting tool exported
        file: PathBuf,
        /// Seconds to add to the interview clock to reach the recording's (+35, -0:12); found from the notes when left out
        #[arg(long, allow_hyphen_values = true)]
        offset: Option<String>,
        /// The interviewer's name as the transcript writes it; guessed (who asks the questions) when left out
        #[arg(long)]
        interviewer: Option<String>,
    },
    /// Print the transcript, on the recording's clock
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Find the offset between the interview clock and the recording's from the notes
    Align {
        id: String,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        /// Keep the offset found in the session file
        #[arg(long)]
        save: bool,
    },
    /// The listening coach: the interviewer's share of the talking, longest stretch, and flagged questions
    Stats {
        id: String,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Remove the transcript (its file and the session's line for it)
    Remove { id: String },
}

#[derive(Debug, Subcommand)]
pub enum QuotesCommand {
    /// Say for every quote whether it was said word for word, nearly (naming the difference), or not found
    Check {
        /// One session (id or unique prefix); every session with a transcript when left out
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// Coder A's library: a data dir or a clone of the team library (or its sessions/ folder)
    pub dir_a: PathBuf,
    /// Coder B's library
    pub dir_b: PathBuf,
    /// Only these codes, comma-separated (default: every code either coder used)
    #[arg(long, value_name = "A,B")]
    pub codes: Option<String>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ProjectFormat {
    /// A REFI-QDA project: a zip of project.qde and the sources as plain text
    #[default]
    Qdpx,
}

#[derive(Debug, clap::Args)]
pub struct ProjectExportArgs {
    #[arg(long, short, value_enum, default_value_t)]
    pub format: ProjectFormat,
    /// The file to write (e.g. study.qdpx)
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Participants become P1, P2… and companies C1, C2… in every name and text; e-mails and phones masked
    #[arg(long)]
    pub anonymize: bool,
}

#[derive(Debug, Subcommand)]
pub enum CodebookCommand {
    /// Propose a codebook from the tags in use (descriptions left to fill)
    Init {
        /// Replace an existing codebook.yaml
        #[arg(long)]
        force: bool,
    },
    /// Write the codebook as REFI-QDA XML (.qdc: NVivo, ATLAS.ti, MAXQDA, QualCoder) or CSV (Taguette, Dovetail, spreadsheets)
    Export {
        #[arg(long, short, value_enum, default_value_t = CodebookFormat::Qdc)]
        format: CodebookFormat,
        /// The file to write (default: standard output)
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge a codebook from another tool into codebook.yaml (.qdc, a .qdpx project's, or CSV), and say what changed
    Import {
        /// A .qdc, .qdpx/.qde or .csv file (told apart by their content)
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CodebookFormat {
    /// REFI-QDA codebook XML
    #[default]
    Qdc,
    /// tag,description,theme,… (Taguette's and Dovetail's columns first)
    Csv,
}
