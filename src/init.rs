//! What `ordnat init` writes into a new case repo, as data: the region's `ordnat.toml` (one of
//! the regional templates in `examples/`, compiled in), the cases folder, both JSON Schemas,
//! the editor settings that map the schema onto the case files, a CI workflow that runs
//! `ordnat check`, and a `.gitignore`. Writing them (and refusing to overwrite) is the
//! command's job.
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

/// One thing `init` creates: a path relative to the new repo, what it is for (Swedish), and
/// its text (`None` for a folder).
pub struct Target {
    pub path: &'static str,
    pub what: &'static str,
    pub text: Option<String>,
}

/// Everything `init` creates, in the order it is written and listed.
pub fn targets(template: &Template) -> Vec<Target> {
    vec![
        Target {
            path: "ordnat.toml",
            what: "regionens process: kommitté, möten, beslutsfattare, förvaltningar",
            text: Some(template.toml.to_string()),
        },
        Target {
            path: CASES_DIR,
            what: "ärendefilerna, en YAML-fil per ärende",
            text: None,
        },
        Target {
            path: "cases/.gitkeep",
            what: "håller den tomma ärendemappen i git",
            text: Some(String::new()),
        },
        Target {
            path: "schemas/arende.schema.json",
            what: "JSON Schema för ärendefilerna (komplettering och kontroll i editorn)",
            text: Some(crate::schema::to_text(crate::schema::case_schema())),
        },
        Target {
            path: "schemas/ordnat.schema.json",
            what: "JSON Schema för ordnat.toml",
            text: Some(crate::schema::to_text(&crate::schema::config_schema())),
        },
        Target {
            path: ".vscode/settings.json",
            what: "VS Code: schemat kopplat till ärendefilerna (YAML-tillägget)",
            text: Some(include_str!("../examples/vscode-settings.json").to_string()),
        },
        Target {
            path: ".github/workflows/ordnat.yml",
            what: "CI: kör `ordnat check` vid varje push",
            text: Some(include_str!("../examples/github-actions.yml").to_string()),
        },
        Target {
            path: ".gitignore",
            what: "redigerarnas och operativsystemens tillfälliga filer",
            text: Some(GITIGNORE.to_string()),
        },
    ]
}

const GITIGNORE: &str = "\
# Tillfälliga filer från redigerare och kontorsprogram
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
";
