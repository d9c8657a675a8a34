//! The yardsticks for `scripts/bench.sh`, single core, over every case file under a folder:
//! a bare parse with the same YAML library into `serde_json::Value` (no positions, no checks),
//! or with `--events` only the parser's events (granit-parser, the parser under serde-saphyr),
//! nothing built: the floor for any reader on that parser.
//!
//!     cargo bench --bench bare_parse -- DIR [--events]

use serde_saphyr::granit_parser::{Event, Parser};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// Parses `text` into a value; `false` when it is not valid YAML.
fn bare(text: &str) -> bool {
    serde_saphyr::from_str::<serde_json::Value>(text)
        .map(|value| drop(std::hint::black_box(value)))
        .is_ok()
}

/// Runs the parser over `text` and drops every event; `false` when it is not valid YAML.
fn events(text: &str) -> bool {
    for item in Parser::new_from_str(text) {
        match item {
            Ok((event, _span)) => {
                let end = matches!(event, Event::StreamEnd);
                drop(std::hint::black_box(event));
                if end {
                    break;
                }
            }
            Err(_) => return false,
        }
    }
    true
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("användning: cargo bench --bench bare_parse -- MAPP [--events]");
        std::process::exit(2);
    };
    let only_events = args.iter().any(|a| a == "--events");
    let mut paths = Vec::new();
    files(Path::new(dir), &mut paths);
    paths.sort();
    let start = Instant::now();
    let (mut ok, mut failed) = (0usize, 0usize);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            failed += 1;
            continue;
        };
        let parsed = if only_events {
            events(&text)
        } else {
            bare(&text)
        };
        if parsed {
            ok += 1;
        } else {
            failed += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{secs:.3} s, {ok} filer tolkade, {failed} med fel");
}
