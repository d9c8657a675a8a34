//! `ordnat schema [--config]`: the JSON Schema of a case file, or of `ordnat.toml`.

use anyhow::Result;

pub fn run(config: bool) -> Result<u8> {
    let schema = if config {
        crate::schema::config_schema()
    } else {
        crate::schema::case_schema().clone()
    };
    super::print(&crate::schema::to_text(&schema))?;
    Ok(0)
}
