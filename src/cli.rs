//! The command line: clap types only: commands, options and their Swedish help texts.
//! May use: `emit` (the names of the output formats), `init` (the names of the templates).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// ordnat: kontrollerar och sammanställer ärenden i ordnat införande av läkemedel,
/// medicinteknik och kunskapsstöd.
#[derive(Debug, Parser)]
#[command(name = "ordnat", version, about, long_about = None, disable_help_subcommand = true)]
pub struct Cli {
    /// Dagens datum (ÅÅÅÅ-MM-DD) för regler som beror på datum; standard är systemets datum.
    #[arg(long, global = true, env = "ORDNAT_TODAY", value_name = "DATUM")]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kontrollera ärendefilerna mot formatet och processens regler.
    Check(CheckArgs),
    /// Lista alla regler.
    Rules {
        /// Utdataformat.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Förklara en regel: vad den kontrollerar, varför och källan.
    Explain {
        /// Regelns namn, t.ex. `consequence-description`.
        #[arg(value_name = "REGEL")]
        rule: String,
    },
    /// Skriv ut JSON Schema för en ärendefil (eller för ordnat.toml med --config).
    Schema {
        /// Schemat för ordnat.toml i stället för en ärendefil.
        #[arg(long)]
        config: bool,
    },
    /// Kommittérapport inför ett möte: redo, blockerade, väntar på beslut, uppföljningar,
    /// nationella rekommendationer, kommande, ändrat sedan förra mötet, budget, ledtider.
    Report(ReportArgs),
    /// Alla ärenden, ett per rad: fas, nästa steg, vem som ansvarar, dagar i fasen, fel.
    Status(StatusArgs),
    /// Visa ett ärendes väg genom processen: klara steg med datum och vem, öppna steg med
    /// ansvarig och vad som saknas.
    Checklist(ChecklistArgs),
    /// Skapa ett nytt ärenderepo: ordnat.toml, cases/, scheman, editorinställningar och CI.
    /// Det som redan finns lämnas orört; bara det som saknas skapas.
    Init(InitArgs),
    /// Skapa en ny ärendefil med nästa lediga id och avsnitten i processens ordning.
    New(NewArgs),
    /// Registrera ett steg i ett ärende (t.ex. kommitténs rekommendation eller beslutet) utan
    /// att redigera YAML för hand; filen kontrolleras med hela repot innan den skrivs.
    Record(RecordArgs),
    /// Beslutsunderlag (tjänsteskrivelse) för ett ärende, eller för ärendena vid ett möte: förslag
    /// till beslut, sammanfattning, ärendet, bakgrund, konsekvensbeskrivning, synpunkter,
    /// kommitténs rekommendation, uppföljning och öppna fynd; med --delegationsbeslut ett utkast
    /// till beslutet för beslutsfattarens underskrift.
    Brief(BriefArgs),
    /// Dagordningen för ett kommittémöte: formalia, ärenden för rekommendation, ärenden som
    /// inte är klara, punkter för kännedom och övriga frågor, numrerade med §.
    Agenda(AgendaArgs),
    /// Protokollsutkast för ett kommittémöte: dagordningens punkter med samma §-nummer och
    /// kommitténs rekommendation i varje ärende, som den är registrerad.
    Minutes(AgendaArgs),
    /// En kalenderfil (iCalendar, .ics) med det som förfaller: kommitténs möten, synpunkter som
    /// ska in före mötet, uppföljningar, omprövningar, avtal som upphör och väntade beslut.
    Calendar(CalendarArgs),
    /// Starta språkservern (LSP) på standard in och ut, för editorer.
    Lsp,
    /// Skriv ut skalkomplettering för ordnat.
    Completions {
        /// Skalet.
        #[arg(value_enum, value_name = "SKAL")]
        shell: clap_complete::Shell,
    },
    /// Skriv ut manualsidan (man-format) för ordnat eller ett av dess kommandon.
    Man {
        /// Kommandot vars manualsida ska skrivas ut; standard är ordnat självt.
        #[arg(value_name = "KOMMANDO")]
        command: Option<String>,
    },
    /// Visa hjälpen för ordnat eller för ett kommando.
    Help {
        /// Kommandot att visa hjälpen för.
        #[arg(value_name = "KOMMANDO")]
        command: Vec<String>,
    },
}

#[derive(Debug, clap::Args)]
pub struct ChecklistArgs {
    /// Ärendets id (t.ex. 2026-014) eller sökvägen till ärendefilen.
    #[arg(
        value_name = "ÄRENDE",
        required_unless_present = "meeting",
        conflicts_with = "meeting"
    )]
    pub case: Option<String>,

    /// Checklistorna för ärendena vid kommitténs möte detta datum: de som kommittén behandlade
    /// då, och (för ett möte i dag eller senare) de som är på väg dit: kommittésteget återstår
    /// och konsekvensbeskrivningen är klar eller påbörjad (utom vilande, avslutade och
    /// återkallade ärenden).
    #[arg(long, alias = "möte", value_name = "DATUM")]
    pub meeting: Option<String>,

    /// Utdataformat.
    #[arg(long, value_enum, default_value_t = ChecklistFormat::Terminal)]
    pub format: ChecklistFormat,

    /// Visa sekretessbelagda uppgifter (`sekretess`); utskriften säger det överst.
    #[arg(long = "visa-sekretess")]
    pub show_confidential: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    /// För terminalen: ☑ och ☐.
    Terminal,
    /// En uppgiftslista i Markdown (GitHub/GitLab) att klistra in i ett ärende eller protokoll.
    Markdown,
    /// JSON med stabila fältnamn.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct BriefArgs {
    /// Ärendets id (t.ex. 2026-007) eller sökvägen till ärendefilen.
    #[arg(
        value_name = "ÄRENDE",
        required_unless_present = "meeting",
        conflicts_with = "meeting"
    )]
    pub case: Option<String>,

    /// Beslutsunderlagen för ärendena vid kommitténs möte detta datum: de som är redo för mötet
    /// och de som kommittén behandlade då, i id-ordning.
    #[arg(long, alias = "möte", value_name = "DATUM")]
    pub meeting: Option<String>,

    /// Skriv delegationsbeslutet (ett utkast till beslutet för beslutsfattarens underskrift) i
    /// stället för beslutsunderlaget.
    #[arg(long = "delegationsbeslut")]
    pub delegation: bool,

    /// Utdataformat; standard är efter filändelsen i --output, annars `markdown`.
    #[arg(long, value_enum)]
    pub format: Option<DocumentFormat>,

    /// Skriv till en fil i stället för till standard ut.
    #[arg(long, short = 'o', value_name = "FIL", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,

    /// Skriv en fil per ärende i MAPP (`beslutsunderlag-ID.md` eller `delegationsbeslut-ID.md`,
    /// med ändelsen efter --format); mappen skapas om den saknas.
    #[arg(long = "output-dir", value_name = "MAPP")]
    pub output_dir: Option<PathBuf>,

    /// Visa sekretessbelagda uppgifter och räkna budgeten med pris efter rabatt; varje sida
    /// säger då överst att den innehåller sekretess.
    #[arg(long = "visa-sekretess")]
    pub confidential: bool,
}

#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// Ärendets id (t.ex. 2026-007) eller sökvägen till ärendefilen.
    #[arg(value_name = "ÄRENDE")]
    pub case: String,

    /// Steget: underlag, samverkan, tlv, rekommendation, registrering, konsekvensbeskrivning,
    /// synpunkt, kommitté, beslut, införande, uppföljning eller undantag.
    #[arg(value_name = "STEG")]
    pub step: String,

    /// Visa ändringen som en diff och skriv ingenting.
    #[arg(long = "dry-run")]
    pub dry_run: bool,

    /// Stegets fält som `--fält värde` (t.ex. `--möte 2026-12-03 --rekommendation införa`);
    /// nycklarna i ärendefilen, med bindestreck för understreck (`--beslutad-av`).
    #[arg(
        value_name = "--FÄLT VÄRDE",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 0..
    )]
    pub fields: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Vad ärendet gäller.
    #[arg(long, value_name = "TYP", default_value = "läkemedel", value_parser = ["läkemedel", "medicinteknik", "kunskapsstöd"])]
    pub typ: String,

    /// Nationellt (NT-rådet, MTP-rådet, nationellt kunskapsstöd) eller regionalt införande.
    #[arg(long = "spår", alias = "spar", value_name = "SPÅR", default_value = "nationellt", value_parser = ["nationellt", "regionalt"])]
    pub track: String,

    /// Indikation eller användningsområde (krävs). Med --ny-indikation-för är det den nya
    /// indikationen; den kopieras inte från det tidigare ärendet.
    #[arg(long, value_name = "TEXT")]
    pub indikation: String,

    /// Läkemedlets substans (krävs för läkemedel, utom med --ny-indikation-för, som kopierar den; medicinteknik och kunskapsstöd har ingen).
    #[arg(long, value_name = "TEXT")]
    pub substans: Option<String>,

    /// Produktens handelsnamn.
    #[arg(long, value_name = "TEXT")]
    pub produktnamn: Option<String>,

    /// Förskrivningssätt (krävs för läkemedel, utom med --ny-indikation-för, som kopierar det; medicinteknik och kunskapsstöd har inget).
    #[arg(long = "förskrivning", alias = "forskrivning", value_name = "SÄTT", value_parser = ["rekvisition", "recept"])]
    pub prescription: Option<String>,

    /// Ärendets ansvariga handläggare (namn, roll).
    #[arg(long, value_name = "TEXT")]
    pub ansvarig: Option<String>,

    /// En ny indikation för läkemedlet i ärendet ID: kopierar läkemedlets uppgifter därifrån och
    /// länkar dit.
    #[arg(
        long = "ny-indikation-för",
        alias = "ny-indikation-for",
        value_name = "ID"
    )]
    pub new_indication_of: Option<String>,

    /// Ärendets id; standard är nästa lediga för året (ÅÅÅÅ-NNN).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Mappen som ska bli ärenderepo; standard är aktuell mapp.
    #[arg(value_name = "MAPP")]
    pub dir: Option<PathBuf>,

    /// Regionens process att utgå från (ordnat.toml).
    #[arg(long, value_name = "MALL", default_value = "halland", value_parser = templates())]
    pub mall: String,
}

/// The values of `init --mall`: the templates' registry.
fn templates() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::init::TEMPLATES.iter().map(|t| {
        clap::builder::PossibleValue::new(t.name)
            .aliases(t.aliases.iter().copied())
            .help(t.help)
    }))
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Filer eller mappar att kontrollera; standard är ärendemappen i ordnat.toml.
    #[arg(value_name = "SÖKVÄG")]
    pub paths: Vec<PathBuf>,

    /// Utdataformat; standard är `github` när GITHUB_ACTIONS=true, annars `human` på en
    /// terminal och `concise` i övrigt.
    #[arg(long, value_name = "FORMAT", value_parser = check_formats())]
    pub format: Option<String>,

    /// Skriv rapporten (i --format, standard `concise`) till FIL; på standard ut kommer då
    /// fynden och sammanfattningen i standardformatet. Slutkoden är densamma.
    #[arg(long, value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Rapportera bara ärendefiler som ändrats sedan git-revisionen REV (tillagda, ändrade,
    /// omdöpta och nya ospårade filer); regler över flera filer läser ändå hela repot. Har
    /// ordnat.toml ändrats rapporteras alla ärenden.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,

    /// Rätta det som är säkert i ärendefilerna och rapportera sedan de fynd som återstår:
    /// en felstavad nyckel eller ett felstavat ord med ett enda förslag (även utan å, ä, ö),
    /// `480 000` → `480000`, citattecken runt en text med kommatecken inom `{ … }`,
    /// `rekommendation:` → listan `rekommendationer:`. Bara de rättade tecknen ändras.
    #[arg(long)]
    pub fix: bool,

    /// Visa det som `--fix` skulle rätta som en unified diff i stället för fynden, utan att
    /// skriva något (även tillsammans med `--fix`); slutkod 1 när något skulle rättas.
    #[arg(long, conflicts_with_all = ["output", "format"])]
    pub diff: bool,

    /// Gör en regel till fel; `-D warnings` gör alla varningar till fel.
    #[arg(short = 'D', long = "deny", value_name = "REGEL")]
    pub deny: Vec<String>,

    /// Gör en regel till varning.
    #[arg(short = 'W', long = "warn", value_name = "REGEL")]
    pub warn: Vec<String>,

    /// Stäng av en regel.
    #[arg(short = 'A', long = "allow", value_name = "REGEL")]
    pub allow: Vec<String>,
}

/// The values of `check --format`: the emitters' registry.
fn check_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::emit::FORMATS
            .iter()
            .map(|f| clap::builder::PossibleValue::new(f.name).help(f.help)),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// En tabell per grupp för terminalen.
    Table,
    /// Markdown-tabeller per grupp (som i README).
    Markdown,
    /// JSON.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Mötet (ÅÅÅÅ-MM-DD); standard är nästa möte i ordnat.toml på eller efter dagens datum.
    #[arg(long, alias = "möte", value_name = "DATUM")]
    pub meeting: Option<String>,

    /// Utdataformat; standard är efter filändelsen i --output, annars `table` på en terminal
    /// och `markdown` i övrigt.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Skriv rapporten till en fil i stället för till standard ut.
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Visa sekretessbelagda uppgifter (och räkna budgeten med pris efter rabatt); rapporten
    /// säger då överst att den innehåller sekretess.
    #[arg(long = "visa-sekretess")]
    pub confidential: bool,

    /// Skriv den publika beslutslistan i stället för kommittérapporten: en rad per nationell
    /// rekommendation med regionens beslut och dagar per steg, utan sekretess, namn och
    /// anteckningar. Gäller alla ärenden (inga urval).
    #[arg(
        long,
        alias = "publik",
        conflicts_with_all = ["confidential", "meeting", "klinik", "typ", "fas", "ansvarig"]
    )]
    pub public: bool,
}

#[derive(Debug, clap::Args)]
pub struct AgendaArgs {
    /// Mötet (ÅÅÅÅ-MM-DD); standard är för dagordningen nästa möte i ordnat.toml på eller
    /// efter dagens datum, för protokollet det senaste mötet på eller före dagens datum.
    #[arg(long, alias = "möte", value_name = "DATUM")]
    pub meeting: Option<String>,

    /// Numret på första punkten (§); standard 1.
    #[arg(
        long = "första-paragraf",
        alias = "forsta-paragraf",
        value_name = "N",
        default_value_t = 1,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub first: u32,

    /// Utdataformat; standard är efter filändelsen i --output, annars `markdown`.
    #[arg(long, value_enum)]
    pub format: Option<DocumentFormat>,

    /// Skriv dokumentet till en fil i stället för till standard ut.
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    /// Visa sekretessbelagda uppgifter (kostnaden med pris efter rabatt); dokumentet säger då
    /// överst att det innehåller uppgifter som omfattas av sekretess.
    #[arg(long = "visa-sekretess")]
    pub confidential: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Markdown.
    Markdown,
    /// En fristående HTML-sida, utskrivbar på A4.
    Html,
    /// JSON med stabila fältnamn och `version`.
    Json,
    /// Ett Word-dokument (A4) med riktiga rubriker och tabeller.
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Utdataformat; standard är efter filändelsen i --output, annars `table`.
    #[arg(long, value_enum)]
    pub format: Option<StatusFormat>,

    /// Skriv till en fil i stället för till standard ut.
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Visa sekretessbelagda uppgifter; utskriften säger då överst att den innehåller sekretess.
    #[arg(long = "visa-sekretess")]
    pub confidential: bool,

    /// Visa i stället det som förfaller inom DAGAR dagar (standard 30), försenat först och per
    /// ansvarig: synpunkter, uppföljningar, omprövningar, avtal som upphör och väntade beslut.
    #[arg(
        long,
        value_name = "DAGAR",
        num_args = 0..=1,
        default_missing_value = "30",
        conflicts_with = "confidential"
    )]
    pub due: Option<u32>,
}

#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// Behåll bara det som ägs av den här personen, rollen eller förvaltningen (en del av namnet
    /// räcker).
    #[arg(long, value_name = "TEXT")]
    pub ansvarig: Option<String>,

    /// Från och med detta datum (ÅÅÅÅ-MM-DD).
    #[arg(long = "från", alias = "fran", value_name = "DATUM")]
    pub from: Option<String>,

    /// Till och med detta datum (ÅÅÅÅ-MM-DD).
    #[arg(long = "till", value_name = "DATUM")]
    pub to: Option<String>,

    /// Skriv kalenderfilen (.ics) till en fil i stället för till standard ut.
    #[arg(long, short = 'o', value_name = "FIL")]
    pub output: Option<PathBuf>,
}

/// The filters of `report` and `status`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Bara ärenden där kliniken som bär kostnaden (`införande.kostnadsansvar`) innehåller
    /// TEXT; `okänd klinik` för ärenden utan.
    #[arg(long, value_name = "TEXT")]
    pub klinik: Option<String>,

    /// Bara ärenden av en typ.
    #[arg(long, value_enum)]
    pub typ: Option<KindArg>,

    /// Bara ärenden i fasen (t.ex. `redo-för-kommitté`); kan ges flera gånger.
    #[arg(long, value_name = "FAS")]
    pub fas: Vec<String>,

    /// Bara ärenden där handläggaren (`ansvarig`) eller den som ansvarar för nästa steg
    /// innehåller TEXT.
    #[arg(long, value_name = "TEXT")]
    pub ansvarig: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    #[value(name = "läkemedel", alias = "lakemedel")]
    Drug,
    #[value(name = "medicinteknik")]
    Device,
    #[value(name = "kunskapsstöd", alias = "kunskapsstod")]
    Guideline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tabeller för terminalen (100 kolumner).
    Table,
    /// Markdown, t.ex. som bilaga till dagordningen.
    Markdown,
    /// En rad per ärende, semikolonseparerad med BOM för Excel.
    Csv,
    /// JSON med stabila fältnamn och `version`.
    Json,
    /// En fristående HTML-sida med diagram, utskrivbar på A4.
    Html,
    /// En arbetsbok för Excel: ett försättsblad och ett blad per avsnitt (till en fil).
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// En tabell för terminalen, ett ärende per rad (`text` går också).
    #[value(alias = "text")]
    Table,
    /// Markdown (bara med --due), t.ex. att klistra in i ett e-brev.
    Markdown,
    /// En rad per ärende, semikolonseparerad med BOM för Excel.
    Csv,
    /// JSON med stabila fältnamn och `version`.
    Json,
}
