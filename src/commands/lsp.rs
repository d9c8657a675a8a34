//! `ordnat lsp`: the language server on standard in and out, until the editor says `exit`.

use anyhow::{Result, bail};

pub fn run(today: Option<&str>) -> Result<u8> {
    let today = match today {
        Some(_) => Some(super::today(today)?),
        None => None,
    };
    match crate::lsp::stdio(crate::lsp::Options { today }) {
        // The protocol's exit code: 0 after `shutdown`, 1 when `exit` came without it.
        Ok(true) => Ok(0),
        Ok(false) => Ok(1),
        Err(e) => bail!(e),
    }
}
