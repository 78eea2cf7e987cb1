//! fieldnotes: take, tag and share customer-interview notes in the terminal.
//!
//! # Module map (read this first)
//!
//! `src/` is layered. Each folder is a layer; a file may use its own layer
//! and the ones below it, never one above (`tests/layers.rs` fails when an
//! import breaks that, when `domain/` or `analysis/` does I/O, or when two
//! modules use each other). From the bottom up:
//!
//! | layer | its job | may use |
//! |---|---|---|
//! | `text/` | text as the terminal and the reader get it | nothing of ours |
//! | `domain/` | the vocabulary, no I/O | `text` |
//! | `analysis/` | pure computations and report formats, no I/O | `domain`, `text` |
//! | `store/` | everything that touches the disk | the three below |
//! | `team/` | a library shared through git | the four below |
//! | `tui/` | the terminal app | the five below |
//! | `cli/` | the command line | all of the above |
//!
//! `main.rs` (the binary) parses the arguments, resolves the folders and the
//! config, then runs a command (`cli/`) or the app (`tui/`).
//!
//! **`text/`**: `out.rs` is the one door to stdout and stderr (`say!`,
//! `warn!`, `out::data` exact when piped, a closed stdout exits 141) and the
//! one sanitizer (`inert`, `is_unsafe_char`); `width.rs` measures text as the
//! terminal shows it (truncate with `…`, or at a word for lists of tags; wrap,
//! fit, clocks: every cut on screen goes through it and ends in `…`); `counts.rs` says
//! counts as people read them ("1 note", "98,478 notes"); `yaml/` turns YAML
//! text into values and back, with errors that name the line, the column and
//! the key (`yaml/fast.rs`: a fast reader for the layout fieldnotes writes,
//! stepping aside for anything else; `yaml/fast/de.rs` hands its tree to serde).
//!
//! **`domain/`**: `guide.rs`; `session/` (the session file, the contract with
//! users and teammates: its types, sittings and time labels, ids, offsets,
//! lenient readers, the summary's template); `note.rs` (markers, kinds, #tags); `op.rs` (every change
//! as data: one `apply` for the screen, the writer and recovery);
//! `transcript.rs` (cues, speakers, the clock offset to a recording);
//! `codebook.rs` (the team's codes: meanings, aliases, themes above them).
//! `study.rs` (a study file: objective, hypotheses, quotas, filter, saturation
//! rule); `person.rs` (someone on the roster and their status).
//!
//! **`analysis/`**: `synthesis/` (one pass over the library's records: records
//! and filter, the one filter language in `filter_line.rs` that the library,
//! the synthesis, follow-ups and `--filter` all read, themes and pains with their evidence, the segment matrix,
//! pairs, closing answers, coverage); `codebook/` (the codebook against the
//! library: tag use, `codebook init`'s proposal, near-duplicate tags in
//! `hygiene.rs`, themes rolled up over tags in `rollup.rs`); `figures.rs`
//! (every share, computed and rounded once for the screen and every format);
//! `search/` (by words; `texts.rs`: any texts by the same rules, and a word index for many);
//! `anonymize.rs` (names, e-mails and phones out of what is shared);
//! `report/` (the formats of a shared report: text, Markdown, JSON, CSV,
//! search results, HTML, through one anonymised `View` and one choice of
//! evidence; `personas.rs`: persona drafts of a report's interviews; the study
//! page of `study --format html` in `html/study_page/`); `snapshot.rs` (one interview as Markdown); `lint/` (the guide
//! linter; rules are data in `lint/rules.yaml`); `guide_markdown/` (guides from
//! and to Markdown); `transcript/` (transcript formats read and written, the
//! offset found from the notes, quotes checked against what was said);
//! `agreement/` (two coders' tags compared: notes matched, Cohen's kappa per
//! code and pooled, the disagreements); `refi/` (the REFI-QDA exchange
//! standard: stable GUIDs, XML-safe text, source positions, the `CodeBook`
//! element, the whole `project.qde`); `codebook_csv.rs` (codebooks as CSV);
//! `codebook_merge.rs` (an imported codebook merged, and what changed);
//! `codebook_convert.rs` (the library's codebook to and from the exchange's);
//! `study/` (the study computed: quotas, hypotheses evidence, saturation,
//! trends, persona drafts, roster links, CSV candidates, what each guide
//! question yields in `guide_yield.rs`, and its formats).
//!
//! **`store/`**: `paths.rs` (data and config folders, where each file lives);
//! `yaml.rs` (reading files within budgets); `session_files.rs` (listing and
//! loading sessions); `library.rs` (the folder's rows, read through the
//! compact index of summaries in `cache/index.rs`, whose newest rows are
//! previewed unchecked for the first frame; `session_info.rs`: one row's
//! summary, no note text); `cache/` (every file reduced to a record for
//! the synthesis, and the index, both keyed on each file and never trusted
//! over the YAML); `note_texts.rs` (the notes' text for free words, read only
//! when asked, and searched off the UI thread for the library's `/`);
//! `library_transcripts.rs` (every transcript of the library, read with it, for
//! quote marks and transcript lines in search; `cache/transcripts.rs` keeps
//! them and the quotes' verdicts, keyed on the session file and its `.vtt`); `transcript_coach.rs` (the
//! listening coach's lines for a wrap-up, read when the interview opens);
//! `writer/` (the one writer thread: its handle, its loop, and the verdicts on
//! close with the rescue); `journal.rs`, `disk.rs` (atomic saves, with a hook
//! per step for crash tests), `lock.rs`, `recovery.rs`, `rescue.rs` (a session
//! written elsewhere when its folder refuses); `guides.rs`; `lint_rules.rs`;
//! `qdpx.rs` (a REFI-QDA project zipped and written atomically).
//! `study_files.rs` (`study.yaml`, `studies/`, the roster in `people/`).
//! `study_library.rs` (the library as the study reads it: records, roster, links);
//! `person_status.rs` (a person's status set by its lines, comments kept).
//!
//! **`team/`**: `sync/` (the `sync` and `init-team` commands over the system
//! `git`: what they print, the repository checks, the git plumbing).
//!
//! **`tui/`**: `run.rs` (the main loop, and the only I/O the app does outside
//! `store/`: loading a chosen session; `run/jobs.rs`: its work off the UI
//! thread, reports written, the synthesis and study read, and the synthesis
//! screen's figures and search computed on its worker); `event.rs` (input and signal
//! threads feeding one channel); `file_jobs.rs` (files written outside the
//! open session, off the UI thread, in order: exports, a star from the
//! synthesis, a follow-up ticked in the list); `terminal.rs` (the terminal guard, panic hook,
//! `$EDITOR` and Ctrl-Z hand-over); `screen.rs` (the frame loop: the views
//! draw on a ratatui frame, and only the cells beside unchanged panes are
//! compared with the terminal's and written); `frame_out.rs` (each frame held and
//! written to the terminal in one piece); `editor.rs`; `mouse.rs`; `action.rs` (every
//! intent as an `Action`); `keymap/` (the default table, key syntax, names in
//! the config, user remaps and conflicts, help rows: behaviour and help read
//! the same table; `concepts.rs`: save, sort, filter, search, clear, undo,
//! help, back and quit, one key each on every screen); `text_input.rs`; `revision.rs` (numbers unique across the process, for what views keep between frames); `theme/`; `config.rs` (the user's
//! `config.yaml`, mostly keys and theme); `app/` (the model: pure
//! `update(action, now) -> effects`, one file or folder per screen;
//! `codebook_tags.rs`: aliases and descriptions where tags are chosen;
//! `synthesis/codebook_themes.rs`: the Themes view grouped by the codebook's
//! themes, drawn by `ui/synthesis/codebook_themes.rs`; `synthesis/compute.rs`:
//! the synthesis and search as a job for the worker, and its answer;
//! `synthesis/refresh.rs`: asking for them, and taking only the newest answer); `ui/`
//! (views, one per screen, that only borrow the model; `ui/field.rs`: the
//! note, edit and closing inputs, which grow as their text wraps; `ui/text.rs`:
//! `truncate_line` for status lines). Quick tagging in the session view
//! is `app/quick_tag.rs` (only the untagged notes, a library walk's place). The session view's
//! transcript pane is `app/transcript_pane.rs` (follow, walk, quote from
//! lines, replace a paraphrase, nudge the offset, import) and
//! `ui/transcript_pane.rs` (its lines and the quote marks). The new-interview
//! form's roster list is `app/roster_pick.rs` and `ui/roster_pick.rs`; its
//! list of the library's segments is `app/segment_pick.rs` and `ui/segment_pick.rs`
//! (both lists drawn by `ui/offer_list.rs`);
//! the session view's rename of the participant (`P`) is `app/rename.rs`.
//! The library's filter, sort and facet picker, and its visible rows computed
//! once per change, are `app/library_view.rs` (the rest of the home screen,
//! the new-interview form, is `app/home.rs`).
//! The live screen's guide pane (asked marks, peeking ahead) is drawn by
//! `ui/capture_guide.rs`, its notes pane by `ui/capture_notes.rs` (each note's
//! wrapped lines kept between frames until the note, the width, the selection
//! or the theme changes), the rest of that screen by `ui/capture.rs`.
//! `ui/pane_cache.rs` keeps a pane's cells while its lines stay the same (or
//! while the key of what they are made of does: every pane of the live
//! screen, its header and footer too), and tells the frame loop which panes
//! it may leave out; `ui/layers.rs` is how the views place the cursor and
//! draw popups over panes. The tag palette's rows are kept between frames by
//! `app/capture/palette_rows.rs`.
//! The live screen's footer (the closing question and the keys) is
//! `ui/capture_footer.rs`; what saving says, there and in the session view's
//! header, `ui/save_status.rs`; every screen's row of key hints is drawn by
//! `ui/footer.rs`.
//! The study screen is `app/study/` (sections, scroll, the read asked of
//! `store::study_library::read_study` off the UI thread) and `ui/study/`
//! (recruiting, hypotheses, saturation chart, trends sparklines, personas).
//!
//! **`cli/`**: `args.rs` (every clap definition); one file per command group:
//! `commands/` (library, tags and `tags lint`, the codebook's listing and
//! `init`), `filter.rs` (`--filter` and its shorthands read into one filter),
//! `guide.rs`, `synth.rs` (`synth`, `search`), `settings.rs` (themes,
//! config, completions, man page), `man_page.rs` (the one man page, every command in it); `agree.rs` (`agree`); `exchange.rs`
//! (`export --format qdpx`, codebook import/export); `study.rs` (`study`,
//! `people`, `personas`, `new --person`) with its clap types in `study_args.rs`.
//!
//! # A keystroke, from the key to the file on disk
//!
//! `tui/event.rs` reads the key and sends it down one channel; `tui/run.rs`
//! asks `tui/keymap` which `Action` it is in the current mode;
//! `tui/app` `App::update` applies the change to its model as a
//! `domain::op::Op` and returns `Effect::Persist(op)`; `run.rs` hands the op
//! to the writer thread (`store/writer`), which applies the same op to its
//! copy, appends it to the journal (`store/journal.rs`) and syncs, then
//! replies; the footer turns to "● saved" only then. When the session is idle,
//! and on end and quit, the writer rewrites the YAML atomically
//! (`store/disk.rs`) and starts a new journal. `tui/ui` draws the next frame
//! from the model.
//!
//! Outside `src/`: `sample-guides/` and `themes/` (embedded), `tests/`,
//! `benches/` (criterion; `compare.sh` against jrnl; figures in
//! BENCHMARKS.md), `examples/gen_library.rs` (generated libraries for tests
//! and benches), and `fuzz/` (a cargo-fuzz target for the session loader).

pub mod analysis;
pub mod cli;
pub mod domain;
pub mod store;
pub mod team;
pub mod text;
pub mod tui;
