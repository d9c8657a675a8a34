//! The `ordnat` binary: parse the command line, run one command, map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    let cli = match ordnat::help::parse() {
        Ok(cli) => cli,
        Err(code) => return std::process::ExitCode::from(code),
    };
    match ordnat::commands::run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(err) => {
            eprintln!("ordnat: fel: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
