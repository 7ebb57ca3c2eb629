//! `__slots__` and instance layouts: which base a new class takes its instance layout from
//! (the "solid base" rules behind "multiple bases have instance lay-out conflict"), the
//! checks and name mangling of `__slots__`, whether instances get a `__dict__` and weak
//! references, and the compatibility test of `__class__` assignment.
//!
//! Slot values live in the instance's `SlotStore` (`types::instance`), indexed: a class's own
//! slots follow those of its base chain, so a member descriptor's index is fixed when the class
//! is created (the layout rules guarantee that every slotted class of an MRO lies on the chain
//! of `base` links).

use crate::object::ObjKind;
use crate::types::dict;
use crate::types::str::StrObj;
use crate::types::typeobj::{self, TypeFlags, is_subtype, tobj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// What `__slots__` (or its absence) gives a new class.
pub struct SlotInfo {
    /// The class's own slot names, mangled and sorted (CPython's member order).
    pub names: Vec<Value>,
    /// The class adds a `__dict__` / weak-reference support its base lacks.
    pub add_dict: bool,
    pub add_weak: bool,
}

/// The number of slots an instance of `ty` has (its own and its bases').
pub fn total_slots(ty: Value) -> usize {
    let mut n = 0;
    let mut t = ty;
    while let Some(to) = t.downcast::<typeobj::TypeObject>() {
        n += to.slots.borrow().len();
        t = to.base.get();
    }
    n
}

/// The most derived base that fixes the instance layout of `ty`: a class with its own slots,
/// or a builtin whose payload differs from its base's.
pub fn solid_base(ty: Value) -> Value {
    let t = tobj(ty);
    let base = t.base.get();
    if base.is_null() {
        return ty;
    }
    let own = if t.flags.get().contains(TypeFlags::HEAPTYPE) {
        !t.slots.borrow().is_empty()
    } else {
        tobj(base).layout != t.layout
    };
    if own { ty } else { solid_base(base) }
}

/// CPython's `best_base`: the base whose solid base is the most derived; every other base's
/// solid base must be one of its ancestors.
pub fn best_base(vm: &mut Vm, bases: &[Value]) -> PyResult<Value> {
    let mut winner = Value::NULL;
    let mut best = Value::NULL;
    for &b in bases {
        let c = solid_base(b);
        if winner.is_null() || c != winner && is_subtype(c, winner) {
            winner = c;
            best = b;
        } else if !is_subtype(winner, c) {
            return Err(vm.type_error("multiple bases have instance lay-out conflict"));
        }
    }
    Ok(best)
}

/// Builtins whose instances are variable-sized in CPython (`__itemsize__ != 0`): subclasses
/// can add neither slots nor weak references.
fn has_itemsize(ty: Value) -> bool {
    matches!(
        tobj(ty).layout,
        ObjKind::Int | ObjKind::Bytes | ObjKind::Tuple | ObjKind::Type
    )
}

/// Whether instances of `ty` have a `__dict__` (the flag, or a base such as `type` that
/// provides the attribute itself).
fn has_dict(vm: &Vm, ty: Value) -> bool {
    tobj(ty).flags.get().contains(TypeFlags::HAS_DICT)
        || !typeobj::lookup_uncached(ty, vm.names.dict).is_null()
}

/// Whether instances of `ty` can be weakly referenced. For builtins this is CPython's answer
/// for the types a class can derive from (those with a weak-reference list): any other builtin
/// base lets a subclass add `__weakref__`.
pub fn weakrefable(_vm: &Vm, ty: Value) -> bool {
    let t = tobj(ty);
    if t.flags.get().contains(TypeFlags::HEAPTYPE) {
        return t.flags.get().contains(TypeFlags::HAS_WEAKREF);
    }
    match t.layout {
        ObjKind::Type
        | ObjKind::Set
        | ObjKind::Module
        | ObjKind::Function
        | ObjKind::Generator
        | ObjKind::Code
        | ObjKind::IoFile
        | ObjKind::IoBytes
        | ObjKind::IoString
        | ObjKind::IoBuffered
        | ObjKind::IoText => true,
        _ => matches!(
            t.name.borrow().as_str(),
            "deque"
                | "partial"
                | "array"
                | "OrderedDict"
                | "_lru_cache_wrapper"
                | "GenericAlias"
                | "_local"
        ),
    }
}

/// `_Py_Mangle`: `__x` inside class `C` is `_C__x` (not dunders, dotted names, or inside a
/// class whose name is all underscores).
fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// Reads and checks `__slots__` of the namespace `d` of new class `class_name`, whose layout
/// comes from `base` (its best base) among `bases`.
pub fn process(
    vm: &mut Vm,
    class_name: &str,
    base: Value,
    bases: &[Value],
    d: Value,
) -> PyResult<SlotInfo> {
    let may_add_dict = !has_dict(vm, base);
    let may_add_weak = !weakrefable(vm, base) && !has_itemsize(base);
    let Some(sv) = dict::get_str(d, "__slots__") else {
        return Ok(SlotInfo {
            names: Vec::new(),
            add_dict: may_add_dict,
            add_weak: may_add_weak,
        });
    };
    let items = if sv.is::<StrObj>() {
        vec![sv]
    } else {
        crate::ops::iter::collect(vm, sv)?
    };
    if !items.is_empty() && has_itemsize(base) {
        return Err(vm.type_error(format!(
            "nonempty __slots__ not supported for subtype of '{}'",
            typeobj::type_name(base)
        )));
    }
    let mut info = SlotInfo {
        names: Vec::new(),
        add_dict: false,
        add_weak: false,
    };
    let mut plain: Vec<String> = Vec::new();
    for it in &items {
        let Some(s) = it.downcast::<StrObj>() else {
            return Err(vm.type_error(format!(
                "__slots__ items must be strings, not '{}'",
                vm.type_name(*it)
            )));
        };
        let s = s.as_str();
        if !crate::types::str_unicode::is_identifier(s) {
            return Err(vm.type_error("__slots__ must be identifiers"));
        }
        match s {
            "__dict__" => {
                if !may_add_dict || info.add_dict {
                    return Err(vm.type_error("__dict__ slot disallowed: we already got one"));
                }
                info.add_dict = true;
            }
            "__weakref__" => {
                if !may_add_weak || info.add_weak {
                    return Err(vm.type_error(
                        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                    ));
                }
                info.add_weak = true;
            }
            _ => plain.push(s.to_string()),
        }
    }
    let mut names: Vec<String> = Vec::new();
    for s in plain {
        let m = mangle(class_name, &s);
        // `__qualname__` and `__classcell__` are removed from the namespace later.
        if m != "__qualname__" && m != "__classcell__" && dict::get_str(d, &m).is_some() {
            let mv = vm.new_str(&m);
            let r = crate::ops::repr::repr_string(vm, mv)?;
            return Err(vm.value_error(format!("{r} in __slots__ conflicts with class variable")));
        }
        names.push(m);
    }
    names.sort();
    info.names = names.iter().map(|n| vm.intern(n)).collect();
    // Secondary bases may provide the dict or weak references.
    for &b in bases {
        if b == base {
            continue;
        }
        if may_add_dict && !info.add_dict && has_dict(vm, b) {
            info.add_dict = true;
        }
        if may_add_weak && !info.add_weak && weakrefable(vm, b) {
            info.add_weak = true;
        }
    }
    Ok(info)
}

/// The flags a new class gets for its dict and weak references.
pub fn layout_flags(vm: &Vm, info: &SlotInfo, bases: &[Value]) -> TypeFlags {
    let mut f = TypeFlags(0);
    if info.add_dict || bases.iter().any(|b| has_dict(vm, *b)) {
        f = f.union(TypeFlags::HAS_DICT);
    }
    if info.add_weak || bases.iter().any(|b| weakrefable(vm, *b)) {
        f = f.union(TypeFlags::HAS_WEAKREF);
    }
    f
}

/// Whether `ty` adds anything to its base's instance layout.
fn adds_to_layout(vm: &Vm, ty: Value) -> bool {
    let t = tobj(ty);
    let base = t.base.get();
    if base.is_null() || !t.flags.get().contains(TypeFlags::HEAPTYPE) {
        return true;
    }
    !t.slots.borrow().is_empty()
        || has_dict(vm, ty) != has_dict(vm, base)
        || weakrefable(vm, ty) != weakrefable(vm, base)
}

/// `__class__` assignment: whether instances of `old` can become instances of `new` (the same
/// layout: the same solid base and the same slots, dict and weak-reference support).
pub fn compatible_layouts(vm: &Vm, old: Value, new: Value) -> bool {
    if tobj(old).layout != tobj(new).layout {
        return false;
    }
    let root = |mut t: Value| {
        while !adds_to_layout(vm, t) {
            t = tobj(t).base.get();
        }
        t
    };
    let (a, b) = (root(old), root(new));
    if a == b {
        return true;
    }
    let (ta, tb) = (tobj(a), tobj(b));
    ta.flags.get().contains(TypeFlags::HEAPTYPE)
        && tb.flags.get().contains(TypeFlags::HEAPTYPE)
        && ta.base.get() == tb.base.get()
        && *ta.slots.borrow() == *tb.slots.borrow()
        && has_dict(vm, a) == has_dict(vm, b)
        && weakrefable(vm, a) == weakrefable(vm, b)
}
