//! `ordnat help [KOMMANDO]`, `ordnat completions SKAL` and `ordnat man [KOMMANDO]`: text made
//! from the one Swedish clap definition in `help`.

use anyhow::{Result, anyhow};

pub fn help(path: &[String]) -> Result<u8> {
    let text = crate::help::long_help(path).map_err(|e| anyhow!(e))?;
    super::print(&text)?;
    Ok(0)
}

pub fn completions(shell: clap_complete::Shell) -> Result<u8> {
    super::print(&crate::help::completions(shell))?;
    Ok(0)
}

pub fn man(command: Option<&str>) -> Result<u8> {
    let text = crate::help::man_page(command).map_err(|e| anyhow!(e))?;
    super::print(&text)?;
    Ok(0)
}
