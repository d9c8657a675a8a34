//! `ordnat new`: write a new case file with the next free id of the year (or `--id`), the
//! schema modeline and the sections still to come in process order. Never overwrites: a file
//! that exists, or an id that another case has, is an error and nothing is written.
//!
//! Runs at the same time in one repo get distinct ids: each holds a lock on the cases folder
//! (`lock`) while it picks an id from the ids in use (the loaded cases' and the file names',
//! listed again under the lock) and creates its file (create-new: never over a file, complete
//! or not at all, through `crate::write`); if the name is taken anyway, it tries the next id.

use crate::cli::NewArgs;
use crate::config::Settings;
use crate::model::{Case, Kind, Prescription, Track, text};
use crate::new_case::{NewCase, file_name};
use crate::workspace::Opened;
use crate::write::{self, Guard};
use anyhow::{Context, Result, bail};
use chrono::Datelike;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The lock file of `lock` where the cases folder itself cannot be locked. It is never deleted:
/// a run that deleted it while another waited for it would let a third lock a new file beside
/// the waiting one. The case finder skips it (its name starts with a dot and it is no `.yaml`).
const LOCK_FILE: &str = ".ordnat-new.lock";

/// How many ids after the first free one are tried when a file appears under the chosen name
/// (made by something that does not take the lock).
const ATTEMPTS: u32 = 100;

pub fn run(args: &NewArgs, today: Option<&str>) -> Result<u8> {
    let today = super::today(today)?;
    if let Some(id) = &args.id
        && !crate::model::is_case_id(id)
    {
        bail!(
            "--id `{}` är inget ärende-id: ett id skrivs ÅÅÅÅ-NNN, året och ett nummer med minst \
             tre siffror, t.ex. {}-031. Utan --id får ärendet nästa lediga id",
            id.escape_debug(),
            today.year()
        );
    }
    let cwd = super::start_dir(None)?;
    let repo = crate::workspace::open(&cwd, &[], today)?;
    let known = known(&repo, args.new_indication_of.as_deref());
    let mut ids: Vec<&str> = known.iter().filter_map(|k| k.id.as_deref()).collect();
    ids.sort_unstable();
    ids.dedup();
    let with_id = |id: &str| known.iter().find(|k| k.id.as_deref() == Some(id.trim()));

    let earlier = match &args.new_indication_of {
        None => None,
        Some(id) => match with_id(id) {
            Some(k) => k.case.as_deref(),
            None => {
                let hint = crate::text::closest(id, &ids)
                    .map(|c| format!("; menade du `{c}`?"))
                    .unwrap_or_default();
                bail!("inget ärende har id `{}`{hint}", id.escape_debug());
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
    let prescription = match args.prescription.as_deref() {
        Some("recept") => Some(Prescription::Prescription),
        Some(_) => Some(Prescription::Requisition),
        None => earlier.and_then(Case::prescription),
    };
    if args.new_indication_of.is_some() && owner.is_none() {
        bail!("en ny indikation ska ha en namngiven ansvarig: ange --ansvarig \"Namn, roll\"");
    }
    // A device or a guideline has neither a substance nor a way of prescription.
    let not_a_drug = match kind {
        Kind::Drug => None,
        Kind::Device => Some((
            "en medicinteknisk produkt",
            "ange produktens namn med --produktnamn",
        )),
        Kind::Guideline => Some((
            "ett kunskapsstöd",
            "ange kunskapsstödets titel med --indikation",
        )),
    };
    if let Some((what, instead)) = not_a_drug {
        if args.substans.is_some() {
            bail!(
                "{what} har ingen substans: ta bort --substans och {instead} (eller ange --typ \
                 läkemedel om ärendet gäller ett läkemedel)"
            );
        }
        if args.prescription.is_some() {
            bail!(
                "{what} har inget förskrivningssätt: ta bort --förskrivning (eller ange --typ \
                 läkemedel om ärendet gäller ett läkemedel)"
            );
        }
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

    let settings = &repo.settings;
    let depth = settings
        .cases_dir
        .strip_prefix(&settings.root)
        .map_or(1, |rel| rel.components().count());
    let schema_path = format!("{}schemas/arende.schema.json", "../".repeat(depth));
    // The file name and the text for an id.
    let render = |id: &str| -> Result<(String, String)> {
        let case = NewCase {
            id,
            kind,
            track,
            indication: &args.indikation,
            substance: substance.as_deref(),
            product: product.as_deref(),
            atc: earlier.and_then(|c| text(&c.atc)),
            company: earlier.and_then(|c| text(&c.company)),
            prescription: prescription.filter(|_| kind == Kind::Drug),
            owner: owner.as_deref(),
            // The earlier case's id as its file has it (`--ny-indikation-för` may have spaces).
            new_indication_of: earlier.and_then(|c| text(&c.id)),
            schema_path: &schema_path,
        };
        let text = crate::new_case::text(&case).context("kan inte skriva ärendets text")?;
        Ok((file_name(&case), text))
    };
    let guard = Guard::for_repo(&settings.root, &settings.cases_dir);
    let lock = lock(&guard, &settings.cases_dir)?;
    let taken = taken(&known, settings);
    let shown = |path: &Path| crate::read::display_path(&settings.root, path);
    let mut id = match &args.id {
        Some(id) => {
            if let Some(k) = with_id(id) {
                bail!(
                    "id `{id}` finns redan i {}; ordnat new skriver aldrig över ett ärende",
                    k.display
                );
            }
            let path = settings.cases_dir.join(render(id)?.0);
            if let Some(other) = taken.get(id.as_str()).filter(|p| **p != path) {
                bail!(
                    "id `{id}` finns redan i filnamnet {}; ordnat new ger aldrig två ärenden samma id",
                    shown(other)
                );
            }
            id.clone()
        }
        None => next_id(taken.keys().map(String::as_str), today.year()),
    };
    let mut attempts = 0;
    let path = loop {
        let (name, bytes) = render(&id)?;
        let path = settings.cases_dir.join(name);
        match write::create_new(&guard, &path, bytes.as_bytes()) {
            Ok(()) => break path,
            Err(write::Error::Exists(_)) if args.id.is_none() && attempts < ATTEMPTS => {
                attempts += 1;
                id = following(&id);
            }
            Err(write::Error::Exists(_)) => bail!(
                "{} finns redan; ordnat new skriver aldrig över en fil",
                shown(&path)
            ),
            Err(e) => return Err(e.into()),
        }
    };
    drop(lock);
    let mut note = format!("skrev {}\n", shown(&path));
    if args.ansvarig.is_none() && owner.is_some() {
        note.push_str(&format!(
            "ansvarig kopierades från {}; ändra om någon annan har ärendet\n",
            earlier.and_then(|c| text(&c.id)).unwrap_or_default()
        ));
    }
    note.push_str(&format!(
        "nästa steg: fyll i avsnitten i tur och ordning; `ordnat checklist {id}` visar vad som återstår\n"
    ));
    super::print(&note)?;
    Ok(0)
}

/// Waits for, and takes, the exclusive lock that serialises `ordnat new` runs in one repo;
/// released when the returned file is dropped (or the run ends, however it ends).
///
/// On Unix the lock is taken on the cases folder itself (`flock` on the folder), which leaves
/// nothing behind in the repo: no file for `git status` to show or for someone to commit.
/// Where a folder cannot be locked (Windows cannot open one as a file; over NFS an exclusive
/// lock needs a handle open for writing, which a folder never is), the lock is taken on a lock
/// file in the folder (`LOCK_FILE`). Runs on one file system all take the same way.
fn lock(guard: &Guard, cases_dir: &Path) -> Result<std::fs::File> {
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(cases_dir)
        && folder.lock().is_ok()
    {
        return Ok(folder);
    }
    lock_file(guard, cases_dir)
}

/// The lock on `LOCK_FILE` in the cases folder, the file created when it is missing.
fn lock_file(guard: &Guard, cases_dir: &Path) -> Result<std::fs::File> {
    let path = cases_dir.join(LOCK_FILE);
    let what = || format!("kan inte låsa {}", path.display());
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if !meta.is_file() => bail!(
            "{} är ingen vanlig fil; ta bort den så skapar ordnat new en ny",
            path.display()
        ),
        Ok(_) => {}
        Err(_) => match write::create_new(guard, &path, b"") {
            // Another run made it first.
            Ok(()) | Err(write::Error::Exists(_)) => {}
            Err(e) => return Err(e).with_context(what),
        },
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .with_context(what)?;
    file.lock().with_context(what)?;
    Ok(file)
}

/// What `new` needs of a case of the repo: its id, its file, and the case itself only when it
/// is the one `--ny-indikation-för` names. Each file is read and dropped (`read::read_each`),
/// so a repo of 100 000 cases is never held.
struct Known {
    id: Option<String>,
    display: String,
    path: PathBuf,
    /// Boxed: one in a hundred thousand holds a case, and an unboxed one takes its room in
    /// every entry (250 MB at 100 000 cases).
    case: Option<Box<Case>>,
}

/// Every case of `repo` as `Known`, keeping the case with the id `earlier`.
fn known(repo: &Opened, earlier: Option<&str>) -> Vec<Known> {
    crate::read::read_each(&repo.settings.root, &repo.files, |_, file| {
        let id = file
            .case
            .as_ref()
            .and_then(|c| text(&c.id))
            .map(|id| id.trim().to_string());
        let wanted = earlier.is_some_and(|e| id.as_deref() == Some(e.trim()));
        Known {
            case: file.case.filter(|_| wanted).map(Box::new),
            id,
            display: file.display,
            path: file.path,
        }
    })
}

/// Every id in use and a file that has it: the ids of the loaded cases, and the id that each
/// case file's name starts with, listed now (under the lock), which includes the files that
/// other runs created since the repo was loaded.
fn taken(known: &[Known], settings: &Settings) -> BTreeMap<String, PathBuf> {
    let mut taken = BTreeMap::new();
    for k in known {
        if let Some(id) = &k.id {
            taken.insert(id.clone(), k.path.clone());
        }
    }
    for found in crate::workspace::find(&settings.root, &settings.cases_dir) {
        let name = found.path.file_name().map(|n| n.to_string_lossy());
        if let Some(id) = name.as_deref().and_then(id_of_name) {
            taken
                .entry(id.to_string())
                .or_insert_with(|| found.path.clone());
        }
    }
    taken
}

/// The id that a case file's name starts with: `2026-014` of `2026-014-exempelmab.yaml` and of
/// `2026-014.yaml`.
fn id_of_name(name: &str) -> Option<&str> {
    let end = name.find(['.', '-']).and_then(|year_end| {
        let rest = &name[year_end + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        Some(year_end + 1 + digits).filter(|_| name.as_bytes().get(year_end) == Some(&b'-'))
    })?;
    let id = &name[..end];
    crate::model::is_case_id(id).then_some(id)
}

/// The id after `id`: the next number of the same year (`2026-009` → `2026-010`).
fn following(id: &str) -> String {
    let (year, number) = id.split_once('-').unwrap_or((id, "0"));
    let next = number.parse::<u64>().map_or(1, |n| n.saturating_add(1));
    format!("{year}-{next:03}")
}

/// The next free id of `year`: one more than the highest `YEAR-NNN` in use, three digits.
fn next_id<'a>(ids: impl IntoIterator<Item = &'a str>, year: i32) -> String {
    let prefix = format!("{year}-");
    let highest = ids
        .into_iter()
        .filter(|id| crate::model::is_case_id(id))
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
            next_id(["2026-001", "2026-030", "2025-099"], 2026),
            "2026-031"
        );
        assert_eq!(next_id(["2025-099"], 2026), "2026-001");
        assert_eq!(next_id(["2026-x", "2026-009"], 2026), "2026-010");
        assert_eq!(next_id(["2026-999"], 2026), "2026-1000");
        assert_eq!(following("2026-009"), "2026-010");
    }

    #[test]
    fn the_lock_excludes_a_second_holder_until_it_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let guard = Guard::for_repo(dir.path(), dir.path());
        let folder = dir.path().to_path_buf();
        let file = dir.path().join(LOCK_FILE);
        #[cfg(unix)]
        let ways: [(LockFn, &Path); 2] = [(lock, &folder), (lock_file, &file)];
        #[cfg(not(unix))]
        let ways: [(LockFn, &Path); 1] = [(lock_file, &file)];
        for (lock, locked) in ways {
            let held = lock(&guard, &folder).expect("lock");
            // Another open of what is locked is another holder, as another run is.
            let other = std::fs::File::open(locked).expect("open");
            assert!(
                other.try_lock().is_err(),
                "{locked:?}: a second holder got it"
            );
            drop(held);
            assert!(other.try_lock().is_ok(), "{locked:?}: not released");
        }
    }

    type LockFn = fn(&Guard, &Path) -> Result<std::fs::File>;

    #[test]
    fn a_file_name_starts_with_its_id() {
        assert_eq!(id_of_name("2026-014-exempelmab.yaml"), Some("2026-014"));
        assert_eq!(id_of_name("2026-014.yaml"), Some("2026-014"));
        assert_eq!(id_of_name("2026-1000-x.yml"), Some("2026-1000"));
        assert_eq!(id_of_name("2026-01-x.yaml"), None);
        assert_eq!(id_of_name("x-2026-014.yaml"), None);
        assert_eq!(id_of_name("20261-014.yaml"), None);
        assert_eq!(id_of_name("anteckning.yaml"), None);
    }
}
