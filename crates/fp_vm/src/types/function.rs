//! Callables: Python functions, native (Rust) functions and methods, bound methods, and cells
//! (closure variables).

use crate::heap::alloc;
use crate::native::{NativeDef, Signature};
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, OnceCell};

/// A Python function (`def` or `lambda`).
pub struct FunctionObj {
    pub code: Cell<Value>,
    pub globals: Value,
    pub builtins: Value,
    pub name: Cell<Value>,
    pub qualname: Cell<Value>,
    /// Tuple of positional defaults, or NULL.
    pub defaults: Cell<Value>,
    /// Dict of keyword-only defaults, or NULL.
    pub kwdefaults: Cell<Value>,
    /// Tuple of cells, or NULL.
    pub closure: Value,
    pub doc: Cell<Value>,
    pub module: Cell<Value>,
    /// Dict, or NULL until first asked for.
    pub annotations: Cell<Value>,
}

impl Trace for FunctionObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [
            self.code.get(),
            self.globals,
            self.builtins,
            self.name.get(),
            self.qualname.get(),
            self.defaults.get(),
            self.kwdefaults.get(),
            self.closure,
            self.doc.get(),
            self.module.get(),
            self.annotations.get(),
        ] {
            v.trace(visit);
        }
    }
}

impl Payload for FunctionObj {
    const KIND: ObjKind = ObjKind::Function;
}

/// A native function or method: a [`NativeDef`] plus what it is bound to.
pub struct NativeFunction {
    pub def: &'static NativeDef,
    /// Parsed on first use; shared (not re-parsed or deep-copied) by the bound copies that
    /// `bind_native` makes on every `obj.method` lookup.
    sig: OnceCell<std::rc::Rc<Signature>>,
    /// The bound first argument (`__self__`: an instance, a type or a module), or NULL.
    pub bound: Value,
    /// The type that defines it (for method descriptors), or NULL.
    pub owner: Value,
}

impl NativeFunction {
    /// The parsed signature. Signatures in ferropy's tables are checked by a unit test; a
    /// malformed one degrades to "accepts anything positional".
    pub fn sig(&self) -> &Signature {
        self.shared_sig()
    }

    fn shared_sig(&self) -> &std::rc::Rc<Signature> {
        self.sig.get_or_init(|| {
            std::rc::Rc::new(
                Signature::parse(self.def.sig).unwrap_or_else(|_| Signature {
                    varargs: Some("args".into()),
                    ..Signature::default()
                }),
            )
        })
    }
}

impl Trace for NativeFunction {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.bound.trace(visit);
        self.owner.trace(visit);
    }
}

impl Payload for NativeFunction {
    const KIND: ObjKind = ObjKind::NativeFunction;
}

/// The dunders CPython implements as type slots: on builtin types they are slot wrappers
/// (`wrapper_descriptor`, bound: `method-wrapper`) rather than method descriptors.
const SLOT_NAMES: &[&str] = &[
    "__getattribute__",
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__repr__",
    "__hash__",
    "__call__",
    "__str__",
    "__lt__",
    "__le__",
    "__eq__",
    "__ne__",
    "__gt__",
    "__ge__",
    "__iter__",
    "__next__",
    "__get__",
    "__set__",
    "__delete__",
    "__init__",
    "__del__",
    "__await__",
    "__aiter__",
    "__anext__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__mod__",
    "__rmod__",
    "__divmod__",
    "__rdivmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__bool__",
    "__invert__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__and__",
    "__rand__",
    "__xor__",
    "__rxor__",
    "__or__",
    "__ror__",
    "__int__",
    "__float__",
    "__iadd__",
    "__isub__",
    "__imul__",
    "__imod__",
    "__ipow__",
    "__ilshift__",
    "__irshift__",
    "__iand__",
    "__ixor__",
    "__ior__",
    "__floordiv__",
    "__rfloordiv__",
    "__truediv__",
    "__rtruediv__",
    "__ifloordiv__",
    "__itruediv__",
    "__index__",
    "__matmul__",
    "__rmatmul__",
    "__imatmul__",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
];

/// Whether a native method of `owner` is a slot wrapper. A few lookups CPython also defines
/// as ordinary methods (its METH_COEXIST fast paths) stay method descriptors.
fn is_slot_wrapper(vm: &Vm, def: &NativeDef, owner: Value) -> bool {
    if def.kind != crate::native::NativeKind::Function
        || !def.name.starts_with("__")
        || !SLOT_NAMES.contains(&def.name)
    {
        return false;
    }
    let t = &vm.types;
    let coexist = (owner == t.list && def.name == "__getitem__")
        || (owner == t.dict && (def.name == "__getitem__" || def.name == "__contains__"))
        || ((owner == t.set || owner == t.frozenset) && def.name == "__contains__");
    !coexist && !t.wrapper_descriptor.is_null()
}

/// Creates a native callable. With `owner` set and `bound` NULL it is a method descriptor
/// (or slot wrapper, or classmethod descriptor).
pub fn new_native(vm: &mut Vm, def: &'static NativeDef, bound: Value, owner: Value) -> Value {
    // A static method (`__new__`) is a plain builtin whose `__self__` is its type, as CPython.
    let ty = if owner.is_null()
        || !bound.is_null()
        || def.kind == crate::native::NativeKind::StaticMethod
    {
        vm.types.builtin_function
    } else if def.kind == crate::native::NativeKind::ClassMethod {
        vm.types.classmethod_descriptor
    } else if is_slot_wrapper(vm, def, owner) {
        vm.types.wrapper_descriptor
    } else {
        vm.types.method_descriptor
    };
    alloc(
        ty,
        NativeFunction {
            def,
            sig: OnceCell::new(),
            bound,
            owner,
        },
    )
}

/// Binds a method descriptor to `obj` (what `obj.method` returns for a native method).
pub fn bind_native(vm: &mut Vm, f: &NativeFunction, obj: Value) -> Value {
    let sig = f.shared_sig().clone();
    let ty = if !f.owner.is_null() && is_slot_wrapper(vm, f.def, f.owner) {
        vm.types.method_wrapper
    } else {
        vm.types.builtin_function
    };
    let v = alloc(
        ty,
        NativeFunction {
            def: f.def,
            sig: OnceCell::new(),
            bound: obj,
            owner: f.owner,
        },
    );
    if let Some(n) = v.downcast::<NativeFunction>() {
        let _ = n.sig.set(sig);
    }
    v
}

/// A bound method: a function and the instance it was looked up on.
pub struct BoundMethod {
    pub func: Value,
    pub self_: Value,
}

impl Trace for BoundMethod {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.func.trace(visit);
        self.self_.trace(visit);
    }
}

impl Payload for BoundMethod {
    const KIND: ObjKind = ObjKind::BoundMethod;
}

pub fn new_bound_method(vm: &mut Vm, func: Value, self_: Value) -> Value {
    alloc(vm.types.method, BoundMethod { func, self_ })
}

/// A closure cell. Empty (NULL) until assigned.
pub struct CellObj {
    value: Cell<Value>,
}

impl CellObj {
    pub fn get(&self) -> Value {
        self.value.get()
    }
    pub fn set(&self, v: Value) {
        self.value.set(v)
    }
}

impl Trace for CellObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.value.trace(visit)
    }
}

impl Payload for CellObj {
    const KIND: ObjKind = ObjKind::Cell;
}

pub fn new_cell(vm: &mut Vm, v: Value) -> Value {
    alloc(
        vm.types.cell,
        CellObj {
            value: Cell::new(v),
        },
    )
}
