//! `_imp`: the interpreter hooks `importlib._bootstrap` builds the import system on: builtin
//! (native) modules, the import lock, frozen modules (`frozen`: CPython's test modules only)
//! and the code-cache helpers. ferropy loads no C extension modules.

use crate::modules::frozen;
use crate::native;
use crate::native::NativeDef;
use crate::types::code::CodeObj;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("lock_held", "()", lock_held),
    native!("acquire_lock", "()", acquire_lock),
    native!("release_lock", "()", release_lock),
    native!("is_builtin", "(name, /)", is_builtin),
    native!("create_builtin", "(spec, /)", create_builtin),
    native!("exec_builtin", "(mod, /)", exec_module),
    native!("is_frozen", "(name, /)", frozen::is_frozen),
    native!("is_frozen_package", "(name, /)", frozen::is_frozen_package),
    native!(
        "find_frozen",
        "(name, /, *, withdata=False)",
        frozen::find_frozen
    ),
    native!(
        "get_frozen_object",
        "(name, data=None, /)",
        frozen::get_frozen_object
    ),
    native!("init_frozen", "(name, /)", frozen::init_frozen),
    native!("_frozen_module_names", "()", frozen_module_names),
    native!(
        "_override_frozen_modules_for_tests",
        "(override, /)",
        override_frozen
    ),
    native!("_fix_co_filename", "(code, path, /)", fix_co_filename),
    native!("extension_suffixes", "()", extension_suffixes),
    native!(
        "create_dynamic",
        "(spec, file=<unrepresentable>, /)",
        create_dynamic
    ),
    native!("exec_dynamic", "(mod, /)", exec_module),
    native!("source_hash", "(key, source)", source_hash),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_imp", FUNCS);
    let mode = vm
        .config
        .check_hash_based_pycs
        .clone()
        .unwrap_or_else(|| "default".to_string());
    let d = vm.new_string(mode);
    set_attr(vm, m, "check_hash_based_pycs", d);
    Ok(m)
}

/// The import lock's depth (one thread: a counter keeps acquire/release balanced).
fn lock_depth(vm: &mut Vm) -> i64 {
    vm.state_get("_imp.lock")
        .and_then(|v| v.as_small_int())
        .unwrap_or(0)
}

fn set_lock_depth(vm: &mut Vm, n: i64) {
    let v = Value::try_small_int(n).unwrap_or(Value::NONE);
    vm.state_set("_imp.lock", v);
}

fn lock_held(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::from_bool(lock_depth(vm) > 0))
}

fn acquire_lock(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let n = lock_depth(vm);
    set_lock_depth(vm, n + 1);
    Ok(Value::NONE)
}

fn release_lock(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let n = lock_depth(vm);
    if n == 0 {
        return Err(vm.new_exc(vm.exc.runtime_error, "not holding the import lock"));
    }
    set_lock_depth(vm, n - 1);
    Ok(Value::NONE)
}

fn str_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<String> {
    match crate::types::str::as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v)))),
    }
}

fn is_builtin(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = str_arg(vm, a[0], "is_builtin() argument")?;
    // sys and builtins cannot be initialised again: CPython answers -1 for them.
    let r = if name == "sys" || name == "builtins" {
        -1
    } else if crate::modules::find_builtin(&name).is_some() {
        1
    } else {
        0
    };
    Ok(Value::try_small_int(r).unwrap_or(Value::NONE))
}

/// Creates the native module `spec.name` (see `modules::create_builtin_module`).
fn create_builtin(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = vm.intern("name");
    let name_v = crate::ops::attr::getattr(vm, a[0], n)?;
    let name = str_arg(vm, name_v, "name")?;
    match crate::modules::create_builtin_module(vm, &name)? {
        Some(m) => Ok(m),
        None => Err(vm.new_exc(
            vm.exc.import_error,
            format!("no built-in module named {name}"),
        )),
    }
}

fn exec_module(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::try_small_int(0).unwrap_or(Value::NONE))
}

fn frozen_module_names(vm: &mut Vm, _a: &[Value]) -> PyResult {
    frozen::frozen_module_names(vm)
}

fn override_frozen(vm: &mut Vm, a: &[Value]) -> PyResult {
    frozen::set_override(vm, a[0])
}

/// Points `code` and the code objects nested in it at `path`, when the code came from a cache
/// file written for a source file that has since moved.
fn fix_co_filename(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(c) = a[0].downcast::<CodeObj>() else {
        return Err(vm.type_error(format!(
            "_fix_co_filename() argument 1 must be code, not {}",
            vm.type_name(a[0])
        )));
    };
    str_arg(vm, a[1], "_fix_co_filename() argument 2")?;
    let old = c.filename.get();
    if crate::ops::compare::eq(vm, old, a[1])? {
        return Ok(Value::NONE);
    }
    set_filename(a[0], old, a[1]);
    Ok(Value::NONE)
}

fn set_filename(code: Value, old: Value, new: Value) {
    let Some(c) = code.downcast::<CodeObj>() else {
        return;
    };
    if c.filename.get() != old {
        return;
    }
    c.filename.set(new);
    for k in c.consts.iter() {
        set_filename(*k, old, new);
    }
}

fn extension_suffixes(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::list::new_list(vm, vec![]))
}

fn create_dynamic(vm: &mut Vm, a: &[Value]) -> PyResult {
    let o = vm.intern("origin");
    let origin = crate::ops::attr::getattr(vm, a[0], o)?;
    let origin = crate::ops::repr::str_string(vm, origin)?;
    Err(vm.new_exc(
        vm.exc.import_error,
        format!("ferropy cannot load C extension modules: {origin}"),
    ))
}

/// SipHash-1-3 of `source` keyed by `key` (CPython's `_Py_KeyedHash`), as 8 little-endian bytes.
fn source_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    use std::hash::Hasher;
    let key = crate::ops::number::index_i64(vm, a[0])? as u64;
    let data = crate::types::bytes_methods::buffer_arg(vm, a[1])?;
    let mut h = siphasher::sip::SipHasher13::new_with_keys(key, 0);
    h.write(&data);
    let out = h.finish().to_le_bytes().to_vec();
    Ok(crate::types::bytes::new_bytes(vm, out))
}
