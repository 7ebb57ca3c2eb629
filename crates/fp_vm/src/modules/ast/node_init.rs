//! `AST.__new__` and `AST.__init__` of the `_ast` node classes, in Rust: every node object
//! (`ast.Name(...)`, each node `ast.parse` and the converter build) goes through them, and as
//! Python functions (`base.py`) they were most of the cost of building a tree. Behaviour is
//! CPython 3.11's `ast_type_init`: positional arguments fill `_fields` in order, keywords set
//! any attribute, with CPython's two TypeErrors.

use crate::native::NativeDef;
use crate::ops;
use crate::types::{dict, tuple, typeobj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

/// Installed on the `AST` class after the node classes exist (`add_methods` invalidates the
/// lookups of its subclasses).
pub(super) static AST_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", ast_new),
    native!("__init__", "($self, /, *args, **kwargs)", ast_init),
];

/// `AST.__new__(cls, *args, **kwargs)`: a bare instance; the arguments are `__init__`'s.
fn ast_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    if !ty.is::<typeobj::TypeObject>() {
        return Err(vm.type_error(format!(
            "AST.__new__(X): X is not a type object ({})",
            vm.type_name(ty)
        )));
    }
    crate::types::object::alloc_instance(vm, ty)
}

/// `AST.__init__(self, *args, **kwargs)`.
fn ast_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let obj = a[0];
    let args: Vec<Value> = tuple::items(a[1]).map(|t| t.to_vec()).unwrap_or_default();
    let kwargs = if a[2].is_null() {
        Vec::new()
    } else {
        dict::items(a[2])
    };
    let cls = vm.type_of(obj);
    let name = vm.intern("_fields");
    // The node classes are plain classes whose `_fields` is a tuple in their dict: read it
    // straight from the MRO then; anything else (a metaclass, a descriptor, another
    // sequence) goes through the full attribute protocol.
    let direct = if vm.type_of(cls) == vm.types.type_ {
        let f = typeobj::lookup(vm, cls, name);
        tuple::items(f).map(|t| t.to_vec())
    } else {
        None
    };
    let fields = match direct {
        Some(f) => f,
        None => match ops::attr::getattr_opt(vm, cls, name)? {
            Some(f) => ops::iter::collect(vm, f)?,
            None => Vec::new(),
        },
    };
    if args.len() > fields.len() {
        let n = fields.len();
        let s = if n == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{} constructor takes at most {n} positional argument{s}",
            typeobj::type_name(cls)
        )));
    }
    for (field, value) in fields.iter().zip(&args) {
        ops::attr::setattr(vm, obj, *field, *value)?;
    }
    for (key, value) in kwargs {
        for field in &fields[..args.len()] {
            if *field == key || ops::compare::eq(vm, *field, key)? {
                let k = ops::repr::str_string(vm, key)?;
                return Err(vm.type_error(format!(
                    "{} got multiple values for argument '{k}'",
                    typeobj::type_name(cls)
                )));
            }
        }
        ops::attr::setattr(vm, obj, key, value)?;
    }
    Ok(Value::NONE)
}
