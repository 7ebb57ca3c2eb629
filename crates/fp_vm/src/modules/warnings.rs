//! `_warnings`: the warnings machinery CPython keeps in C (`Python/_warnings.c`), which
//! `Lib/warnings.py` imports in place of its pure-Python implementation: the shared filter list
//! (`filters`), `_defaultaction`, `_onceregistry`, `_filters_mutated`, `warn` and
//! `warn_explicit`. The Rust runtime's own warnings (`warn_with_source`, `warn_explicit_rs`) go
//! through the same code.
//!
//! As in CPython, the state lives once per interpreter (in `Vm::state`, so every instance of the
//! module shares it), and whenever the Python `warnings` module is in `sys.modules` its
//! `filters`, `defaultaction`, `onceregistry`, `_showwarnmsg` and `WarningMessage` take
//! precedence, so a user's replacements of them are honoured.

use crate::modules::builtins::{is_instance, is_subclass};
use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::dict::{self, DictObj};
use crate::types::list::ListObj;
use crate::types::str::{StrObj, as_str};
use crate::types::tuple;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!(
        "warn",
        "(message, category=None, stacklevel=1, source=None)",
        warn
    ),
    native!(
        "warn_explicit",
        "(message, category, filename, lineno, module=None, registry=None, module_globals=None, source=None)",
        warn_explicit
    ),
    native!("_filters_mutated", "()", filters_mutated),
];

const FILTERS: &str = "_warnings.filters";
const ONCE: &str = "_warnings.onceregistry";
const DEFAULT_ACTION: &str = "_warnings.defaultaction";
const VERSION: &str = "_warnings.filters_version";

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_warnings", FUNCS);
    ensure_state(vm);
    for (attr, key) in [
        ("filters", FILTERS),
        ("_onceregistry", ONCE),
        ("_defaultaction", DEFAULT_ACTION),
    ] {
        let v = vm.state_get(key).unwrap_or(Value::NONE);
        crate::types::module::set_attr(vm, m, attr, v);
    }
    Ok(m)
}

/// Creates the interpreter's warnings state on first use: CPython 3.11's default filters of a
/// release build (the -W options and `-X dev` are applied later by `Lib/warnings.py`, from
/// `sys.warnoptions`).
fn ensure_state(vm: &mut Vm) {
    if vm.state_get(FILTERS).is_some() {
        return;
    }
    let e = &vm.exc;
    let rows = [
        ("default", e.deprecation_warning, Some("__main__")),
        ("ignore", e.deprecation_warning, None),
        ("ignore", e.pending_deprecation_warning, None),
        ("ignore", e.import_warning, None),
        ("ignore", e.resource_warning, None),
    ];
    let mut items = Vec::with_capacity(rows.len());
    for (action, cat, module) in rows {
        let a = vm.intern(action);
        let m = match module {
            Some(m) => vm.new_str(m),
            None => Value::NONE,
        };
        items.push(tuple::new_tuple(
            vm,
            vec![a, Value::NONE, cat, m, Value::small(0)],
        ));
    }
    let filters = crate::types::list::new_list(vm, items);
    vm.state_set(FILTERS, filters);
    let once = dict::new_dict(vm);
    vm.state_set(ONCE, once);
    let default = vm.intern("default");
    vm.state_set(DEFAULT_ACTION, default);
    vm.state_set(VERSION, Value::small(0));
}

fn state(vm: &mut Vm, key: &str) -> Value {
    ensure_state(vm);
    vm.state_get(key).unwrap_or(Value::NONE)
}

fn filters_version(vm: &mut Vm) -> i64 {
    state(vm, VERSION).as_small_int().unwrap_or(0)
}

fn filters_mutated(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let v = filters_version(vm).wrapping_add(1) & 0x3fff_ffff_ffff;
    vm.state_set(VERSION, Value::small(v));
    Ok(Value::NONE)
}

/// An attribute of the Python `warnings` module: from `sys.modules` only, or importing it first
/// when `try_import` (an ImportError then means "not available", as in CPython).
fn warnings_attr(vm: &mut Vm, name: &str, try_import: bool) -> PyResult<Option<Value>> {
    let m = if try_import {
        match crate::modules::import_module(vm, "warnings") {
            Ok(m) => m,
            Err(e) if vm.exc_matches(e, vm.exc.import_error) => return Ok(None),
            Err(e) => return Err(e),
        }
    } else {
        match dict::get_str(vm.sys_modules, "warnings") {
            Some(m) => m,
            None => return Ok(None),
        }
    };
    let n = vm.intern(name);
    ops::attr::getattr_opt(vm, m, n)
}

fn once_registry(vm: &mut Vm) -> PyResult {
    if let Some(r) = warnings_attr(vm, "onceregistry", false)? {
        if !r.is::<DictObj>() {
            let t = vm.type_name(r);
            return Err(vm.type_error(format!("_warnings.onceregistry must be a dict, not '{t}'")));
        }
        vm.state_set(ONCE, r);
        return Ok(r);
    }
    Ok(state(vm, ONCE))
}

fn default_action(vm: &mut Vm) -> PyResult {
    if let Some(a) = warnings_attr(vm, "defaultaction", false)? {
        if !a.is::<StrObj>() {
            let t = vm.type_name(a);
            return Err(vm.type_error(format!(
                "_warnings.defaultaction must be a string, not '{t}'"
            )));
        }
        vm.state_set(DEFAULT_ACTION, a);
        return Ok(a);
    }
    Ok(state(vm, DEFAULT_ACTION))
}

/// A filter's message or module pattern against the warning's text or module: None matches
/// everything, an exact str must be equal (the built-in default filters), anything else is a
/// compiled regex whose `match` decides.
fn check_matched(vm: &mut Vm, pattern: Value, arg: Value) -> PyResult<bool> {
    if pattern.is_none() {
        return Ok(true);
    }
    if vm.type_of(pattern) == vm.types.str_ {
        return match (as_str(pattern), as_str(arg)) {
            (Some(p), Some(s)) => Ok(p == s),
            _ => {
                let (a, b) = (vm.type_name(pattern), vm.type_name(arg));
                Err(vm.type_error(format!("Can't compare {a} and {b}")))
            }
        };
    }
    let m = vm.intern("match");
    let r = ops::call::call_method(vm, pattern, m, &[arg])?;
    ops::truth::is_true(vm, r)
}

/// The action of the first filter matching the warning, with that filter (None when the
/// default action applies).
fn get_filter(
    vm: &mut Vm,
    category: Value,
    text: Value,
    lineno: i64,
    module: Value,
) -> PyResult<(Value, Value)> {
    if let Some(f) = warnings_attr(vm, "filters", false)? {
        vm.state_set(FILTERS, f);
    }
    let filters = state(vm, FILTERS);
    let Some(list) = filters.downcast::<ListObj>() else {
        return Err(vm.value_error("_warnings.filters must be a list"));
    };
    let mut i = 0;
    // The list may change while the filters' `match` methods run: re-read it every time.
    loop {
        let item = match list.items.borrow().get(i) {
            Some(v) => *v,
            None => break,
        };
        let parts = match tuple::items(item) {
            Some(p) if p.len() == 5 => p,
            _ => {
                return Err(vm.value_error(format!("_warnings.filters item {i} isn't a 5-tuple")));
            }
        };
        let (action, msg, cat, mod_, ln) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        if !action.is::<StrObj>() {
            let t = vm.type_name(action);
            return Err(vm.type_error(format!("action must be a string, not '{t}'")));
        }
        let good_msg = check_matched(vm, msg, text)?;
        let good_mod = check_matched(vm, mod_, module)?;
        let sub = is_subclass(vm, category, cat)?;
        let ln = ops::number::index_i64(vm, ln)?;
        if good_msg && sub && good_mod && (ln == 0 || ln == lineno) {
            return Ok((action, item));
        }
        i += 1;
    }
    let a = default_action(vm)?;
    Ok((a, Value::NONE))
}

/// Whether `key` is already in `registry` (a dict), after clearing a registry made under an
/// older version of the filters; records it when `set`.
fn already_warned(vm: &mut Vm, registry: Value, key: Value, set: bool) -> PyResult<bool> {
    let version = filters_version(vm);
    let vkey = vm.intern("version");
    let current = dict::get_item(vm, registry, vkey)?;
    let valid =
        current.is_some_and(|v| vm.type_of(v) == vm.types.int && v.as_small_int() == Some(version));
    if !valid {
        dict::clear(registry);
        let v = crate::types::int::from_i64(vm, version);
        dict::set_item(vm, registry, vkey, v)?;
    } else if let Some(w) = dict::get_item(vm, registry, key)?
        && ops::truth::is_true(vm, w)?
    {
        return Ok(true);
    }
    if set {
        dict::set_item(vm, registry, key, Value::TRUE)?;
    }
    Ok(false)
}

fn update_registry(vm: &mut Vm, registry: Value, text: Value, category: Value) -> PyResult<bool> {
    let key = tuple::new_tuple(vm, vec![text, category]);
    already_warned(vm, registry, key, true)
}

/// `filename` without a trailing ".py": the module name of a warning given none.
fn normalize_module(vm: &mut Vm, filename: Value) -> Value {
    match as_str(filename) {
        Some("") => vm.new_str("<unknown>"),
        Some(s) if s.ends_with(".py") => {
            let stem = s[..s.len() - 3].to_string();
            vm.new_string(stem)
        }
        _ => filename,
    }
}

/// Writes `s` to `sys.stderr`, ignoring failures (as the C fallback display does).
fn write_err(vm: &mut Vm, s: &str) -> bool {
    let err = crate::modules::sys::stream(vm, "stderr");
    if err.is_none() {
        return false;
    }
    crate::modules::stdio::write_to(vm, err, s).is_ok()
}

/// The display used when `warnings._showwarnmsg` is not available: "file:line: Category: text"
/// and the source line, straight to `sys.stderr`.
fn show_warning(
    vm: &mut Vm,
    filename: Value,
    lineno: i64,
    text: Value,
    category: Value,
    sourceline: Option<Value>,
) {
    let _ = (|| -> PyResult<()> {
        let name = ops::attr::getattr_str(vm, category, "__name__")?;
        let name = ops::repr::str_string(vm, name)?;
        let file = ops::repr::str_string(vm, filename)?;
        let text = ops::repr::str_string(vm, text)?;
        if !write_err(vm, &format!("{file}:{lineno}: {name}: {text}\n")) {
            return Ok(());
        }
        match sourceline {
            // CPython writes the given line as it is (its stripped copy goes unused).
            Some(l) => {
                let l = ops::repr::str_string(vm, l)?;
                write_err(vm, &format!("{l}\n"));
            }
            None => {
                if let Ok(n) = u32::try_from(lineno)
                    && let Some(l) = crate::interp::traceback::source_line(&file, n)
                {
                    write_err(vm, &format!("  {l}\n"));
                }
            }
        }
        Ok(())
    })();
}

/// Shows a warning through `warnings._showwarnmsg(WarningMessage(...))` (so replacements of
/// `warnings.showwarning` are honoured), or the built-in display when `warnings` is not
/// loaded. With a `source` (NULL: none), `warnings` is imported: its display names where the
/// object was allocated.
#[allow(clippy::too_many_arguments)]
fn call_show_warning(
    vm: &mut Vm,
    category: Value,
    text: Value,
    message: Value,
    filename: Value,
    lineno: i64,
    sourceline: Option<Value>,
    source: Value,
) -> PyResult<()> {
    let Some(show) = warnings_attr(vm, "_showwarnmsg", !source.is_null())? else {
        show_warning(vm, filename, lineno, text, category, sourceline);
        return Ok(());
    };
    if !ops::call::is_callable(vm, show) {
        return Err(vm.type_error("warnings._showwarnmsg() must be set to a callable"));
    }
    let Some(cls) = warnings_attr(vm, "WarningMessage", false)? else {
        return Err(vm.runtime_error("unable to get warnings.WarningMessage"));
    };
    let ln = crate::types::int::from_i64(vm, lineno);
    let src = if source.is_null() {
        Value::NONE
    } else {
        source
    };
    let msg = ops::call::call(
        vm,
        cls,
        &[
            message,
            category,
            filename,
            ln,
            Value::NONE,
            Value::NONE,
            src,
        ],
    )?;
    ops::call::call(vm, show, &[msg])?;
    Ok(())
}

/// CPython's `warn_explicit`: `module` NULL derives the module from the file name, None ignores
/// the warning (late in shutdown); `registry` NULL/None means none; `source` NULL means none.
#[allow(clippy::too_many_arguments)]
fn warn_explicit_impl(
    vm: &mut Vm,
    category: Value,
    message: Value,
    filename: Value,
    lineno: i64,
    module: Value,
    registry: Value,
    sourceline: Option<Value>,
    source: Value,
) -> PyResult<()> {
    if module.is_none() {
        return Ok(());
    }
    let registry = if registry.is_null() || registry.is_none() {
        None
    } else if registry.is::<DictObj>() {
        Some(registry)
    } else {
        return Err(vm.type_error("'registry' must be a dict or None"));
    };
    let module = if module.is_null() {
        normalize_module(vm, filename)
    } else {
        module
    };
    let (text, category, message) = if is_instance(vm, message, vm.exc.warning)? {
        let text = ops::repr::str(vm, message)?;
        (text, vm.type_of(message), message)
    } else {
        let m = ops::call::call(vm, category, &[message])?;
        (message, category, m)
    };
    let source = if source.is_none() {
        Value::NULL
    } else {
        source
    };
    let ln = crate::types::int::from_i64(vm, lineno);
    let key = tuple::new_tuple(vm, vec![text, category, ln]);
    if let Some(r) = registry
        && already_warned(vm, r, key, false)?
    {
        return Ok(());
    }
    let (action, item) = get_filter(vm, category, text, lineno, module)?;
    let act = as_str(action).unwrap_or("").to_string();
    match act.as_str() {
        "error" => return Err(Exc(message)),
        "ignore" => return Ok(()),
        _ => {}
    }
    let mut already = false;
    if act != "always" {
        if let Some(r) = registry {
            dict::set_item(vm, r, key, Value::TRUE)?;
        }
        match act.as_str() {
            "once" => {
                let r = match registry {
                    Some(r) => r,
                    None => once_registry(vm)?,
                };
                already = update_registry(vm, r, text, category)?;
            }
            "module" => {
                if let Some(r) = registry {
                    already = update_registry(vm, r, text, category)?;
                }
            }
            "default" => {}
            _ => {
                let a = ops::repr::repr_string(vm, action)?;
                let i = ops::repr::repr_string(vm, item)?;
                return Err(vm.runtime_error(format!(
                    "Unrecognized action ({a}) in warnings.filters:\n {i}"
                )));
            }
        }
    }
    if already {
        return Ok(());
    }
    call_show_warning(
        vm, category, text, message, filename, lineno, sourceline, source,
    )
}

/// Whether a frame runs importlib's bootstrap code (skipped when counting stack levels).
fn is_internal_frame(f: Value) -> bool {
    let Some(fo) = f.downcast::<crate::interp::frame::FrameObj>() else {
        return false;
    };
    let code = crate::interp::frame::code_of(fo.get());
    as_str(code.filename.get()).is_some_and(|s| s.contains("importlib") && s.contains("_bootstrap"))
}

/// The file name, line, module name and registry (`__warningregistry__`, created in the
/// frame's globals when missing) of the frame `stack_level` levels up from the running one.
fn setup_context(vm: &mut Vm, stack_level: i64) -> PyResult<(Value, i64, Value, Value)> {
    let frames = vm.frames.clone();
    let mut idx: Option<usize> = frames.len().checked_sub(1);
    let mut level = stack_level;
    let internal = idx.is_some_and(|i| is_internal_frame(frames[i]));
    if stack_level <= 0 || internal {
        loop {
            level -= 1;
            if level <= 0 {
                break;
            }
            let Some(i) = idx else { break };
            idx = i.checked_sub(1);
        }
    } else {
        loop {
            level -= 1;
            if level <= 0 {
                break;
            }
            let Some(mut i) = idx else { break };
            // The next frame out that is not importlib's.
            idx = loop {
                match i.checked_sub(1) {
                    None => break None,
                    Some(j) if is_internal_frame(frames[j]) => i = j,
                    Some(j) => break Some(j),
                }
            };
        }
    }
    let frame = idx.and_then(|i| frames[i].downcast::<crate::interp::frame::FrameObj>());
    let (globals, filename, lineno) = match frame {
        Some(fo) => {
            let d = fo.get();
            let code = crate::interp::frame::code_of(d);
            (d.globals, code.filename.get(), code.line_of(d.lasti) as i64)
        }
        None => {
            let g = crate::types::module::module_dict(vm.sys);
            (g, vm.new_str("sys"), 1)
        }
    };
    let rkey = vm.intern("__warningregistry__");
    let registry = match dict::get_item(vm, globals, rkey)? {
        Some(r) => r,
        None => {
            let r = dict::new_dict(vm);
            dict::set_item(vm, globals, rkey, r)?;
            r
        }
    };
    let nkey = vm.intern("__name__");
    let module = match dict::get_item(vm, globals, nkey)? {
        Some(m) if m.is_none() || m.is::<StrObj>() => m,
        _ => vm.new_str("<string>"),
    };
    Ok((filename, lineno, module, registry))
}

/// The category of `message`: its class for a Warning instance, else `category` (default
/// UserWarning), which must be a Warning subclass.
fn get_category(vm: &mut Vm, message: Value, category: Value) -> PyResult {
    let cat = if is_instance(vm, message, vm.exc.warning)? {
        vm.type_of(message)
    } else if category.is_null() || category.is_none() {
        vm.exc.user_warning
    } else {
        category
    };
    let ok = matches!(is_subclass(vm, cat, vm.exc.warning), Ok(true));
    if !ok {
        let t = vm.type_name(cat);
        return Err(vm.type_error(format!("category must be a Warning subclass, not '{t}'")));
    }
    Ok(cat)
}

fn do_warn(
    vm: &mut Vm,
    message: Value,
    category: Value,
    level: i64,
    source: Value,
) -> PyResult<()> {
    let (filename, lineno, module, registry) = setup_context(vm, level)?;
    warn_explicit_impl(
        vm, category, message, filename, lineno, module, registry, None, source,
    )
}

fn warn(vm: &mut Vm, a: &[Value]) -> PyResult {
    let category = get_category(vm, a[0], a[1])?;
    let level = if a[2].is_null() {
        1
    } else {
        ops::number::index_i64(vm, a[2])?
    };
    let source = if a[3].is_null() { Value::NONE } else { a[3] };
    do_warn(vm, a[0], category, level, source)?;
    Ok(Value::NONE)
}

/// The line `lineno` of the source its loader gives for `module_globals` (None when there is
/// no loader, name, `get_source` or source).
fn get_source_line(vm: &mut Vm, globals: Value, lineno: i64) -> PyResult<Option<Value>> {
    let lkey = vm.intern("__loader__");
    let Some(loader) = dict::get_item(vm, globals, lkey)? else {
        return Ok(None);
    };
    let nkey = vm.intern("__name__");
    let Some(name) = dict::get_item(vm, globals, nkey)? else {
        return Ok(None);
    };
    let gs = vm.intern("get_source");
    let Some(get_source) = ops::attr::getattr_opt(vm, loader, gs)? else {
        return Ok(None);
    };
    let source = ops::call::call(vm, get_source, &[name])?;
    if source.is_none() {
        return Ok(None);
    }
    if !source.is::<StrObj>() {
        let t = vm.type_name(source);
        return Err(vm.type_error(format!("must be str, not {t}")));
    }
    // str's own splitlines, never an override of a subclass (as PyUnicode_Splitlines).
    let split = crate::types::typeobj::lookup_str(vm, vm.types.str_, "splitlines");
    let lines = ops::call::call(vm, split, &[source])?;
    let got = lines.downcast::<ListObj>().and_then(|l| {
        usize::try_from(lineno - 1)
            .ok()
            .and_then(|i| l.items.borrow().get(i).copied())
    });
    match got {
        Some(l) => Ok(Some(l)),
        None => Err(vm.index_error("list index out of range")),
    }
}

fn warn_explicit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (message, category, filename) = (a[0], a[1], a[2]);
    if !filename.is::<StrObj>() {
        let t = vm.type_name(filename);
        return Err(vm.type_error(format!("warn_explicit() argument 3 must be str, not {t}")));
    }
    let lineno = ops::number::index_i64(vm, a[3])?;
    if i32::try_from(lineno).is_err() {
        let msg = if lineno < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        };
        return Err(vm.new_exc(vm.exc.overflow_error, msg));
    }
    let globals = a[6];
    let mut sourceline = None;
    if !globals.is_null() && !globals.is_none() {
        if !globals.is::<DictObj>() {
            let t = vm.type_name(globals);
            return Err(vm.type_error(format!("module_globals must be a dict, not '{t}'")));
        }
        sourceline = get_source_line(vm, globals, lineno)?;
    }
    let source = if a[7].is_null() { Value::NONE } else { a[7] };
    warn_explicit_impl(
        vm, category, message, filename, lineno, a[4], a[5], sourceline, source,
    )?;
    Ok(Value::NONE)
}

/// Issues a warning from Rust, as CPython's `PyErr_WarnEx` / `PyErr_ResourceWarning`: the text
/// `msg` of `category`, attributed to the Python frame `stacklevel` levels up; `source` (NULL:
/// none) is the object a ResourceWarning is about.
pub fn warn_with_source(
    vm: &mut Vm,
    category: Value,
    msg: &str,
    stacklevel: i64,
    source: Value,
) -> PyResult<()> {
    let m = vm.new_str(msg);
    do_warn(vm, m, category, stacklevel, source)
}

/// `PyErr_WarnExplicitObject`: a warning attributed to `filename:lineno` (the module derived
/// from the file name, no registry), as the compiler issues its SyntaxWarnings.
pub fn warn_explicit_rs(
    vm: &mut Vm,
    category: Value,
    msg: &str,
    filename: &str,
    lineno: i64,
) -> PyResult<()> {
    let m = vm.new_str(msg);
    let f = vm.new_str(filename);
    warn_explicit_impl(
        vm,
        category,
        m,
        f,
        lineno,
        Value::NULL,
        Value::NULL,
        None,
        Value::NULL,
    )
}

/// The RuntimeWarning of a coroutine collected without ever being awaited, as CPython's
/// `_PyErr_WarnUnawaitedCoroutine`: through `warnings._warn_unawaited_coroutine` (which names
/// where the coroutine was created), else directly with the coroutine as the source. An error
/// of the Python path other than the warning itself is reported as unraisable.
pub fn warn_unawaited_coroutine(vm: &mut Vm, coro: Value, qualname: &str) -> PyResult<()> {
    let r = (|| -> PyResult<bool> {
        let Some(f) = warnings_attr(vm, "_warn_unawaited_coroutine", true)? else {
            return Ok(false);
        };
        ops::call::call(vm, f, &[coro])?;
        Ok(true)
    })();
    match r {
        Ok(true) => return Ok(()),
        Ok(false) => {}
        Err(e) if vm.exc_matches(e, vm.exc.runtime_warning) => return Err(e),
        Err(e) => crate::modules::sys_hooks::write_unraisable(vm, e.0, None, coro),
    }
    let msg = format!("coroutine '{qualname}' was never awaited");
    warn_with_source(vm, vm.exc.runtime_warning, &msg, 1, coro)
}
