//! Native modules (written in Rust where CPython writes C) and the import entry points.
//!
//! The full import system (`importlib._bootstrap` driving `sys.path` finders over CPython's
//! `Lib/`) is the standard-library issue's work; for now `import` resolves modules already in
//! `sys.modules` and the native modules registered here, and raises ModuleNotFoundError with
//! CPython's message otherwise.

pub mod binascii;
pub mod builtins;
pub mod codecs;
pub mod hashes;
pub mod random;
pub mod signals;
pub mod stdio;
pub mod struct_;
pub mod sys;
pub mod zlib;

use crate::native::NativeDef;
use crate::types::dict;
use crate::types::module::{module_dict, new_module};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A module written in Rust. `init` builds a fresh module object (`new_module(vm, name)` plus
/// its functions, types and constants) and returns it; the import system registers it in
/// `sys.modules`. Each native module lives in its own file under `modules/` and adds one line
/// to `BUILTIN_MODULES`.
pub struct BuiltinModule {
    pub name: &'static str,
    pub init: fn(&mut Vm) -> PyResult,
}

/// Every native module importable by name (`sys.builtin_module_names` lists these, plus `sys`
/// and `builtins`, which exist from start-up).
pub static BUILTIN_MODULES: &[BuiltinModule] = &[
    BuiltinModule {
        name: "_codecs",
        init: codecs::init,
    },
    BuiltinModule {
        name: "_struct",
        init: struct_::init,
    },
    BuiltinModule {
        name: "binascii",
        init: binascii::init,
    },
    BuiltinModule {
        name: "_md5",
        init: hashes::init_md5,
    },
    BuiltinModule {
        name: "_sha1",
        init: hashes::init_sha1,
    },
    BuiltinModule {
        name: "_sha256",
        init: hashes::init_sha256,
    },
    BuiltinModule {
        name: "_sha512",
        init: hashes::init_sha512,
    },
    BuiltinModule {
        name: "_sha3",
        init: hashes::init_sha3,
    },
    BuiltinModule {
        name: "_blake2",
        init: hashes::init_blake2,
    },
    BuiltinModule {
        name: "zlib",
        init: zlib::init,
    },
    BuiltinModule {
        name: "_random",
        init: random::init,
    },
];

/// The native module `name`, if there is one.
pub fn find_builtin(name: &str) -> Option<&'static BuiltinModule> {
    BUILTIN_MODULES.iter().find(|m| m.name == name)
}

/// Builds a native module with its functions: the usual first step of a `BuiltinModule::init`.
pub fn module_with_functions(vm: &mut Vm, name: &str, defs: &'static [NativeDef]) -> Value {
    let m = new_module(vm, name);
    builtins::add_functions(vm, m, defs);
    m
}

pub fn init(vm: &mut Vm) {
    vm.sys_modules = dict::new_dict(vm);
    vm.native_state = dict::new_dict(vm);
    builtins::init(vm);
    sys::init(vm);
}

/// Registers a native module object under `name` in `sys.modules`.
pub fn register(vm: &mut Vm, name: &str, m: Value) {
    let k = vm.intern(name);
    dict::set_item_str(vm, vm.sys_modules, k, m);
}

pub fn new_native_module(vm: &mut Vm, name: &str) -> Value {
    let m = new_module(vm, name);
    register(vm, name, m);
    m
}

/// `importlib.import_module(name)` for an absolute name.
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult {
    if let Some(m) = dict::get_str(vm.sys_modules, name) {
        return Ok(m);
    }
    if let Some(b) = find_builtin(name) {
        let m = (b.init)(vm)?;
        register(vm, name, m);
        return Ok(m);
    }
    let e = vm.new_exc(
        vm.exc.module_not_found_error,
        format!("No module named '{name}'"),
    );
    let n = vm.new_str(name);
    let k = vm.intern("name");
    crate::types::instance::set(vm, e.0, k, n);
    Err(e)
}

/// IMPORT_NAME: `__import__(name, globals, locals, fromlist, level)`.
pub fn import_name(
    vm: &mut Vm,
    name: Value,
    globals: Value,
    locals: Value,
    fromlist: Value,
    level: Value,
) -> PyResult {
    let custom = dict::get_str(vm.builtins_dict, "__import__");
    if let Some(f) = custom
        && !f.is::<crate::types::function::NativeFunction>()
    {
        return crate::ops::call::call(vm, f, &[name, globals, locals, fromlist, level]);
    }
    import_name_builtin(vm, name, globals, locals, fromlist, level)
}

/// The builtin `__import__` itself (no check for a replaced `builtins.__import__`, so a
/// replacement that calls the original does not recurse).
pub fn import_name_builtin(
    vm: &mut Vm,
    name: Value,
    globals: Value,
    _locals: Value,
    fromlist: Value,
    level: Value,
) -> PyResult {
    let lvl = level.as_small_int().unwrap_or(0);
    let n = crate::types::str::as_str(name).unwrap_or("").to_string();
    let full = if lvl > 0 {
        let pkg = dict::get_str(globals, "__package__")
            .and_then(crate::types::str::as_str)
            .unwrap_or("")
            .to_string();
        if pkg.is_empty() {
            return Err(vm.new_exc(
                vm.exc.import_error,
                "attempted relative import with no known parent package",
            ));
        }
        let mut parts: Vec<&str> = pkg.split('.').collect();
        for _ in 1..lvl {
            parts.pop();
        }
        let base = parts.join(".");
        if n.is_empty() {
            base
        } else {
            format!("{base}.{n}")
        }
    } else {
        n.clone()
    };
    // Import each package level in turn, so `import a.b` binds `a`.
    let mut cur = String::new();
    let mut first = Value::NULL;
    let mut last = Value::NULL;
    for part in full.split('.') {
        if !cur.is_empty() {
            cur.push('.');
        }
        cur.push_str(part);
        let m = import_module(vm, &cur)?;
        if first.is_null() {
            first = m;
        }
        last = m;
    }
    let has_fromlist = !fromlist.is_none() && crate::ops::truth::is_true(vm, fromlist)?;
    if has_fromlist || lvl > 0 && n.is_empty() {
        Ok(last)
    } else {
        Ok(first)
    }
}

/// IMPORT_FROM: `from m import name`.
pub fn import_from(vm: &mut Vm, m: Value, name: Value) -> PyResult {
    match crate::ops::attr::getattr_opt(vm, m, name)? {
        Some(v) => Ok(v),
        None => {
            let mn = crate::types::module::module_name(m).unwrap_or_else(|| "?".into());
            let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
            let sub = format!("{mn}.{n}");
            if let Some(v) = dict::get_str(vm.sys_modules, &sub) {
                return Ok(v);
            }
            let file = dict::get_str(module_dict(m), "__file__")
                .and_then(crate::types::str::as_str)
                .map(str::to_string);
            let loc = match file {
                Some(f) => format!(" ({f})"),
                None => " (unknown location)".to_string(),
            };
            Err(vm.new_exc(
                vm.exc.import_error,
                format!("cannot import name '{n}' from '{mn}'{loc}"),
            ))
        }
    }
}

/// IMPORT_STAR: copies public names (or `__all__`) into `target`.
pub fn import_star(vm: &mut Vm, m: Value, target: Value) -> PyResult<()> {
    let d = module_dict(m);
    let names: Vec<Value> = match dict::get_str(d, "__all__") {
        Some(all) => crate::ops::iter::collect(vm, all)?,
        None => dict::keys(d)
            .into_iter()
            .filter(|k| crate::types::str::as_str(*k).is_some_and(|s| !s.starts_with('_')))
            .collect(),
    };
    for n in names {
        let v = crate::ops::attr::getattr(vm, m, n)?;
        if target.is::<dict::DictObj>() {
            dict::set_item(vm, target, n, v)?;
        } else {
            crate::ops::item::setitem(vm, target, n, v)?;
        }
    }
    Ok(())
}
