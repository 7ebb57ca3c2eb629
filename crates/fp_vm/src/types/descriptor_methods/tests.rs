//! Unit tests of property, classmethod, staticmethod, super, slot members and getsets.

use crate::ops;
use crate::types::dict;
use crate::types::function_methods::tests::{del, err, function, get, int, new_vm, repr, set};
use crate::value::Value;
use crate::vm::Vm;

/// `class <name>(<base>): <attrs>`.
fn class(vm: &mut Vm, name: &str, base: Option<Value>, attrs: &[(&str, Value)]) -> Value {
    let ns = dict::new_dict(vm);
    for (k, v) in attrs {
        let k = vm.intern(k);
        dict::set_item_str(vm, ns, k, *v);
    }
    let n = vm.new_str(name);
    let bases = crate::types::tuple::new_tuple(vm, base.into_iter().collect());
    let meta = vm.types.type_;
    crate::types::typeobj::new_class(vm, meta, n, bases, ns).expect("class")
}

fn str_of(v: Value) -> &'static str {
    crate::types::str::as_str(v).unwrap_or("<not a str>")
}

#[test]
fn property_protocol() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let getter = function(vm, &["self"], "x");
    let doc = vm.new_str("xdoc");
    set(vm, getter, "__doc__", doc).unwrap();
    let prop_t = vm.types.property;
    let p = ops::call::call(vm, prop_t, &[getter]).unwrap();
    let d = get(vm, p, "__doc__").unwrap();
    assert_eq!(str_of(d), "xdoc");
    let a = class(vm, "A", None, &[("x", p)]);
    let obj = ops::call::call(vm, a, &[]).unwrap();
    // fget returns its argument (the instance).
    assert_eq!(get(vm, obj, "x").unwrap(), obj);
    assert_eq!(get(vm, a, "x").unwrap(), p);
    let r = set(vm, obj, "x", int(1));
    assert_eq!(
        err(vm, r),
        "AttributeError: property 'x' of 'A' object has no setter"
    );
    let r = del(vm, obj, "x");
    assert_eq!(
        err(vm, r),
        "AttributeError: property 'x' of 'A' object has no deleter"
    );
    // setter() returns a copy with the name and the getter's doc.
    let setter_fn = function(vm, &["self", "v"], "x");
    let setter = get(vm, p, "setter").unwrap();
    let p2 = ops::call::call(vm, setter, &[setter_fn]).unwrap();
    assert_ne!(p2, p);
    let d = get(vm, p2, "__doc__").unwrap();
    assert_eq!(str_of(d), "xdoc");
    assert_eq!(get(vm, p2, "fset").unwrap(), setter_fn);
    assert!(get(vm, p, "fset").unwrap().is_none());
    let set_m = get(vm, p2, "__set__").unwrap();
    ops::call::call(vm, set_m, &[obj, int(3)]).unwrap();
    // An unnamed property (no __set_name__) leaves the name out.
    let p3 = ops::call::call(vm, prop_t, &[]).unwrap();
    let g = get(vm, p3, "__get__").unwrap();
    let r = ops::call::call(vm, g, &[obj]);
    assert_eq!(
        err(vm, r),
        "AttributeError: property of 'A' object has no getter"
    );
    let r = ops::call::call(vm, g, &[Value::NONE, Value::NONE]);
    assert_eq!(err(vm, r), "TypeError: __get__(None, None) is invalid");
    let r = get(vm, p, "__isabstractmethod__").unwrap();
    assert_eq!(r, Value::FALSE);
}

#[test]
fn property_subclass_overrides_get() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let prop_t = vm.types.property;
    // class P(property): __get__ = <function returning its first argument (the property)>
    let get_fn = function(vm, &["self", "obj", "owner"], "__get__");
    let p_t = class(vm, "P", Some(prop_t), &[("__get__", get_fn)]);
    let getter = function(vm, &["self"], "y");
    let p = ops::call::call(vm, p_t, &[getter]).unwrap();
    let a = class(vm, "A", None, &[("y", p)]);
    let obj = ops::call::call(vm, a, &[]).unwrap();
    assert_eq!(get(vm, obj, "y").unwrap(), p);
}

#[test]
fn classmethod_staticmethod() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let f = function(vm, &["cls"], "c");
    let doc = vm.new_str("cdoc");
    set(vm, f, "__doc__", doc).unwrap();
    let cm_t = vm.types.classmethod;
    let cm = ops::call::call(vm, cm_t, &[f]).unwrap();
    assert_eq!(get(vm, cm, "__func__").unwrap(), f);
    assert_eq!(get(vm, cm, "__wrapped__").unwrap(), f);
    let d = get(vm, cm, "__doc__").unwrap();
    assert_eq!(str_of(d), "cdoc");
    let n = get(vm, cm, "__name__").unwrap();
    assert_eq!(str_of(n), "c");
    let a = class(vm, "A", None, &[("c", cm)]);
    let bound = get(vm, a, "c").unwrap();
    assert_eq!(ops::call::call(vm, bound, &[]).unwrap(), a);
    let g = get(vm, cm, "__get__").unwrap();
    let obj = ops::call::call(vm, a, &[]).unwrap();
    let b2 = ops::call::call(vm, g, &[obj]).unwrap();
    assert_eq!(ops::call::call(vm, b2, &[]).unwrap(), a);
    let r = ops::call::call(vm, g, &[Value::NONE]);
    assert_eq!(err(vm, r), "TypeError: __get__(None, None) is invalid");
    let r = ops::call::call(vm, cm_t, &[]);
    assert_eq!(
        err(vm, r),
        "TypeError: classmethod expected 1 argument, got 0"
    );
    let r = ops::repr::repr(vm, cm).unwrap();
    assert!(str_of(r).starts_with("<classmethod(<function Q.c at 0x"));

    let sm_t = vm.types.staticmethod;
    let sm = ops::call::call(vm, sm_t, &[f]).unwrap();
    assert_eq!(ops::call::call(vm, sm, &[int(5)]).unwrap(), int(5));
    let b = class(vm, "B", None, &[("s", sm)]);
    assert_eq!(get(vm, b, "s").unwrap(), f);
    let r = ops::call::call(vm, sm_t, &[f, f]);
    assert_eq!(
        err(vm, r),
        "TypeError: staticmethod expected 1 argument, got 2"
    );
}

#[test]
fn super_explicit_and_zero_argument() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let m = function(vm, &["self"], "m");
    let base = class(vm, "Base", None, &[("m", m)]);
    let derived = class(vm, "Derived", Some(base), &[]);
    let obj = ops::call::call(vm, derived, &[]).unwrap();
    let super_t = vm.types.super_;
    let s = ops::call::call(vm, super_t, &[derived, obj]).unwrap();
    let r = ops::repr::repr(vm, s).unwrap();
    assert_eq!(str_of(r), "<super: <class 'Derived'>, <Derived object>>");
    let bm = get(vm, s, "m").unwrap();
    assert_eq!(ops::call::call(vm, bm, &[]).unwrap(), obj);
    assert_eq!(get(vm, s, "__self__").unwrap(), obj);
    assert_eq!(get(vm, s, "__thisclass__").unwrap(), derived);
    assert_eq!(get(vm, s, "__self_class__").unwrap(), derived);
    let r = ops::call::call(vm, super_t, &[derived, int(1)]);
    assert_eq!(
        err(vm, r),
        "TypeError: super(type, obj): obj must be an instance or subtype of type"
    );
    let r = ops::call::call(vm, super_t, &[int(1), int(1)]);
    assert_eq!(
        err(vm, r),
        "TypeError: super() argument 1 must be a type, not int"
    );
    // Unbound super, then __get__ binds it.
    let u = ops::call::call(vm, super_t, &[derived]).unwrap();
    let r = ops::repr::repr(vm, u).unwrap();
    assert_eq!(str_of(r), "<super: <class 'Derived'>, NULL>");
    let g = get(vm, u, "__get__").unwrap();
    let bound = ops::call::call(vm, g, &[obj]).unwrap();
    assert_eq!(get(vm, bound, "__self__").unwrap(), obj);

    // Zero-argument super() reads the calling frame: its first argument and `__class__`.
    let code = super::super::function_methods::tests::code(&["self"], &["__class__"], "m");
    let codev = crate::types::code::load_code(vm, code);
    let globals = dict::new_dict(vm);
    let frame = crate::interp::frame::new_frame(vm, codev, globals, Value::NULL);
    let cell = crate::types::function::new_cell(vm, derived);
    {
        let f = crate::interp::frame::fobj(frame).get_mut();
        f.fast[0] = obj;
        f.fast[1] = cell;
    }
    vm.frames.push(frame);
    let s = ops::call::call(vm, super_t, &[]);
    let s = match s {
        Ok(s) => s,
        Err(e) => panic!("{}", err(vm, Err(e))),
    };
    assert_eq!(get(vm, s, "__thisclass__").unwrap(), derived);
    assert_eq!(get(vm, s, "__self__").unwrap(), obj);
    // locals() of that function frame.
    let locals = dict::get_str(vm.builtins_dict, "locals").unwrap();
    let l = ops::call::call(vm, locals, &[]).unwrap();
    assert_eq!(dict::len(l), 2);
    // An empty __class__ cell and a missing first argument.
    crate::interp::frame::fobj(frame).get_mut().fast[1] =
        crate::types::function::new_cell(vm, Value::NULL);
    let r = ops::call::call(vm, super_t, &[]);
    assert_eq!(err(vm, r), "RuntimeError: super(): empty __class__ cell");
    crate::interp::frame::fobj(frame).get_mut().fast[0] = Value::NULL;
    let r = ops::call::call(vm, super_t, &[]);
    assert_eq!(err(vm, r), "RuntimeError: super(): arg[0] deleted");
    vm.frames.pop();
    // A frame without arguments.
    let code = super::super::function_methods::tests::code(&[], &[], "<module>");
    let codev = crate::types::code::load_code(vm, code);
    let frame = crate::interp::frame::new_frame(vm, codev, globals, globals);
    vm.frames.push(frame);
    let r = ops::call::call(vm, super_t, &[]);
    assert_eq!(err(vm, r), "RuntimeError: super(): no arguments");
    vm.frames.pop();
}

#[test]
fn slot_members_and_getsets() {
    let mut vm = new_vm();
    let vm = &mut *vm;
    let s = vm.new_str("s");
    let slots = crate::types::tuple::new_tuple(vm, vec![s]);
    let a = class(vm, "A", None, &[("__slots__", slots)]);
    let obj = ops::call::call(vm, a, &[]).unwrap();
    let member = get(vm, a, "s").unwrap();
    let r = ops::repr::repr(vm, member).unwrap();
    assert_eq!(str_of(r), "<member 's' of 'A' objects>");
    let r = get(vm, obj, "s");
    assert_eq!(
        err(vm, r),
        "AttributeError: 'A' object has no attribute 's'"
    );
    let set_m = get(vm, member, "__set__").unwrap();
    ops::call::call(vm, set_m, &[obj, int(3)]).unwrap();
    assert_eq!(get(vm, obj, "s").unwrap(), int(3));
    let r = ops::call::call(vm, set_m, &[int(1), int(2)]);
    assert_eq!(
        err(vm, r),
        "TypeError: descriptor 's' for 'A' objects doesn't apply to a 'int' object"
    );
    let q = get(vm, member, "__qualname__").unwrap();
    assert_eq!(str_of(q), "A.s");
    // getset_descriptor of function.__name__.
    let fn_t = vm.types.function;
    let d = crate::types::typeobj::tobj(fn_t).dict.get();
    let gs = dict::get_str(d, "__name__").unwrap();
    let r = ops::repr::repr(vm, gs).unwrap();
    assert_eq!(str_of(r), "<attribute '__name__' of 'function' objects>");
    let q = get(vm, gs, "__qualname__").unwrap();
    assert_eq!(str_of(q), "function.__name__");
    let f = function(vm, &[], "f");
    let g = get(vm, gs, "__get__").unwrap();
    let n = ops::call::call(vm, g, &[f]).unwrap();
    assert_eq!(str_of(n), "f");
    let r = ops::call::call(vm, g, &[int(1)]);
    assert_eq!(
        err(vm, r),
        "TypeError: descriptor '__name__' for 'function' objects doesn't apply to a 'int' object"
    );
    // A read-only getset (type.__mro__).
    let type_t = vm.types.type_;
    let td = crate::types::typeobj::tobj(type_t).dict.get();
    let mro = dict::get_str(td, "__mro__").unwrap();
    let sm = get(vm, mro, "__set__").unwrap();
    let r = ops::call::call(vm, sm, &[a, int(1)]);
    assert_eq!(
        err(vm, r),
        "AttributeError: attribute '__mro__' of 'type' objects is not writable"
    );
    let _ = repr;
}
