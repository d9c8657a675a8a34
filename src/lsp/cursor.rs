//! What stands at the cursor in a case buffer, read from the lines around it rather than from
//! a parse: a buffer being typed is rarely valid YAML. The keys above the cursor by
//! indentation (list items passed through), and whether the cursor is on a key or a value,
//! in block style (`key: value`, `- key: value`) and in one flow mapping or list on the line
//! (`- { typ: avvakta, datum: … }`, `kriterier: [a, b]`).

use super::position::Text;

/// Where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// The keys of the mappings the cursor is in, from the top (without list items).
    pub parents: Vec<String>,
    pub place: Place,
    /// The column (in characters, from 0) where a key on this line starts.
    pub key_col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// On a key (or where one is being typed): the key's text so far and its characters.
    Key {
        key: String,
        start: usize,
        end: usize,
    },
    /// On the value of `key`: the value's word (as far as it goes on both sides of the
    /// cursor, up to `,` `]` `}` or a comment) and its characters.
    Value {
        key: String,
        word: String,
        start: usize,
        end: usize,
    },
}

impl At {
    /// The path of the key the cursor is on (or of the key whose value it is on).
    pub fn path(&self) -> Vec<String> {
        let mut path = self.parents.clone();
        match &self.place {
            Place::Key { key, .. } | Place::Value { key, .. } => path.push(key.clone()),
        }
        path
    }
}

/// A line's parts: where its content starts (after `- ` markers), where its dashes start,
/// its key (when it has `key:`), and what follows the colon.
struct Line<'a> {
    dash_col: usize,
    key_col: usize,
    key: Option<&'a str>,
    rest: &'a str,
}

fn split(line: &str) -> Option<Line<'_>> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let dash_col = line.chars().count() - trimmed.chars().count();
    let mut content = trimmed;
    while let Some(rest) = content.strip_prefix('-') {
        if !(rest.is_empty() || rest.starts_with(' ')) {
            break;
        }
        content = rest.trim_start();
    }
    let key_col = line.chars().count() - content.chars().count();
    let (key, rest) = match key_end(content) {
        Some(end) => (Some(unquote(&content[..end])), &content[end + 1..]),
        None => (None, content),
    };
    Some(Line {
        dash_col,
        key_col,
        key,
        rest,
    })
}

/// The byte index of the colon that ends a key at the start of `s` (`key:` followed by a
/// space or the end), outside quotes and before any flow collection.
fn key_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if i == 0 => quote = Some(c),
            (None, '{' | '[' | '#') => return None,
            (None, ':') => {
                let next = s[i + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn unquote(key: &str) -> &str {
    let key = key.trim();
    key.strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key)
}

/// Whether the text after a key's colon opens a section (nothing but a comment).
fn opens_section(rest: &str) -> bool {
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#')
}

/// What stands at character `col` of line `line` (both from 0) of `text`.
pub fn at(text: &Text, line: usize, col: usize) -> At {
    let current = text.line(line);
    let chars: Vec<char> = current.chars().collect();
    let col = col.min(chars.len());
    let parsed = split(current);
    // The parents: lines above with a key opening a section, each indented less than the
    // last one found.
    let (mut threshold, key_col) = match &parsed {
        Some(l) if l.dash_col < l.key_col => (l.dash_col, l.key_col),
        Some(l) => (l.key_col, l.key_col),
        // An empty line: the cursor's column is the indentation.
        None => (col, col),
    };
    let mut parents = Vec::new();
    for above in (0..line).rev() {
        if threshold == 0 {
            break;
        }
        let Some(l) = split(text.line(above)) else {
            continue;
        };
        if l.key_col < threshold && l.key.is_some() && opens_section(l.rest) {
            parents.push(l.key.unwrap_or_default().to_string());
            threshold = l.dash_col.min(l.key_col);
        } else if l.dash_col < threshold && l.dash_col < l.key_col {
            // Inside a list item whose first key is on a line above.
            threshold = l.dash_col;
        } else if l.key_col < threshold {
            threshold = l.key_col;
        }
    }
    parents.reverse();
    // In a flow collection opened on this line before the cursor?
    if let Some(at) = in_flow(&chars, col, &parsed) {
        let mut parents = parents;
        parents.extend(at.0);
        return At {
            parents,
            place: at.1,
            key_col,
        };
    }
    let word_around = |from: usize| {
        let is_word = |c: &char| !matches!(c, ',' | '[' | ']' | '{' | '}' | '#');
        let start = (from..col)
            .rev()
            .take_while(|i| is_word(&chars[*i]))
            .last()
            .unwrap_or(col);
        let end = (col..chars.len())
            .take_while(|i| is_word(&chars[*i]))
            .last()
            .map_or(col, |i| i + 1);
        let raw: String = chars[start..end].iter().collect();
        let lead = raw.len() - raw.trim_start().len();
        let lead = raw[..lead].chars().count();
        let word = unquote(raw.trim()).to_string();
        let trimmed_end = start + lead + raw.trim().chars().count();
        (word, start + lead, trimmed_end.max(start + lead))
    };
    let place = match &parsed {
        Some(Line { key: Some(key), .. }) => {
            let colon = key_col + colon_chars(&chars[key_col..]);
            if col <= colon {
                let end = colon;
                Place::Key {
                    key: chars[key_col..col.max(key_col)].iter().collect(),
                    start: key_col,
                    end,
                }
                .with_key(key)
            } else {
                let (word, start, end) = word_around(colon + 1);
                Place::Value {
                    key: key.to_string(),
                    word,
                    start,
                    end,
                }
            }
        }
        _ => Place::Key {
            key: chars[key_col.min(col)..col].iter().collect(),
            start: key_col.min(col),
            end: chars.len().max(col),
        },
    };
    At {
        parents,
        place,
        key_col,
    }
}

impl Place {
    /// A key place naming the whole key written (hover reads the key, not what is typed).
    fn with_key(self, whole: &str) -> Place {
        match self {
            Place::Key { start, end, .. } => Place::Key {
                key: whole.to_string(),
                start,
                end,
            },
            other => other,
        }
    }
}

/// The characters up to the colon ending the key at the start of `chars`.
fn colon_chars(chars: &[char]) -> usize {
    let s: String = chars.iter().collect();
    key_end(&s).map_or(chars.len(), |byte| s[..byte].chars().count())
}

/// The cursor inside a flow mapping or list opened on this line: the keys it adds to the
/// path (the key before the `{` or `[`), and the place in it.
fn in_flow(chars: &[char], col: usize, parsed: &Option<Line>) -> Option<(Vec<String>, Place)> {
    // The innermost bracket still open before the cursor.
    let mut depth: Vec<(usize, char)> = Vec::new();
    let mut quote = None;
    for (i, c) in chars[..col].iter().enumerate() {
        match (quote, *c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(*c),
            (None, '{' | '[') => depth.push((i, *c)),
            (None, '}' | ']') => {
                depth.pop();
            }
            (None, '#') => return None,
            _ => {}
        }
    }
    let (open, bracket) = *depth.last()?;
    let mut added = Vec::new();
    // The key before the bracket: `kommitté: {` or `kriterier: [`.
    if let Some(Line { key: Some(key), .. }) = parsed {
        let key_end_col = chars.iter().position(|c| *c == ':').unwrap_or(0);
        if key_end_col < open {
            added.push(key.to_string());
        }
    }
    // The item the cursor is in: after the last `,` (or the bracket).
    let item_start = (open + 1..col)
        .rev()
        .find(|i| chars[*i] == ',')
        .map_or(open + 1, |i| i + 1);
    let item_end = (col..chars.len())
        .find(|i| matches!(chars[*i], ',' | '}' | ']'))
        .unwrap_or(chars.len());
    let item: String = chars[item_start..item_end].iter().collect();
    let lead = item.chars().count() - item.trim_start().chars().count();
    let start = item_start + lead;
    let end = start + item.trim().chars().count();
    if bracket == '[' {
        let key = added.pop().unwrap_or_default();
        let word = unquote(item.trim()).to_string();
        return Some((
            added,
            Place::Value {
                key,
                word,
                start,
                end: end.max(start),
            },
        ));
    }
    match key_end(item.trim_start()) {
        Some(byte) => {
            let key_text = &item.trim_start()[..byte];
            let colon = start + key_text.chars().count();
            let key = unquote(key_text).to_string();
            if col <= colon {
                Some((
                    added,
                    Place::Key {
                        key,
                        start,
                        end: colon,
                    },
                ))
            } else {
                let value: String = chars[colon + 1..item_end].iter().collect();
                let vlead = value.chars().count() - value.trim_start().chars().count();
                let vstart = colon + 1 + vlead;
                Some((
                    added,
                    Place::Value {
                        key,
                        word: unquote(value.trim()).to_string(),
                        start: vstart,
                        end: vstart + value.trim().chars().count(),
                    },
                ))
            }
        }
        None => Some((
            added,
            Place::Key {
                key: chars[start.min(col)..col].iter().collect(),
                start: start.min(col),
                end,
            },
        )),
    }
}

/// The value of a top-level key (`typ`, `spår`) as written on its line, unquoted.
pub fn top_value(text: &Text, key: &str) -> Option<String> {
    (0..text.line_count()).find_map(|i| {
        let rest = text.line(i).strip_prefix(key)?.strip_prefix(':')?;
        let word = rest.split(" #").next().unwrap_or("").trim();
        let word = word.trim_matches(['"', '\'']);
        (!word.is_empty()).then(|| word.to_string())
    })
}

/// A key written in a buffer: its path (list items passed through), its line and columns
/// (characters, from 0), and the last line of what it holds (its section's lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: Vec<String>,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub last_line: usize,
}

/// Every key written in block style in `text`, in order, each with its path as `at` reads
/// it, in one pass (a stack of the sections open above).
pub fn outline(text: &Text) -> Vec<Written> {
    let mut out: Vec<Written> = Vec::new();
    // The open sections: key column, path, index in `out`.
    let mut open: Vec<(usize, Vec<String>, usize)> = Vec::new();
    let mut last_content = 0;
    for line in 0..text.line_count() {
        let Some(l) = split(text.line(line)) else {
            continue;
        };
        let threshold = l.dash_col.min(l.key_col);
        while open.last().is_some_and(|(col, _, _)| *col >= threshold) {
            if let Some((_, _, i)) = open.pop() {
                out[i].last_line = last_content;
            }
        }
        last_content = line;
        let Some(key) = l.key else {
            continue;
        };
        let mut path = open.last().map(|(_, p, _)| p.clone()).unwrap_or_default();
        path.push(key.to_string());
        let chars: Vec<char> = text.line(line).chars().collect();
        let end = l.key_col + colon_chars(&chars[l.key_col.min(chars.len())..]);
        out.push(Written {
            path: path.clone(),
            line,
            start: l.key_col,
            end,
            last_line: line,
        });
        if opens_section(l.rest) {
            open.push((l.key_col, path, out.len() - 1));
        }
    }
    for (_, _, i) in open {
        out[i].last_line = last_content;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "id: 2026-014\ntyp: läkemedel\nregionalt:\n  kommitté:\n    möte: 2026-09-24\n  \
        beslut: { utfall: införs, datum: 2026-10-01 }\nrekommendationer:\n  - typ: avvakta\n    \
        datum: 2026-05-28\n  - { typ: bör-användas, datum: 2026-06-30 }\nsamverkan:\n  kriterier: [svårighetsgrad, resurspåverkan]\n  \n";

    fn at_text(line: usize, col: usize) -> At {
        at(&Text::new(CASE.into()), line, col)
    }

    fn value(a: &At) -> (Vec<String>, String) {
        match &a.place {
            Place::Value { word, .. } => (a.path(), word.clone()),
            Place::Key { key, .. } => (a.path(), format!("key {key}")),
        }
    }

    fn p(s: &str) -> Vec<String> {
        s.split('.').map(str::to_string).collect()
    }

    #[test]
    fn keys_and_values_at_the_cursor() {
        assert_eq!(value(&at_text(1, 7)), (p("typ"), "läkemedel".into()));
        assert_eq!(at_text(1, 1).path(), p("typ"));
        assert!(matches!(at_text(1, 1).place, Place::Key { .. }));
        assert_eq!(
            value(&at_text(4, 11)),
            (p("regionalt.kommitté.möte"), "2026-09-24".into())
        );
        assert_eq!(
            value(&at_text(5, 21)),
            (p("regionalt.beslut.utfall"), "införs".into())
        );
        assert_eq!(
            value(&at_text(7, 11)),
            (p("rekommendationer.typ"), "avvakta".into())
        );
        assert_eq!(
            value(&at_text(8, 12)),
            (p("rekommendationer.datum"), "2026-05-28".into())
        );
        assert_eq!(
            value(&at_text(9, 14)),
            (p("rekommendationer.typ"), "bör-användas".into())
        );
        assert_eq!(
            value(&at_text(11, 20)),
            (p("samverkan.kriterier"), "svårighetsgrad".into())
        );
        // An empty line in `samverkan`: a key of it is being typed.
        let empty = at_text(12, 2);
        assert_eq!(empty.parents, p("samverkan"));
        assert!(matches!(empty.place, Place::Key { .. }));
    }

    #[test]
    fn the_outline_has_every_key_with_its_path_and_lines() {
        let keys = outline(&Text::new(CASE.into()));
        let find = |path: &str| keys.iter().find(|k| k.path == p(path)).cloned();
        let regional = find("regionalt").expect("regionalt");
        assert_eq!((regional.line, regional.last_line), (2, 5));
        assert_eq!(
            find("regionalt.kommitté.möte").map(|k| (k.line, k.start, k.end)),
            Some((4, 4, 8))
        );
        let recs = find("rekommendationer").expect("rekommendationer");
        assert_eq!((recs.line, recs.last_line), (6, 9));
        assert_eq!(find("rekommendationer.datum").map(|k| k.line), Some(8));
        assert_eq!(find("samverkan.kriterier").map(|k| k.line), Some(11));
        // The same paths as `at` gives on each key.
        for k in &keys {
            assert_eq!(at_text(k.line, k.start).path(), k.path, "{k:?}");
        }
    }
}
