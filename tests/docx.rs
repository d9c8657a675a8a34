//! Documents as Word files (`ordnat::document::docx`), read by real consumers: python-docx
//! (PyPI) sees the title and the section headings in Word's heading styles, the lists on a
//! numbering, the tables as tables with the cells' text, right-aligned amounts, the
//! confidential notice first and in the header of the page, and case text exactly as written
//! (control characters as visible escapes); LibreOffice (headless) reads the same headings
//! (its HTML has them as `h1` to `h3`) and prints it as a PDF on A4, which poppler's `pdfinfo`
//! and `pdftotext` read.
//!
//! The consumers are installed by `.ci/run`: python-docx into the Python of
//! `ORDNAT_DOCX_PYTHON`, LibreOffice (`ORDNAT_SOFFICE`) and poppler (`ORDNAT_PDFINFO`,
//! `ORDNAT_PDFTOTEXT`) from Debian. A test whose consumer is missing fails when `CI=true` and
//! skips with a note otherwise.

mod common;
use common::{consumer, output, runs};
use ordnat::document::{Block, Head, Section, Table, docx};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const NOTICE: &str = "Innehåller uppgifter som omfattas av sekretess";
/// Case text with markup, quotes, a line break and an escape sequence.
const HOSTILE: &str = "<script>alert(1)</script> & \"citat\" 'x' \u{1b}[31m\nrad två";
/// The same text as the document shows it.
const HOSTILE_SHOWN: &str = "<script>alert(1)</script> & \"citat\" 'x' \\u{1b}[31m\nrad två";

/// A document with a block of every kind.
fn document() -> (Head, Vec<Section>) {
    let head = Head {
        title: "Läkemedelsrådet – underlag".into(),
        page_title: "Underlag 2026-12-03".into(),
        lines: vec!["Region Halland".into(), "Sammanträde 2026-12-03".into()],
        confidential: Some(NOTICE.into()),
    };
    let mut ready = Section::new("redo", "Redo för beslut");
    ready.number = Some("§ 5".into());
    ready.count = Some(2);
    ready.intro = Some("Ärenden som kan beslutas vid sammanträdet.".into());
    ready.blocks = vec![
        Block::Heading("Onkologi".into()),
        Block::Paragraph(HOSTILE.into()),
        Block::Fields(vec![
            ("Diarienummer".into(), "RS 2026/0412".into()),
            ("Substans".into(), "Glofitamab".into()),
        ]),
        Block::List(vec!["Första punkten".into(), "Andra punkten".into()]),
        Block::Table(Table {
            caption: Some("Kostnader".into()),
            headers: vec!["Ärende".into(), "Klinik".into(), "Kostnad".into()],
            right: vec![2],
            ids: vec![0],
            rows: vec![
                vec![
                    "2026-007".into(),
                    "Onkologi\nHematologi".into(),
                    "1 200 000 kr".into(),
                ],
                vec!["2026-012".into(), HOSTILE.into(), "85 000 kr".into()],
                vec![String::new(), "Fortsättning".into(), String::new()],
            ],
            empty: "Inga kostnader.".into(),
        }),
        Block::Note("Beloppen är årskostnader.".into()),
        Block::Table(Table {
            caption: Some("Uppföljningar".into()),
            headers: vec!["Ärende".into()],
            empty: "Inga uppföljningar.".into(),
            ..Table::default()
        }),
        Block::Figure(maud::PreEscaped("<svg></svg>".into())),
        Block::Signatures(vec!["Ordförande".into(), "Sekreterare".into()]),
    ];
    let mut none = Section::new("fel", "Fel i ärendena");
    none.number = Some("3.".into());
    none.empty = Some("Inga fel.".into());
    (head, vec![ready, none])
}

/// The document written to `dir/underlag.docx`.
fn written(dir: &Path) -> PathBuf {
    let (head, sections) = document();
    let mut bytes = Vec::new();
    docx::write(&mut bytes, &head, sections).expect("written");
    let file = dir.join("underlag.docx");
    std::fs::write(&file, bytes).expect("saved");
    file
}

/// What python-docx reads in a .docx: the body's paragraphs (style, text, whether on a
/// numbering, first run bold / italic / colour), its tables (each cell's text and whether
/// right-aligned), the header's paragraphs and the page size.
const READ_DOCX: &str = r#"
import json, sys, docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
d = docx.Document(sys.argv[1])
def first_run(p):
    r = p.runs[0] if p.runs else None
    return {
        "bold": bool(r and r.bold),
        "italic": bool(r and r.italic),
        "color": str(r.font.color.rgb) if r is not None and r.font.color.type is not None else None,
    }
section = d.sections[0]
print(json.dumps({
    "paragraphs": [
        dict(style=p.style.name, text=p.text,
             numbered=p._p.pPr is not None and p._p.pPr.numPr is not None, **first_run(p))
        for p in d.paragraphs
    ],
    "tables": [
        [[{"text": c.text, "right": c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT}
          for c in row.cells] for row in t.rows]
        for t in d.tables
    ],
    "header": [p.text for p in section.header.paragraphs],
    "header_linked": section.header.is_linked_to_previous,
    "page_mm": [round(section.page_width.mm, 1), round(section.page_height.mm, 1)],
}))
"#;

#[test]
fn python_docx_reads_headings_lists_tables_and_the_header() {
    let Some(python) = consumer(
        "Python with python-docx",
        "ORDNAT_DOCX_PYTHON",
        "python3",
        |p| runs(p, &["-c", "import docx"]),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = written(dir.path());
    let mut command = Command::new(&python);
    command.arg("-c").arg(READ_DOCX).arg(&file);
    let read: Value =
        serde_json::from_str(&output(command, Duration::from_secs(60))).expect("JSON");
    let paragraphs = read["paragraphs"].as_array().expect("paragraphs");
    let styled = |style: &str| -> Vec<&str> {
        paragraphs
            .iter()
            .filter(|p| p["style"] == style)
            .map(|p| p["text"].as_str().expect("text"))
            .collect()
    };
    assert_eq!(styled("Heading 1"), ["Läkemedelsrådet – underlag"]);
    assert_eq!(
        styled("Heading 2"),
        ["§ 5 Redo för beslut (2)", "3. Fel i ärendena"]
    );
    assert_eq!(
        styled("Heading 3"),
        ["Onkologi", "Kostnader", "Uppföljningar"]
    );
    // The notice first, bold and red; the title after it.
    let first = &paragraphs[0];
    assert_eq!(first["text"], NOTICE);
    assert_eq!(first["bold"], true);
    assert_eq!(first["color"], "A40000");
    assert_eq!(paragraphs[1]["style"], "Heading 1");
    let texts: Vec<&str> = paragraphs
        .iter()
        .map(|p| p["text"].as_str().expect("text"))
        .collect();
    for line in [
        "Region Halland",
        "Sammanträde 2026-12-03",
        HOSTILE_SHOWN,
        "Diarienummer: RS 2026/0412",
        "Beloppen är årskostnader.",
        "Inga uppföljningar.",
        "Ordförande",
        "Sekreterare",
        "Inga fel.",
    ] {
        assert!(texts.contains(&line), "{line:?} not in {texts:#?}");
    }
    let intro = paragraphs
        .iter()
        .find(|p| p["text"] == "Ärenden som kan beslutas vid sammanträdet.")
        .expect("the intro");
    assert_eq!(intro["italic"], true);
    let numbered: Vec<&str> = paragraphs
        .iter()
        .filter(|p| p["numbered"] == true)
        .map(|p| p["text"].as_str().expect("text"))
        .collect();
    assert_eq!(numbered, ["Första punkten", "Andra punkten"]);

    let tables = read["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 1, "an empty table is its caption and a line");
    let cells: Vec<Vec<&str>> = tables[0]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            row.as_array()
                .expect("cells")
                .iter()
                .map(|c| c["text"].as_str().expect("text"))
                .collect()
        })
        .collect();
    assert_eq!(
        cells,
        [
            vec!["Ärende", "Klinik", "Kostnad"],
            vec!["2026-007", "Onkologi\nHematologi", "1 200 000 kr"],
            vec!["2026-012", HOSTILE_SHOWN, "85 000 kr"],
            vec!["", "Fortsättning", ""],
        ]
    );
    for row in tables[0].as_array().expect("rows") {
        let right: Vec<bool> = row
            .as_array()
            .expect("cells")
            .iter()
            .map(|c| c["right"] == true)
            .collect();
        assert_eq!(right, [false, false, true]);
    }

    assert_eq!(read["header_linked"], false, "the page has a header");
    assert_eq!(read["header"], serde_json::json!([NOTICE]));
    assert_eq!(read["page_mm"], serde_json::json!([210.0, 297.0]));
}

/// `pdfinfo`'s page size in points: `Page size:      595.276 x 841.89 pts (A4)`.
fn page_size(info: &str) -> (f64, f64) {
    let line = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_else(|| panic!("no page size in {info}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |w: &str| w.parse::<f64>().unwrap_or_else(|_| panic!("{line}"));
    (number(words[2]), number(words[4]))
}

#[test]
fn libreoffice_reads_the_headings_and_prints_it_on_a4() {
    let Some(soffice) = consumer("LibreOffice", "ORDNAT_SOFFICE", "soffice", |p| {
        runs(p, &["--version"])
    }) else {
        return;
    };
    let Some(pdfinfo) = consumer("poppler's pdfinfo", "ORDNAT_PDFINFO", "pdfinfo", |p| {
        runs(p, &["-v"])
    }) else {
        return;
    };
    let Some(pdftotext) = consumer(
        "poppler's pdftotext",
        "ORDNAT_PDFTOTEXT",
        "pdftotext",
        |p| runs(p, &["-v"]),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let file = written(dir.path());
    // A profile of its own, so that a LibreOffice already running elsewhere is not asked to
    // do the work (or a second test waits for its lock).
    let profile = dir.path().join("profile");
    let convert = |to: &str| {
        let mut convert = Command::new(&soffice);
        convert
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.to_str().expect("UTF-8 path")
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(dir.path())
            .arg(&file);
        output(convert, Duration::from_secs(240));
        let converted = dir.path().join(format!("underlag.{to}"));
        assert!(converted.is_file(), "LibreOffice wrote no {to}");
        converted
    };

    // LibreOffice reads the headings as headings: its HTML has them as h1, h2 and h3.
    let html = std::fs::read_to_string(convert("html")).expect("HTML");
    let headings = |tag: &str| html.matches(&format!("<{tag}")).count();
    assert_eq!(
        (headings("h1"), headings("h2"), headings("h3")),
        (1, 2, 3),
        "{html}"
    );

    let pdf = convert("pdf");

    let mut info = Command::new(&pdfinfo);
    info.arg(&pdf);
    let (width, height) = page_size(&output(info, Duration::from_secs(60)));
    assert!(
        (width - 595.0).abs() < 1.5 && (height - 842.0).abs() < 1.5,
        "not A4: {width} x {height} pts"
    );

    let mut text = Command::new(&pdftotext);
    text.args(["-enc", "UTF-8"]).arg(&pdf).arg("-");
    let text = output(text, Duration::from_secs(60));
    for shown in [
        NOTICE,
        "Läkemedelsrådet – underlag",
        "§ 5 Redo för beslut (2)",
        "3. Fel i ärendena",
        "Kostnader",
        "1 200 000 kr",
        "Hematologi",
        "<script>alert(1)</script>",
        "\\u{1b}[31m",
        "Ordförande",
    ] {
        assert!(text.contains(shown), "{shown:?} not in the PDF:\n{text}");
    }
    // The notice is in the body and in the header of the page.
    assert!(text.matches(NOTICE).count() >= 2, "{text}");
}

/// What python-docx reads in the document `ordnat --today 2026-11-23 ARGS --output F.docx`
/// writes, or `None` when python-docx is missing (and CI is not set).
fn ordnat_docx(args: &[&str]) -> Option<Value> {
    let python = consumer(
        "Python with python-docx",
        "ORDNAT_DOCX_PYTHON",
        "python3",
        |p| runs(p, &["-c", "import docx"]),
    )?;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("dokument.docx");
    let status = Command::new(env!("CARGO_BIN_EXE_ordnat"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ORDNAT_TODAY")
        .args(["--today", "2026-11-23"])
        .args(args)
        .arg("--output")
        .arg(&file)
        .stderr(Stdio::null())
        .status()
        .expect("ordnat runs");
    assert!(status.success(), "ordnat {args:?}");
    let mut command = Command::new(&python);
    command.arg("-c").arg(READ_DOCX).arg(&file);
    Some(serde_json::from_str(&output(command, Duration::from_secs(60))).expect("JSON"))
}

/// The texts of the paragraphs in `style`.
fn styled<'a>(read: &'a Value, style: &str) -> Vec<&'a str> {
    read["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .filter(|p| p["style"] == style)
        .filter_map(|p| p["text"].as_str())
        .collect()
}

/// The texts of every table cell.
fn cells(read: &Value) -> Vec<&str> {
    read["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .flat_map(|t| t.as_array().into_iter().flatten())
        .flat_map(|row| row.as_array().into_iter().flatten())
        .filter_map(|c| c["text"].as_str())
        .collect()
}

#[test]
fn the_agenda_as_docx_has_its_items_as_headings_and_its_tables() {
    let Some(read) = ordnat_docx(&["agenda"]) else {
        return;
    };
    let headings = styled(&read, "Heading 2");
    assert_eq!(
        headings.first(),
        Some(&"§ 1 Mötets öppnande"),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"§ 4 Lymfocel (lymfocelumab)"),
        "{headings:?}"
    );
    assert_eq!(headings.last(), Some(&"§ 10 Övriga frågor"), "{headings:?}");
    let cells = cells(&read);
    assert!(
        cells.contains(&"Tillstyrker; dagvården har kapacitet."),
        "{cells:?}"
    );
    assert_eq!(read["page_mm"], serde_json::json!([210.0, 297.0]));
}

#[test]
fn the_brief_as_docx_has_the_sections_of_a_tjansteskrivelse_in_order() {
    let Some(read) = ordnat_docx(&["brief", "2026-007"]) else {
        return;
    };
    assert_eq!(
        styled(&read, "Heading 1"),
        ["Beslutsunderlag: Lymfocel (lymfocelumab)"]
    );
    let headings = styled(&read, "Heading 2");
    let expected = [
        "Förslag till beslut",
        "Sammanfattning",
        "Ärendet",
        "Bakgrund",
        "Konsekvensbeskrivning",
        "Synpunkter",
        "Uppföljning",
        "Beslutsförslagets påverkan avseende jämställdhet",
        "Bilagor",
        "Protokollsutdrag skickas till",
    ];
    let at: Vec<usize> = expected
        .iter()
        .map(|e| {
            headings
                .iter()
                .position(|h| h == e)
                .unwrap_or_else(|| panic!("{e:?} not a heading in {headings:?}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
    assert!(
        styled(&read, "Heading 3").contains(&"Budget per år"),
        "{read}"
    );
    assert!(!cells(&read).is_empty(), "the brief has its tables");
    assert_eq!(read["page_mm"], serde_json::json!([210.0, 297.0]));
}

#[test]
fn a_word_document_is_not_written_to_a_terminal() {
    let repo = common::Repo::sample();
    for args in [
        &["agenda", "--meeting", "2026-12-03"][..],
        &["minutes", "--meeting", "2026-12-03"],
        &["brief", "2026-007"],
    ] {
        let mut all = vec!["--today", common::TODAY];
        all.extend(args);
        all.extend(["--format", "docx"]);
        let Some(out) = common::on_terminal(repo.dir.path(), &all, &[], "a terminal") else {
            return;
        };
        let shown = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {shown}");
        assert!(
            shown.contains("ett Word-dokument skrivs till en fil: ange --output FIL.docx"),
            "{args:?}: {shown}"
        );
        assert!(!shown.contains("PK"), "{args:?}: {shown}");
    }
}
