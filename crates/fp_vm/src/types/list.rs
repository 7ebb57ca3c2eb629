//! `list`: storage and construction. Methods and protocol dunders live in `seq_methods.rs`.
//!
//! The items are a `RefCell<Vec<Value>>`; code never holds the borrow across a call that may
//! run Python code (comparisons in `sort`, `index`, `remove`...), it copies values out first.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

pub struct ListObj {
    pub items: RefCell<Vec<Value>>,
}

impl Trace for ListObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.items.trace(visit)
    }
}

impl Payload for ListObj {
    const KIND: ObjKind = ObjKind::List;
}

pub fn new_list(vm: &mut Vm, items: Vec<Value>) -> Value {
    alloc(
        vm.types.list,
        ListObj {
            items: RefCell::new(items),
        },
    )
}

pub fn new_list_of_type(ty: Value, items: Vec<Value>) -> Value {
    alloc(
        ty,
        ListObj {
            items: RefCell::new(items),
        },
    )
}

impl ListObj {
    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.borrow().get(i).copied()
    }
    pub fn push(&self, v: Value) {
        self.items.borrow_mut().push(v)
    }
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }
}
