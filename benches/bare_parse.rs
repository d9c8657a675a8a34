//! The yardstick for `scripts/bench.sh`: a bare single-core parse of every case file under a
//! folder with the same YAML library into `serde_json::Value`, no positions, no checks.
//!
//!     cargo bench --bench bare_parse -- DIR

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
        eprintln!("användning: cargo bench --bench bare_parse -- MAPP");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    paths.sort();
    let start = Instant::now();
    let (mut ok, mut failed) = (0usize, 0usize);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            failed += 1;
            continue;
        };
        match serde_saphyr::from_str::<serde_json::Value>(&text) {
            Ok(value) => {
                ok += 1;
                drop(std::hint::black_box(value));
            }
            Err(_) => failed += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{secs:.3} s, {ok} filer tolkade, {failed} med fel");
}
