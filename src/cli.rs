//! The command line: clap types only: commands, options and their Swedish help texts.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// ordnat: kontrollerar och sammanställer ärenden i ordnat införande av läkemedel,
/// medicinteknik och kunskapsstöd.
#[derive(Debug, Parser)]
#[command(name = "ordnat", version, about, long_about = None)]
pub struct Cli {
    /// Dagens datum (ÅÅÅÅ-MM-DD) för regler som beror på datum; standard är systemets datum.
    #[arg(long, global = true, env = "ORDNAT_TODAY", value_name = "DATUM")]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kontrollera ärendefilerna mot formatet och processens regler.
    Check(CheckArgs),
    /// Lista alla regler.
    Rules {
        /// Utdataformat.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Förklara en regel: vad den kontrollerar, varför och källan.
    Explain {
        /// Regelns namn, t.ex. `consequence-description`.
        rule: String,
    },
    /// Skriv ut JSON Schema för en ärendefil (eller för ordnat.toml med --config).
    Schema {
        /// Schemat för ordnat.toml i stället för en ärendefil.
        #[arg(long)]
        config: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Filer eller mappar att kontrollera; standard är ärendemappen i ordnat.toml.
    pub paths: Vec<PathBuf>,

    /// Utdataformat; standard är `github` när GITHUB_ACTIONS=true, annars `human` på en
    /// terminal och `concise` i övrigt.
    #[arg(long, value_name = "FORMAT", value_parser = check_formats())]
    pub format: Option<String>,

    /// Skriv rapporten (i --format, standard `concise`) till FIL; på standard ut kommer då
    /// fynden och sammanfattningen i standardformatet. Slutkoden är densamma.
    #[arg(long, value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Rapportera bara ärendefiler som ändrats sedan git-revisionen REV (tillagda, ändrade,
    /// omdöpta och nya ospårade filer); regler över flera filer läser ändå hela repot. Har
    /// ordnat.toml ändrats rapporteras alla ärenden.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,

    /// Gör en regel till fel; `-D warnings` gör alla varningar till fel.
    #[arg(short = 'D', long = "deny", value_name = "REGEL")]
    pub deny: Vec<String>,

    /// Gör en regel till varning.
    #[arg(short = 'W', long = "warn", value_name = "REGEL")]
    pub warn: Vec<String>,

    /// Stäng av en regel.
    #[arg(short = 'A', long = "allow", value_name = "REGEL")]
    pub allow: Vec<String>,
}

/// The values of `check --format`: the emitters' registry.
fn check_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::emit::FORMATS
            .iter()
            .map(|f| clap::builder::PossibleValue::new(f.name).help(f.help)),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}
