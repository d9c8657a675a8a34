//! Writing a long text in order without holding all of it: the formats cut their text into
//! numbered parts (JSON and CSV a head and chunks of rows, Markdown and the terminal format a
//! head and sections), write the parts of a window on all cores into buffers that the next
//! window reuses, and pass each window on before the next is written.

use rayon::prelude::*;
use std::io::{self, Write};

/// How many rows one part holds.
pub const CHUNK: usize = 256;

/// Parts per core in a window: enough for the cores to share the work evenly.
const PARTS_PER_CORE: usize = 4;

/// Writes to `out` the parts `0..count` in order, each as `part(number, buffer)` writes it into
/// an empty buffer.
pub fn write(
    out: &mut dyn Write,
    count: usize,
    part: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    let per_window = PARTS_PER_CORE * rayon::current_num_threads().max(1);
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); per_window.min(count)];
    for window in (0..count).step_by(per_window) {
        let used = per_window.min(count - window);
        buffers[..used]
            .par_iter_mut()
            .enumerate()
            .for_each(|(i, buffer)| {
                buffer.clear();
                part(window + i, buffer);
            });
        for buffer in &buffers[..used] {
            out.write_all(buffer)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_is_written_once_in_order() {
        let window = PARTS_PER_CORE * rayon::current_num_threads().max(1);
        for n in [0, 1, window - 1, window, window + 1, 3 * window + 5] {
            let mut out = Vec::new();
            write(&mut out, n, |number, buf| {
                assert!(buf.is_empty(), "part {number} gets an empty buffer");
                buf.extend_from_slice(format!("{number};").as_bytes());
            })
            .expect("write to a Vec");
            let expected: String = (0..n).map(|i| format!("{i};")).collect();
            assert_eq!(String::from_utf8(out).expect("utf8"), expected, "{n} parts");
        }
    }

    /// A writer that fails after some bytes.
    struct Full(usize);

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 < buf.len() {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "full"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_writer_stops_the_writing_with_its_error() {
        let made = std::sync::atomic::AtomicUsize::new(0);
        let err = write(&mut Full(100), 10 * CHUNK, |_, buf| {
            made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            buf.extend_from_slice(&[b'x'; 60]);
        })
        .expect_err("the writer is full");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        // The first window fills the writer: no later window is made.
        let window = PARTS_PER_CORE * rayon::current_num_threads().max(1);
        assert_eq!(made.into_inner(), window);
    }
}
