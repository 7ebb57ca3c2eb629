//! `types.SimpleNamespace`: an object whose constructor keywords become attributes.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn install(vm: &mut Vm) {
    let t = vm.types.simple_namespace;
    crate::types::typeobj::add_methods(vm, t, METHODS);
    let m = vm.new_str("types");
    crate::types::typeobj::set_type_attr(vm, t, "__module__", m);
}

static METHODS: &[NativeDef] = &[
    native!("__init__", "($self, /, **kwargs)", ns_init),
    native!("__repr__", "($self, /)", ns_repr),
    native!("__eq__", "($self, value, /)", ns_eq),
];

fn ns_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[1].is_null() {
        for (k, v) in crate::types::dict::items(a[1]) {
            crate::ops::attr::setattr(vm, a[0], k, v)?;
        }
    }
    Ok(Value::NONE)
}

fn ns_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = if vm.type_of(a[0]) == vm.types.simple_namespace {
        "namespace".to_string()
    } else {
        vm.type_name(a[0])
    };
    let mut parts = Vec::new();
    for (k, v) in crate::types::instance::items(a[0]) {
        let ks = crate::types::str::as_str(k).unwrap_or("?").to_string();
        parts.push(format!("{ks}={}", crate::ops::repr::repr_string(vm, v)?));
    }
    Ok(vm.new_string(format!("{name}({})", parts.join(", "))))
}

fn ns_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (ta, tb) = (vm.type_of(a[0]), vm.type_of(a[1]));
    if ta != tb {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let da = crate::types::instance::to_dict(vm, a[0]);
    let db = crate::types::instance::to_dict(vm, a[1]);
    let r = crate::ops::compare::rich_compare(vm, da, db, fp_bytecode::CompareOp::Eq)?;
    Ok(r)
}
