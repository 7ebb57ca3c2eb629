//! `_json.make_encoder` (`c_make_encoder`): the one-shot encoder `json.JSONEncoder.iterencode`
//! uses when `indent` is None. Calling it with `(obj, current_indent_level)` returns a list
//! holding the whole JSON text; errors follow CPython's C encoder.

use crate::modules::stdobj::{self, StdData};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub(super) struct Encoder {
    markers: Value,
    default: Value,
    encoder: Value,
    key_separator: Value,
    item_separator: Value,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    /// 0: call `encoder`; 1/2: it is `_json.encode_basestring_ascii`/`encode_basestring`.
    fast: u8,
}

impl StdData for Encoder {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(
            &[
                self.markers,
                self.default,
                self.encoder,
                self.key_separator,
                self.item_separator,
            ],
            visit,
        )
    }
}

pub(super) fn encoder_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let truth = |vm: &mut Vm, v: Value| ops::truth::is_true(vm, v);
    if !a[1].is_none() && !crate::modules::builtins::is_instance(vm, a[1], vm.types.dict)? {
        return Err(vm.type_error(format!(
            "make_encoder() argument 1 must be dict or None, not {}",
            vm.type_name(a[1])
        )));
    }
    let (ks, is) = (a[5], a[6]);
    if crate::types::str::as_str(ks).is_none() {
        return Err(vm.type_error(format!(
            "make_encoder() argument 5 must be str, not {}",
            vm.type_name(ks)
        )));
    }
    if crate::types::str::as_str(is).is_none() {
        return Err(vm.type_error(format!(
            "make_encoder() argument 6 must be str, not {}",
            vm.type_name(is)
        )));
    }
    let m = crate::modules::native_module(vm, "_json")?.unwrap_or(Value::NONE);
    let ascii = ops::attr::getattr_str(vm, m, "encode_basestring_ascii")?;
    let plain = ops::attr::getattr_str(vm, m, "encode_basestring")?;
    let fast = if a[3] == ascii {
        1
    } else if a[3] == plain {
        2
    } else {
        0
    };
    let sort_keys = truth(vm, a[7])?;
    let skipkeys = truth(vm, a[8])?;
    let allow_nan = truth(vm, a[9])?;
    Ok(stdobj::new_obj(
        a[0],
        Encoder {
            markers: a[1],
            default: a[2],
            encoder: a[3],
            key_separator: ks,
            item_separator: is,
            sort_keys,
            skipkeys,
            allow_nan,
            fast,
        },
    ))
}

pub(super) fn encoder_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let enc = stdobj::expect::<Encoder>(vm, a[0], "_json.Encoder")?;
    let mut out = String::new();
    encode(vm, enc, a[1], &mut out, 0)?;
    let s = vm.new_string(out);
    Ok(crate::types::list::new_list(vm, vec![s]))
}

fn encode_str(vm: &mut Vm, enc: &Encoder, s: Value, out: &mut String) -> PyResult<()> {
    if enc.fast != 0 {
        if let Some(t) = crate::types::str::as_str(s) {
            out.push_str(&super::encode(t, enc.fast == 1));
            return Ok(());
        }
    }
    let r = ops::call::call(vm, enc.encoder, &[s])?;
    match crate::types::str::as_str(r) {
        Some(t) => {
            out.push_str(t);
            Ok(())
        }
        None => Err(vm.type_error(format!(
            "encoder() must return a string, not {}",
            vm.type_name(r)
        ))),
    }
}

fn float_text(vm: &mut Vm, enc: &Encoder, f: f64) -> PyResult<String> {
    if !f.is_finite() {
        if !enc.allow_nan {
            return Err(vm.value_error("Out of range float values are not JSON compliant"));
        }
        return Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string());
    }
    let v = crate::types::float::new_float(vm, f);
    ops::repr::repr_string(vm, v)
}

fn int_text(vm: &mut Vm, v: Value) -> PyResult<String> {
    match crate::types::int::int_ref(v) {
        Some(r) => crate::types::int::to_decimal_string(vm, r),
        None => ops::repr::repr_string(vm, v),
    }
}

fn is_instance(vm: &mut Vm, v: Value, ty: Value) -> bool {
    let t = vm.type_of(v);
    t == ty || crate::types::typeobj::is_subtype(t, ty)
}

fn mark(vm: &mut Vm, enc: &Encoder, o: Value) -> PyResult<Option<Value>> {
    if enc.markers.is_none() {
        return Ok(None);
    }
    let id = crate::types::int::from_u64(vm, o.bits());
    if ops::item::contains(vm, enc.markers, id)? {
        return Err(vm.value_error("Circular reference detected"));
    }
    ops::item::setitem(vm, enc.markers, id, o)?;
    Ok(Some(id))
}

fn unmark(vm: &mut Vm, enc: &Encoder, id: Option<Value>) -> PyResult<()> {
    if let Some(id) = id {
        ops::item::delitem(vm, enc.markers, id)?;
    }
    Ok(())
}

fn encode(vm: &mut Vm, enc: &Encoder, o: Value, out: &mut String, depth: usize) -> PyResult<()> {
    if depth > vm.recursion_limit {
        return Err(vm.new_exc(
            vm.exc.recursion_error,
            "maximum recursion depth exceeded while encoding a JSON object",
        ));
    }
    if o.is_none() {
        out.push_str("null");
    } else if o == Value::TRUE {
        out.push_str("true");
    } else if o == Value::FALSE {
        out.push_str("false");
    } else if is_instance(vm, o, vm.types.str_) {
        encode_str(vm, enc, o, out)?;
    } else if is_instance(vm, o, vm.types.int) {
        out.push_str(&int_text(vm, o)?);
    } else if is_instance(vm, o, vm.types.float) {
        let f = crate::types::float::as_f64(o).unwrap_or(f64::NAN);
        out.push_str(&float_text(vm, enc, f)?);
    } else if is_instance(vm, o, vm.types.list) || is_instance(vm, o, vm.types.tuple) {
        // Items are read one at a time with the length checked each step (CPython's
        // PySequence_Fast loop), so a `default` that shrinks the list stops the output.
        let item = |i: usize| -> Option<Value> {
            match o.downcast::<crate::types::list::ListObj>() {
                Some(l) => l.items.borrow().get(i).copied(),
                None => crate::types::tuple::items(o).and_then(|t| t.get(i).copied()),
            }
        };
        if item(0).is_none() {
            out.push_str("[]");
            return Ok(());
        }
        let id = mark(vm, enc, o)?;
        out.push('[');
        let sep = crate::types::str::as_str(enc.item_separator).unwrap_or(", ");
        let mut i = 0;
        while let Some(v) = item(i) {
            if i > 0 {
                out.push_str(sep);
            }
            encode(vm, enc, v, out, depth + 1)?;
            i += 1;
        }
        out.push(']');
        unmark(vm, enc, id)?;
    } else if is_instance(vm, o, vm.types.dict) {
        encode_dict(vm, enc, o, out, depth)?;
    } else {
        let id = mark(vm, enc, o)?;
        let newobj = ops::call::call(vm, enc.default, &[o])?;
        encode(vm, enc, newobj, out, depth + 1)?;
        unmark(vm, enc, id)?;
    }
    Ok(())
}

fn encode_dict(
    vm: &mut Vm,
    enc: &Encoder,
    o: Value,
    out: &mut String,
    depth: usize,
) -> PyResult<()> {
    if ops::item::len(vm, o)? == 0 {
        out.push_str("{}");
        return Ok(());
    }
    let id = mark(vm, enc, o)?;
    let items_fn = ops::attr::getattr_str(vm, o, "items")?;
    let items_view = ops::call::call(vm, items_fn, &[])?;
    let items = ops::iter::collect(vm, items_view)?;
    let items = crate::types::list::new_list(vm, items);
    if enc.sort_keys {
        let sort = ops::attr::getattr_str(vm, items, "sort")?;
        ops::call::call(vm, sort, &[])?;
    }
    let items = ops::iter::collect(vm, items)?;
    let ksep = crate::types::str::as_str(enc.key_separator).unwrap_or(": ");
    let isep = crate::types::str::as_str(enc.item_separator).unwrap_or(", ");
    out.push('{');
    let mut first = true;
    for pair in items {
        let kv = crate::types::tuple::items(pair).unwrap_or(&[]).to_vec();
        if kv.len() != 2 {
            return Err(vm.value_error("items must return 2-tuples"));
        }
        let (k, v) = (kv[0], kv[1]);
        let key = if is_instance(vm, k, vm.types.str_) {
            k
        } else if is_instance(vm, k, vm.types.float) {
            let f = crate::types::float::as_f64(k).unwrap_or(f64::NAN);
            let t = float_text(vm, enc, f)?;
            vm.new_string(t)
        } else if k == Value::TRUE || k == Value::FALSE || k.is_none() {
            vm.new_str(if k == Value::TRUE {
                "true"
            } else if k == Value::FALSE {
                "false"
            } else {
                "null"
            })
        } else if is_instance(vm, k, vm.types.int) {
            let t = int_text(vm, k)?;
            vm.new_string(t)
        } else if enc.skipkeys {
            continue;
        } else {
            return Err(vm.type_error(format!(
                "keys must be str, int, float, bool or None, not {}",
                vm.type_name(k)
            )));
        };
        if !first {
            out.push_str(isep);
        }
        first = false;
        encode_str(vm, enc, key, out)?;
        out.push_str(ksep);
        encode(vm, enc, v, out, depth + 1)?;
    }
    out.push('}');
    unmark(vm, enc, id)
}
