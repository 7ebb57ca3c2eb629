//! The rest of `sys`: hooks (`displayhook`, `excepthook`, `unraisablehook`, audit hooks),
//! encodings, size queries, tracing switches and the informational constants that the standard
//! library reads (`orig_argv`, `stdlib_module_names`, `thread_info`, ...).

use crate::native;
use crate::native::NativeDef;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("getrefcount", "(object, /)", getrefcount),
    native!("getfilesystemencoding", "()", utf8),
    native!("getdefaultencoding", "()", utf8),
    native!("getfilesystemencodeerrors", "()", surrogateescape),
    native!(
        "getsizeof",
        "(object, default=<unrepresentable>, /)",
        getsizeof
    ),
    native!("displayhook", "(object, /)", displayhook),
    native!("excepthook", "(exctype, value, traceback, /)", excepthook),
    native!("unraisablehook", "(unraisable, /)", unraisablehook),
    native!("breakpointhook", "(*args, **kws)", breakpointhook),
    native!("settrace", "(function, /)", settrace),
    native!("gettrace", "()", gettrace),
    native!("setprofile", "(function, /)", setprofile),
    native!("getprofile", "()", getprofile),
    native!("call_tracing", "(func, args, /)", call_tracing),
    native!("is_finalizing", "()", false_),
    native!("audit", "(event, /, *args)", audit),
    native!("addaudithook", "(hook)", addaudithook),
    native!("get_asyncgen_hooks", "()", get_asyncgen_hooks),
    native!(
        "set_asyncgen_hooks",
        "(firstiter=<unrepresentable>, finalizer=<unrepresentable>)",
        set_asyncgen_hooks
    ),
    native!("get_coroutine_origin_tracking_depth", "()", zero),
    native!(
        "set_coroutine_origin_tracking_depth",
        "(depth)",
        set_ignored
    ),
    native!("getswitchinterval", "()", getswitchinterval),
    native!("setswitchinterval", "(interval, /)", setswitchinterval),
    native!("get_int_max_str_digits", "()", get_int_max_str_digits),
    native!(
        "set_int_max_str_digits",
        "(maxdigits)",
        set_int_max_str_digits
    ),
    native!("getallocatedblocks", "()", zero),
    native!("getdlopenflags", "()", getdlopenflags),
    native!("setdlopenflags", "(flags, /)", set_ignored),
    native!("_clear_type_cache", "()", none),
    native!("_current_frames", "()", current_frames),
    native!("_current_exceptions", "()", current_exceptions),
];

pub fn init(vm: &mut Vm, m: Value) {
    crate::modules::builtins::add_functions(vm, m, FUNCS);
    for name in [
        "displayhook",
        "excepthook",
        "unraisablehook",
        "breakpointhook",
    ] {
        if let Some(f) = crate::types::dict::get_str(crate::types::module::module_dict(m), name) {
            set_attr(vm, m, &format!("__{name}__"), f);
        }
    }
    let argv: Vec<Value> = crate::types::str::os_args()
        .into_iter()
        .map(|a| vm.new_string(a))
        .collect();
    let orig = crate::types::list::new_list(vm, argv);
    set_attr(vm, m, "orig_argv", orig);
    let exe = vm.new_string(vm.config.executable.clone());
    set_attr(vm, m, "_base_executable", exe);
    for (name, v) in [
        ("abiflags", ""),
        ("float_repr_style", "short"),
        ("_framework", ""),
    ] {
        let s = vm.new_str(v);
        set_attr(vm, m, name, s);
    }
    let names: Vec<Value> = crate::modules::stdlib_names::STDLIB_MODULE_NAMES
        .iter()
        .map(|n| vm.intern(n))
        .collect();
    let fs = crate::types::set::new_frozenset_from(vm, names).unwrap_or(Value::NONE);
    set_attr(vm, m, "stdlib_module_names", fs);
    let ti_t =
        crate::types::structseq::new_type(vm, "sys", "thread_info", &["name", "lock", "version"]);
    let (n, l) = (vm.new_str("pthread"), vm.new_str("semaphore"));
    let ti = crate::types::structseq::new(vm, ti_t, vec![n, l, Value::NONE]);
    set_attr(vm, m, "thread_info", ti);
    let git: Vec<Value> = ["ferropy", "", ""].iter().map(|s| vm.new_str(s)).collect();
    let git = crate::types::tuple::new_tuple(vm, git);
    set_attr(vm, m, "_git", git);
    let hooks = crate::types::list::new_list(vm, vec![]);
    vm.state_set("sys.audithooks", hooks);
}

fn utf8(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(vm.intern("utf-8"))
}

fn surrogateescape(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(vm.intern("surrogateescape"))
}

fn none(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn false_(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::FALSE)
}

fn zero(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::small(0))
}

fn set_ignored(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

/// `object.__sizeof__()` plus the collector's per-object overhead, as CPython adds its GC header.
/// `sys.getrefcount`: without reference counting, a census of the references to the object
/// from the roots and the reachable objects (the argument on the caller's value stack counts,
/// as CPython's temporary reference does). Values that are not heap objects (small ints,
/// None, booleans) are immortal: they report CPython 3.12's count for immortal objects.
fn getrefcount(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is_ptr() {
        return Ok(crate::types::int::from_u64(vm, u32::MAX as u64));
    }
    let n = crate::heap::count_references(&|visit| vm.trace_roots(visit), a[0]);
    Ok(crate::types::int::from_usize(vm, n))
}

fn getsizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = vm.intern("__sizeof__");
    match crate::ops::call_special(vm, a[0], name, &[]) {
        Ok(Some(v)) => {
            let n = crate::ops::number::index_i64(vm, v)?;
            if n < 0 {
                return Err(vm.value_error("__sizeof__() should return >= 0"));
            }
            Ok(crate::types::int::from_i64(vm, n))
        }
        Ok(None) if !a[1].is_null() => Ok(a[1]),
        Ok(None) => Err(vm.type_error(format!(
            "Type {} doesn't define __sizeof__",
            vm.type_name(a[0])
        ))),
        Err(e) if !a[1].is_null() && vm.exc_matches(e, vm.exc.type_error) => Ok(a[1]),
        Err(e) => Err(e),
    }
}

/// Prints `repr(value)` to `sys.stdout` and keeps it as `builtins._` (the REPL's hook).
fn displayhook(vm: &mut Vm, a: &[Value]) -> PyResult {
    if a[0].is_none() {
        return Ok(Value::NONE);
    }
    let us = vm.intern("_");
    crate::types::dict::set_item_str(vm, vm.builtins_dict, us, Value::NONE);
    let r = crate::ops::repr::repr_string(vm, a[0])?;
    crate::modules::sys::write_stdout(vm, &format!("{r}\n"));
    crate::types::dict::set_item_str(vm, vm.builtins_dict, us, a[0]);
    Ok(Value::NONE)
}

fn excepthook(vm: &mut Vm, a: &[Value]) -> PyResult {
    if a[1].is_none() {
        let t = crate::ops::repr::str_string(vm, a[0])?;
        crate::modules::sys::write_stderr(vm, &format!("{t}: None\n"));
        return Ok(Value::NONE);
    }
    crate::interp::traceback::print_exception(vm, a[1]);
    Ok(Value::NONE)
}

/// Reports an exception that cannot be raised (in a finalizer, a weakref callback, a thread),
/// as CPython's `PyErr_WriteUnraisable`: calls `sys.unraisablehook` with an
/// `UnraisableHookArgs(exc_type, exc_value, exc_traceback, err_msg, object)`; when the hook is
/// missing or fails, prints the default report to stderr.
pub fn write_unraisable(vm: &mut Vm, exc: Value, err_msg: Option<&str>, object: Value) {
    let hook =
        crate::types::dict::get_str(crate::types::module::module_dict(vm.sys), "unraisablehook");
    let ty = match vm.state_get("sys.UnraisableHookArgs") {
        Some(t) => t,
        None => {
            let t = crate::types::structseq::new_type(
                vm,
                "sys",
                "UnraisableHookArgs",
                &[
                    "exc_type",
                    "exc_value",
                    "exc_traceback",
                    "err_msg",
                    "object",
                ],
            );
            vm.state_set("sys.UnraisableHookArgs", t);
            t
        }
    };
    let exc_type = vm.type_of(exc);
    let mut tb = crate::ops::attr::getattr_str(vm, exc, "__traceback__").unwrap_or(Value::NONE);
    // An exception raised outside any Python frame gets the current frame as its traceback.
    if tb.is_none()
        && let Some(&frame) = vm.frames.last()
    {
        let lasti = crate::interp::frame::fobj(frame).get().lasti;
        let line =
            crate::interp::frame::code_of(crate::interp::frame::fobj(frame).get()).line_of(lasti);
        crate::interp::traceback::add_entry(vm, crate::vm::Exc(exc), frame, lasti, line);
        tb = crate::ops::attr::getattr_str(vm, exc, "__traceback__").unwrap_or(Value::NONE);
    }
    let msg = match err_msg {
        Some(m) => vm.new_str(m),
        None => Value::NONE,
    };
    let obj = if object.is_null() {
        Value::NONE
    } else {
        object
    };
    let args = crate::types::structseq::new(vm, ty, vec![exc_type, exc, tb, msg, obj]);
    if let Some(h) = hook
        && !h.is_none()
        && crate::ops::call::call(vm, h, &[args]).is_ok()
    {
        return;
    }
    let _ = unraisablehook(vm, &[args]);
}

/// The default `sys.unraisablehook`: "Exception ignored in: ..." and the traceback.
fn unraisablehook(vm: &mut Vm, a: &[Value]) -> PyResult {
    let get = |vm: &mut Vm, n: &str| -> PyResult {
        let k = vm.intern(n);
        crate::ops::attr::getattr(vm, a[0], k)
    };
    let exc = get(vm, "exc_value")?;
    let msg = get(vm, "err_msg")?;
    let obj = get(vm, "object")?;
    let mut header = if msg.is_none() {
        "Exception ignored in".to_string()
    } else {
        crate::ops::repr::str_string(vm, msg)?
    };
    if !obj.is_none() {
        let r = crate::ops::repr::repr_string(vm, obj)?;
        header = format!("{header}: {r}");
    }
    if exc.is_none() {
        crate::modules::sys::write_stderr(vm, &format!("{header}\n"));
    } else {
        crate::interp::traceback::print_unraisable(vm, exc, &header);
    }
    Ok(Value::NONE)
}

/// `breakpoint()`'s default hook, as CPython's: `$PYTHONBREAKPOINT` names the function to
/// call (default `pdb.set_trace`, `0` disables); one that cannot be imported is ignored with a
/// RuntimeWarning.
fn breakpointhook(vm: &mut Vm, a: &[Value]) -> PyResult {
    let env = if vm.config.ignore_environment {
        None
    } else {
        std::env::var("PYTHONBREAKPOINT").ok()
    };
    let hookname = match env.as_deref() {
        None | Some("") => "pdb.set_trace".to_string(),
        Some("0") => return Ok(Value::NONE),
        Some(s) => s.to_string(),
    };
    let (modpath, attr) = match hookname.rfind('.') {
        Some(i) => (&hookname[..i], &hookname[i + 1..]),
        None => ("builtins", hookname.as_str()),
    };
    let hook = crate::modules::import_system::import_module(vm, modpath)
        .and_then(|m| crate::ops::attr::getattr_str(vm, m, attr));
    let Ok(hook) = hook else {
        let msg = format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{hookname}\"");
        let cat = vm.exc.runtime_warning;
        crate::modules::warnings::warn_with_source(vm, cat, &msg, 1, Value::NULL)?;
        return Ok(Value::NONE);
    };
    let args = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    crate::ops::call::call_ex(vm, hook, &args, a[1])
}

/// The trace and profile functions of the running thread (`interp/trace.rs`).
fn settrace(vm: &mut Vm, a: &[Value]) -> PyResult {
    run_audit_hooks(vm, "sys.settrace", &[])?;
    crate::interp::trace::set_trace(vm, a[0]);
    Ok(Value::NONE)
}

fn gettrace(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::interp::trace::get_trace(vm))
}

fn setprofile(vm: &mut Vm, a: &[Value]) -> PyResult {
    run_audit_hooks(vm, "sys.setprofile", &[])?;
    crate::interp::trace::set_profile(vm, a[0]);
    Ok(Value::NONE)
}

fn getprofile(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::interp::trace::get_profile(vm))
}

fn call_tracing(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(args) = crate::types::tuple::items(a[1]) else {
        return Err(vm.type_error(format!(
            "call_tracing() argument 2 must be tuple, not {}",
            vm.type_name(a[1])
        )));
    };
    let args = args.to_vec();
    crate::interp::trace::call_tracing(vm, a[0], &args)
}

fn audit_hooks(vm: &mut Vm) -> Vec<Value> {
    vm.state_get("sys.audithooks")
        .and_then(|l| {
            l.downcast::<crate::types::list::ListObj>()
                .map(|l| l.snapshot())
        })
        .unwrap_or_default()
}

/// Calls every audit hook with (event, args). The runtime itself raises no audit events yet.
fn audit(vm: &mut Vm, a: &[Value]) -> PyResult {
    if crate::types::str::as_str(a[0]).is_none() {
        return Err(vm.type_error(format!(
            "expected str for argument 'event', not {}",
            vm.type_name(a[0])
        )));
    }
    for h in audit_hooks(vm) {
        crate::ops::call::call(vm, h, &[a[0], a[1]])?;
    }
    Ok(Value::NONE)
}

/// Raises audit event `event` with `args` from the runtime (`sys.settrace` & co).
fn run_audit_hooks(vm: &mut Vm, event: &str, args: &[Value]) -> PyResult<()> {
    let hooks = audit_hooks(vm);
    if hooks.is_empty() {
        return Ok(());
    }
    let ev = vm.new_str(event);
    let t = crate::types::tuple::new_tuple(vm, args.to_vec());
    for h in hooks {
        crate::ops::call::call(vm, h, &[ev, t])?;
    }
    Ok(())
}

fn addaudithook(vm: &mut Vm, a: &[Value]) -> PyResult {
    if let Some(l) = vm
        .state_get("sys.audithooks")
        .and_then(|l| l.downcast::<crate::types::list::ListObj>())
    {
        l.items.borrow_mut().push(a[0]);
    }
    Ok(Value::NONE)
}

fn get_asyncgen_hooks(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let ty = match vm.state_get("sys.asyncgen_hooks_type") {
        Some(t) => t,
        None => {
            let t = crate::types::structseq::new_type(
                vm,
                "sys",
                "asyncgen_hooks",
                &["firstiter", "finalizer"],
            );
            vm.state_set("sys.asyncgen_hooks_type", t);
            t
        }
    };
    let first = vm
        .state_get("sys.asyncgen_firstiter")
        .unwrap_or(Value::NONE);
    let fin = vm
        .state_get("sys.asyncgen_finalizer")
        .unwrap_or(Value::NONE);
    Ok(crate::types::structseq::new(vm, ty, vec![first, fin]))
}

fn set_asyncgen_hooks(vm: &mut Vm, a: &[Value]) -> PyResult {
    for (v, what, key) in [
        (a[0], "firstiter", "sys.asyncgen_firstiter"),
        (a[1], "finalizer", "sys.asyncgen_finalizer"),
    ] {
        if v.is_null() {
            continue;
        }
        if !v.is_none() && !crate::ops::call::is_callable(vm, v) {
            return Err(vm.type_error(format!("callable {what} expected, got {}", vm.type_name(v))));
        }
        vm.state_set(key, v);
    }
    Ok(Value::NONE)
}

fn getswitchinterval(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let v = vm.state_get("sys.switchinterval");
    Ok(v.unwrap_or_else(|| crate::types::float::new_float(vm, 0.005)))
}

fn setswitchinterval(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = crate::ops::number::to_f64(vm, a[0])?;
    if f <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    let v = crate::types::float::new_float(vm, f);
    vm.state_set("sys.switchinterval", v);
    Ok(Value::NONE)
}

fn get_int_max_str_digits(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let n = vm.int_max_str_digits;
    Ok(crate::types::int::from_usize(vm, n))
}

fn set_int_max_str_digits(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = crate::ops::number::index_i64(vm, a[0])?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    vm.int_max_str_digits = n as usize;
    Ok(Value::NONE)
}

fn getdlopenflags(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::small(libc::RTLD_NOW as i64))
}

fn current_frames(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let d = crate::types::dict::new_dict(vm);
    if let Some(f) = vm.frames.last().copied() {
        crate::interp::frame::mark_escaped(f);
        // SAFETY: pthread_self has no preconditions.
        let id = unsafe { libc::pthread_self() } as u64;
        let k = crate::types::int::from_u64(vm, id);
        crate::types::dict::set_item(vm, d, k, f)?;
    }
    Ok(d)
}

fn current_exceptions(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let d = crate::types::dict::new_dict(vm);
    // SAFETY: pthread_self has no preconditions.
    let id = unsafe { libc::pthread_self() } as u64;
    let k = crate::types::int::from_u64(vm, id);
    let e = vm.current_exc();
    let e = if e.is_null() { Value::NONE } else { e };
    crate::types::dict::set_item(vm, d, k, e)?;
    Ok(d)
}
