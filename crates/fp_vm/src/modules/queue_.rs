//! `_queue`: `SimpleQueue` (an unbounded FIFO) and the `Empty` exception.
//!
//! ferropy runs one thread of Python code, so a blocking `get` on an empty queue can only wait
//! for its timeout (then raises `Empty`); with no timeout it raises RuntimeError instead of
//! hanging forever, as `_thread` locks do.

use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use std::cell::RefCell;
use std::collections::VecDeque;

struct SimpleQueue {
    items: RefCell<VecDeque<Value>>,
}

impl StdData for SimpleQueue {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in self.items.borrow().iter() {
            if v.is_ptr() {
                visit(*v)
            }
        }
    }
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", sq_new),
    native!("put", "($self, /, item, block=True, timeout=None)", put),
    native!("put_nowait", "($self, /, item)", put_nowait),
    native!("get", "($self, /, block=True, timeout=None)", get).gc_clean(),
    native!("get_nowait", "($self, /)", get_nowait),
    native!("empty", "($self, /)", empty),
    native!("qsize", "($self, /)", qsize),
    native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_queue", &[]);
    let ty = stdobj::new_type(vm, "_queue", "SimpleQueue", TypeFlags::BASETYPE, METHODS);
    crate::types::module::set_attr(vm, m, "SimpleQueue", ty);
    let empty = match vm.state_get("_queue.Empty") {
        Some(e) => e,
        None => {
            let n = vm.new_str("Empty");
            let base = vm.exc.exception;
            let bases = crate::types::tuple::new_tuple(vm, vec![base]);
            let ns = crate::types::dict::new_dict(vm);
            let k = vm.intern("__module__");
            let v = vm.new_str("_queue");
            crate::types::dict::set_item_str(vm, ns, k, v);
            let k = vm.intern("__doc__");
            let v = vm.new_str("Exception raised by Queue.get(block=0)/get_nowait().");
            crate::types::dict::set_item_str(vm, ns, k, v);
            let meta = vm.types.type_;
            let e = typeobj::new_class(vm, meta, n, bases, ns)?;
            vm.state_set("_queue.Empty", e);
            e
        }
    };
    crate::types::module::set_attr(vm, m, "Empty", empty);
    Ok(m)
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static SimpleQueue> {
    stdobj::expect::<SimpleQueue>(vm, v, "_queue.SimpleQueue")
}

fn sq_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let exact = ty == stdobj::state_type(vm, "_queue.SimpleQueue");
    if exact && crate::types::tuple::items(a[1]).is_some_and(|t| !t.is_empty()) {
        return Err(vm.type_error("SimpleQueue() takes no positional arguments"));
    }
    if exact && !a[2].is_null() && crate::ops::item::len(vm, a[2])? > 0 {
        return Err(vm.type_error("SimpleQueue() takes no keyword arguments"));
    }
    Ok(stdobj::new_obj(
        ty,
        SimpleQueue {
            items: RefCell::new(VecDeque::new()),
        },
    ))
}

fn put(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?.items.borrow_mut().push_back(a[1]);
    wake_getters();
    Ok(Value::NONE)
}

fn put_nowait(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?.items.borrow_mut().push_back(a[1]);
    wake_getters();
    Ok(Value::NONE)
}

/// Wakes threads blocked in `get` (they share the lock-release wake-up).
fn wake_getters() {
    if crate::gil::threads_running() {
        crate::gil::lock_released();
    }
}

fn empty_error(vm: &mut Vm) -> crate::vm::Exc {
    let ty = vm.state_get("_queue.Empty").unwrap_or(vm.exc.exception);
    let e = crate::types::exceptions::new_exception(vm, ty, vec![]);
    crate::vm::Exc(e)
}

/// Audited (`gc_clean`): waiting with the GIL released, it holds only its queue (an argument),
/// so other threads may collect meanwhile.
fn get(vm: &mut Vm, a: &[Value]) -> PyResult {
    vm.take_clean_entry();
    let q = this(vm, a[0])?;
    let block = a[1].is_null() || crate::ops::truth::is_true(vm, a[1])?;
    let timeout = if a[2].is_null() || a[2].is_none() {
        None
    } else if let Some(f) = crate::types::float::as_f64(a[2]) {
        Some(f)
    } else {
        Some(crate::ops::number::index_i64(vm, a[2])? as f64)
    };
    if let Some(t) = timeout {
        if t < 0.0 {
            return Err(vm.value_error("'timeout' must be a non-negative number"));
        }
    }
    let deadline = timeout
        .filter(|t| t.is_finite() && *t < 1e9)
        .map(|t| std::time::Instant::now() + std::time::Duration::from_secs_f64(t));
    loop {
        if let Some(v) = q.items.borrow_mut().pop_front() {
            return Ok(v);
        }
        if !block {
            return Err(empty_error(vm));
        }
        if !crate::gil::threads_running() {
            // No other thread can put an item.
            if let Some(d) = deadline {
                std::thread::sleep(d.saturating_duration_since(std::time::Instant::now()));
                return Err(empty_error(vm));
            }
            if timeout.is_some() {
                return Err(empty_error(vm));
            }
            return Err(vm.new_exc(
                vm.exc.runtime_error,
                "SimpleQueue.get() would block forever: no other thread can put an item",
            ));
        }
        if !crate::gil::wait_for_release(vm, deadline)? {
            return match q.items.borrow_mut().pop_front() {
                Some(v) => Ok(v),
                None => Err(empty_error(vm)),
            };
        }
    }
}

fn get_nowait(vm: &mut Vm, a: &[Value]) -> PyResult {
    let q = this(vm, a[0])?;
    let v = q.items.borrow_mut().pop_front();
    match v {
        Some(v) => Ok(v),
        None => Err(empty_error(vm)),
    }
}

fn empty(vm: &mut Vm, a: &[Value]) -> PyResult {
    let q = this(vm, a[0])?;
    Ok(Value::from_bool(q.items.borrow().is_empty()))
}

fn qsize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.items.borrow().len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::builtins::make_generic_alias(vm, a[0], a[1])
}
