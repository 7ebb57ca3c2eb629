//! `_weakref`: the native half of `weakref` (the types live in `types/weakref.rs`).

use crate::native;
use crate::native::NativeDef;
use crate::types::module::set_attr;
use crate::types::weakref as wr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("getweakrefcount", "(object, /)", getweakrefcount),
    native!("getweakrefs", "(object, /)", getweakrefs),
    native!("proxy", "(object, callback=None, /)", proxy),
    native!("_remove_dead_weakref", "(dct, key, /)", remove_dead_weakref),
];

pub fn init(vm: &mut Vm) -> PyResult {
    if vm.state_get("weakref.ref").is_none() {
        wr::install(vm);
    }
    let m = crate::modules::module_with_functions(vm, "_weakref", FUNCS);
    for (name, key) in [
        ("ref", "weakref.ref"),
        ("ReferenceType", "weakref.ref"),
        ("ProxyType", "weakref.proxy"),
        ("CallableProxyType", "weakref.callableproxy"),
    ] {
        let t = vm.state_get(key).unwrap_or(Value::NONE);
        set_attr(vm, m, name, t);
    }
    Ok(m)
}

fn getweakrefcount(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = wr::refs_to(vm, a[0]).len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn getweakrefs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let refs = wr::refs_to(vm, a[0]);
    Ok(crate::types::list::new_list(vm, refs))
}

fn proxy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cb = if a[1].is_null() { Value::NONE } else { a[1] };
    wr::new_proxy(vm, a[0], cb)
}

/// Deletes `dct[key]` if it is still a dead weak reference (WeakValueDictionary's cleanup).
fn remove_dead_weakref(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = a[0];
    if !d.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            vm.type_name(d)
        )));
    }
    if let Some(v) = crate::types::dict::get_item(vm, d, a[1])?
        && v.is::<wr::WeakRefObj>()
        && wr::referent(v).is_null()
    {
        crate::types::dict::del_item(vm, d, a[1])?;
    }
    Ok(Value::NONE)
}
