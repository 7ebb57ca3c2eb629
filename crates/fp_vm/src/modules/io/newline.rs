//! Universal-newline decoding: the [`NewlineState`] core shared by `StringIO` and
//! `TextIOWrapper`, and the Python-visible `_io.IncrementalNewlineDecoder` that wraps an
//! optional byte decoder with it.
//!
//! A `\r` at the end of a chunk is held back (`pendingcr`) until the next chunk shows whether it
//! starts a `\r\n`; `seennl` records which kinds of line ending were seen (`newlines`).

use super::{call_method, new_io_type};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

pub const SEEN_LF: u8 = 1;
pub const SEEN_CR: u8 = 2;
pub const SEEN_CRLF: u8 = 4;

#[derive(Clone, Copy, Default)]
pub struct NewlineState {
    pub translate: bool,
    pub pendingcr: bool,
    pub seennl: u8,
}

impl NewlineState {
    pub fn new(translate: bool) -> NewlineState {
        NewlineState {
            translate,
            pendingcr: false,
            seennl: 0,
        }
    }

    /// Applies the held-back `\r`, records the line endings of `s` and translates them to `\n`
    /// when asked.
    pub fn decode(&mut self, s: &str, final_: bool) -> String {
        let mut out = String::with_capacity(s.len() + 1);
        if self.pendingcr && (!s.is_empty() || final_) {
            out.push('\r');
            self.pendingcr = false;
        }
        out.push_str(s);
        if !final_ && out.ends_with('\r') {
            out.pop();
            self.pendingcr = true;
        }
        let crlf = out.matches("\r\n").count();
        let cr = out.matches('\r').count() - crlf;
        let lf = out.matches('\n').count() - crlf;
        if lf > 0 {
            self.seennl |= SEEN_LF;
        }
        if cr > 0 {
            self.seennl |= SEEN_CR;
        }
        if crlf > 0 {
            self.seennl |= SEEN_CRLF;
        }
        if self.translate && (cr > 0 || crlf > 0) {
            let t = out.replace("\r\n", "\n");
            return t.replace('\r', "\n");
        }
        out
    }

    /// The `newlines` attribute value.
    pub fn newlines(&self, vm: &mut Vm) -> Value {
        let kinds: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .iter()
            .filter(|(bit, _)| self.seennl & bit != 0)
            .map(|(_, s)| *s)
            .collect();
        match kinds.len() {
            0 => Value::NONE,
            1 => vm.new_str(kinds[0]),
            _ => {
                let items = kinds.iter().map(|s| vm.new_str(s)).collect();
                crate::types::tuple::new_tuple(vm, items)
            }
        }
    }
}

/// `_io.IncrementalNewlineDecoder`.
pub struct NewlineDecoderObj {
    pub decoder: Cell<Value>,
    pub errors: Cell<Value>,
    pub state: RefCell<NewlineState>,
    pub initialized: Cell<bool>,
}

impl Trace for NewlineDecoderObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.decoder.trace(visit);
        self.errors.trace(visit);
    }
}

impl Payload for NewlineDecoderObj {
    const KIND: ObjKind = ObjKind::IoNewlineDecoder;
}

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let object = vm.types.object;
    let t = new_io_type(
        vm,
        "IncrementalNewlineDecoder",
        object,
        ObjKind::IoNewlineDecoder,
        METHODS,
        GETSETS,
    );
    vec![("IncrementalNewlineDecoder", t)]
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", nd_new),
    native!(
        "__init__",
        "($self, /, decoder, translate, errors='strict')",
        nd_init
    ),
    native!("decode", "($self, /, input, final=False)", nd_decode),
    native!("getstate", "($self, /)", nd_getstate),
    native!("setstate", "($self, state, /)", nd_setstate),
    native!("reset", "($self, /)", nd_reset),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("newlines", "($self, /)", nd_newlines), None)];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static NewlineDecoderObj> {
    match v.downcast::<NewlineDecoderObj>() {
        Some(d) if d.initialized.get() => Ok(d),
        Some(_) => Err(vm.value_error("IncrementalNewlineDecoder.__init__() not called")),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_io.IncrementalNewlineDecoder' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

pub fn new_decoder(vm: &mut Vm, decoder: Value, translate: bool) -> Value {
    let ty = super::io_type(vm, "IncrementalNewlineDecoder");
    let errors = vm.new_str("strict");
    alloc(
        ty,
        NewlineDecoderObj {
            decoder: Cell::new(decoder),
            errors: Cell::new(errors),
            state: RefCell::new(NewlineState::new(translate)),
            initialized: Cell::new(true),
        },
    )
}

fn nd_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        NewlineDecoderObj {
            decoder: Cell::new(Value::NONE),
            errors: Cell::new(Value::NONE),
            state: RefCell::new(NewlineState::default()),
            initialized: Cell::new(false),
        },
    ))
}

fn nd_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(d) = a[0].downcast::<NewlineDecoderObj>() else {
        return Err(vm.type_error("IncrementalNewlineDecoder expected"));
    };
    let translate = ops::truth::is_true(vm, a[2])?;
    d.decoder.set(a[1]);
    let errors = if a[3].is_null() {
        vm.new_str("strict")
    } else {
        a[3]
    };
    d.errors.set(errors);
    *d.state.borrow_mut() = NewlineState::new(translate);
    d.initialized.set(true);
    Ok(Value::NONE)
}

/// Decodes `input` through the wrapped decoder (if any) and the newline state.
pub fn decode_value(vm: &mut Vm, obj: Value, input: Value, final_: bool) -> PyResult {
    let d = this(vm, obj)?;
    let dec = d.decoder.get();
    let out = if dec.is_none() {
        input
    } else {
        let f = Value::from_bool(final_);
        let decode = vm.intern("decode");
        let fname = vm.intern("final");
        let m = ops::attr::getattr(vm, dec, decode)?;
        ops::call::call_kw(vm, m, &[input, f], &[fname])?
    };
    let Some(s) = out.downcast::<StrObj>() else {
        return Err(vm.type_error(format!(
            "decoder should return a string result, not '{}'",
            vm.type_name(out)
        )));
    };
    let text = d.state.borrow_mut().decode(s.as_str(), final_);
    if text == s.as_str() && out.is::<StrObj>() && vm.type_of(out) == vm.types.str_ {
        return Ok(out);
    }
    Ok(vm.new_string(text))
}

fn nd_decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let final_ = !a[2].is_null() && ops::truth::is_true(vm, a[2])?;
    decode_value(vm, a[0], a[1], final_)
}

fn nd_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this(vm, a[0])?;
    let dec = d.decoder.get();
    let (buf, flag) = if dec.is_none() {
        (crate::types::bytes::new_bytes(vm, Vec::new()), 0i64)
    } else {
        let st = call_method(vm, dec, "getstate", &[])?;
        let items = crate::types::tuple::items(st).unwrap_or(&[]);
        if items.len() != 2 {
            return Err(vm.type_error("illegal decoder state"));
        }
        let (b, f) = (items[0], items[1]);
        (b, ops::number::index_i64(vm, f)?)
    };
    let mut flag = flag << 1;
    if d.state.borrow().pendingcr {
        flag |= 1;
    }
    let fv = crate::types::int::from_i64(vm, flag);
    Ok(crate::types::tuple::new_tuple(vm, vec![buf, fv]))
}

fn nd_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this(vm, a[0])?;
    let items = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if items.len() != 2 {
        return Err(vm.type_error("state argument must be a tuple"));
    }
    let (buf, flag) = (items[0], items[1]);
    let flag = ops::number::index_i64(vm, flag)?;
    d.state.borrow_mut().pendingcr = flag & 1 != 0;
    let dec = d.decoder.get();
    if !dec.is_none() {
        let f = crate::types::int::from_i64(vm, flag >> 1);
        let t = crate::types::tuple::new_tuple(vm, vec![buf, f]);
        call_method(vm, dec, "setstate", &[t])?;
    }
    Ok(Value::NONE)
}

fn nd_reset(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this(vm, a[0])?;
    {
        let mut s = d.state.borrow_mut();
        s.seennl = 0;
        s.pendingcr = false;
    }
    let dec = d.decoder.get();
    if !dec.is_none() {
        call_method(vm, dec, "reset", &[])?;
    }
    Ok(Value::NONE)
}

fn nd_newlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = this(vm, a[0])?;
    let st = *d.state.borrow();
    Ok(st.newlines(vm))
}
