//! `ferropy` — the command line, shaped like `python3`'s.
//!
//! Owns argument parsing, choosing what to run (a file, `-c`, `-m`, stdin), turning compile
//! errors into SyntaxError, reporting uncaught exceptions and mapping them to exit codes. It
//! depends on the runtime (`fp_vm`) and the compiler; nothing depends on it.

mod cli;
mod run;

fn main() {
    let cfg = match cli::parse(fp_vm::types::str::os_args()) {
        Ok(cli::Parsed::Run(mut cfg, what)) => {
            cli::apply_environment(&mut cfg);
            (cfg, what)
        }
        Ok(cli::Parsed::Exit(code)) => std::process::exit(code),
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    // One malloc arena: the interpreter thread would otherwise get a secondary glibc arena,
    // which grows by small mprotect steps (a tenth of start-up time went there).
    // SAFETY: mallopt only changes allocator tuning; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    // The interpreter runs on a thread with a large stack: Rust-level re-entry (slot calls
    // from native code) is bounded by the recursion limit, and this leaves ample headroom.
    // Signals go to the interpreter thread only: it inherits the blocked mask and restores it.
    let saved = fp_vm::modules::signals::block_all();
    let handle = std::thread::Builder::new()
        .name("ferropy-main".into())
        .stack_size(1 << 30)
        .spawn(move || {
            fp_vm::modules::signals::restore_mask(&saved);
            let code = run::run(cfg.0, cfg.1);
            // A child made by `os.fork()` has no main thread to join this one: exit here.
            if fp_vm::modules::posix::in_forked_child() {
                std::process::exit(code);
            }
            code
        });
    let code = match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(e) => {
            eprintln!("ferropy: cannot start the interpreter thread: {e}");
            70
        }
    };
    std::process::exit(code);
}
