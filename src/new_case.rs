//! The text of a new case file, as `ordnat new` writes it: the schema modeline, the case's
//! identity filled in, and the sections of the case's path through the process commented out,
//! in process order, so that the editor shows what comes next. What is written is valid:
//! `ordnat check` finds no error in it (tested for every kind and track).
//!
//! Every value that comes from the command line or from another case file is written as a
//! double-quoted scalar by serde-saphyr's emitter, never pasted into the text: a newline, `: `,
//! `#` or a quote in it stays inside the value and reads back as exactly that text. Only
//! ordnat's own words (`typ`, `spår`, `förskrivning`) are written plain.
//!
//! May use: `model`, `text`.

use crate::model::{Kind, Prescription, Track};
use std::fmt::Write;

/// What the new case is.
pub struct NewCase<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub track: Track,
    pub indication: &'a str,
    pub substance: Option<&'a str>,
    pub product: Option<&'a str>,
    pub atc: Option<&'a str>,
    pub company: Option<&'a str>,
    pub prescription: Option<Prescription>,
    pub owner: Option<&'a str>,
    /// The earlier case of the same drug, for a new indication.
    pub new_indication_of: Option<&'a str>,
    /// The path from the case's folder to the case schema, for the modeline.
    pub schema_path: &'a str,
}

/// A value as a YAML double-quoted scalar, escaped by serde-saphyr's emitter (`\\`, `"`,
/// control characters, line and paragraph separators, the byte order mark): one line that
/// reads back as exactly `s`.
fn scalar(s: &str) -> Result<String, serde_saphyr::SerializeError> {
    let mut text = serde_saphyr::to_string(&serde_saphyr::DoubleQuoted(s))?;
    // The emitter ends the document with a line break; the scalar is one line of it.
    text.truncate(text.trim_end_matches('\n').len());
    Ok(text)
}

/// The file name for a case: `2026-031-exempelmab.yaml`, from the substance, the product or
/// the indication, in lower-case ASCII letters, digits and single hyphens (no `/`, `.` or
/// control character can come through), at most 40 of them, after the id.
pub fn file_name(case: &NewCase) -> String {
    let base = case.substance.or(case.product).unwrap_or(case.indication);
    let slug = crate::text::slug(base);
    // At most 40 (ASCII) characters, and no hyphen last.
    let slug = slug[..slug.len().min(40)].trim_end_matches('-');
    if slug.is_empty() {
        format!("{}.yaml", case.id)
    } else {
        format!("{}-{slug}.yaml", case.id)
    }
}

/// The text of the new case file.
pub fn text(case: &NewCase) -> Result<String, serde_saphyr::SerializeError> {
    let mut out = String::new();
    let quoted = |out: &mut String, key: &str, value: Option<&str>| {
        if let Some(v) = value {
            let _ = writeln!(out, "{key}: {}", scalar(v)?);
        }
        Ok::<(), serde_saphyr::SerializeError>(())
    };
    let _ = writeln!(out, "# yaml-language-server: $schema={}", case.schema_path);
    // The id goes into a comment too: only one of the id's form does (`ordnat new` checks it).
    let shown_id = if crate::model::is_case_id(case.id) {
        case.id
    } else {
        "ÅÅÅÅ-NNN"
    };
    let _ = writeln!(
        out,
        "# Skapad med `ordnat new`. Fyll i avsnitten nedan i tur och ordning när stegen är gjorda;\n\
         # `ordnat checklist {shown_id}` visar vad som återstår och vem som ansvarar."
    );
    quoted(&mut out, "id", Some(case.id))?;
    let kind = match case.kind {
        Kind::Drug => "läkemedel",
        Kind::Device => "medicinteknik",
        Kind::Guideline => "kunskapsstöd",
    };
    let _ = writeln!(out, "typ: {kind}");
    let track = match case.track {
        Track::National => "nationellt",
        Track::Regional => "regionalt",
    };
    let _ = writeln!(out, "spår: {track}");
    match case.owner {
        Some(owner) => quoted(&mut out, "ansvarig", Some(owner))?,
        None => out.push_str("# ansvarig: Namn Efternamn, läkemedelsstrateg\n"),
    }
    quoted(&mut out, "substans", case.substance)?;
    quoted(&mut out, "produktnamn", case.product)?;
    match (case.atc, case.kind) {
        (Some(atc), _) => quoted(&mut out, "atc", Some(atc))?,
        (None, Kind::Drug) => out.push_str("# atc: L01FX99\n"),
        _ => {}
    }
    quoted(&mut out, "företag", case.company)?;
    quoted(&mut out, "indikation", Some(case.indication))?;
    if let Some(prescription) = case.prescription {
        let word = match prescription {
            Prescription::Requisition => "rekvisition",
            Prescription::Prescription => "recept",
        };
        let _ = writeln!(out, "förskrivning: {word}");
    }
    quoted(&mut out, "ny_indikation_för", case.new_indication_of)?;
    if case.kind == Kind::Device {
        out.push_str("# ai: true                         # om produkten bygger på AI\n");
    }
    out.push('\n');
    out.push_str(&sections(case));
    Ok(out)
}

/// The sections still to come, commented out, in process order for this kind and track.
fn sections(case: &NewCase) -> String {
    let national = case.track == Track::National;
    let drug = case.kind == Kind::Drug;
    let recept = case.prescription == Some(Prescription::Prescription);
    let mut parts: Vec<&str> = Vec::new();
    if national {
        match case.kind {
            Kind::Drug => parts.push(
                "# godkännande: { chmp: ÅÅÅÅ-MM-DD, eu: ÅÅÅÅ-MM-DD }   # väntade datum går bra\n\
                 # underlag:\n\
                 #   källa: horizon-scanning          # horizon-scanning | nominering\n\
                 #   datum: ÅÅÅÅ-MM-DD\n\
                 #   # nominerande_region: Region …   # vid nominering\n",
            ),
            Kind::Device => parts.push(
                "# underlag:\n\
                 #   källa: horizon-scanning          # horizon-scanning | nominering\n\
                 #   datum: ÅÅÅÅ-MM-DD\n",
            ),
            Kind::Guideline => parts.push(
                "# underlag:\n\
                 #   källa: nationellt-kunskapsstöd\n\
                 #   datum: ÅÅÅÅ-MM-DD\n\
                 # reviderar: ÅÅÅÅ-NNN                # om kunskapsstödet reviderar ett tidigare ärende\n",
            ),
        }
    } else {
        parts.push(
            "# underlag:\n\
             #   källa: verksamhet                 # regionalt önskemål\n\
             #   datum: ÅÅÅÅ-MM-DD\n",
        );
    }
    if national && drug {
        parts.push(if recept {
            "# samverkan:                         # NT-rådets beslut om nationell samverkan\n\
             #   beslut: omfattas                  # omfattas | omfattas-inte\n\
             #   datum: ÅÅÅÅ-MM-DD\n\
             #   grunder: [avvakta-förmånsbeslut]  # sammanhållen-rekommendation | plats-i-terapin | avvakta-förmånsbeslut\n\
             # tlv:\n\
             #   förmånsbeslut: { datum: ÅÅÅÅ-MM-DD, utfall: begränsad-subvention }\n\
             #   # trepartsöverläggning: { datum: ÅÅÅÅ-MM-DD, sidoöverenskommelse: true }\n"
        } else {
            "# samverkan:                         # NT-rådets beslut om nationell samverkan\n\
             #   beslut: omfattas                  # omfattas | omfattas-inte\n\
             #   datum: ÅÅÅÅ-MM-DD\n\
             #   kriterier: [svårighetsgrad]       # jämlik-användning | svårighetsgrad | resurspåverkan | etiskt-politiskt-utmanande\n\
             # tlv:\n\
             #   hälsoekonomisk_bedömning: { beställd: ÅÅÅÅ-MM-DD, publicerad: ÅÅÅÅ-MM-DD }\n"
        });
    }
    if national && case.kind != Kind::Guideline {
        parts.push(if drug {
            "# rekommendationer:                  # NT-rådets rekommendationer, äldst först; den sista gäller\n\
             #   - { typ: avvakta, datum: ÅÅÅÅ-MM-DD }\n\
             #   - { typ: bör-användas, datum: ÅÅÅÅ-MM-DD, omprövas: ÅÅÅÅ-MM-DD }   # bör-användas | kan-användas | avstå | avvakta\n\
             # avtal: { typ: återbäringsavtal, start: ÅÅÅÅ-MM-DD, slut: ÅÅÅÅ-MM-DD }\n"
        } else {
            "# rekommendationer:                  # MTP-rådets rekommendationer, äldst först; den sista gäller\n\
             #   - { typ: bör-införa, datum: ÅÅÅÅ-MM-DD }   # bör-införa | kan-införa | avstå | avvakta\n"
        });
    }
    parts.push(
        "# regionalt:\n\
         #   diarienummer: RS ÅÅÅÅ/NNNN\n\
         #   registrerad: ÅÅÅÅ-MM-DD              # dagen ärendet registrerades i diariet\n\
         #   konsekvensbeskrivning:\n\
         #     ansvarig: Namn Efternamn, roll\n\
         #     datum: ÅÅÅÅ-MM-DD\n\
         #     patienter_per_år: 0\n\
         #     kostnad_per_patient_och_år: 0       # listpris i kronor\n\
         #     berörda_förvaltningar: [ … ]         # stavade som i ordnat.toml\n\
         #     organisation: …\n\
         #     kostnadsansvar: …                  # före beslutet: kliniken som väntas betala\n\
         #     planerad_start: ÅÅÅÅ-MM-DD         # före beslutet: väntad start, för budgeten\n\
         #   synpunkter:                          # en per berörd förvaltning\n\
         #     - { förvaltning: …, datum: ÅÅÅÅ-MM-DD, synpunkt: … }\n",
    );
    if national {
        parts.push(
            "#   kommitté: { möte: ÅÅÅÅ-MM-DD, rekommendation: införa }   # införa | införa-inte\n",
        );
    }
    parts.push(
        "#   beslut:\n\
         #     utfall: införs                     # införs | införs-inte\n\
         #     datum: ÅÅÅÅ-MM-DD\n\
         #     beslutsfattare: …                  # rollen som ordnat.toml anger\n",
    );
    if national && case.kind != Kind::Guideline {
        parts.push(
            "#     baserat_på: ÅÅÅÅ-MM-DD             # datumet för rekommendationen beslutet bygger på\n",
        );
    }
    parts.push(
        "# införande:\n\
         #   verksamhetschef: Namn Efternamn, verksamhetschef …\n",
    );
    if drug {
        parts.push(
            "#   kostnadsansvar: …                  # kliniken som bär kostnaden\n\
             #   behandlingsmål: …                  # kostsam terapi: kliniskt betydelsefullt mål\n\
             #   utsättningskriterier: …\n",
        );
    }
    if case.kind == Kind::Device {
        parts.push("#   valideringsplan: …                 # AI-produkter\n");
    }
    parts.push(
        "#   start: ÅÅÅÅ-MM-DD\n\
         # uppföljning:\n\
         #   - { planerad: ÅÅÅÅ-MM-DD }\n",
    );
    align(&parts.concat())
}

/// Puts the trailing comments of commented-out lines in one column, as in the README.
fn align(text: &str) -> String {
    const COLUMN: usize = 40;
    let mut out = String::new();
    for line in text.lines() {
        match line.find("  # ") {
            Some(at) if at > 0 => {
                let code = line[..at].trim_end();
                let comment = line[at..].trim_start();
                let width = code.chars().count();
                out.push_str(code);
                out.push_str(&" ".repeat(COLUMN.saturating_sub(width).max(1)));
                out.push_str(comment);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_one_double_quoted_line_that_reads_back_as_itself() {
        let values = [
            "Icke-småcellig lungcancer",
            "0391",
            "no",
            "",
            " mellanslag ",
            "Dagvård: infusion # inte en kommentar",
            "- punkt",
            "citat \"x\" och 'y'",
            "\\ bakstreck \\n",
            "rad ett\nsekretess: läckt\r\n",
            "{ a: 1 } [b] &ankare *alias !tagg | > % @ `",
            "\u{0}\u{7}\u{1b}\u{7f}\u{85}\u{2028}\u{2029}\u{feff}\u{fffe}",
            "---\n...",
        ];
        for value in values {
            let quoted = scalar(value).expect("scalar");
            assert!(quoted.starts_with('"') && quoted.ends_with('"'), "{quoted}");
            assert!(!quoted.contains(['\n', '\r']), "{quoted}");
            let yaml = format!("k: {quoted}\n");
            let back: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).expect("reads back");
            assert_eq!(back.len(), 1, "{yaml}");
            assert_eq!(back.get("k").map(String::as_str), Some(value), "{yaml}");
        }
    }

    #[test]
    fn file_names_are_ascii_from_the_substance() {
        let case = NewCase {
            id: "2026-031",
            kind: Kind::Drug,
            track: Track::National,
            indication: "Svår astma",
            substance: Some("Exempelmab Ö/Ä"),
            product: None,
            atc: None,
            company: None,
            prescription: Some(Prescription::Requisition),
            owner: None,
            new_indication_of: None,
            schema_path: "../schemas/arende.schema.json",
        };
        assert_eq!(file_name(&case), "2026-031-exempelmab-o-a.yaml");
        for (substance, name) in [
            ("../../x", "2026-031-x.yaml"),
            ("/etc/passwd", "2026-031-etc-passwd.yaml"),
            ("..", "2026-031.yaml"),
            ("a\nsekretess: b\u{0}", "2026-031-a-sekretess-b.yaml"),
            ("", "2026-031.yaml"),
        ] {
            let case = NewCase {
                substance: Some(substance),
                ..case
            };
            assert_eq!(file_name(&case), name, "{substance:?}");
        }
    }
}
