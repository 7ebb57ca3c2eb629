//! Pickling support of `object`: `__reduce_ex__`, `__reduce__` and `__getstate__` as CPython
//! 3.11's `typeobject.c` defines them (protocol 2+ goes through `copyreg.__newobj__`, older
//! protocols through `copyreg._reduce_ex`). `copy` uses the same protocol.

use crate::ops;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `object.__reduce_ex__(protocol)`.
pub fn object_reduce_ex(vm: &mut Vm, a: &[Value]) -> PyResult {
    // A class's own `__reduce__` wins over the generic protocol (as CPython's
    // object.__reduce_ex__): deque, partial, defaultdict... pickle and copy through it.
    let ty = vm.type_of(a[0]);
    let own = typeobj::lookup_str(vm, ty, "__reduce__");
    let object = vm.types.object;
    let base = typeobj::lookup_str(vm, object, "__reduce__");
    if !own.is_null() && own != base {
        let m = ops::attr::getattr_str(vm, a[0], "__reduce__")?;
        return ops::call::call(vm, m, &[]);
    }
    let proto = if a[1].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[1])?
    };
    common_reduce(vm, a[0], proto)
}

/// `object.__reduce__()`: protocol 0.
pub fn object_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    common_reduce(vm, a[0], 0)
}

fn common_reduce(vm: &mut Vm, obj: Value, proto: i64) -> PyResult {
    if proto >= 2 {
        return reduce_newobj(vm, obj);
    }
    let copyreg = crate::modules::import_module(vm, "copyreg")?;
    let f = ops::attr::getattr_str(vm, copyreg, "_reduce_ex")?;
    let p = crate::types::int::from_i64(vm, proto);
    ops::call::call(vm, f, &[obj, p])
}

/// `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`, or `__newobj_ex__` when
/// `__getnewargs_ex__` gives keyword arguments.
fn reduce_newobj(vm: &mut Vm, obj: Value) -> PyResult {
    let cls = vm.type_of(obj);
    if typeobj::lookup_str(vm, cls, "__new__").is_null() {
        return Err(vm.type_error(format!("cannot pickle '{}' object", vm.type_name(obj))));
    }
    let (args, kwargs) = get_new_arguments(vm, obj)?;
    let copyreg = crate::modules::import_module(vm, "copyreg")?;
    let has_kwargs = !kwargs.is_none() && crate::types::dict::len(kwargs) > 0;
    let (newobj, newargs) = if has_kwargs {
        let f = ops::attr::getattr_str(vm, copyreg, "__newobj_ex__")?;
        (
            f,
            crate::types::tuple::new_tuple(vm, vec![cls, args, kwargs]),
        )
    } else {
        let f = ops::attr::getattr_str(vm, copyreg, "__newobj__")?;
        let mut items = vec![cls];
        items.extend_from_slice(crate::types::tuple::items(args).unwrap_or(&[]));
        (f, crate::types::tuple::new_tuple(vm, items))
    };
    // CPython's `_PyObject_GetState(obj, required)`: an object whose C layout carries more
    // than the instance dict and slots cannot be pickled by the default protocol unless it
    // gives constructor arguments or its own state (code, module, frame... objects).
    let hasargs = !typeobj::lookup_str(vm, cls, "__getnewargs_ex__").is_null()
        || !typeobj::lookup_str(vm, cls, "__getnewargs__").is_null();
    let own_getstate = typeobj::lookup_str(vm, cls, "__getstate__");
    let base_getstate = typeobj::lookup_str(vm, vm.types.object, "__getstate__");
    if !hasargs
        && own_getstate == base_getstate
        && typeobj::tobj(cls).layout != crate::object::ObjKind::Object
        && !typeobj::is_subtype(cls, vm.types.list)
        && !typeobj::is_subtype(cls, vm.types.dict)
    {
        // Variable-size C objects get CPython's other wording.
        if typeobj::tobj(cls).layout == crate::object::ObjKind::Code {
            return Err(vm.type_error(format!("cannot pickle {} objects", vm.type_name(obj))));
        }
        return Err(vm.type_error(format!("cannot pickle '{}' object", vm.type_name(obj))));
    }
    let getstate = ops::attr::getattr_str(vm, obj, "__getstate__")?;
    let state = ops::call::call(vm, getstate, &[])?;
    let listitems = if typeobj::is_subtype(cls, vm.types.list) {
        ops::iter::get_iter(vm, obj)?
    } else {
        Value::NONE
    };
    let dictitems = if typeobj::is_subtype(cls, vm.types.dict) {
        let items = ops::attr::getattr_str(vm, obj, "items")?;
        let it = ops::call::call(vm, items, &[])?;
        ops::iter::get_iter(vm, it)?
    } else {
        Value::NONE
    };
    Ok(crate::types::tuple::new_tuple(
        vm,
        vec![newobj, newargs, state, listitems, dictitems],
    ))
}

/// The `(args, kwargs)` of `__getnewargs_ex__` or `__getnewargs__` (kwargs None), checked.
fn get_new_arguments(vm: &mut Vm, obj: Value) -> PyResult<(Value, Value)> {
    let ex = vm.intern("__getnewargs_ex__");
    if let Some(r) = ops::call_special(vm, obj, ex, &[])? {
        let pair = crate::types::tuple::items(r).map(<[Value]>::to_vec);
        let Some(pair) = pair else {
            return Err(vm.type_error(format!(
                "__getnewargs_ex__ should return a tuple, not '{}'",
                vm.type_name(r)
            )));
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair.len()
            )));
        }
        if crate::types::tuple::items(pair[0]).is_none() {
            return Err(vm.type_error(format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                vm.type_name(pair[0])
            )));
        }
        if !pair[1].is::<crate::types::dict::DictObj>() {
            return Err(vm.type_error(format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                vm.type_name(pair[1])
            )));
        }
        return Ok((pair[0], pair[1]));
    }
    let plain = vm.intern("__getnewargs__");
    if let Some(r) = ops::call_special(vm, obj, plain, &[])? {
        if crate::types::tuple::items(r).is_none() {
            return Err(vm.type_error(format!(
                "__getnewargs__ should return a tuple, not '{}'",
                vm.type_name(r)
            )));
        }
        return Ok((r, Value::NONE));
    }
    Ok((crate::types::tuple::new_tuple(vm, vec![]), Value::NONE))
}

/// `object.__getstate__()`: the instance dict (None when empty), paired with a dict of slot
/// values when the class has `__slots__` (names from `copyreg._slotnames`).
pub fn object_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let obj = a[0];
    let cls = vm.type_of(obj);
    let copyreg = crate::modules::import_module(vm, "copyreg")?;
    let f = ops::attr::getattr_str(vm, copyreg, "_slotnames")?;
    let names = ops::call::call(vm, f, &[cls])?;
    let slot_names = ops::iter::collect(vm, names)?;
    // The instance dict itself (not a copy), None when there is none or it is empty.
    let mut state = Value::NONE;
    if crate::types::instance::has_attrs(obj) && !typeobj::lookup_str(vm, cls, "__dict__").is_null()
    {
        state = crate::types::instance::to_dict(vm, obj);
    }
    if !slot_names.is_empty() {
        let slots = crate::types::dict::new_dict(vm);
        for n in slot_names {
            if let Some(v) = ops::attr::getattr_opt(vm, obj, n)? {
                crate::types::dict::set_item(vm, slots, n, v)?;
            }
        }
        if crate::types::dict::len(slots) > 0 {
            state = crate::types::tuple::new_tuple(vm, vec![state, slots]);
        }
    }
    Ok(state)
}
