//! Lens.
use super::project::Project;
pub fn lenses(
    _p: &Project,
    _params: lsp_types::CodeLensParams,
) -> Option<Vec<lsp_types::CodeLens>> {
    None
}
