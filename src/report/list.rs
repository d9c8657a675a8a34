//! Writing a long list in order without holding its whole text: the formats whose text is
//! mostly one row per case (JSON and CSV) write the rows a window of chunks at a time, the
//! chunks of a window on all cores, into buffers that the next window reuses, and pass each
//! window on before the next is written.

use rayon::prelude::*;
use std::io::{self, Write};

/// How many items one task writes.
pub const CHUNK: usize = 256;

/// Chunks per core in a window: enough for the cores to share the work evenly.
const CHUNKS_PER_CORE: usize = 4;

/// Writes to `out` the pieces `head` gives, in order (made while the first window of the list
/// is; pieces, so that a head made on all cores is not copied into one buffer), then the
/// chunks of `items` in order, each as `chunk(number, items, buffer)` writes it; `number`
/// counts the chunks from 0, so that the first can be told apart.
pub fn write<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    head: impl FnOnce() -> Vec<Vec<u8>> + Send,
    chunk: impl Fn(usize, &[T], &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    let per_window = CHUNKS_PER_CORE * rayon::current_num_threads().max(1);
    let mut windows = items.chunks(per_window * CHUNK).enumerate();
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); per_window];
    // Writes one window into the buffers; gives how many it used.
    let fill = |buffers: &mut [Vec<u8>], window: usize, rows: &[T]| {
        let used = rows.len().div_ceil(CHUNK);
        buffers[..used]
            .par_iter_mut()
            .zip(rows.par_chunks(CHUNK))
            .enumerate()
            .for_each(|(i, (buffer, rows))| {
                buffer.clear();
                chunk(window * per_window + i, rows, buffer);
            });
        used
    };
    let first = windows.next();
    let (start, mut used) = rayon::join(head, || {
        first.map_or(0, |(w, rows)| fill(&mut buffers, w, rows))
    });
    for piece in start {
        out.write_all(&piece)?;
    }
    loop {
        for buffer in &buffers[..used] {
            out.write_all(buffer)?;
        }
        let Some((w, rows)) = windows.next() else {
            return Ok(());
        };
        used = fill(&mut buffers, w, rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_written_once_in_order_after_the_head() {
        let window = CHUNKS_PER_CORE * rayon::current_num_threads().max(1) * CHUNK;
        for n in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            window,
            window + 1,
            3 * window + 5,
        ] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            let mut firsts = std::sync::atomic::AtomicUsize::new(0);
            write(
                &mut out,
                &items,
                || vec![b"he".to_vec(), b"ad;".to_vec()],
                |number, rows, buf| {
                    if number == 0 {
                        firsts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    for r in rows {
                        buf.extend_from_slice(format!("{r};").as_bytes());
                    }
                },
            )
            .expect("write to a Vec");
            let expected: String = std::iter::once("head;".to_string())
                .chain(items.iter().map(|i| format!("{i};")))
                .collect();
            assert_eq!(String::from_utf8(out).expect("utf8"), expected, "{n} items");
            assert_eq!(*firsts.get_mut(), usize::from(n > 0), "{n} items");
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
        let items: Vec<usize> = (0..10 * CHUNK).collect();
        let err = write(
            &mut Full(100),
            &items,
            || vec![b"head".to_vec()],
            |_, rows, buf| buf.extend(rows.iter().map(|_| b'x')),
        )
        .expect_err("the writer is full");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
