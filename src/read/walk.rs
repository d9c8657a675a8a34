//! Walks a YAML tree against the case format (`format.rs`, compiled from the JSON Schema of the
//! case types) and reports every format problem, each at its position: unknown keys (with a
//! did-you-mean), missing keys, wrong types, values outside an enum, bad dates, placeholders
//! and duplicate keys.
//!
//! The walk returns a pruned tree that holds only the values that fit, from which the typed
//! case is then built without further errors, and the key paths of the values that were
//! written but left out, so that later stages do not report them again as missing. A value
//! written where text belongs is kept as its text as written (`0391`, `1.50`, `ja`). No
//! message or hint quotes a value that stands under `sekretess`. Where what to write is
//! certain, a finding carries its fix (`fixes.rs`).

use super::format::{Format, Object, Property, Shape, Slot};
use super::secret::{CONFIDENTIAL_KEY, KNOWN_KEYS, MASK};
use super::tree::{Entry, Node, Value};
use crate::diagnostic::Diagnostic;
use crate::fix;
use crate::model::Pos;
use crate::rule_id::RuleId;
use crate::text::{Amount, closest, closest_only, first_sentences, fold, read_amount};
use std::collections::HashMap;

/// About how long a hint taken from a doc comment may grow, in whole sentences.
const HINT_SENTENCES: usize = 60;

/// The result of a walk.
#[derive(Debug)]
pub struct Walked<'s> {
    /// The tree with every value that does not fit left out.
    pub tree: Node<'s>,
    pub diagnostics: Vec<Diagnostic>,
    /// The dotted key paths (`regionalt.beslut.datum`, `uppföljning[2]`) of the values that are
    /// written but were left out, each already reported. A misspelt key reported with a
    /// did-you-mean counts as the key it was meant to be.
    pub unreadable: Vec<String>,
}

/// Checks `root` against `format`; `source` is the text the tree was read from.
pub fn walk<'t>(root: Node<'t>, format: &Format, source: &str) -> Walked<'t> {
    let mut walker = Walker {
        format,
        source,
        diags: Vec::new(),
        unreadable: Vec::new(),
        // Room for the deepest key paths of a case, so that the buffer seldom grows.
        path: String::with_capacity(64),
        secret: false,
    };
    if root.value == Value::Null {
        let required: Vec<&str> = match &format.defs[format.root.def].shape {
            Shape::Object(o) => o.required.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        };
        walker.diags.push(
            Diagnostic::new(
                RuleId::MissingField,
                root.pos,
                "filen är tom: ett ärende saknas",
            )
            .hint(format!(
                "skriv ärendet som en mappning med minst {}",
                quoted_list(&required)
            )),
        );
        return Walked {
            tree: root,
            diagnostics: walker.diags,
            unreadable: walker.unreadable,
        };
    }
    let (pos, bytes) = (root.pos, root.bytes);
    let tree = walker.node(root, format.root, pos).unwrap_or(Node {
        pos,
        bytes,
        value: Value::Map(Vec::new()),
    });
    Walked {
        tree,
        diagnostics: walker.diags,
        unreadable: walker.unreadable,
    }
}

struct Walker<'f, 's> {
    format: &'f Format,
    source: &'s str,
    diags: Vec<Diagnostic>,
    unreadable: Vec<String>,
    /// The dotted key path of the node being checked; one buffer, pushed and truncated.
    path: String,
    /// Whether the node stands under `sekretess`.
    secret: bool,
}

impl<'f> Walker<'f, '_> {
    /// The path for messages: `ärendet` at the top.
    fn whole(&self) -> &str {
        if self.path.is_empty() {
            "ärendet"
        } else {
            &self.path
        }
    }

    /// A key as a message may show it: under `sekretess`, only a key the format knows.
    fn shown_key<'v>(&self, key: &'v str) -> &'v str {
        if self.secret && !KNOWN_KEYS.contains(&key) {
            MASK
        } else {
            key
        }
    }

    /// A written value as a message may show it: masked under `sekretess`.
    fn shown<'v>(&self, value: &'v str) -> &'v str {
        if self.secret { MASK } else { value }
    }

    /// Checks one node; `None` when it does not fit and is to be left out of the pruned tree.
    /// `holder` is the position of the key that holds the node.
    fn node<'t>(&mut self, node: Node<'t>, slot: Slot, holder: Pos) -> Option<Node<'t>> {
        let format = self.format;
        let def = &format.defs[slot.def];
        let kept = if matches!(node.value, Value::Null) {
            if slot.nullable || def.nullable {
                return Some(node);
            }
            let hint = match &def.shape {
                Shape::Enum(values) => format!("skriv ett av: {}", values.join(", ")),
                Shape::Date => "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22".to_string(),
                _ => "skriv ett värde eller ta bort nyckeln".to_string(),
            };
            self.invalid(holder, format!("`{}` är tomt", self.whole()), hint);
            None
        } else {
            match &def.shape {
                Shape::Object(o) => self.object(node, o, holder),
                Shape::Array(items) => self.array(node, *items),
                Shape::Enum(values) => self.enumeration(node, values),
                Shape::Date => self.date(node),
                Shape::Text => self.text(node),
                Shape::Integer { min } => self.integer(node, *min),
                Shape::Boolean => self.boolean(node),
            }
        };
        if kept.is_none() {
            self.unreadable.push(self.path.clone());
        }
        kept
    }

    fn object<'t>(&mut self, node: Node<'t>, object: &'f Object, holder: Pos) -> Option<Node<'t>> {
        let Value::Map(mut entries) = node.value else {
            self.wrong_kind(&node, "en mappning (nycklar med värden på egna rader)");
            return None;
        };
        // Which entries repeat an earlier key (and the line of the first), and which required
        // keys are absent, found before the entries are taken apart.
        let first_line = first_lines(&entries);
        let absent = absent(object, &entries);
        let split = self.split_by_commas(node.bytes.0, &entries, object);
        let mut suggested: Vec<&'f str> = Vec::new();
        let top = self.path.is_empty();
        let mut first_line = first_line.into_iter();
        let mut index = 0;
        // The keys renamed by a fix (the finding, the key, where its path went in
        // `unreadable`), and where this mapping's paths start there: a rename that would
        // write a key the mapping already has, or that two keys would both take, is no fix.
        let mut renames: Vec<(usize, &'f str, usize)> = Vec::new();
        let unreadable_from = self.unreadable.len();
        // The entries that fit stay where they are, each with its value as the walk keeps it.
        entries.retain_mut(|entry| {
            index += 1;
            let repeats = first_line.next().flatten();
            match split.get(&(index - 1)) {
                // The rest of a value split by a comma: reported with the value.
                Some(Split::Rest) => return false,
                Some(Split::Text(written, bytes)) => {
                    self.split_text(entry, written, *bytes);
                    return false;
                }
                // A number: checked as the whole of what was written (`2,4 mkr`).
                Some(Split::Number(written, bytes)) => {
                    entry.value.value = Value::Str(written.clone().into());
                    entry.value.bytes = *bytes;
                }
                None => {}
            }
            if let Some(first_line) = repeats {
                self.diags.push(
                    Diagnostic::new(
                        RuleId::DuplicateKey,
                        entry.key_pos,
                        format!(
                            "`{}` står två gånger i samma mappning (första gången på rad {})",
                            self.shown_key(&entry.key),
                            first_line
                        ),
                    )
                    .hint("ta bort den ena förekomsten; ordnat läser bara den första"),
                );
                return false;
            }
            let Some(property) = object.property(&entry.key) else {
                if let Some(meant) = self.unknown_key(entry, object) {
                    if self.diags.last().is_some_and(|d| d.fix.is_some()) {
                        renames.push((self.diags.len() - 1, meant, self.unreadable.len()));
                    }
                    suggested.push(meant);
                    let mut meant_path = self.path.clone();
                    push_key(&mut meant_path, meant);
                    self.unreadable.push(meant_path);
                }
                return false;
            };
            let len = self.path.len();
            push_key(&mut self.path, &entry.key);
            let was_secret = self.secret;
            self.secret |= top && entry.key == CONFIDENTIAL_KEY;
            let stand_in = taken(entry.value.pos);
            let value = std::mem::replace(&mut entry.value, stand_in);
            let value = self.node(value, property.slot, entry.key_pos);
            self.secret = was_secret;
            self.path.truncate(len);
            match value {
                Some(mut value) => {
                    // A section is shown at its key (`beslut:`), not at its first inner line.
                    if matches!(value.value, Value::Map(_) | Value::Seq(_)) {
                        value.pos = entry.key_pos;
                    }
                    entry.value = value;
                    true
                }
                None => false,
            }
        });
        if !renames.is_empty() {
            self.drop_clashing_renames(&renames, &entries, unreadable_from);
        }
        for key in absent {
            // A misspelt key is reported once, as unknown with a did-you-mean, not also as missing.
            if suggested.contains(&key) {
                continue;
            }
            let hint = object
                .index
                .get(key)
                .map(|i| self.hint_for(&object.properties[*i]))
                .unwrap_or_default();
            let message = format!("`{}` saknar `{key}`", self.whole());
            self.diags
                .push(Diagnostic::new(RuleId::MissingField, holder, message).hint(hint));
        }
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Map(entries),
        })
    }

    /// In a flow mapping (`{ … }`) a comma ends a plain value: `resultat: 12 patienter, 9 mkr`
    /// is read as `resultat: 12 patienter` and a key `9 mkr` without a value, and
    /// `kostnad: 2,4 mkr` as `kostnad: 2` and a key `4 mkr`. Finds each such rest (a key the
    /// format does not know, written without a value, after a plain text or number) and the
    /// value it was cut from, with the whole value as written; by the entry's index.
    fn split_by_commas(
        &self,
        map_start: u32,
        entries: &[Entry<'_>],
        object: &Object,
    ) -> HashMap<usize, Split> {
        let mut split = HashMap::new();
        let bytes = self.source.as_bytes();
        if bytes.get(map_start as usize) != Some(&b'{') {
            return split;
        }
        // The entry whose plain value the rests that follow were cut from, and where it starts.
        let mut cut: Option<(usize, bool, usize)> = None;
        for (i, entry) in entries.iter().enumerate() {
            let value = &entry.value;
            let rest = value.value == Value::Null
                && value.bytes.1 == 0
                && matches!(bytes.get(value.bytes.0 as usize), Some(b',' | b'}'))
                && object.property(&entry.key).is_none();
            match cut {
                Some((owner, is_text, start)) if rest => {
                    let end = value.bytes.0 as usize;
                    let written = self.source.get(start..end).unwrap_or_default();
                    // The bytes of the whole value as written, without the comma after it.
                    let len = written.trim_end_matches([',', ' ', '\t', '\r', '\n']).len();
                    let bytes = (start as u32, u32::try_from(len).unwrap_or(0));
                    let written = written.lines().map(str::trim).collect::<Vec<_>>().join(" ");
                    let written = written.trim_end_matches([',', ' ']).to_string();
                    split.insert(i, Split::Rest);
                    split.insert(
                        owner,
                        if is_text {
                            Split::Text(written, bytes)
                        } else {
                            Split::Number(written, bytes)
                        },
                    );
                }
                _ => {
                    cut = object.property(&entry.key).and_then(|p| {
                        let plain = matches!(
                            value.value,
                            Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_)
                        ) && !matches!(
                            bytes.get(value.bytes.0 as usize),
                            Some(b'"' | b'\'' | b'*' | b'&' | b'!')
                        );
                        let is_text = match self.format.defs[p.slot.def].shape {
                            Shape::Text => true,
                            Shape::Integer { .. } => false,
                            _ => return None,
                        };
                        plain.then_some((i, is_text, value.bytes.0 as usize))
                    });
                }
            }
        }
        split
    }

    /// Reports a text cut by a comma in a flow mapping (`split_by_commas`), with the whole text
    /// in quotes to write instead, and leaves it out.
    fn split_text(&mut self, entry: &Entry<'_>, written: &str, bytes: (u32, u32)) {
        let len = self.path.len();
        push_key(&mut self.path, &entry.key);
        let message = format!(
            "texten i `{}` innehåller ett kommatecken, och inom `{{ … }}` avslutar ett kommatecken \
             värdet: resten lästes som en egen nyckel",
            self.whole()
        );
        let quoted = serde_saphyr::to_string(&serde_saphyr::DoubleQuoted(written))
            .map(|q| q.trim_end().to_string())
            .ok()
            .filter(|_| !self.secret);
        let hint = match quoted {
            Some(q) => format!("sätt texten inom citattecken: `{}: {q}`", entry.key),
            None => "sätt texten inom citattecken".to_string(),
        };
        self.invalid(entry.value.pos, message, hint);
        let range = bytes.0 as usize..(bytes.0 + bytes.1) as usize;
        let fix = (!self.secret)
            .then(|| fixes::quote(self.source, range, written))
            .flatten();
        self.fix_last(fix);
        self.unreadable.push(self.path.clone());
        self.path.truncate(len);
    }

    /// Takes back the fixes of `renames` (made in the mapping being walked, whose kept entries
    /// are `entries`; its paths in `unreadable` start at `from`) that would write a key the
    /// mapping already has, or that two of its keys would both take.
    fn drop_clashing_renames(
        &mut self,
        renames: &[(usize, &str, usize)],
        entries: &[Entry<'_>],
        from: usize,
    ) {
        for (diag, meant, _) in renames {
            let mut path = self.path.clone();
            push_key(&mut path, meant);
            let taken_twice = renames.iter().filter(|r| r.1 == *meant).count() > 1;
            // A key the mapping has: kept, or left out for its value (its path in
            // `unreadable`, where the renames put the paths of the keys they mean too).
            let written = entries.iter().any(|e| e.key == *meant)
                || self.unreadable[from..]
                    .iter()
                    .enumerate()
                    .any(|(i, p)| *p == path && !renames.iter().any(|r| r.2 == from + i));
            if (taken_twice || written)
                && let Some(d) = self.diags.get_mut(*diag)
            {
                d.fix = None;
            }
        }
    }

    /// What to write for a missing key, from its schema.
    fn hint_for(&self, property: &Property) -> String {
        let key = &property.key;
        match &self.format.defs[property.slot.def].shape {
            Shape::Enum(values) => format!("lägg till `{key}: ` med ett av: {}", values.join(", ")),
            Shape::Date => format!("lägg till `{key}: ÅÅÅÅ-MM-DD`"),
            Shape::Object(_) => format!("lägg till avsnittet `{key}:`"),
            _ => {
                let description = property
                    .description
                    .as_deref()
                    .map(|d| {
                        format!(
                            " ({})",
                            without_final_stop(first_sentences(d, HINT_SENTENCES))
                        )
                    })
                    .unwrap_or_default();
                format!("lägg till `{key}: …`{description}")
            }
        }
    }

    /// Reports an unknown key; returns the known key it is likely a misspelling of.
    fn unknown_key(&mut self, entry: &Entry<'_>, object: &'f Object) -> Option<&'f str> {
        let place = if self.path.is_empty() {
            "på översta nivån".to_string()
        } else {
            format!("i `{}`", self.path)
        };
        let known: Vec<&'f str> = object.properties.iter().map(|p| p.key.as_str()).collect();
        // A key under `sekretess` may itself be confidential (`netto 31000 kr: …`).
        let message = if self.secret && !known.contains(&entry.key.as_ref()) {
            format!("`{}` har en okänd nyckel", self.path)
        } else {
            format!("okänd nyckel `{}` {place}", entry.key)
        };
        let meant = closest(&entry.key, &known);
        let fix = meant
            .filter(|m| closest_only(&entry.key, &known) == Some(*m))
            .and_then(|m| fixes::rename_key(self.source, entry, m));
        let hint = match meant {
            Some(s) if fold(s) == fold(&entry.key) => {
                format!("menade du `{s}`? Nycklarna skrivs med å, ä och ö")
            }
            Some(s) => format!("menade du `{s}`?"),
            None => format!("kända nycklar här: {}", known.join(", ")),
        };
        self.diags.push(
            Diagnostic::new(RuleId::UnknownField, entry.key_pos, message)
                .hint(hint)
                .fix_if(fix),
        );
        meant
    }

    fn array<'t>(&mut self, node: Node<'t>, items: Slot) -> Option<Node<'t>> {
        let Value::Seq(mut elements) = node.value else {
            let example = match &node.value {
                Value::Str(s) => format!(
                    "skriv en lista: `[{}]` eller en rad `- …` per element",
                    self.shown(s)
                ),
                _ => "skriv en lista: `[a, b]` eller en rad `- …` per element".to_string(),
            };
            let message = format!(
                "`{}` ska vara en lista, inte {}",
                self.whole(),
                node.value.kind_sv()
            );
            self.invalid(node.pos, message, example);
            return None;
        };
        let len = self.path.len();
        let mut index = 0;
        elements.retain_mut(|element| {
            index += 1;
            push_index(&mut self.path, index);
            let pos = element.pos;
            let value = std::mem::replace(element, taken(pos));
            let kept = self.node(value, items, pos);
            self.path.truncate(len);
            match kept {
                Some(value) => {
                    *element = value;
                    true
                }
                None => false,
            }
        });
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Seq(elements),
        })
    }

    fn enumeration<'t>(&mut self, node: Node<'t>, values: &[String]) -> Option<Node<'t>> {
        match &node.value {
            Value::Str(s) if values.iter().any(|v| v == s) => return Some(node),
            _ => {}
        }
        let allowed = format!("skriv ett av: {}", values.join(", "));
        match &node.value {
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(&node, s, allowed);
                None
            }
            Value::Str(s) => {
                let words: Vec<&str> = values.iter().map(String::as_str).collect();
                let meant = closest(s, &words);
                let hint = match meant {
                    Some(c) => format!("menade du `{c}`? Tillåtna värden: {}", values.join(", ")),
                    None => allowed,
                };
                let message = format!(
                    "`{}` är inte ett tillåtet värde för `{}`",
                    self.shown(s),
                    self.whole()
                );
                self.invalid(node.pos, message, hint);
                let fix = meant
                    .filter(|m| !self.secret && closest_only(s, &words) == Some(*m))
                    .and_then(|m| fixes::word(&node, m));
                self.fix_last(fix);
                None
            }
            other => {
                let message = format!(
                    "`{}` ska vara ett av de tillåtna orden, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(node.pos, message, allowed);
                None
            }
        }
    }

    fn date<'t>(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        let hint = "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22";
        match &node.value {
            Value::Str(s) if crate::text::parse_date(s).is_some() => Some(node),
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(&node, s, hint.to_string());
                None
            }
            Value::Str(s) => {
                let message = format!(
                    "`{}` är inte ett giltigt datum (`{}`)",
                    self.shown(s),
                    self.whole()
                );
                self.invalid(node.pos, message, hint);
                None
            }
            other => {
                let message = format!(
                    "`{}` ska vara ett datum, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(node.pos, message, hint);
                None
            }
        }
    }

    /// Text: a string, or a plain scalar that YAML reads as a number or a truth value, taken
    /// as written (`diarienummer: 0391` is `0391`, not 391; `synpunkt: no` is `no`).
    fn text<'t>(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        let written = match &node.value {
            Value::Str(s) => {
                if is_placeholder(s) {
                    self.placeholder(&node, s, "skriv den riktiga uppgiften".to_string());
                    return None;
                }
                return Some(node);
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => node.written(self.source),
            other => {
                let message = format!(
                    "`{}` ska vara en text, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(
                    node.pos,
                    message,
                    "skriv texten på samma rad som nyckeln, inom citattecken om den innehåller `: `",
                );
                return None;
            }
        };
        Some(Node {
            pos: node.pos,
            bytes: node.bytes,
            value: Value::Str(written.into()),
        })
    }

    fn integer<'t>(&mut self, node: Node<'t>, min: Option<i64>) -> Option<Node<'t>> {
        // `025` is read by YAML as another kind of number; written with digits only, it is
        // the whole number it looks like.
        if !matches!(node.value, Value::Int(_) | Value::Str(_))
            && let Some(i) = node
                .source_text(self.source)
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|t| t.parse::<i64>().ok())
        {
            return self.integer(
                Node {
                    value: Value::Int(i),
                    ..node
                },
                min,
            );
        }
        match &node.value {
            Value::Int(i) if min.is_none_or(|m| *i >= m) => Some(node),
            Value::Int(i) => {
                let message = format!(
                    "`{}` kan inte vara negativt ({})",
                    self.whole(),
                    self.shown(&i.to_string())
                );
                self.invalid(node.pos, message, "skriv ett tal som är noll eller större");
                None
            }
            Value::Str(s) if is_placeholder(s) => {
                self.placeholder(&node, s, "skriv talet med siffror".to_string());
                None
            }
            Value::Str(_) | Value::Float(_) => {
                let written = node.written(self.source);
                let message = match &node.value {
                    Value::Str(s) => format!(
                        "`{}` ska vara ett heltal, inte `{}`",
                        self.whole(),
                        self.shown(s)
                    ),
                    // A whole number too large for the tree (it reads it as a decimal number).
                    _ if !written.is_empty() && written.bytes().all(|b| b.is_ascii_digit()) => {
                        format!("`{}` är ett för stort heltal", self.whole())
                    }
                    _ => format!(
                        "`{}` ska vara ett heltal, inte ett decimaltal",
                        self.whole()
                    ),
                };
                let hint = self.integer_hint(&written, min);
                self.invalid(node.pos, message, hint);
                let fix = match read_amount(&written) {
                    Some(Amount::Whole(n))
                        if !self.secret
                            && n >= i128::from(min.unwrap_or(i64::MIN))
                            && n <= i128::from(i64::MAX) =>
                    {
                        fixes::amount(fixes::node_range(&node), &written, n)
                    }
                    _ => None,
                };
                self.fix_last(fix);
                None
            }
            other => {
                let message = format!(
                    "`{}` ska vara ett heltal, inte {}",
                    self.whole(),
                    other.kind_sv()
                );
                self.invalid(node.pos, message, "skriv ett heltal, t.ex. `25`");
                None
            }
        }
    }

    /// What to write instead of `written` where a whole number (at least `min`) belongs: the
    /// number that `written` is (`text::read_amount`: `2,4 mkr` is `2400000`), or, when it
    /// has decimals, the whole numbers around it; never another number. Under `sekretess`, no
    /// number at all.
    fn integer_hint(&self, written: &str, min: Option<i64>) -> String {
        let min = i128::from(min.unwrap_or(i64::MIN));
        let max = i128::from(i64::MAX);
        let at_least = if min == 0 {
            "skriv ett tal som är noll eller större".to_string()
        } else {
            format!("skriv ett tal som är minst {min}")
        };
        match read_amount(written) {
            Some(Amount::Whole(n) | Amount::Between(n, _)) if n < min => at_least,
            Some(Amount::Whole(n) | Amount::Between(_, n)) if n > max => {
                format!("skriv ett heltal på högst `{max}`")
            }
            Some(Amount::Whole(_)) if self.secret => {
                "skriv bara siffror, utan mellanslag och enhet".to_string()
            }
            Some(Amount::Whole(n)) => {
                format!("skriv bara siffror, utan mellanslag och enhet: `{n}`")
            }
            Some(Amount::Between(..)) if self.secret => {
                "skriv ett heltal, utan decimaler".to_string()
            }
            Some(Amount::Between(below, above)) => {
                format!("skriv ett heltal, utan decimaler: `{below}` eller `{above}`")
            }
            Some(Amount::Ambiguous) => {
                let mark = if written.contains('.') {
                    "punkten"
                } else {
                    "kommatecknet"
                };
                format!(
                    "skriv heltalet med bara siffror: {mark} kan läsas både som decimaltecken och som tusentalsavgränsare"
                )
            }
            None if written.bytes().any(|b| b.is_ascii_digit()) => {
                "skriv ett heltal med bara siffror, utan mellanslag och enhet".to_string()
            }
            None => "skriv ett heltal med siffror".to_string(),
        }
    }

    fn boolean<'t>(&mut self, node: Node<'t>) -> Option<Node<'t>> {
        match &node.value {
            Value::Bool(_) => Some(node),
            other => {
                let shown = match other {
                    Value::Str(s) => format!("`{}`", self.shown(s)),
                    v => v.kind_sv().to_string(),
                };
                let message = format!(
                    "`{}` ska vara `true` eller `false`, inte {shown}",
                    self.whole()
                );
                self.invalid(node.pos, message, "skriv `true` (ja) eller `false` (nej)");
                None
            }
        }
    }

    fn wrong_kind(&mut self, node: &Node<'_>, expected: &str) {
        let message = format!(
            "`{}` ska vara {expected}, inte {}",
            self.whole(),
            node.value.kind_sv()
        );
        self.invalid(
            node.pos,
            message,
            "skriv nycklarna indragna på egna rader under",
        );
    }

    fn placeholder(&mut self, node: &Node<'_>, s: &str, hint: String) {
        let shown = if s.trim().is_empty() {
            "en tom text"
        } else {
            self.shown(s)
        };
        let message = format!(
            "`{shown}` i `{}` är en platshållare, inte ett värde",
            self.whole()
        );
        self.invalid(
            node.pos,
            message,
            format!("{hint}, eller ta bort nyckeln tills uppgiften finns"),
        );
    }

    /// Attaches `fix` to the finding made last.
    fn fix_last(&mut self, fix: Option<fix::Fix>) {
        if let (Some(fix), Some(d)) = (fix, self.diags.last_mut()) {
            d.fix = Some(Box::new(fix));
        }
    }

    fn invalid(&mut self, pos: Pos, message: String, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(RuleId::InvalidValue, pos, message).hint(hint));
    }
}

/// A value of a flow mapping cut by a comma (`Walker::split_by_commas`), and its rests.
enum Split {
    /// A text, with the whole of it as written (its lines joined) and its bytes in the source
    /// (offset and length, as `Node::bytes`).
    Text(String, (u32, u32)),
    /// A number, with the whole of it as written (`2,4 mkr`) and its bytes.
    Number(String, (u32, u32)),
    /// A rest of a value, read as a key without a value.
    Rest,
}

/// A stand-in for a value the walk has taken out of the tree to check it.
fn taken(pos: Pos) -> Node<'static> {
    Node {
        pos,
        bytes: (0, 0),
        value: Value::Null,
    }
}

/// For each entry of a mapping, the line of the first entry with the same key when it repeats
/// an earlier one.
fn first_lines(entries: &[Entry<'_>]) -> Vec<Option<u32>> {
    let mut seen: HashMap<&str, u32> = HashMap::with_capacity(entries.len());
    entries
        .iter()
        .map(|entry| match seen.get(entry.key.as_ref()) {
            Some(line) => Some(*line),
            None => {
                seen.insert(&entry.key, entry.key_pos.line);
                None
            }
        })
        .collect()
}

/// The required keys that `entries` lacks, including those that `allOf`/`if`/`then` adds for
/// this mapping, in the schema's order.
fn absent<'f>(object: &'f Object, entries: &[Entry<'_>]) -> Vec<&'f str> {
    let mut absent = Vec::new();
    let mut require = |key: &'f String| {
        if !entries.iter().any(|e| e.key == key.as_str()) {
            absent.push(key.as_str());
        }
    };
    object.required.iter().for_each(&mut require);
    for cond in &object.conditions {
        let holds = cond.when.iter().all(|(key, word)| {
            entries
                .iter()
                .find(|e| e.key == key.as_str())
                .is_some_and(|e| matches!(&e.value.value, Value::Str(s) if s == word))
        });
        if holds {
            cond.require.iter().for_each(&mut require);
        }
    }
    absent
}

/// `[n]`, the 1-based index of a list element.
fn push_index(path: &mut String, index: usize) {
    use std::fmt::Write;
    let _ = write!(path, "[{index}]");
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Drops the full stop that ends a sentence, for a hint in parentheses; not the one that ends
/// an abbreviation (`t.ex.`).
fn without_final_stop(s: &str) -> &str {
    match s.strip_suffix('.') {
        Some(rest) if !rest.rsplit(' ').next().unwrap_or(rest).contains('.') => rest,
        _ => s,
    }
}

/// Values people type to silence a validator: `TBD`, `?`, `xxx`, `yyyy-mm-dd`, empty text, …
pub fn is_placeholder(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "tbd", "tba", "todo", "fixme", "n/a", "na", "-", "--", "...", "…", "saknas", "fyll i",
        "<fyll i>", "ej klart", "?",
    ];
    let t = s.trim();
    // Lower case: Unicode's only where a non-ASCII upper-case letter needs it (`Å`, and `K` or
    // `Å` written as the Kelvin or Ångström sign); elsewhere ASCII's gives the same text.
    // Unicode's maps every character after the first non-ASCII one through its tables, and
    // most Swedish texts have an å, ä or ö: 1.2 % of `check`'s instructions on 1 000 cases
    // (482.0 → 476.3 M), under the 5 % a trick must be worth, but what keeps `check` within
    // 0.8 of the bare parse's instructions (0.801 → 0.791).
    let t = if t.chars().any(|c| !c.is_ascii() && c.is_uppercase()) {
        t.to_lowercase()
    } else {
        t.to_ascii_lowercase()
    };
    t.is_empty()
        || WORDS.contains(&t.as_str())
        || t.chars().all(|c| matches!(c, '?' | 'x' | '.'))
        || FILL_INS.iter().any(|f| f.find(t.as_bytes()).is_some())
        || t.starts_with('<') && t.ends_with('>')
}

/// The parts of a date or a number left to fill in, looked for in every text value: their
/// searchers made once, not for each value as `str::contains` makes them: 1.6 % of `check`'s
/// instructions on 1 000 cases (482.0 → 474.1 M), less than the 5 % a trick must be worth,
/// but what keeps `check` within 0.8 of the bare parse's instructions (0.801 → 0.788).
static FILL_INS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    std::sync::LazyLock::new(|| ["yyyy", "åååå", "xx-xx"].map(memchr::memmem::Finder::new));

mod fixes;

#[cfg(test)]
mod tests;
