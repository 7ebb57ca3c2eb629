//! Struct sequences (`sys.flags`, `sys.version_info`, `os.stat_result`...): tuple subclasses
//! whose items are also readable as named, read-only attributes.

use crate::heap::alloc;
use crate::native;
use crate::native::NativeDef;
use crate::native_staticmethod;
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
    new_type_ex(vm, module, name, fields, fields.len())
}

/// Creates a struct-sequence type whose first `n_seq` fields are tuple items and whose other
/// fields are attribute-only ("hidden", as `os.stat_result.st_atime_ns`). An empty field name
/// is an unnamed sequence field (readable by index only, as `stat_result[7]`). Instances of
/// such types are created with [`new_ex`]; `type(seq, dict=None)` constructs them too.
pub fn new_type_ex(vm: &mut Vm, module: &str, name: &str, fields: &[&str], n_seq: usize) -> Value {
    let tuple = vm.types.tuple;
    let ty = typeobj::new_static_type(vm, name, tuple, ObjKind::Tuple, TypeFlags::SEQUENCE);
    let mut unnamed = 0;
    for (i, f) in fields.iter().enumerate() {
        if f.is_empty() {
            unnamed += 1;
            continue;
        }
        let n = vm.intern(f);
        let d = alloc(vm.types.member_descriptor, FieldDescr { index: i, name: n });
        typeobj::set_type_attr(vm, ty, f, d);
    }
    let m = vm.new_str(module);
    typeobj::set_type_attr(vm, ty, "__module__", m);
    // `match` binds positional patterns to the named sequence fields.
    let visible: Vec<Value> = fields
        .iter()
        .take(n_seq)
        .filter(|f| !f.is_empty())
        .map(|f| vm.new_str(f))
        .collect();
    let ma = crate::types::tuple::new_tuple(vm, visible);
    typeobj::set_type_attr(vm, ty, "__match_args__", ma);
    let n = crate::types::int::from_usize(vm, fields.len());
    typeobj::set_type_attr(vm, ty, "n_fields", n);
    let n = crate::types::int::from_usize(vm, n_seq);
    typeobj::set_type_attr(vm, ty, "n_sequence_fields", n);
    let n = crate::types::int::from_usize(vm, unnamed);
    typeobj::set_type_attr(vm, ty, "n_unnamed_fields", n);
    typeobj::add_methods(vm, ty, METHODS);
    if n_seq != fields.len() || unnamed != 0 {
        typeobj::add_methods(vm, ty, CONSTRUCTOR);
    }
    ty
}

/// Makes `type(sequence, dict=None)` construct instances (CPython's struct sequences from
/// `os` and `time` allow it; `sys.flags` does not).
pub fn add_constructor(vm: &mut Vm, ty: Value) {
    typeobj::add_methods(vm, ty, CONSTRUCTOR);
}

/// Reads a field through its descriptor: a tuple item, or a hidden field's stored value.
pub fn get_field(obj: Value, fd: &FieldDescr) -> Value {
    let items = crate::types::tuple::items(obj).unwrap_or(&[]);
    if let Some(v) = items.get(fd.index) {
        return *v;
    }
    crate::types::instance::get(obj, fd.name).unwrap_or(Value::NONE)
}

/// A new instance with all `n_fields` values: the first `n_sequence_fields` become the tuple,
/// the rest the hidden fields.
pub fn new_ex(vm: &mut Vm, ty: Value, mut values: Vec<Value>) -> Value {
    let n_seq = type_int(ty, "n_sequence_fields").unwrap_or(values.len());
    let hidden = if values.len() > n_seq {
        values.split_off(n_seq)
    } else {
        Vec::new()
    };
    let obj = crate::types::tuple::new_tuple_of_type(ty, values);
    let names = hidden_names(ty, n_seq);
    for (name, v) in names.into_iter().zip(hidden) {
        crate::types::instance::set(vm, obj, name, v);
    }
    obj
}

fn type_int(ty: Value, name: &str) -> Option<usize> {
    crate::types::dict::get_str(typeobj::tobj(ty).dict.get(), name)
        .and_then(|v| v.as_small_int())
        .and_then(|i| usize::try_from(i).ok())
}

/// The descriptors of `ty` (searched along its MRO), sorted by index.
fn fields_of(ty: Value) -> Vec<(usize, Value)> {
    let mut out: Vec<(usize, Value)> = Vec::new();
    let mro = typeobj::tobj(ty).mro.borrow().clone();
    for t in mro {
        for (_, v) in crate::types::dict::items(typeobj::tobj(t).dict.get()) {
            if let Some(f) = v.downcast::<FieldDescr>()
                && !out.iter().any(|(i, _)| *i == f.index)
            {
                out.push((f.index, f.name));
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// Names of the hidden fields in order.
fn hidden_names(ty: Value, n_seq: usize) -> Vec<Value> {
    fields_of(ty)
        .into_iter()
        .filter(|(i, _)| *i >= n_seq)
        .map(|(_, n)| n)
        .collect()
}

fn display_name(ty: Value) -> String {
    let t = typeobj::tobj(ty);
    let module = crate::types::dict::get_str(t.dict.get(), "__module__")
        .and_then(crate::types::str::as_str)
        .unwrap_or("");
    let name = t.name.borrow().clone();
    if module.is_empty() || module == "builtins" {
        name
    } else {
        format!("{module}.{name}")
    }
}

static CONSTRUCTOR: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, sequence, dict=None)", construct),
    native!("__reduce__", "($self, /)", structseq_reduce),
];

/// `type(sequence, dict=None)` (`a` = [type, sequence, dict]).
pub fn construct(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    let name = display_name(ty);
    let items = if crate::types::tuple::items(a[1]).is_some()
        || a[1].is::<crate::types::list::ListObj>()
        || crate::ops::has_special(vm, a[1], vm.names().iter)
    {
        crate::ops::iter::collect(vm, a[1])?
    } else {
        return Err(vm.type_error("constructor requires a sequence"));
    };
    let dict = if a[2].is_null() { Value::NONE } else { a[2] };
    if !dict.is_none() && !dict.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!("{name}() takes a dict as second arg, if any")));
    }
    let n_seq = type_int(ty, "n_sequence_fields").unwrap_or(0);
    let n_fields = type_int(ty, "n_fields").unwrap_or(n_seq);
    let len = items.len();
    if len < n_seq {
        return Err(vm.type_error(if n_seq == n_fields {
            format!("{name}() takes a {n_seq}-sequence ({len}-sequence given)")
        } else {
            format!("{name}() takes an at least {n_seq}-sequence ({len}-sequence given)")
        }));
    }
    if len > n_fields {
        return Err(vm.type_error(if n_seq == n_fields {
            format!("{name}() takes a {n_seq}-sequence ({len}-sequence given)")
        } else {
            format!("{name}() takes an at most {n_fields}-sequence ({len}-sequence given)")
        }));
    }
    let mut values = items;
    let names = hidden_names(ty, n_seq);
    for name in names.iter().skip(len - n_seq) {
        let v = if dict.is_none() {
            None
        } else {
            crate::types::dict::get_item(vm, dict, *name)?
        };
        values.push(v.unwrap_or(Value::NONE));
    }
    Ok(new_ex(vm, ty, values))
}

/// `(type, (visible items), {hidden fields})`, as CPython's struct sequences pickle.
fn structseq_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = vm.type_of(a[0]);
    let items = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    let n_seq = items.len();
    let t = crate::types::tuple::new_tuple(vm, items);
    let d = crate::types::dict::new_dict(vm);
    for name in hidden_names(ty, n_seq) {
        let v = crate::types::instance::get(a[0], name).unwrap_or(Value::NONE);
        crate::types::dict::set_item(vm, d, name, v)?;
    }
    let args = crate::types::tuple::new_tuple(vm, vec![t, d]);
    Ok(crate::types::tuple::new_tuple(vm, vec![ty, args]))
}

pub fn new(vm: &mut Vm, ty: Value, values: Vec<Value>) -> Value {
    let _ = vm;
    crate::types::tuple::new_tuple_of_type(ty, values)
}

static METHODS: &[NativeDef] = &[native!("__repr__", "($self, /)", structseq_repr)];

fn structseq_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = vm.type_of(a[0]);
    // As CPython: the visible items, labelled with the named fields in order (so an unnamed
    // item takes the name of a later, hidden field, as `os.stat_result`'s `st_atime=`).
    let fields = fields_of(ty);
    let items = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    let mut parts = Vec::new();
    for ((_, name), v) in fields.into_iter().zip(items) {
        let name = crate::types::str::as_str(name).unwrap_or("?").to_string();
        parts.push(format!("{name}={}", crate::ops::repr::repr_string(vm, v)?));
    }
    let full = display_name(ty);
    Ok(vm.new_string(format!("{full}({})", parts.join(", "))))
}
