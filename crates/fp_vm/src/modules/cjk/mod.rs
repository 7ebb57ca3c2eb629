//! The CJK codecs: `_multibytecodec` and the codec modules `_codecs_cn`, `_codecs_tw`,
//! `_codecs_hk`, `_codecs_jp`, `_codecs_kr` and `_codecs_iso2022` that CPython's
//! `Lib/encodings/big5.py` & co use (`_codecs_tw.getcodec('big5')`, then the
//! `MultibyteIncrementalEncoder`... classes with `codec` set on the subclass).
//!
//! The classes of `_multibytecodec` are Python (`multibytecodec.py`): they only keep the
//! pending input and the codec state between calls. The work is in two natives they call,
//! `_encode(name, text, errors, final, state)` and `_decode(name, data, errors, final,
//! state)`, which drive `codec.rs` over the input with the codec error handlers and return
//! the output, how much input was used, and the new state. The mapping tables come from the
//! `encoding_rs` crate (`tables.rs`; see docs/ARCHITECTURE.md for where they differ from
//! CPython's).

mod codec;
mod jisx0213;
mod tables;

use crate::native;
use crate::native::NativeDef;
use crate::types::codec_errors::{EncRepl, Errors, decode_err, encode_err};
use crate::types::module::{module_dict, new_module, set_attr};
use crate::types::str::{as_str, is_surrogate};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use codec::{Kind, Step};

const SOURCE: &str = include_str!("multibytecodec.py");

static MBC_FUNCS: &[NativeDef] = &[
    native!(
        "_encode",
        "($module, name, text, errors, final, state, /)",
        mbc_encode
    ),
    native!(
        "_decode",
        "($module, name, data, errors, final, state, /)",
        mbc_decode
    ),
];

/// `_multibytecodec`: the natives, then the Python classes built on them.
pub fn init_multibytecodec(vm: &mut Vm) -> PyResult {
    let m = new_module(vm, "_multibytecodec");
    crate::modules::builtins::add_functions(vm, m, MBC_FUNCS);
    let b = vm.builtins;
    set_attr(vm, m, "__builtins__", b);
    let d = module_dict(m);
    crate::modules::startup::exec_embedded(
        vm,
        "_multibytecodec",
        SOURCE,
        "<frozen _multibytecodec>",
        d,
    )?;
    let k = vm.intern("__builtins__");
    crate::types::dict::del_item_str(vm, d, k);
    Ok(m)
}

/// `getcodec(encoding)` of the codec module `module`.
fn getcodec(vm: &mut Vm, module: &str, name: Value) -> PyResult {
    let Some(n) = as_str(name) else {
        return Err(vm.type_error("encoding name must be a string."));
    };
    if !codec::CODECS.iter().any(|c| c.0 == n && c.1 == module) {
        return Err(vm.new_exc(vm.exc.lookup_error, "no such codec is supported."));
    }
    let mbc = crate::modules::import_module(vm, "_multibytecodec")?;
    let cls = crate::ops::attr::getattr_str(vm, mbc, "_MultibyteCodec")?;
    let make = crate::ops::attr::getattr_str(vm, cls, "_make")?;
    crate::ops::call::call(vm, make, &[name])
}

macro_rules! codec_module {
    ($init:ident, $get:ident, $name:literal) => {
        fn $get(vm: &mut Vm, a: &[Value]) -> PyResult {
            getcodec(vm, $name, a[1])
        }
        pub fn $init(vm: &mut Vm) -> PyResult {
            static FUNCS: &[NativeDef] = &[native!("getcodec", "($module, encoding, /)", $get)];
            Ok(crate::modules::module_with_functions(vm, $name, FUNCS))
        }
    };
}

codec_module!(init_cn, getcodec_cn, "_codecs_cn");
codec_module!(init_tw, getcodec_tw, "_codecs_tw");
codec_module!(init_hk, getcodec_hk, "_codecs_hk");
codec_module!(init_jp, getcodec_jp, "_codecs_jp");
codec_module!(init_kr, getcodec_kr, "_codecs_kr");
codec_module!(init_iso2022, getcodec_iso2022, "_codecs_iso2022");

/// The codec of a name the Python classes pass.
fn kind_arg(vm: &mut Vm, v: Value) -> PyResult<(Kind, &'static str)> {
    match as_str(v).and_then(|n| codec::kind_of(n).map(|k| (k, n))) {
        Some(k) => Ok(k),
        None => Err(vm.new_exc(vm.exc.lookup_error, "no such codec is supported.")),
    }
}

/// The `errors` argument: a str, or None for "strict".
fn errors_arg(vm: &mut Vm, v: Value, func: &str) -> PyResult<&'static str> {
    if v.is_none() || v.is_null() {
        return Ok("strict");
    }
    as_str(v).ok_or_else(|| {
        vm.type_error(format!(
            "{func}() argument 'errors' must be str or None, not {}",
            vm.type_name(v)
        ))
    })
}

fn state_arg(vm: &mut Vm, v: Value) -> PyResult<u64> {
    let i = crate::ops::number::index_i64(vm, v)?;
    Ok(i.max(0) as u64)
}

/// `_encode(name, text, errors, final, state)` -> `(bytes, chars consumed, state)`.
fn mbc_encode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (kind, name) = kind_arg(vm, a[1])?;
    let obj = if as_str(a[2]).is_some() {
        a[2]
    } else {
        crate::ops::repr::str(vm, a[2])?
    };
    let text = as_str(obj).unwrap_or("");
    let errors = errors_arg(vm, a[3], "encode")?;
    let final_ = crate::ops::truth::is_true(vm, a[4])?;
    let mut state = state_arg(vm, a[5])?;
    let mut errs = Errors::new(errors);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(text.len());
    let reason = "illegal multibyte sequence";
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (pair, starts) = codec::encode_pair(kind, c, chars.get(i + 1).copied());
        if let Some(code) = pair {
            out.extend_from_slice(&code);
            i += 2;
            continue;
        }
        if starts && i + 1 == chars.len() && !final_ {
            // The next call may bring a combining mark: keep this letter pending.
            break;
        }
        if !is_surrogate(c) && codec::encode_step(kind, c, &mut state, &mut out) {
            i += 1;
            continue;
        }
        let (repl, next) = encode_err(vm, &mut errs, name, text, &chars, obj, i, i + 1, reason)?;
        match repl {
            EncRepl::Bytes(b) => out.extend_from_slice(&b),
            EncRepl::Text(t) => {
                for r in t.chars() {
                    if is_surrogate(r) || !codec::encode_step(kind, r, &mut state, &mut out) {
                        let e = crate::types::str_codec::encode_error(
                            vm,
                            name,
                            obj,
                            text,
                            i,
                            i + 1,
                            reason,
                        );
                        return Err(e);
                    }
                }
            }
        }
        i = next;
    }
    if final_ {
        codec::encode_flush(kind, &mut state, &mut out);
    }
    let b = crate::types::bytes::new_bytes(vm, out);
    let n = crate::types::int::from_usize(vm, i.min(chars.len()));
    let s = crate::types::int::from_u64(vm, state);
    Ok(crate::types::tuple::new_tuple(vm, vec![b, n, s]))
}

/// `_decode(name, data, errors, final, state)` -> `(str, bytes consumed, state)`.
fn mbc_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (kind, name) = kind_arg(vm, a[1])?;
    let data = crate::types::bytes_methods::buffer_arg(vm, a[2])?;
    let errors = errors_arg(vm, a[3], "decode")?;
    let final_ = crate::ops::truth::is_true(vm, a[4])?;
    let mut state = state_arg(vm, a[5])?;
    let obj = if a[2].is::<crate::types::bytes::BytesObj>() {
        a[2]
    } else {
        Value::NULL
    };
    let mut errs = Errors::new(errors);
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        match codec::decode_step(kind, &data[i..], &mut state) {
            Step::Text(s, n) => {
                out.push_str(&s);
                i += n;
            }
            Step::Illegal(n) => {
                let r = "illegal multibyte sequence";
                i = decode_err(vm, &mut errs, name, &data, obj, i, i + n, r, &mut out)?;
            }
            Step::Incomplete => {
                if !final_ {
                    break;
                }
                let r = "incomplete multibyte sequence";
                let end = data.len();
                i = decode_err(vm, &mut errs, name, &data, obj, i, end, r, &mut out)?;
            }
        }
    }
    let s = vm.new_string(out);
    let n = crate::types::int::from_usize(vm, i);
    let st = crate::types::int::from_u64(vm, state);
    Ok(crate::types::tuple::new_tuple(vm, vec![s, n, st]))
}
