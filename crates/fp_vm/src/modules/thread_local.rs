//! `_thread._local` (`threading.local`): an object whose attributes are per thread.
//!
//! Each thread that touches the object gets its own attribute dict. Before every attribute
//! operation the object's instance storage is pointed at the current thread's dict (creating
//! it, and running a subclass's `__init__` with the constructor's arguments, on a thread's
//! first touch, as CPython does); the generic attribute machinery then does the rest.

use crate::gil;
use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::types::typeobj::TypeFlags;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::RefCell;

struct Local {
    /// `(thread ident, its attribute dict)`.
    dicts: RefCell<Vec<(u64, Value)>>,
    /// The constructor's `(args, kwargs)`, passed to `__init__` in each new thread.
    args: Value,
    kwargs: Value,
}

impl StdData for Local {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for (_, d) in self.dicts.borrow().iter() {
            visit(*d);
        }
        stdobj::visit_all(&[self.args, self.kwargs], visit);
    }
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", local_new),
    native!("__getattribute__", "($self, name, /)", local_getattribute),
    native!("__setattr__", "($self, name, value, /)", local_setattr),
    native!("__delattr__", "($self, name, /)", local_delattr),
];

/// `local.__dict__`: this thread's dict, read-only as in CPython.
static GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("__dict__", "($self, /)", local_dict), None)];

/// Creates the `_local` type (called by `_thread`'s init).
pub fn make_type(vm: &mut Vm) -> Value {
    let flags = TypeFlags::BASETYPE.union(TypeFlags::HAS_DICT);
    let ty = stdobj::new_type(vm, "_thread", "_local", flags, METHODS);
    crate::types::typeobj::add_getsets(vm, ty, GETSETS);
    ty
}

fn local_dict(vm: &mut Vm, a: &[Value]) -> PyResult {
    enter(vm, a[0])?;
    Ok(crate::types::instance::to_dict(vm, a[0]))
}

fn local_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (ty, args, kwargs) = (a[0], a[1], a[2]);
    let has_args = crate::types::tuple::items(args).is_some_and(|t| !t.is_empty())
        || (!kwargs.is_null() && crate::types::dict::len(kwargs) > 0);
    if has_args {
        let init = crate::types::typeobj::lookup_str(vm, ty, "__init__");
        let object_init = crate::types::typeobj::lookup_str(vm, vm.types.object, "__init__");
        if init == object_init {
            return Err(vm.type_error("Initialization arguments are not supported"));
        }
    }
    let local = Local {
        dicts: RefCell::new(Vec::new()),
        args,
        kwargs: if kwargs.is_null() {
            Value::NONE
        } else {
            kwargs
        },
    };
    let obj = stdobj::new_obj(ty, local);
    // The creating thread's dict exists from the start; `__init__` runs through the normal
    // constructor protocol here.
    let d = crate::types::dict::new_dict(vm);
    if let Some(l) = stdobj::get::<Local>(obj) {
        l.dicts.borrow_mut().push((gil::ident(), d));
    }
    crate::types::instance::set_dict(obj, d);
    Ok(obj)
}

/// Points `obj`'s storage at this thread's dict, creating it (and running `__init__`) on
/// the thread's first touch.
fn enter(vm: &mut Vm, obj: Value) -> PyResult<()> {
    let Some(l) = stdobj::get::<Local>(obj) else {
        return Err(vm.type_error("descriptor requires a '_thread._local' object"));
    };
    let me = gil::ident();
    let found = l
        .dicts
        .borrow()
        .iter()
        .find(|(t, _)| *t == me)
        .map(|(_, d)| *d);
    if let Some(d) = found {
        crate::types::instance::set_dict(obj, d);
        return Ok(());
    }
    let d = crate::types::dict::new_dict(vm);
    l.dicts.borrow_mut().push((me, d));
    crate::types::instance::set_dict(obj, d);
    let ty = vm.type_of(obj);
    let init = crate::types::typeobj::lookup_str(vm, ty, "__init__");
    let object_init = crate::types::typeobj::lookup_str(vm, vm.types.object, "__init__");
    if init != object_init {
        let args = crate::types::tuple::items(l.args).unwrap_or(&[]).to_vec();
        let kwargs = if l.kwargs.is_none() {
            Value::NULL
        } else {
            l.kwargs
        };
        let f = crate::ops::attr::getattr_str(vm, obj, "__init__")?;
        crate::ops::call::call_ex(vm, f, &args, kwargs)?;
        // `__init__` may have switched threads; point at ours again.
        crate::types::instance::set_dict(obj, d);
    }
    Ok(())
}

fn local_getattribute(vm: &mut Vm, a: &[Value]) -> PyResult {
    enter(vm, a[0])?;
    crate::ops::attr::generic_getattribute_native(vm, a)
}

fn local_setattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    enter(vm, a[0])?;
    crate::ops::attr::generic_setattr_native(vm, a)
}

fn local_delattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    enter(vm, a[0])?;
    crate::ops::attr::generic_delattr_native(vm, a)
}
