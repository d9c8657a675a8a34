//! The unified diff of an edit of a case file as `record --dry-run` and `check --diff` show
//! it: `a/` and `b/` paths relative to the repo (as git and ruff write them), `sekretess`
//! values masked on both sides as the reader shows a file (context lines may reach them), and
//! control characters shown as visible escapes, except the line break itself: a line that
//! ends `\r\n` in the file ends so in the diff, so that the diff of a CRLF file still applies
//! (`git apply`, `patch`).

use crate::text::sanitize::{Keep, controls_into};
use std::path::Path;

/// The diff of `old` to `new`, the text of the case file at `path` (shown as `shown`) in the
/// repo at `root`, before and after an edit; empty when they are equal.
pub fn shown(root: &Path, path: &Path, old: &str, new: &str, shown: &str) -> String {
    let masked = |text: &str| crate::read::read_text(root, path, text).source;
    let diff = similar::TextDiff::from_lines(&masked(old), &masked(new))
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    let mut out = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        let body = line
            .strip_suffix("\r\n")
            .or_else(|| line.strip_suffix('\n'))
            .unwrap_or(line);
        controls_into(&mut out, body, Keep::TAB);
        out.push_str(&line[body.len()..]);
    }
    out
}
