//! `range` and `slice` objects.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A range; bounds are Python ints (small or big) so huge ranges work.
pub struct RangeObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl Trace for RangeObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [self.start, self.stop, self.step] {
            v.trace(visit)
        }
    }
}

impl Payload for RangeObj {
    const KIND: ObjKind = ObjKind::Range;
}

impl RangeObj {
    /// (start, stop, step) when all fit i64 (the common case, used by iteration fast paths).
    pub fn small(&self) -> Option<(i64, i64, i64)> {
        Some((
            self.start.as_small_int()?,
            self.stop.as_small_int()?,
            self.step.as_small_int()?,
        ))
    }
}

pub fn new_range(vm: &mut Vm, start: Value, stop: Value, step: Value) -> Value {
    alloc(vm.types.range, RangeObj { start, stop, step })
}

/// Number of items of a small range.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl Trace for SliceObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [self.start, self.stop, self.step] {
            v.trace(visit)
        }
    }
}

impl Payload for SliceObj {
    const KIND: ObjKind = ObjKind::Slice;
}

pub fn new_slice(vm: &mut Vm, start: Value, stop: Value, step: Value) -> Value {
    alloc(vm.types.slice, SliceObj { start, stop, step })
}

/// CPython's `PySlice_GetIndicesEx`: resolves a slice against a length into
/// (start, stop, step, slicelength).
pub fn slice_indices(vm: &mut Vm, s: &SliceObj, len: i64) -> PyResult<(i64, i64, i64, i64)> {
    let step = if s.step.is_none() {
        1
    } else {
        let st = crate::ops::number::index_clamped(vm, s.step)?;
        if st == 0 {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        st
    };
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let resolve = |vm: &mut Vm, v: Value, default: i64| -> PyResult<i64> {
        if v.is_none() {
            return Ok(default);
        }
        let mut i = crate::ops::number::index_clamped(vm, v)?;
        if i < 0 {
            i += len;
            if i < lower {
                i = lower;
            }
        } else if i > upper {
            i = upper;
        }
        Ok(i)
    };
    let start = resolve(vm, s.start, if step < 0 { upper } else { lower })?;
    let stop = resolve(vm, s.stop, if step < 0 { lower } else { upper })?;
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n))
}
