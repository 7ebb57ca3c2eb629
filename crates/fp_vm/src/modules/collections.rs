//! `_collections`: `deque` (with maxlen, every method, its iterators and repr), `defaultdict`
//! (a dict subclass with `__missing__`), `_count_elements` (Counter's loop) and `_tuplegetter`
//! (namedtuple field descriptors). `OrderedDict` is left to the pure-Python version in
//! `Lib/collections/__init__.py`, which keeps it when `_collections.OrderedDict` is missing.

use super::operator::with_repr_guard;
use super::stdobj::{self, StdData, visit_all};
use crate::native::NativeDef;
use crate::ops;
use crate::types::typeobj::{self, TypeFlags};
use crate::types::{dict, int, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::CompareOp;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

static FUNCS: &[NativeDef] = &[native!(
    "_count_elements",
    "($module, mapping, iterable, /)",
    count_elements
)];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "_collections", FUNCS);
    let dq = stdobj::new_type(
        vm,
        "collections",
        "deque",
        TypeFlags::BASETYPE.union(TypeFlags::SEQUENCE),
        DEQUE_METHODS,
    );
    typeobj::add_getsets(vm, dq, DEQUE_GETSETS);
    typeobj::set_type_attr(vm, dq, "__hash__", Value::NONE);
    crate::types::module::set_attr(vm, m, "deque", dq);
    for name in ["_deque_iterator", "_deque_reverse_iterator"] {
        let t = stdobj::new_type(vm, "_collections", name, TypeFlags(0), DEQUE_ITER_METHODS);
        crate::types::module::set_attr(vm, m, name, t);
    }
    let tg = stdobj::new_type(
        vm,
        "_collections",
        "_tuplegetter",
        TypeFlags(0),
        TUPLEGETTER_METHODS,
    );
    typeobj::add_getsets(vm, tg, TUPLEGETTER_GETSETS);
    crate::types::module::set_attr(vm, m, "_tuplegetter", tg);
    let dict_ty = vm.types.dict;
    let dd = typeobj::new_static_type(
        vm,
        "defaultdict",
        dict_ty,
        crate::object::ObjKind::Dict,
        TypeFlags::BASETYPE.union(TypeFlags::MAPPING),
    );
    let module = vm.new_str("collections");
    typeobj::set_type_attr(vm, dd, "__module__", module);
    typeobj::add_methods(vm, dd, DEFAULTDICT_METHODS);
    typeobj::add_getsets(vm, dd, DEFAULTDICT_GETSETS);
    vm.state_set("collections.defaultdict", dd);
    crate::types::module::set_attr(vm, m, "defaultdict", dd);
    Ok(m)
}

// ---- deque ----

struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
    /// Bumped by every change of length or order (iterators check it).
    state: Cell<u64>,
}

impl StdData for Deque {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        // Collections happen only at safe points, never during a borrow of the items.
        if let Ok(items) = self.items.try_borrow() {
            for v in items.iter() {
                if v.is_ptr() {
                    visit(*v)
                }
            }
        }
    }
}

impl Deque {
    fn touch(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }
    fn len(&self) -> usize {
        self.items.borrow().len()
    }
    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().copied().collect()
    }
    fn push_back(&self, v: Value) {
        let mut it = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        it.push_back(v);
        if let Some(m) = self.maxlen.get()
            && it.len() > m
        {
            it.pop_front();
        }
        drop(it);
        self.touch();
    }
    fn push_front(&self, v: Value) {
        let mut it = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        it.push_front(v);
        if let Some(m) = self.maxlen.get()
            && it.len() > m
        {
            it.pop_back();
        }
        drop(it);
        self.touch();
    }
}

static DEQUE_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", deque_new),
    native!("__init__", "($self, /, *args, **kwargs)", deque_init),
    native!("append", "($self, x, /)", deque_append),
    native!("appendleft", "($self, x, /)", deque_appendleft),
    native!("pop", "($self, /)", deque_pop),
    native!("popleft", "($self, /)", deque_popleft),
    native!("extend", "($self, iterable, /)", deque_extend),
    native!("extendleft", "($self, iterable, /)", deque_extendleft),
    native!("clear", "($self, /)", deque_clear),
    native!("copy", "($self, /)", deque_copy),
    native!("__copy__", "($self, /)", deque_copy),
    native!("count", "($self, x, /)", deque_count),
    native!(
        "index",
        "($self, x, start=0, stop=sys.maxsize, /)",
        deque_index
    ),
    native!("insert", "($self, i, x, /)", deque_insert),
    native!("remove", "($self, value, /)", deque_remove),
    native!("reverse", "($self, /)", deque_reverse),
    native!("rotate", "($self, n=1, /)", deque_rotate),
    native!("__len__", "($self, /)", deque_len),
    native!("__getitem__", "($self, key, /)", deque_getitem),
    native!("__setitem__", "($self, key, value, /)", deque_setitem),
    native!("__delitem__", "($self, key, /)", deque_delitem),
    native!("__contains__", "($self, key, /)", deque_contains),
    native!("__iter__", "($self, /)", deque_iter),
    native!("__reversed__", "($self, /)", deque_reversed),
    native!("__repr__", "($self, /)", deque_repr),
    native!("__eq__", "($self, value, /)", deque_eq),
    native!("__ne__", "($self, value, /)", deque_ne),
    native!("__lt__", "($self, value, /)", deque_lt),
    native!("__le__", "($self, value, /)", deque_le),
    native!("__gt__", "($self, value, /)", deque_gt),
    native!("__ge__", "($self, value, /)", deque_ge),
    native!("__add__", "($self, value, /)", deque_add),
    native!("__iadd__", "($self, value, /)", deque_iadd),
    native!("__mul__", "($self, value, /)", deque_mul),
    native!("__rmul__", "($self, value, /)", deque_mul),
    native!("__imul__", "($self, value, /)", deque_imul),
    native!("__reduce__", "($self, /)", deque_reduce),
    native!("__sizeof__", "($self, /)", deque_sizeof),
    native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem),
];

static DEQUE_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("maxlen", "($self, /)", deque_maxlen), None)];

fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    super::builtins::make_generic_alias(vm, a[0], a[1])
}

fn dq(vm: &mut Vm, v: Value) -> PyResult<&'static Deque> {
    stdobj::expect::<Deque>(vm, v, "collections.deque")
}

fn new_deque(ty: Value, items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    stdobj::new_obj(
        ty,
        Deque {
            items: RefCell::new(items),
            maxlen: Cell::new(maxlen),
            state: Cell::new(0),
        },
    )
}

fn deque_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_deque(a[0], VecDeque::new(), None))
}

fn deque_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    // PyArg_ParseTupleAndKeywords counts keywords too.
    let nkw = if a[2].is_null() { 0 } else { dict::len(a[2]) };
    let nargs = tuple::items(a[1]).map_or(0, |t| t.len()) + nkw;
    if nargs > 2 {
        return Err(vm.type_error(format!("deque() takes at most 2 arguments ({nargs} given)")));
    }
    let p = stdobj::parse_kw(vm, "deque", a[1], a[2], &["iterable", "maxlen"], &[], 0)?;
    let (iterable, maxlen) = (p[0], p[1]);
    let ml = if maxlen.is_null() || maxlen.is_none() {
        None
    } else {
        if !int::is_int(maxlen) {
            return Err(vm.type_error("an integer is required"));
        }
        let m = ops::number::index_i64(vm, maxlen)?;
        if m < 0 {
            return Err(vm.value_error("maxlen must be non-negative"));
        }
        Some(m as usize)
    };
    d.maxlen.set(ml);
    if d.len() > 0 {
        d.items.borrow_mut().clear();
        d.touch();
    }
    if !iterable.is_null() {
        extend(vm, d, a[0], iterable, false)?;
    }
    Ok(Value::NONE)
}

fn extend(vm: &mut Vm, d: &Deque, me: Value, iterable: Value, left: bool) -> PyResult<()> {
    let items = if iterable == me {
        d.snapshot()
    } else {
        let it = ops::iter::get_iter(vm, iterable)?;
        while let Some(v) = ops::iter::next(vm, it)? {
            if left {
                d.push_front(v)
            } else {
                d.push_back(v)
            }
        }
        return Ok(());
    };
    for v in items {
        if left {
            d.push_front(v)
        } else {
            d.push_back(v)
        }
    }
    Ok(())
}

fn deque_append(vm: &mut Vm, a: &[Value]) -> PyResult {
    dq(vm, a[0])?.push_back(a[1]);
    Ok(Value::NONE)
}

fn deque_appendleft(vm: &mut Vm, a: &[Value]) -> PyResult {
    dq(vm, a[0])?.push_front(a[1]);
    Ok(Value::NONE)
}

fn deque_pop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let v = d.items.borrow_mut().pop_back();
    match v {
        Some(v) => {
            d.touch();
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_popleft(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let v = d.items.borrow_mut().pop_front();
    match v {
        Some(v) => {
            d.touch();
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_extend(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    extend(vm, d, a[0], a[1], false)?;
    Ok(Value::NONE)
}

fn deque_extendleft(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    extend(vm, d, a[0], a[1], true)?;
    Ok(Value::NONE)
}

fn deque_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    d.items.borrow_mut().clear();
    d.touch();
    Ok(Value::NONE)
}

fn deque_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    if Some(ty) == vm.state_get("collections.deque") {
        return Ok(new_deque(ty, d.items.borrow().clone(), d.maxlen.get()));
    }
    match d.maxlen.get() {
        Some(m) => {
            let m = int::from_usize(vm, m);
            ops::call::call(vm, ty, &[a[0], m])
        }
        None => ops::call::call(vm, ty, &[a[0]]),
    }
}

/// Compares `x` with each item; RuntimeError when a comparison changes the deque.
fn find(vm: &mut Vm, d: &Deque, x: Value, from: usize, to: usize) -> PyResult<Option<usize>> {
    let state = d.state.get();
    let n = d.len();
    for i in from..to.min(n) {
        let Some(v) = d.items.borrow().get(i).copied() else {
            break;
        };
        let same = v == x || ops::compare::eq(vm, v, x)?;
        if d.state.get() != state || d.len() != n {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
        if same {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn deque_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let mut n = 0;
    let mut i = 0;
    while let Some(j) = find(vm, d, a[1], i, usize::MAX)? {
        n += 1;
        i = j + 1;
    }
    Ok(int::from_i64(vm, n))
}

/// Clamps a slice-style bound to 0..=len.
fn bound(vm: &mut Vm, v: Value, len: usize, default: usize) -> PyResult<usize> {
    if v.is_null() {
        return Ok(default);
    }
    let i = ops::number::index_clamped(vm, v)?;
    let i = if i < 0 { i + len as i64 } else { i };
    Ok(i.clamp(0, len as i64) as usize)
}

fn deque_index(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let n = d.len();
    let start = bound(vm, a[2], n, 0)?;
    let stop = bound(vm, a[3], n, n)?;
    match find(vm, d, a[1], start, stop)? {
        Some(i) => Ok(int::from_usize(vm, i)),
        None => {
            let r = ops::repr::repr_string(vm, a[1])?;
            Err(vm.value_error(format!("{r} is not in deque")))
        }
    }
}

fn deque_insert(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let n = d.len();
    if d.maxlen.get() == Some(n) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let i = ops::number::index_clamped(vm, a[1])?;
    // `__index__` may have changed the deque: bound by its length now.
    let n = d.len();
    if d.maxlen.get() == Some(n) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let i = if i < 0 { i + n as i64 } else { i };
    let i = i.clamp(0, n as i64) as usize;
    d.items.borrow_mut().insert(i, a[2]);
    d.touch();
    Ok(Value::NONE)
}

fn deque_remove(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    match find(vm, d, a[1], 0, usize::MAX)? {
        Some(i) => {
            d.items.borrow_mut().remove(i);
            d.touch();
            Ok(Value::NONE)
        }
        None => {
            let r = ops::repr::repr_string(vm, a[1])?;
            Err(vm.value_error(format!("{r} is not in deque")))
        }
    }
}

fn deque_reverse(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    d.items.borrow_mut().make_contiguous().reverse();
    d.touch();
    Ok(Value::NONE)
}

fn deque_rotate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let n = if a[1].is_null() {
        1
    } else {
        ops::number::index_i64(vm, a[1])?
    };
    let len = d.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        d.items.borrow_mut().rotate_right(k);
        d.touch();
    }
    Ok(Value::NONE)
}

fn deque_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = dq(vm, a[0])?.len();
    Ok(int::from_usize(vm, n))
}

fn item_index(vm: &mut Vm, d: &Deque, k: Value) -> PyResult<usize> {
    if !int::is_int(k) && !ops::has_special(vm, k, vm.names.index) {
        return Err(vm.type_error(format!(
            "sequence index must be integer, not '{}'",
            vm.type_name(k)
        )));
    }
    let n = d.len();
    ops::item::seq_index(vm, k, n, "deque")
}

fn deque_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let i = item_index(vm, d, a[1])?;
    let v = d.items.borrow().get(i).copied();
    v.ok_or_else(|| vm.index_error("deque index out of range"))
}

fn deque_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let i = item_index(vm, d, a[1])?;
    if let Some(slot) = d.items.borrow_mut().get_mut(i) {
        *slot = a[2];
    }
    Ok(Value::NONE)
}

fn deque_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let i = item_index(vm, d, a[1])?;
    d.items.borrow_mut().remove(i);
    d.touch();
    Ok(Value::NONE)
}

fn deque_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    Ok(Value::from_bool(
        find(vm, d, a[1], 0, usize::MAX)?.is_some(),
    ))
}

fn deque_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let name = typeobj::type_name(ty);
    let items = d.snapshot();
    let body = with_repr_guard(vm, a[0], |vm| {
        let mut parts = Vec::with_capacity(items.len());
        for v in items {
            parts.push(ops::repr::repr_string(vm, v)?);
        }
        Ok(parts.join(", "))
    })?;
    let Some(body) = body else {
        return Ok(vm.new_str("[...]"));
    };
    Ok(match d.maxlen.get() {
        Some(m) => vm.new_string(format!("{name}([{body}], maxlen={m})")),
        None => vm.new_string(format!("{name}([{body}])")),
    })
}

fn deque_compare(vm: &mut Vm, a: &[Value], op: CompareOp) -> PyResult {
    let d = dq(vm, a[0])?;
    let Some(o) = stdobj::get::<Deque>(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let x = d.snapshot();
    let y = o.snapshot();
    if x.len() != y.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(Value::from_bool(op == CompareOp::Ne));
    }
    for (p, q) in x.iter().zip(&y) {
        if p == q {
            continue;
        }
        if !ops::compare::eq(vm, *p, *q)? {
            return match op {
                CompareOp::Eq => Ok(Value::FALSE),
                CompareOp::Ne => Ok(Value::TRUE),
                _ => ops::compare::rich_compare(vm, *p, *q, op),
            };
        }
    }
    let (lx, ly) = (x.len(), y.len());
    Ok(Value::from_bool(match op {
        CompareOp::Lt => lx < ly,
        CompareOp::Le => lx <= ly,
        CompareOp::Eq => lx == ly,
        CompareOp::Ne => lx != ly,
        CompareOp::Gt => lx > ly,
        CompareOp::Ge => lx >= ly,
    }))
}

fn deque_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    deque_compare(vm, a, CompareOp::Eq)
}
fn deque_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    deque_compare(vm, a, CompareOp::Ne)
}
fn deque_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    deque_compare(vm, a, CompareOp::Lt)
}
fn deque_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    deque_compare(vm, a, CompareOp::Le)
}
fn deque_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    deque_compare(vm, a, CompareOp::Gt)
}
fn deque_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    deque_compare(vm, a, CompareOp::Ge)
}

fn deque_add(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let Some(o) = stdobj::get::<Deque>(a[1]) else {
        return Err(vm.type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            vm.type_name(a[1])
        )));
    };
    let ty = vm.type_of(a[0]);
    let new = new_deque(ty, VecDeque::new(), d.maxlen.get());
    let nd = dq(vm, new)?;
    for v in d.snapshot().into_iter().chain(o.snapshot()) {
        nd.push_back(v);
    }
    Ok(new)
}

fn deque_iadd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    extend(vm, d, a[0], a[1], false)?;
    Ok(a[0])
}

fn repeat_into(vm: &mut Vm, d: &Deque, n: Value) -> PyResult<()> {
    if !int::is_int(n) && !ops::has_special(vm, n, vm.names.index) {
        return Err(vm.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(n)
        )));
    }
    let n = ops::number::index_clamped(vm, n)?;
    let items = d.snapshot();
    d.items.borrow_mut().clear();
    d.touch();
    if n <= 0 || items.is_empty() {
        return Ok(());
    }
    // With a maxlen only the last maxlen items survive: don't build more than needed.
    let total = items.len() as u128 * n as u128;
    let keep = d.maxlen.get().map_or(total, |m| total.min(m as u128)) as usize;
    if keep > 1 << 40 {
        return Err(vm.memory_error());
    }
    let skip = (total - keep as u128) as usize % items.len();
    let mut out = VecDeque::with_capacity(keep);
    let mut i = skip;
    while out.len() < keep {
        out.push_back(items[i]);
        i = (i + 1) % items.len();
    }
    *d.items.borrow_mut() = out;
    Ok(())
}

fn deque_mul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let new = new_deque(ty, d.items.borrow().clone(), d.maxlen.get());
    let nd = dq(vm, new)?;
    repeat_into(vm, nd, a[1])?;
    Ok(new)
}

fn deque_imul(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    repeat_into(vm, d, a[1])?;
    Ok(a[0])
}

fn deque_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let args = match d.maxlen.get() {
        Some(m) => {
            let empty = tuple::new_tuple(vm, vec![]);
            let m = int::from_usize(vm, m);
            tuple::new_tuple(vm, vec![empty, m])
        }
        None => tuple::new_tuple(vm, vec![]),
    };
    let state = if crate::types::instance::has_dict_storage(a[0]) {
        ops::attr::getattr_str(vm, a[0], "__dict__")?
    } else {
        Value::NONE
    };
    // iter(self): a subclass's own __iter__ is used (and its errors raised), as CPython.
    let it = ops::iter::get_iter(vm, a[0])?;
    Ok(tuple::new_tuple(vm, vec![ty, args, state, it]))
}

fn deque_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    // CPython's layout: a header plus 64-slot blocks.
    let blocks = d.len() / 64 + 1;
    Ok(int::from_usize(vm, 48 + 8 * 6 + blocks * (64 * 8 + 16)))
}

fn deque_maxlen(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = dq(vm, a[0])?;
    Ok(match d.maxlen.get() {
        Some(m) => int::from_usize(vm, m),
        None => Value::NONE,
    })
}

// ---- deque iterators ----

struct DequeIter {
    deque: Value,
    /// Items yielded so far.
    pos: Cell<usize>,
    state: u64,
    reverse: bool,
}

impl StdData for DequeIter {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(dequeiter_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.deque], visit)
    }
}

static DEQUE_ITER_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", dequeiter_iter),
    native!("__next__", "($self, /)", dequeiter_next),
    native!("__length_hint__", "($self, /)", dequeiter_length_hint),
    native!("__reduce__", "($self, /)", dequeiter_reduce),
    native_staticmethod!("__new__", "($type, deque, index=0, /)", dequeiter_new),
];

fn make_iter(vm: &mut Vm, me: Value, reverse: bool) -> PyResult {
    let d = dq(vm, me)?;
    let name = if reverse {
        "_collections._deque_reverse_iterator"
    } else {
        "_collections._deque_iterator"
    };
    let ty = stdobj::state_type(vm, name);
    Ok(stdobj::new_obj(
        ty,
        DequeIter {
            deque: me,
            pos: Cell::new(0),
            state: d.state.get(),
            reverse,
        },
    ))
}

fn deque_iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    make_iter(vm, a[0], false)
}

fn deque_reversed(vm: &mut Vm, a: &[Value]) -> PyResult {
    make_iter(vm, a[0], true)
}

fn dequeiter_iter(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn dequeiter_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = stdobj::expect::<DequeIter>(vm, a[0], "_collections._deque_iterator")?;
    let d = dq(vm, it.deque)?;
    if d.state.get() != it.state {
        return Err(vm.runtime_error("deque mutated during iteration"));
    }
    let n = d.len();
    let p = it.pos.get();
    if p >= n {
        return Err(vm.stop_iteration(Value::NULL));
    }
    let i = if it.reverse { n - 1 - p } else { p };
    it.pos.set(p + 1);
    let v = d.items.borrow().get(i).copied();
    Ok(v.unwrap_or(Value::NONE))
}

/// `(type, (deque, index))`, as CPython (which is how the iterators pickle).
fn dequeiter_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = stdobj::expect::<DequeIter>(vm, a[0], "_collections._deque_iterator")?;
    let ty = vm.type_of(a[0]);
    let i = int::from_usize(vm, it.pos.get());
    let args = crate::types::tuple::new_tuple(vm, vec![it.deque, i]);
    Ok(crate::types::tuple::new_tuple(vm, vec![ty, args]))
}

/// `_deque_iterator(deque, index=0)`: an iterator already advanced by `index` items.
fn dequeiter_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(d) = stdobj::get::<Deque>(a[1]) else {
        return Err(vm.type_error(format!(
            "argument 1 must be collections.deque, not {}",
            vm.type_name(a[1])
        )));
    };
    let index = if a[2].is_null() {
        0
    } else {
        crate::ops::number::index_i64(vm, a[2])?
    };
    let reverse = a[0] == stdobj::state_type(vm, "_collections._deque_reverse_iterator");
    Ok(stdobj::new_obj(
        a[0],
        DequeIter {
            deque: a[1],
            pos: Cell::new(index.clamp(0, d.len() as i64) as usize),
            state: d.state.get(),
            reverse,
        },
    ))
}

fn dequeiter_length_hint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = stdobj::expect::<DequeIter>(vm, a[0], "_collections._deque_iterator")?;
    let d = dq(vm, it.deque)?;
    let n = d.len().saturating_sub(it.pos.get());
    Ok(int::from_usize(vm, n))
}

// ---- defaultdict ----

static DEFAULTDICT_METHODS: &[NativeDef] = &[
    native!("__init__", "($self, /, *args, **kwargs)", dd_init),
    native!("__missing__", "($self, key, /)", dd_missing).gc_clean(),
    native!("__repr__", "($self, /)", dd_repr),
    native!("copy", "($self, /)", dd_copy),
    native!("__copy__", "($self, /)", dd_copy),
    native!("__reduce__", "($self, /)", dd_reduce),
    native!("__or__", "($self, value, /)", dd_or),
    native!("__ror__", "($self, value, /)", dd_ror),
];

static DEFAULTDICT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[(
    native!("default_factory", "($self, /)", dd_get_factory),
    Some(native!(
        "default_factory",
        "($self, value, /)",
        dd_set_factory
    )),
)];

fn factory(vm: &mut Vm, d: Value) -> Value {
    let k = vm.intern("default_factory");
    crate::types::instance::get(d, k).unwrap_or(Value::NONE)
}

fn set_factory(vm: &mut Vm, d: Value, f: Value) {
    let k = vm.intern("default_factory");
    crate::types::instance::set(vm, d, k, f);
}

fn dd_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let (f, rest) = match args.split_first() {
        Some((&f, rest)) => (f, rest.to_vec()),
        None => (Value::NONE, vec![]),
    };
    if !f.is_none() && !ops::call::is_callable(vm, f) {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    set_factory(vm, a[0], f);
    let dict_ty = vm.types.dict;
    let init = typeobj::lookup_str(vm, dict_ty, "__init__");
    let mut all = vec![a[0]];
    all.extend(rest);
    if a[2].is_null() {
        ops::call::call(vm, init, &all)?;
    } else {
        ops::call::call_ex(vm, init, &all, a[2])?;
    }
    Ok(Value::NONE)
}

/// Audited (`gc_clean`): the factory runs at a clean level when this was entered cleanly.
fn dd_missing(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let f = factory(vm, a[0]);
    if f.is_none() {
        return Err(vm.key_error(a[1]));
    }
    vm.root(f);
    let v = ops::call::call_kw_in(vm, f, &[], &[], clean)?;
    ops::item::setitem(vm, a[0], a[1], v)?;
    Ok(v)
}

fn dd_get_factory(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(factory(vm, a[0]))
}

fn dd_set_factory(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = if a[1].is_null() { Value::NONE } else { a[1] };
    set_factory(vm, a[0], v);
    Ok(Value::NONE)
}

fn dd_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = factory(vm, a[0]);
    let name = typeobj::type_name(vm.type_of(a[0]));
    let fr = if f.is_none() {
        "None".to_string()
    } else {
        match with_repr_guard(vm, f, |vm| ops::repr::repr_string(vm, f))? {
            Some(s) => s,
            None => "...".to_string(),
        }
    };
    let body = ops::repr::container_repr(vm, a[0])?;
    Ok(vm.new_string(format!("{name}({fr}, {body})")))
}

fn dd_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = factory(vm, a[0]);
    let ty = vm.type_of(a[0]);
    ops::call::call(vm, ty, &[f, a[0]])
}

fn dd_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = factory(vm, a[0]);
    let ty = vm.type_of(a[0]);
    let args = if f.is_none() {
        tuple::new_tuple(vm, vec![])
    } else {
        tuple::new_tuple(vm, vec![f])
    };
    let items = ops::attr::getattr_str(vm, a[0], "items")?;
    let items = ops::call::call(vm, items, &[])?;
    let it = ops::iter::get_iter(vm, items)?;
    Ok(tuple::new_tuple(
        vm,
        vec![ty, args, Value::NONE, Value::NONE, it],
    ))
}

fn dd_or(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[1].is::<dict::DictObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let new = dd_copy(vm, &[a[0]])?;
    let update = ops::attr::getattr_str(vm, new, "update")?;
    ops::call::call(vm, update, &[a[1]])?;
    Ok(new)
}

fn dd_ror(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[1].is::<dict::DictObj>() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let f = factory(vm, a[0]);
    let ty = vm.type_of(a[0]);
    let new = ops::call::call(vm, ty, &[f, a[1]])?;
    let update = ops::attr::getattr_str(vm, new, "update")?;
    ops::call::call(vm, update, &[a[0]])?;
    Ok(new)
}

// ---- _count_elements ----

fn count_elements(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (mapping, iterable) = (a[1], a[2]);
    let it = ops::iter::get_iter(vm, iterable)?;
    let one = Value::try_small_int(1).unwrap_or(Value::NONE);
    let zero = Value::try_small_int(0).unwrap_or(Value::NONE);
    let exact_dict = vm.type_of(mapping) == vm.types.dict;
    let get = if exact_dict {
        Value::NULL
    } else {
        ops::attr::getattr_str(vm, mapping, "get")?
    };
    while let Some(x) = ops::iter::next(vm, it)? {
        let cur = if exact_dict {
            dict::get_item(vm, mapping, x)?.unwrap_or(zero)
        } else {
            ops::call::call(vm, get, &[x, zero])?
        };
        let new = match cur.as_small_int() {
            Some(c) if c < i64::MAX / 4 => int::from_i64(vm, c + 1),
            _ => ops::number::binary_op(vm, cur, one, fp_bytecode::BinaryOp::Add, false)?,
        };
        if exact_dict {
            dict::set_item(vm, mapping, x, new)?;
        } else {
            ops::item::setitem(vm, mapping, x, new)?;
        }
    }
    Ok(Value::NONE)
}

// ---- _tuplegetter ----

struct TupleGetter {
    index: usize,
    doc: Cell<Value>,
}

impl StdData for TupleGetter {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.doc.get()], visit)
    }
}

static TUPLEGETTER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, index, doc, /)", tg_new),
    native!("__get__", "($self, instance, owner=None, /)", tg_get),
    native!("__set__", "($self, instance, value, /)", tg_set),
    native!("__delete__", "($self, instance, /)", tg_delete),
    native!("__repr__", "($self, /)", tg_repr),
    native!("__reduce__", "($self, /)", tg_reduce),
];

static TUPLEGETTER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[(
    native!("__doc__", "($self, /)", tg_doc),
    Some(native!("__doc__", "($self, value, /)", tg_set_doc)),
)];

fn tg(vm: &mut Vm, v: Value) -> PyResult<&'static TupleGetter> {
    stdobj::expect::<TupleGetter>(vm, v, "_collections._tuplegetter")
}

fn tg_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = ops::number::index_i64(vm, a[1])?;
    Ok(stdobj::new_obj(
        a[0],
        TupleGetter {
            index: i.max(0) as usize,
            doc: Cell::new(a[2]),
        },
    ))
}

fn tg_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = tg(vm, a[0])?;
    let obj = a[1];
    let Some(items) = tuple::items(obj) else {
        if obj.is_none() {
            return Ok(a[0]);
        }
        return Err(vm.type_error(format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index,
            vm.type_name(obj)
        )));
    };
    match items.get(g.index) {
        Some(v) => Ok(*v),
        None => Err(vm.index_error("tuple index out of range")),
    }
}

fn tg_set(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.attribute_error("can't set attribute"))
}

fn tg_delete(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.attribute_error("can't delete attribute"))
}

fn tg_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = tg(vm, a[0])?;
    let name = typeobj::type_name(vm.type_of(a[0]));
    let doc = ops::repr::repr_string(vm, g.doc.get())?;
    Ok(vm.new_string(format!("{name}({}, {doc})", g.index)))
}

fn tg_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = tg(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let i = int::from_usize(vm, g.index);
    let args = tuple::new_tuple(vm, vec![i, g.doc.get()]);
    Ok(tuple::new_tuple(vm, vec![ty, args]))
}

fn tg_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(tg(vm, a[0])?.doc.get())
}

fn tg_set_doc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = tg(vm, a[0])?;
    g.doc.set(if a[1].is_null() { Value::NONE } else { a[1] });
    Ok(Value::NONE)
}
