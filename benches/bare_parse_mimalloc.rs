//! The yardstick of `bare_parse.rs` with the allocator the `ordnat` binary uses (mimalloc), so
//! that `scripts/bench.sh` can tell what the allocator gives from what the reader gives.
//!
//!     cargo bench --bench bare_parse_mimalloc -- DIR [--events]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "bare_parse.rs"]
mod bare_parse;

fn main() {
    bare_parse::main();
}
