//! Completion.
use super::project::Project;
pub fn complete(
    _p: &Project,
    _params: lsp_types::CompletionParams,
) -> Option<lsp_types::CompletionResponse> {
    None
}
