//! The JSON-RPC framing of LSP on a byte stream (standard in and out): `Content-Length`
//! headers, then the message. lsp-server's own stdio transport ends the server at the first
//! message it cannot parse; this one answers a request it cannot read with a parse error
//! (when it can tell its id), skips what it cannot read at all, and goes on. Standard out
//! carries only LSP messages; what the server has to say about itself goes to standard error.

use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};
use std::io::{self, BufRead, Read, Write};
use std::thread;

/// A message larger than this is skipped unread: no client sends a case file of 64 MB.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// The threads that move messages between the byte streams and the connection's channels.
pub struct Threads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Threads {
    /// Waits for the writer to have written every message sent (once the connection is
    /// dropped). The reader is left to end with its stream: standard in may stay open after
    /// `exit`, and the process ends anyway.
    pub fn join_writer(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }

    /// Waits for both threads (the tests, whose input ends).
    #[cfg(test)]
    pub fn join(self) {
        let _ = self.writer.join();
        let _ = self.reader.join();
    }
}

/// Runs the language server on standard in and out until the client says `exit` or closes
/// standard in. `Ok(true)` when `shutdown` came before the end (exit code 0).
pub fn stdio(opts: super::Options) -> Result<bool, String> {
    let (connection, threads) = connect(io::BufReader::new(io::stdin()), io::stdout());
    let result = super::serve(&connection, opts);
    drop(connection);
    threads.join_writer();
    result
}

/// A connection on `input` and `output`: one thread reads framed messages from `input` into
/// the connection's receiver, one writes what is sent on it to `output`.
pub fn connect<R, W>(input: R, output: W) -> (Connection, Threads)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let (to_writer, from_server) = crossbeam_channel::unbounded::<Message>();
    let (to_server, from_reader) = crossbeam_channel::unbounded::<Message>();
    let answers = to_writer.clone();
    let writer = thread::spawn(move || {
        let mut output = output;
        for message in from_server {
            if message.write(&mut output).is_err() {
                break;
            }
        }
    });
    let reader = thread::spawn(move || {
        let mut input = input;
        loop {
            let text = match read_frame(&mut input) {
                Ok(Some(Ok(text))) => text,
                Ok(Some(Err(problem))) => {
                    eprintln!("ordnat lsp: {problem}");
                    continue;
                }
                Ok(None) | Err(_) => break,
            };
            match serde_json::from_slice::<Message>(&text) {
                Ok(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        break;
                    }
                }
                Err(err) => {
                    eprintln!("ordnat lsp: ett meddelande kunde inte läsas: {err}");
                    if let Some(id) = request_id(&text) {
                        let answer = Response::new_err(
                            id,
                            ErrorCode::ParseError as i32,
                            format!("meddelandet kunde inte läsas: {err}"),
                        );
                        let _ = answers.send(answer.into());
                    }
                }
            }
        }
    });
    let connection = Connection {
        sender: to_writer,
        receiver: from_reader,
    };
    (connection, Threads { reader, writer })
}

/// The id of a request whose message could not be read as a whole, when its text is JSON
/// with an id.
fn request_id(text: &[u8]) -> Option<RequestId> {
    let value: serde_json::Value = serde_json::from_slice(text).ok()?;
    match value.get("id")? {
        serde_json::Value::Number(n) => Some(i32::try_from(n.as_i64()?).ok()?.into()),
        serde_json::Value::String(s) => Some(s.clone().into()),
        _ => None,
    }
}

/// Reads one framed message: `None` at the end of the stream, `Some(Err)` for a frame that
/// was skipped (its headers are wrong or it is too large), `Some(Ok)` with its bytes.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<usize> = None;
    let mut problem = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any {
                break;
            }
            // Blank lines between frames are skipped.
            continue;
        }
        any = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => problem = Some(format!("ogiltig rubrik: {text:?}")),
                }
            }
            Some(_) => {}
            None => problem = Some(format!("ogiltig rubrik: {text:?}")),
        }
    }
    let Some(length) = length else {
        return Ok(Some(Err(
            problem.unwrap_or_else(|| "meddelandet saknar Content-Length".into())
        )));
    };
    if length > MAX_MESSAGE_BYTES {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "ett meddelande på {length} byte hoppades över"
        ))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(Ok(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_and_bad_ones_skipped() {
        let body = br#"{"jsonrpc":"2.0","method":"x"}"#;
        let mut bytes = Vec::new();
        bytes.extend_from_slice(b"Content-Type: x\r\nnonsense\r\n\r\n");
        bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        bytes.extend_from_slice(body);
        let mut input = io::Cursor::new(bytes);
        assert!(matches!(read_frame(&mut input), Ok(Some(Err(_)))));
        assert_eq!(
            read_frame(&mut input).ok().flatten().and_then(Result::ok),
            Some(body.to_vec())
        );
        assert!(matches!(read_frame(&mut input), Ok(None)));
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn a_request_that_cannot_be_read_is_answered_and_the_next_one_delivered() {
        let mut bytes = frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#);
        bytes.extend(frame("not json"));
        bytes.extend(frame(r#"{"jsonrpc":"2.0","id":8,"method":"shutdown"}"#));
        // Larger than any message may be: skipped (here to the end of the input).
        bytes.extend(b"Content-Length: 99999999999\r\n\r\n{}");
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0
                    .lock()
                    .map_err(|_| io::ErrorKind::Other)?
                    .extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let (connection, threads) = connect(io::Cursor::new(bytes), Shared(output.clone()));
        let got: Vec<Message> = connection.receiver.iter().collect();
        drop(connection);
        threads.join();
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(matches!(&got[0], Message::Request(r) if r.method == "shutdown"));
        let written = String::from_utf8(output.lock().map(|o| o.clone()).unwrap_or_default())
            .unwrap_or_default();
        assert!(written.contains(r#""id":7"#), "{written}");
        assert!(written.contains("-32700"), "{written}");
    }
}
