//! The bytecode interpreter: frames (`frame`), the eval loop (`eval`), and tracebacks
//! (`traceback`). Python-to-Python calls run in the same loop without Rust recursion.

pub mod compile_error;
pub mod eval;
pub mod frame;
pub mod source;
pub mod traceback;

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Compiles `source` as a module body and runs it in the namespace `globals` (SyntaxError as
/// CPython reports it).
pub fn exec_source(vm: &mut Vm, source: &str, filename: &str, globals: Value) -> PyResult {
    let opts = fp_compiler::CompileOptions {
        optimize: vm.config.optimize,
        future_annotations: false,
    };
    let code = match fp_compiler::compile(source, filename, fp_compiler::Mode::Exec, &opts) {
        Ok(c) => c,
        Err(e) => {
            return Err(compile_error::to_exception(vm, &e, source, filename));
        }
    };
    let codev = crate::types::code::load_code(vm, code);
    let frame = frame::new_frame(vm, codev, globals, globals);
    eval::run_frame(vm, frame)
}
