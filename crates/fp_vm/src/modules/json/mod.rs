//! `_json`: the accelerators `json` imports — `scanstring`, `make_scanner` (the `Scanner`
//! type: a whole-document recursive-descent decoder), and `encode_basestring(_ascii)`.
//! Errors and results follow CPython's C accelerator (which python3.11 uses).

mod encode;
mod scan;

use crate::modules::stdobj;
use crate::native::NativeDef;
use crate::types::str::as_str;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

static FUNCS: &[NativeDef] = &[
    native!(
        "scanstring",
        "($module, string, end, strict=True, /)",
        scanstring
    ),
    native!(
        "encode_basestring_ascii",
        "($module, s, /)",
        encode_basestring_ascii
    ),
    native!("encode_basestring", "($module, s, /)", encode_basestring),
];

static SCANNER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, context)", scan::scanner_new),
    native!("__call__", "($self, /, string, idx)", scan::scanner_call),
];

static SCANNER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("strict", "($self, /)", scan::get_strict), None),
    (
        native!("object_hook", "($self, /)", scan::get_object_hook),
        None,
    ),
    (
        native!(
            "object_pairs_hook",
            "($self, /)",
            scan::get_object_pairs_hook
        ),
        None,
    ),
    (
        native!("parse_float", "($self, /)", scan::get_parse_float),
        None,
    ),
    (
        native!("parse_int", "($self, /)", scan::get_parse_int),
        None,
    ),
    (
        native!("parse_constant", "($self, /)", scan::get_parse_constant),
        None,
    ),
];

static ENCODER_METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)",
        encode::encoder_new
    ),
    native!(
        "__call__",
        "($self, /, obj, _current_indent_level)",
        encode::encoder_call
    ),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_json", FUNCS);
    let ty = stdobj::new_type(
        vm,
        "_json",
        "Scanner",
        crate::types::typeobj::TypeFlags::BASETYPE,
        SCANNER_METHODS,
    );
    crate::types::typeobj::add_getsets(vm, ty, SCANNER_GETSETS);
    crate::types::module::set_attr(vm, m, "make_scanner", ty);
    let enc = stdobj::new_type(
        vm,
        "_json",
        "Encoder",
        crate::types::typeobj::TypeFlags::BASETYPE,
        ENCODER_METHODS,
    );
    crate::types::module::set_attr(vm, m, "make_encoder", enc);
    Ok(m)
}

/// Raises `json.decoder.JSONDecodeError(msg, doc, pos)` (pos in characters).
pub(crate) fn decode_error(vm: &mut Vm, msg: &str, doc: Value, pos: usize) -> crate::vm::Exc {
    let cls = (|| -> PyResult {
        let m = crate::modules::import_module(vm, "json.decoder")?;
        crate::ops::attr::getattr_str(vm, m, "JSONDecodeError")
    })();
    let cls = match cls {
        Ok(c) => c,
        Err(e) => return e,
    };
    let msgv = vm.new_str(msg);
    let posv = crate::types::int::from_usize(vm, pos);
    match crate::ops::call::call(vm, cls, &[msgv, doc, posv]) {
        Ok(e) => crate::vm::Exc(e),
        Err(e) => e,
    }
}

fn scanstring(vm: &mut Vm, a: &[Value]) -> PyResult {
    // `end` is converted first, as CPython's argument parsing does (OverflowError wins).
    let end = crate::ops::number::index(vm, a[2])?;
    if crate::ops::number::index_i64(vm, end).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    let Some(s) = as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(a[1])
        )));
    };
    let end = crate::ops::number::index_i64(vm, a[2])?;
    let strict = a[3].is_null() || crate::ops::truth::is_true(vm, a[3])?;
    let so = a[1]
        .downcast::<crate::types::str::StrObj>()
        .ok_or_else(|| vm.type_error("first argument must be a string"))?;
    let nchars = so.char_len() as i64;
    if end < 0 || end > nchars {
        return Err(vm.value_error("end is out of bounds"));
    }
    let byte = so.byte_offset(end as usize);
    let mut p = scan::Parser::new(s, a[1], strict);
    p.pos = byte;
    p.cpos = end as usize;
    let text = p.string(vm)?;
    let v = vm.new_string(text);
    let e = crate::types::int::from_usize(vm, p.cpos);
    Ok(crate::types::tuple::new_tuple(vm, vec![v, e]))
}

fn encode(s: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => {
                let u = crate::types::str::code_point(c);
                if u >= 0x10000 {
                    let v = u - 0x10000;
                    let hi = 0xD800 | (v >> 10);
                    let lo = 0xDC00 | (v & 0x3FF);
                    out.push_str(&format!("\\u{hi:04x}\\u{lo:04x}"));
                } else {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn str_arg(vm: &mut Vm, v: Value) -> PyResult<&'static str> {
    as_str(v).ok_or_else(|| {
        vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(v)
        ))
    })
}

fn encode_basestring_ascii(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = str_arg(vm, a[1])?;
    Ok(vm.new_string(encode(s, true)))
}

fn encode_basestring(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = str_arg(vm, a[1])?;
    Ok(vm.new_string(encode(s, false)))
}
