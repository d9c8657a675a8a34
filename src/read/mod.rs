//! Reading: each case file from bytes to a typed case with source positions. Bytes → UTF-8 →
//! the YAML tree with spans (`tree`) → the format walk against the schema, compiled once
//! (`walk`) → the typed case (`de`). A file that cannot be read becomes a diagnostic, never an
//! abort. Confidential values are masked in the source kept for snippets (`secret`).
//!
//! May use: `model`, `diagnostic`, `fix`, `rule_id`, `schema`, `text`. Knows nothing of the
//! process, the rules or the output.

mod de;
mod fast;
mod format;
mod secret;
pub mod tree;
mod walk;

pub use format::{Field, Holds, case_format};
pub use secret::Mask;

use crate::diagnostic::Diagnostic;
use crate::model::{Case, Pos};
use crate::rule_id::RuleId;
use rayon::iter::FromParallelIterator;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Parses `text` into a tree. An empty document (or one holding only comments) is `Value::Null`.
/// Straight from the parser's events where it can (`fast.rs`), through serde-saphyr otherwise;
/// both build the same tree.
///
/// YAML 1.2 wants the continuation lines of a flow collection or a quoted text indented more
/// than their parent; the parser checks that only with its strict indentation. A file is
/// first read leniently, so that a broken file gets the message that points at its real
/// mistake (an unclosed `[` is reported at the colon after it, not at the next key); a file
/// that reads leniently must then also read strictly, or the strict complaint is the error.
pub fn parse(text: &str) -> Result<tree::Node<'_>, tree::SyntaxError> {
    parse_scanning(text, None).map(|(node, _)| node)
}

/// `parse`, feeding the fast path's events to `scan` (`secret::Scan::of`) as it goes, so that a
/// file that may hold `sekretess` is parsed once. The scan comes back when the fast path read
/// the whole file; when the general path read it, the scan was fed in part and is dropped.
fn parse_scanning<'t>(
    text: &'t str,
    mut scan: Option<secret::Scan<'t>>,
) -> Result<(tree::Node<'t>, Option<secret::Scan<'t>>), tree::SyntaxError> {
    match fast::parse(text, true, scan.as_mut()) {
        Some(node) => Ok((node, scan)),
        None => tree::parse_general(text).map(|node| (node, None)),
    }
}

/// The fast path alone (strict indentation): `None` where it leaves the file to the general path.
pub fn parse_fast(text: &str) -> Option<tree::Node<'_>> {
    fast::parse(text, true, None)
}

/// Larger files are not case files; they are reported, not parsed.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One case file as read.
#[derive(Debug)]
pub struct CaseFile {
    /// The path as shown to the user: relative to the repo root, with `/`.
    pub display: String,
    pub path: PathBuf,
    /// The source text, for snippets and fingerprints (empty when the file could not be read),
    /// with everything confidential masked (`secret`): lines are as in the file.
    pub source: String,
    /// Where `source` was masked: the lines of its confidential parts (what the report and
    /// the checklist hide unless asked to show it), and how a position of the file moves.
    pub mask: Mask,
    /// The text as read, when `source` differs from it (only where `sekretess` was masked):
    /// what a fix's byte offsets count in (`text`). Never shown.
    unmasked: Option<String>,
    /// The typed case, when the file could be parsed at all.
    pub case: Option<Case>,
    /// Problems found while reading: I/O, syntax and format.
    pub diagnostics: Vec<Diagnostic>,
}

impl CaseFile {
    /// A file not (yet) read: no source, no case, no findings.
    pub fn new(display: String, path: PathBuf) -> Self {
        CaseFile {
            display,
            path,
            source: String::new(),
            mask: Mask::default(),
            unmasked: None,
            case: None,
            diagnostics: Vec::new(),
        }
    }

    /// Whether line `line` is in a confidential part.
    pub fn is_confidential(&self, line: u32) -> bool {
        self.mask.covers(line)
    }

    /// The file without its text (shown or as read): for a caller that keeps many files and
    /// reads only their cases, masked lines and names.
    pub fn without_text(self) -> Self {
        CaseFile {
            source: String::new(),
            unmasked: None,
            ..self
        }
    }

    /// The text as read (after a byte-order mark), confidential values and all: what the
    /// byte offsets of a fix (`fix::Edit`) count in. For making fixes only, never to be shown:
    /// `source` is the text to show.
    pub fn text(&self) -> &str {
        self.unmasked.as_deref().unwrap_or(&self.source)
    }
}

/// A path found under the cases folder: a case file to read, or a path already known to be
/// unreadable (an unreadable folder, a link out of the repo), with its diagnostic.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    /// Boxed: it is rare, and a found path is small without it (a large repo lists, sorts and
    /// moves tens of thousands of them before any is read).
    pub problem: Option<Box<Diagnostic>>,
}

/// The path as shown: relative to the repo root when it is inside it, always with `/`.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    rel.to_string_lossy().replace('\\', "/")
}

/// Reads all found paths on all cores and hands each file, with its index, to `keep`, as soon
/// as it is read: the results in the given order, collected into `C` (a `Vec`, or a pair of
/// `Vec`s for pairs). What `keep` does not return is dropped right away, so a caller can hold a
/// little of every file instead of every file.
/// Paths found with a problem become a file holding just that diagnostic, so that every
/// finding goes through the same engine.
pub fn read_each<T: Send, C: FromParallelIterator<T>>(
    root: &Path,
    found: &[Found],
    keep: impl Fn(usize, CaseFile) -> T + Sync,
) -> C {
    roomy_threads();
    found
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let file = match &f.problem {
                None => read(root, &f.path),
                Some(d) => CaseFile {
                    diagnostics: vec![Diagnostic::clone(d)],
                    ..CaseFile::new(display_path(root, &f.path), f.path.clone())
                },
            };
            keep(i, file)
        })
        .collect()
}

/// Gives the worker threads room for the general YAML path's recursion on a deeply nested
/// file (its budget stops at 64 levels, but a debug build needs more than rayon's default
/// stack for those). Only address space: pages are used as touched. Once per process; if the
/// pool already exists, it stays as it is.
fn roomy_threads() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(64 * 1024 * 1024)
            .build_global();
    });
}

/// The bytes of the file at `path`, or its length when it is larger than `MAX_FILE_BYTES`
/// (then it is not read). Opened once and measured by its handle.
fn read_bytes(path: &Path) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Ok(Err(len));
    }
    // The length is room to start with; the file is read to its end. Through `take`, because
    // `File::read_to_end` would ask the system for the length a second time.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    (&file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
}

/// The finding for a file of `len` bytes, over `MAX_FILE_BYTES`: it is not read.
pub fn too_large(len: u64) -> Diagnostic {
    Diagnostic::new(
        RuleId::UnreadableFile,
        Pos::start(),
        format!(
            "filen är för stor ({} kB); en ärendefil är några kB",
            len / 1024
        ),
    )
    .hint("kontrollera att filen verkligen är ett ärende; gränsen är 4 MB")
}

/// Reads one case file: bytes, UTF-8, YAML, format, typed case. Never fails: every problem is
/// a diagnostic in the result.
pub fn read(root: &Path, path: &Path) -> CaseFile {
    let display = display_path(root, path);
    let mut file = CaseFile::new(display, path.to_path_buf());
    let at_start = Pos::start();
    let bytes = match read_bytes(path) {
        Ok(Ok(b)) => b,
        Ok(Err(len)) => {
            file.diagnostics.push(too_large(len));
            return file;
        }
        Err(err) => {
            let hint = if err.kind() == std::io::ErrorKind::PermissionDenied {
                "kontrollera filrättigheterna"
            } else {
                "kontrollera att filen finns och att den får läsas"
            };
            file.diagnostics.push(
                Diagnostic::new(
                    RuleId::UnreadableFile,
                    at_start,
                    format!("filen kan inte läsas: {err}"),
                )
                .hint(hint),
            );
            return file;
        }
    };
    from_bytes(file, bytes)
}

/// Reads the text a case file would have (`record` checks an edit before it writes it): as
/// `read` reads the file at `path`, from `text` instead of the file's bytes.
pub fn read_text(root: &Path, path: &Path, text: &str) -> CaseFile {
    let file = CaseFile::new(display_path(root, path), path.to_path_buf());
    from_bytes(file, text.as_bytes().to_vec())
}

/// The rest of `read` once the bytes are in: UTF-8, YAML, format, typed case.
fn from_bytes(mut file: CaseFile, bytes: Vec<u8>) -> CaseFile {
    let at_start = Pos::start();
    let text = match String::from_utf8(bytes) {
        Ok(t) if !t.contains('\0') => t,
        Ok(_) => {
            file.diagnostics.push(
                Diagnostic::new(
                    RuleId::YamlSyntax,
                    at_start,
                    "filen innehåller binära data (NUL-tecken), inte text",
                )
                .hint("en ärendefil är en textfil i UTF-8; ta bort filen eller byt ändelse"),
            );
            return file;
        }
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
            let line = u32::try_from(valid.matches('\n').count() + 1).unwrap_or(u32::MAX);
            let col = u32::try_from(valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1)
                .unwrap_or(u32::MAX);
            file.diagnostics.push(
                Diagnostic::new(
                    RuleId::YamlSyntax,
                    Pos::new(line, col, 1),
                    "filen är inte giltig UTF-8",
                )
                .hint("spara filen som UTF-8 (inte Latin-1/Windows-1252) i din editor"),
            );
            return file;
        }
    };
    let text = as_parsed(text);
    let tree = match parse_scanning(&text, secret::Scan::of(&text)) {
        Ok((tree, scan)) => {
            let masked = secret::parsed(&text, scan);
            file.source = masked.source;
            file.mask = masked.mask;
            if !masked.refused.is_empty() {
                file.diagnostics.extend(masked.refused);
                return file;
            }
            tree
        }
        Err(err) => {
            let masked = secret::unparsed(&text, err.pos.line);
            file.source = masked.source;
            file.mask = masked.mask;
            let message = if file.mask.covers(err.pos.line) && err.quotes_source {
                "ogiltig YAML under `sekretess` (parserns beskrivning visas inte, eftersom den kan \
                 citera sekretessbelagda uppgifter)"
                    .to_string()
            } else {
                err.message
            };
            file.diagnostics
                .push(Diagnostic::new(RuleId::YamlSyntax, err.pos, message).hint(
                    "rätta YAML-syntaxen; övriga kontroller av filen görs när den kan läsas",
                ));
            return file;
        }
    };
    let format = match format::case_format() {
        Ok(format) => format,
        Err(err) => {
            file.diagnostics.push(
                Diagnostic::new(
                    RuleId::InvalidValue,
                    at_start,
                    format!("formatet kan inte läsas: {err}"),
                )
                .hint("detta är ett internt fel i ordnat; rapportera det gärna"),
            );
            return file;
        }
    };
    let root_pos = tree.pos;
    let (diagnostics, case) = typed(tree, format, &text);
    file.diagnostics.extend(diagnostics);
    // Kept (not copied) where the shown source is masked: the rules' fixes count in it.
    if !file.mask.is_empty() {
        file.unmasked = Some(text);
    }
    match case {
        Ok(case) => file.case = case,
        Err(err) => file.diagnostics.push(
            Diagnostic::new(
                RuleId::InvalidValue,
                root_pos,
                format!("ärendet kan inte tolkas: {err}"),
            )
            .hint("detta är ett internt fel i ordnat; rapportera det gärna med filen"),
        ),
    }
    file
}

/// Reads a case from text that is not a file on disk (an old version from git history): the
/// same YAML tree, format walk and typed case as `read`, with the diagnostics dropped. `None`
/// when the text is not a case at all.
pub fn case_from_text(text: &str) -> Option<Case> {
    let text = as_parsed(text.to_string());
    let (tree, scan) = parse_scanning(&text, secret::Scan::of(&text)).ok()?;
    if secret::refuses(&text, scan) {
        return None;
    }
    typed(tree, format::case_format().ok()?, &text).1.ok()?
}

/// `text` as the parser reads it, and as it is shown and masked: without a byte-order mark,
/// and with every lone carriage return (an old Mac line break, a line break to YAML) made a
/// line feed, so that lines are counted alike everywhere. Each is one byte, so no offset
/// after the mark moves.
fn as_parsed(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let bytes = text.as_bytes();
    let lone: Vec<usize> = memchr::memchr_iter(b'\r', bytes)
        .filter(|at| bytes.get(at + 1) != Some(&b'\n'))
        .collect();
    if lone.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for at in lone {
        bytes[at] = b'\n';
    }
    // Only ASCII bytes changed, into ASCII.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The format walk and the typed case of a parsed document, the one path `read` and
/// `case_from_text` share: the walk's findings, and the case (`None` when the document is not
/// a mapping, which the walk has reported).
fn typed(
    tree: tree::Node<'_>,
    format: &format::Format,
    text: &str,
) -> (Vec<Diagnostic>, Result<Option<Case>, de::Error>) {
    let confidential = secret::confidential_at(&tree);
    let walked = walk::walk(tree, format, text);
    if !matches!(walked.tree.value, tree::Value::Map(_)) {
        return (walked.diagnostics, Ok(None));
    }
    let case = de::from_node::<Case>(walked.tree).map(|mut case| {
        case.unreadable = walked.unreadable;
        case.confidential = confidential;
        Some(case)
    });
    (walked.diagnostics, case)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_the_fast_path_feeds_finds_what_a_scan_of_its_own_finds() {
        let mut fed = 0;
        for text in [
            "id: 2026-001\nsekretess:\n  pris_efter_rabatt: 31 000 kr\n  anteckning: |\n    Rabatt\n\
             \n  # netto 31977\nindikation: x\n",
            "sekretess: { anteckning: hemlig text, pris_efter_rabatt: 31977 }\nid: x\n",
            "mall: { sekretess: { anteckning: HEMLIG } }\n",
            "\"sekretess\": [a, {b: c}]\nid: 1\n",
            "sekretess:\n- HEMLIG\n- a: HEMLIG\nid: x\n",
            "x: &s {a: 1}\nsekretess: *s\n",
        ] {
            let mut scan = secret::Scan::of(text);
            let Some(_) = fast::parse(text, true, scan.as_mut()) else {
                continue;
            };
            fed += 1;
            let once = secret::parsed(text, scan);
            let own = secret::parsed(text, None);
            assert_eq!(once.source, own.source, "{text:?}");
            assert_eq!(once.mask, own.mask, "{text:?}");
            assert_eq!(once.refused, own.refused, "{text:?}");
            assert_ne!(once.source, text, "{text:?}");
        }
        assert_eq!(fed, 5);
    }

    fn only(file: &CaseFile) -> (&str, &str, Option<&str>) {
        assert_eq!(file.diagnostics.len(), 1, "{:?}", file.diagnostics);
        let d = &file.diagnostics[0];
        (d.rule.name(), d.message.as_str(), d.hint.as_deref())
    }

    #[test]
    fn a_file_is_read_whole_and_a_large_or_missing_one_is_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        // 200 kB, far more than a case file: read whole all the same.
        let text = format!("id: 2026-001\nbakgrund: {}\n", "x".repeat(200_000));
        std::fs::write(root.join("a.yaml"), &text).expect("write");
        let file = read(root, &root.join("a.yaml"));
        assert_eq!(file.source, text);

        let big = std::fs::File::create(root.join("b.yaml")).expect("create");
        big.set_len(MAX_FILE_BYTES + 1).expect("size");
        let file = read(root, &root.join("b.yaml"));
        assert_eq!(
            only(&file),
            (
                "unreadable-file",
                "filen är för stor (4096 kB); en ärendefil är några kB",
                Some("kontrollera att filen verkligen är ett ärende; gränsen är 4 MB"),
            )
        );
        assert!(file.source.is_empty() && file.case.is_none());

        let file = read(root, &root.join("c.yaml"));
        let (rule, message, hint) = only(&file);
        assert_eq!(rule, "unreadable-file");
        assert!(message.starts_with("filen kan inte läsas: "), "{message}");
        assert_eq!(
            hint,
            Some("kontrollera att filen finns och att den får läsas")
        );
    }
}
