//! The floor for `scripts/bench.sh`: only the YAML parser's events (granit-parser, the parser
//! under serde-saphyr) for every case file under a folder, single core, nothing built.
//!
//!     cargo bench --bench parser_events -- DIR

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

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("användning: cargo bench --bench parser_events -- MAPP");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    paths.sort();
    let start = Instant::now();
    let (mut events, mut failed) = (0usize, 0usize);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            failed += 1;
            continue;
        };
        for item in Parser::new_from_str(&text) {
            match item {
                Ok((event, _span)) => {
                    if !matches!(event, Event::StreamEnd) {
                        events += 1;
                    }
                    drop(std::hint::black_box(event));
                }
                Err(_) => {
                    failed += 1;
                    break;
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{secs:.3} s, {events} händelser, {failed} filer med fel");
}
