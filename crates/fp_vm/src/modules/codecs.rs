//! `_codecs`: the codec registry (search functions, the lookup cache, error handlers) and the
//! per-codec functions `Lib/codecs.py` and `Lib/encodings/` call, each returning
//! `(result, consumed)`. The codecs themselves live in `types/str_codec.rs` and
//! `types/codec_extra.rs`, error handling in `types/codec_errors.rs`.
//!
//! As in CPython, the first lookup imports the `encodings` package (which registers its search
//! function); until ferropy can import it, `encode`/`decode` by name fall back to the native
//! codecs for the names `str.encode` knows.

use crate::native;
use crate::native::NativeDef;
use crate::types::codec_errors::{self, Errors};
use crate::types::codec_extra as extra;
use crate::types::dict;
use crate::types::list::ListObj;
use crate::types::str::as_str;
use crate::types::str_codec::{self as sc, Codec};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("register", "($module, search_function, /)", register),
    native!("unregister", "($module, search_function, /)", unregister),
    native!("lookup", "($module, encoding, /)", lookup),
    native!(
        "encode",
        "($module, /, obj, encoding='utf-8', errors='strict')",
        encode
    ),
    native!(
        "decode",
        "($module, /, obj, encoding='utf-8', errors='strict')",
        decode
    ),
    native!(
        "register_error",
        "($module, errors, handler, /)",
        register_error
    ),
    native!("lookup_error", "($module, name, /)", lookup_error),
    native!(
        "escape_encode",
        "($module, data, errors=None, /)",
        escape_encode
    ),
    native!(
        "escape_decode",
        "($module, data, errors=None, /)",
        escape_decode
    ),
    native!(
        "utf_7_encode",
        "($module, str, errors=None, /)",
        utf_7_encode
    ),
    native!(
        "utf_7_decode",
        "($module, data, errors=None, final=False, /)",
        utf_7_decode
    ),
    native!(
        "utf_8_encode",
        "($module, str, errors=None, /)",
        utf_8_encode
    ),
    native!(
        "utf_8_decode",
        "($module, data, errors=None, final=False, /)",
        utf_8_decode
    ),
    native!(
        "utf_16_encode",
        "($module, str, errors=None, byteorder=0, /)",
        utf_16_encode
    ),
    native!(
        "utf_16_le_encode",
        "($module, str, errors=None, /)",
        utf_16_le_encode
    ),
    native!(
        "utf_16_be_encode",
        "($module, str, errors=None, /)",
        utf_16_be_encode
    ),
    native!(
        "utf_16_decode",
        "($module, data, errors=None, final=False, /)",
        utf_16_decode
    ),
    native!(
        "utf_16_le_decode",
        "($module, data, errors=None, final=False, /)",
        utf_16_le_decode
    ),
    native!(
        "utf_16_be_decode",
        "($module, data, errors=None, final=False, /)",
        utf_16_be_decode
    ),
    native!(
        "utf_16_ex_decode",
        "($module, data, errors=None, byteorder=0, final=False, /)",
        utf_16_ex_decode
    ),
    native!(
        "utf_32_encode",
        "($module, str, errors=None, byteorder=0, /)",
        utf_32_encode
    ),
    native!(
        "utf_32_le_encode",
        "($module, str, errors=None, /)",
        utf_32_le_encode
    ),
    native!(
        "utf_32_be_encode",
        "($module, str, errors=None, /)",
        utf_32_be_encode
    ),
    native!(
        "utf_32_decode",
        "($module, data, errors=None, final=False, /)",
        utf_32_decode
    ),
    native!(
        "utf_32_le_decode",
        "($module, data, errors=None, final=False, /)",
        utf_32_le_decode
    ),
    native!(
        "utf_32_be_decode",
        "($module, data, errors=None, final=False, /)",
        utf_32_be_decode
    ),
    native!(
        "utf_32_ex_decode",
        "($module, data, errors=None, byteorder=0, final=False, /)",
        utf_32_ex_decode
    ),
    native!(
        "unicode_escape_encode",
        "($module, str, errors=None, /)",
        unicode_escape_encode
    ),
    native!(
        "unicode_escape_decode",
        "($module, data, errors=None, final=True, /)",
        unicode_escape_decode
    ),
    native!(
        "raw_unicode_escape_encode",
        "($module, str, errors=None, /)",
        raw_unicode_escape_encode
    ),
    native!(
        "raw_unicode_escape_decode",
        "($module, data, errors=None, final=True, /)",
        raw_unicode_escape_decode
    ),
    native!(
        "latin_1_encode",
        "($module, str, errors=None, /)",
        latin_1_encode
    ),
    native!(
        "latin_1_decode",
        "($module, data, errors=None, /)",
        latin_1_decode
    ),
    native!(
        "ascii_encode",
        "($module, str, errors=None, /)",
        ascii_encode
    ),
    native!(
        "ascii_decode",
        "($module, data, errors=None, /)",
        ascii_decode
    ),
    native!(
        "charmap_encode",
        "($module, str, errors=None, mapping=None, /)",
        charmap_encode
    ),
    native!(
        "charmap_decode",
        "($module, data, errors=None, mapping=None, /)",
        charmap_decode
    ),
    native!("charmap_build", "($module, map, /)", charmap_build),
    native!(
        "readbuffer_encode",
        "($module, data, errors=None, /)",
        readbuffer_encode
    ),
];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(vm, "_codecs", FUNCS))
}

// ----- argument conversion -----

/// A str argument; `n` is its position (0 for a function's only argument, which CPython's
/// messages leave unnumbered).
fn arg_str(vm: &mut Vm, fname: &str, n: usize, v: Value) -> PyResult<&'static str> {
    as_str(v).ok_or_else(|| {
        let which = if n == 0 {
            "argument".to_string()
        } else {
            format!("argument {n}")
        };
        vm.type_error(format!(
            "{fname}() {which} must be str, not {}",
            vm.type_name(v)
        ))
    })
}

/// The `errors` argument: None or absent means "strict".
fn arg_errors(vm: &mut Vm, fname: &str, n: usize, v: Value) -> PyResult<&'static str> {
    if v.is_null() || v.is_none() {
        return Ok("strict");
    }
    as_str(v).ok_or_else(|| {
        vm.type_error(format!(
            "{fname}() argument {n} must be str or None, not {}",
            vm.type_name(v)
        ))
    })
}

/// A bytes-like argument (and, with `allow_str`, a str taken as its UTF-8 bytes).
fn arg_data(vm: &mut Vm, v: Value, allow_str: bool) -> PyResult<Vec<u8>> {
    if allow_str && let Some(s) = as_str(v) {
        return Ok(s.as_bytes().to_vec());
    }
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// The object a UnicodeDecodeError should carry: the argument itself when it is bytes.
fn err_obj(v: Value) -> Value {
    if v.is::<crate::types::bytes::BytesObj>() {
        v
    } else {
        Value::NULL
    }
}

fn arg_bool(vm: &mut Vm, v: Value, default: bool) -> PyResult<bool> {
    if v.is_null() {
        Ok(default)
    } else {
        Ok(crate::ops::number::index_i64(vm, v)? != 0)
    }
}

fn arg_int(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        Ok(default)
    } else {
        crate::ops::number::index_i64(vm, v)
    }
}

fn pair(vm: &mut Vm, a: Value, n: usize) -> Value {
    let n = crate::types::int::from_usize(vm, n);
    crate::types::tuple::new_tuple(vm, vec![a, n])
}

fn bytes_pair(vm: &mut Vm, b: Vec<u8>, n: usize) -> PyResult {
    let b = crate::types::bytes::new_bytes(vm, b);
    Ok(pair(vm, b, n))
}

fn str_pair(vm: &mut Vm, s: String, n: usize) -> PyResult {
    let s = vm.new_string(s);
    Ok(pair(vm, s, n))
}

// ----- the registry -----

fn search_list(vm: &mut Vm) -> Value {
    if let Some(l) = vm.state_get("_codecs.search") {
        return l;
    }
    let l = crate::types::list::new_list(vm, vec![]);
    vm.state_set("_codecs.search", l);
    let c = dict::new_dict(vm);
    vm.state_set("_codecs.cache", c);
    // CPython imports `encodings` when the registry is first used; it registers its search
    // function. Until ferropy can import it, the registry starts empty.
    let _ = crate::modules::import_module(vm, "encodings");
    l
}

fn cache(vm: &mut Vm) -> Value {
    search_list(vm);
    match vm.state_get("_codecs.cache") {
        Some(c) => c,
        None => {
            let c = dict::new_dict(vm);
            vm.state_set("_codecs.cache", c);
            c
        }
    }
}

fn register(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !crate::ops::call::is_callable(vm, a[1]) {
        return Err(vm.type_error("argument must be callable"));
    }
    let l = search_list(vm);
    if let Some(l) = l.downcast::<ListObj>() {
        l.push(a[1]);
    }
    Ok(Value::NONE)
}

fn unregister(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = search_list(vm);
    if let Some(lo) = l.downcast::<ListObj>() {
        let items = lo.snapshot();
        if let Some(i) = items.iter().position(|&f| f == a[1]) {
            lo.items.borrow_mut().remove(i);
            let c = cache(vm);
            dict::clear(c);
        }
    }
    Ok(Value::NONE)
}

/// `codecs.lookup`: Ok(None) when no search function knows the name.
pub fn registry_lookup(vm: &mut Vm, encoding: &str) -> PyResult<Option<Value>> {
    let norm = sc::normalize_name(encoding).replace(' ', "_");
    let c = cache(vm);
    if let Some(v) = dict::get_str(c, &norm) {
        return Ok(Some(v));
    }
    let l = search_list(vm);
    let funcs = l
        .downcast::<ListObj>()
        .map(|l| l.snapshot())
        .unwrap_or_default();
    let key = vm.new_string(norm);
    for f in funcs {
        let r = crate::ops::call::call(vm, f, &[key])?;
        if r.is_none() {
            continue;
        }
        if crate::types::tuple::items(r).is_none_or(|t| t.len() != 4) {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        dict::set_item(vm, c, key, r)?;
        return Ok(Some(r));
    }
    Ok(None)
}

fn unknown_encoding(vm: &mut Vm, encoding: &str) -> Exc {
    vm.new_exc(vm.exc.lookup_error, format!("unknown encoding: {encoding}"))
}

fn lookup(vm: &mut Vm, a: &[Value]) -> PyResult {
    let enc = arg_str(vm, "lookup", 0, a[1])?;
    // CPython takes the name as a C string: it must be UTF-8 encodable, without NULs.
    if crate::types::str::has_stand_ins(enc) {
        sc::encode(vm, enc, "utf-8", "strict", Value::NULL)?;
    }
    if enc.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    match registry_lookup(vm, enc)? {
        Some(v) => Ok(v),
        None => Err(unknown_encoding(vm, enc)),
    }
}

/// Whether CPython would re-raise this exception with the codec name prefixed: its class
/// keeps BaseException's `__init__` and `__new__` and adds no slots, its args are empty or
/// one str, and it has no instance attributes (anything else could lose information).
fn wrappable(vm: &mut Vm, err: Value) -> bool {
    let ty = vm.type_of(err);
    let base = vm.exc.base_exception;
    for name in ["__init__", "__new__"] {
        let n = vm.intern(name);
        if typeobj::lookup(vm, ty, n) != typeobj::lookup(vm, base, n) {
            return false;
        }
    }
    // A class with named `__slots__` grows the instance (CPython compares the sizes).
    let mro = typeobj::tobj(ty).mro.borrow().clone();
    if mro
        .iter()
        .any(|&t| !typeobj::tobj(t).slots.borrow().is_empty())
    {
        return false;
    }
    let args = crate::types::exceptions::exc_obj(err)
        .map(|x| x.args.get())
        .unwrap_or(Value::NONE);
    match crate::types::tuple::items(args) {
        Some([]) => {}
        Some([a]) if as_str(*a).is_some() => {}
        _ => return false,
    }
    crate::types::instance::items(err).is_empty()
}

/// "encoding with 'utf-8' codec failed (TypeError: ...)", same type, chained.
fn wrap_error(vm: &mut Vm, err: Exc, what: &str, encoding: &str) -> Exc {
    let ty = vm.type_of(err.0);
    if !wrappable(vm, err.0) {
        return err;
    }
    let msg = match crate::ops::repr::str_string(vm, err.0) {
        Ok(m) => m,
        Err(_) => return err,
    };
    let tname = crate::types::typeobj::type_name(ty);
    let new = vm.new_exc(
        ty,
        format!("{what} with '{encoding}' codec failed ({tname}: {msg})"),
    );
    if let Some(x) = crate::types::exceptions::exc_obj(new.0) {
        x.cause.set(err.0);
        x.suppress_context.set(true);
    }
    new
}

/// The native codec function used when no search function knows `encoding`.
fn native_codec(encoding: &str, encode: bool) -> Option<crate::native::NativeFn> {
    let c = sc::lookup(encoding)?;
    Some(match (c, encode) {
        (Codec::Utf8, true) => utf_8_encode,
        (Codec::Utf8, false) => utf_8_decode_final,
        (Codec::Ascii, true) => ascii_encode,
        (Codec::Ascii, false) => ascii_decode,
        (Codec::Latin1, true) => latin_1_encode,
        (Codec::Latin1, false) => latin_1_decode,
        (Codec::Utf16(None), true) => utf_16_encode,
        (Codec::Utf16(None), false) => utf_16_decode_final,
        (Codec::Utf16(Some(false)), true) => utf_16_le_encode,
        (Codec::Utf16(Some(false)), false) => utf_16_le_decode_final,
        (Codec::Utf16(Some(true)), true) => utf_16_be_encode,
        (Codec::Utf16(Some(true)), false) => utf_16_be_decode_final,
        (Codec::Utf32(None), true) => utf_32_encode,
        (Codec::Utf32(None), false) => utf_32_decode_final,
        (Codec::Utf32(Some(false)), true) => utf_32_le_encode,
        (Codec::Utf32(Some(false)), false) => utf_32_le_decode_final,
        (Codec::Utf32(Some(true)), true) => utf_32_be_encode,
        (Codec::Utf32(Some(true)), false) => utf_32_be_decode_final,
        (Codec::Utf8Sig, _) => return None,
    })
}

fn generic(vm: &mut Vm, a: &[Value], encode: bool) -> PyResult {
    let fname = if encode { "encode" } else { "decode" };
    let enc = if a[2].is_null() {
        "utf-8"
    } else {
        as_str(a[2]).ok_or_else(|| {
            vm.type_error(format!(
                "{fname}() argument 'encoding' must be str, not {}",
                vm.type_name(a[2])
            ))
        })?
    };
    if !a[3].is_null() && as_str(a[3]).is_none() {
        return Err(vm.type_error(format!(
            "{fname}() argument 'errors' must be str, not {}",
            vm.type_name(a[3])
        )));
    }
    let what = if encode { "encoding" } else { "decoding" };
    let r = match registry_lookup(vm, enc)? {
        Some(info) => {
            let f = crate::types::tuple::items(info)
                .and_then(|t| t.get(if encode { 0 } else { 1 }).copied())
                .unwrap_or(Value::NONE);
            let args: Vec<Value> = if a[3].is_null() {
                vec![a[1]]
            } else {
                vec![a[1], a[3]]
            };
            crate::ops::call::call(vm, f, &args)
        }
        None => match native_codec(enc, encode) {
            Some(f) => f(vm, &[Value::NONE, a[1], a[3]]),
            None => return Err(unknown_encoding(vm, enc)),
        },
    };
    let r = r.map_err(|e| wrap_error(vm, e, what, enc))?;
    match crate::types::tuple::items(r) {
        Some(t) if t.len() == 2 => Ok(t[0]),
        _ => Err(vm.type_error(if encode {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object,integer)"
        })),
    }
}

fn encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    generic(vm, a, true)
}

fn decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    generic(vm, a, false)
}

fn register_error(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = arg_str(vm, "register_error", 1, a[1])?;
    if !crate::ops::call::is_callable(vm, a[2]) {
        return Err(vm.type_error("handler must be callable"));
    }
    let d = codec_errors::registry(vm);
    let k = vm.new_str(name);
    dict::set_item(vm, d, k, a[2])?;
    Ok(Value::NONE)
}

fn lookup_error(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = arg_str(vm, "lookup_error", 0, a[1])?;
    let d = codec_errors::registry(vm);
    match dict::get_str(d, name) {
        Some(f) => Ok(f),
        None => Err(vm.new_exc(
            vm.exc.lookup_error,
            format!("unknown error handler name '{name}'"),
        )),
    }
}

// ----- the codecs -----

fn escape_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(b) = a[1].downcast::<crate::types::bytes::BytesObj>() else {
        return Err(vm.type_error(format!(
            "escape_encode() argument 1 must be bytes, not {}",
            vm.type_name(a[1])
        )));
    };
    arg_errors(vm, "escape_encode", 2, a[2])?;
    let out = extra::escape_encode(&b.data);
    let n = b.data.len();
    bytes_pair(vm, out, n)
}

fn escape_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = arg_data(vm, a[1], true)?;
    let errors = arg_errors(vm, "escape_decode", 2, a[2])?;
    let out = extra::escape_decode(vm, &data, errors)?;
    bytes_pair(vm, out, data.len())
}

/// Runs an encoder over a str argument and returns `(bytes, len(str))`.
fn encode_with(
    vm: &mut Vm,
    a: &[Value],
    fname: &str,
    f: impl FnOnce(&mut Vm, &str, &mut Errors, Value) -> PyResult<Vec<u8>>,
) -> PyResult {
    let s = arg_str(vm, fname, 1, a[1])?;
    let errors = arg_errors(vm, fname, 2, a[2])?;
    let mut errs = Errors::new(errors);
    let out = f(vm, s, &mut errs, a[1])?;
    let n = s.chars().count();
    bytes_pair(vm, out, n)
}

fn utf_7_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    encode_with(vm, a, "utf_7_encode", |_, s, _, _| {
        Ok(extra::utf7_encode(s))
    })
}

fn utf_7_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = arg_data(vm, a[1], false)?;
    let errors = arg_errors(vm, "utf_7_decode", 2, a[2])?;
    let fin = arg_bool(vm, a[3], false)?;
    let mut errs = Errors::new(errors);
    let (s, n) = extra::utf7_decode(vm, &data, &mut errs, fin, err_obj(a[1]))?;
    str_pair(vm, s, n)
}

fn utf_8_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    encode_with(vm, a, "utf_8_encode", |vm, s, errs, obj| {
        sc::encode_utf(vm, s, sc::Utf::Utf8, errs, obj)
    })
}

fn utf8_decode_impl(vm: &mut Vm, a: &[Value], fin: Option<bool>) -> PyResult {
    let data = arg_data(vm, a[1], false)?;
    let errors = arg_errors(vm, "utf_8_decode", 2, a[2])?;
    let fin = match fin {
        Some(f) => f,
        None => arg_bool(vm, a.get(3).copied().unwrap_or(Value::NULL), false)?,
    };
    let mut errs = Errors::new(errors);
    let (s, n) = sc::decode_utf8(vm, &data, &mut errs, fin, err_obj(a[1]), false)?;
    str_pair(vm, s, n)
}

fn utf_8_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf8_decode_impl(vm, a, None)
}

fn utf_8_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf8_decode_impl(vm, a, Some(true))
}

fn utf16_encode_impl(
    vm: &mut Vm,
    a: &[Value],
    fname: &str,
    order: Option<i32>,
    wide: bool,
) -> PyResult {
    let order = match order {
        Some(o) => o,
        None => arg_int(vm, a.get(3).copied().unwrap_or(Value::NULL), 0)?.signum() as i32,
    };
    let form = if wide {
        sc::Utf::Utf32(order)
    } else {
        sc::Utf::Utf16(order)
    };
    encode_with(vm, a, fname, |vm, s, errs, obj| {
        sc::encode_utf(vm, s, form, errs, obj)
    })
}

fn utf_16_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_encode_impl(vm, a, "utf_16_encode", None, false)
}
fn utf_16_le_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_encode_impl(vm, a, "utf_16_le_encode", Some(-1), false)
}
fn utf_16_be_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_encode_impl(vm, a, "utf_16_be_encode", Some(1), false)
}
fn utf_32_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_encode_impl(vm, a, "utf_32_encode", None, true)
}
fn utf_32_le_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_encode_impl(vm, a, "utf_32_le_encode", Some(-1), true)
}
fn utf_32_be_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_encode_impl(vm, a, "utf_32_be_encode", Some(1), true)
}

/// The UTF-16/32 decoders. `ex`: the `_ex_decode` form (byteorder argument, 3-tuple result).
fn utf16_decode_impl(
    vm: &mut Vm,
    a: &[Value],
    fname: &str,
    order: i32,
    wide: bool,
    ex: bool,
    force_final: bool,
) -> PyResult {
    let data = arg_data(vm, a[1], false)?;
    let errors = arg_errors(vm, fname, 2, a[2])?;
    let (order, fin_arg) = if ex {
        (arg_int(vm, a[3], 0)?.signum() as i32, a[4])
    } else {
        (order, a.get(3).copied().unwrap_or(Value::NULL))
    };
    let fin = force_final || arg_bool(vm, fin_arg, false)?;
    let mut errs = Errors::new(errors);
    let obj = err_obj(a[1]);
    let (s, n, bo) = if wide {
        sc::decode_utf32(vm, &data, &mut errs, order, fin, obj)?
    } else {
        sc::decode_utf16(vm, &data, &mut errs, order, fin, obj)?
    };
    let s = vm.new_string(s);
    let n = crate::types::int::from_usize(vm, n);
    let mut items = vec![s, n];
    if ex {
        items.push(crate::types::int::from_i64(vm, bo as i64));
    }
    Ok(crate::types::tuple::new_tuple(vm, items))
}

fn utf_16_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_decode", 0, false, false, false)
}
fn utf_16_le_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_le_decode", -1, false, false, false)
}
fn utf_16_be_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_be_decode", 1, false, false, false)
}
fn utf_16_ex_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_ex_decode", 0, false, true, false)
}
fn utf_32_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_decode", 0, true, false, false)
}
fn utf_32_le_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_le_decode", -1, true, false, false)
}
fn utf_32_be_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_be_decode", 1, true, false, false)
}
fn utf_32_ex_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_ex_decode", 0, true, true, false)
}
fn utf_16_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_decode", 0, false, false, true)
}
fn utf_16_le_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_le_decode", -1, false, false, true)
}
fn utf_16_be_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_16_be_decode", 1, false, false, true)
}
fn utf_32_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_decode", 0, true, false, true)
}
fn utf_32_le_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_le_decode", -1, true, false, true)
}
fn utf_32_be_decode_final(vm: &mut Vm, a: &[Value]) -> PyResult {
    utf16_decode_impl(vm, a, "utf_32_be_decode", 1, true, false, true)
}

fn unicode_escape_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    encode_with(vm, a, "unicode_escape_encode", |_, s, _, _| {
        Ok(extra::unicode_escape_encode(s))
    })
}

fn raw_unicode_escape_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    encode_with(vm, a, "raw_unicode_escape_encode", |_, s, _, _| {
        Ok(extra::raw_unicode_escape_encode(s))
    })
}

fn escape_decoder(vm: &mut Vm, a: &[Value], raw: bool) -> PyResult {
    let fname = if raw {
        "raw_unicode_escape_decode"
    } else {
        "unicode_escape_decode"
    };
    let data = arg_data(vm, a[1], true)?;
    let errors = arg_errors(vm, fname, 2, a[2])?;
    let fin = arg_bool(vm, a[3], true)?;
    let mut errs = Errors::new(errors);
    let obj = err_obj(a[1]);
    let (s, n) = if raw {
        extra::raw_unicode_escape_decode(vm, &data, &mut errs, fin, obj)?
    } else {
        extra::unicode_escape_decode(vm, &data, &mut errs, fin, obj)?
    };
    str_pair(vm, s, n)
}

fn unicode_escape_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    escape_decoder(vm, a, false)
}

fn raw_unicode_escape_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    escape_decoder(vm, a, true)
}

fn latin_1_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    encode_with(vm, a, "latin_1_encode", |vm, s, errs, obj| {
        sc::encode_limited(vm, s, 0x100, "latin-1", errs, obj)
    })
}

fn ascii_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    encode_with(vm, a, "ascii_encode", |vm, s, errs, obj| {
        sc::encode_limited(vm, s, 0x80, "ascii", errs, obj)
    })
}

fn latin_1_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = arg_data(vm, a[1], false)?;
    arg_errors(vm, "latin_1_decode", 2, a[2])?;
    let s: String = data.iter().map(|&b| b as char).collect();
    str_pair(vm, s, data.len())
}

fn ascii_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = arg_data(vm, a[1], false)?;
    let errors = arg_errors(vm, "ascii_decode", 2, a[2])?;
    let mut errs = Errors::new(errors);
    let s = sc::decode_ascii(vm, &data, &mut errs, err_obj(a[1]))?;
    str_pair(vm, s, data.len())
}

fn charmap_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mapping = a[3];
    encode_with(vm, a, "charmap_encode", |vm, s, errs, obj| {
        extra::charmap_encode(vm, s, errs, mapping, obj)
    })
}

fn charmap_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = arg_data(vm, a[1], false)?;
    let errors = arg_errors(vm, "charmap_decode", 2, a[2])?;
    let mut errs = Errors::new(errors);
    let s = extra::charmap_decode(vm, &data, &mut errs, a[3], err_obj(a[1]))?;
    str_pair(vm, s, data.len())
}

/// `charmap_build(decoding_table)`: the inverse mapping {code point: byte} (CPython returns
/// an opaque EncodingMap; a dict is what the charmap encoder accepts just as well).
fn charmap_build(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = arg_str(vm, "charmap_build", 0, a[1])?;
    let d = dict::new_dict(vm);
    for (i, c) in s.chars().enumerate() {
        let k = crate::types::int::from_i64(vm, crate::types::str::code_point(c) as i64);
        let v = crate::types::int::from_usize(vm, i);
        dict::set_item(vm, d, k, v)?;
    }
    Ok(d)
}

fn readbuffer_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = arg_data(vm, a[1], true)?;
    arg_errors(vm, "readbuffer_encode", 2, a[2])?;
    let n = data.len();
    bytes_pair(vm, data, n)
}

// ----- str.encode / bytes.decode for codecs found through the registry -----

/// The encoder (`encode`) or decoder of a registered text encoding; Ok(None) when no search
/// function knows the name.
fn text_codec(vm: &mut Vm, encoding: &str, encode: bool) -> PyResult<Option<Value>> {
    let Some(info) = registry_lookup(vm, encoding)? else {
        return Ok(None);
    };
    let k = vm.intern("_is_text_encoding");
    if let Some(flag) = crate::ops::attr::getattr_opt(vm, info, k)?
        && !crate::ops::truth::is_true(vm, flag)?
    {
        let which = if encode { "encode" } else { "decode" };
        return Err(vm.new_exc(
            vm.exc.lookup_error,
            format!(
                "'{encoding}' is not a text encoding; use codecs.{which}() to handle arbitrary codecs"
            ),
        ));
    }
    Ok(crate::types::tuple::items(info).and_then(|t| t.get(if encode { 0 } else { 1 }).copied()))
}

/// Whether the codec registry knows `encoding` as a text encoding: Ok(false) when no search
/// function knows it; LookupError "... is not a text encoding; use codecs.<which>() ..." when
/// it is a bytes-to-bytes (or str-to-str) codec.
pub fn registry_has_text_encoding(vm: &mut Vm, encoding: &str, which: &str) -> PyResult<bool> {
    let Some(info) = registry_lookup(vm, encoding)? else {
        return Ok(false);
    };
    let k = vm.intern("_is_text_encoding");
    if let Some(flag) = crate::ops::attr::getattr_opt(vm, info, k)?
        && !crate::ops::truth::is_true(vm, flag)?
    {
        return Err(vm.new_exc(
            vm.exc.lookup_error,
            format!(
                "'{encoding}' is not a text encoding; use codecs.{which}() to handle arbitrary codecs"
            ),
        ));
    }
    Ok(true)
}

/// Calls a codec function and returns the first item of its `(result, consumed)` tuple.
fn call_codec(
    vm: &mut Vm,
    f: Value,
    obj: Value,
    (encoding, errors): (&str, &str),
    encode: bool,
) -> PyResult {
    let e = vm.new_str(errors);
    let what = if encode { "encoding" } else { "decoding" };
    let r = crate::ops::call::call(vm, f, &[obj, e])
        .map_err(|err| wrap_error(vm, err, what, encoding))?;
    match crate::types::tuple::items(r) {
        Some(t) if t.len() == 2 => Ok(t[0]),
        _ => Err(vm.type_error(if encode {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object,integer)"
        })),
    }
}

/// `str.encode` with an encoding the native codecs do not have: Ok(None) if unknown.
pub fn registry_encode(
    vm: &mut Vm,
    encoding: &str,
    errors: &str,
    obj: Value,
) -> PyResult<Option<Vec<u8>>> {
    let Some(f) = text_codec(vm, encoding, true)? else {
        return Ok(None);
    };
    let r = call_codec(vm, f, obj, (encoding, errors), true)?;
    if r.is::<crate::types::bytes::BytesObj>() || r.is::<crate::types::bytes::ByteArrayObj>() {
        return Ok(crate::types::bytes::bytes_data(r));
    }
    Err(vm.type_error(format!(
        "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
        vm.type_name(r)
    )))
}

/// `bytes.decode` with an encoding the native codecs do not have: Ok(None) if unknown.
pub fn registry_decode(
    vm: &mut Vm,
    encoding: &str,
    errors: &str,
    obj: Value,
) -> PyResult<Option<String>> {
    let Some(f) = text_codec(vm, encoding, false)? else {
        return Ok(None);
    };
    let r = call_codec(vm, f, obj, (encoding, errors), false)?;
    match as_str(r) {
        Some(s) => Ok(Some(s.to_string())),
        None => Err(vm.type_error(format!(
            "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
            vm.type_name(r)
        ))),
    }
}
