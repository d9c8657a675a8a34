//! The main loop: initialize, then every message from the client's channel in order. Changed
//! buffers are checked as soon as no message waits (a burst of keystrokes is checked once,
//! at its end), and before any request is answered, so that an answer reads the text as
//! typed. A request the server does not know gets `MethodNotFound`, one it cannot read
//! `InvalidParams`; neither ends the server. `shutdown`, then `exit`, ends it.

use super::position::{Text, path_of};
use super::project::{Project, Publish, normal};
use chrono::NaiveDate;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeLensOptions, CompletionOptions, InitializeParams, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, TextDocumentContentChangeEvent, TextDocumentSyncCapability,
    TextDocumentSyncKind,
};
use serde_json::Value;
use std::path::PathBuf;

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--today`: the date of the date-dependent rules; the local date when `None`.
    pub today: Option<NaiveDate>,
}

/// What the server can do, as `initialize` answers.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "-".into()]),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}

/// Serves one client on `connection` until `exit` (or the end of its input): `Ok(true)` when
/// `shutdown` came first.
pub fn serve(connection: &Connection, opts: Options) -> Result<bool, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("språkservern startade inte: {e}"))?;
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let start = root_of(&init)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "ordnat", "version": env!("CARGO_PKG_VERSION") },
    });
    // Answered here rather than by `initialize_finish`, which ends the server when anything
    // but `initialized` comes next; the loop below takes `initialized` as it comes, or not.
    connection
        .sender
        .send(Response::new_ok(id, result).into())
        .map_err(|e| format!("språkservern startade inte: {e}"))?;
    let mut server = Server {
        connection,
        project: Project::new(start, opts.today),
        shutdown: false,
    };
    if watches_files(&init) {
        server.send(watch_request());
    }
    server.load();
    while let Ok(message) = connection.receiver.recv() {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.request(request)
                }));
                // A fault of ordnat's own (the panic is told on standard error): the request
                // gets an error and the server goes on.
                if answered.is_err() {
                    server.error(id, ErrorCode::InternalError, "ett internt fel i ordnat");
                }
            }
            Message::Notification(n) if n.method == note::Exit::METHOD => {
                return Ok(server.shutdown);
            }
            Message::Notification(n) => {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.notification(n)
                }));
            }
            Message::Response(_) => {}
        }
        if server.project.is_dirty() && connection.receiver.is_empty() {
            server.flush();
        }
    }
    Ok(server.shutdown)
}

/// Whether the client lets the server ask it to watch files (`didChangeWatchedFiles` with
/// dynamic registration: VS Code, Helix, Neovim 0.10 and later).
fn watches_files(init: &InitializeParams) -> bool {
    init.capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        == Some(true)
}

/// Asks the client to tell of the case files and `ordnat.toml` changed outside the editor.
fn watch_request() -> Request {
    let watchers = ["**/*.{yaml,yml}", "**/ordnat.toml"]
        .into_iter()
        .map(|glob| lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .collect();
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = lsp_types::RegistrationParams {
        registrations: vec![lsp_types::Registration {
            id: "ordnat-filer".to_string(),
            method: note::DidChangeWatchedFiles::METHOD.to_string(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    Request::new(
        RequestId::from("ordnat-filer".to_string()),
        req::RegisterCapability::METHOD.to_string(),
        params,
    )
}

/// The folder the editor opened: the first workspace folder, else the root URI.
fn root_of(init: &InitializeParams) -> Option<PathBuf> {
    let folder = init
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri);
    #[allow(deprecated)]
    let uri = folder.or(init.root_uri.as_ref())?;
    path_of(uri)
}

struct Server<'c> {
    connection: &'c Connection,
    project: Project,
    shutdown: bool,
}

impl Server<'_> {
    fn send(&self, message: impl Into<Message>) {
        // The client is gone when this fails; the loop ends with its channel.
        let _ = self.connection.sender.send(message.into());
    }

    fn publish(&self, all: Vec<Publish>) {
        for p in all {
            let params = PublishDiagnosticsParams::new(p.uri, p.diagnostics, p.version);
            self.send(Notification::new(
                note::PublishDiagnostics::METHOD.into(),
                params,
            ));
        }
    }

    fn load(&mut self) {
        let published = self.project.load();
        if let Some(problem) = &self.project.problem {
            let params = lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::ERROR,
                message: format!("ordnat: {problem}"),
            };
            self.send(Notification::new(note::ShowMessage::METHOD.into(), params));
        }
        self.publish(published);
    }

    fn flush(&mut self) {
        let published = self.project.flush();
        self.publish(published);
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        if self.shutdown {
            return self.error(id, ErrorCode::InvalidRequest, "servern stängs av");
        }
        if self.project.is_dirty() {
            self.flush();
        }
        let answer: Result<Value, String> = match method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            req::HoverRequest::METHOD => with(params, |p| super::hover::hover(&self.project, p)),
            req::Completion::METHOD => {
                with(params, |p| super::completion::complete(&self.project, p))
            }
            req::CodeLensRequest::METHOD => with(params, |p| super::lens::lenses(&self.project, p)),
            req::GotoDefinition::METHOD => {
                with(params, |p| super::navigate::definition(&self.project, p))
            }
            req::CodeActionRequest::METHOD => {
                with(params, |p| super::actions::actions(&self.project, p))
            }
            req::DocumentSymbolRequest::METHOD => {
                with(params, |p| super::navigate::symbols(&self.project, p))
            }
            _ => {
                return self.error(
                    id,
                    ErrorCode::MethodNotFound,
                    &format!("okänd metod `{method}`"),
                );
            }
        };
        match answer {
            Ok(value) => self.send(Response::new_ok(id, value)),
            Err(message) => self.error(id, ErrorCode::InvalidParams, &message),
        }
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_string()));
    }

    fn notification(&mut self, n: Notification) {
        let Notification { method, params } = n;
        match method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                else {
                    return;
                };
                if let Some(path) = path_of(&p.text_document.uri) {
                    let path = normal(&path);
                    self.project
                        .set_text(path, p.text_document.text, p.text_document.version);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                else {
                    return;
                };
                let Some(path) = path_of(&p.text_document.uri).map(|p| normal(&p)) else {
                    return;
                };
                let Some(doc) = self.project.doc(&path) else {
                    return;
                };
                let text = apply(&doc.text, p.content_changes);
                self.project.set_text(path, text, p.text_document.version);
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                else {
                    return;
                };
                if let Some(path) = path_of(&p.text_document.uri) {
                    let published = self.project.close(&normal(&path));
                    self.publish(published);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                else {
                    return;
                };
                if path_of(&p.text_document.uri).is_some_and(|p| is_config(&p)) {
                    self.load();
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params)
                else {
                    return;
                };
                let paths: Vec<PathBuf> = p
                    .changes
                    .iter()
                    .filter_map(|c| path_of(&c.uri))
                    .map(|p| normal(&p))
                    .collect();
                if paths.iter().any(|p| is_config(p)) {
                    self.load();
                } else {
                    let published = self.project.disk_changed(&paths);
                    self.publish(published);
                }
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace` and the like need nothing.
            _ => {}
        }
    }
}

fn is_config(path: &std::path::Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::config::FILE_NAME)
}

/// Reads a request's parameters and answers with `f`'s result as JSON.
fn with<P: serde::de::DeserializeOwned, R: serde::Serialize>(
    params: Value,
    f: impl FnOnce(P) -> R,
) -> Result<Value, String> {
    let params: P = serde_json::from_value(params)
        .map_err(|e| format!("parametrarna kunde inte läsas: {e}"))?;
    serde_json::to_value(f(params)).map_err(|e| e.to_string())
}

/// A buffer's text after `changes` (whole texts, or ranges replaced; positions in UTF-16).
fn apply(text: &Text, changes: Vec<TextDocumentContentChangeEvent>) -> String {
    let mut current = text.text.clone();
    for change in changes {
        match change.range {
            None => current = change.text,
            Some(range) => {
                let t = Text::new(std::mem::take(&mut current));
                let start = byte_at(&t, range.start);
                let end = byte_at(&t, range.end).max(start);
                let mut s = t.text;
                s.replace_range(start..end, &change.text);
                current = s;
            }
        }
    }
    current
}

/// The byte offset of an LSP position in `t`, clamped to its line and the text.
fn byte_at(t: &Text, pos: lsp_types::Position) -> usize {
    let (line, chars) = t.char_at(pos);
    if line >= t.line_count() {
        return t.text.len();
    }
    let line_start = t.line_start(line);
    let text = t.line(line);
    let within: usize = text.chars().take(chars).map(char::len_utf8).sum();
    (line_start + within).min(t.text.len())
}
