//! The import statement: `__import__` with CPython's algorithm (`import.c`), driving
//! `importlib._bootstrap` (loaded from CPython's `Lib/` at start-up, see `startup.rs`).
//!
//! The fast path stays in Rust: a module already in `sys.modules` and fully initialised is
//! returned without running any Python code. Everything else (finders, loaders, specs, the
//! module locks) is importlib's own code, so its semantics are CPython's by construction.
//! Before importlib is installed (the first moments of start-up) only native modules import.

use crate::types::dict;
use crate::types::str::as_str;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// IMPORT_NAME: calls `builtins.__import__`, or goes straight to the builtin one when it was
/// not replaced. Only the eval loop calls it, from a clean position (its operands are the
/// code's constants and names, and the frame's namespaces): on a clean level importlib's
/// Python code runs cleanly too, so a long import collects (see `ops::call::call_kw_in`).
/// Out of line, so that the eval loop's hot paths compile as without it.
#[inline(never)]
pub fn import_name(
    vm: &mut Vm,
    name: Value,
    globals: Value,
    locals: Value,
    fromlist: Value,
    level: Value,
) -> PyResult {
    let clean = vm.is_clean();
    let custom = dict::get_str(vm.builtins_dict, "__import__");
    match custom {
        Some(f) if !f.is::<crate::types::function::NativeFunction>() => {
            let args = [name, globals, locals, fromlist, level];
            crate::ops::call::call_kw_in(vm, f, &args, &[], clean)
        }
        Some(_) => {
            let r = import_level(vm, name, globals, fromlist, level, clean);
            if let Err(e) = r {
                crate::interp::traceback::remove_importlib_frames(vm, e);
            }
            r
        }
        None => Err(vm.new_exc(vm.exc.import_error, "__import__ not found")),
    }
}

/// The builtin `__import__(name, globals, locals, fromlist, level)`.
pub fn import_name_builtin(
    vm: &mut Vm,
    name: Value,
    globals: Value,
    _locals: Value,
    fromlist: Value,
    level: Value,
) -> PyResult {
    let r = import_level(vm, name, globals, fromlist, level, false);
    if let Err(e) = r {
        crate::interp::traceback::remove_importlib_frames(vm, e);
    }
    r
}

fn import_level(
    vm: &mut Vm,
    name: Value,
    globals: Value,
    fromlist: Value,
    level: Value,
    clean: bool,
) -> PyResult {
    let Some(name_s) = as_str(name) else {
        return Err(vm.type_error(format!(
            "module name must be str, not {}",
            vm.type_name(name)
        )));
    };
    let level = if level.is_null() {
        0
    } else {
        crate::ops::number::index_i64(vm, level)?
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    let abs = if level > 0 {
        resolve_name(vm, name_s, globals, level)?
    } else {
        if name_s.is_empty() {
            return Err(vm.value_error("Empty module name"));
        }
        name_s.to_string()
    };
    let m = import_absolute_in(vm, &abs, clean)?;
    let has_from =
        !fromlist.is_null() && !fromlist.is_none() && crate::ops::truth::is_true(vm, fromlist)?;
    if !has_from {
        if level == 0 || !name_s.is_empty() {
            let Some(dot) = name_s.find('.') else {
                return Ok(m);
            };
            if level == 0 {
                return import_absolute_in(vm, &name_s[..dot], clean);
            }
            let cut_off = name_s.len() - dot;
            let to_return = &abs[..abs.len() - cut_off];
            return match dict::get_str(vm.sys_modules, to_return) {
                Some(m) => Ok(m),
                None => {
                    let k = vm.new_str(to_return);
                    let r = crate::ops::repr::repr_string(vm, k)?;
                    Err(vm.new_exc(
                        vm.exc.key_error,
                        format!("{r} not in sys.modules as expected"),
                    ))
                }
            };
        }
        return Ok(m);
    }
    let path = vm.intern("__path__");
    if vm.importlib.is_null() || crate::ops::attr::getattr_opt(vm, m, path)?.is_none() {
        return Ok(m);
    }
    let handle = vm.intern("_handle_fromlist");
    let import_fn = builtin_import(vm);
    let mark = vm.roots_mark();
    vm.root(m);
    let r = call_importlib(vm, handle, &[m, fromlist, import_fn], clean);
    vm.truncate_roots(mark);
    r
}

/// Calls the function `name` of importlib's `_bootstrap`, from a clean position when `clean`
/// (the caller roots `args`).
fn call_importlib(vm: &mut Vm, name: Value, args: &[Value], clean: bool) -> PyResult {
    let f = crate::ops::attr::getattr(vm, vm.importlib, name)?;
    crate::ops::call::call_kw_in(vm, f, args, &[], clean)
}

/// The original builtin `__import__` (importlib passes it along for nested imports).
fn builtin_import(vm: &mut Vm) -> Value {
    vm.state_get("import.builtin")
        .or_else(|| dict::get_str(vm.builtins_dict, "__import__"))
        .unwrap_or(Value::NONE)
}

/// Imports the module `abs` (an absolute dotted name) and returns it.
pub fn import_absolute(vm: &mut Vm, abs: &str) -> PyResult {
    import_absolute_in(vm, abs, false)
}

/// `import_absolute`, from a clean position when `clean` (see `import_name`).
fn import_absolute_in(vm: &mut Vm, abs: &str, clean: bool) -> PyResult {
    if let Some(m) = dict::get_str(vm.sys_modules, abs)
        && !m.is_none()
    {
        if !vm.importlib.is_null() && is_initializing(vm, m)? {
            // Another import of it is in progress (a circular import): wait on its lock, as
            // importlib's own path would.
            let n = vm.new_str(abs);
            let f = vm.intern("_lock_unlock_module");
            crate::ops::call::call_method(vm, vm.importlib, f, &[n])?;
        }
        return Ok(m);
    }
    if vm.importlib.is_null() {
        if let Some(m) = crate::modules::create_builtin_module(vm, abs)? {
            crate::modules::register(vm, abs, m);
            return Ok(m);
        }
        return Err(module_not_found(vm, abs));
    }
    let n = vm.new_str(abs);
    let f = vm.intern("_find_and_load");
    let import_fn = builtin_import(vm);
    let mark = vm.roots_mark();
    vm.root(n);
    let r = call_importlib(vm, f, &[n, import_fn], clean);
    vm.truncate_roots(mark);
    r
}

/// `importlib.import_module(name)` for an absolute name: the module itself (not its top-level
/// package), for Rust code that needs a module of the standard library.
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult {
    let m = import_absolute(vm, name)?;
    if !name.contains('.') {
        return Ok(m);
    }
    Ok(dict::get_str(vm.sys_modules, name).unwrap_or(m))
}

fn module_not_found(vm: &mut Vm, name: &str) -> crate::vm::Exc {
    let e = vm.new_exc(
        vm.exc.module_not_found_error,
        format!("No module named '{name}'"),
    );
    let n = vm.new_str(name);
    let k = vm.intern("name");
    crate::types::instance::set(vm, e.0, k, n);
    e
}

/// Whether `m.__spec__._initializing` is true (the module's own import is still running).
fn is_initializing(vm: &mut Vm, m: Value) -> PyResult<bool> {
    let spec_name = vm.intern("__spec__");
    let Some(spec) = crate::ops::attr::getattr_opt(vm, m, spec_name)? else {
        return Ok(false);
    };
    if spec.is_none() {
        return Ok(false);
    }
    let init = vm.intern("_initializing");
    match crate::ops::attr::getattr_opt(vm, spec, init)? {
        Some(v) => crate::ops::truth::is_true(vm, v),
        None => Ok(false),
    }
}

/// The absolute name of a relative import (`import.c: resolve_name`), with CPython's errors.
fn resolve_name(vm: &mut Vm, name: &str, globals: Value, level: i64) -> PyResult<String> {
    if globals.is_null() || globals.is_none() {
        return Err(vm.new_exc(vm.exc.key_error, "'__name__' not in globals"));
    }
    if !globals.is::<dict::DictObj>() {
        return Err(vm.type_error("globals must be a dict"));
    }
    let mut package = dict::get_str(globals, "__package__").filter(|p| !p.is_none());
    let spec = dict::get_str(globals, "__spec__").filter(|s| !s.is_none());
    let parent_name = vm.intern("parent");
    if let Some(p) = package {
        if as_str(p).is_none() {
            return Err(vm.type_error("package must be a string"));
        }
        if let Some(spec) = spec {
            let parent = crate::ops::attr::getattr(vm, spec, parent_name)?;
            if !crate::ops::compare::eq(vm, p, parent)? {
                warn(vm, vm.exc.import_warning, "__package__ != __spec__.parent")?;
            }
        }
    } else if let Some(spec) = spec {
        let parent = crate::ops::attr::getattr(vm, spec, parent_name)?;
        if as_str(parent).is_none() {
            return Err(vm.type_error("__spec__.parent must be a string"));
        }
        package = Some(parent);
    } else {
        warn(
            vm,
            vm.exc.import_warning,
            "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__",
        )?;
        let Some(n) = dict::get_str(globals, "__name__") else {
            return Err(vm.new_exc(vm.exc.key_error, "'__name__' not in globals"));
        };
        let Some(s) = as_str(n) else {
            return Err(vm.type_error("__name__ must be a string"));
        };
        let pkg = if dict::get_str(globals, "__path__").is_some() {
            s.to_string()
        } else {
            s.rsplit_once('.').map(|(a, _)| a).unwrap_or("").to_string()
        };
        package = Some(vm.new_string(pkg));
    }
    let pkg = package.and_then(as_str).unwrap_or("");
    if pkg.is_empty() {
        return Err(vm.new_exc(
            vm.exc.import_error,
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = pkg;
    for _ in 1..level {
        match base.rfind('.') {
            Some(i) => base = &base[..i],
            None => {
                return Err(vm.new_exc(
                    vm.exc.import_error,
                    "attempted relative import beyond top-level package",
                ));
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

/// Issues a warning through `_warnings.warn`.
fn warn(vm: &mut Vm, category: Value, msg: &str) -> PyResult<()> {
    crate::modules::warnings::warn_with_source(vm, category, msg, 1, Value::NULL)
}

/// IMPORT_FROM: `from m import name`, falling back on the submodule `m.name` in `sys.modules`
/// (circular imports), with CPython's messages.
pub fn import_from(vm: &mut Vm, m: Value, name: Value) -> PyResult {
    if let Some(v) = crate::ops::attr::getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    let n = as_str(name).unwrap_or("?").to_string();
    let name_key = vm.intern("__name__");
    let pkg = crate::ops::attr::getattr_opt(vm, m, name_key)?
        .and_then(as_str)
        .map(str::to_string);
    if let Some(pkg) = &pkg
        && let Some(v) = dict::get_str(vm.sys_modules, &format!("{pkg}.{n}"))
    {
        return Ok(v);
    }
    let mn = pkg.unwrap_or_else(|| "<unknown module name>".to_string());
    let file_key = vm.intern("__file__");
    let file = crate::ops::attr::getattr_opt(vm, m, file_key)?
        .and_then(as_str)
        .map(str::to_string);
    let loc = file
        .clone()
        .unwrap_or_else(|| "unknown location".to_string());
    let initializing = !vm.importlib.is_null() && is_initializing(vm, m)?;
    let msg = if initializing {
        format!(
            "cannot import name '{n}' from partially initialized module '{mn}' (most likely due to a circular import) ({loc})"
        )
    } else {
        format!("cannot import name '{n}' from '{mn}' ({loc})")
    };
    let e = vm.new_exc(vm.exc.import_error, msg);
    let (name_k, path_k) = (vm.intern("name"), vm.intern("path"));
    let mn = vm.new_string(mn);
    crate::types::instance::set(vm, e.0, name_k, mn);
    let path = match file {
        Some(f) => vm.new_string(f),
        None => Value::NONE,
    };
    crate::types::instance::set(vm, e.0, path_k, path);
    Err(e)
}

/// IMPORT_STAR: copies public names (or `__all__`) into `target`.
pub fn import_star(vm: &mut Vm, m: Value, target: Value) -> PyResult<()> {
    let all_key = vm.intern("__all__");
    // CPython indexes `__all__` (or the list of `__dict__`'s keys) until IndexError, checks
    // each name is a str, and skips `_`-names only when they come from `__dict__`.
    let (names, from_dict) = match crate::ops::attr::getattr_opt(vm, m, all_key)? {
        Some(all) => (all, false),
        None => {
            let dict_key = vm.intern("__dict__");
            let Some(d) = crate::ops::attr::getattr_opt(vm, m, dict_key)? else {
                return Err(vm.new_exc(
                    vm.exc.import_error,
                    "from-import-* object has no __dict__ and no __all__",
                ));
            };
            let keys = if d.is::<dict::DictObj>() {
                dict::keys(d)
            } else {
                let k = vm.intern("keys");
                let ks = crate::ops::call::call_method(vm, d, k, &[])?;
                crate::ops::iter::collect(vm, ks)?
            };
            (crate::types::list::new_list(vm, keys), true)
        }
    };
    let gi = vm.intern("__getitem__");
    let nt = vm.type_of(names);
    if crate::types::typeobj::lookup(vm, nt, gi).is_null() {
        return Err(vm.type_error(format!(
            "'{}' object does not support indexing",
            vm.type_name(names)
        )));
    }
    let mut i: i64 = 0;
    loop {
        let idx = crate::types::int::from_i64(vm, i);
        let n = match crate::ops::item::getitem(vm, names, idx) {
            Ok(n) => n,
            Err(e) if vm.exc_matches(e, vm.exc.index_error) => break,
            Err(e) => return Err(e),
        };
        i += 1;
        let Some(s) = as_str(n) else {
            let nk = vm.intern("__name__");
            let modname = crate::ops::attr::getattr(vm, m, nk)?;
            let tn = vm.type_name(n).to_string();
            let msg = match as_str(modname) {
                None => format!(
                    "module __name__ must be a string, not {}",
                    vm.type_name(modname)
                ),
                Some(mn) if from_dict => format!("Key in {mn}.__dict__ must be str, not {tn}"),
                Some(mn) => format!("Item in {mn}.__all__ must be str, not {tn}"),
            };
            return Err(vm.type_error(msg));
        };
        if from_dict && s.starts_with('_') {
            continue;
        }
        let v = crate::ops::attr::getattr(vm, m, n)?;
        if target.is::<dict::DictObj>() {
            dict::set_item(vm, target, n, v)?;
        } else {
            crate::ops::item::setitem(vm, target, n, v)?;
        }
    }
    Ok(())
}
