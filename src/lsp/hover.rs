//! Hover texts.
use super::project::Project;
pub fn hover(_p: &Project, _params: lsp_types::HoverParams) -> Option<lsp_types::Hover> {
    None
}
