//! Format rules: what any YAML tool would check, plus ids, references, ATC codes and dates.
//! The first six are applied by the reader (`repo.rs`, `format.rs`); they are declared here so
//! that `rules`, `explain` and severity overrides treat them like the others.

use super::{Group, Rule};
use crate::case::Sp;
use crate::diagnostic::{Diagnostic, Severity};
use crate::process::{STEPS, step};
use chrono::NaiveDate;

const DOMAIN: &str = "DOMAIN.md, tabellen \"Format\"";

pub static RULES: &[&Rule] = &[
    &YAML_SYNTAX,
    &UNREADABLE_FILE,
    &UNKNOWN_FIELD,
    &MISSING_FIELD,
    &INVALID_VALUE,
    &DUPLICATE_KEY,
    &DUPLICATE_ID,
    &ID_FILENAME,
    &UNKNOWN_CASE,
    &ATC_FORMAT,
    &DATE_ORDER,
    &DATE_IN_FUTURE,
];

static YAML_SYNTAX: Rule = Rule {
    name: "yaml-syntax",
    severity: Severity::Error,
    group: Group::Format,
    summary: "filen är inte giltig YAML (eller inte text i UTF-8)",
    explanation: "En ärendefil måste kunna läsas som ett YAML-dokument i UTF-8 för att något annat \
        ska kunna kontrolleras. Felet pekar på raden och kolumnen där läsningen stannade; \
        övriga filer kontrolleras ändå.",
    source: DOMAIN,
    fix: "# sätt text som innehåller `: ` inom citattecken\norganisation: \"Dagvården: infusioner\"",
    check: None,
};

static UNREADABLE_FILE: Rule = Rule {
    name: "unreadable-file",
    severity: Severity::Error,
    group: Group::Format,
    summary: "filen kan inte läsas (rättigheter, för stor, länk utanför repot)",
    explanation: "En fil i ärendemappen som inte kan läsas är ett ärende som ingen kontroll ser. \
        Den rapporteras i stället för att stoppa körningen, så att övriga filer kontrolleras.",
    source: DOMAIN,
    fix: "chmod a+r cases/2026-014-exempelmab.yaml",
    check: None,
};

static UNKNOWN_FIELD: Rule = Rule {
    name: "unknown-field",
    severity: Severity::Error,
    group: Group::Format,
    summary: "en nyckel som formatet inte känner till (med förslag på närmaste nyckel)",
    explanation: "En felstavad nyckel (`spar` i stället för `spår`) gör att uppgiften aldrig \
        läses, och regeln som behöver den tiger. Förslaget tar hänsyn till å, ä och ö.",
    source: DOMAIN,
    fix: "spår: nationellt   # inte `spar:`",
    check: None,
};

static MISSING_FIELD: Rule = Rule {
    name: "missing-field",
    severity: Severity::Error,
    group: Group::Format,
    summary: "en obligatorisk nyckel saknas; pekar på mappningen som ska ha den",
    explanation: "Varje ärende har id, typ, spår och indikation; läkemedel även substans och \
        förskrivning. Varje avsnitt som skrivs har sina obligatoriska delar (ett beslut har \
        utfall och datum).",
    source: DOMAIN,
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-02-18",
    check: None,
};

static INVALID_VALUE: Rule = Rule {
    name: "invalid-value",
    severity: Severity::Error,
    group: Group::Format,
    summary: "fel typ, ett värde utanför de tillåtna, ett ogiltigt datum eller en platshållare",
    explanation: "Värden som `TBD`, `?`, `xxx` eller `yyyy-mm-dd` skrivs för att tysta en \
        kontroll; de är inga uppgifter och godtas inte. Uppräknade värden listas i tipset.",
    source: DOMAIN,
    fix: "förskrivning: rekvisition   # eller recept",
    check: None,
};

static DUPLICATE_KEY: Rule = Rule {
    name: "duplicate-key",
    severity: Severity::Error,
    group: Group::Format,
    summary: "samma nyckel två gånger i en mappning",
    explanation: "YAML kräver unika nycklar. Två `datum:` i samma beslut gör det oklart vilket \
        som gäller; ordnat läser det första och rapporterar det andra.",
    source: DOMAIN,
    fix: "beslut:\n  datum: 2026-10-01   # bara en gång",
    check: None,
};

static DUPLICATE_ID: Rule = Rule {
    name: "duplicate-id",
    severity: Severity::Error,
    group: Group::Format,
    summary: "två filer har samma `id`",
    explanation: "Ett ärende-id identifierar ärendet i rapporter, hänvisningar och undantag. Två \
        filer med samma id gör hänvisningarna tvetydiga; båda filerna nämns.",
    source: DOMAIN,
    fix: "id: 2026-015   # nästa lediga nummer",
    check: Some(|ctx, s| {
        let Some(id) = s.case.id.as_ref() else {
            return Vec::new();
        };
        let twins: Vec<usize> = ctx
            .ids
            .get(id.value.as_str())
            .map(|v| v.iter().copied().filter(|i| *i != s.index).collect())
            .unwrap_or_default();
        if twins.is_empty() {
            return Vec::new();
        }
        let names: Vec<&str> = twins
            .iter()
            .map(|i| ctx.files[*i].display.as_str())
            .collect();
        let mut d = Diagnostic::new(
            "duplicate-id",
            id.pos,
            format!("id `{}` finns även i {}", id.value, names.join(", ")),
        )
        .hint("ge ett av ärendena ett eget id (och byt filnamnet så att det börjar med id:t)");
        for i in twins {
            let pos = ctx.files[i]
                .case
                .as_ref()
                .and_then(|c| c.id.as_ref())
                .map(|i| i.pos)
                .unwrap_or_default();
            d = d.related(&ctx.files[i].display, pos, "samma id här");
        }
        vec![d]
    }),
};

static ID_FILENAME: Rule = Rule {
    name: "id-filename",
    severity: Severity::Warning,
    group: Group::Format,
    summary: "filnamnet börjar inte med ärendets `id`",
    explanation: "Filnamnet ska börja med id:t så att ett ärende kan hittas från sitt id utan \
        att öppna filer.",
    source: DOMAIN,
    fix: "cases/2026-014-exempelmab.yaml   # för id: 2026-014",
    check: Some(|_, s| {
        let Some(id) = s.case.id.as_ref() else {
            return Vec::new();
        };
        let name = s
            .file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with(id.value.as_str()) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                "id-filename",
                id.pos,
                format!("filnamnet `{name}` börjar inte med id:t `{}`", id.value),
            )
            .hint(format!("byt namn på filen till `{}-….yaml`", id.value)),
        ]
    }),
};

static UNKNOWN_CASE: Rule = Rule {
    name: "unknown-case",
    severity: Severity::Error,
    group: Group::Format,
    summary: "en hänvisning (`ny_indikation_för`, `reviderar`) till ett id som ingen fil har",
    explanation: "En hänvisning till ett ärende som inte finns bryter kedjan mellan en bredare \
        indikation (eller ett reviderat kunskapsstöd) och det tidigare ärendet.",
    source: DOMAIN,
    fix: "ny_indikation_för: 2023-007   # ett id som finns i repot",
    check: Some(|ctx, s| {
        [&s.case.new_indication_of, &s.case.reviderar]
            .into_iter()
            .flatten()
            .filter(|r| !ctx.ids.contains_key(r.value.as_str()))
            .map(|r| {
                let ids: Vec<&str> = ctx.ids.keys().copied().collect();
                let hint = crate::format::closest(&r.value, &ids)
                    .map(|c| format!("menade du `{c}`?"))
                    .unwrap_or_else(|| "skriv id:t för ett ärende som finns i repot".into());
                Diagnostic::new(
                    "unknown-case",
                    r.pos,
                    format!("inget ärende har id `{}`", r.value),
                )
                .hint(hint)
            })
            .collect()
    }),
};

static ATC_FORMAT: Rule = Rule {
    name: "atc-format",
    severity: Severity::Warning,
    group: Group::Format,
    summary: "ATC-koden har inte formen bokstav-siffra-siffra-bokstav-bokstav-siffra-siffra",
    explanation: "En fullständig ATC-kod (nivå 5) har sju tecken, t.ex. `L01FX99`. En kortare \
        eller felskriven kod gör att ärendet inte kan kopplas till statistik och uppföljning.",
    source: DOMAIN,
    fix: "atc: L01FX99",
    check: Some(|_, s| {
        let Some(atc) = s.case.atc.as_ref() else {
            return Vec::new();
        };
        if is_atc(&atc.value) {
            return Vec::new();
        }
        let upper = atc.value.trim().to_uppercase().replace(' ', "");
        let hint = if is_atc(&upper) {
            format!("skriv `{upper}`")
        } else {
            "skriv hela ATC-koden på nivå 5, t.ex. `L01FX99`".into()
        };
        vec![
            Diagnostic::new(
                "atc-format",
                atc.pos,
                format!("`{}` är inte en ATC-kod på formen L01FX99", atc.value),
            )
            .hint(hint),
        ]
    }),
};

/// Letter, digit, digit, letter, letter, digit, digit (upper case).
pub fn is_atc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3].is_ascii_uppercase()
        && b[4].is_ascii_uppercase()
        && b[5].is_ascii_digit()
        && b[6].is_ascii_digit()
}

static DATE_ORDER: Rule = Rule {
    name: "date-order",
    severity: Severity::Error,
    group: Group::Format,
    summary: "steg daterade i fel ordning (t.ex. beslut före kommitténs rekommendation)",
    explanation: "Processen har en ordning: samverkansbeslut före rekommendation, \
        konsekvensbeskrivning och synpunkter före kommitténs möte, kommitténs rekommendation \
        före beslutet, beslut före införande. Ett datum i fel ordning är oftast ett skrivfel. \
        Ordningen följer rutinen i Region Halland (003_9c22e38e3529e250.txt, \"Process ordnat \
        införande\") och NT-rådets process (001_2dd46b4558874224.txt). Inom ett avsnitt gäller \
        också: beställd före publicerad, avtalets start före slut, rekommendation före omprövning.",
    source: "DOMAIN.md, tabellen \"Format\"; 003_9c22e38e3529e250.txt, \"Process ordnat införande\"",
    fix: "kommitté: { möte: 2026-09-24, rekommendation: införa }\nbeslut: { utfall: införs, datum: 2026-10-01, … }",
    check: Some(|_, s| {
        let mut out = Vec::new();
        for later in STEPS {
            let Some(later_date) = (later.date)(s.case) else {
                continue;
            };
            for earlier_id in later.not_before {
                let earlier = step(*earlier_id);
                let Some(earlier_date) = (earlier.date)(s.case) else {
                    continue;
                };
                if later_date.value < earlier_date.value {
                    out.push(order_diag(
                        later_date,
                        later.title,
                        earlier_date,
                        earlier.title,
                    ));
                }
            }
        }
        let c = s.case;
        let pairs = [
            (
                c.tlv
                    .as_ref()
                    .and_then(|t| t.assessment.as_ref())
                    .and_then(|a| a.ordered.as_ref()),
                "beställningen av den hälsoekonomiska bedömningen",
                c.tlv
                    .as_ref()
                    .and_then(|t| t.assessment.as_ref())
                    .and_then(|a| a.publicerad.as_ref()),
                "publiceringen",
            ),
            (
                c.avtal.as_ref().and_then(|a| a.start.as_ref()),
                "avtalets start",
                c.avtal.as_ref().and_then(|a| a.slut.as_ref()),
                "avtalets slut",
            ),
            (
                c.rekommendation.as_ref().and_then(|r| r.datum.as_ref()),
                "rekommendationen",
                c.rekommendation.as_ref().and_then(|r| r.review.as_ref()),
                "omprövningen",
            ),
        ];
        for (first, first_label, second, second_label) in pairs {
            if let (Some(a), Some(b)) = (first, second)
                && b.value < a.value
            {
                out.push(order_diag(b, second_label, a, first_label));
            }
        }
        out
    }),
};

fn order_diag(
    later: &Sp<NaiveDate>,
    later_label: &str,
    earlier: &Sp<NaiveDate>,
    earlier_label: &str,
) -> Diagnostic {
    Diagnostic::new(
        "date-order",
        later.pos,
        format!(
            "{} ({}) är daterad före {} ({}, rad {})",
            capitalize(later_label),
            later.value,
            lower_first(earlier_label),
            earlier.value,
            earlier.pos.line
        ),
    )
    .hint("rätta det datum som är fel; stegen följer processens ordning")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

static DATE_IN_FUTURE: Rule = Rule {
    name: "date-in-future",
    severity: Severity::Error,
    group: Group::Format,
    summary: "ett steg som är registrerat som gjort är daterat efter i dag",
    explanation: "Ett beslut, en synpunkt eller en utförd uppföljning kan inte ha ett datum som \
        inte har inträffat. Planerade datum (införandets start, planerade uppföljningar, \
        omprövning, avtalets slut) får ligga framåt. \"I dag\" kan sättas med `--today` eller \
        `ORDNAT_TODAY`.",
    source: DOMAIN,
    fix: "beslut: { utfall: införs, datum: 2026-10-01 }   # det datum beslutet fattades",
    check: Some(|ctx, s| {
        let mut dates: Vec<(&Sp<NaiveDate>, &str)> = STEPS
            .iter()
            .filter(|st| !st.may_be_planned)
            .filter_map(|st| (st.date)(s.case).map(|d| (d, st.title)))
            .collect();
        // Multi-valued steps: every comment and every completed follow-up, not only the latest.
        let c = s.case;
        if let Some(r) = &c.regionalt {
            dates.extend(
                crate::case::list(&r.synpunkter)
                    .iter()
                    .filter_map(|x| x.datum.as_ref().map(|d| (d, "synpunkten"))),
            );
        }
        dates.extend(
            crate::case::list(&c.follow_ups)
                .iter()
                .filter_map(|f| f.done.as_ref().map(|d| (d, "uppföljningen"))),
        );
        dates.extend(
            crate::case::list(&c.undantag)
                .iter()
                .filter_map(|u| u.datum.as_ref().map(|d| (d, "undantaget"))),
        );
        let mut seen = std::collections::HashSet::new();
        dates
            .into_iter()
            .filter(|(d, _)| d.value > ctx.today && seen.insert(d.pos))
            .map(|(d, what)| {
                Diagnostic::new(
                    "date-in-future",
                    d.pos,
                    format!("{} är daterad {} men i dag är det {}", capitalize(what), d.value, ctx.today),
                )
                .hint("skriv det datum då steget faktiskt gjordes, eller ta bort steget tills det är gjort")
            })
            .collect()
    }),
};
