//! `_tracemalloc`: the interface of CPython's allocation tracer, never tracing. ferropy does
//! not record where objects were allocated, so `is_tracing()` is always False and there are no
//! traces; `start()` raises rather than pretend. What `Lib/tracemalloc.py` and the warnings
//! display need (is `tracemalloc` tracing? where was this object allocated?) answers honestly:
//! not tracing, unknown.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("is_tracing", "()", is_tracing),
    native!("_get_object_traceback", "(obj, /)", none),
    native!("_get_traces", "()", get_traces),
    native!("clear_traces", "()", none),
    native!("reset_peak", "()", none),
    native!("stop", "()", none),
    native!("get_traceback_limit", "()", traceback_limit),
    native!("get_traced_memory", "()", traced_memory),
    native!("get_tracemalloc_memory", "()", zero),
    native!("start", "(nframe=1, /)", start),
];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(
        vm,
        "_tracemalloc",
        FUNCS,
    ))
}

fn is_tracing(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::FALSE)
}

fn none(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn zero(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::small(0))
}

fn get_traces(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::list::new_list(vm, Vec::new()))
}

fn traceback_limit(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::small(1))
}

fn traced_memory(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::tuple::new_tuple(
        vm,
        vec![Value::small(0), Value::small(0)],
    ))
}

fn start(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is_null() {
        let n = crate::ops::number::index_i64(vm, a[0])?;
        if !(1..=65535).contains(&n) {
            return Err(vm.value_error("the number of frames must be in range [1; 65535]"));
        }
    }
    Err(vm.new_exc(
        vm.exc.not_implemented_error,
        "ferropy does not trace memory allocations (tracemalloc.start)",
    ))
}
