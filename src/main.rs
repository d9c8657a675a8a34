//! The `ordnat` binary: parse the command line, run one command, map the outcome to an exit code.

use ordnat::text::sanitize;

fn main() -> std::process::ExitCode {
    let cli = match ordnat::help::parse() {
        Ok(cli) => cli,
        Err(code) => return std::process::ExitCode::from(code),
    };
    match ordnat::commands::run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(err) => {
            // The error may quote a case file's name or text: its control characters shown.
            let message = format!("{err:#}");
            let message = sanitize::controls(&message, sanitize::Keep::LAYOUT);
            eprintln!("ordnat: fel: {message}");
            std::process::ExitCode::from(2)
        }
    }
}
