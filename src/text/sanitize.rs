//! Case text is shown, never obeyed: the one place that decides how text typed by people (case
//! texts, file names, names in `ordnat.toml`) is made inert for each kind of output.
//!
//! - [`controls`]: a control character never reaches an output raw. C0 (but the line feed and
//!   tab a format keeps), DEL, C1, and the bidi overrides and isolates are shown as a visible
//!   escape, `\u{1b}`, the same in every format. Terminals, CI logs and editors obey them
//!   otherwise (`\e[2J` clears a log, OSC 52 writes to the clipboard, U+202E reverses what is
//!   read: "Trojan Source"); HTML and XML forbid most of them.
//! - [`xml`]: the same for XML text (Word documents), with the two noncharacters XML 1.0 also
//!   forbids, U+FFFE and U+FFFF.
//! - [`Json`]: a serde_json formatter that does the same inside every JSON string, so that the
//!   decoded string shows the escape too (serde's own `\u001b` decodes to the character).
//! - [`markdown`]: text that can never become a link, autolink, image, HTML or formatting in
//!   CommonMark, GFM (cmark-gfm) or markdown-it with `linkify`, and renders exactly as written.
//! - [`code_span`]: a Markdown code span that shows any text exactly.
//! - [`one_line`]: line breaks folded into a space, for formats of one line a value.

use serde_json::ser::{CharEscape, Formatter};
use std::borrow::Cow;
use std::io;

/// The layout characters a format keeps as they are; every other control is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    pub newline: bool,
    pub tab: bool,
}

impl Keep {
    /// Line feed and tab: text files, the terminal, CSV, JSON, HTML, XML.
    pub const LAYOUT: Keep = Keep {
        newline: true,
        tab: true,
    };
    /// Line feed only: a terminal table's cell, where a tab would break the columns.
    pub const NEWLINE: Keep = Keep {
        newline: true,
        tab: false,
    };
    /// Tab only: a line that must stay one line.
    pub const TAB: Keep = Keep {
        newline: false,
        tab: true,
    };
}

/// Whether `c` is shown as an escape rather than as itself.
fn hidden(c: char, keep: Keep) -> bool {
    match c {
        '\n' => !keep.newline,
        '\t' => !keep.tab,
        // C0, DEL and C1.
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi embeddings, overrides and isolates (LRE … RLO, LRI … PDI): they reorder what is
        // shown so that it differs from what is stored. rustc and annotate-snippets replace
        // the same nine; Swedish text never needs them.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Whether a byte may start a hidden character: ASCII controls, and the lead bytes of C1
/// (0xC2) and of the bidi characters (0xE2). A quick test before decoding.
fn may_hide(byte: u8) -> bool {
    byte < 0x20 || byte == 0x7f || byte == 0xc2 || byte == 0xe2
}

/// The byte offset and character of each hidden character of `s`.
pub fn hidden_chars(s: &str, keep: Keep) -> impl Iterator<Item = (usize, char)> + '_ {
    s.bytes()
        .enumerate()
        .filter(|(_, b)| may_hide(*b))
        .filter_map(move |(at, _)| {
            let c = s[at..].chars().next()?;
            hidden(c, keep).then_some((at, c))
        })
}

/// How a hidden character is shown: `\u{1b}`, as Rust writes it.
pub fn escaped(c: char) -> std::char::EscapeUnicode {
    c.escape_unicode()
}

/// `s` with every control character (but those `keep` keeps) shown as `\u{…}`; borrowed when
/// there is none, which is nearly always.
pub fn controls(s: &str, keep: Keep) -> Cow<'_, str> {
    if hidden_chars(s, keep).next().is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    controls_into(&mut out, s, keep);
    Cow::Owned(out)
}

/// [`controls`] written onto `out`: the text between escapes is copied as it is.
pub fn controls_into(out: &mut String, s: &str, keep: Keep) {
    let mut copied = 0;
    for (at, c) in hidden_chars(s, keep) {
        out.push_str(&s[copied..at]);
        out.extend(escaped(c));
        copied = at + c.len_utf8();
    }
    out.push_str(&s[copied..]);
}

/// `s` as XML 1.0 text (a Word document's): [`controls`] keeping line feed and tab, and the
/// two noncharacters that XML forbids beside them, U+FFFE and U+FFFF, shown as escapes too.
/// The markup characters (`<`, `&`) are the XML writer's to escape.
pub fn xml(s: &str) -> Cow<'_, str> {
    let shown = controls(s, Keep::LAYOUT);
    if !shown.contains(['\u{fffe}', '\u{ffff}']) {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '\u{fffe}' | '\u{ffff}' => out.extend(escaped(c)),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` on one line: each line break (`\r\n`, `\n` or `\r`) becomes a space.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.contains(['\n', '\r']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", " ").replace(['\n', '\r'], " "))
}

/// A serde_json formatter (around `F`, which lays the JSON out) that shows the control
/// characters of every string as [`controls`] does, with the escape's backslash escaped for
/// JSON: `"a\u001bb"` becomes `"a\\u{1b}b"`, which decodes to `a\u{1b}b`. Line feed and tab
/// stay JSON's `\n` and `\t`.
pub struct Json<F>(pub F);

impl<F: Formatter> Json<F> {
    fn write_escape<W: ?Sized + io::Write>(writer: &mut W, c: char) -> io::Result<()> {
        let mut buffer = [0u8; 16];
        let mut n = 0;
        for e in escaped(c) {
            // ASCII: `\`, `u`, `{`, hex digits, `}`; the backslash doubled for JSON.
            if e == '\\' {
                buffer[n] = b'\\';
                n += 1;
            }
            buffer[n] = e as u8;
            n += 1;
        }
        writer.write_all(&buffer[..n])
    }
}

impl<F: Formatter> Formatter for Json<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json hands over C0 as escapes (below); DEL, C1 and bidi come here.
        let mut copied = 0;
        for (at, c) in hidden_chars(fragment, Keep::LAYOUT) {
            writer.write_all(&fragment.as_bytes()[copied..at])?;
            Self::write_escape(writer, c)?;
            copied = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[copied..])
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        let control = match char_escape {
            CharEscape::Backspace => '\u{8}',
            CharEscape::FormFeed => '\u{c}',
            CharEscape::CarriageReturn => '\r',
            CharEscape::AsciiControl(byte) => char::from(byte),
            other => return self.0.write_char_escape(writer, other),
        };
        Self::write_escape(writer, control)
    }

    // The layout is `F`'s.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty JSON (serde_json's layout) with the control characters of its strings
/// shown ([`Json`]).
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let formatter = Json(serde_json::ser::PrettyFormatter::new());
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    // serde_json writes UTF-8.
    Ok(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()))
}

/// What a line break in Markdown text becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newline {
    /// `<br>`: a line break where one can be (a table cell, a paragraph).
    Break,
    /// A space: the text stays on its line (a list item, a heading).
    Space,
}

/// What an ASCII byte of Markdown text is written as, when not as itself, at byte `at` of `s`
/// (`digits`: how many ASCII digits `s` starts with).
fn markdown_replacement(
    s: &[u8],
    at: usize,
    digits: usize,
    newline: Newline,
) -> Option<&'static str> {
    let next = s.get(at + 1).copied();
    Some(match s[at] {
        b'\n' => match newline {
            Newline::Break => "<br>",
            Newline::Space => " ",
        },
        // Everything that can start inline markup, HTML, an entity, a table cell's end, a
        // heading or math; CommonMark takes a backslash before any ASCII punctuation.
        b'\\' => "\\\\",
        b'`' => "\\`",
        b'*' => "\\*",
        b'_' => "\\_",
        b'[' => "\\[",
        b']' => "\\]",
        b'<' => "\\<",
        b'>' => "\\>",
        b'&' => "\\&",
        b'!' => "\\!",
        b'|' => "\\|",
        b'~' => "\\~",
        b'#' => "\\#",
        b'$' => "\\$",
        // At the start: a list item, a thematic break or a setext underline; indented code.
        b'-' if at == 0 => "\\-",
        b'+' if at == 0 => "\\+",
        b'=' if at == 0 => "\\=",
        b' ' if at == 0 => "&#32;",
        b'\t' if at == 0 => "&#9;",
        // `1.` or `2)` at the start: an ordered list item.
        b'.' if at == digits && digits > 0 => "\\.",
        b')' if at == digits && digits > 0 => "\\)",
        // Autolinks (GFM's extended ones, markdown-it's linkify): a dot inside a word (`www.`,
        // `janusinfo.se`), the `:` and `//` of `http://`. An escaped character ends the text
        // that a linkifier sees.
        b'.' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n >= 0x80) => "\\.",
        b':' if next == Some(b'/') => "\\:",
        b'/' if next == Some(b'/') => "\\/",
        // cmark-gfm finds e-mail addresses in the text after escapes are resolved: an empty
        // comment after the `@` is the one thing that parts the address (and a mention)
        // without changing what is read. GitHub, GitLab and VS Code do not show comments.
        b'@' if next.is_some_and(|n| !n.is_ascii_whitespace()) => "@<!-- -->",
        _ => return None,
    })
}

/// `s` escaped for Markdown onto `out`: control characters shown as [`controls`] shows them,
/// every character that could start markup escaped with a backslash, autolinks broken, a line
/// break as `newline` says. Rendered, it reads exactly as `s` (a folded line break as a
/// space). The text between replacements is copied as it is.
pub fn markdown_into(out: &mut String, s: &str, newline: Newline) {
    let s = controls(s, Keep::LAYOUT);
    let bytes = s.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut copied = 0;
    for at in 0..bytes.len() {
        // Only ASCII bytes are replaced: `at` is then a character boundary.
        if let Some(with) = markdown_replacement(bytes, at, digits, newline) {
            out.push_str(&s[copied..at]);
            out.push_str(with);
            copied = at + 1;
        }
    }
    out.push_str(&s[copied..]);
}

/// `s` escaped for Markdown ([`markdown_into`]).
pub fn markdown(s: &str, newline: Newline) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    markdown_into(&mut out, s, newline);
    out
}

/// `s` as a Markdown code span that shows it exactly: fenced by one backtick more than the
/// longest run in it, with a space inside the fences where the text starts or ends with a
/// backtick (CommonMark strips one such space); control characters, line breaks too, shown as
/// [`controls`] shows them.
pub fn code_span(s: &str) -> String {
    let s = controls(s, Keep::TAB);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || (s.starts_with(' ') && s.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_holds_only_characters_xml_allows() {
        assert_eq!(xml("a<b & c"), "a<b & c");
        assert!(matches!(xml("rad ett\nrad\ttvå"), Cow::Borrowed(_)));
        assert_eq!(
            xml("a\u{0}b\u{1b}c\u{fffe}d\u{ffff}e\u{fffd}\r"),
            "a\\u{0}b\\u{1b}c\\u{fffe}d\\u{ffff}e\u{fffd}\\u{d}"
        );
    }

    #[test]
    fn controls_are_shown_as_escapes() {
        let hostile = "a\u{1b}[2J\u{7}b\u{1b}]52;c;aGk=\u{7}\u{9b}31m\u{202e}\u{2066}\u{7f}\r\0";
        assert_eq!(
            controls(hostile, Keep::LAYOUT),
            r"a\u{1b}[2J\u{7}b\u{1b}]52;c;aGk=\u{7}\u{9b}31m\u{202e}\u{2066}\u{7f}\u{d}\u{0}"
        );
        assert_eq!(controls("a\nb\tc", Keep::LAYOUT), "a\nb\tc");
        assert_eq!(controls("a\nb\tc", Keep::NEWLINE), "a\nb\\u{9}c");
        assert_eq!(controls("a\nb\tc", Keep::TAB), "a\\u{a}b\tc");
        // Other characters, also those with the lead bytes 0xC2 and 0xE2, stay.
        let clean = "Skåne läns landsting\u{a0}– € ‘’ … 漢字 👍 e\u{301} \u{200d}\u{2067}";
        assert_eq!(
            controls(clean, Keep::LAYOUT),
            clean.replace('\u{2067}', r"\u{2067}")
        );
        assert!(matches!(
            controls("Skåne – €", Keep::LAYOUT),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn every_character_is_judged_as_char_would() {
        for code in 0..=0x3000u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let s = format!("x{c}y");
            let expected = if (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
            {
                format!("x{}y", c.escape_unicode())
            } else {
                s.clone()
            };
            assert_eq!(controls(&s, Keep::LAYOUT), expected, "U+{code:04X}");
        }
    }

    #[test]
    fn json_strings_show_the_escape_when_decoded() {
        let text = "a\u{1b}b\u{9b}c\u{202e}d\re\u{8}f\u{c}g\nh\ti\"j\\k\u{7f}";
        let json = to_json_pretty(&serde_json::json!({ "t": text, "k": [text] })).expect("json");
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let shown = r#"a\u{1b}b\u{9b}c\u{202e}d\u{d}e\u{8}f\u{c}g"#.to_string()
            + "\nh\ti\"j\\k"
            + r"\u{7f}";
        assert_eq!(back["t"], shown.as_str());
        assert_eq!(back["k"][0], shown.as_str());
        assert!(hidden_chars(&json, Keep::LAYOUT).next().is_none(), "{json}");
        // The layout is serde_json's.
        let plain = serde_json::json!({ "a": [1, { "b": "c" }], "d": {} });
        assert_eq!(
            to_json_pretty(&plain).expect("json"),
            serde_json::to_string_pretty(&plain).expect("json")
        );
    }

    #[test]
    fn markdown_cannot_become_markup_or_a_link() {
        let md = |s| markdown(s, Newline::Break);
        assert_eq!(
            md("<script>alert(\"x\")</script> & [a](b) | *c*"),
            r#"\<script\>alert("x")\</script\> \& \[a\](b) \| \*c\*"#
        );
        assert_eq!(
            md("Se <https://janusinfo.se/x>"),
            r"Se \<https\:\//janusinfo\.se/x\>"
        );
        assert_eq!(md("www.x.se, a@b.se"), r"www\.x\.se, a@<!-- -->b\.se");
        assert_eq!(md("t.ex. 12 kr. @ x"), r"t\.ex. 12 kr. @ x");
        assert_eq!(md("- a"), r"\- a");
        assert_eq!(md("12. a 3. b"), r"12\. a 3. b");
        assert_eq!(md("2) a"), r"2\) a");
        assert_eq!(md("    kod"), "&#32;   kod");
        assert_eq!(md("a\nb"), "a<br>b");
        assert_eq!(markdown("a\nb", Newline::Space), "a b");
        assert_eq!(md("a\u{1b}[31mb\u{85}c"), r"a\\u{1b}\[31mb\\u{85}c");
        assert_eq!(md(""), "");
    }

    #[test]
    fn code_spans_show_any_text() {
        assert_eq!(code_span("cases/a.yaml"), "`cases/a.yaml`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a``"), "``` `a`` ```");
        assert_eq!(code_span("a\u{1b}\nb"), r"`a\u{1b}\u{a}b`");
    }

    #[test]
    fn one_line_folds_line_breaks() {
        assert_eq!(one_line("a\r\nb\nc\rd"), "a b c d");
        assert!(matches!(one_line("a b"), Cow::Borrowed(_)));
    }
}
