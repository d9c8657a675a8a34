//! clap in Swedish: the one `clap::Command` behind parsing, `--help`, `ordnat help`, shell
//! completions and the man page, with clap's own English words replaced. The help template,
//! the headings, the usage line, the help and version flags, the notes on possible, default
//! and environment values are rewritten here from the clap definitions in `cli`; parse errors
//! are told in Swedish from the error's context (clap's own rendering is the fallback for
//! kinds not listed).
//!
//! May use: `cli`, `text`.

use crate::cli::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";
const ARGUMENTS: &str = "Argument";
const OPTIONS: &str = "Flaggor";
const COMMANDS: &str = "Kommandon";

/// The command line of `ordnat`, in Swedish.
pub fn command() -> Command {
    let cmd = swedish(Cli::command(), true);
    // The usage line is clap's, with its `[OPTIONS]` in Swedish: computed on a built copy.
    let mut built = cmd.clone();
    built.build();
    let root = usage(&mut built);
    let subs: Vec<(String, String)> = built
        .get_subcommands_mut()
        .map(|s| (s.get_name().to_string(), usage(s)))
        .collect();
    let mut cmd = cmd.override_usage(root);
    for (name, u) in subs {
        cmd = cmd.mut_subcommand(name, |s| s.override_usage(u));
    }
    cmd
}

/// The parsed command line, or the exit code after help, the version or a parse error has
/// been printed.
pub fn parse() -> Result<Cli, u8> {
    parse_from(std::env::args_os())
}

/// `parse` for given arguments (the first is the program's name).
pub fn parse_from<I, T>(args: I) -> Result<Cli, u8>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    // The subcommand asked for, for the help to point at when clap's error has no usage line
    // (a value rejected by a command's own check, such as `check --format`).
    let subcommand = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .find(|a| !a.starts_with('-') && command().find_subcommand(a).is_some());
    let parsed = command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            2
        }
        _ => {
            eprint!("{}", error_text(&e, subcommand.as_deref()));
            2
        }
    })
}

/// A parse error in Swedish: what is wrong, a suggestion, the usage line, and where to read
/// more: the help of the command that failed (`subcommand`, when clap's error does not name
/// it by its usage line).
pub fn error_text(e: &clap::Error, subcommand: Option<&str>) -> String {
    let get = |kind| context(e, kind);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::InvalidValue => {
            let mut m = if value.is_empty() {
                format!("`{arg}` behöver ett värde")
            } else {
                format!("`{value}` är inget giltigt värde för `{arg}`")
            };
            if let Some(valid) = get(ContextKind::ValidValue) {
                m.push_str(&format!("; möjliga värden: {valid}"));
            }
            m
        }
        ErrorKind::UnknownArgument => format!("okänt argument `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "okänt kommando `{}`",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("ange {arg}"),
        ErrorKind::MissingSubcommand => "ange ett kommando".to_string(),
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) => format!("`{arg}` kan inte anges tillsammans med `{prior}`"),
            None => format!("`{arg}` kan inte anges här"),
        },
        ErrorKind::NoEquals => format!("`{arg}` skrivs med likhetstecken: `{arg}=VÄRDE`"),
        ErrorKind::TooManyValues => format!("oväntat värde `{value}` för `{arg}`"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("fel antal värden för `{arg}`")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("`{value}` är inget giltigt värde för `{arg}`{why}")
        }
        ErrorKind::InvalidUtf8 => "ett argument är inte giltig UTF-8".to_string(),
        _ => return e.render().to_string(),
    };
    let suggestion = [
        ContextKind::SuggestedValue,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
    ]
    .into_iter()
    .find_map(|kind| match e.get(kind)? {
        ContextValue::String(s) => Some(vec![s.clone()]),
        ContextValue::Strings(v) if !v.is_empty() => Some(v.clone()),
        _ => None,
    })
    .map(|s| format!("; menade du `{}`?", s.join("` eller `")))
    .unwrap_or_default();
    let usage = get(ContextKind::Usage).map(|u| u.replacen("Usage:", "", 1).trim().to_string());
    // The command that failed, from its usage line (`ordnat checklist [FLAGGOR] …`).
    let fallback = match subcommand {
        Some(sub) => format!("ordnat {sub}"),
        None => "ordnat".to_string(),
    };
    let command: Vec<String> = usage
        .as_deref()
        .unwrap_or(&fallback)
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<']))
        .map(str::to_string)
        .collect();
    let usage = usage
        .map(|u| format!("\n\nAnvändning: {u}"))
        .unwrap_or_default();
    format!(
        "ordnat: fel: {message}{suggestion}{usage}\n\nMer hjälp: {} --help\n",
        command.join(" ")
    )
}

/// One item of an error's context, as text.
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The help text of a command (`ordnat help check`): the long help, without colour.
pub fn long_help(path: &[String]) -> Result<String, String> {
    let mut cmd = command();
    cmd.build();
    let mut current = &mut cmd;
    for name in path {
        let names: Vec<String> = current
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        if !names.iter().any(|n| n == name) {
            let known: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = crate::text::closest(name, &known)
                .map(|c| format!("; menade du `{c}`?"))
                .unwrap_or_else(|| format!("; kommandona är {}", known.join(", ")));
            return Err(format!("okänt kommando `{name}`{hint}"));
        }
        let Some(sub) = current.find_subcommand_mut(name) else {
            return Err(format!("okänt kommando `{name}`"));
        };
        current = sub;
    }
    Ok(current.render_long_help().to_string())
}

/// The man page of `ordnat` (or of one of its commands), section headings in Swedish.
pub fn man_page(name: Option<&str>) -> Result<String, String> {
    let mut cmd = command();
    cmd.build();
    let page = match name {
        None => cmd,
        Some(name) => {
            let known: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            let Some(sub) = cmd.find_subcommand(name) else {
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                let hint = crate::text::closest(name, &known)
                    .map(|c| format!("; menade du `{c}`?"))
                    .unwrap_or_else(|| format!("; kommandona är {}", known.join(", ")));
                return Err(format!("okänt kommando `{name}`{hint}"));
            };
            sub.clone()
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .manual("Allmänna kommandon")
        .render(&mut out)
        .map_err(|e| format!("kan inte skriva manualsidan: {e}"))?;
    let text = String::from_utf8_lossy(&out);
    Ok(text
        .lines()
        .map(|line| match line {
            ".SH NAME" => ".SH NAMN".to_string(),
            ".SH DESCRIPTION" => ".SH BESKRIVNING".to_string(),
            ".SH AUTHORS" => ".SH UPPHOV".to_string(),
            ".SH EXTRA" => ".SH ÖVRIGT".to_string(),
            ".SH SUBCOMMANDS" => ".SH KOMMANDON".to_string(),
            l if l.starts_with(".SH ") => l.to_uppercase(),
            l => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n")
}

/// Shell completions for `ordnat`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "ordnat", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A built command's usage, without clap's English heading and with `[FLAGGOR]`.
fn usage(cmd: &mut Command) -> String {
    let text = cmd.render_usage().to_string();
    let text = text.trim();
    text.strip_prefix("Usage:")
        .unwrap_or(text)
        .trim()
        .replace("[OPTIONS]", "[FLAGGOR]")
}

/// One command and its subcommands with Swedish headings, flags and notes.
fn swedish(cmd: Command, root: bool) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading(COMMANDS)
        .subcommand_value_name("KOMMANDO")
        .disable_help_flag(true)
        .mut_args(swedish_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Visa hjälpen (-h kort, --help utförligt)")
                .help_heading(OPTIONS),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Visa versionen")
                .help_heading(OPTIONS),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| swedish(s, false));
    }
    cmd
}

/// One argument: its heading, and clap's English notes (possible values, default value,
/// environment variable) written into its help in Swedish.
fn swedish_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let takes_value = arg.get_action().takes_values();
    let values: Vec<clap::builder::PossibleValue> = if takes_value {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    let mut notes = Vec::new();
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        notes.push(format!("[värden: {}]", names.join(", ")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        notes.push(format!("[standard: {}]", defaults.join(" ")));
    }
    if let Some(env) = arg.get_env() {
        notes.push(format!("[miljövariabel: {}]", env.to_string_lossy()));
    }
    let short = join(&help, &notes.join(" "), " ");
    let described: Vec<String> = values
        .iter()
        .filter_map(|v| v.get_help().map(|h| format!("  {}: {h}", v.get_name())))
        .collect();
    let mut arg = arg.help_heading(heading).hide_env(true).help(short);
    if takes_value {
        arg = arg.hide_possible_values(true).hide_default_value(true);
    }
    if !described.is_empty() {
        let mut long = format!("{help}\n\nVärden:\n{}", described.join("\n"));
        if takes_value && !defaults.is_empty() {
            long.push_str(&format!("\n\n[standard: {}]", defaults.join(" ")));
        }
        arg = arg.long_help(long);
    }
    arg
}

fn join(a: &str, b: &str, sep: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}{sep}{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_swedish_command_line_is_consistent() {
        command().debug_assert();
    }
}
