//! `ordnat`: validates and summarises the cases of *ordnat införande* kept as YAML files.
//!
//! Data flows one way, one folder per stage, and no stage uses a later one:
//!
//! ```text
//! workspace   find files, load settings (config) and every case file (read)
//!   read      bytes → YAML tree with spans → format walk → typed case (model)
//!   process   derive each case's flow, step states and phase
//!   rules     run every rule → diagnostics
//!   emit      one file per output format of `check`
//!   report    the committee report and the status lines: sections collected once, one file
//!             per output format, SVG charts
//! commands    one file per subcommand, wiring the stages; `main` maps the outcome to an exit code
//! ```
//!
//! Below them all: `text` (Swedish money, dates, did-you-mean, wrapping), `rule_id` (the
//! identity of every rule), `sources` (the documents the rules cite), `model` (the case types
//! and positions), `diagnostic` and the fixes a diagnostic may carry (`fix`). Every file ordnat writes goes through `write`, the one
//! guarded, atomic writer.

pub mod checklist;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod edit;
pub mod emit;
pub mod fix;
pub mod help;
pub mod init;
pub mod lsp;
pub mod meeting;
pub mod model;
pub mod new_case;
pub mod process;
pub mod public;
pub mod read;
pub mod reminders;
pub mod report;
pub mod rule_id;
pub mod rules;
pub mod schema;
pub mod sources;
pub mod status;
pub mod text;
pub mod workspace;
pub mod write;
