//! Documents for people to read: the report's sections, the agenda, a decision brief, the
//! minutes. A document is a head and numbered sections of blocks (paragraphs, fields, lists,
//! tables, figures) of plain text; one writer per format draws them (`markdown`, `html`,
//! `terminal`, `docx`), each escaping every text for its format. What a document says is
//! decided where it is made; how it looks, here.
//!
//! May use: `text` (the sanitiser, tables, wrapping).

pub mod cells;
pub mod chart;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod terminal;

pub use crate::text::table::Table;
use std::io::{self, Write};

/// The head of a document: its title and the lines under it.
#[derive(Debug, Clone)]
pub struct Head {
    pub title: String,
    /// The title of the HTML page (the browser's tab): the title and what tells documents of
    /// one kind apart, such as the meeting's date.
    pub page_title: String,
    pub lines: Vec<String>,
    /// The warning shown above everything, when the document holds confidential values.
    pub confidential: Option<String>,
}

/// One section of a document.
#[derive(Debug, Clone)]
pub struct Section {
    /// The section's anchor in the HTML page (`#redo`); unique within the document.
    pub anchor: String,
    /// The section's number as shown before its heading (`3.`, `§ 5`), written as it is.
    pub number: Option<String>,
    pub heading: String,
    /// How many items the section lists, shown after the heading; `None` for none shown.
    pub count: Option<usize>,
    /// What the section is, one sentence, shown small above its blocks.
    pub intro: Option<String>,
    pub blocks: Vec<Block>,
    /// The one line shown instead of the intro and the blocks when the section has nothing.
    pub empty: Option<String>,
}

impl Section {
    /// The heading as one line: the number, then the heading.
    pub fn numbered_heading(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.heading),
            None => self.heading.clone(),
        }
    }

    /// A section with a heading and nothing in it yet.
    pub fn new(anchor: impl Into<String>, heading: impl Into<String>) -> Section {
        Section {
            anchor: anchor.into(),
            number: None,
            heading: heading.into(),
            count: None,
            intro: None,
            blocks: Vec::new(),
            empty: None,
        }
    }
}

/// A part of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// A sub-heading within the section.
    Heading(String),
    /// A paragraph of text.
    Paragraph(String),
    /// A paragraph in small print: a note after a table.
    Note(String),
    /// Labelled values, one per line: `Diarienummer: RS 2026/0412`.
    Fields(Vec<(String, String)>),
    /// A bulleted list.
    List(Vec<String>),
    /// A table; its caption, when it has one, is its sub-heading.
    Table(Table),
    /// Lines to sign on: a place for a signature, with the name or role printed under it.
    Signatures(Vec<String>),
    /// A figure only a page can show (an inline SVG chart, already escaped); the other
    /// formats leave it out.
    Figure(maud::PreEscaped<String>),
}

/// What a writer writes, as text: for the tests, and for a command run in-process.
pub fn render(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and every format writes UTF-8.
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
