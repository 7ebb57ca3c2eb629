//! `_csv`: the CSV reader/writer module that `Lib/csv.py` imports (CPython 3.11's C `_csv`).
//! The module body is written in Python (`csv/_csv_impl.py`, embedded at build time) and run
//! in the fresh module's namespace by the builtin `exec`: the parsing state machine, the
//! writer's quoting rules and the `Dialect` validation follow CPython's behaviour and messages.
//! A stand-in: correct (CPython's test_csv passes with it under python3.11) but about 20-40x
//! slower than CPython's C module; the Rust version replaces it with the same behaviour.

use crate::ops;
use crate::types::module::new_module;
use crate::vm::{PyResult, Vm};

const SOURCE: &str = include_str!("csv/_csv_impl.py");

pub fn init(vm: &mut Vm) -> PyResult {
    let m = new_module(vm, "_csv");
    let d = crate::types::module::module_dict(m);
    let exec = ops::attr::getattr_str(vm, vm.builtins, "exec")?;
    let src = vm.new_str(SOURCE);
    ops::call::call(vm, exec, &[src, d])?;
    Ok(m)
}
