//! Bad input: for each kind of broken or hostile file, the exact diagnostic (rule, line,
//! column, message), and the other files of the folder still checked. The binary runs on each
//! (no panic, exit code 101, ever), with a time limit. Large files are made at test time in a
//! temporary folder, never committed.

mod common;
use common::{Findings, Repo, TODAY, run_in};
use std::time::{Duration, Instant};

/// The bad file's name, and a control case beside it with one known finding.
const BAD: &str = "cases/2099-001-trasig.yaml";
const CONTROL: &str = "cases/2026-001-novasiran.yaml";

/// The sample repo with an unknown key in the control case and `bad` written as `BAD`.
fn repo_with(bad: &[u8]) -> Repo {
    let repo = Repo::sample();
    repo.edit(CONTROL, "\nspår: ", "\nspar: ");
    std::fs::write(repo.path(BAD), bad).expect("write");
    repo
}

/// Runs `check --format json` with a time limit; asserts no panic and that the control case was
/// still checked. Returns the findings.
fn check(repo: &Repo) -> Findings {
    let start = Instant::now();
    let out = run_in(
        repo.dir.path(),
        &["check", "--today", TODAY, "--format", "json"],
    );
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
    assert_ne!(out.code, 101, "panic: {}", out.stderr);
    assert!(
        matches!(out.code, 0..=2),
        "exit code {}: {}",
        out.code,
        out.stderr
    );
    let found = Findings::parse(&out);
    assert!(
        found.of("unknown-field").iter().any(|f| f.0 == CONTROL),
        "the control case was not checked: {:?}",
        found.items
    );
    found
}

/// The first diagnostic of `file`: (rule, line, column, message).
fn first(found: &Findings, file: &str) -> (String, u64, u64, String) {
    let d = found.json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["file"] == file)
        .unwrap_or_else(|| panic!("no finding for {file}: {:?}", found.items));
    (
        d["rule"].as_str().unwrap_or_default().to_string(),
        d["line"].as_u64().unwrap_or_default(),
        d["column"].as_u64().unwrap_or_default(),
        d["message"].as_str().unwrap_or_default().to_string(),
    )
}

fn expect(bad: &[u8], rule: &str, line: u64, col: u64, message: &str) {
    let repo = repo_with(bad);
    let found = check(&repo);
    assert_eq!(found.code, 1);
    assert_eq!(
        first(&found, BAD),
        (rule.to_string(), line, col, message.to_string()),
        "{}",
        String::from_utf8_lossy(bad)
    );
}

#[test]
fn broken_yaml_of_several_kinds() {
    let unclosed = "ett kolon på fel plats: saknas en avslutande `]` eller `}` ovanför?";
    expect(
        b"id: 2026-001\nindikation: [a, b\ntyp: x\n",
        "yaml-syntax",
        3,
        4,
        unclosed,
    );
    expect(
        b"id: \"2026-001\ntyp: x\n",
        "yaml-syntax",
        1,
        5,
        "citattecknet stängs aldrig",
    );
    let multi = "filen innehåller flera YAML-dokument (`---`); ett ärende är ett dokument";
    expect(
        b"id: 2026-001\n---\nid: 2026-002\n",
        "yaml-syntax",
        3,
        1,
        multi,
    );
}

#[test]
fn tab_indentation() {
    let tab = "tabbtecken kan inte användas för indrag i YAML; använd mellanslag";
    expect(
        b"id: 2026-001\nregionalt:\n\tbeslut: x\n",
        "yaml-syntax",
        3,
        1,
        tab,
    );
}

#[test]
fn under_indented_continuation_lines_are_errors() {
    let flow = "en rad är indragen mindre än det den fortsätter: saknas en avslutande `]` eller \
                `}` ovanför, eller ska raden dras in?";
    expect(
        b"id: 2026-001\nindikation: [a,\nb]\n",
        "yaml-syntax",
        3,
        1,
        flow,
    );
    let quoted = "en text inom citattecken fortsätter på en rad som inte är indragen mer än \
                  nyckeln: dra in fortsättningsraden, eller saknas ett avslutande citattecken?";
    expect(
        b"id: 2026-001\nindikation: \"a\nb\"\n",
        "yaml-syntax",
        3,
        1,
        quoted,
    );
}

#[test]
fn binary_tag_that_is_not_utf8_is_read_as_written() {
    // `/w==` decodes to the byte 0xFF: not text. The value is its base64 as written, and the
    // file gets every other check (here: the required keys), no `yaml-syntax`.
    let repo = repo_with(b"id: 2026-001\nindikation: !!binary \"/w==\"\n");
    let found = check(&repo);
    assert!(found.of("yaml-syntax").is_empty(), "{:?}", found.items);
    assert_eq!(
        first(&found, BAD),
        (
            "missing-field".into(),
            1,
            1,
            "`ärendet` saknar `typ`".into()
        )
    );
}

#[test]
fn empty_files_lists_and_comments() {
    let empty = "filen är tom: ett ärende saknas";
    expect(b"", "missing-field", 1, 1, empty);
    expect(b"# bara\n# kommentarer\n", "missing-field", 1, 1, empty);
    let repo = repo_with(b"- a\n- b\n");
    let found = check(&repo);
    assert_eq!(first(&found, BAD).0, "invalid-value", "{:?}", found.items);
}

#[test]
fn wrong_types_at_every_level() {
    let repo = repo_with(b"id: [1]\nregionalt: 5\nuppf\xc3\xb6ljning: {a: 1}\n");
    let found = check(&repo);
    let at: Vec<(u32, u32)> = found
        .of("invalid-value")
        .into_iter()
        .filter(|f| f.0 == BAD)
        .map(|f| (f.1, f.2))
        .collect();
    assert_eq!(at, [(1, 5), (2, 12), (3, 14)], "{:?}", found.items);
}

#[test]
fn bom_crlf_duplicates_and_complex_keys_are_read() {
    for bad in [
        &b"\xef\xbb\xbfid: 2026-001\n"[..],
        b"id: 2026-001\r\nx: 1\r\n",
        b"id: 2026-001\nid: 2026-002\n",
    ] {
        let found = check(&repo_with(bad));
        assert!(found.of("yaml-syntax").is_empty(), "{:?}", found.items);
    }
    let found = check(&repo_with(b"id: 2026-001\nid: 2026-002\n"));
    assert_eq!(
        found.of("duplicate-key").first().map(|f| (f.1, f.2)),
        Some((2, 1))
    );
    let found = check(&repo_with(b"? [a, b]\n: 1\n"));
    assert!(
        !found
            .items
            .iter()
            .any(|i| i.0 == BAD && i.3 == "yaml-syntax")
    );
}

#[test]
fn invalid_utf8_and_binary_files() {
    expect(
        b"id: 2026-001\ntitel: \xff\n",
        "yaml-syntax",
        2,
        8,
        "filen är inte giltig UTF-8",
    );
    let nul = "filen innehåller binära data (NUL-tecken), inte text";
    expect(
        b"\x00\x01\x02\x03\xff",
        "yaml-syntax",
        1,
        5,
        "filen är inte giltig UTF-8",
    );
    expect(b"\x00\x01\x02\x03", "yaml-syntax", 1, 1, nul);
}

#[test]
fn alias_bomb() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e")] {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str(&format!("g: [{}]\n", ["*f"; 9].join(", ")));
    let message = "filen expanderar till för många noder (alias-bomb?)";
    expect(bomb.as_bytes(), "yaml-syntax", 6, 16, message);
}

#[test]
fn huge_and_deep_files() {
    // 50 MB: over the limit, reported without being read.
    let repo = repo_with(b"id: 2026-001\n");
    let file = std::fs::File::create(repo.path(BAD)).expect("create");
    file.set_len(50 * 1024 * 1024).expect("size");
    let found = check(&repo);
    assert_eq!(first(&found, BAD).0, "unreadable-file");
    // 20 000 levels of flow nesting; 2 000 of block nesting (2 MB: deeper is over the size
    // limit, reported as above).
    for deep in [
        "[".repeat(20_000),
        (0..2_000)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect(),
    ] {
        let found = check(&repo_with(deep.as_bytes()));
        assert_eq!(first(&found, BAD).0, "yaml-syntax");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_unreadable_files_and_odd_names() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{PermissionsExt, symlink};
    // A loop, and a link out of the repo.
    let repo = repo_with(b"id: 2026-001\n");
    std::fs::remove_file(repo.path(BAD)).expect("rm");
    symlink(repo.path("cases/loop.yaml"), repo.path("cases/loop.yaml")).expect("loop");
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(outside.path().join("ute.yaml"), "id: 2026-999\n").expect("write");
    symlink(outside.path().join("ute.yaml"), repo.path("cases/ute.yaml")).expect("link");
    // A name that is not UTF-8.
    let odd = std::ffi::OsStr::from_bytes(b"cases/2099-002-\xff.yaml");
    std::fs::write(repo.dir.path().join(odd), "id: [\n").expect("odd name");
    let found = check(&repo);
    assert!(!found.of("unreadable-file").is_empty(), "{:?}", found.items);
    assert!(
        found.items.iter().any(|i| i.0.contains("2099-002-")),
        "{:?}",
        found.items
    );
    // An unreadable file (not testable as root, who reads everything).
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !root {
        let repo = repo_with(b"id: 2026-001\n");
        std::fs::set_permissions(repo.path(BAD), std::fs::Permissions::from_mode(0o000))
            .expect("chmod");
        let found = check(&repo);
        assert_eq!(first(&found, BAD).0, "unreadable-file");
    }
}

#[test]
fn a_missing_cases_folder_and_a_broken_config_exit_with_2() {
    let repo = Repo::sample();
    std::fs::remove_dir_all(repo.path("cases")).expect("rm");
    let out = run_in(repo.dir.path(), &["check", "--today", TODAY]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("ärendemappen"), "{}", out.stderr);
    let repo = Repo::sample();
    repo.write("ordnat.toml", "[regler]\nokänd-regel = \"fel\"\n[[[\n");
    let out = run_in(repo.dir.path(), &["check", "--today", TODAY]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("ordnat.toml"), "{}", out.stderr);
}
