//! `ordnat lsp`, in-process over lsp-server's memory connection: a client that sends what an
//! editor sends and reads what the server answers and publishes, on a temporary copy of the
//! sample repo.

mod common;

use common::{Repo, TODAY, date};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::Duration;

struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<Result<bool, String>>>,
    next: i32,
    /// Notifications read while waiting for something else, in order.
    notes: Vec<Notification>,
    /// The last diagnostics published for each URI.
    published: HashMap<String, Value>,
    /// The requests the server sent to the client.
    asked: Vec<Request>,
    /// Every message the server sent (the `sekretess` probe reads them all).
    everything: String,
    root: std::path::PathBuf,
}

const WAIT: Duration = Duration::from_secs(30);

fn uri(path: &std::path::Path) -> String {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Client {
    /// Starts a server on `repo` and initializes it with the repo as the workspace folder.
    fn start(repo: &Repo) -> Client {
        Client::start_with(repo, json!({}))
    }

    /// Starts a server on `repo` for a client with `capabilities`.
    fn start_with(repo: &Repo, capabilities: Value) -> Client {
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || {
            ordnat::lsp::serve(
                &server,
                ordnat::lsp::Options {
                    today: Some(date(TODAY)),
                },
            )
        });
        let mut client = Client {
            conn,
            server: Some(handle),
            next: 1,
            notes: Vec::new(),
            asked: Vec::new(),
            published: HashMap::new(),
            everything: String::new(),
            root: repo.dir.path().to_path_buf(),
        };
        let root = uri(repo.dir.path());
        let answer = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "capabilities": capabilities,
                "workspaceFolders": [{ "uri": root, "name": "repo" }],
            }),
        );
        assert!(answer["capabilities"]["hoverProvider"].as_bool() == Some(true));
        for capability in [
            "completionProvider",
            "codeActionProvider",
            "codeLensProvider",
            "definitionProvider",
            "documentSymbolProvider",
        ] {
            assert!(
                answer["capabilities"].get(capability).is_some(),
                "{capability}"
            );
        }
        client.notify("initialized", json!({}));
        client
    }

    fn uri(&self, rel: &str) -> String {
        uri(&self.root.join(rel))
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .expect("send");
    }

    fn recv(&mut self) -> Message {
        let message = self.conn.receiver.recv_timeout(WAIT).expect("a message");
        self.everything
            .push_str(&serde_json::to_string(&message).expect("json"));
        if let Message::Notification(n) = &message
            && n.method == "textDocument/publishDiagnostics"
        {
            let uri = n.params["uri"].as_str().unwrap_or_default().to_string();
            self.published.insert(uri, n.params["diagnostics"].clone());
        }
        message
    }

    /// Sends a request and waits for its answer (the result; an error answer panics).
    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.try_request(method, params) {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e}"),
        }
    }

    fn try_request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = RequestId::from(self.next);
        self.next += 1;
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .expect("send");
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => {
                    return r
                        .response_result
                        .map_err(|e| json!({ "code": e.code, "message": e.message }));
                }
                Message::Notification(n) => self.notes.push(n),
                Message::Request(r) => self.asked.push(r),
                _ => {}
            }
        }
    }

    /// Waits until diagnostics for `rel` are published, then gives the last ones.
    fn diagnostics(&mut self, rel: &str) -> Value {
        let uri = self.uri(rel);
        // A round trip: whatever the server publishes before answering is read by then.
        let unknown = self.try_request("ordnat/okänd-metod", json!({}));
        assert_eq!(unknown.map_err(|e| e["code"].clone()), Err(json!(-32601)));
        self.published
            .get(&uri)
            .cloned()
            .unwrap_or_else(|| panic!("nothing published for {rel}"))
    }

    fn open(&self, rel: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": self.uri(rel), "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    fn change(&self, rel: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": self.uri(rel), "version": version },
                    "contentChanges": [{ "text": text }] }),
        );
    }

    fn save(&self, rel: &str) {
        self.notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": self.uri(rel) } }),
        );
    }

    /// `files/didChangeWatchedFiles` for `rel` (1 created, 2 changed, 3 deleted).
    fn watched(&self, rel: &str, kind: u8) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": self.uri(rel), "type": kind }] }),
        );
    }

    fn at(&mut self, method: &str, rel: &str, line: u32, character: u32) -> Value {
        let params = json!({
            "textDocument": { "uri": self.uri(rel) },
            "position": { "line": line, "character": character },
            "context": { "triggerKind": 1 },
        });
        self.request(method, params)
    }

    fn stop(mut self) -> bool {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let handle = self.server.take().expect("server");
        handle.join().expect("no panic").expect("served")
    }
}

/// The rule names of published diagnostics.
fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

const CASE_009: &str = "cases/2026-009-exempelmab.yaml";
const CASE_007: &str = "cases/2026-007-lymfocel.yaml";

/// The sample repo with case 2026-009 decided by a role that `ordnat.toml` does not name: a
/// `decision-maker` finding, which offers an exception.
fn wrong_decision_maker() -> Repo {
    let repo = Repo::sample();
    repo.edit(
        CASE_009,
        "beslutsfattare: Hälso- och sjukvårdsdirektör",
        "beslutsfattare: Regiondirektör",
    );
    repo
}

#[test]
fn every_case_file_gets_its_findings_from_the_start() {
    let repo = wrong_decision_maker();
    let expected = repo.check(&[]);
    assert!(!expected.of("decision-maker").is_empty());
    let mut client = Client::start(&repo);
    let found = client.diagnostics(CASE_009);
    let cases: Vec<_> = std::fs::read_dir(repo.path("cases"))
        .expect("cases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(cases.len(), 20);
    for name in &cases {
        let uri = client.uri(&format!("cases/{name}"));
        assert!(client.published.contains_key(&uri), "{name}");
    }
    let d = found
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "decision-maker"))
        .expect("decision-maker")
        .clone();
    let (_, line, col) = expected.of("decision-maker")[0].clone();
    assert_eq!(d["range"]["start"]["line"], line - 1);
    assert_eq!(d["range"]["start"]["character"], col - 1);
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "ordnat");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("http"))
    );
    assert!(d["message"].as_str().is_some_and(|m| m.contains("tips: ")));
    assert!(client.stop());
}

/// The (0-based) line and UTF-16 character of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> (u32, u32) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col: usize = before
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().map(char::len_utf16).sum());
    (line as u32, col as u32)
}

/// Applies LSP text edits (one file's) to `text`; the edits do not overlap.
fn apply(text: &str, edits: &Value) -> String {
    let mut edits: Vec<&Value> = edits.as_array().expect("edits").iter().collect();
    edits.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    let mut out = text.to_string();
    for e in edits {
        let byte = |pos: &Value| {
            let line = pos["line"].as_u64().expect("line") as usize;
            let units = pos["character"].as_u64().expect("character") as usize;
            let start: usize = out.split_inclusive('\n').take(line).map(str::len).sum();
            let mut n = 0;
            let mut at = start;
            for c in out[start..].chars() {
                if n >= units || c == '\n' {
                    break;
                }
                n += c.len_utf16();
                at += c.len_utf8();
            }
            at
        };
        let (a, b) = (byte(&e["range"]["start"]), byte(&e["range"]["end"]));
        out.replace_range(a..b, e["newText"].as_str().expect("newText"));
    }
    out
}

fn labels(answer: &Value) -> Vec<String> {
    let items = answer.get("items").unwrap_or(answer);
    items
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn an_edit_creates_and_clears_findings_across_files() {
    let repo = Repo::sample();
    let mut client = Client::start(&repo);
    let text = repo.read(CASE_009);
    client.open(CASE_009, &text);
    assert!(!codes(&client.diagnostics(CASE_009)).contains(&"duplicate-id".to_string()));
    // 2026-009 takes 2026-007's id: both files have the finding, the other one unopened.
    client.change(CASE_009, 2, &text.replace("id: 2026-009", "id: 2026-007"));
    assert!(codes(&client.diagnostics(CASE_009)).contains(&"duplicate-id".to_string()));
    let other = client.diagnostics(CASE_007);
    assert!(
        codes(&other).contains(&"duplicate-id".to_string()),
        "{other}"
    );
    let related = &other.as_array().expect("list")[0]["relatedInformation"];
    assert!(
        related.to_string().contains("2026-009-exempelmab.yaml"),
        "{related}"
    );
    // A keystroke in a text changes no file's index entry: the finding across files stands.
    let typed = text
        .replace("id: 2026-009", "id: 2026-007")
        .replace("Tillstyrker.", "Tillstyrker!");
    client.change(CASE_009, 3, &typed);
    assert!(codes(&client.diagnostics(CASE_009)).contains(&"duplicate-id".to_string()));
    assert!(codes(&client.diagnostics(CASE_007)).contains(&"duplicate-id".to_string()));
    // A reference to a case that no file has, then back as it was.
    client.change(
        CASE_009,
        4,
        &text.replace("ny_indikation_för: 2023-007", "ny_indikation_för: 2023-070"),
    );
    assert!(!codes(&client.diagnostics(CASE_007)).contains(&"duplicate-id".to_string()));
    assert!(codes(&client.diagnostics(CASE_009)).contains(&"unknown-case".to_string()));
    client.change(CASE_009, 5, &text);
    assert!(!codes(&client.diagnostics(CASE_009)).contains(&"unknown-case".to_string()));
    assert!(client.stop());
}

#[test]
fn settings_saved_and_files_changed_on_disk_are_read_again() {
    let repo = wrong_decision_maker();
    let mut client = Client::start(&repo);
    assert!(codes(&client.diagnostics(CASE_009)).contains(&"decision-maker".to_string()));
    // `ordnat.toml` saved with the rule switched off: every file is checked again.
    repo.edit(
        "ordnat.toml",
        "[regler]\n",
        "[regler]\ndecision-maker = \"av\"\n",
    );
    client.save("ordnat.toml");
    assert!(!codes(&client.diagnostics(CASE_009)).contains(&"decision-maker".to_string()));
    // A file changed outside the editor (`git pull`): read again when the editor says so.
    repo.edit(CASE_007, "id: 2026-007", "id: 2026-009");
    client.watched(CASE_007, 2);
    assert!(codes(&client.diagnostics(CASE_009)).contains(&"duplicate-id".to_string()));
    // Without the client's consent the server asks to watch no files.
    assert!(client.asked.is_empty());
    // Deleted: its findings are cleared, and the other file's with it.
    std::fs::remove_file(repo.path(CASE_007)).expect("remove");
    client.watched(CASE_007, 3);
    assert_eq!(client.diagnostics(CASE_007), json!([]));
    assert!(!codes(&client.diagnostics(CASE_009)).contains(&"duplicate-id".to_string()));
    // A broken `ordnat.toml` is a finding on it, saying what is wrong.
    repo.write("ordnat.toml", "publikt = kanske\n");
    client.watched("ordnat.toml", 2);
    let config = client.diagnostics("ordnat.toml");
    assert_eq!(config[0]["severity"], 1, "{config}");
    assert!(client.stop());
}

#[test]
fn positions_count_utf16_units_on_lines_with_swedish_letters_and_emoji() {
    let repo = Repo::sample();
    let text = repo.read(CASE_009).replace(
        "- { förvaltning: Hallands sjukhus, datum: 2026-08-20, synpunkt: Tillstyrker. }",
        "- { synpunkt: \"Tillstyrker 😀 åäö 🎉.\", förvaltning: Halands sjukhus, datum: 2026-08-20 }",
    );
    repo.write(CASE_009, &text);
    let expected = repo.check(&[]);
    let (_, line, col) = expected.of("unknown-department")[0].clone();
    let mut client = Client::start(&repo);
    client.open(CASE_009, &text);
    client.change(CASE_009, 2, &text);
    let found = client.diagnostics(CASE_009);
    let d = found
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "unknown-department"))
        .expect("unknown-department")
        .clone();
    // Two emoji before it on the line: each one character for `check`, two units for LSP.
    let (l, c) = find(&text, "Halands sjukhus");
    assert_eq!((line - 1, col - 1 + 2), (l, c));
    assert_eq!(d["range"]["start"], json!({ "line": l, "character": c }));
    assert_eq!(
        d["range"]["end"]["character"],
        c + "Halands sjukhus".len() as u32
    );
    // Hover on the word after the emoji reads it whole.
    let (l, c) = find(&text, "datum: 2026-08-20 }");
    let hover = client.at("textDocument/hover", CASE_009, l, c + 1);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("datum")),
        "{hover}"
    );
    assert_eq!(hover["range"]["start"]["character"], c);
    assert!(client.stop());
}

#[test]
fn hover_explains_keys_words_findings_and_case_ids() {
    let repo = wrong_decision_maker();
    let text = repo.read(CASE_009);
    let mut client = Client::start(&repo);
    client.open(CASE_009, &text);
    let value = |h: &Value| {
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let (l, _) = find(&text, "typ: läkemedel");
    let key = value(&client.at("textDocument/hover", CASE_009, l, 1));
    assert!(
        key.contains("**typ**") && key.contains("`medicinteknik`"),
        "{key}"
    );
    let word = value(&client.at("textDocument/hover", CASE_009, l, 7));
    assert!(word.starts_with("`läkemedel`: "), "{word}");
    // On the finding: `ordnat explain decision-maker`, its source with it.
    let explain = repo.run(&["explain", "decision-maker"]).stdout;
    let (l, c) = find(&text, "Regiondirektör");
    let finding = value(&client.at("textDocument/hover", CASE_009, l, c + 2));
    assert!(finding.contains(explain.trim()), "{finding}");
    assert!(finding.contains("Källa: "), "{finding}");
    let (l, c) = find(&text, "2023-007");
    let case = value(&client.at("textDocument/hover", CASE_009, l, c + 1));
    assert!(case.contains("Exempla (exempelmab)"), "{case}");
    assert!(case.contains("Fas: samverkan avslutad"), "{case}");
    assert!(case.contains("cases/2023-007-exempelmab.yaml"), "{case}");
    // An exception's rule: its explanation; and the rules an exception may name.
    let excepted = format!("{text}undantag:\n  - {{ regel: comments-round }}\n");
    client.change(CASE_009, 2, &excepted);
    let (l, c) = find(&excepted, "comments-round");
    let rule = value(&client.at("textDocument/hover", CASE_009, l, c + 3));
    let explain = repo.run(&["explain", "comments-round"]).stdout;
    assert!(rule.contains(explain.trim()), "{rule}");
    let rules = labels(&client.at("textDocument/completion", CASE_009, l, c + 3));
    assert!(rules.contains(&"comments-round".to_string()), "{rules:?}");
    assert!(!rules.contains(&"unknown-field".to_string()), "{rules:?}");
    assert!(client.stop());
}

#[test]
fn completion_offers_what_the_format_and_ordnat_toml_allow() {
    let repo = Repo::sample();
    let mut client = Client::start(&repo);
    let text = repo.read(CASE_009);
    // An empty line in `regionalt`, a word for a drug, then for a device.
    let text = text.replace(
        "  kommitté: { möte: 2026-09-24, rekommendation: införa }",
        "  kommitté: { möte: 2026-09-24, rekommendation: införa }\n  \n",
    );
    client.open(CASE_009, &text);
    let (l, _) = find(&text, "  \n\n");
    let keys = client.at("textDocument/completion", CASE_009, l, 2);
    let names = labels(&keys);
    assert!(
        names.contains(&"behandling_i_regionen".to_string()),
        "{names:?}"
    );
    // `kommitté` and the others written are not offered again.
    assert!(!names.contains(&"kommitté".to_string()), "{names:?}");
    let item = keys["items"]
        .as_array()
        .or(keys.as_array())
        .expect("items")
        .iter()
        .find(|i| {
            i["label"] == "uppföljning_regionalt"
                || i["label"] == "samråd"
                || i["label"] == "behandling_i_regionen"
        })
        .expect("an item")
        .clone();
    assert!(
        item["textEdit"]["newText"]
            .as_str()
            .is_some_and(|t| t.ends_with(": ") || t.contains(":\n"))
    );
    let (l, c) = find(&text, "typ: bör-användas");
    let drug = labels(&client.at("textDocument/completion", CASE_009, l, c + 6));
    assert!(
        drug.contains(&"kan-användas".to_string()) && !drug.contains(&"kan-införa".to_string()),
        "{drug:?}"
    );
    let device = text.replace("typ: läkemedel", "typ: medicinteknik");
    client.change(CASE_009, 2, &device);
    let words = labels(&client.at("textDocument/completion", CASE_009, l, c + 6));
    assert!(
        words.contains(&"kan-införa".to_string()) && !words.contains(&"kan-användas".to_string()),
        "{words:?}"
    );
    client.change(CASE_009, 3, &text);
    let (l, c) = find(&text, "[Hallands sjukhus]");
    let departments = labels(&client.at("textDocument/completion", CASE_009, l, c + 2));
    assert!(
        departments.contains(&"Psykiatri Halland".to_string()),
        "{departments:?}"
    );
    let (l, c) = find(&text, "beslutsfattare: Hälso");
    let roles = client.at("textDocument/completion", CASE_009, l, c + 17);
    assert_eq!(labels(&roles)[0], "Hälso- och sjukvårdsdirektör");
    let (l, c) = find(&text, "möte: 2026-09-24");
    let meetings = labels(&client.at("textDocument/completion", CASE_009, l, c + 7));
    // The coming meeting first (today is 2026-11-23).
    assert_eq!(
        meetings.first().map(String::as_str),
        Some("2026-12-03"),
        "{meetings:?}"
    );
    assert!(meetings.contains(&"2025-03-13".to_string()));
    let (l, c) = find(&text, "ny_indikation_för: 2023-007");
    let ids = labels(&client.at("textDocument/completion", CASE_009, l, c + 20));
    assert!(
        ids.contains(&"2026-007".to_string()) && !ids.contains(&"2026-009".to_string()),
        "{ids:?}"
    );
    let (l, c) = find(&text, "datum: 2026-07-15");
    let dates = labels(&client.at("textDocument/completion", CASE_009, l, c + 8));
    assert_eq!(dates, vec![TODAY.to_string()]);
    assert!(client.stop());
}

#[test]
fn the_phase_definitions_and_sections() {
    let repo = Repo::sample();
    let mut client = Client::start(&repo);
    let text = repo.read(CASE_009);
    client.open(CASE_009, &text);
    let status = repo
        .run(&["status", "--format", "json", "--today", TODAY])
        .stdout;
    let status: Value = serde_json::from_str(&status).expect("json");
    let row = status["cases"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["id"] == "2026-009"))
        .expect("2026-009")
        .clone();
    let lenses = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": client.uri(CASE_009) } }),
    );
    let title = lenses[0]["command"]["title"].as_str().expect("title");
    assert!(
        title.starts_with(&format!(
            "Fas: {}",
            row["phase_label"].as_str().expect("label")
        )),
        "{title}"
    );
    if let Some(next) = row["next_step"].as_str() {
        assert!(title.contains(&format!("Nästa steg: {next}")), "{title}");
    }
    assert_eq!(
        lenses[0]["range"]["start"]["line"],
        find(&text, "id: 2026-009").0
    );
    let (l, c) = find(&text, "2023-007");
    let target = client.at("textDocument/definition", CASE_009, l, c + 1);
    assert_eq!(target["uri"], client.uri("cases/2023-007-exempelmab.yaml"));
    assert_eq!(target["range"]["start"]["line"], 1);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": client.uri(CASE_009) } }),
    );
    let names = labels(
        &symbols
            .as_array()
            .map(|s| {
                json!(
                    s.iter()
                        .map(|s| json!({ "label": s["name"] }))
                        .collect::<Vec<_>>()
                )
            })
            .expect("symbols"),
    );
    let order = [
        "Underlag: horizon scanning, nominering eller annan källa",
        "NT-rådets beslut om nationell samverkan",
        "Registrering i regionens diarium",
        "Konsekvensbeskrivning",
        "Kommitténs rekommendation",
        "Beslut om ordnat införande",
        "Införande i verksamheten",
        "Uppföljning",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|o| {
            names
                .iter()
                .position(|n| n == o)
                .unwrap_or_else(|| panic!("{o} in {names:?}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    assert!(names.contains(&"sekretess".to_string()), "{names:?}");
    assert!(client.stop());
}

#[test]
fn an_exception_is_offered_for_a_process_finding_and_must_be_filled_in() {
    let repo = wrong_decision_maker();
    let text = repo.read(CASE_009);
    let mut client = Client::start(&repo);
    client.open(CASE_009, &text);
    let found = client.diagnostics(CASE_009);
    let d = found
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "decision-maker"))
        .expect("decision-maker")
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": client.uri(CASE_009) }, "range": d["range"],
                "context": { "diagnostics": [d] } }),
    );
    let action = actions
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|a| a["title"].as_str().is_some_and(|t| t.contains("Undanta")))
        })
        .expect("an undantag action")
        .clone();
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], false);
    let edits = &action["edit"]["changes"][client.uri(CASE_009)];
    let fixed = apply(&text, edits);
    assert!(
        fixed.starts_with(&text[..text.len() - 1]),
        "only added at the end"
    );
    let tail = &fixed[text.len() - 1..];
    assert!(
        tail.contains("undantag:") && tail.contains("regel: decision-maker"),
        "{tail}"
    );
    assert!(tail.contains("<fyll i>"), "{tail}");
    client.change(CASE_009, 2, &fixed);
    let after = codes(&client.diagnostics(CASE_009));
    assert!(!after.contains(&"decision-maker".to_string()), "{after:?}");
    // The committee's fields are empty: the file fails until they are filled in.
    repo.write(CASE_009, &fixed);
    let check = repo.check(&[]);
    assert_eq!(check.code, 1, "{:?}", check.items);
    // A format finding has no exception to offer.
    let syntax = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": client.uri(CASE_009) }, "range": d["range"],
                "context": { "diagnostics": [{ "range": d["range"], "message": "x", "code": "unknown-field", "source": "ordnat" }] } }),
    );
    assert_eq!(syntax, json!([]));
    assert!(client.stop());
}

#[test]
fn no_message_shows_a_confidential_value() {
    let repo = Repo::sample();
    repo.edit("ordnat.toml", "publikt = false", "publikt = true");
    repo.edit(
        CASE_009,
        "  pris_efter_rabatt: 31000",
        "  pris_efter_rabatt: 98765x4\n  anteckning: Hemligt-QX7 Z",
    );
    let text = repo.read(CASE_009);
    let mut client = Client::start(&repo);
    client.open(CASE_009, &text);
    let found = codes(&client.diagnostics(CASE_009));
    assert!(
        found.contains(&"confidential-in-public-repo".to_string()),
        "{found:?}"
    );
    let (l, _) = find(&text, "  pris_efter_rabatt");
    for line in [l - 1, l, l + 1] {
        for c in [0, 3, 22, 24] {
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
            ] {
                let _ = client.at(method, CASE_009, line, c);
            }
        }
    }
    let everything_diags = client.diagnostics(CASE_009);
    let _ = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": client.uri(CASE_009) },
                "range": { "start": { "line": l, "character": 0 }, "end": { "line": l + 1, "character": 0 } },
                "context": { "diagnostics": everything_diags } }),
    );
    for method in ["textDocument/codeLens", "textDocument/documentSymbol"] {
        let _ = client.request(
            method,
            json!({ "textDocument": { "uri": client.uri(CASE_009) } }),
        );
    }
    client.change(CASE_009, 2, &text.replace("98765x4", "98765x5"));
    let _ = client.diagnostics(CASE_009);
    for secret in ["98765", "Hemligt-QX7", "QX7"] {
        assert!(!client.everything.contains(secret), "{secret} was shown");
    }
    // The probe reached the confidential lines (the hover on their keys says something).
    assert!(client.everything.contains("pris_efter_rabatt"));
    assert!(client.stop());
}

#[test]
fn bad_input_gets_an_error_or_nothing_and_the_server_goes_on() {
    let repo = Repo::sample();
    let mut client = Client::start(&repo);
    // Parameters that cannot be read, a method nobody knows.
    let bad = client.try_request("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(bad.map_err(|e| e["code"].clone()), Err(json!(-32602)));
    let unknown = client.try_request("workspace/executeCommand", json!({ "command": "x" }));
    assert_eq!(unknown.map_err(|e| e["code"].clone()), Err(json!(-32601)));
    // A file that is no case file: nothing published, nothing answered.
    repo.write("README.md", "# x\n");
    client.open("README.md", "# x\n");
    let hover = client.at("textDocument/hover", "README.md", 0, 1);
    assert_eq!(hover, Value::Null);
    // A binary buffer and a huge one as case files: a finding each, no crash.
    let binary: String = (0u8..=255).map(char::from).chain(['\0'; 64]).collect();
    client.open("cases/2026-099-binar.yaml", &binary);
    let found = client.diagnostics("cases/2026-099-binar.yaml");
    assert!(!codes(&found).is_empty(), "{found}");
    let huge = format!(
        "id: 2026-098\nanteckning: \"{}\"\n",
        "x".repeat(5 * 1024 * 1024)
    );
    client.open("cases/2026-098-stor.yaml", &huge);
    let found = codes(&client.diagnostics("cases/2026-098-stor.yaml"));
    assert_eq!(found, vec!["unreadable-file".to_string()]);
    let _ = client.at("textDocument/completion", "cases/2026-099-binar.yaml", 0, 3);
    let _ = client.at("textDocument/hover", "cases/2026-098-stor.yaml", 1, 3);
    // A position far past the end of the text.
    let _ = client.at("textDocument/hover", CASE_009, 99_999, 99_999);
    // Closing a buffer that was never saved clears its findings.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": client.uri("cases/2026-099-binar.yaml") } }),
    );
    assert_eq!(client.diagnostics("cases/2026-099-binar.yaml"), json!([]));
    // After `shutdown`, requests are refused; `exit` ends the server with 0.
    client.request("shutdown", Value::Null);
    let refused = client.try_request("textDocument/hover", json!({}));
    assert_eq!(refused.map_err(|e| e["code"].clone()), Err(json!(-32600)));
    client.notify("exit", Value::Null);
    let handle = client.server.take().expect("server");
    assert_eq!(handle.join().expect("no panic"), Ok(true));
}

#[test]
fn a_certain_fix_is_offered_and_applied_in_utf16_ranges() {
    let repo = Repo::sample();
    let text = repo
        .read(CASE_009)
        .replace("spår: nationellt", "spar: nationellt")
        .replace(
            "synpunkt: Tillstyrker. }",
            "synpunkt: Tillstyrker 😀 åäö, med villkor. }",
        );
    let mut client = Client::start(&repo);
    client.open(CASE_009, &text);
    let found = client.diagnostics(CASE_009);
    assert!(codes(&found).len() >= 2, "{found}");
    let mut current = text.clone();
    let mut version = 1;
    for code in codes(&found) {
        let Some(d) = client
            .diagnostics(CASE_009)
            .as_array()
            .and_then(|a| a.iter().find(|d| d["code"] == code.as_str()).cloned())
        else {
            continue;
        };
        let actions = client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": client.uri(CASE_009) }, "range": d["range"],
                    "context": { "diagnostics": [d] } }),
        );
        let Some(fix) = actions
            .as_array()
            .and_then(|a| a.iter().find(|a| a["isPreferred"] == true).cloned())
        else {
            continue;
        };
        current = apply(&current, &fix["edit"]["changes"][client.uri(CASE_009)]);
        version += 1;
        client.change(CASE_009, version, &current);
    }
    assert!(current.contains("spår: nationellt"), "{current}");
    assert!(
        current.contains("synpunkt: \"Tillstyrker 😀 åäö, med villkor.\" }"),
        "{current}"
    );
    assert_eq!(codes(&client.diagnostics(CASE_009)), Vec::<String>::new());
    assert!(client.stop());
}

#[test]
fn a_client_that_lets_it_is_asked_to_watch_the_case_files() {
    let repo = Repo::sample();
    let capabilities =
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let mut client = Client::start_with(&repo, capabilities);
    let _ = client.diagnostics(CASE_009);
    let asked = client
        .asked
        .iter()
        .find(|r| r.method == "client/registerCapability")
        .map(|r| r.params.clone())
        .unwrap_or_default();
    let registration = &asked["registrations"][0];
    assert_eq!(
        registration["method"], "workspace/didChangeWatchedFiles",
        "{asked}"
    );
    let globs = registration["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("**/ordnat.toml") && globs.contains("yaml"),
        "{globs}"
    );
    assert!(client.stop());
}

#[test]
fn over_stdio_standard_out_carries_only_lsp_messages_whatever_comes_in() {
    use std::io::Write;
    let repo = Repo::sample();
    let frame = |v: Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    };
    let root = uri(repo.dir.path());
    let mut input = Vec::new();
    // A request before `initialize`, then `initialize` and no `initialized`.
    input.extend(frame(
        json!({ "jsonrpc": "2.0", "id": 0, "method": "textDocument/hover", "params": {} }),
    ));
    input.extend(frame(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "processId": null, "rootUri": root, "capabilities": {} } }),
    ));
    // JSON that is no message, a header line that is no header, an unknown method.
    input.extend(b"Content-Length: 5\r\n\r\n{bad}garbage\r\n\r\n");
    input.extend(frame(
        json!({ "jsonrpc": "2.0", "id": 2, "method": "nope", "params": {} }),
    ));
    input.extend(frame(
        json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }),
    ));
    input.extend(frame(json!({ "jsonrpc": "2.0", "method": "exit" })));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ordnat"))
        .arg("lsp")
        .env("ORDNAT_TODAY", TODAY)
        .current_dir(repo.dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("ordnat lsp");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("write");
    let out = child.wait_with_output().expect("ends");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Standard out is nothing but framed messages.
    let mut rest = out.stdout.as_slice();
    let mut answers = Vec::new();
    let mut published = 0;
    while !rest.is_empty() {
        let text = String::from_utf8_lossy(rest);
        let (head, _) = text.split_once("\r\n\r\n").expect("a header");
        let length: usize = head
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("not a header: {head:?}"));
        let start = head.len() + 4;
        let message: Value =
            serde_json::from_slice(&rest[start..start + length]).expect("a JSON message");
        if message["method"] == "textDocument/publishDiagnostics" {
            published += 1;
        }
        if let Some(id) = message.get("id") {
            answers.push((id.clone(), message["error"]["code"].clone()));
        }
        rest = &rest[start + length..];
    }
    assert_eq!(
        answers,
        vec![
            (json!(0), json!(-32002)),
            (json!(1), Value::Null),
            (json!(2), json!(-32601)),
            (json!(3), Value::Null),
        ]
    );
    let cases = std::fs::read_dir(repo.path("cases"))
        .expect("cases")
        .count();
    assert_eq!(published, cases);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kunde inte läsas"), "{stderr}");
}
