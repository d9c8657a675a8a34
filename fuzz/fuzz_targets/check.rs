//! Fuzz target: arbitrary bytes as a case file beside the sample cases, through reading, the
//! rules and every output format of `check` (`emit::FORMATS`). Half of the inputs are first
//! made case-shaped: spliced into a sample case, so that the fuzzer reaches the walk and the
//! rules, not only the parser. Run: `cargo +nightly fuzz run check` (see README).
#![no_main]

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn repo() -> &'static PathBuf {
    static REPO: OnceLock<PathBuf> = OnceLock::new();
    REPO.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = std::env::temp_dir().join(format!("ordnat-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("cases")).expect("mkdir");
        std::fs::copy(root.join("ordnat.toml"), dir.join("ordnat.toml")).expect("toml");
        for name in ["2026-001-novasiran.yaml", "2026-009-exempelmab.yaml"] {
            std::fs::copy(root.join("cases").join(name), dir.join("cases").join(name))
                .expect("case");
        }
        dir
    })
}

const SAMPLE: &str = include_str!("../../cases/2026-009-exempelmab.yaml");

fuzz_target!(|data: &[u8]| {
    let dir = repo();
    let bytes: Vec<u8> = match data.split_first() {
        Some((flag, rest)) if flag % 2 == 0 => {
            // Case-shaped: the input replaces a stretch of a real case.
            let at = usize::from(*flag) * SAMPLE.len() / 256;
            let mut out = SAMPLE.as_bytes()[..at].to_vec();
            out.extend_from_slice(rest);
            let tail = SAMPLE.as_bytes().get(at + rest.len().min(40)..).unwrap_or_default();
            out.extend_from_slice(tail);
            out
        }
        _ => data.to_vec(),
    };
    std::fs::write(dir.join("cases/2099-001-fuzz.yaml"), &bytes).expect("write");
    for format in ordnat::emit::FORMATS {
        let cli = ordnat::cli::Cli::try_parse_from([
            "ordnat", "check", "--today", "2026-11-23", "--format", format.name,
        ])
        .expect("arguments");
        let ordnat::cli::Command::Check(args) = &cli.command else {
            unreachable!()
        };
        let _ = ordnat::commands::check_output(args, cli.today.as_deref(), Some(dir), false);
    }
});
