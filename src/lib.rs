//! `ordnat`: validates and summarises the cases of *ordnat införande* kept as YAML files.
//!
//! Data flows one way: find files (`repo`) → read each into a case with positions (`tree`,
//! `format`, `de`, `case`) → derive each case's phase (`process`) → run the rules (`rules`) →
//! diagnostics (`diagnostic`) → render (`render`). `app` wires the commands to this flow.

pub mod app;
pub mod case;
pub mod cli;
pub mod config;
pub mod de;
pub mod diagnostic;
pub mod format;
pub mod process;
pub mod render;
pub mod repo;
pub mod rules;
pub mod schema;
pub mod tree;
