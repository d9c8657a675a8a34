//! The `ordnat` binary: parse the command line, run one command, map the outcome to an exit code.

/// mimalloc: reading a case allocates many small strings and vectors, and mimalloc serves them
/// in about a third of the system allocator's instructions (measured with
/// `CALLGRIND=1 scripts/bench.sh`; see the README, "Prestanda och robusthet").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
