//! `ordnat report --format xlsx`, the workbook for finance, read by real consumers:
//! - openpyxl (PyPI) reads the types: amounts and counts are numbers with their formats, dates
//!   are dates, the budget's totals are `SUM` formulas whose cached results are the report's
//!   (its JSON), every section sheet has its header row frozen and a filter, every column is
//!   as wide as its text, and case text that starts like a formula (`=HYPERLINK(…)`, `+1`,
//!   `-1`, `@SUM(…)`) is a string;
//! - LibreOffice (headless) recalculates the workbook, its cached results taken away first, and
//!   its totals are the report's.
//!
//! Also: the sheets in order (a front sheet, then the sections), the confidential notice and
//! sheet only with `--visa-sekretess` (and then the budget at the confidential prices), the
//! same bytes from the same report, a refusal to write a workbook to a terminal, and the format
//! picked by `--output rapport.xlsx`.
//!
//! The consumers are installed by `.ci/run`: openpyxl into the Python of `ORDNAT_XLSX_PYTHON`,
//! LibreOffice's Calc (`ORDNAT_SOFFICE`) from Debian. A test whose consumer is missing fails
//! when `CI=true` and skips with a note otherwise.

mod common;

use common::{Repo, TODAY, consumer, output, runs};
use serde_json::Value;
use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const MEETING: &str = "2026-12-03";

/// Case text that a spreadsheet would take for a formula, written into the sample repo.
const HOSTILE_INDICATION: &str = "=HYPERLINK(\"http://example.com\",\"klicka\")";
const HOSTILE_PRODUCT: &str = "@SUM(A1:A2)";
const HOSTILE_OWNER: &str = "+1 Anna Andersson, läkemedelsstrateg";
const HOSTILE_CLINIC: &str = "-1+Onkologiska kliniken";

/// The sheets of the sample repo's report for the coming meeting, in order.
const SHEETS: [&str; 21] = [
    "Rapport",
    "Redo för mötet",
    "Blockerade",
    "Väntar på beslut",
    "Uppföljningar till mötet",
    "Uppföljning per substans",
    "Avvakta står kvar",
    "Omprövning",
    "Avtal som upphör",
    "Samverkan avslutad",
    "Beslut på äldre rekommendation",
    "Kommande (under beredning)",
    "Ändrat sedan förra mötet",
    "Ändrat utan ny fas",
    "Budget per ärende",
    "Budget per klinik",
    // The sample's ordnat.toml maps its clinics to förvaltningar (`[kliniker]`).
    "Budget per förvaltning",
    "Ledtider per ärende",
    "Ledtider median per år",
    "Alla ärenden per fas",
    "Ärenden med fel",
];

/// The sample repo with case text that looks like formulas.
fn hostile() -> Repo {
    let repo = Repo::sample();
    let lymfocel = "cases/2026-007-lymfocel.yaml";
    repo.edit(
        lymfocel,
        "produktnamn: Lymfocel",
        &format!("produktnamn: \"{HOSTILE_PRODUCT}\""),
    )
    .edit(
        lymfocel,
        "indikation: Diffust storcelligt B-cellslymfom, tredje linjen",
        &format!("indikation: '{HOSTILE_INDICATION}'"),
    )
    .edit(
        lymfocel,
        "ansvarig: Anna Andersson, läkemedelsstrateg",
        &format!("ansvarig: \"{HOSTILE_OWNER}\""),
    );
    repo.edit(
        "cases/2026-009-exempelmab.yaml",
        "kostnadsansvar: Onkologiska kliniken",
        &format!("kostnadsansvar: \"{HOSTILE_CLINIC}\""),
    );
    repo
}

/// `ordnat --today TODAY report --meeting MEETING EXTRA` in `dir`: its standard out, which
/// must be a success.
fn report(dir: &Path, extra: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_ordnat"))
        .current_dir(dir)
        .env_remove("ORDNAT_TODAY")
        .args(["--today", TODAY, "report", "--meeting", MEETING])
        .args(extra)
        .stdin(Stdio::null())
        .output()
        .expect("ordnat runs");
    assert!(
        out.status.success(),
        "report {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The workbook written with `--output rapport.xlsx` (the extension picks the format), and
/// the report as JSON, with the same `extra` arguments.
fn workbook_and_json(repo: &Repo, extra: &[&str]) -> (std::path::PathBuf, Value) {
    let file = repo.path("rapport.xlsx");
    let _ = std::fs::remove_file(&file);
    let printed = report(
        repo.dir.path(),
        &[&["--output", "rapport.xlsx"], extra].concat(),
    );
    assert!(printed.is_empty(), "nothing on standard out with --output");
    assert!(file.is_file(), "no rapport.xlsx");
    let json = report(repo.dir.path(), &[&["--format", "json"], extra].concat());
    (file, serde_json::from_slice(&json).expect("JSON"))
}

/// The entries of a zip archive: name and text.
fn entries(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("UTF-8 entry");
            (entry.name().to_string(), text)
        })
        .collect()
}

/// The workbook with every formula's cached result set to 0, so that only a recalculation
/// gives the totals; and how many formulas it has.
fn without_cached_results(bytes: &[u8]) -> (Vec<u8>, usize) {
    let mut formulas = 0;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, mut text) in entries(bytes) {
        if name.starts_with("xl/worksheets/") {
            let mut rest = text.as_str();
            let mut changed = String::new();
            while let Some(at) = rest.find("</f><v>") {
                let value_start = at + "</f><v>".len();
                let value_end = value_start + rest[value_start..].find("</v>").expect("</v>");
                changed.push_str(&rest[..value_start]);
                changed.push('0');
                rest = &rest[value_end..];
                formulas += 1;
            }
            changed.push_str(rest);
            text = changed;
        }
        out.start_file(name, options).expect("entry");
        out.write_all(text.as_bytes()).expect("written");
    }
    (out.finish().expect("archive").into_inner(), formulas)
}

/// What openpyxl reads in a workbook, sheet by sheet: its name, frozen cell, filter range,
/// column widths (letter → width) and each cell's value, type (`s`, `n`, `d`, `f`), number
/// format and cached result (dates as `ÅÅÅÅ-MM-DD`).
const READ_XLSX: &str = r#"
import datetime, json, sys, openpyxl
from openpyxl.utils import get_column_letter
def plain(v):
    return v.date().isoformat() if isinstance(v, datetime.datetime) else v
book = openpyxl.load_workbook(sys.argv[1])
cached = openpyxl.load_workbook(sys.argv[1], data_only=True)
sheets = []
for ws in book.worksheets:
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max:
            for i in range(dim.min, dim.max + 1):
                widths[get_column_letter(i)] = dim.width
    rows = []
    for row, kept in zip(ws.iter_rows(), cached[ws.title].iter_rows()):
        rows.append([
            {"value": plain(c.value),
             "type": "d" if isinstance(c.value, datetime.datetime) else c.data_type,
             "format": c.number_format,
             "cached": plain(k.value)}
            for c, k in zip(row, kept)
        ])
    sheets.append({"name": ws.title, "freeze": ws.freeze_panes,
                   "filter": ws.auto_filter.ref, "widths": widths, "rows": rows})
print(json.dumps(sheets))
"#;

fn openpyxl() -> Option<std::path::PathBuf> {
    consumer(
        "Python with openpyxl",
        "ORDNAT_XLSX_PYTHON",
        "python3",
        |p| runs(p, &["-c", "import openpyxl"]),
    )
}

fn read(python: &Path, file: &Path) -> Vec<Value> {
    let mut command = Command::new(python);
    command.arg("-c").arg(READ_XLSX).arg(file);
    let read: Value =
        serde_json::from_str(&output(command, Duration::from_secs(120))).expect("JSON");
    read.as_array().expect("sheets").clone()
}

fn sheet<'a>(sheets: &'a [Value], name: &str) -> &'a Value {
    sheets
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

fn rows(sheet: &Value) -> &[Value] {
    sheet["rows"].as_array().expect("rows")
}

fn cell(row: &Value, col: usize) -> &Value {
    &row.as_array().expect("cells")[col]
}

/// The column of the header `name` in the sheet's first row.
fn column(sheet: &Value, name: &str) -> usize {
    rows(sheet)[0]
        .as_array()
        .expect("header")
        .iter()
        .position(|c| c["value"] == name)
        .unwrap_or_else(|| panic!("no column {name} in {}", sheet["name"]))
}

/// The row whose first cell is `first`.
fn row_of<'a>(sheet: &'a Value, first: &str) -> &'a Value {
    rows(sheet)
        .iter()
        .find(|r| cell(r, 0)["value"] == first)
        .unwrap_or_else(|| panic!("no row {first} in {}", sheet["name"]))
}

/// Asserts that the budget sheet `name` (amounts from column `from`) holds `amounts` per row
/// (by the first cell) and a last row `Totalt` of `SUM` formulas over them whose cached
/// results are `totals`.
fn assert_budget(sheet: &Value, from: usize, expected: &[(String, Vec<u64>)], totals: &[u64]) {
    let name = sheet["name"].as_str().expect("name");
    let rows = rows(sheet);
    for (i, (first, amounts)) in expected.iter().enumerate() {
        let row = &rows[i + 1];
        assert_eq!(cell(row, 0)["value"], first.as_str(), "{name}");
        for (j, amount) in amounts.iter().enumerate() {
            let c = cell(row, from + j);
            assert_eq!(c["type"], "n", "{name}: {c}");
            assert_eq!(c["value"].as_u64(), Some(*amount), "{name}: {c}");
            assert_eq!(c["format"], "#,##0 \"kr\"", "{name}");
        }
    }
    let total = &rows[expected.len() + 1];
    assert_eq!(cell(total, 0)["value"], "Totalt", "{name}");
    let last = expected.len() + 1;
    for (j, sum) in totals.iter().enumerate() {
        let c = cell(total, from + j);
        let letter = char::from(b'A' + u8::try_from(from + j).expect("a column"));
        assert_eq!(c["type"], "f", "{name}: {c}");
        assert_eq!(
            c["value"],
            format!("=SUM({letter}2:{letter}{last})"),
            "{name}"
        );
        assert_eq!(c["cached"].as_u64(), Some(*sum), "{name}: {c}");
    }
}

/// The budget of the report's JSON: per case (id, amounts), per clinic, and the totals.
type Budget = (Vec<(String, Vec<u64>)>, Vec<(String, Vec<u64>)>, Vec<u64>);

fn budget(json: &Value) -> Budget {
    let amounts = |v: &Value| -> Vec<u64> {
        v["amounts"]
            .as_array()
            .expect("amounts")
            .iter()
            .map(|a| a.as_u64().expect("an amount"))
            .collect()
    };
    let b = &json["budget"];
    let cases = b["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| (c["id"].as_str().expect("id").to_string(), amounts(c)))
        .collect();
    let clinics = b["clinics"]
        .as_array()
        .expect("clinics")
        .iter()
        .map(|c| {
            (
                c["clinic"].as_str().expect("clinic").to_string(),
                amounts(c),
            )
        })
        .collect();
    let totals = b["totals"]
        .as_array()
        .expect("totals")
        .iter()
        .map(|a| a.as_u64().expect("a total"))
        .collect();
    (cases, clinics, totals)
}

#[test]
fn openpyxl_reads_numbers_dates_formulas_and_case_text_as_strings() {
    let Some(python) = openpyxl() else {
        return;
    };
    let repo = hostile();
    let (file, json) = workbook_and_json(&repo, &[]);
    let sheets = read(&python, &file);
    let names: Vec<&str> = sheets
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, SHEETS);

    // The front sheet: the head, dates as dates, counts as numbers, no notice.
    let front = sheet(&sheets, "Rapport");
    assert_eq!(
        cell(&rows(front)[0], 0)["value"],
        "Kommittérapport: PER, Region Halland"
    );
    let field = |label: &str| cell(row_of(front, label), 1).clone();
    assert_eq!(field("Region")["value"], "Region Halland");
    assert_eq!(field("Kommitté")["value"], "PER");
    for (label, day) in [
        ("Möte", MEETING),
        ("Föregående möte", "2026-09-24"),
        ("Gjord", TODAY),
    ] {
        let c = field(label);
        assert_eq!((&c["type"], &c["value"]), (&"d".into(), &day.into()), "{c}");
        assert_eq!(c["format"], "yyyy-mm-dd");
    }
    assert_eq!(field("Ärenden")["type"], "n");
    assert_eq!(field("Ärenden")["value"], json["header"]["cases"]);
    assert_eq!(field("Urval")["value"], "alla ärenden");
    assert_eq!(field("Priser i budgeten")["value"], "listpris");

    // Every section sheet: the header row frozen, a filter from A1, the columns of the table
    // as wide as their text (up to 60 characters, longer text wrapped; a note under the table
    // may reach over the next columns).
    for s in &sheets[1..] {
        let name = &s["name"];
        assert_eq!(s["freeze"], "A2", "{name}");
        let filter = s["filter"].as_str().unwrap_or_default();
        let last_row: usize = filter
            .strip_prefix("A1:")
            .map(|end| end.trim_start_matches(|c: char| c.is_ascii_uppercase()))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{name}: filter {filter:?}"));
        for row in rows(s).iter().take(last_row) {
            for (i, c) in row.as_array().expect("cells").iter().enumerate() {
                let Some(text) = c["value"].as_str().filter(|_| c["type"] == "s") else {
                    continue;
                };
                let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                let letter = char::from(b'A' + u8::try_from(i).expect("a column")).to_string();
                let width = s["widths"][&letter].as_f64().unwrap_or(0.0);
                assert!(
                    width >= longest.min(60) as f64,
                    "{name} column {letter}: {width} < {longest} ({text:?})"
                );
            }
        }
    }

    // Numbers, counts and dates where the report has them.
    let ready = sheet(&sheets, "Redo för mötet");
    let lymfocel = row_of(ready, "2026-007");
    let c = cell(lymfocel, column(ready, "Patienter/år"));
    assert_eq!((&c["type"], &c["format"]), (&"n".into(), &"#,##0".into()));
    assert_eq!(c["value"], json["ready"][0]["patients_per_year"]);
    let c = cell(lymfocel, column(ready, "Kostnad/år"));
    assert_eq!(
        (&c["type"], &c["format"]),
        (&"n".into(), &"#,##0 \"kr\"".into())
    );
    assert_eq!(c["value"], json["ready"][0]["annual_cost"]);
    let c = cell(lymfocel, column(ready, "Konsekvensbeskrivning"));
    assert_eq!(
        (&c["type"], &c["format"]),
        (&"d".into(), &"yyyy-mm-dd".into())
    );
    assert_eq!(c["value"], json["ready"][0]["consequence_date"]);

    // The budget: amounts as numbers, totals as SUM formulas with the report's results.
    let (cases, clinics, totals) = budget(&json);
    assert!(!cases.is_empty() && totals.iter().all(|t| *t > 0), "{json}");
    let per_case = sheet(&sheets, "Budget per ärende");
    let from = column(per_case, &json["budget"]["years"][0].to_string());
    assert_budget(per_case, from, &cases, &totals);
    assert_budget(sheet(&sheets, "Budget per klinik"), 1, &clinics, &totals);

    // Case text that looks like a formula is a string, as written; the only formulas are the
    // totals.
    let mut found = Vec::new();
    for s in &sheets {
        for row in rows(s) {
            for c in row.as_array().expect("cells") {
                let Some(text) = c["value"].as_str() else {
                    continue;
                };
                if c["type"] == "f" {
                    assert!(
                        text.starts_with("=SUM(") && cell(row, 0)["value"] == "Totalt",
                        "a formula in {}: {text}",
                        s["name"]
                    );
                    continue;
                }
                for hostile in [
                    HOSTILE_INDICATION,
                    HOSTILE_PRODUCT,
                    HOSTILE_OWNER,
                    HOSTILE_CLINIC,
                ] {
                    if text.starts_with(hostile) {
                        assert_eq!(c["type"], "s", "{}: {c}", s["name"]);
                        found.push(hostile);
                    }
                }
            }
        }
    }
    for hostile in [
        HOSTILE_INDICATION,
        HOSTILE_PRODUCT,
        HOSTILE_OWNER,
        HOSTILE_CLINIC,
    ] {
        assert!(
            found.contains(&hostile),
            "{hostile:?} is not in the workbook"
        );
    }
}

#[test]
fn libreoffice_recalculates_the_totals_to_the_reports() {
    let Some(soffice) = consumer("LibreOffice", "ORDNAT_SOFFICE", "soffice", |p| {
        runs(p, &["--version"])
    }) else {
        return;
    };
    let repo = Repo::sample();
    let (file, json) = workbook_and_json(&repo, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, formulas) = without_cached_results(&std::fs::read(&file).expect("workbook"));
    assert!(formulas >= 6, "{formulas} formulas");
    let zeroed = dir.path().join("rapport.xlsx");
    std::fs::write(&zeroed, bytes).expect("saved");
    // A profile of its own, which tells Calc to recalculate every formula of an Excel file
    // as it loads it (by default it keeps the cached results).
    let profile = dir.path().join("profile");
    std::fs::create_dir_all(profile.join("user")).expect("profile");
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .expect("settings");
    // Every sheet as CSV (`-1`), values unformatted (the ninth option, "as shown", false).
    let mut convert = Command::new(&soffice);
    convert
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.to_str().expect("UTF-8 path")
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&zeroed);
    output(convert, Duration::from_secs(240));
    let csv = |name: &str| -> Vec<Vec<String>> {
        let path = dir.path().join(format!("rapport-{name}.csv"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}", path.display()));
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
            .collect()
    };
    let (cases, clinics, totals) = budget(&json);
    let departments = json["budget"]["departments"].as_array().map_or(0, Vec::len);
    assert!(departments > 1, "{}", json["budget"]);
    for (name, from, rows) in [
        ("Budget per ärende", 6, cases.len()),
        ("Budget per klinik", 1, clinics.len()),
        ("Budget per förvaltning", 1, departments),
    ] {
        let table = csv(name);
        let total = &table[rows + 1];
        assert_eq!(total[0], "Totalt", "{name}: {table:?}");
        let recalculated: Vec<u64> = total[from..from + totals.len()]
            .iter()
            .map(|v| v.parse().unwrap_or_else(|_| panic!("{name}: {v:?}")))
            .collect();
        assert_eq!(recalculated, totals, "{name}");
    }
    let per_clinic = csv("Budget per klinik");
    for (i, (clinic, amounts)) in clinics.iter().enumerate() {
        let row = &per_clinic[i + 1];
        assert_eq!(&row[0], clinic);
        let read: Vec<u64> = row[1..=amounts.len()]
            .iter()
            .map(|v| v.parse().expect("an amount"))
            .collect();
        assert_eq!(&read, amounts, "{clinic}");
    }
}

#[test]
fn the_confidential_values_only_with_the_flag() {
    let repo = Repo::sample();
    let text = |bytes: &[u8]| -> String {
        entries(bytes)
            .into_iter()
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let plain = report(repo.dir.path(), &["--format", "xlsx"]);
    let flagged = report(repo.dir.path(), &["--format", "xlsx", "--visa-sekretess"]);
    let (plain, flagged) = (text(&plain), text(&flagged));
    for (needle, name) in [
        ("SEKRETESS", "the notice"),
        ("Sekretessbelagda uppgifter", "the sheet"),
        ("Pris efter rabatt", "the column"),
    ] {
        assert!(!plain.contains(needle), "{name} without the flag");
        assert!(flagged.contains(needle), "{name} with the flag");
    }
    // The notice first on the front sheet and in the printed header of every sheet.
    let sheets = entries(&report(
        repo.dir.path(),
        &["--format", "xlsx", "--visa-sekretess"],
    ))
    .into_iter()
    .filter(|(name, _)| name.starts_with("xl/worksheets/sheet"))
    .collect::<Vec<_>>();
    assert!(sheets.len() > 10);
    for (name, xml) in &sheets {
        assert!(xml.contains("<oddHeader>"), "{name} has no page header");
        assert!(xml.contains("SEKRETESS"), "{name}");
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let repo = Repo::sample();
    let args = ["--format", "xlsx"];
    let first = report(repo.dir.path(), &args);
    assert!(first.starts_with(b"PK\x03\x04"), "a zip archive");
    assert_eq!(first, report(repo.dir.path(), &args));
}

#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    let repo = Repo::sample();
    let args = ["--today", TODAY, "report", "--format", "xlsx"];
    let Some(out) = common::on_terminal(repo.dir.path(), &args, &[], "a terminal") else {
        return;
    };
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("en arbetsbok för Excel skrivs till en fil: ange --output FIL.xlsx"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "{shown}");
}

#[test]
fn with_the_flag_the_notice_comes_first_and_the_budget_uses_the_confidential_prices() {
    let Some(python) = openpyxl() else {
        return;
    };
    let repo = Repo::sample();
    let (_, listed) = workbook_and_json(&repo, &[]);
    let (file, json) = workbook_and_json(&repo, &["--visa-sekretess"]);
    let sheets = read(&python, &file);
    let names: Vec<&str> = sheets
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names[..SHEETS.len()], SHEETS);
    assert_eq!(names[SHEETS.len()..], ["Sekretessbelagda uppgifter"]);
    let front = sheet(&sheets, "Rapport");
    assert!(
        cell(&rows(front)[0], 0)["value"]
            .as_str()
            .is_some_and(|s| s.starts_with("SEKRETESS:")),
        "{front}"
    );
    assert_eq!(
        cell(row_of(front, "Priser i budgeten"), 1)["value"],
        "pris efter rabatt där det finns (sekretess), annars listpris"
    );
    let (cases, clinics, totals) = budget(&json);
    assert_ne!(
        totals,
        budget(&listed).2,
        "the sample has confidential prices"
    );
    let per_case = sheet(&sheets, "Budget per ärende");
    let from = column(per_case, &json["budget"]["years"][0].to_string());
    assert_budget(per_case, from, &cases, &totals);
    assert_budget(sheet(&sheets, "Budget per klinik"), 1, &clinics, &totals);
    // The confidential values: the price after discount an amount.
    let confidential = sheet(&sheets, "Sekretessbelagda uppgifter");
    let price = column(confidential, "Pris efter rabatt");
    let expected = json["confidential"].as_array().expect("confidential");
    assert_eq!(rows(confidential).len(), expected.len() + 1);
    for (row, c) in rows(confidential)[1..].iter().zip(expected) {
        assert_eq!(cell(row, 0)["value"], c["id"]);
        if !c["price_after_discount"].is_null() {
            let shown = cell(row, price);
            assert_eq!(shown["value"], c["price_after_discount"]);
            assert_eq!(shown["format"], "#,##0 \"kr\"");
        }
    }
}
