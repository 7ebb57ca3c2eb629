//! `types.GenericAlias` (`list[int]`) and `types.UnionType` (`int | str`), as CPython 3.11
//! implements them natively. An alias keeps its `__origin__`, `__args__` and `__parameters__`
//! as read-only instance attributes (the types have no `__dict__`, so Python cannot set them).
//! Type variables (`typing.TypeVar` substitution) come with the typing module.

use crate::native::NativeDef;
use crate::object::ObjKind;
use crate::ops;
use crate::types::instance;
use crate::types::str::as_str;
use crate::types::typeobj::{self, TypeFlags, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

/// Creates the two types (called once while `builtins` is set up).
pub fn init_types(vm: &mut Vm) {
    let object = vm.types.object;
    let ga = typeobj::new_static_type(
        vm,
        "GenericAlias",
        object,
        ObjKind::Object,
        TypeFlags::BASETYPE,
    );
    let un = typeobj::new_static_type(vm, "UnionType", object, ObjKind::Object, TypeFlags(0));
    vm.types.generic_alias = ga;
    vm.types.union_type = un;
    for t in [ga, un] {
        let m = vm.intern("types");
        typeobj::set_type_attr(vm, t, "__module__", m);
    }
    typeobj::add_methods(vm, ga, ALIAS_METHODS);
    typeobj::add_methods(vm, un, UNION_METHODS);
}

static ALIAS_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, origin, args, /)", alias_new),
    native!("__getattribute__", "($self, name, /)", alias_getattribute),
    native!("__repr__", "($self, /)", alias_repr),
    native!("__call__", "($self, /, *args, **kwargs)", alias_call),
    native!("__mro_entries__", "($self, bases, /)", alias_mro_entries),
    native!("__eq__", "($self, value, /)", alias_eq),
    native!("__ne__", "($self, value, /)", alias_ne),
    native!("__hash__", "($self, /)", alias_hash),
    native!("__or__", "($self, value, /)", or),
    native!("__ror__", "($self, value, /)", ror),
    native!(
        "__instancecheck__",
        "($self, instance, /)",
        alias_instancecheck
    ),
    native!(
        "__subclasscheck__",
        "($self, subclass, /)",
        alias_subclasscheck
    ),
    native!("__getitem__", "($self, key, /)", alias_getitem),
    native!("__iter__", "($self, /)", alias_iter),
    native!("__reduce__", "($self, /)", alias_reduce),
    native!("__dir__", "($self, /)", alias_dir),
];

static UNION_METHODS: &[NativeDef] = &[
    native!("__repr__", "($self, /)", union_repr),
    native!("__getattribute__", "($self, name, /)", union_getattribute),
    native!("__getitem__", "($self, key, /)", union_getitem),
    native!("__eq__", "($self, value, /)", union_eq),
    native!("__ne__", "($self, value, /)", union_ne),
    native!("__hash__", "($self, /)", union_hash),
    native!("__or__", "($self, value, /)", or),
    native!("__ror__", "($self, value, /)", ror),
    native!(
        "__instancecheck__",
        "($self, instance, /)",
        union_instancecheck
    ),
    native!(
        "__subclasscheck__",
        "($self, subclass, /)",
        union_subclasscheck
    ),
];

fn attr(vm: &mut Vm, v: Value, name: &str) -> Value {
    let n = vm.intern(name);
    instance::get(v, n).unwrap_or(Value::NONE)
}

fn is_alias(vm: &Vm, v: Value) -> bool {
    typeobj::is_subtype(vm.type_of(v), vm.types.generic_alias)
}

fn is_union(vm: &Vm, v: Value) -> bool {
    vm.type_of(v) == vm.types.union_type
}

fn args_of(vm: &mut Vm, v: Value) -> Vec<Value> {
    let a = attr(vm, v, "__args__");
    crate::types::tuple::items(a).unwrap_or(&[]).to_vec()
}

/// A new alias object of type `ty` with the given attributes.
fn new_alias_of_type(vm: &mut Vm, ty: Value, origin: Value, args: Value) -> Value {
    let args = if crate::types::tuple::items(args).is_some() {
        args
    } else {
        crate::types::tuple::new_tuple(vm, vec![args])
    };
    let obj = crate::heap::alloc(ty, ());
    // `__parameters__` is computed on first use (it asks the arguments for
    // `__typing_subst__`/`__parameters__`, which may run Python code).
    for (k, v) in [
        ("__origin__", origin),
        ("__args__", args),
        ("__parameters__", Value::NONE),
        ("__unpacked__", Value::FALSE),
    ] {
        let k = vm.intern(k);
        instance::set(vm, obj, k, v);
    }
    obj
}

/// `origin[args]` for the builtin generic classes.
pub fn make_generic_alias(vm: &mut Vm, origin: Value, args: Value) -> PyResult {
    let ty = vm.types.generic_alias;
    Ok(new_alias_of_type(vm, ty, origin, args))
}

fn alias_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is::<TypeObject>() {
        return Err(vm.type_error("GenericAlias.__new__(X): X is not a type object"));
    }
    Ok(new_alias_of_type(vm, a[0], a[1], a[2]))
}

/// Names an alias answers itself; every other attribute comes from the origin, as CPython.
const ALIAS_OWN: &[&str] = &[
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn alias_getattribute(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (obj, name) = (a[0], a[1]);
    let Some(n) = as_str(name) else {
        return Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(name)
        )));
    };
    if n == "__parameters__" {
        return parameters_of(vm, obj);
    }
    if n == "__typing_unpacked_tuple_args__" {
        let starred = attr(vm, obj, "__unpacked__") == Value::TRUE;
        let origin = attr(vm, obj, "__origin__");
        return Ok(if starred && origin == vm.types.tuple {
            attr(vm, obj, "__args__")
        } else {
            Value::NONE
        });
    }
    if ALIAS_OWN.contains(&n) {
        return ops::attr::generic_getattr(vm, obj, name);
    }
    let origin = attr(vm, obj, "__origin__");
    ops::attr::getattr(vm, origin, name)
}

/// How an alias shows one of its arguments: `...`, nested aliases by repr, classes by
/// (module-qualified) qualname, anything else by repr.
fn repr_item(vm: &mut Vm, p: Value) -> PyResult<String> {
    if p == Value::ELLIPSIS {
        return Ok("...".into());
    }
    if vm.type_of(p) == vm.types.list {
        // A ParamSpec's substitution: `[int, str]`.
        let items = p
            .downcast::<crate::types::list::ListObj>()
            .map(|l| l.items.borrow().clone())
            .unwrap_or_default();
        let mut parts = Vec::with_capacity(items.len());
        for x in items {
            parts.push(repr_item(vm, x)?);
        }
        return Ok(format!("[{}]", parts.join(", ")));
    }
    if is_alias(vm, p) || is_union(vm, p) {
        return ops::repr::repr_string(vm, p);
    }
    // Anything that looks like a generic alias (typing's too) shows by repr.
    if !p.is::<TypeObject>() {
        let o = vm.intern("__origin__");
        let a = vm.intern("__args__");
        if ops::attr::getattr_opt(vm, p, o)?.is_some()
            && ops::attr::getattr_opt(vm, p, a)?.is_some()
        {
            return ops::repr::repr_string(vm, p);
        }
    }
    if crate::types::tuple::items(p).is_some_and(|t| t.is_empty())
        && vm.type_of(p) == vm.types.tuple
    {
        return Ok("()".into());
    }
    let q = ops::attr::getattr_opt(vm, p, vm.names.qualname)?;
    let m = ops::attr::getattr_opt(vm, p, vm.names.module)?;
    match (q.and_then(as_str), m) {
        (Some(q), Some(m)) => match as_str(m) {
            Some("builtins") => Ok(q.to_string()),
            Some(ms) => Ok(format!("{ms}.{q}")),
            None if m.is_none() => Ok(q.to_string()),
            None => ops::repr::repr_string(vm, p),
        },
        _ => ops::repr::repr_string(vm, p),
    }
}

fn alias_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let origin = attr(vm, a[0], "__origin__");
    let mut s = if attr(vm, a[0], "__unpacked__") == Value::TRUE {
        "*".to_string()
    } else {
        String::new()
    };
    s.push_str(&repr_item(vm, origin)?);
    s.push('[');
    let args = args_of(vm, a[0]);
    if args.is_empty() {
        s.push_str("()");
    }
    for (i, x) in args.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr_item(vm, *x)?);
    }
    s.push(']');
    Ok(vm.new_string(s))
}

/// `list[int](...)`: an instance of the origin, tagged with `__orig_class__` when possible.
fn alias_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let origin = attr(vm, a[0], "__origin__");
    let mut args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut names = Vec::new();
    if !a[2].is_null() {
        for (k, v) in crate::types::dict::items(a[2]) {
            names.push(k);
            args.push(v);
        }
    }
    let obj = ops::call::call_kw(vm, origin, &args, &names)?;
    match ops::attr::setattr_str(vm, obj, "__orig_class__", a[0]) {
        Err(e)
            if !vm.exc_matches(e, vm.exc.attribute_error)
                && !vm.exc_matches(e, vm.exc.type_error) =>
        {
            Err(e)
        }
        _ => Ok(obj),
    }
}

fn alias_mro_entries(vm: &mut Vm, a: &[Value]) -> PyResult {
    let origin = attr(vm, a[0], "__origin__");
    Ok(crate::types::tuple::new_tuple(vm, vec![origin]))
}

fn alias_equal(vm: &mut Vm, x: Value, y: Value) -> PyResult<Option<bool>> {
    if !is_alias(vm, x) || !is_alias(vm, y) {
        return Ok(None);
    }
    if attr(vm, x, "__unpacked__") != attr(vm, y, "__unpacked__") {
        return Ok(Some(false));
    }
    let (ox, oy) = (attr(vm, x, "__origin__"), attr(vm, y, "__origin__"));
    if !ops::compare::eq(vm, ox, oy)? {
        return Ok(Some(false));
    }
    let (ax, ay) = (attr(vm, x, "__args__"), attr(vm, y, "__args__"));
    Ok(Some(ops::compare::eq(vm, ax, ay)?))
}

fn alias_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match alias_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn alias_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match alias_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn alias_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let origin = attr(vm, a[0], "__origin__");
    let args = attr(vm, a[0], "__args__");
    let h = ops::hash::hash(vm, origin)? ^ ops::hash::hash(vm, args)?;
    Ok(crate::types::int::from_i64(
        vm,
        if h == -1 { -2 } else { h },
    ))
}

fn alias_instancecheck(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn alias_subclasscheck(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

/// `alias[item]`: substitutes the alias's type parameters (CPython's `ga_getitem`).
fn alias_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let params = parameters_of(vm, a[0])?;
    let args = attr(vm, a[0], "__args__");
    let newargs = subs_parameters(vm, a[0], args, params, a[1])?;
    let origin = attr(vm, a[0], "__origin__");
    let starred = attr(vm, a[0], "__unpacked__");
    let t = crate::types::tuple::new_tuple(vm, newargs);
    let r = make_generic_alias(vm, origin, t)?;
    let k = vm.intern("__unpacked__");
    instance::set(vm, r, k, starred);
    Ok(r)
}

/// `iter(alias)`: yields the unpacked form `*alias` once (`*tuple[int, str]`).
fn alias_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let origin = attr(vm, a[0], "__origin__");
    let args = attr(vm, a[0], "__args__");
    let ty = vm.types.generic_alias;
    let star = new_alias_of_type(vm, ty, origin, args);
    let k = vm.intern("__unpacked__");
    instance::set(vm, star, k, Value::TRUE);
    let l = crate::types::list::new_list(vm, vec![star]);
    ops::iter::get_iter(vm, l)
}

/// The alias's (or union's) type parameters, computed once from its arguments.
fn parameters_of(vm: &mut Vm, obj: Value) -> PyResult {
    let cur = attr(vm, obj, "__parameters__");
    if crate::types::tuple::items(cur).is_some() {
        return Ok(cur);
    }
    let args = args_of(vm, obj);
    let params = make_parameters(vm, &args)?;
    let t = crate::types::tuple::new_tuple(vm, params);
    let k = vm.intern("__parameters__");
    instance::set(vm, obj, k, t);
    Ok(t)
}

/// Optional attribute lookup (AttributeError means absent).
fn lookup_attr(vm: &mut Vm, v: Value, name: &str) -> PyResult<Option<Value>> {
    let n = vm.intern(name);
    ops::attr::getattr_opt(vm, v, n)
}

fn push_unique(out: &mut Vec<Value>, v: Value) {
    if !out.contains(&v) {
        out.push(v);
    }
}

/// CPython's `_Py_make_parameters`: the type variables among the arguments (objects with
/// `__typing_subst__`) and the parameters of nested generics, in order, without repeats.
fn make_parameters(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    for &t in args {
        if t.is::<TypeObject>() {
            continue;
        }
        if lookup_attr(vm, t, "__typing_subst__")?.is_some() {
            push_unique(&mut out, t);
        } else if let Some(sub) = lookup_attr(vm, t, "__parameters__")?
            && let Some(items) = crate::types::tuple::items(sub)
        {
            for &x in items.to_vec().iter() {
                push_unique(&mut out, x);
            }
        }
    }
    Ok(out)
}

/// CPython's `_unpack_args`: `*tuple[int, str]` items (with a fixed length) spread in place.
fn unpack_args(vm: &mut Vm, item: Value) -> PyResult<Vec<Value>> {
    let items = match crate::types::tuple::items(item) {
        Some(t) => t.to_vec(),
        None => vec![item],
    };
    let mut out = Vec::new();
    for it in items {
        if !it.is::<TypeObject>()
            && let Some(sub) = lookup_attr(vm, it, "__typing_unpacked_tuple_args__")?
            && let Some(st) = crate::types::tuple::items(sub)
            && st.last() != Some(&Value::ELLIPSIS)
        {
            out.extend_from_slice(st);
            continue;
        }
        out.push(it);
    }
    Ok(out)
}

fn is_unpacked_typevartuple(vm: &mut Vm, arg: Value) -> PyResult<bool> {
    if arg.is::<TypeObject>() {
        return Ok(false);
    }
    match lookup_attr(vm, arg, "__typing_is_unpacked_typevartuple__")? {
        Some(v) => ops::truth::is_true(vm, v),
        None => Ok(false),
    }
}

/// CPython's `subs_tvars`: `obj` (a nested generic) with its own parameters replaced.
fn subs_tvars(vm: &mut Vm, obj: Value, params: &[Value], argitems: &[Value]) -> PyResult {
    let Some(sub) = lookup_attr(vm, obj, "__parameters__")? else {
        return Ok(obj);
    };
    let Some(subparams) = crate::types::tuple::items(sub).map(|t| t.to_vec()) else {
        return Ok(obj);
    };
    if subparams.is_empty() {
        return Ok(obj);
    }
    let mut subargs = Vec::new();
    for arg in subparams {
        if let Some(i) = params.iter().position(|p| *p == arg) {
            let param = params[i];
            let value = argitems[i];
            // A TypeVarTuple (iterable type) substituted by a tuple spreads its items.
            let pty = vm.type_of(param);
            let iterable = typeobj::lookup(vm, pty, vm.names.iter);
            if !iterable.is_null() && vm.type_of(value) == vm.types.tuple {
                subargs.extend_from_slice(crate::types::tuple::items(value).unwrap_or(&[]));
                continue;
            }
            subargs.push(value);
        } else {
            subargs.push(arg);
        }
    }
    let t = crate::types::tuple::new_tuple(vm, subargs);
    ops::item::getitem(vm, obj, t)
}

/// CPython's `_Py_subs_parameters`: the new arguments of `self` (with arguments `args` and
/// parameters `params`) subscripted by `item`.
fn subs_parameters(
    vm: &mut Vm,
    self_: Value,
    args: Value,
    params: Value,
    item: Value,
) -> PyResult<Vec<Value>> {
    let params = crate::types::tuple::items(params).unwrap_or(&[]).to_vec();
    let nparams = params.len();
    if nparams == 0 {
        let r = ops::repr::repr_string(vm, self_)?;
        return Err(vm.type_error(format!("{r} is not a generic class")));
    }
    let mut item = {
        let v = unpack_args(vm, item)?;
        crate::types::tuple::new_tuple(vm, v)
    };
    for &param in &params {
        if let Some(prepare) = lookup_attr(vm, param, "__typing_prepare_subst__")?
            && !prepare.is_none()
        {
            item = ops::call::call(vm, prepare, &[self_, item])?;
        }
    }
    let argitems: Vec<Value> = match crate::types::tuple::items(item) {
        Some(t) => t.to_vec(),
        None => vec![item],
    };
    if argitems.len() != nparams {
        let r = ops::repr::repr_string(vm, self_)?;
        let which = if argitems.len() > nparams {
            "many"
        } else {
            "few"
        };
        return Err(vm.type_error(format!(
            "Too {which} arguments for {r}; actual {}, expected {nparams}",
            argitems.len()
        )));
    }
    let args = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
    let mut newargs = Vec::with_capacity(args.len());
    for arg in args {
        if arg.is::<TypeObject>() {
            newargs.push(arg);
            continue;
        }
        let unpack = is_unpacked_typevartuple(vm, arg)?;
        let new = if let Some(subst) = lookup_attr(vm, arg, "__typing_subst__")? {
            let i = params.iter().position(|p| *p == arg).unwrap_or(0);
            ops::call::call(vm, subst, &[argitems[i]])?
        } else {
            subs_tvars(vm, arg, &params, &argitems)?
        };
        if unpack {
            let items = ops::iter::collect(vm, new)?;
            newargs.extend(items);
        } else {
            newargs.push(new);
        }
    }
    Ok(newargs)
}

fn alias_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = vm.type_of(a[0]);
    let origin = attr(vm, a[0], "__origin__");
    let args = attr(vm, a[0], "__args__");
    let inner = crate::types::tuple::new_tuple(vm, vec![origin, args]);
    Ok(crate::types::tuple::new_tuple(vm, vec![ty, inner]))
}

fn alias_dir(vm: &mut Vm, a: &[Value]) -> PyResult {
    let origin = attr(vm, a[0], "__origin__");
    let dir = vm.intern("__dir__");
    let r = ops::call_special(vm, origin, dir, &[])?.unwrap_or(Value::NONE);
    let mut names = if r.is_none() {
        Vec::new()
    } else {
        ops::iter::collect(vm, r)?
    };
    for n in ALIAS_OWN {
        let v = vm.intern(n);
        if !names.contains(&v) {
            names.push(v);
        }
    }
    Ok(crate::types::list::new_list(vm, names))
}

// ----- UnionType -----

/// Whether `v` may appear in `X | Y` (3.11: None, classes, generic aliases and unions).
fn unionable(vm: &Vm, v: Value) -> bool {
    v.is_none() || v.is::<TypeObject>() || is_alias(vm, v) || is_union(vm, v)
}

/// `a | b` for classes, aliases and unions: a `types.UnionType` of the flattened,
/// deduplicated arguments (a single remaining argument is returned itself), or
/// NotImplemented when an operand cannot take part.
pub fn make_union(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    if !unionable(vm, a) || !unionable(vm, b) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let mut items: Vec<Value> = Vec::new();
    for side in [a, b] {
        let parts = if is_union(vm, side) {
            args_of(vm, side)
        } else if side.is_none() {
            vec![vm.types.none]
        } else {
            vec![side]
        };
        for p in parts {
            let mut dup = false;
            for q in items.clone() {
                if q == p || ops::compare::eq(vm, q, p)? {
                    dup = true;
                    break;
                }
            }
            if !dup {
                items.push(p);
            }
        }
    }
    if items.len() == 1 {
        return Ok(items[0]);
    }
    let obj = crate::heap::alloc(vm.types.union_type, ());
    let args = crate::types::tuple::new_tuple(vm, items);
    for (k, v) in [("__args__", args), ("__parameters__", Value::NONE)] {
        let k = vm.intern(k);
        instance::set(vm, obj, k, v);
    }
    Ok(obj)
}

fn or(vm: &mut Vm, a: &[Value]) -> PyResult {
    make_union(vm, a[0], a[1])
}

fn ror(vm: &mut Vm, a: &[Value]) -> PyResult {
    make_union(vm, a[1], a[0])
}

fn union_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut parts = Vec::new();
    for x in args_of(vm, a[0]) {
        if x == vm.types.none {
            parts.push("None".to_string());
        } else {
            parts.push(repr_item(vm, x)?);
        }
    }
    Ok(vm.new_string(parts.join(" | ")))
}

/// Unions are equal when they hold the same arguments in any order.
fn union_equal(vm: &mut Vm, x: Value, y: Value) -> PyResult<Option<bool>> {
    if !is_union(vm, x) || !is_union(vm, y) {
        return Ok(None);
    }
    let (ax, ay) = (args_of(vm, x), args_of(vm, y));
    for (p, q) in [(&ax, &ay), (&ay, &ax)] {
        for &i in p.iter() {
            let mut found = false;
            for &j in q.iter() {
                if i == j || ops::compare::eq(vm, i, j)? {
                    found = true;
                    break;
                }
            }
            if !found {
                return Ok(Some(false));
            }
        }
    }
    Ok(Some(true))
}

fn union_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match union_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(b),
        None => Value::NOT_IMPLEMENTED,
    })
}

fn union_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(match union_equal(vm, a[0], a[1])? {
        Some(b) => Value::from_bool(!b),
        None => Value::NOT_IMPLEMENTED,
    })
}

/// Order-independent, like CPython's `hash(frozenset(args))`.
fn union_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut h: i64 = 0x5a17;
    for x in args_of(vm, a[0]) {
        h ^= ops::hash::hash(vm, x)?;
    }
    Ok(crate::types::int::from_i64(
        vm,
        if h == -1 { -2 } else { h },
    ))
}

fn union_check(vm: &mut Vm, a: &[Value], what: &str) -> PyResult {
    let args = args_of(vm, a[0]);
    if args.iter().any(|x| is_alias(vm, *x)) {
        return Err(vm.type_error(format!(
            "{what}() argument 2 cannot be a parameterized generic"
        )));
    }
    for x in args {
        let r = if what == "isinstance" {
            super::is_instance(vm, a[1], x)?
        } else {
            super::is_subclass(vm, a[1], x)?
        };
        if r {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn union_instancecheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    union_check(vm, a, "isinstance")
}

fn union_subclasscheck(vm: &mut Vm, a: &[Value]) -> PyResult {
    union_check(vm, a, "issubclass")
}

fn union_getattribute(vm: &mut Vm, a: &[Value]) -> PyResult {
    if as_str(a[1]) == Some("__parameters__") {
        return parameters_of(vm, a[0]);
    }
    ops::attr::generic_getattr(vm, a[0], a[1])
}

/// `(int | T)[str]`: the union of the substituted arguments (CPython's `union_getitem`).
fn union_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let params = parameters_of(vm, a[0])?;
    let args = attr(vm, a[0], "__args__");
    let newargs = subs_parameters(vm, a[0], args, params, a[1])?;
    let Some((&first, rest)) = newargs.split_first() else {
        return Ok(a[0]);
    };
    let mut res = first;
    for &x in rest {
        res = ops::number::binary_op(vm, res, x, fp_bytecode::BinaryOp::Or, false)?;
    }
    Ok(res)
}
