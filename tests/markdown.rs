//! Case text in Markdown reads exactly as written (issue 24, item 15), as the real consumers
//! render it: cmark-gfm (GitHub's renderer, through PyPI's `cmarkgfm`) and markdown-it with
//! `linkify` and HTML on (VS Code's preview). The report, the checklist, the agenda and the
//! decision briefs of a repo whose case texts hold markup, links of every kind, e-mail
//! addresses, table pipes, emphasis, code,
//! strikethrough, backslashes and line breaks: inside the rendered cell or line of each text
//! there is no link, image, script, emphasis, strikethrough or code, and its text is the case
//! text.
//!
//! The renderers are installed by `.ci/run`: markdown-it into `.ci/node/` (found through
//! `ORDNAT_NODE_MODULES`), cmarkgfm into the Python of `ORDNAT_MARKDOWN_PYTHON`. A test whose
//! renderer is missing fails when `CI=true` and skips with a note otherwise.

mod common;
use common::{Repo, TODAY};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MEETING: &str = "2026-12-03";

/// Texts that Markdown would read as markup, each the `indikation` of a case of its own.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)> och <b>fet</b>",
    "[x](javascript:alert(1)) och ![bild](http://x.se/i.png)",
    "Se <https://janusinfo.se/x> för detaljer",
    "=HYPERLINK(\"http://x\",\"y\")",
    "bare http://exempel.se/a?b=c&d=e och https://x.se/y, ftp://f.se",
    "www.x.se och WWW.Y.SE",
    "janusinfo.se och fass.se/x",
    "//localhost/x och localhost:3000",
    "a@b.se och anna.ek@regionhalland.se, mailto:c@d.se, xmpp:e@f.se",
    "@anna och <a@b.se>",
    "x | y || z",
    "*a* **b** _c_ __d__ a_b_c",
    "`kod` ``dubbel`` ```",
    "~~struken~~ ~en~",
    "a\\b \\* \\",
    "rad ett\nrad två\n\nstycke",
    "# rubrik",
    "- lista",
    "1. lista",
    "2) lista",
    "> citat",
    "---",
    "&amp; &lt; &#64; &copy",
    "$x^2$ och $$y$$",
    "[^1] och [ ] och [x]",
    "<!-- kommentar -->",
    "t.ex. 1.5 mg/kg, kl. 10:30",
];

/// The case with text `i`: the sample case that is ready for the meeting, under another id.
fn id(i: usize) -> String {
    format!("2026-{:03}", 200 + i)
}

/// A mark after each text, to find its cell or line in the rendered page.
fn marked(i: usize) -> String {
    format!("{} (fall {i})", HOSTILE[i])
}

fn repo() -> Repo {
    let repo = Repo::sample();
    let template = repo.read("cases/2026-007-lymfocel.yaml");
    for i in 0..HOSTILE.len() {
        let value = serde_json::to_string(&marked(i)).expect("json string");
        let text = template
            .replacen("id: 2026-007", &format!("id: {}", id(i)), 1)
            // A JSON string is a YAML double-quoted string.
            .replacen(
                "indikation: Diffust storcelligt B-cellslymfom, tredje linjen",
                &format!("indikation: {value}"),
                1,
            );
        repo.write(&format!("cases/{}-fall.yaml", id(i)), &text);
    }
    repo
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A missing renderer: a failure on CI, a note and a skip elsewhere.
fn missing(note: &str) {
    assert!(
        !std::env::var("CI").is_ok_and(|v| v == "true"),
        "{note}; .ci/run installs it"
    );
    let _ = writeln!(std::io::stderr(), "note: skipped: {note}");
}

/// markdown-it's folder, when node and the package are there.
fn markdown_it() -> Option<PathBuf> {
    let dir = std::env::var_os("ORDNAT_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".ci/node/node_modules"));
    let node = Command::new("node").arg("--version").output();
    if node.is_ok_and(|o| o.status.success()) && dir.join("markdown-it/package.json").is_file() {
        return Some(dir);
    }
    missing(&format!(
        "markdown-it not found (node, and {}/markdown-it; ORDNAT_NODE_MODULES names the folder)",
        dir.display()
    ));
    None
}

/// A Python that has cmarkgfm.
fn cmark_gfm() -> Option<PathBuf> {
    let python = std::env::var_os("ORDNAT_MARKDOWN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let works = Command::new(&python)
        .args(["-c", "import cmarkgfm"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(python);
    }
    missing(&format!(
        "cmarkgfm not found ({} cannot import it; ORDNAT_MARKDOWN_PYTHON names the Python)",
        python.display()
    ));
    None
}

/// Runs `program args` with `input` on stdin; its stdout as JSON.
fn run_json(program: &Path, args: &[&str], input: &Value) -> Value {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("renderer runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("renderer finishes");
    assert!(
        out.status.success(),
        "{}: {}\n{}",
        program.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the renderer")
}

/// GitHub's renderer as GitHub runs it: GFM with its extensions, raw HTML passed on (GitHub
/// sanitises the result afterwards).
const CMARK_GFM: &str = r#"
import json, sys, cmarkgfm
from cmarkgfm.cmark import Options
documents = json.load(sys.stdin)
print(json.dumps([cmarkgfm.github_flavored_markdown_to_html(d, options=Options.CMARK_OPT_UNSAFE)
                  for d in documents]))
"#;

/// The HTML of each document, by each renderer there is: (renderer, pages).
fn rendered(documents: &[String]) -> Vec<(&'static str, Vec<String>)> {
    let pages = |v: Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|p| p.as_str().expect("html").to_string())
            .collect()
    };
    let mut out = Vec::new();
    if let Some(modules) = markdown_it() {
        let input = json!({ "modules": modules, "documents": documents });
        let script = root().join("tests/node/markdown.js");
        let script = script.to_str().expect("utf-8 path");
        out.push((
            "markdown-it",
            pages(run_json(Path::new("node"), &[script], &input)),
        ));
    }
    if let Some(python) = cmark_gfm() {
        out.push((
            "cmark-gfm",
            pages(run_json(&python, &["-c", CMARK_GFM], &json!(documents))),
        ));
    }
    out
}

/// The element around `at` in `html`: the innermost table cell, list item, paragraph or
/// heading that holds it, as (tag, its inner HTML).
fn element(html: &str, at: usize) -> (&str, &str) {
    let openers = ["<td", "<th", "<li", "<p>", "<h1", "<h2", "<h3", "<h4"];
    let (start, tag) = openers
        .iter()
        .filter_map(|o| html[..at].rfind(o).map(|i| (i, &o[1..3])))
        .max()
        .expect("an element around the text");
    let inner = start + html[start..].find('>').expect("tag end") + 1;
    let end = inner
        + html[inner..]
            .find(&format!("</{tag}"))
            .expect("closing tag");
    (tag, &html[inner..end])
}

/// The text of inner HTML that may hold only line breaks and comments: line breaks as `\n`,
/// entities decoded. `Err` names the first other tag.
fn text_of(inner: &str) -> Result<String, String> {
    let mut html = inner.replace("<!-- -->", "");
    for br in ["<br />", "<br/>", "<br>"] {
        html = html.replace(br, "\n");
    }
    if let Some(at) = html.find('<') {
        let tag: String = html[at..].chars().take(30).collect();
        return Err(tag);
    }
    let mut text = String::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find('&') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').expect("an entity ends with ;");
        let name = &rest[1..end];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = name.strip_prefix('#').expect("a known entity");
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => number.parse(),
                };
                code.ok().and_then(char::from_u32).expect("a character")
            }
        };
        text.push(c);
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    Ok(text)
}

/// Checks every place where a hostile text appears in a rendered page; `newline` is what a
/// line break of the case text reads as there. Returns how many places were checked.
fn check_page(what: &str, html: &str, newline: &str) -> usize {
    let mut seen = 0;
    for i in 0..HOSTILE.len() {
        let mark = format!("(fall {i})");
        let expected = marked(i).replace('\n', newline);
        let places: Vec<usize> = html.match_indices(&mark).map(|(at, _)| at).collect();
        assert!(!places.is_empty(), "{what}: text {i} is not shown:\n{html}");
        for at in places {
            let (tag, inner) = element(html, at);
            // The checklist's own label (`**Indikation:**`) before the text.
            let inner = match inner.strip_prefix("<strong>") {
                Some(rest) => rest
                    .split_once("</strong>")
                    .map_or(rest, |(_, after)| after.trim_start()),
                None => inner,
            };
            let text = text_of(inner).unwrap_or_else(|tag| {
                panic!("{what}: text {i} {expected:?} became markup: {tag}…\n{inner}")
            });
            if tag == "td" || tag == "li" {
                assert_eq!(text, expected, "{what}: text {i} in a <{tag}>: {inner}");
            } else {
                assert!(text.contains(&expected), "{what}: text {i}: {text:?}");
            }
            seen += 1;
        }
    }
    seen
}

/// The report, the checklist and the decision briefs of a meeting, as Markdown, in `repo`.
fn documents(repo: &Repo) -> Vec<String> {
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--today", TODAY]);
        let out = repo.run(&all);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    vec![
        run(&["report", "--meeting", MEETING, "--format", "markdown"]),
        run(&["checklist", "--meeting", MEETING, "--format", "markdown"]),
        run(&["agenda", "--meeting", MEETING, "--format", "markdown"]),
        run(&["brief", "--meeting", MEETING, "--format", "markdown"]),
    ]
}

#[test]
fn markdown_case_text_reads_as_written_in_cmark_gfm_and_markdown_it() {
    let hostile = rendered(&documents(&repo()));
    // The same pages of the sample repo: the markup that is ordnat's own.
    let own = rendered(&documents(&Repo::sample()));
    for ((renderer, pages), (_, own)) in hostile.iter().zip(&own) {
        // The report keeps a line break as one (`<br>`); the checklist's lines fold it.
        let report = check_page(&format!("{renderer}: report"), &pages[0], "\n");
        let checklist = check_page(&format!("{renderer}: checklist"), &pages[1], " ");
        // The agenda's fields and the brief's, like the report's cells, keep a line break.
        let agenda = check_page(
            &format!("{renderer}: agenda"),
            &pages[2],
            "
",
        );
        let brief = check_page(
            &format!("{renderer}: brief"),
            &pages[3],
            "
",
        );
        assert!(
            [report, checklist, agenda, brief]
                .iter()
                .all(|n| *n >= HOSTILE.len())
        );
        for (i, what) in ["report", "checklist", "agenda", "brief"]
            .iter()
            .enumerate()
        {
            for tag in ["<script", "<img", "<a ", "<em>", "<del>"] {
                // Each case on the agenda has its own emphasised line ("För rekommendation.").
                if *what == "agenda" && tag == "<em>" {
                    continue;
                }
                assert_eq!(
                    pages[i].matches(tag).count(),
                    own[i].matches(tag).count(),
                    "{renderer}: {what}: {tag} beside ordnat's own:\n{}",
                    pages[i]
                );
            }
        }
    }
}
