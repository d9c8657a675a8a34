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
                "capabilities": {},
                "workspaceFolders": [{ "uri": root, "name": "repo" }],
            }),
        );
        assert!(answer["capabilities"]["hoverProvider"].as_bool() == Some(true));
        assert!(answer["capabilities"].get("codeActionProvider").is_none());
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
        if let Message::Notification(n) = &message {
            if n.method == "textDocument/publishDiagnostics" {
                let uri = n.params["uri"].as_str().unwrap_or_default().to_string();
                self.published.insert(uri, n.params["diagnostics"].clone());
            }
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

#[test]
fn every_case_file_gets_its_findings_from_the_start() {
    let repo = Repo::sample();
    repo.edit(
        CASE_009,
        "beslutsfattare: Hälso- och sjukvårdsdirektör",
        "beslutsfattare: Regiondirektör",
    );
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
