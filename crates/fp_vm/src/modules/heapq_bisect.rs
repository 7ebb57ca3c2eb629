//! `_heapq` (heap operations on lists, CPython's sift order so equal keys land where CPython
//! puts them) and `_bisect` (binary search and insertion with `lo`/`hi`/`key`).

use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::int;
use crate::types::list::ListObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static HEAPQ_FUNCS: &[NativeDef] = &[
    native!("heappush", "($module, heap, item, /)", heappush),
    native!("heappop", "($module, heap, /)", heappop),
    native!("heapify", "($module, heap, /)", heapify),
    native!("heapreplace", "($module, heap, item, /)", heapreplace),
    native!("heappushpop", "($module, heap, item, /)", heappushpop),
    native!("_heappop_max", "($module, heap, /)", heappop_max),
    native!("_heapify_max", "($module, heap, /)", heapify_max),
    native!(
        "_heapreplace_max",
        "($module, heap, item, /)",
        heapreplace_max
    ),
];

pub fn init_heapq(vm: &mut Vm) -> PyResult {
    Ok(super::module_with_functions(vm, "_heapq", HEAPQ_FUNCS))
}

fn list_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'static ListObj> {
    match v.downcast::<ListObj>() {
        Some(l) => Ok(l),
        None => Err(vm.type_error(format!("{what} must be list, not {}", vm.type_name(v)))),
    }
}

fn get(l: &ListObj, i: usize) -> Value {
    l.items.borrow().get(i).copied().unwrap_or(Value::NONE)
}

/// `a < b`, for the min-heap; the max-heap compares the other way round.
fn less(vm: &mut Vm, a: Value, b: Value, max: bool) -> PyResult<bool> {
    if max {
        ops::compare::lt(vm, b, a)
    } else {
        ops::compare::lt(vm, a, b)
    }
}

fn changed(vm: &mut Vm) -> crate::vm::Exc {
    vm.runtime_error("list changed size during iteration")
}

/// Moves the item at `pos` up towards `start` while it is smaller than its parent.
fn siftdown(vm: &mut Vm, l: &ListObj, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = l.items.borrow().len();
    if pos >= size {
        return Err(vm.index_error("index out of range"));
    }
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let (newitem, parent) = (get(l, pos), get(l, parentpos));
        let lt = less(vm, newitem, parent, max)?;
        if l.items.borrow().len() != size {
            return Err(changed(vm));
        }
        if !lt {
            break;
        }
        l.items.borrow_mut().swap(pos, parentpos);
        pos = parentpos;
    }
    Ok(())
}

/// Moves the smaller child up until `pos` is a leaf, then sifts the item back down.
fn siftup(vm: &mut Vm, l: &ListObj, mut pos: usize, max: bool) -> PyResult<()> {
    let end = l.items.borrow().len();
    let start = pos;
    if pos >= end {
        return Err(vm.index_error("index out of range"));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = (get(l, child), get(l, child + 1));
            let lt = less(vm, a, b, max)?;
            if l.items.borrow().len() != end {
                return Err(changed(vm));
            }
            if !lt {
                child += 1;
            }
        }
        l.items.borrow_mut().swap(pos, child);
        pos = child;
    }
    siftdown(vm, l, start, pos, max)
}

fn heappush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = list_arg(vm, a[1], "heappush() argument 1")?;
    l.items.borrow_mut().push(a[2]);
    let n = l.items.borrow().len();
    siftdown(vm, l, 0, n - 1, false)?;
    Ok(Value::NONE)
}

fn pop(vm: &mut Vm, heap: Value, what: &str, max: bool) -> PyResult {
    let l = list_arg(vm, heap, what)?;
    let last = l.items.borrow_mut().pop();
    let Some(last) = last else {
        return Err(vm.index_error("index out of range"));
    };
    if l.items.borrow().is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut l.items.borrow_mut()[0], last);
    siftup(vm, l, 0, max)?;
    Ok(top)
}

fn heappop(vm: &mut Vm, a: &[Value]) -> PyResult {
    pop(vm, a[1], "heappop() argument", false)
}

fn heappop_max(vm: &mut Vm, a: &[Value]) -> PyResult {
    pop(vm, a[1], "_heappop_max() argument", true)
}

fn replace(vm: &mut Vm, heap: Value, item: Value, what: &str, max: bool) -> PyResult {
    let l = list_arg(vm, heap, what)?;
    if l.items.borrow().is_empty() {
        return Err(vm.index_error("index out of range"));
    }
    let top = std::mem::replace(&mut l.items.borrow_mut()[0], item);
    siftup(vm, l, 0, max)?;
    Ok(top)
}

fn heapreplace(vm: &mut Vm, a: &[Value]) -> PyResult {
    replace(vm, a[1], a[2], "heapreplace() argument 1", false)
}

fn heapreplace_max(vm: &mut Vm, a: &[Value]) -> PyResult {
    replace(vm, a[1], a[2], "_heapreplace_max() argument 1", true)
}

fn heappushpop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = list_arg(vm, a[1], "heappushpop() argument 1")?;
    if l.items.borrow().is_empty() {
        return Ok(a[2]);
    }
    let top = get(l, 0);
    if !ops::compare::lt(vm, top, a[2])? {
        return Ok(a[2]);
    }
    if l.items.borrow().is_empty() {
        return Err(vm.index_error("index out of range"));
    }
    let top = std::mem::replace(&mut l.items.borrow_mut()[0], a[2]);
    siftup(vm, l, 0, false)?;
    Ok(top)
}

fn heapify_impl(vm: &mut Vm, heap: Value, what: &str, max: bool) -> PyResult {
    let l = list_arg(vm, heap, what)?;
    let n = l.items.borrow().len();
    for i in (0..n / 2).rev() {
        siftup(vm, l, i, max)?;
    }
    Ok(Value::NONE)
}

fn heapify(vm: &mut Vm, a: &[Value]) -> PyResult {
    heapify_impl(vm, a[1], "heapify() argument", false)
}

fn heapify_max(vm: &mut Vm, a: &[Value]) -> PyResult {
    heapify_impl(vm, a[1], "_heapify_max() argument", true)
}

// ---- _bisect ----

static BISECT_FUNCS: &[NativeDef] = &[
    native!(
        "bisect_right",
        "($module, /, a, x, lo=0, hi=None, *, key=None)",
        bisect_right
    ),
    native!(
        "bisect_left",
        "($module, /, a, x, lo=0, hi=None, *, key=None)",
        bisect_left
    ),
    native!(
        "insort_right",
        "($module, /, a, x, lo=0, hi=None, *, key=None)",
        insort_right
    ),
    native!(
        "insort_left",
        "($module, /, a, x, lo=0, hi=None, *, key=None)",
        insort_left
    ),
];

pub fn init_bisect(vm: &mut Vm) -> PyResult {
    Ok(super::module_with_functions(vm, "_bisect", BISECT_FUNCS))
}

/// The insertion point of `x` in `a[lo:hi]` (`right`: after equal items).
fn bisect(vm: &mut Vm, a: &[Value], x: Value, right: bool) -> PyResult<i64> {
    let seq = a[1];
    let mut lo = if a[3].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[3])?
    };
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    let mut hi = if a[4].is_null() || a[4].is_none() {
        -1
    } else {
        ops::number::index_i64(vm, a[4])?
    };
    if hi == -1 {
        hi = ops::item::len(vm, seq)? as i64;
    }
    let key = if a[5].is_null() { Value::NONE } else { a[5] };
    while lo < hi {
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let m = int::from_i64(vm, mid);
        let mut item = ops::item::getitem(vm, seq, m)?;
        if !key.is_none() {
            item = ops::call::call(vm, key, &[item])?;
        }
        let go_left = if right {
            ops::compare::lt(vm, x, item)?
        } else {
            !ops::compare::lt(vm, item, x)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect_right(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = bisect(vm, a, a[2], true)?;
    Ok(int::from_i64(vm, i))
}

fn bisect_left(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = bisect(vm, a, a[2], false)?;
    Ok(int::from_i64(vm, i))
}

fn insort(vm: &mut Vm, a: &[Value], right: bool) -> PyResult {
    let key = if a[5].is_null() { Value::NONE } else { a[5] };
    let kx = if key.is_none() {
        a[2]
    } else {
        ops::call::call(vm, key, &[a[2]])?
    };
    let i = bisect(vm, a, kx, right)?;
    let iv = int::from_i64(vm, i);
    let insert = ops::attr::getattr_str(vm, a[1], "insert")?;
    ops::call::call(vm, insert, &[iv, a[2]])?;
    Ok(Value::NONE)
}

fn insort_right(vm: &mut Vm, a: &[Value]) -> PyResult {
    insort(vm, a, true)
}

fn insort_left(vm: &mut Vm, a: &[Value]) -> PyResult {
    insort(vm, a, false)
}
