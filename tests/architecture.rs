//! The shape of the code: every module says in its first lines what it is for and which other
//! modules it may use, the `crate::` paths in its files stay within that, and the modules used
//! by one another form no cycle (data flows one way).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules: `src/x.rs` or `src/x/` (all files below), except the binary's and
/// the library's roots.
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        if name == "main" || name == "lib" {
            continue;
        }
        let files = if path.is_dir() {
            walk(&path)
        } else {
            vec![path.clone()]
        };
        out.insert(name, files);
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The modules named after `crate::` in a file's code (not in comments).
fn uses(file: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(file).expect("read");
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

/// The module's root file: `src/x.rs` or `src/x/mod.rs`.
fn root_file(files: &[PathBuf]) -> &PathBuf {
    files
        .iter()
        .find(|f| f.ends_with("mod.rs"))
        .unwrap_or(&files[0])
}

/// What the module's doc comment says it may use: `None` for "every other module".
fn declared(root: &Path) -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(root).expect("read");
    let doc: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| l.trim_start_matches("//!").trim())
        .collect();
    let doc = doc.join(" ");
    let at = doc
        .find("May use:")
        .unwrap_or_else(|| panic!("{} does not say what it may use", root.display()));
    let rest = &doc[at + "May use:".len()..];
    let sentence = rest.split(". ").next().unwrap_or(rest);
    if sentence.trim_start().starts_with("every other module") {
        return None;
    }
    Some(
        sentence
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn every_module_uses_only_what_its_doc_comment_allows() {
    let modules = modules();
    for (name, files) in &modules {
        let root = root_file(files);
        let first = std::fs::read_to_string(root).expect("read");
        assert!(
            first.starts_with("//!"),
            "{} does not start with a doc comment",
            root.display()
        );
        let Some(allowed) = declared(root) else {
            continue;
        };
        for file in files {
            for used in uses(file) {
                assert!(
                    used == *name || allowed.contains(&used),
                    "{} uses `crate::{used}`, which the doc comment of `{name}` does not allow ({allowed:?})",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn modules_form_no_cycle() {
    let modules = modules();
    let graph: BTreeMap<&str, BTreeSet<String>> = modules
        .iter()
        .map(|(name, files)| {
            let mut deps: BTreeSet<String> = files.iter().flat_map(|f| uses(f)).collect();
            deps.remove(name);
            deps.retain(|d| modules.contains_key(d));
            (name.as_str(), deps)
        })
        .collect();
    // Depth-first search; a module met again while on the stack closes a cycle.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<&'a str, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(i) = stack.iter().position(|n| *n == node) {
            panic!("cycle: {} -> {node}", stack[i..].join(" -> "));
        }
        stack.push(node);
        for dep in graph.get(node).into_iter().flatten() {
            if let Some((key, _)) = graph.get_key_value(dep.as_str()) {
                visit(key, graph, stack, done);
            }
        }
        stack.pop();
        done.insert(node);
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
    assert!(graph.contains_key("rules") && graph["rules"].contains("process"));
}

/// The sibling files a file of folder module `module` uses: `super::x` and `crate::module::x`
/// where `x.rs` (or `x/`) stands beside it. The folder's `mod.rs` is its namespace, not a
/// sibling: every file may use what it declares.
fn sibling_uses(module: &str, file: &Path, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let text = std::fs::read_to_string(file).expect("read");
    let mut found = BTreeSet::new();
    let own = format!("crate::{module}::");
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for prefix in ["super::", own.as_str()] {
            let mut rest = code;
            while let Some(i) = rest.find(prefix) {
                rest = &rest[i + prefix.len()..];
                // `use super::{a, b::C}`: every name in the braces.
                let names: Vec<String> = if let Some(inner) = rest.strip_prefix('{') {
                    let inner = inner.split('}').next().unwrap_or_default();
                    inner
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or_default().to_string())
                        .collect()
                } else {
                    vec![
                        rest.chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect(),
                    ]
                };
                found.extend(names.into_iter().filter(|n| siblings.contains(n)));
            }
        }
    }
    found
}

#[test]
fn the_files_of_a_module_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for (module, files) in modules() {
        let folder = src.join(&module);
        if !folder.is_dir() {
            continue;
        }
        // One node per file or sub-folder directly in the folder, but `mod.rs`.
        let node_of = |f: &Path| -> String {
            let rel = f.strip_prefix(&folder).expect("inside");
            let first = rel.components().next().expect("component");
            Path::new(first.as_os_str())
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("name")
                .to_string()
        };
        let siblings: BTreeSet<String> = files
            .iter()
            .map(|f| node_of(f))
            .filter(|n| n != "mod")
            .collect();
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let node = node_of(file);
            if node == "mod" {
                continue;
            }
            // A file in a sub-folder reaches its siblings through `super::super::`; only the
            // folder's own files are read here.
            if file.parent() != Some(folder.as_path()) {
                continue;
            }
            let mut deps = sibling_uses(&module, file, &siblings);
            deps.remove(&node);
            graph.entry(node).or_default().extend(deps);
        }
        for (node, deps) in &graph {
            for dep in deps {
                let mut seen = BTreeSet::new();
                let mut todo = vec![dep.clone()];
                while let Some(next) = todo.pop() {
                    assert!(
                        next != *node,
                        "src/{module}/: {node} uses {dep}, which leads back to {node}"
                    );
                    if seen.insert(next.clone()) {
                        todo.extend(graph.get(&next).into_iter().flatten().cloned());
                    }
                }
            }
        }
        checked += graph.len();
    }
    assert!(checked > 20, "only {checked} files checked");
}

/// No source file is longer than a reader can hold: 1 000 lines.
#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = walk(&root)
        .into_iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(&file).ok()?.lines().count();
            (lines > 1000).then(|| format!("{} ({lines})", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:?}");
}
