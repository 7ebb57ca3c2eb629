//! Calling: `call(f, args)` for every callable kind, and argument binding — one binder shared by
//! Python functions and native callables, so argument errors read the same everywhere.
//!
//! Arguments arrive vectorcall-style: a slice of values whose last `kwnames.len()` entries are
//! keyword arguments named by `kwnames`.

use crate::native::Signature;
use crate::types::function::{BoundMethod, FunctionObj, NativeFunction};
use crate::types::str::StrObj;
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

pub fn call(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult {
    call_kw(vm, f, args, &[])
}

/// Calls `f` with `args`, the last `kwnames.len()` of which are keywords.
pub fn call_kw(vm: &mut Vm, f: Value, args: &[Value], kwnames: &[Value]) -> PyResult {
    call_kw_in(vm, f, args, kwnames, false)
}

/// `call_kw`, from a clean position when `clean`: the eval loop at a clean level, or an
/// audited native function that was entered cleanly (`Vm::take_clean_entry`) and holds `f`,
/// `args` and everything else it keeps in roots. Then a Python function, or an audited native,
/// runs at a clean level, where collections may run (see `CurrentThread::clean_top`); anything
/// else runs as through `call_kw`.
pub fn call_kw_in(
    vm: &mut Vm,
    f: Value,
    args: &[Value],
    kwnames: &[Value],
    clean: bool,
) -> PyResult {
    if f.is::<FunctionObj>() {
        let frame = crate::interp::frame::frame_for_call(vm, f, args, kwnames)?;
        return crate::interp::eval::run_function_frame_in(vm, f, frame, clean);
    }
    if let Some(n) = f.downcast::<NativeFunction>() {
        return call_native(vm, n, args, kwnames, clean);
    }
    if let Some(m) = f.downcast::<BoundMethod>() {
        // `v` holds copies: the method object (rooted by the caller) keeps both alive.
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(m.self_);
        v.extend_from_slice(args);
        return call_kw_in(vm, m.func, &v, kwnames, clean);
    }
    if f.is::<TypeObject>() && vm.type_of(f) == vm.types.type_ {
        return crate::types::object::type_call_in(vm, f, args, kwnames, clean);
    }
    let ty = vm.type_of(f);
    let c = typeobj::lookup(vm, ty, vm.names.call);
    if c.is_null() {
        return Err(vm.type_error(format!("'{}' object is not callable", vm.type_name(f))));
    }
    let method_like = c.is::<FunctionObj>()
        || c.downcast::<NativeFunction>().is_some_and(|n| {
            n.bound.is_null()
                && !n.owner.is_null()
                && n.def.kind == crate::native::NativeKind::Function
        });
    if !method_like {
        // Any other `__call__` binds as a descriptor would: one without `__get__` (a class,
        // as typing's `__call__ = dict`, or a builtin function) is called without the
        // instance.
        let b = crate::ops::attr::bind_descriptor(vm, c, f, ty)?;
        vm.enter_native()?;
        let r = call_kw(vm, b, args, kwnames);
        vm.leave_native();
        return r;
    }
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(f);
    v.extend_from_slice(args);
    vm.enter_native()?;
    let r = call_kw(vm, c, &v, kwnames);
    vm.leave_native();
    r
}

/// Calls `f(*args, **kwargs)` with a tuple and an optional dict.
pub fn call_ex(vm: &mut Vm, f: Value, args: &[Value], kwargs: Value) -> PyResult {
    if kwargs.is_null() || crate::types::dict::len(kwargs) == 0 {
        return call(vm, f, args);
    }
    let mut all = args.to_vec();
    let mut names = Vec::new();
    for (k, v) in crate::types::dict::items(kwargs) {
        if !k.is::<StrObj>() {
            return Err(vm.type_error("keywords must be strings"));
        }
        names.push(k);
        all.push(v);
    }
    call_kw(vm, f, &all, &names)
}

pub fn is_callable(vm: &mut Vm, v: Value) -> bool {
    if v.is::<FunctionObj>()
        || v.is::<NativeFunction>()
        || v.is::<BoundMethod>()
        || v.is::<TypeObject>()
    {
        return true;
    }
    let ty = vm.type_of(v);
    !typeobj::lookup(vm, ty, vm.names.call).is_null()
}

fn call_native(
    vm: &mut Vm,
    n: &NativeFunction,
    args: &[Value],
    kwnames: &[Value],
    clean: bool,
) -> PyResult {
    let sig = n.sig();
    // Functions bound to a module declare no `$module` parameter: only `$self` is filled in.
    let bound_self = !n.bound.is_null() && sig.has_self;
    let display_of = || native_display_name(n);
    let display = LazyName(&display_of);
    let mut slots = [Value::NULL; 12];
    let nslots = sig.nslots();
    let mut heap_slots;
    let out: &mut [Value] = if nslots <= slots.len() {
        &mut slots[..nslots]
    } else {
        heap_slots = vec![Value::NULL; nslots];
        &mut heap_slots[..]
    };
    let skip = if bound_self { 1 } else { 0 };
    if bound_self {
        if out.is_empty() {
            return Err(vm.system_error(format!(
                "{display}: bound native function without self parameter"
            )));
        }
        out[0] = n.bound;
    }
    // Builtins whose parameters are all positional-only reject keywords outright (CPython's
    // wording); Python functions report the unexpected keyword instead.
    if !kwnames.is_empty()
        && sig.varkw.is_none()
        && sig.varargs.is_none()
        && sig.posonly >= sig.params.len()
    {
        return Err(vm.type_error(format!("{display}() takes no keyword arguments")));
    }
    bind(vm, sig, skip, args, kwnames, out, &display, |i| {
        Some(sig.params[i].required)
    })?;
    // A method descriptor called unbound checks its self type.
    if !bound_self
        && sig.has_self
        && !n.owner.is_null()
        && n.def.kind == crate::native::NativeKind::Function
    {
        let s = out[0];
        if s.is_null() {
            return Err(vm.type_error(format!("unbound method {display}() needs an argument")));
        }
        let st = vm.type_of(s);
        if !typeobj::is_subtype(st, n.owner) {
            return Err(vm.type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                n.def.name,
                typeobj::type_name(n.owner),
                vm.type_name(s)
            )));
        }
    }
    if n.def.gc_clean {
        // Only a `*args` tuple or `**kwargs` dict made by `bind` is held by this frame alone;
        // everything else bound is the caller's (rooted by it) or the function's own `self`.
        let made_here = sig.varargs.is_some() || sig.varkw.is_some();
        return call_audited(vm, n, out, clean, made_here);
    }
    vm.enter_native()?;
    let r = (n.def.func)(vm, out);
    vm.leave_native();
    r
}

/// Calls an audited native function (`NativeDef::gc_clean`) with its bound arguments `out`:
/// entered cleanly when called from a clean position, and its temporary roots dropped after.
/// The caller of a clean call roots the arguments it passes (see `call_kw_in`), so only what
/// the binding `made_here` (a `*args` tuple, a `**kwargs` dict) is rooted here.
fn call_audited(
    vm: &mut Vm,
    n: &NativeFunction,
    out: &[Value],
    clean: bool,
    made_here: bool,
) -> PyResult {
    let mark = vm.roots_mark();
    let entered_clean = if clean {
        // The bound arguments may include objects made here (a `*args` tuple, a `**kwargs`
        // dict) that only this Rust frame holds.
        if made_here {
            for v in out.iter() {
                if !v.is_null() {
                    vm.root(*v);
                }
            }
        }
        match vm.enter_native_clean() {
            Ok(c) => c,
            Err(e) => {
                vm.truncate_roots(mark);
                return Err(e);
            }
        }
    } else {
        vm.enter_native()?;
        false
    };
    vm.clean_entry = entered_clean;
    let r = (n.def.func)(vm, out);
    vm.clean_entry = false;
    vm.leave_native_clean(entered_clean);
    vm.truncate_roots(mark);
    r
}

/// A name formatted only when an error message needs it (binding arguments is hot; naming the
/// callee is not).
pub struct LazyName<'a>(pub &'a dyn Fn() -> String);

impl std::fmt::Display for LazyName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&(self.0)())
    }
}

pub fn native_display_name(n: &NativeFunction) -> String {
    if n.owner.is_null() {
        n.def.name.to_string()
    } else {
        format!("{}.{}", typeobj::type_name(n.owner), n.def.name)
    }
}

/// Binds `args` (with keywords named by `kwnames`) to the parameters of `sig`, filling
/// `out[skip..]`: one slot per parameter (NULL when not given), then the `*args` tuple, then the
/// `**kwargs` dict (NULL if none). `required(i)` tells whether parameter i must be given (None
/// means "has a default supplied by the caller later").
#[allow(clippy::too_many_arguments)]
pub fn bind(
    vm: &mut Vm,
    sig: &Signature,
    skip: usize,
    args: &[Value],
    kwnames: &[Value],
    out: &mut [Value],
    fname: &dyn std::fmt::Display,
    required: impl Fn(usize) -> Option<bool>,
) -> PyResult<()> {
    let npos_given = args.len() - kwnames.len();
    let npos_params = sig.npos - skip;
    let nparams = sig.params.len();
    // Positional arguments.
    let take = npos_given.min(npos_params);
    out[skip..skip + take].copy_from_slice(&args[..take]);
    if sig.varargs.is_some() {
        let extra = if npos_given > npos_params {
            args[npos_params..npos_given].to_vec()
        } else {
            Vec::new()
        };
        out[sig.varargs_slot()] = crate::types::tuple::new_tuple(vm, extra);
    } else if npos_given > npos_params
        && let Some(e) = meth_o_error(vm, sig, skip, fname, npos_given)
    {
        return Err(e);
    }
    // As CPython, keyword errors come first; then "too many positional" counts the
    // keyword-only arguments given.
    let too_many = sig.varargs.is_none() && npos_given > npos_params;
    let kw_slot = if sig.varkw.is_some() {
        Some(sig.varkw_slot())
    } else {
        None
    };

    // Keyword arguments.
    for (i, name) in kwnames.iter().enumerate() {
        let value = args[npos_given + i];
        let Some(key) = crate::types::str::as_str(*name) else {
            return Err(vm.type_error(format!("{fname}() keywords must be strings")));
        };
        let found = (skip.max(sig.posonly)..nparams).find(|&p| sig.params[p].name == key);
        match found {
            Some(p) => {
                let slot = sig.slot_of(p);
                if !out[slot].is_null() {
                    return Err(vm.type_error(format!(
                        "{fname}() got multiple values for argument '{key}'"
                    )));
                }
                out[slot] = value;
            }
            None => {
                if let Some(ks) = kw_slot {
                    if out[ks].is_null() {
                        out[ks] = crate::types::dict::new_dict(vm);
                    }
                    crate::types::dict::set_item(vm, out[ks], *name, value)?;
                } else if (skip..sig.posonly).any(|p| sig.params[p].name == key) {
                    return Err(vm.type_error(format!(
                        "{fname}() got some positional-only arguments passed as keyword arguments: '{key}'"
                    )));
                } else {
                    return Err(vm.type_error(format!(
                        "{fname}() got an unexpected keyword argument '{key}'"
                    )));
                }
            }
        }
    }
    if too_many {
        return Err(too_many_positional(
            vm, sig, skip, npos_given, fname, &required, out,
        ));
    }
    // Missing required arguments.
    let mut missing_pos = Vec::new();
    for p in skip..sig.npos {
        if out[sig.slot_of(p)].is_null() && required(p) == Some(true) {
            missing_pos.push(sig.params[p].name.clone());
        }
    }
    if !missing_pos.is_empty() {
        if let Some(e) = meth_o_error(vm, sig, skip, fname, npos_given) {
            return Err(e);
        }
        return Err(missing_args(vm, fname, &missing_pos, "positional"));
    }
    let mut missing_kw = Vec::new();
    for p in sig.npos..nparams {
        if out[sig.slot_of(p)].is_null() && required(p) == Some(true) {
            missing_kw.push(sig.params[p].name.clone());
        }
    }
    if !missing_kw.is_empty() {
        return Err(missing_args(vm, fname, &missing_kw, "keyword-only"));
    }
    Ok(())
}

/// CPython's wording for builtins taking exactly one positional-only argument (METH_O).
fn meth_o_error(
    vm: &mut Vm,
    sig: &Signature,
    skip: usize,
    fname: &dyn std::fmt::Display,
    given: usize,
) -> Option<Exc> {
    let one = sig.params.len() == skip + 1 && sig.posonly == skip + 1 && sig.params[skip].required;
    if one && sig.varargs.is_none() && sig.varkw.is_none() {
        return Some(vm.type_error(format!(
            "{fname}() takes exactly one argument ({given} given)"
        )));
    }
    None
}

fn missing_args(vm: &mut Vm, fname: &dyn std::fmt::Display, names: &[String], kind: &str) -> Exc {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let s = if names.len() == 1 { "" } else { "s" };
    vm.type_error(format!(
        "{fname}() missing {} required {kind} argument{s}: {list}",
        names.len()
    ))
}

fn too_many_positional(
    vm: &mut Vm,
    sig: &Signature,
    skip: usize,
    given: usize,
    fname: &dyn std::fmt::Display,
    required: &impl Fn(usize) -> Option<bool>,
    out: &[Value],
) -> Exc {
    let npos = sig.npos - skip;
    let nreq = (skip..sig.npos)
        .filter(|&p| required(p) == Some(true))
        .count();
    let takes = if nreq < npos {
        format!("from {nreq} to {npos} positional arguments")
    } else {
        format!(
            "{npos} positional argument{}",
            if npos == 1 { "" } else { "s" }
        )
    };
    let kwonly_given = (sig.npos..sig.params.len())
        .filter(|&p| !out[sig.slot_of(p)].is_null())
        .count();
    let given_s = if kwonly_given > 0 {
        format!(
            "{given} positional argument{} (and {kwonly_given} keyword-only argument{})",
            if given == 1 { "" } else { "s" },
            if kwonly_given == 1 { "" } else { "s" }
        )
    } else {
        format!("{given}")
    };
    let verb = if given == 1 && kwonly_given == 0 {
        "was"
    } else {
        "were"
    };
    vm.type_error(format!(
        "{fname}() takes {takes} but {given_s} {verb} given"
    ))
}

/// `obj.name(*args)`: an ordinary attribute lookup, then a call.
pub fn call_method(vm: &mut Vm, obj: Value, name: Value, args: &[Value]) -> PyResult {
    let f = crate::ops::attr::getattr(vm, obj, name)?;
    call(vm, f, args)
}
