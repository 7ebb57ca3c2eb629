//! The bytecode interpreter: frames (`frame`), the eval loop (`eval`), and tracebacks
//! (`traceback`). Python-to-Python calls run in the same loop without Rust recursion.

pub mod compile_error;
pub mod eval;
pub mod finalize;
pub mod frame;
pub mod inline_cache;
pub mod source;
pub mod trace;
pub mod traceback;
pub mod traceback_carets;

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Compiles `source`, turning a compile error into the SyntaxError CPython raises.
pub fn compile_checked(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: fp_compiler::Mode,
    opts: &fp_compiler::CompileOptions,
) -> PyResult<fp_bytecode::CodeObject> {
    fp_compiler::compile(source, filename, mode, opts)
        .map_err(|e| compile_error::to_exception(vm, &e, source, filename))
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
