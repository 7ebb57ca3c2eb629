//! `_warnings`: only `warn`, for the interpreter's own early warnings (importlib calls it).
//! `Lib/warnings.py` finds no `filters` here and so runs its complete pure-Python
//! implementation; `warn` hands every warning to it, so one filter list decides everything.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[native!(
    "warn",
    "(message, category=None, stacklevel=1, source=None)",
    warn
)];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(
        vm,
        "_warnings",
        FUNCS,
    ))
}

fn warn(vm: &mut Vm, a: &[Value]) -> PyResult {
    // Omitted arguments take `warnings.warn`'s defaults (stacklevel 1, the others None).
    let args: Vec<Value> = a
        .iter()
        .enumerate()
        .map(|(i, v)| match (v.is_null(), i) {
            (false, _) => *v,
            (true, 2) => Value::small(1),
            (true, _) => Value::NONE,
        })
        .collect();
    let warnings = crate::modules::import_module(vm, "warnings")?;
    let w = vm.intern("warn");
    crate::ops::call::call_method(vm, warnings, w, &args)
}

/// Issues `warnings.warn(msg, category, stacklevel, source=source)` from Rust (source may be
/// NULL: none). The warning goes through `Lib/warnings.py`'s filters like any other.
pub fn warn_with_source(
    vm: &mut Vm,
    category: Value,
    msg: &str,
    stacklevel: i64,
    source: Value,
) -> PyResult<()> {
    let m = vm.new_str(msg);
    let level = crate::types::int::from_i64(vm, stacklevel);
    let src = if source.is_null() {
        Value::NONE
    } else {
        source
    };
    warn(vm, &[m, category, level, src])?;
    Ok(())
}
