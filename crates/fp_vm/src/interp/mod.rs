//! The bytecode interpreter: frames (`frame`), the eval loop (`eval`, with its helpers for
//! exceptions `except`, suspension `suspend` and `match` statements `patterns`), tracing
//! and profiling hooks (`trace`: `sys.settrace`/`setprofile`), and tracebacks (`traceback`).
//! Python-to-Python calls and generator resumptions run in the same loop without Rust
//! recursion.

pub mod compile_error;
pub mod eval;
mod except;
pub mod finalize;
pub mod frame;
pub mod inline_cache;
mod patterns;
pub mod source;
mod suspend;
pub mod trace;
pub mod traceback;
pub mod traceback_carets;

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Compiles `source`, turning a compile error into the SyntaxError CPython raises. The
/// compiler's warnings are issued first, through the warning filters; one turned into an error
/// becomes a SyntaxError at its place, as in CPython.
pub fn compile_checked(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: fp_compiler::Mode,
    opts: &fp_compiler::CompileOptions,
) -> PyResult<fp_bytecode::CodeObject> {
    let (result, warnings) = fp_compiler::compile_with_warnings(source, filename, mode, opts);
    for w in warnings {
        let cat = match w.category {
            fp_compiler::WarningCategory::SyntaxWarning => vm.exc.syntax_warning,
            fp_compiler::WarningCategory::DeprecationWarning => vm.exc.deprecation_warning,
        };
        let r =
            crate::modules::warnings::warn_explicit_rs(vm, cat, &w.msg, filename, w.line as i64);
        if let Err(e) = r {
            if !vm.exc_matches(e, cat) {
                return Err(e);
            }
            let err = fp_bytecode::CompileError {
                kind: fp_bytecode::CompileErrorKind::SyntaxError,
                msg: w.msg.clone(),
                line: w.span[0],
                col: w.span[1],
                end_line: w.span[2],
                end_col: w.span[3],
            };
            return Err(compile_error::to_exception(vm, &err, source, filename));
        }
    }
    result.map_err(|e| compile_error::to_exception(vm, &e, source, filename))
}

/// Runs compiled module-level code in the namespace `globals`.
pub fn run_module_code(vm: &mut Vm, code: fp_bytecode::CodeObject, globals: Value) -> PyResult {
    let codev = crate::types::code::load_code(vm, code);
    let frame = frame::new_frame(vm, codev, globals, globals);
    eval::run_frame(vm, frame)
}

/// Compiles `source` as a module body and runs it in the namespace `globals`.
pub fn exec_source(vm: &mut Vm, source: &str, filename: &str, globals: Value) -> PyResult {
    let opts = fp_compiler::CompileOptions {
        optimize: vm.config.optimize,
        future_annotations: false,
    };
    let code = compile_checked(vm, source, filename, fp_compiler::Mode::Exec, &opts)?;
    run_module_code(vm, code, globals)
}
