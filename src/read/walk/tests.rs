//! Tests of the format walk: findings, hints and what the walk keeps of a case file.

use super::*;
use crate::read::format::case_format;
use crate::read::parse;

#[test]
fn placeholders_are_recognised() {
    for p in [
        "TBD",
        "?",
        "xxx",
        "yyyy-mm-dd",
        "",
        "  ",
        "ÅÅÅÅ-MM-DD",
        "2026-xx-xx",
        "<fyll i>",
        "åååå-mm-dd",
        "\u{212B}\u{212B}\u{212B}\u{212B}",
        "SAKNAS",
        "Fyll I",
        " … ",
        "ärende yyyy",
        "XxX",
        "Åååå-mm-dd",
        "ÄRENDE YYYY",
        "Start: Yyyy-mm-dd",
    ] {
        assert!(is_placeholder(p), "{p}");
    }
    for v in [
        "Region Halland",
        "2026-01-20",
        "Tillstyrker.",
        "x-ray",
        "yyy",
        "xx-x",
        "ååå",
        "¿?",
        "Kvalitetsregister för hudmelanom",
    ] {
        assert!(!is_placeholder(v), "{v}");
    }
}

fn walk_text(yaml: &str) -> Walked<'_> {
    let tree = parse(yaml).expect("valid yaml");
    let format = case_format().expect("case format");
    walk(tree, format, yaml)
}

fn text_at<'a, 's>(tree: &'a Node<'s>, path: &[&str]) -> Option<&'a Value<'s>> {
    let mut node = tree;
    for key in path {
        node = node.get(key)?;
    }
    Some(&node.value)
}

#[test]
fn a_whole_number_too_large_is_called_so() {
    let messages = |value: &str| {
        let yaml = format!("regionalt:\n  konsekvensbeskrivning:\n    patienter_per_år: {value}\n");
        walk_text(&yaml)
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("patienter_per_år"))
            .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    let too_large = messages("99999999999999999999999");
    assert_eq!(
        too_large,
        [(
            "`regionalt.konsekvensbeskrivning.patienter_per_år` är ett för stort heltal"
                .to_string(),
            "skriv ett heltal på högst `9223372036854775807`".to_string()
        )]
    );
    let decimal = messages("12.5");
    assert_eq!(decimal.len(), 1);
    assert!(
        decimal[0]
            .0
            .ends_with("ska vara ett heltal, inte ett decimaltal")
    );
}

/// The message and hint for `value` written as `patienter_per_år` (or, with `key`, as
/// another number of the konsekvensbeskrivning).
fn number_finding(key: &str, value: &str) -> Vec<(String, String)> {
    let yaml = format!("regionalt:\n  konsekvensbeskrivning:\n    {key}: {value}\n");
    walk_text(&yaml)
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(key))
        .map(|d| (d.message.clone(), d.hint.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn a_hint_never_changes_the_number() {
    let hint = |key: &str, value: &str| {
        let found = number_finding(key, value);
        assert_eq!(found.len(), 1, "{value}: {found:?}");
        found[0].1.clone()
    };
    let patients = |value: &str| hint("patienter_per_år", value);
    let cost = |value: &str| hint("kostnad_per_patient_och_år", value);
    // The examples of issue 26, and the same mistakes in other spellings.
    assert_eq!(
        patients("12,5"),
        "skriv ett heltal, utan decimaler: `12` eller `13`"
    );
    assert_eq!(
        patients("12.5"),
        "skriv ett heltal, utan decimaler: `12` eller `13`"
    );
    assert_eq!(
        cost("2400000,50"),
        "skriv ett heltal, utan decimaler: `2400000` eller `2400001`"
    );
    assert_eq!(
        cost("2400000.50"),
        "skriv ett heltal, utan decimaler: `2400000` eller `2400001`"
    );
    let digits = |n: &str| format!("skriv bara siffror, utan mellanslag och enhet: `{n}`");
    assert_eq!(cost("2,4 mkr"), digits("2400000"));
    assert_eq!(cost("2,4 Mkr"), digits("2400000"));
    assert_eq!(cost("480 tkr"), digits("480000"));
    assert_eq!(cost("1 500 000,00 kr"), digits("1500000"));
    assert_eq!(cost("1\u{a0}500\u{a0}000 kr"), digits("1500000"));
    assert_eq!(cost("1.500.000"), digits("1500000"));
    assert_eq!(cost("480 000 kr/år"), digits("480000"));
    assert_eq!(patients("25 patienter"), digits("25"));
    // Negative, ambiguous, and what is no amount: no number is proposed.
    assert_eq!(patients("-12,5"), "skriv ett tal som är noll eller större");
    for ambiguous in ["1.500", "1,500"] {
        let h = patients(ambiguous);
        assert!(
            h.contains("både som decimaltecken och som tusentalsavgränsare"),
            "{h}"
        );
        assert!(!h.contains("15"), "{h}");
    }
    for no_amount in ["12,5 %", "2027/28", "12 5"] {
        let h = patients(no_amount);
        assert_eq!(
            h,
            "skriv ett heltal med bara siffror, utan mellanslag och enhet"
        );
    }
    assert_eq!(patients("tolv"), "skriv ett heltal med siffror");
    // Under `sekretess` the hint names no number.
    let walked = walk_text(
        "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
         sekretess:\n  pris_efter_rabatt: 31,55 kr\n",
    );
    let h = walked.diagnostics[0].hint.clone().unwrap_or_default();
    assert_eq!(h, "skriv ett heltal, utan decimaler");
}

#[test]
fn a_comma_in_a_flow_mapping_is_said_to_cut_the_value() {
    let case = "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n";
    let walk_case = |rest: &str| {
        let yaml = format!("{case}{rest}");
        let walked = walk_text(&yaml);
        let found: Vec<(RuleId, u32, u32, String, String)> = walked
            .diagnostics
            .iter()
            .map(|d| {
                let hint = d.hint.clone().unwrap_or_default();
                (d.rule, d.pos.line, d.pos.col, d.message.clone(), hint)
            })
            .collect();
        (found, walked.unreadable)
    };
    let (found, unreadable) = walk_case(
        "uppföljning:\n  - { planerad: 2027-02-01, utförd: 2027-03-01, resultat: 12 patienter, 9 mkr }\n",
    );
    assert_eq!(
        found,
        [(
            RuleId::InvalidValue,
            6,
            59,
            "texten i `uppföljning[1].resultat` innehåller ett kommatecken, och inom `{ … }` \
             avslutar ett kommatecken värdet: resten lästes som en egen nyckel"
                .to_string(),
            "sätt texten inom citattecken: `resultat: \"12 patienter, 9 mkr\"`".to_string()
        )]
    );
    assert_eq!(unreadable, ["uppföljning[1].resultat"]);
    // Two commas, over two lines, and a quote in the text.
    let (found, _) =
        walk_case("uppföljning:\n  - { resultat: a \"b\", c,\n      d, planerad: 2027-02-01 }\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].4,
        "sätt texten inom citattecken: `resultat: \"a \\\"b\\\", c, d\"`"
    );
    // A number cut by a comma is checked whole: `2,4 mkr`, not 2.
    let (found, unreadable) = walk_case(
        "regionalt:\n  konsekvensbeskrivning:\n    prognos:\n      - { år: 2027, kostnad: 2,4 mkr }\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, RuleId::InvalidValue);
    assert!(found[0].3.ends_with("inte `2,4 mkr`"), "{found:?}");
    assert!(found[0].4.ends_with("`2400000`"), "{found:?}");
    assert_eq!(
        unreadable,
        ["regionalt.konsekvensbeskrivning.prognos[1].kostnad"]
    );
    // Not a cut value: a key with a colon, a quoted text, an allowed word, a block mapping.
    for (rest, unknown) in [
        (
            "- { planerad: 2027-02-01, resultat: 12 patienter, 9 mkr: }",
            1,
        ),
        (
            "- { planerad: 2027-02-01, resultat: \"12 patienter\", 9 mkr }",
            1,
        ),
        ("- { planerad: 2027-02-01, källa: lokal, 9 mkr }", 1),
        (
            "- planerad: 2027-02-01\n    resultat: 12 patienter, 9 mkr",
            0,
        ),
    ] {
        let (found, _) = walk_case(&format!("uppföljning:\n  {rest}\n"));
        let rules: Vec<RuleId> = found.iter().map(|f| f.0).collect();
        assert_eq!(
            rules,
            vec![RuleId::UnknownField; unknown],
            "{rest}: {found:?}"
        );
    }
    // Under `sekretess`, neither the text nor its rest is quoted.
    let (found, _) = walk_case("sekretess: { anteckning: hemligt villkor, 31 000 kr }\n");
    assert_eq!(found.len(), 1, "{found:?}");
    let all = format!("{} {}", found[0].3, found[0].4);
    assert!(!all.contains("hemligt") && !all.contains("31"), "{all}");
}

#[test]
fn text_is_taken_as_written() {
    for (written, read) in [
        ("0391", "0391"),
        ("412", "412"),
        ("1.50", "1.50"),
        ("1e3", "1e3"),
        ("true", "true"),
        ("no", "no"),
        ("0x10", "0x10"),
        ("'0391'", "0391"),
        ("\"1.50\"", "1.50"),
        ("RS 2026/0412", "RS 2026/0412"),
    ] {
        let yaml = format!(
            "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\nregionalt:\n  diarienummer: {written}\n"
        );
        let walked = walk_text(&yaml);
        assert!(
            walked.diagnostics.is_empty(),
            "{written}: {:?}",
            walked.diagnostics
        );
        assert_eq!(
            text_at(&walked.tree, &["regionalt", "diarienummer"]),
            Some(&Value::Str(read.into())),
            "{written}"
        );
    }
    // In a list of texts too, and an alias is written out from its value.
    let yaml = "id: 007\ntyp: medicinteknik\nspår: regionalt\nindikation: &n 12\nprodukt\
        namn: *n\nregionalt:\n  konsekvensbeskrivning:\n    berörda_förvaltningar: [0391, 1.50]\n";
    let walked = walk_text(yaml);
    assert!(walked.diagnostics.is_empty(), "{:?}", walked.diagnostics);
    assert_eq!(
        text_at(&walked.tree, &["id"]),
        Some(&Value::Str("007".into()))
    );
    assert_eq!(
        text_at(&walked.tree, &["indikation"]),
        Some(&Value::Str("12".into()))
    );
    assert_eq!(
        text_at(&walked.tree, &["produktnamn"]),
        Some(&Value::Str("12".into()))
    );
    let affected = walked
        .tree
        .get("regionalt")
        .and_then(|r| r.get("konsekvensbeskrivning"))
        .and_then(|k| k.get("berörda_förvaltningar"))
        .map(|l| l.value.clone());
    let Some(Value::Seq(items)) = affected else {
        panic!("no list: {affected:?}")
    };
    let texts: Vec<&Value> = items.iter().map(|i| &i.value).collect();
    assert_eq!(
        texts,
        [&Value::Str("0391".into()), &Value::Str("1.50".into())]
    );
}

#[test]
fn values_left_out_are_recorded_by_path() {
    let yaml = "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
        regionalt:\n  konsekvensbeskrivning:\n    kostnad_per_patient_och_år: 480 000\n    \
        datum:\n    berörda_förvaltningar: [a, [b]]\n  beslut: införs\n\
        uppföljning:\n  - planerad:\n  - planerad: TBD\nunderlag:\n  kalla: x\n  \
        datum: 2026-01-01\nstatus: vilnde\n";
    let walked = walk_text(yaml);
    assert_eq!(
        walked.unreadable,
        [
            "regionalt.konsekvensbeskrivning.kostnad_per_patient_och_år",
            "regionalt.konsekvensbeskrivning.berörda_förvaltningar[2]",
            "regionalt.beslut",
            "uppföljning[1].planerad",
            "uppföljning[2].planerad",
            "underlag.källa",
            "status",
        ],
        "{:?}",
        walked.diagnostics
    );
    // A misspelt key counts as the key it was meant to be.
    let walked = walk_text(
        "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\nregionalt:\n  \
         konsekvensbeskrivning:\n    patienter_per_ar: 8\n",
    );
    assert_eq!(
        walked.unreadable,
        ["regionalt.konsekvensbeskrivning.patienter_per_år"]
    );
}

#[test]
fn confidential_values_are_never_quoted() {
    let yaml = "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
        sekretess:\n  pris_efter_rabatt: 31 000 kr\n  anteckning: [hemligt villkor]\n";
    let walked = walk_text(yaml);
    assert_eq!(walked.diagnostics.len(), 2, "{:?}", walked.diagnostics);
    for d in &walked.diagnostics {
        let all = format!("{} {}", d.message, d.hint.as_deref().unwrap_or_default());
        assert!(!all.contains("31"), "{all}");
        assert!(!all.contains("hemligt"), "{all}");
        assert!(all.contains("sekretess."), "{all}");
    }
    for secret in ["-5", "TBD", "2026-13-01"] {
        let yaml = format!(
            "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\n\
             sekretess:\n  pris_efter_rabatt: {secret}\n"
        );
        let walked = walk_text(&yaml);
        assert_eq!(walked.diagnostics.len(), 1, "{:?}", walked.diagnostics);
        assert!(walked.diagnostics[0].message.contains(MASK));
        assert!(!walked.diagnostics[0].message.contains(secret));
    }
    // The same mistake outside `sekretess` is quoted, so that it can be found.
    let walked = walk_text(
        "id: 2026-001\ntyp: medicinteknik\nspår: regionalt\nindikation: Lymfom\nregionalt:\n  \
         konsekvensbeskrivning:\n    kostnad_per_patient_och_år: 480 000\n",
    );
    assert!(walked.diagnostics[0].message.contains("480 000"));
}

#[test]
fn a_hint_keeps_the_whole_first_sentence() {
    let walked = walk_text("typ: medicinteknik\nspår: regionalt\nindikation: Lymfom\n");
    let hint = walked.diagnostics[0].hint.clone().unwrap_or_default();
    assert!(
        hint.contains("(Ärendets id, unikt i repot, t.ex. `2026-014`"),
        "{hint}"
    );
    assert_eq!(without_final_stop("En mening."), "En mening");
    assert_eq!(
        without_final_stop("till exempel t.ex."),
        "till exempel t.ex."
    );
}
