//! The case's phase on its `id:` line, as a code lens: "Fas: … · Nästa steg: … – vem", the
//! words of `ordnat status` (the project keeps it for each open buffer as it is checked,
//! from the same derivation).

use super::cursor;
use super::project::Project;
use lsp_types::{CodeLens, CodeLensParams, Command, Range};

pub fn lenses(project: &Project, params: CodeLensParams) -> Option<Vec<CodeLens>> {
    let (_, doc) = project.case_doc(&params.text_document.uri)?;
    let title = doc.lens.clone()?;
    let line = cursor::outline(&doc.text)
        .into_iter()
        .find(|k| k.path.len() == 1 && k.path[0] == "id")
        .map_or(0, |k| k.line);
    let start = doc.text.at(line, 0);
    Some(vec![CodeLens {
        range: Range::new(start, start),
        // A title to read, not a command to run (`command` is the protocol's only place for
        // a lens's text).
        command: Some(Command {
            title,
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }])
}
