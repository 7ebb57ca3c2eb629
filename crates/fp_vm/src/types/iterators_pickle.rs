//! Pickling support of the builtin iterators (`types/iterators.rs`): `__reduce__` and
//! `__setstate__` with CPython 3.11's results — `iter([1, 2])` reduces to
//! `(iter, ([1, 2],), index)`, an exhausted one to `(iter, ([],))`, `map`/`filter`/`zip`/
//! `enumerate`/`reversed` to their constructor and arguments.

use super::iterators::{IterState, IteratorObj};
use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::{dict, int, list, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static REDUCE: &[NativeDef] = &[native!("__reduce__", "($self, /)", iter_reduce)];
static REDUCE_SETSTATE: &[NativeDef] = &[
    native!("__reduce__", "($self, /)", iter_reduce),
    native!("__setstate__", "($self, state, /)", iter_setstate),
];

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let with_state = [
        t.list_iterator,
        t.list_reverseiterator,
        t.tuple_iterator,
        t.str_iterator,
        t.bytes_iterator,
        t.range_iterator,
        t.seq_iterator,
        t.zip,
        t.reversed,
    ];
    let without = [
        t.set_iterator,
        t.callable_iterator,
        t.dict_keyiterator,
        t.dict_valueiterator,
        t.dict_itemiterator,
        t.enumerate,
        t.map_,
        t.filter,
    ];
    for ty in with_state {
        crate::types::typeobj::add_methods(vm, ty, REDUCE_SETSTATE);
    }
    for ty in without {
        crate::types::typeobj::add_methods(vm, ty, REDUCE);
    }
}

/// `builtins.iter`, looked up as CPython's `_PyEval_GetBuiltin` does.
pub fn builtin_iter_fn(vm: &mut Vm) -> PyResult {
    builtin_fn(vm, "iter")
}

/// A builtin by name: a real dict lookup (keys' `__eq__` may run, and may even exhaust the
/// iterator being reduced, so callers do this before reading their state); AttributeError
/// when missing.
pub fn builtin_fn(vm: &mut Vm, name: &str) -> PyResult {
    let key = vm.new_str(name);
    match dict::get_item(vm, vm.builtins_dict, key)? {
        Some(f) => Ok(f),
        None => Err(vm.new_exc(vm.exc.attribute_error, name)),
    }
}

/// `(f, args)` or `(f, args, state)`.
fn reduce_value(vm: &mut Vm, f: Value, args: Vec<Value>, state: Option<Value>) -> Value {
    let args = tuple::new_tuple(vm, args);
    let mut out = vec![f, args];
    out.extend(state);
    tuple::new_tuple(vm, out)
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static IteratorObj> {
    match v.downcast::<IteratorObj>() {
        Some(o) => Ok(o),
        None => Err(vm.type_error(format!(
            "descriptor '__reduce__' requires an iterator object but received a '{}'",
            vm.type_name(v)
        ))),
    }
}

fn iter_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let o = this(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let t = &vm.types;
    let is_ctor = [t.enumerate, t.zip, t.map_, t.filter]
        .iter()
        .any(|&c| crate::types::typeobj::is_subtype(ty, c));
    // The builtins first: looking them up may run Python code that changes the state.
    let (iter_fn, reversed_fn) = if is_ctor {
        (Value::NONE, Value::NONE)
    } else if ty == vm.types.list_reverseiterator {
        (builtin_iter_fn(vm)?, builtin_fn(vm, "reversed")?)
    } else {
        (builtin_iter_fn(vm)?, ty)
    };
    // Copy what is needed out of the state: building the result allocates.
    enum R {
        Indexed(Value, i64, bool),
        Range(i64, i64, i64, i64),
        Dict(Value, usize, usize, super::iterators::DictIterKind),
        Set(Value, usize, usize),
        Call(Value, Value),
        Ctor(Vec<Value>, Option<Value>),
        Exhausted,
    }
    let r = match &*o.state.borrow() {
        IterState::List { seq, pos } | IterState::Tuple { seq, pos } => {
            R::Indexed(*seq, *pos as i64, false)
        }
        IterState::Bytes { seq, pos } => R::Indexed(*seq, *pos as i64, false),
        IterState::ListRev { seq, pos } => R::Indexed(*seq, *pos as i64, true),
        IterState::Reversed { seq, idx } => R::Indexed(*seq, *idx as i64, true),
        IterState::Seq { obj, idx } => R::Indexed(*obj, *idx, false),
        IterState::Str { s, byte_pos } => {
            let text = crate::types::str::as_str(*s).unwrap_or("");
            let n = text.get(..*byte_pos).map_or(0, |p| p.chars().count());
            R::Indexed(*s, n as i64, false)
        }
        IterState::Range {
            cur,
            step,
            remaining,
            start,
        } => R::Range(*start, *cur, *step, *remaining),
        IterState::Dict {
            d, pos, len, kind, ..
        } => R::Dict(*d, *pos, *len, *kind),
        IterState::Set { s, pos, len } => R::Set(*s, *pos, *len),
        IterState::Callable { f, sentinel } => R::Call(*f, *sentinel),
        IterState::Enumerate { it, count } => R::Ctor(vec![*it, *count], None),
        IterState::Zip { its, strict } => R::Ctor(its.clone(), strict.then_some(Value::TRUE)),
        IterState::Map { f, its } => {
            let mut v = vec![*f];
            v.extend(its.iter().copied());
            R::Ctor(v, None)
        }
        IterState::Filter { f, it } => R::Ctor(vec![*f, *it], None),
        IterState::Exhausted => R::Exhausted,
    };
    Ok(match r {
        R::Indexed(seq, idx, rev) => {
            let f = if rev { reversed_fn } else { iter_fn };
            let i = int::from_i64(vm, idx);
            reduce_value(vm, f, vec![seq], Some(i))
        }
        R::Range(start, cur, step, remaining) => {
            // CPython's form: the whole range (its stop normalised) and the index reached.
            let done = if step == 0 {
                0
            } else {
                (cur as i128 - start as i128) / step as i128
            };
            let stop = start as i128 + (done + remaining as i128) * step as i128;
            let (x, y, z) = (
                int::from_i64(vm, start),
                int::from_i128(vm, stop),
                int::from_i64(vm, step),
            );
            let r = crate::types::range::new_range(vm, x, y, z);
            let i = int::from_i128(vm, done);
            reduce_value(vm, iter_fn, vec![r], Some(i))
        }
        R::Dict(d, pos, len, kind) => {
            if dict::len(d) != len {
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            let mut items = Vec::new();
            let mut p = pos;
            while let Some((next, k, v)) = dict::entry_from(d, p) {
                p = next;
                items.push(match kind {
                    super::iterators::DictIterKind::Keys => k,
                    super::iterators::DictIterKind::Values => v,
                    super::iterators::DictIterKind::Items => tuple::new_tuple(vm, vec![k, v]),
                });
            }
            let l = list::new_list(vm, items);
            reduce_value(vm, iter_fn, vec![l], None)
        }
        R::Set(s, pos, len) => {
            let so = s.downcast::<crate::types::set::SetObj>();
            if so.map(|x| x.len()) != Some(len) {
                return Err(vm.runtime_error("Set changed size during iteration"));
            }
            let mut items = Vec::new();
            let mut p = pos;
            while let Some((next, k)) = so.and_then(|x| x.entry_from(p)) {
                p = next;
                items.push(k);
            }
            let l = list::new_list(vm, items);
            reduce_value(vm, iter_fn, vec![l], None)
        }
        R::Call(f, sentinel) => reduce_value(vm, iter_fn, vec![f, sentinel], None),
        R::Ctor(args, state) => reduce_value(vm, ty, args, state),
        R::Exhausted => {
            let t = &vm.types;
            let empty = if ty == t.list_iterator
                || ty == t.list_reverseiterator
                || ty == t.set_iterator
                || ty == t.dict_keyiterator
                || ty == t.dict_valueiterator
                || ty == t.dict_itemiterator
            {
                list::new_list(vm, vec![])
            } else if ty == t.str_iterator {
                vm.new_str("")
            } else {
                tuple::new_tuple(vm, vec![])
            };
            let f = if crate::types::typeobj::is_subtype(ty, vm.types.reversed) {
                ty
            } else {
                iter_fn
            };
            reduce_value(vm, f, vec![empty], None)
        }
    })
}

/// CPython's `PyLong_AsSsize_t` on a `__setstate__` argument.
pub fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !int::is_int(v) {
        return Err(vm.type_error("an integer is required"));
    }
    match v.as_small_int() {
        Some(i) => Ok(i),
        None => match int::int_ref(v).and_then(|i| i.to_i64()) {
            Some(i) => Ok(i),
            None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        },
    }
}

fn iter_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let o = this(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    if crate::types::typeobj::is_subtype(ty, vm.types.zip) {
        let strict = ops::truth::is_true(vm, a[1])?;
        if let IterState::Zip { strict: s, .. } = &mut *o.state.borrow_mut() {
            *s = strict;
        }
        return Ok(Value::NONE);
    }
    let n = ssize_arg(vm, a[1])?;
    // The sequence length for the clamping kinds (a `__len__` may run Python code).
    let seq_for_len = match &*o.state.borrow() {
        IterState::Reversed { seq, .. } => Some(*seq),
        _ => None,
    };
    let rev_len = match seq_for_len {
        Some(s) => Some(ops::item::len(vm, s)? as i64),
        None => None,
    };
    let mut st = o.state.borrow_mut();
    match &mut *st {
        IterState::List { seq, pos } => {
            let len = seq
                .downcast::<crate::types::list::ListObj>()
                .map_or(0, |l| l.len());
            *pos = n.clamp(0, len as i64) as usize;
        }
        IterState::Tuple { seq, pos } => {
            let len = tuple::items(*seq).map_or(0, |t| t.len());
            *pos = n.clamp(0, len as i64) as usize;
        }
        IterState::Bytes { seq, pos } => {
            let len = crate::types::bytes::bytes_len(*seq).unwrap_or(0);
            *pos = n.clamp(0, len as i64) as usize;
        }
        IterState::ListRev { seq, pos } => {
            let len = seq
                .downcast::<crate::types::list::ListObj>()
                .map_or(0, |l| l.len());
            *pos = n.clamp(-1, len as i64 - 1) as isize;
        }
        IterState::Reversed { idx, .. } => {
            let len = rev_len.unwrap_or(0);
            *idx = n.max(-1).min(len - 1) as isize;
        }
        IterState::Seq { idx, .. } => *idx = n.max(0),
        IterState::Str { s, byte_pos } => {
            let text = crate::types::str::as_str(*s).unwrap_or("");
            let k = n.max(0) as usize;
            *byte_pos = text.char_indices().nth(k).map_or(text.len(), |(b, _)| b);
        }
        IterState::Range {
            cur,
            step,
            remaining,
            start,
        } => {
            let (st, s0) = (*step as i128, *start as i128);
            let done = if st == 0 { 0 } else { (*cur as i128 - s0) / st };
            let len = done + *remaining as i128;
            let k = (n as i128).clamp(0, len.max(0));
            *cur = (s0 + k * st) as i64;
            *remaining = (len - k) as i64;
        }
        _ => {}
    }
    Ok(Value::NONE)
}
