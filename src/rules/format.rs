//! Format rules: what any YAML tool would check, plus ids, references, ATC codes and dates.
//! The first six are applied by the reader (`read/`); they are declared here so that `rules`,
//! `explain` and severity overrides treat them like the others. Two of them also check here
//! what the schema-driven reader cannot: `invalid-value` the values whose allowed set depends
//! on another value of the case (a recommendation's type on the case's `typ`, `baserat_på` on
//! the recommendations' dates), and `unknown-field` the keys of the first case format, with
//! what to write instead.

use super::{Check, Group, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Case, Kind, RecommendationType, Sp, word};
use crate::process::{STEPS, WITHIN_SECTIONS, done_dates, step};
use crate::rule_id::RuleId;
use crate::sources::{Cite, SourceId};
use crate::text::{capitalize, lower_first};
use chrono::NaiveDate;

/// What the format rules cite: the case format itself.
const FORMAT: &[Cite] = &[Cite::new(SourceId::Format, "avsnittet \"Ärendefilen\"")];

pub static YAML_SYNTAX: Rule = Rule {
    id: RuleId::YamlSyntax,
    severity: Severity::Error,
    group: Group::Format,
    summary: "filen är inte giltig YAML (eller inte text i UTF-8)",
    explanation: "En ärendefil måste kunna läsas som ett YAML-dokument i UTF-8 för att något annat \
        ska kunna kontrolleras. Felet pekar på raden och kolumnen där läsningen stannade; \
        övriga filer kontrolleras ändå.",
    sources: FORMAT,
    fix: "# sätt text som innehåller `: ` inom citattecken\norganisation: \"Dagvården: infusioner\"",
    check: Check::Reader,
};

pub static UNREADABLE_FILE: Rule = Rule {
    id: RuleId::UnreadableFile,
    severity: Severity::Error,
    group: Group::Format,
    summary: "filen kan inte läsas (rättigheter, för stor, länk utanför repot)",
    explanation: "En fil i ärendemappen som inte kan läsas är ett ärende som ingen kontroll ser. \
        Den rapporteras i stället för att stoppa körningen, så att övriga filer kontrolleras.",
    sources: FORMAT,
    fix: "chmod a+r cases/2026-014-exempelmab.yaml",
    check: Check::Reader,
};

pub static UNKNOWN_FIELD: Rule = Rule {
    id: RuleId::UnknownField,
    severity: Severity::Error,
    group: Group::Format,
    summary: "en nyckel som formatet inte känner till (med förslag på närmaste nyckel)",
    explanation: "En felstavad nyckel (`spar` i stället för `spår`) gör att uppgiften aldrig \
        läses, och regeln som behöver den tiger. Förslaget tar hänsyn till å, ä och ö. En nyckel \
        från det första formatet (`rekommendation:`, en enda rekommendation) får ett tips om \
        vad som ska skrivas i stället (`rekommendationer:`, en lista äldst först).",
    sources: FORMAT,
    fix: "spår: nationellt   # inte `spar:`",
    check: Check::Case(|_, s| retired_keys(s.case, s.file.text())),
};

/// The keys of the first case format that the format still reads, only to say what to write
/// instead: a single `rekommendation:` mapping, now the list `rekommendationer:` (with the fix
/// that makes it one; `text` is the file's text as read).
fn retired_keys(case: &Case, text: &str) -> Vec<Diagnostic> {
    let Some(old) = case.retired_recommendation.as_ref() else {
        return Vec::new();
    };
    let typ = old
        .typ
        .as_ref()
        .and_then(|t| RecommendationType::from_word(&t.value))
        .filter(|t| RecommendationType::allowed(case.kind()).contains(t))
        .map_or("…", |t| word(&t));
    let datum = old
        .datum
        .as_ref()
        .map_or_else(|| "ÅÅÅÅ-MM-DD".to_string(), |d| d.value.to_string());
    let review = old
        .review
        .as_ref()
        .map(|r| format!(", omprövas: {}", r.value))
        .unwrap_or_default();
    vec![
        Diagnostic::new(
            RuleId::UnknownField,
            old.pos,
            "`rekommendation` är ersatt av `rekommendationer`: en lista med NT-rådets (eller MTP-rådets) rekommendationer, äldst först; den sista gäller",
        )
        .hint(format!(
            "skriv `rekommendationer:` som en lista, en rad per rekommendation under den: `- {{ typ: {typ}, datum: {datum}{review} }}`"
        ))
        .fix_if(super::fixes::retired_list(text, old.pos)),
    ]
}

pub static MISSING_FIELD: Rule = Rule {
    id: RuleId::MissingField,
    severity: Severity::Error,
    group: Group::Format,
    summary: "en obligatorisk nyckel saknas; pekar på mappningen som ska ha den",
    explanation: "Varje ärende har id, typ, spår och indikation; läkemedel även substans och \
        förskrivning. Varje avsnitt som skrivs har sina obligatoriska delar (ett beslut har \
        utfall och datum).",
    sources: FORMAT,
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-02-18",
    check: Check::Reader,
};

pub static INVALID_VALUE: Rule = Rule {
    id: RuleId::InvalidValue,
    severity: Severity::Error,
    group: Group::Format,
    summary: "fel typ, ett värde utanför de tillåtna, ett ogiltigt datum eller en platshållare",
    explanation: "Värden som `TBD`, `?`, `xxx` eller `yyyy-mm-dd` skrivs för att tysta en \
        kontroll; de är inga uppgifter och godtas inte. Uppräknade värden listas i tipset. En \
        rekommendations typ beror på ärendets typ: sedan 2021-11-01 rekommenderar NT-rådet att \
        regionerna bör använda, kan använda eller avstår från ett läkemedel (`bör-användas`, \
        `kan-användas`, `avstå`), och `avvakta` medan ärendet bereds; MTP-rådet rekommenderar \
        att regionerna bör införa, kan införa, avstår från att införa eller avvaktar med att \
        införa en medicinteknisk produkt (`bör-införa`, `kan-införa`, `avstå`, `avvakta`). \
        Det första formatets ord godtas inte: `använd` är `bör-användas` eller `kan-användas`, \
        `ingen-rekommendation` är `samverkan: omfattas-inte` och `regional-bedömning` är \
        `samverkan.avslutad`. `baserat_på` i ett beslut är datumet för en av ärendets \
        rekommendationer.",
    sources: &[
        Cite::new(SourceId::Format, "avsnittet \"Ärendefilen\""),
        Cite::new(
            SourceId::NtUttryck,
            "bör använda, kan använda, avstå från; avvakta under beredning",
        ),
        Cite::new(
            SourceId::MtpRadet,
            "bör införa, kan införa, avstå från att införa, avvakta med att införa",
        ),
    ],
    fix: "förskrivning: rekvisition   # eller recept\nrekommendationer:\n  - { typ: bör-användas, datum: 2026-05-28 }   # läkemedel; medicinteknik: bör-införa",
    check: Check::Case(|_, s| case_dependent_values(s.case, s.file.text())),
};

/// Recommendation words of the first format, and what to write instead.
const RETIRED_WORDS: &[(&str, &str, &str)] = &[
    (
        "använd",
        "`använd` är inte längre NT-rådets ord: sedan 2021-11-01 rekommenderar NT-rådet att regionerna bör använda eller kan använda ett läkemedel",
        "skriv `bör-användas` eller `kan-användas`, som i NT-rådets rekommendation",
    ),
    (
        "ingen-rekommendation",
        "`ingen-rekommendation` är ingen rekommendationstyp: NT-rådet lämnar ingen rekommendation när läkemedlet inte omfattas av nationell samverkan",
        "ta bort rekommendationen och skriv beslutet under `samverkan`: `beslut: omfattas-inte` med `datum` och `skäl`",
    ),
    (
        "regional-bedömning",
        "`regional-bedömning` är ingen rekommendationstyp: när NT-rådet lämnar läkemedlet till regionernas egen bedömning avslutas den nationella samverkan",
        "ta bort rekommendationen och skriv datumet under `samverkan`: `avslutad: ÅÅÅÅ-MM-DD`",
    ),
];

/// The council's name and the kind of case, for messages: `NT-rådet` and `läkemedel`.
fn council_of(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Device => ("MTP-rådet", "medicinteknik"),
        _ => ("NT-rådet", "läkemedel"),
    }
}

/// Values whose allowed set depends on another value of the case, which the walk over the
/// schema cannot check: each recommendation's type (by the case's `typ`, old words with their
/// replacement) and the recommendation a decision rests on (one of the recommendations' dates).
/// A type with one did-you-mean gets the fix that writes it (`text`: the file's text as read).
fn case_dependent_values(case: &Case, text: &str) -> Vec<Diagnostic> {
    let kind = case.kind();
    let allowed = RecommendationType::allowed(kind);
    let words: Vec<&str> = allowed.iter().map(word).collect();
    let listed = words.join(", ");
    let for_kind = match kind {
        Some(k @ (Kind::Drug | Kind::Device)) => {
            let (council, kind_word) = council_of(k);
            format!(" för {kind_word} ({council})")
        }
        _ => String::new(),
    };
    let mut out = Vec::new();
    // What only a drug has (`model::REQUIRED_BY_KIND` requires them of one): a device or a
    // knowledge support with them is a case of another kind, or a slip.
    if let Some(k @ (Kind::Device | Kind::Guideline)) = kind {
        let drug_only = [
            ("substans", case.substans.as_ref().map(|s| s.pos)),
            ("förskrivning", case.prescription.as_ref().map(|p| p.pos)),
        ];
        for (key, pos) in drug_only {
            let Some(pos) = pos else { continue };
            out.push(
                Diagnostic::new(
                    RuleId::InvalidValue,
                    pos,
                    format!("`{key}` gäller bara läkemedel, och ärendet är {}", word(&k)),
                )
                .hint(format!(
                    "ta bort `{key}`, eller skriv `typ: läkemedel` om ärendet gäller ett läkemedel"
                )),
            );
        }
    }
    let typs = case
        .recommendations()
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((format!("rekommendationer[{}].typ", i + 1), r.typ.as_ref()?)))
        .chain(
            case.retired_recommendation
                .as_ref()
                .and_then(|r| r.typ.as_ref())
                .map(|t| ("rekommendation.typ".to_string(), t)),
        );
    for (path, typ) in typs {
        let written = typ.value.trim();
        let known = RecommendationType::from_word(written);
        if known.is_some_and(|t| allowed.contains(&t)) {
            continue;
        }
        // The one word meant, where the hint names one and only one: what the fix writes.
        let mut meant: Option<&str> = None;
        let (message, hint) = if let Some((_, message, hint)) =
            RETIRED_WORDS.iter().find(|(w, _, _)| *w == written)
        {
            let hint = if kind == Some(Kind::Device) && written == "använd" {
                "skriv `bör-införa` eller `kan-införa`, som i MTP-rådets rekommendation".to_string()
            } else {
                hint.to_string()
            };
            (
                message.to_string(),
                format!("{hint}. Tillåtna värden{for_kind}: {listed}"),
            )
        } else if let (Some(other), Some(k)) = (known, kind) {
            // A word of the other council: name the same recommendation in this one's words.
            let strength = |t: &RecommendationType| word(t).split('-').next().map(str::to_string);
            // No fix: the word may be right and the case's `typ` wrong, which is for a
            // person to say.
            let same = allowed
                .iter()
                .find(|a| a.is_positive() && strength(a) == strength(&other))
                .map(|a| format!("menade du `{}`? ", word(a)))
                .unwrap_or_default();
            let (other_council, other_kind) = council_of(if k == Kind::Device {
                Kind::Drug
            } else {
                Kind::Device
            });
            (
                format!(
                    "`{written}` är {} ord för {other_kind}, inte för {}",
                    crate::text::genitive(other_council),
                    council_of(k).1
                ),
                format!("{same}Tillåtna värden{for_kind}: {listed}"),
            )
        } else {
            let closest = crate::text::closest(written, &words);
            meant = closest.filter(|c| crate::text::closest_only(written, &words) == Some(*c));
            let hint = match closest {
                Some(c) => format!("menade du `{c}`? Tillåtna värden{for_kind}: {listed}"),
                None => format!("skriv ett av{for_kind}: {listed}"),
            };
            (
                format!("`{written}` är inte ett tillåtet värde för `{path}`"),
                hint,
            )
        };
        let fix = meant.and_then(|m| super::fixes::word_at(text, typ.pos, &typ.value, m));
        out.push(
            Diagnostic::new(RuleId::InvalidValue, typ.pos, message)
                .hint(hint)
                .fix_if(fix),
        );
    }
    if let Some(basis) = case.decision().and_then(|d| d.based_on.as_ref()) {
        let dates: Vec<String> = case
            .recommendations()
            .iter()
            .filter_map(|r| r.datum.as_ref())
            .map(|d| d.value.to_string())
            .collect();
        if !dates.contains(&basis.value.to_string()) {
            let hint = if dates.is_empty() {
                "lägg till rekommendationen under `rekommendationer`, eller ta bort `baserat_på`"
                    .to_string()
            } else {
                format!(
                    "skriv datumet för en av rekommendationerna: {}",
                    dates.join(", ")
                )
            };
            out.push(
                Diagnostic::new(
                    RuleId::InvalidValue,
                    basis.pos,
                    format!("beslutet bygger på en rekommendation från {}, men ingen av ärendets rekommendationer har det datumet", basis.value),
                )
                .hint(hint),
            );
        }
    }
    out
}

pub static DUPLICATE_KEY: Rule = Rule {
    id: RuleId::DuplicateKey,
    severity: Severity::Error,
    group: Group::Format,
    summary: "samma nyckel två gånger i en mappning",
    explanation: "YAML kräver unika nycklar. Två `datum:` i samma beslut gör det oklart vilket \
        som gäller; ordnat läser det första och rapporterar det andra.",
    sources: FORMAT,
    fix: "beslut:\n  datum: 2026-10-01   # bara en gång",
    check: Check::Reader,
};

pub static DUPLICATE_ID: Rule = Rule {
    id: RuleId::DuplicateId,
    severity: Severity::Error,
    group: Group::Format,
    summary: "två filer har samma `id`",
    explanation: "Ett ärende-id identifierar ärendet i rapporter, hänvisningar och undantag. Två \
        filer med samma id gör hänvisningarna tvetydiga; båda filerna nämns.",
    sources: FORMAT,
    fix: "id: 2026-015   # nästa lediga nummer",
    check: Check::Repo(|index, me| {
        let Some(id) = index.entries[me].id.as_ref() else {
            return Vec::new();
        };
        let twins: Vec<usize> = index.with_id(&id.value).filter(|i| *i != me).collect();
        if twins.is_empty() {
            return Vec::new();
        }
        let names: Vec<&str> = twins.iter().map(|i| &*index.entries[*i].display).collect();
        let mut d = Diagnostic::new(
            RuleId::DuplicateId,
            id.pos,
            format!("id `{}` finns även i {}", id.value, names.join(", ")),
        )
        .hint("ge ett av ärendena ett eget id (och byt filnamnet så att det börjar med id:t)");
        for i in twins {
            let twin = &index.entries[i];
            let pos = twin.id.as_ref().map(|i| i.pos).unwrap_or_default();
            d = d.related(&twin.display, pos, "samma id här");
        }
        vec![d]
    }),
};

pub static ID_FILENAME: Rule = Rule {
    id: RuleId::IdFilename,
    severity: Severity::Warning,
    group: Group::Format,
    summary: "filnamnet börjar inte med ärendets `id`",
    explanation: "Filnamnet ska börja med id:t så att ett ärende kan hittas från sitt id utan \
        att öppna filer.",
    sources: FORMAT,
    fix: "cases/2026-014-exempelmab.yaml   # för id: 2026-014",
    check: Check::Case(|_, s| {
        let Some(id) = s.case.id.as_ref() else {
            return Vec::new();
        };
        let name = s
            .file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The id is the whole first part of the name: `2026-014-….yaml`, `2026-014.yaml`.
        let follows = name.strip_prefix(id.value.as_str());
        if follows.is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '.'])) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::IdFilename,
                id.pos,
                format!("filnamnet `{name}` börjar inte med id:t `{}`", id.value),
            )
            .hint(format!("byt namn på filen till `{}-….yaml`", id.value)),
        ]
    }),
};

pub static ID_FORMAT: Rule = Rule {
    id: RuleId::IdFormat,
    severity: Severity::Error,
    group: Group::Format,
    summary: "ärendets `id` har inte formen ÅÅÅÅ-NNN (året och ett nummer med minst tre siffror)",
    explanation: "Ett ärende-id skrivs ÅÅÅÅ-NNN: året med fyra siffror, ett bindestreck och ett \
        nummer med minst tre siffror, t.ex. `2026-014`. `ordnat new` ger ärenden sådana id och \
        väljer nästa lediga nummer för året bland dem; ett id av annan form (`26-1`) räknas inte \
        där, sorteras inte i ordning med de andra i rapporterna och kan förväxlas med ett datum \
        eller ett diarienummer.",
    sources: FORMAT,
    fix: "id: 2026-001   # inte `26-1`; filnamnet börjar med id:t",
    check: Check::Case(|_, s| {
        let Some(id) = s.case.id.as_ref() else {
            return Vec::new();
        };
        if crate::model::is_case_id(&id.value) {
            return Vec::new();
        }
        let hint = match id_meant(&id.value) {
            Some(meant) => format!(
                "skriv `{meant}` (året med fyra siffror och numret med minst tre) och låt \
                 filnamnet börja med det"
            ),
            None => "skriv året med fyra siffror, ett bindestreck och ett nummer med minst tre \
                siffror, t.ex. `2026-014`"
                .to_string(),
        };
        vec![
            Diagnostic::new(
                RuleId::IdFormat,
                id.pos,
                format!("`{}` är inget ärende-id av formen ÅÅÅÅ-NNN", id.value),
            )
            .hint(hint),
        ]
    }),
};

/// The id that `written` most likely means: a year of two or four digits and a number,
/// apart by `-`, `_`, `/` or a space (`26-1` is `2026-001`, `2026_14` is `2026-014`).
fn id_meant(written: &str) -> Option<String> {
    let (year, number) = written.trim().split_once(['-', '_', '/', ' '])?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(year) || !digits(number) {
        return None;
    }
    let year = match year.len() {
        2 => format!("20{year}"),
        4 => year.to_string(),
        _ => return None,
    };
    let meant = format!("{year}-{number:0>3}");
    crate::model::is_case_id(&meant).then_some(meant)
}

pub static UNKNOWN_CASE: Rule = Rule {
    id: RuleId::UnknownCase,
    severity: Severity::Error,
    group: Group::Format,
    summary: "en hänvisning (`ny_indikation_för`, `reviderar`) till ett id som ingen fil har",
    explanation: "En hänvisning till ett ärende som inte finns bryter kedjan mellan en bredare \
        indikation (eller ett reviderat kunskapsstöd) och det tidigare ärendet.",
    sources: FORMAT,
    fix: "ny_indikation_för: 2023-007   # ett id som finns i repot",
    check: Check::Repo(|index, me| {
        let entry = &index.entries[me];
        [entry.new_indication_of(), entry.revises()]
            .into_iter()
            .flatten()
            .filter(|r| index.with_id(&r.value).next().is_none())
            .map(|r| {
                // A file that could not be read as a case, named after the id (the file name
                // starts with the id): the case exists, its file is broken.
                let unreadable = index.entries.iter().find(|e| {
                    let name = e.display.rsplit('/').next().unwrap_or_default();
                    e.id.is_none()
                        && name
                            .strip_prefix(&*r.value)
                            .is_some_and(|rest| rest.starts_with(['-', '.']))
                });
                if let Some(file) = unreadable {
                    return Diagnostic::new(
                        RuleId::UnknownCase,
                        r.pos,
                        format!(
                            "ärendet `{}` finns i {}, men den filen kan inte läsas",
                            r.value, file.display
                        ),
                    )
                    .hint(format!(
                        "rätta felen i {}; hänvisningen kontrolleras när filen kan läsas",
                        file.display
                    ))
                    .related(
                        &file.display,
                        crate::model::Pos::start(),
                        "filen som inte kan läsas",
                    );
                }
                let ids = index.ids();
                let hint = crate::text::closest(&r.value, &ids)
                    .map(|c| format!("menade du `{c}`?"))
                    .unwrap_or_else(|| "skriv id:t för ett ärende som finns i repot".into());
                Diagnostic::new(
                    RuleId::UnknownCase,
                    r.pos,
                    format!("inget ärende har id `{}`", r.value),
                )
                .hint(hint)
            })
            .collect()
    }),
};

pub static ATC_FORMAT: Rule = Rule {
    id: RuleId::AtcFormat,
    severity: Severity::Warning,
    group: Group::Format,
    summary: "ATC-koden har inte formen bokstav-siffra-siffra-bokstav-bokstav-siffra-siffra",
    explanation: "En fullständig ATC-kod (nivå 5) har sju tecken, t.ex. `L01FX99`. En kortare \
        eller felskriven kod gör att ärendet inte kan kopplas till statistik och uppföljning.",
    sources: FORMAT,
    fix: "atc: L01FX99",
    check: Check::Case(|_, s| {
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
                RuleId::AtcFormat,
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

pub static DATE_ORDER: Rule = Rule {
    id: RuleId::DateOrder,
    severity: Severity::Error,
    group: Group::Format,
    summary: "steg daterade i fel ordning (t.ex. beslut före kommitténs rekommendation)",
    explanation: "Processen har en ordning: samverkansbeslut före rekommendation, \
        konsekvensbeskrivning och synpunkter före kommitténs möte, kommitténs rekommendation \
        före beslutet, beslut före införande. Ett datum i fel ordning är oftast ett skrivfel. \
        Ordningen följer Region Hallands rutin och NT-rådets process. Inom ett avsnitt gäller \
        också: beställd före publicerad, avtalets start före slut och slut före förlängning, \
        rekommendationerna i den ordning de skrivs (äldst först), varje rekommendation före sin \
        omprövning, samverkan beslutad före avslutad och ingen rekommendation efter avslutet, \
        rekommendationen som beslutet bygger på (`baserat_på`) före beslutet, CHMP:s \
        yttrande före EU-godkännandet och införandets start före varje planerad uppföljning.",
    sources: &[
        Cite::new(SourceId::HallandPer, "\"Process ordnat införande\""),
        Cite::new(
            SourceId::NtSamverkan,
            "\"Vad innebär beslutet om nationell samverkan?\"",
        ),
        Cite::new(SourceId::Format, "avsnittet \"Ärendefilen\""),
    ],
    fix: "kommitté: { möte: 2026-09-24, rekommendation: införa }\nbeslut: { utfall: införs, datum: 2026-10-01, … }",
    check: Check::Case(|_, s| {
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
        for order in WITHIN_SECTIONS {
            for (a, b) in (order.pairs)(s.case) {
                if b.value < a.value {
                    out.push(order_diag(b, order.second_label, a, order.first_label));
                }
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
        RuleId::DateOrder,
        later.pos,
        format!(
            "{} ({}) har ett tidigare datum än {} ({}, rad {})",
            capitalize(later_label),
            later.value,
            lower_first(earlier_label),
            earlier.value,
            earlier.pos.line
        ),
    )
    .hint("rätta det datum som är fel; stegen följer processens ordning")
}

pub static DATE_IN_FUTURE: Rule = Rule {
    id: RuleId::DateInFuture,
    severity: Severity::Error,
    group: Group::Format,
    summary: "ett steg som är registrerat som gjort är daterat efter i dag",
    explanation: "Ett beslut, en synpunkt eller en utförd uppföljning kan inte ha ett datum som \
        inte har inträffat. Planerade datum (införandets start, planerade uppföljningar, \
        omprövning, avtalets slut) får ligga framåt. \"I dag\" kan sättas med `--today` eller \
        `ORDNAT_TODAY`.",
    sources: FORMAT,
    fix: "beslut: { utfall: införs, datum: 2026-10-01 }   # det datum beslutet fattades",
    check: Check::Case(|ctx, s| {
        done_dates(s.case)
            .into_iter()
            .filter(|f| f.date.value > ctx.today)
            .map(|f| (f.date, f.what))
            .map(|(d, what)| {
                Diagnostic::new(RuleId::DateInFuture,
                    d.pos,
                    format!("{} har datumet {}, men i dag är det {}", capitalize(what), d.value, ctx.today),
                )
                .hint("skriv det datum då steget faktiskt gjordes, eller ta bort steget tills det är gjort")
            })
            .collect()
    }),
};

/// The earliest date that is not taken for a slip of the pen (`date-implausible`).
const EARLIEST_PLAUSIBLE: (i32, u32, u32) = (1990, 1, 1);

/// How far ahead of today a date may lie before it is taken for a slip of the pen.
const YEARS_AHEAD_PLAUSIBLE: u32 = 10;

pub static DATE_IMPLAUSIBLE: Rule = Rule {
    id: RuleId::DateImplausible,
    severity: Severity::Warning,
    group: Group::Format,
    summary: "ett datum före 1990 eller mer än tio år efter i dag (ett skrivfel i året?)",
    explanation: "Ett datum före 1990 eller mer än tio år fram i tiden är nästan alltid ett \
        skrivfel: fel år (`2062` för `2026`), tvåsiffrigt år, eller `0001-01-01` som \
        platshållare. Ärendena i ordnat införande är inte så gamla, och även planerade datum \
        (omprövning, avtalets slut, uppföljning) ligger inom några år. Regeln gäller varje \
        datum i ärendet, gjort som planerat, och varnar bara: ett datum som verkligen ska stå \
        kan stå kvar. \"I dag\" kan sättas med `--today` eller `ORDNAT_TODAY`.",
    sources: FORMAT,
    fix: "uppföljning:\n  - { planerad: 2027-02-01 }   # inte 0001-01-01 eller 2072-02-01",
    check: Check::Case(|ctx, s| {
        let (y, m, d) = EARLIEST_PLAUSIBLE;
        let Some(earliest) = NaiveDate::from_ymd_opt(y, m, d) else {
            return Vec::new();
        };
        let latest = ctx
            .today
            .checked_add_months(chrono::Months::new(12 * YEARS_AHEAD_PLAUSIBLE))
            .unwrap_or(NaiveDate::MAX);
        s.case
            .dates()
            .into_iter()
            .filter_map(|field| {
                let date = field.date.value;
                let why = if date < earliest {
                    format!("ligger före {y}")
                } else if date > latest {
                    format!("ligger mer än tio år efter i dag ({})", ctx.today)
                } else {
                    return None;
                };
                Some(
                    Diagnostic::new(
                        RuleId::DateImplausible,
                        field.date.pos,
                        format!("datumet {date} i `{}` {why}", field.path()),
                    )
                    .hint("skrev du fel år? Rätta datumet, eller låt det stå om det verkligen stämmer"),
                )
            })
            .collect()
    }),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_meant_keeps_the_year_and_the_number() {
        assert_eq!(id_meant("26-1").as_deref(), Some("2026-001"));
        assert_eq!(id_meant("2026-14").as_deref(), Some("2026-014"));
        assert_eq!(id_meant("2026_014").as_deref(), Some("2026-014"));
        assert_eq!(id_meant("2026/1234").as_deref(), Some("2026-1234"));
        for unclear in [
            "1-1",
            "202-1",
            "x-1",
            "2026-",
            "2026",
            "26-1a",
            "RS 2026/0412",
        ] {
            assert_eq!(id_meant(unclear), None, "{unclear}");
        }
    }
}
