//! `ordnat lsp`: the language server, on standard in and out, over the same stages as
//! `check`. An editor sees every finding `check` would give, for every case file of the repo
//! and for every open buffer as it is typed (the unsaved text), with hover texts, completion,
//! the case's phase on its `id:` line, go to definition and the case's sections.
//!
//! - `transport`: the JSON-RPC framing on standard in and out; a malformed message is
//!   answered or dropped, never the end of the server.
//! - `position`: ordnat's positions (line and column in characters) as LSP's (UTF-16 code
//!   units), and back; file URIs as paths.
//! - `project`: the repo kept in memory (`rules::Live`: every file's first pass), the open
//!   buffers, and which files' findings to publish after a change.
//! - `cursor`: what stands at the cursor in a buffer (the key path, a key or a value).
//! - `fields`: what the case format says of a key (the schema's descriptions and words).
//! - `diagnostics`, `hover`, `completion`, `lens`, `navigate`, `actions`: one capability
//!   each.
//! - `server`: the main loop on lsp-server's channel and the dispatch of every message.
//!
//! Nothing here shows a value under `sekretess`: findings come from the engine, which masks
//! them, and hover texts, lenses and symbols show keys, words and the derived phase only.
//!
//! May use: `rules`, `read`, `workspace`, `config`, `model`, `process`, `report`,
//! `diagnostic`, `rule_id`, `schema`, `sources`, `text`, `fix`.

mod actions;
mod completion;
mod cursor;
mod diagnostics;
mod fields;
mod hover;
mod lens;
mod navigate;
mod position;
mod project;
mod server;
mod transport;

pub use server::{Options, serve};
pub use transport::stdio;
