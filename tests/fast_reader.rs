//! The differential test of the fast reader: on every sample case and on many mutations of
//! them, the tree built straight from the parser's events (`read::parse_fast`) is exactly the
//! tree of the general path through serde-saphyr (`tree::parse_general`): values, positions
//! and byte ranges. Where the fast path declines a file, the general path reads it.

mod common;
use common::mutate::{Rng, mutate, samples};
use ordnat::read::parse_fast;
use ordnat::read::tree::parse_general;

fn same_tree(name: &str, text: &str) -> bool {
    let Some(fast) = parse_fast(text) else {
        return false;
    };
    match parse_general(text) {
        Ok(general) => assert_eq!(fast, general, "{name}: the trees differ\n{text}"),
        Err(err) => {
            panic!("{name}: the fast path read a file the general path rejects ({err:?})\n{text}")
        }
    }
    true
}

#[test]
fn every_sample_case_takes_the_fast_path_and_builds_the_same_tree() {
    for (name, text) in samples() {
        assert!(
            same_tree(&name, &text),
            "{name}: the fast path declined a sample case"
        );
        let crlf = text.replace('\n', "\r\n");
        same_tree(&format!("{name} (CRLF)"), &crlf);
    }
}

#[test]
fn mutated_cases_build_the_same_tree_on_both_paths() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut fast, mut total) = (0, 0);
    for (name, text) in samples() {
        for round in 0..300 {
            let mutated = mutate(&text, &mut rng);
            total += 1;
            if same_tree(&format!("{name} mutation {round}"), &mutated) {
                fast += 1;
            }
        }
    }
    // The mutations must exercise the fast path, not only its way out.
    assert!(
        fast * 3 > total,
        "only {fast} of {total} mutations took the fast path"
    );
}

#[test]
fn small_documents_build_the_same_tree_on_both_paths() {
    for text in [
        "",
        "\n",
        "# kommentar\n",
        "---\n",
        "--- \n...\n",
        "~",
        "null\n",
        "a\n",
        "- 1\n- 2\n",
        "a: 1\n",
        "a:\n",
        "a: ~\nb: null\n",
        "[1, 2]\n",
        "{a: 1, b: [x, y]}\n",
        "a: |\n  x\n  y\n",
        "a: >-\n  x\n  y\nb: 2\n",
        "a: 'x'\nb: \"y\\tz\"\n",
        "no: 1\n0391: 2\ny: 3\n1.50: 4\n",
        "a:\n- 1\n- b: 2\n  c: 3\n",
        "a: b\n  c\n",
        "a: [1,\n 2]\n",
        "\u{feff}a: 1\n",
        "a: 1\r\nb: 2\r\n",
        "a: 2026-01-20\nb: 007\nc: -1\nd: +1\ne: 1.5\n",
        "? a\n: b\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\na: 2\n",
        "a:\n  - [1, {b: c}]\n",
        "'a b': 1\n\"c\": 2\n",
        "a: 99999999999999999999\n",
        "å: ö\n",
        "a: y\nb: N\nc: On\nd: FALSE\n",
    ] {
        same_tree(&format!("{text:?}"), text);
    }
}
