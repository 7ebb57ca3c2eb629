//! `_typing`: in 3.11 only `_idfunc`, the identity function `typing.NewType` instances call.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[native!("_idfunc", "($module, x, /)", idfunc)];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(vm, "_typing", FUNCS))
}

fn idfunc(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[a.len() - 1])
}
