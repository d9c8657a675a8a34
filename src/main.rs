//! The `ordnat` binary: parse the command line, run one command, map the outcome to an exit code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = ordnat::cli::Cli::parse();
    match ordnat::commands::run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(err) => {
            eprintln!("ordnat: fel: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
