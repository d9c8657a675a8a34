//! The committed JSON Schemas against their real consumers: ajv in strict mode (draft-07, with
//! ajv-formats) validates the schemas themselves and every sample case and `ordnat.toml`
//! against them; yaml-language-server (what VS Code's YAML extension runs) is driven over LSP
//! to see what an editor shows: hovers, key completion and messages.
//!
//! Both come from npm and are installed by `.ci/run` into `.ci/node/` (or wherever
//! `ORDNAT_NODE_MODULES` points). Without them the tests print a note and pass, except in CI
//! (`CI=true`), where a missing validator is a failure.

use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The npm packages the tests need, or `None` (after a note) when they are not installed
/// outside CI.
fn node_modules(packages: &[&str]) -> Option<PathBuf> {
    let dir = std::env::var_os("ORDNAT_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".ci/node/node_modules"));
    let node = Command::new("node").arg("--version").output();
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !dir.join(p).join("package.json").is_file())
        .collect();
    if node.is_ok_and(|o| o.status.success()) && missing.is_empty() {
        return Some(dir);
    }
    let note = format!(
        "node or the npm packages {missing:?} are missing in {}; `.ci/run` installs them",
        dir.display()
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{note}");
    }
    // Past the test harness's capture, so that the note is seen when the test passes.
    let _ = writeln!(std::io::stderr(), "note: skipped: {note}");
    None
}

/// Runs `tests/node/<script>` with `input` on stdin; its stdout as JSON.
fn run_node(script: &str, input: &Value) -> Value {
    let mut child = Command::new("node")
        .arg(root().join("tests/node").join(script))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("node finishes");
    assert!(
        out.status.success(),
        "{script}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from node")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

/// The editor's keywords, declared to ajv; strict mode refuses any other unknown keyword.
fn keywords() -> Value {
    json!(ordnat::schema::EDITOR_KEYWORDS)
}

/// The sample cases, each parsed from YAML to JSON.
fn sample_cases() -> Vec<(String, Value)> {
    let mut cases: Vec<(String, Value)> = std::fs::read_dir(root().join("cases"))
        .expect("cases/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("case file");
            let data: Value = serde_saphyr::from_str(&text).expect("case is YAML");
            (p.display().to_string(), data)
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(cases.len() > 10, "{}", cases.len());
    cases
}

/// TOML as JSON, dates as text (as a TOML editor hands them to a JSON Schema).
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// `ordnat.toml` of the sample repo and of the other regions in `examples/`.
fn configs() -> Vec<(String, Value)> {
    let mut files = vec![root().join("ordnat.toml")];
    files.extend(
        std::fs::read_dir(root().join("examples"))
            .expect("examples/")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml")),
    );
    assert!(files.len() > 2);
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("toml file");
            let value: toml::Value = toml::from_str(&text).expect("valid TOML");
            (p.display().to_string(), toml_to_json(value))
        })
        .collect()
}

fn documents(docs: Vec<(String, Value)>) -> Vec<Value> {
    docs.into_iter()
        .map(|(name, data)| json!({ "name": name, "data": data }))
        .collect()
}

#[test]
fn the_committed_schemas_are_strict_draft_07_and_the_samples_fit_them() {
    let Some(modules) = node_modules(&["ajv", "ajv-formats"]) else {
        return;
    };
    let case_schema = read_json(&root().join("schemas/arende.schema.json"));
    let config_schema = read_json(&root().join("schemas/ordnat.schema.json"));
    assert_eq!(
        case_schema["$schema"], "http://json-schema.org/draft-07/schema#",
        "draft-07"
    );
    // A broken case and a broken setting, to show that the validation bites.
    let mut broken_case = sample_cases()[0].1.clone();
    broken_case["typ"] = json!("läkemedlet");
    broken_case["underlag"]["datum"] = json!("2026-02-30");
    let input = json!({
        "modules": modules,
        "keywords": keywords(),
        "schemas": [
            { "name": "arende", "schema": case_schema, "documents": documents(sample_cases()) },
            { "name": "ordnat", "schema": config_schema, "documents": documents(configs()) },
            { "name": "broken", "schema": case_schema,
              "documents": [{ "name": "broken", "data": broken_case }] },
            // Strict mode refuses what draft-07 validators ignore: an unknown format.
            { "name": "uint64", "schema": { "type": "integer", "format": "uint64" }, "documents": [] },
        ]
    });
    let out = run_node("validate.js", &input);
    let results = out.as_array().expect("a list");
    for result in &results[..2] {
        assert_eq!(result["error"], Value::Null, "{}", result["name"]);
        for doc in result["documents"].as_array().expect("documents") {
            assert_eq!(doc["errors"], json!([]), "{}", doc["name"]);
        }
    }
    let errors = results[2]["documents"][0]["errors"].to_string();
    assert!(
        errors.contains("/typ must be equal to one of the allowed values"),
        "{errors}"
    );
    // ajv-formats knows the days of each month (yaml-language-server's pattern does not).
    assert!(
        errors.contains("/underlag/datum must match format"),
        "{errors}"
    );
    assert!(
        results[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown format \"uint64\"")),
        "{}",
        results[3]
    );
}

/// A case with a few mistakes, and where the tests hover and complete: (name, line, column).
const DRAFT: &str = "# yaml-language-server: $schema=../schemas/arende.schema.json
id: 2026-099
typ: läkemedel
spår: nationellt
indikation: Exempelindikation
substans: exempelmab
förskrivning: rekvisitio
underlag:
  källa: nominering
  datum: 2026-1-20
samverkan: fel
regionalt:
  diarienummer: RS 2026/0001
  
";

fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
}

/// The description of `key` at `pointer` in the case schema.
fn description(schema: &Value, pointer: &str) -> String {
    schema
        .pointer(pointer)
        .and_then(|p| p.get("description"))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no description at {pointer}"))
        .to_string()
}

#[test]
fn yaml_language_server_shows_the_fields_own_docs_completes_keys_and_names_no_rust_type() {
    let Some(modules) = node_modules(&["yaml-language-server"]) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("schemas")).expect("schemas/");
    std::fs::create_dir_all(dir.path().join("cases")).expect("cases/");
    std::fs::copy(
        root().join("schemas/arende.schema.json"),
        dir.path().join("schemas/arende.schema.json"),
    )
    .expect("schema copied");
    let draft = dir.path().join("cases/2026-099-utkast.yaml");
    let empty_in_regional = DRAFT
        .lines()
        .position(|l| l == "  ")
        .expect("an empty line in `regionalt`");
    let hovers = [
        ("regionalt", line_of(DRAFT, "regionalt:"), 2),
        ("spår", line_of(DRAFT, "spår:"), 1),
        ("typ", line_of(DRAFT, "typ:"), 1),
        ("underlag.datum", line_of(DRAFT, "  datum:"), 3),
    ];
    let mut docs = vec![json!({
        "path": draft,
        "text": DRAFT,
        "hover": hovers.iter().map(|(_, l, c)| json!([l, c])).collect::<Vec<_>>(),
        // Inside `regionalt:` on its empty line, and at the top level after the last line.
        "completion": [[empty_in_regional, 2], [DRAFT.lines().count(), 0]],
    })];
    // Every sample case, as written: the editor finds nothing wrong in any of them.
    for (path, _) in sample_cases() {
        let text = std::fs::read_to_string(&path).expect("case file");
        let name = Path::new(&path).file_name().expect("file name");
        docs.push(json!({ "path": dir.path().join("cases").join(name), "text": text }));
    }
    let out = run_node(
        "editor.js",
        &json!({ "modules": modules, "root": dir.path(), "docs": docs }),
    );
    let results = out.as_array().expect("a list");
    let schema = read_json(&root().join("schemas/arende.schema.json"));

    // Hover: the field's own doc comment, unwrapped, with its backticks as code.
    let draft_result = &results[0];
    let expected = [
        description(&schema, "/properties/regionalt"),
        description(&schema, "/properties/spår"),
        description(&schema, "/properties/typ"),
        description(&schema, "/definitions/Underlag/properties/datum"),
    ];
    for ((name, _, _), want) in hovers.iter().zip(&expected) {
        let i = hovers.iter().position(|h| h.0 == *name).expect("hover");
        let shown = draft_result["hover"][i].as_str().unwrap_or_default();
        assert!(shown.contains(want.as_str()), "{name}: {shown:?}");
        assert!(!want.contains('\n'), "{name}: {want:?}");
        assert!(!shown.contains("\\`"), "{name}: {shown:?}");
    }
    let regional = draft_result["hover"][0].as_str().unwrap_or_default();
    assert!(
        regional.starts_with("#### Regionens handläggning\n"),
        "{regional:?}"
    );
    assert!(regional.contains("konsekvensbeskrivning, synpunkter, kommitté och beslut."));
    let track = draft_result["hover"][1].as_str().unwrap_or_default();
    assert!(
        track.contains("* `regionalt`: Regionalt ordnat införande"),
        "{track:?}"
    );

    // Completion: a key comes with its colon (and a section with its line break).
    for (at, items) in ["regionalt", "top level"]
        .iter()
        .zip(draft_result["completion"].as_array().expect("completions"))
    {
        let items = items.as_array().expect("items");
        assert!(items.len() > 3, "{at}: {items:?}");
        for item in items {
            let label = item["label"].as_str().unwrap_or_default();
            let insert = item["insertText"].as_str().unwrap_or_default();
            assert!(
                insert.starts_with(&format!("{label}: "))
                    || insert.starts_with(&format!("{label}:\n")),
                "{at}: {label} inserts {insert:?}"
            );
        }
    }
    let in_regional = draft_result["completion"][0].to_string();
    assert!(
        in_regional.contains(r#""insertText":"beslut:\n  ""#),
        "{in_regional}"
    );
    let top = draft_result["completion"][1].to_string();
    assert!(top.contains(r#""insertText":"status: "#), "{top}");

    // Messages: Swedish where the schema can say it, and never a Rust type's name.
    let messages: Vec<(u64, String)> = draft_result["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let at = |prefix: &str| -> Vec<&str> {
        let line = line_of(DRAFT, prefix) as u64;
        messages
            .iter()
            .filter(|(l, _)| *l == line)
            .map(|(_, m)| m.as_str())
            .collect()
    };
    assert_eq!(at("förskrivning:"), ["Skriv ett av: rekvisition, recept."]);
    assert_eq!(
        at("  datum:"),
        ["Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22."]
    );
    assert!(
        at("samverkan:")
            .contains(&"Skriv avsnittet som en mappning: nycklar med värden på egna rader."),
        "{messages:?}"
    );
    let rust_types: Vec<&String> = schema["definitions"]
        .as_object()
        .expect("definitions")
        .keys()
        .collect();
    for (_, message) in &messages {
        for name in &rust_types {
            assert!(!message.contains(name.as_str()), "{message} names {name}");
        }
    }

    // The sample cases: nothing for the editor to say.
    for result in &results[1..] {
        assert_eq!(result["diagnostics"], json!([]), "{}", result["path"]);
    }
}
