//! What `ordnat init` writes into a new case repo, as data: the region's `ordnat.toml` (one of
//! the regional templates in `examples/`, compiled in), the cases folder, both JSON Schemas,
//! the editor settings that map the schema onto the case files, a CI workflow that runs
//! `ordnat check` on every push and every weekday morning, and a `.gitignore`. Writing what is
//! missing (and leaving what exists alone) is the command's job.
//!
//! May use: `schema`.

/// A regional process to start from: the value of `--mall`, what it is, and its `ordnat.toml`.
pub struct Template {
    pub name: &'static str,
    /// Other spellings `--mall` takes: the region's name as Swedish spells it (`skåne`).
    pub aliases: &'static [&'static str],
    /// Swedish, for `--help`.
    pub help: &'static str,
    pub toml: &'static str,
}

/// The templates, the default first. Each is also an example in `examples/`.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "halland",
        aliases: &[],
        help: "Region Halland: PER rekommenderar, Hälso- och sjukvårdsdirektören beslutar (standard).",
        toml: include_str!("../examples/ordnat-halland.toml"),
    },
    Template {
        name: "vastmanland",
        aliases: &["västmanland"],
        help: "Region Västmanland: läkemedelskommittén; kostnaden belastar förskrivande klinik.",
        toml: include_str!("../examples/ordnat-vastmanland.toml"),
    },
    Template {
        name: "skane",
        aliases: &["skåne"],
        help: "Region Skåne: Läkemedelsrådet; kostsam terapi över 100 000 kr per patient och år.",
        toml: include_str!("../examples/ordnat-skane.toml"),
    },
    Template {
        name: "kunskapsstyrning",
        aliases: &[],
        help: "Kunskapsstyrningsråd beslutar, LSG Läkemedel bereder (regionen i revisionssvaret).",
        toml: include_str!("../examples/ordnat-kunskapsstyrning.toml"),
    },
];

/// The template with this name, or one of its other spellings.
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES
        .iter()
        .find(|t| t.name == name || t.aliases.contains(&name))
}

/// The folder for the case files, as every template names it.
pub const CASES_DIR: &str = "cases";

/// The empty file that keeps a new, empty cases folder in git (git keeps no empty folders);
/// written only with the folder.
pub const KEEP_FILE: &str = ".gitkeep";

/// One thing `init` creates: a path relative to the new repo, what it is for (Swedish), and
/// its text (`None` for a folder, created with a `KEEP_FILE` in it).
pub struct Target {
    pub path: String,
    pub what: &'static str,
    pub text: Option<String>,
}

/// Everything `init` creates, in the order it is written and listed; the case files go in
/// `cases` (relative to the repo).
pub fn targets(template: &Template, cases: &str) -> Vec<Target> {
    let target = |path: &str, what, text| Target {
        path: path.to_string(),
        what,
        text,
    };
    vec![
        target(
            "ordnat.toml",
            "regionens process: kommitté, möten, beslutsfattare, förvaltningar",
            Some(template.toml.to_string()),
        ),
        target(cases, "ärendefilerna, en YAML-fil per ärende", None),
        target(
            "schemas/arende.schema.json",
            "JSON Schema för ärendefilerna (komplettering och kontroll i editorn)",
            Some(crate::schema::to_text(crate::schema::case_schema())),
        ),
        target(
            "schemas/ordnat.schema.json",
            "JSON Schema för ordnat.toml",
            Some(crate::schema::to_text(&crate::schema::config_schema())),
        ),
        target(
            ".vscode/settings.json",
            "VS Code: schemat kopplat till ärendefilerna (YAML-tillägget)",
            Some(include_str!("../examples/vscode-settings.json").to_string()),
        ),
        target(
            ".github/workflows/ordnat.yml",
            "CI: kör `ordnat check` vid varje push och varje vardag morgon",
            Some(include_str!("../examples/github-actions.yml").to_string()),
        ),
        target(
            ".gitignore",
            "editorernas och operativsystemens tillfälliga filer",
            Some(GITIGNORE.to_string()),
        ),
    ]
}

const GITIGNORE: &str = "\
# Tillfälliga filer från editorer och kontorsprogram
*~
*.swp
.~lock.*#
~$*
# Operativsystemens filer
.DS_Store
Thumbs.db
";

/// What to do after `init`, in Swedish.
pub const NEXT_STEPS: &str = "\
Nästa steg:
  1. Gå igenom ordnat.toml: regionens namn, förvaltningarna, kommitténs möten och
     beslutsfattarna.
  2. Skapa det första ärendet med ordnat new, t.ex.
       ordnat new --substans exempelmab --förskrivning rekvisition \\
         --indikation \"Icke-småcellig lungcancer, andra linjen\" --ansvarig \"Namn, roll\"
     Filen får nästa lediga id och de kommande avsnitten bortkommenterade i processens
     ordning.
  3. `ordnat checklist 2026-001` visar vad som är gjort och vad som återstår, med vem som
     ansvarar och vilka fält som saknas; `ordnat check` kontrollerar alla ärenden.
  4. Ange ordnat-repots git-adress som variabeln ORDNAT_GIT i repots inställningar på
     GitHub (.github/workflows/ordnat.yml installerar ordnat därifrån), och lägg repot
     under git: git init && git add . && git commit -m \"Ärenderepo för ordnat införande\"
     Flödet kör ordnat check vid varje push och varje vardag morgon, så att datumreglerna
     (t.ex. en försenad uppföljning) slår till även när ingen fil ändras.
  5. På GitLab i stället: kopiera examples/gitlab-ci.yml från ordnat-repot till
     .gitlab-ci.yml. GitLab läser inga scheman ur filen: lägg till ett under Build →
     Pipeline schedules (t.ex. 0 6 * * 1-5, Europe/Stockholm, huvudgrenen).
";
