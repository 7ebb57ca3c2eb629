//! Struct sequences (`sys.flags`, `sys.version_info`, `os.stat_result`...): tuple subclasses
//! whose items are also readable as named, read-only attributes.

use crate::heap::alloc;
use crate::native;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A named field of a struct sequence: reads item `index` of the tuple.
pub struct FieldDescr {
    pub index: usize,
    pub name: Value,
}

impl Trace for FieldDescr {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.name.trace(visit)
    }
}

impl Payload for FieldDescr {
    const KIND: ObjKind = ObjKind::StructSeqField;
}

/// Creates a struct-sequence type `module.name` with the given field names.
pub fn new_type(vm: &mut Vm, module: &str, name: &str, fields: &[&str]) -> Value {
    let tuple = vm.types.tuple;
    let ty = typeobj::new_static_type(vm, name, tuple, ObjKind::Tuple, TypeFlags::SEQUENCE);
    for (i, f) in fields.iter().enumerate() {
        let n = vm.intern(f);
        let d = alloc(vm.types.member_descriptor, FieldDescr { index: i, name: n });
        typeobj::set_type_attr(vm, ty, f, d);
    }
    let m = vm.new_str(module);
    typeobj::set_type_attr(vm, ty, "__module__", m);
    let n = crate::types::int::from_usize(vm, fields.len());
    typeobj::set_type_attr(vm, ty, "n_fields", n);
    typeobj::set_type_attr(vm, ty, "n_sequence_fields", n);
    typeobj::add_methods(vm, ty, METHODS);
    ty
}

pub fn new(vm: &mut Vm, ty: Value, values: Vec<Value>) -> Value {
    let _ = vm;
    crate::types::tuple::new_tuple_of_type(ty, values)
}

static METHODS: &[NativeDef] = &[native!("__repr__", "($self, /)", structseq_repr)];

fn structseq_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = vm.type_of(a[0]);
    let t = typeobj::tobj(ty);
    let mut fields: Vec<(usize, String)> = crate::types::dict::items(t.dict.get())
        .into_iter()
        .filter_map(|(_, v)| {
            v.downcast::<FieldDescr>().map(|f| {
                (
                    f.index,
                    crate::types::str::as_str(f.name).unwrap_or("?").to_string(),
                )
            })
        })
        .collect();
    fields.sort();
    let items = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    let mut parts = Vec::new();
    for (i, name) in fields {
        let v = items.get(i).copied().unwrap_or(Value::NONE);
        parts.push(format!("{name}={}", crate::ops::repr::repr_string(vm, v)?));
    }
    let module = crate::types::dict::get_str(t.dict.get(), "__module__")
        .and_then(crate::types::str::as_str)
        .unwrap_or("");
    let name = t.name.borrow().clone();
    let full = if module.is_empty() || module == "builtins" {
        name
    } else {
        format!("{module}.{name}")
    };
    Ok(vm.new_string(format!("{full}({})", parts.join(", "))))
}
