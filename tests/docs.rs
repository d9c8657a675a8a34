//! The README says what the code does: its rule tables are the registry's, in full.

use ordnat::cli::ListFormat;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

/// The text between `<!-- name…-->` and `<!-- /name -->`.
fn block<'a>(text: &'a str, name: &str) -> &'a str {
    let open = format!("<!-- {name}");
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("README has no {open}"));
    let after = &text[start..];
    let body = &after[after.find("-->").expect("closing -->") + 4..];
    let close = format!("<!-- /{name} -->");
    &body[..body
        .find(&close)
        .unwrap_or_else(|| panic!("README has no {close}"))]
}

#[test]
fn readme_rule_tables_are_the_registry() {
    let readme = readme();
    let expected = ordnat::commands::rules_list(ListFormat::Markdown);
    assert_eq!(
        block(&readme, "regler"),
        expected,
        "README's rule tables differ from the registry: paste `ordnat rules --format markdown`"
    );
}
