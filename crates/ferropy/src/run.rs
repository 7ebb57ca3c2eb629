//! Running the chosen program and turning its outcome into an exit status as CPython does.

use crate::cli::What;
use fp_vm::Value;
use fp_vm::vm::{Config, Vm};
use std::io::Read;

pub fn run(mut cfg: Config, what: What) -> i32 {
    fp_vm::modules::signals::install();
    let stdlib = match fp_vm::modules::startup::find_stdlib() {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("{msg}");
            return 1;
        }
    };
    if let What::File(path) = &what {
        cfg.path0 = Some(script_dir(path));
    } else if let What::Module(_) = &what {
        cfg.path0 = std::env::current_dir()
            .ok()
            .map(|d| d.to_string_lossy().into_owned());
    }
    let mut vm = Vm::new(cfg);
    fp_vm::modules::startup::configure_sys(&mut vm, &stdlib);
    if let Err(e) = fp_vm::modules::startup::install_importlib(&mut vm, &stdlib) {
        eprintln!(
            "ferropy: cannot start the import system from {}",
            stdlib.display()
        );
        return handle_uncaught(&mut vm, e.0);
    }
    if let Err(e) = fp_vm::modules::startup::install_stdio(&mut vm) {
        return handle_uncaught(&mut vm, e.0);
    }
    if let Err(e) = fp_vm::modules::startup::finish_startup(&mut vm) {
        return handle_uncaught(&mut vm, e.0);
    }
    // Commands from stdin are read interactively from a terminal, or with -i (CPython then
    // treats stdin as interactive even when it is a pipe).
    // SAFETY: isatty only inspects the descriptor.
    let tty_stdin =
        matches!(what, What::Stdin) && (unsafe { libc::isatty(0) } == 1 || vm.config.inspect);
    let what = if tty_stdin {
        What::Command(String::new())
    } else {
        what
    };
    let mut code = run_main(&mut vm, what);
    if (tty_stdin || vm.config.inspect) && code != KILLED_BY_SIGINT {
        let banner = tty_stdin && !vm.config.quiet;
        code = interact(&mut vm, banner);
    }
    // As CPython's finalisation: wait for non-daemon threads, then the exit functions. The
    // main thread keeps the GIL from here on, so daemon threads never run again.
    fp_vm::modules::thread::wait_for_shutdown(&mut vm);
    fp_vm::modules::atexit::run_exitfuncs(&mut vm);
    fp_vm::interp::finalize::shutdown(&mut vm);
    fp_vm::modules::stdio::flush_stdout(&mut vm);
    if code == KILLED_BY_SIGINT {
        fp_vm::modules::signals::die_by_sigint();
    }
    code
}

/// Marker status: the program ended with an uncaught KeyboardInterrupt.
const KILLED_BY_SIGINT: i32 = -2;

fn run_main(vm: &mut Vm, what: What) -> i32 {
    let (source, filename) = match what {
        What::File(path) => match std::fs::read(&path) {
            // CPython 3.9+ makes the script's path absolute (`__file__`, tracebacks).
            Ok(b) => {
                let file = abs_path(&path);
                match fp_vm::interp::source::decode_source(vm, &b, &file, true) {
                    Ok(text) => (text, file),
                    Err(e) => return handle_uncaught(vm, e.0),
                }
            }
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                let msg = fp_vm::types::exceptions::os_strerror(errno);
                eprintln!(
                    "{}: can't open file '{}': [Errno {errno}] {msg}",
                    vm.config.executable,
                    abs_path(&path)
                );
                return 2;
            }
        },
        What::Command(c) => (c, "<string>".to_string()),
        What::Stdin => {
            let mut s = String::new();
            let _ = std::io::stdin().read_to_string(&mut s);
            (s, "<stdin>".to_string())
        }
        What::Module(m) => return run_module(vm, &m),
    };
    let is_file = filename != "<string>" && filename != "<stdin>";
    let main = match new_main_module(vm, is_file.then_some(filename.as_str())) {
        Ok(m) => m,
        Err(e) => return handle_uncaught(vm, e.0),
    };
    let d = fp_vm::types::module::module_dict(main);
    let result = fp_vm::interp::exec_source(vm, &source, &filename, d);
    match result {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e.0),
    }
}

/// `sys.path[0]` for a script: the directory of the script file, symlinks resolved.
fn script_dir(path: &str) -> String {
    let p =
        std::fs::canonicalize(path).unwrap_or_else(|_| std::path::PathBuf::from(abs_path(path)));
    p.parent()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn abs_path(p: &str) -> String {
    std::path::absolute(p)
        .map(|x| x.to_string_lossy().into_owned())
        .unwrap_or_else(|_| p.to_string())
}

/// Creates and registers `__main__` as CPython's start-up does: `__builtins__`,
/// `__annotations__`, `__loader__`, and for a script `__file__` and `__cached__`.
fn new_main_module(vm: &mut Vm, file: Option<&str>) -> fp_vm::PyResult {
    let main = fp_vm::types::module::new_module(vm, "__main__");
    fp_vm::modules::register(vm, "__main__", main);
    let b = vm.builtins;
    fp_vm::types::module::set_attr(vm, main, "__builtins__", b);
    let ann = fp_vm::types::dict::new_dict(vm);
    fp_vm::types::module::set_attr(vm, main, "__annotations__", ann);
    if let Some(f) = file {
        let f = vm.new_str(f);
        fp_vm::types::module::set_attr(vm, main, "__file__", f);
        fp_vm::types::module::set_attr(vm, main, "__cached__", Value::NONE);
    }
    set_main_loader(vm, main, file)?;
    Ok(main)
}

/// `__main__.__loader__`: a SourceFileLoader for a script, BuiltinImporter for -c and stdin
/// (CPython's `set_main_loader`).
fn set_main_loader(vm: &mut Vm, main: Value, file: Option<&str>) -> fp_vm::PyResult<()> {
    let loader = match file {
        Some(f) => {
            let ext = fp_vm::modules::import_module(vm, "_frozen_importlib_external")?;
            let k = vm.intern("SourceFileLoader");
            let cls = fp_vm::ops::attr::getattr(vm, ext, k)?;
            let (n, p) = (vm.new_str("__main__"), vm.new_str(f));
            fp_vm::ops::call::call(vm, cls, &[n, p])?
        }
        None => {
            let b = fp_vm::modules::import_module(vm, "_frozen_importlib")?;
            let k = vm.intern("BuiltinImporter");
            fp_vm::ops::attr::getattr(vm, b, k)?
        }
    };
    fp_vm::types::module::set_attr(vm, main, "__loader__", loader);
    Ok(())
}

/// The interactive console's line reader (`InteractiveConsole.raw_input`).
const PROMPT_READER: &str = "\
def raw_input(prompt=''):
    import sys
    if sys.stdin is not None and sys.stdin.isatty():
        return input(prompt)
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line[:-1] if line.endswith('\\n') else line
";

/// The interactive prompt (a terminal on stdin, or `-i` after the program): the standard
/// library's `code.InteractiveConsole` over `__main__`'s namespace, with `sys.ps1`/`sys.ps2`.
fn interact(vm: &mut Vm, banner: bool) -> i32 {
    let r = (|| {
        let sys = vm.sys;
        for (name, prompt) in [("ps1", ">>> "), ("ps2", "... ")] {
            let p = vm.new_str(prompt);
            fp_vm::types::module::set_attr(vm, sys, name, p);
        }
        let code = fp_vm::modules::import_module(vm, "code")?;
        let main = fp_vm::modules::import_module(vm, "__main__")?;
        let ns = fp_vm::types::module::module_dict(main);
        let text = if banner {
            format!(
                "Python 3.11.7 (ferropy {}) on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.",
                env!("CARGO_PKG_VERSION")
            )
        } else {
            String::new()
        };
        let banner = vm.new_string(text);
        let exitmsg = vm.new_str("");
        // CPython's prompt compiles what it reads as "<stdin>".
        let cls_name = vm.intern("InteractiveConsole");
        let cls = fp_vm::ops::attr::getattr(vm, code, cls_name)?;
        let stdin_name = vm.new_str("<stdin>");
        let console = fp_vm::ops::call::call(vm, cls, &[ns, stdin_name])?;
        // CPython's prompt reader writes the prompts to stderr when stdin is not a terminal
        // (`input()` would write them to stdout, mixing them into the program's output).
        let helper_ns = fp_vm::types::dict::new_dict(vm);
        fp_vm::interp::exec_source(vm, PROMPT_READER, "<ferropy>", helper_ns)?;
        if let Some(reader) = fp_vm::types::dict::get_str(helper_ns, "raw_input") {
            let k = vm.intern("raw_input");
            fp_vm::ops::attr::setattr(vm, console, k, reader)?;
        }
        let names: Vec<Value> = ["banner", "exitmsg"].iter().map(|n| vm.intern(n)).collect();
        let f = vm.intern("interact");
        let interact = fp_vm::ops::attr::getattr(vm, console, f)?;
        fp_vm::ops::call::call_kw(vm, interact, &[banner, exitmsg], &names)
    })();
    match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e.0),
    }
}

/// `-m module`: `runpy._run_module_as_main`, as CPython does.
fn run_module(vm: &mut Vm, name: &str) -> i32 {
    // runpy takes over the `__main__` that start-up created (as in CPython).
    if let Err(e) = new_main_module(vm, None) {
        return handle_uncaught(vm, e.0);
    }
    let r = (|| {
        let runpy = fp_vm::modules::import_module(vm, "runpy")?;
        let f = vm.intern("_run_module_as_main");
        let n = vm.new_str(name);
        let func = fp_vm::ops::attr::getattr(vm, runpy, f)?;
        // Run it as the outermost frame, as a script's code runs (not as a native call that
        // re-enters the interpreter): nothing here holds values the frame does not, so the
        // collector may run anywhere inside (it only runs with no native call active).
        if func.is::<fp_vm::types::function::FunctionObj>() {
            let frame = fp_vm::interp::frame::frame_for_call(vm, func, &[n, Value::TRUE], &[])?;
            return fp_vm::interp::eval::run_frame(vm, frame);
        }
        fp_vm::ops::call::call(vm, func, &[n, Value::TRUE])
    })();
    match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e.0),
    }
}

/// Prints an uncaught exception (SystemExit is handled as CPython does) and gives the status.
fn handle_uncaught(vm: &mut Vm, e: Value) -> i32 {
    if vm.exc_matches(fp_vm::Exc(e), vm.exc.system_exit) {
        let k = vm.intern("code");
        let code = fp_vm::types::instance::get(e, k).unwrap_or(Value::NONE);
        if code.is_none() {
            return 0;
        }
        if let Some(i) = fp_vm::types::int::int_ref(code).and_then(|i| i.to_i64()) {
            return i as i32;
        }
        let s = fp_vm::ops::repr::str_string(vm, code).unwrap_or_default();
        fp_vm::modules::sys::write_stderr(vm, &format!("{s}\n"));
        return 1;
    }
    fp_vm::interp::traceback::print_exception(vm, e);
    if vm.exc_matches(fp_vm::Exc(e), vm.exc.keyboard_interrupt) {
        return KILLED_BY_SIGINT;
    }
    1
}
