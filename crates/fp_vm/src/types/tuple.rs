//! `tuple`: storage and construction. Methods and protocol dunders live in `seq_methods.rs`.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;

pub struct TupleObj {
    pub items: Box<[Value]>,
}

impl Trace for TupleObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in self.items.iter() {
            v.trace(visit);
        }
    }
}

impl Payload for TupleObj {
    const KIND: ObjKind = ObjKind::Tuple;
}

pub fn new_tuple(vm: &mut Vm, items: Vec<Value>) -> Value {
    if items.is_empty() {
        if vm.empty_tuple.is_null() {
            vm.empty_tuple = alloc(
                vm.types.tuple,
                TupleObj {
                    items: Box::new([]),
                },
            );
        }
        return vm.empty_tuple;
    }
    alloc(
        vm.types.tuple,
        TupleObj {
            items: items.into_boxed_slice(),
        },
    )
}

pub fn new_tuple_of_type(ty: Value, items: Vec<Value>) -> Value {
    alloc(
        ty,
        TupleObj {
            items: items.into_boxed_slice(),
        },
    )
}

/// The items of a tuple (or tuple subclass instance).
#[inline]
pub fn items(v: Value) -> Option<&'static [Value]> {
    v.downcast::<TupleObj>().map(|t| &t.items[..])
}
