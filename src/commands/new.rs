//! `ordnat new`: write a new case file with the next free id of the year (or `--id`), the
//! schema modeline and the sections still to come in process order. Never overwrites: a file
//! that exists, or an id that another case has, is an error and nothing is written.

use crate::cli::NewArgs;
use crate::model::{Case, Kind, Track, text};
use crate::new_case::{NewCase, file_name};
use anyhow::{Context, Result, bail};
use chrono::Datelike;
use std::io::Write;

pub fn run(args: &NewArgs, today: Option<&str>) -> Result<u8> {
    let today = super::today(today)?;
    let cwd = super::start_dir(None)?;
    let ws = crate::workspace::load(&cwd, &[], today)?;
    let ids = ws.ids();

    let earlier = match &args.new_indication_of {
        None => None,
        Some(id) => match ws.with_id(id).first() {
            Some(i) => ws.files[*i].case.as_ref(),
            None => {
                let hint = crate::text::closest(id, &ids)
                    .map(|c| format!("; menade du `{c}`?"))
                    .unwrap_or_default();
                bail!("inget ärende har id `{id}`{hint}");
            }
        },
    };
    let copied = |own: &Option<String>, from: fn(&Case) -> Option<&str>| -> Option<String> {
        own.clone()
            .or_else(|| earlier.and_then(from).map(str::to_string))
    };
    let kind = match args.typ.as_str() {
        "medicinteknik" => Kind::Device,
        "kunskapsstöd" => Kind::Guideline,
        _ => Kind::Drug,
    };
    let kind = earlier.and_then(Case::kind).unwrap_or(kind);
    let track = if args.track == "regionalt" {
        Track::Regional
    } else {
        Track::National
    };
    let substance = copied(&args.substans, |c| text(&c.substans));
    let product = copied(&args.produktnamn, |c| text(&c.produktnamn));
    let owner = copied(&args.ansvarig, |c| text(&c.ansvarig));
    let prescription = args.prescription.clone().or_else(|| {
        earlier.and_then(Case::prescription).map(|p| match p {
            crate::model::Prescription::Prescription => "recept".to_string(),
            crate::model::Prescription::Requisition => "rekvisition".to_string(),
        })
    });
    if args.new_indication_of.is_some() && owner.is_none() {
        bail!("en ny indikation ska ha en namngiven ansvarig: ange --ansvarig \"Namn, roll\"");
    }
    if kind == Kind::Drug {
        if substance.is_none() {
            bail!("ett läkemedelsärende behöver en substans: ange --substans");
        }
        if prescription.is_none() {
            bail!(
                "ett läkemedelsärende behöver ett förskrivningssätt: ange --förskrivning rekvisition eller recept"
            );
        }
    }

    let id = match &args.id {
        Some(id) => {
            if let Some(i) = ws.with_id(id).first() {
                bail!(
                    "id `{id}` finns redan i {}; ordnat new skriver aldrig över ett ärende",
                    ws.files[*i].display
                );
            }
            id.clone()
        }
        None => next_id(&ids, today.year()),
    };
    let depth = ws
        .settings
        .cases_dir
        .strip_prefix(&ws.settings.root)
        .map_or(1, |rel| rel.components().count());
    let schema_path = format!("{}schemas/arende.schema.json", "../".repeat(depth));
    let case = NewCase {
        id: &id,
        kind,
        track,
        indication: &args.indikation,
        substance: substance.as_deref(),
        product: product.as_deref(),
        atc: earlier.and_then(|c| text(&c.atc)),
        company: earlier.and_then(|c| text(&c.company)),
        prescription: prescription.as_deref().filter(|_| kind == Kind::Drug),
        owner: owner.as_deref(),
        new_indication_of: args.new_indication_of.as_deref(),
        schema_path: &schema_path,
    };
    let path = ws.settings.cases_dir.join(file_name(&case));
    std::fs::create_dir_all(&ws.settings.cases_dir)
        .with_context(|| format!("kan inte skapa {}", ws.settings.cases_dir.display()))?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(
                "{} finns redan; ordnat new skriver aldrig över en fil",
                path.display()
            )
        }
        Err(e) => return Err(e).with_context(|| format!("kan inte skriva {}", path.display())),
    };
    file.write_all(crate::new_case::text(&case).as_bytes())
        .with_context(|| format!("kan inte skriva {}", path.display()))?;
    let shown = crate::read::display_path(&ws.settings.root, &path);
    let mut note = format!("skrev {shown}\n");
    if args.ansvarig.is_none() && owner.is_some() {
        note.push_str(&format!(
            "ansvarig kopierades från {}; ändra om någon annan har ärendet\n",
            args.new_indication_of.as_deref().unwrap_or_default()
        ));
    }
    note.push_str(&format!(
        "nästa steg: fyll i avsnitten i tur och ordning; `ordnat checklist {id}` visar vad som återstår\n"
    ));
    super::print(&note)?;
    Ok(0)
}

/// The next free id of `year`: one more than the highest `YEAR-NNN` in use, three digits.
fn next_id(ids: &[&str], year: i32) -> String {
    let prefix = format!("{year}-");
    let highest = ids
        .iter()
        .filter_map(|id| id.strip_prefix(&prefix))
        .filter_map(|n| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", highest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_id_follows_the_highest_of_the_year() {
        assert_eq!(
            next_id(&["2026-001", "2026-030", "2025-099"], 2026),
            "2026-031"
        );
        assert_eq!(next_id(&["2025-099"], 2026), "2026-001");
        assert_eq!(next_id(&["2026-x", "2026-009"], 2026), "2026-010");
    }
}
