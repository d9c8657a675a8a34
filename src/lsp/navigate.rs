//! Navigation.
use super::project::Project;
pub fn definition(
    _p: &Project,
    _params: lsp_types::GotoDefinitionParams,
) -> Option<lsp_types::GotoDefinitionResponse> {
    None
}
pub fn symbols(
    _p: &Project,
    _params: lsp_types::DocumentSymbolParams,
) -> Option<lsp_types::DocumentSymbolResponse> {
    None
}
