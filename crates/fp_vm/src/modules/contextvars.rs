//! `_contextvars` (PEP 567): `ContextVar`, `Token`, `Context` and `copy_context`.
//!
//! A context is a mapping from variables to values, stored as (variable, value) pairs keyed by
//! the variable's identity; `copy()` copies the pairs, so contexts never share mutable state.
//! The current context lives in the VM state (`_contextvars.current`), created empty on first
//! use. `Context.run` swaps it for the duration of the call. Generators and coroutines do not
//! switch contexts by themselves (asyncio passes contexts explicitly).

use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::tuple::new_tuple;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use std::cell::{Cell, RefCell};

struct ContextVar {
    name: Value,
    /// NULL when the variable has no default.
    default: Value,
}

struct Token {
    ctx: Value,
    var: Value,
    /// NULL when the variable had no value in `ctx` (`Token.MISSING`).
    old: Value,
    used: Cell<bool>,
}

struct Context {
    vars: RefCell<Vec<(Value, Value)>>,
    entered: Cell<bool>,
    /// The context that was current before `run` entered this one.
    prev: Cell<Value>,
}

struct Missing;

impl StdData for ContextVar {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.name, self.default], visit)
    }
}

impl StdData for Token {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.ctx, self.var, self.old], visit)
    }
}

impl StdData for Context {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for (k, v) in self.vars.borrow().iter() {
            stdobj::visit_all(&[*k, *v], visit)
        }
        stdobj::visit_cell(&self.prev, visit)
    }
}

impl StdData for Missing {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Context {
    fn lookup(&self, var: Value) -> Option<Value> {
        self.vars
            .borrow()
            .iter()
            .find(|(k, _)| k.bits() == var.bits())
            .map(|(_, v)| *v)
    }

    fn set(&self, var: Value, val: Value) {
        let mut vars = self.vars.borrow_mut();
        match vars.iter_mut().find(|(k, _)| k.bits() == var.bits()) {
            Some(e) => e.1 = val,
            None => vars.push((var, val)),
        }
    }

    fn remove(&self, var: Value) {
        self.vars
            .borrow_mut()
            .retain(|(k, _)| k.bits() != var.bits());
    }
}

static FUNCS: &[NativeDef] = &[native!("copy_context", "($module, /)", copy_context)];

static VAR_METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, name, *, default=<unrepresentable>)",
        var_new
    ),
    native!("get", "($self, default=<unrepresentable>, /)", var_get),
    native!("set", "($self, value, /)", var_set),
    native!("reset", "($self, token, /)", var_reset),
    native!("__repr__", "($self, /)", var_repr),
    native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem),
];

static VAR_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("name", "($self, /)", var_name), None)];

static TOKEN_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", token_new),
    native!("__repr__", "($self, /)", token_repr),
    native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem),
];

static TOKEN_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("var", "($self, /)", token_var), None),
    (native!("old_value", "($self, /)", token_old_value), None),
];

static MISSING_METHODS: &[NativeDef] = &[native!("__repr__", "($self, /)", missing_repr)];

static CTX_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", ctx_new),
    native!("run", "($self, callable, /, *args, **kwargs)", ctx_run),
    native!("copy", "($self, /)", ctx_copy),
    native!("get", "($self, key, default=None, /)", ctx_get),
    native!("keys", "($self, /)", ctx_keys),
    native!("values", "($self, /)", ctx_values),
    native!("items", "($self, /)", ctx_items),
    native!("__getitem__", "($self, key, /)", ctx_getitem),
    native!("__contains__", "($self, key, /)", ctx_contains),
    native!("__len__", "($self, /)", ctx_len),
    native!("__iter__", "($self, /)", ctx_iter),
    native!("__eq__", "($self, value, /)", ctx_eq),
    native!("__ne__", "($self, value, /)", ctx_ne),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_contextvars", FUNCS);
    let var = stdobj::new_type(vm, "_contextvars", "ContextVar", TypeFlags(0), VAR_METHODS);
    typeobj::add_getsets(vm, var, VAR_GETSETS);
    let token = stdobj::new_type(vm, "_contextvars", "Token", TypeFlags(0), TOKEN_METHODS);
    typeobj::add_getsets(vm, token, TOKEN_GETSETS);
    let ctx = stdobj::new_type(
        vm,
        "_contextvars",
        "Context",
        TypeFlags::MAPPING,
        CTX_METHODS,
    );
    typeobj::set_type_attr(vm, ctx, "__hash__", Value::NONE);
    let missing_ty = stdobj::new_type(
        vm,
        "_contextvars",
        "Token.MISSING",
        TypeFlags(0),
        MISSING_METHODS,
    );
    let missing = match vm.state_get("_contextvars.MISSING") {
        Some(v) => v,
        None => {
            let v = stdobj::new_obj(missing_ty, Missing);
            vm.state_set("_contextvars.MISSING", v);
            v
        }
    };
    typeobj::set_type_attr(vm, token, "MISSING", missing);
    crate::types::module::set_attr(vm, m, "ContextVar", var);
    crate::types::module::set_attr(vm, m, "Token", token);
    crate::types::module::set_attr(vm, m, "Context", ctx);
    Ok(m)
}

fn new_context(vm: &mut Vm, vars: Vec<(Value, Value)>) -> Value {
    let ty = stdobj::state_type(vm, "_contextvars.Context");
    stdobj::new_obj(
        ty,
        Context {
            vars: RefCell::new(vars),
            entered: Cell::new(false),
            prev: Cell::new(Value::NULL),
        },
    )
}

/// The current context (created empty on first use).
fn current(vm: &mut Vm) -> Value {
    if let Some(c) = vm.state_get("_contextvars.current") {
        if stdobj::get::<Context>(c).is_some() {
            return c;
        }
    }
    let c = new_context(vm, Vec::new());
    vm.state_set("_contextvars.current", c);
    c
}

fn ctx_of(vm: &mut Vm, v: Value) -> PyResult<&'static Context> {
    stdobj::expect::<Context>(vm, v, "_contextvars.Context")
}

fn var_of(vm: &mut Vm, v: Value) -> PyResult<&'static ContextVar> {
    stdobj::expect::<ContextVar>(vm, v, "_contextvars.ContextVar")
}

fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}

fn copy_context(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let c = current(vm);
    let vars = ctx_of(vm, c)?.vars.borrow().clone();
    Ok(new_context(vm, vars))
}

// --- ContextVar ---

fn var_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if crate::types::str::as_str(a[1]).is_none() {
        return Err(vm.type_error("context variable name must be a str"));
    }
    Ok(stdobj::new_obj(
        a[0],
        ContextVar {
            name: a[1],
            default: a[2],
        },
    ))
}

fn var_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(var_of(vm, a[0])?.name)
}

fn var_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let var = var_of(vm, a[0])?;
    let c = current(vm);
    if let Some(v) = ctx_of(vm, c)?.lookup(a[0]) {
        return Ok(v);
    }
    if !a[1].is_null() {
        return Ok(a[1]);
    }
    if !var.default.is_null() {
        return Ok(var.default);
    }
    Err(vm.new_exc_args(vm.exc.lookup_error, vec![a[0]]))
}

fn var_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    var_of(vm, a[0])?;
    let c = current(vm);
    let ctx = ctx_of(vm, c)?;
    let old = ctx.lookup(a[0]).unwrap_or(Value::NULL);
    ctx.set(a[0], a[1]);
    let ty = stdobj::state_type(vm, "_contextvars.Token");
    Ok(stdobj::new_obj(
        ty,
        Token {
            ctx: c,
            var: a[0],
            old,
            used: Cell::new(false),
        },
    ))
}

fn var_reset(vm: &mut Vm, a: &[Value]) -> PyResult {
    var_of(vm, a[0])?;
    let Some(tok) = stdobj::get::<Token>(a[1]) else {
        let r = ops::repr::repr_string(vm, a[1])?;
        return Err(vm.type_error(format!("expected an instance of Token, got {r}")));
    };
    if tok.used.get() {
        let r = ops::repr::repr_string(vm, a[1])?;
        return Err(vm.new_exc(
            vm.exc.runtime_error,
            format!("{r} has already been used once"),
        ));
    }
    if tok.var.bits() != a[0].bits() {
        let r = ops::repr::repr_string(vm, a[1])?;
        return Err(vm.value_error(format!("{r} was created by a different ContextVar")));
    }
    let c = current(vm);
    if tok.ctx.bits() != c.bits() {
        let r = ops::repr::repr_string(vm, a[1])?;
        return Err(vm.value_error(format!("{r} was created in a different Context")));
    }
    tok.used.set(true);
    let ctx = ctx_of(vm, c)?;
    if tok.old.is_null() {
        ctx.remove(a[0]);
    } else {
        ctx.set(a[0], tok.old);
    }
    Ok(Value::NONE)
}

fn var_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let var = var_of(vm, a[0])?;
    let name = ops::repr::repr_string(vm, var.name)?;
    let mut s = format!("<ContextVar name={name}");
    if !var.default.is_null() {
        let d = ops::repr::repr_string(vm, var.default)?;
        s.push_str(&format!(" default={d}"));
    }
    s.push_str(&format!(" at {:#x}>", a[0].bits()));
    Ok(vm.new_string(s))
}

// --- Token ---

fn token_new(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.new_exc(
        vm.exc.runtime_error,
        "Tokens can only be created by ContextVars",
    ))
}

fn token_of(vm: &mut Vm, v: Value) -> PyResult<&'static Token> {
    stdobj::expect::<Token>(vm, v, "_contextvars.Token")
}

fn token_var(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(token_of(vm, a[0])?.var)
}

fn token_old_value(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = token_of(vm, a[0])?;
    if t.old.is_null() {
        return Ok(vm.state_get("_contextvars.MISSING").unwrap_or(Value::NONE));
    }
    Ok(t.old)
}

fn token_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = token_of(vm, a[0])?;
    let used = if t.used.get() { " used" } else { "" };
    let var = ops::repr::repr_string(vm, t.var)?;
    Ok(vm.new_string(format!("<Token{used} var={var} at {:#x}>", a[0].bits())))
}

fn missing_repr(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(vm.new_str("<Token.MISSING>"))
}

// --- Context ---

fn ctx_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let has_args = crate::types::tuple::items(a[1]).is_some_and(|t| !t.is_empty());
    let has_kw = !a[2].is_null() && crate::types::dict::len(a[2]) > 0;
    if has_args || has_kw {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    Ok(new_context(vm, Vec::new()))
}

fn ctx_run(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ctx = ctx_of(vm, a[0])?;
    if ctx.entered.get() {
        let r = ops::repr::repr_string(vm, a[0])?;
        return Err(vm.new_exc(
            vm.exc.runtime_error,
            format!("cannot enter context: {r} is already entered"),
        ));
    }
    let prev = current(vm);
    ctx.entered.set(true);
    ctx.prev.set(prev);
    vm.state_set("_contextvars.current", a[0]);
    let args = crate::types::tuple::items(a[2]).unwrap_or(&[]).to_vec();
    let r = ops::call::call_ex(vm, a[1], &args, a[3]);
    vm.state_set("_contextvars.current", prev);
    ctx.prev.set(Value::NULL);
    ctx.entered.set(false);
    r
}

fn ctx_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let vars = ctx_of(vm, a[0])?.vars.borrow().clone();
    Ok(new_context(vm, vars))
}

fn key_var(vm: &mut Vm, key: Value) -> PyResult<()> {
    if stdobj::get::<ContextVar>(key).is_none() {
        let r = ops::repr::repr_string(vm, key)?;
        return Err(vm.type_error(format!("a ContextVar key was expected, got {r}")));
    }
    Ok(())
}

fn ctx_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ctx = ctx_of(vm, a[0])?;
    key_var(vm, a[1])?;
    Ok(ctx
        .lookup(a[1])
        .unwrap_or(if a[2].is_null() { Value::NONE } else { a[2] }))
}

fn ctx_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ctx = ctx_of(vm, a[0])?;
    key_var(vm, a[1])?;
    match ctx.lookup(a[1]) {
        Some(v) => Ok(v),
        None => Err(vm.key_error(a[1])),
    }
}

fn ctx_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ctx = ctx_of(vm, a[0])?;
    key_var(vm, a[1])?;
    Ok(Value::from_bool(ctx.lookup(a[1]).is_some()))
}

fn ctx_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = ctx_of(vm, a[0])?.vars.borrow().len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn pairs(vm: &mut Vm, v: Value) -> PyResult<Vec<(Value, Value)>> {
    Ok(ctx_of(vm, v)?.vars.borrow().clone())
}

fn ctx_keys(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ks = pairs(vm, a[0])?.into_iter().map(|p| p.0).collect();
    Ok(crate::types::list::new_list(vm, ks))
}

fn ctx_values(vm: &mut Vm, a: &[Value]) -> PyResult {
    let vs = pairs(vm, a[0])?.into_iter().map(|p| p.1).collect();
    Ok(crate::types::list::new_list(vm, vs))
}

fn ctx_items(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut items = Vec::new();
    for (k, v) in pairs(vm, a[0])? {
        items.push(new_tuple(vm, vec![k, v]));
    }
    Ok(crate::types::list::new_list(vm, items))
}

fn ctx_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = ctx_keys(vm, a)?;
    ops::iter::get_iter(vm, l)
}

fn ctx_equal(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<bool>> {
    if stdobj::get::<Context>(b).is_none() {
        return Ok(None);
    }
    let pa = pairs(vm, a)?;
    let pb = pairs(vm, b)?;
    if pa.len() != pb.len() {
        return Ok(Some(false));
    }
    for (k, v) in pa {
        match pb.iter().find(|(k2, _)| k2.bits() == k.bits()) {
            Some((_, v2)) => {
                if !ops::compare::eq(vm, v, *v2)? {
                    return Ok(Some(false));
                }
            }
            None => return Ok(Some(false)),
        }
    }
    Ok(Some(true))
}

fn ctx_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctx_of(vm, a[0])?;
    Ok(match ctx_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn ctx_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctx_of(vm, a[0])?;
    Ok(match ctx_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}
