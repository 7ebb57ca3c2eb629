//! Turns a compiler `CompileError` into the SyntaxError/IndentationError/TabError instance
//! CPython would raise (msg, filename, lineno, offset, text, end positions).

use crate::value::Value;
use crate::vm::{Exc, Vm};
use fp_bytecode::{CompileError, CompileErrorKind};

pub fn to_exception(vm: &mut Vm, e: &CompileError, source: &str, filename: &str) -> Exc {
    // Resource limits of the compiler surface as CPython's exceptions, not as SyntaxError.
    if e.msg == fp_compiler::RECURSION_ERROR_MSG {
        return vm.recursion_error(&e.msg);
    }
    if e.msg == fp_compiler::PARSER_OVERFLOW_MSG {
        return vm.memory_error();
    }
    let ty = match e.kind {
        CompileErrorKind::SyntaxError => vm.exc.syntax_error,
        CompileErrorKind::IndentationError => vm.exc.indentation_error,
        CompileErrorKind::TabError => vm.exc.tab_error,
    };
    let text = if e.line >= 1 {
        source
            .lines()
            .nth(e.line as usize - 1)
            .map(|l| format!("{l}\n"))
    } else {
        None
    };
    let msg = vm.new_str(&e.msg);
    let fname = vm.new_str(filename);
    let int = |vm: &mut Vm, x: u32| crate::types::int::from_i64(vm, x as i64);
    let lineno = int(vm, e.line);
    let offset = int(vm, e.col);
    let text_v = match text {
        Some(t) => vm.new_string(t),
        None => Value::NONE,
    };
    let end_lineno = int(vm, e.end_line);
    let end_offset = int(vm, e.end_col);
    let details = crate::types::tuple::new_tuple(
        vm,
        vec![fname, lineno, offset, text_v, end_lineno, end_offset],
    );
    vm.new_exc_args(ty, vec![msg, details])
}
