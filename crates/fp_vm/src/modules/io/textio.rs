//! `_io.TextIOWrapper`: text over a binary buffered stream, with encodings (fast paths for the
//! native codecs of `types::str_codec`: UTF-8, ASCII, Latin-1, UTF-16/32; every other codec of
//! the registry through its incremental decoder/encoder, `textcodec`), error handlers, newline translation
//! (universal newlines on input, `\n` → `newline` on output), line buffering, write-through,
//! `reconfigure`, `detach`, and `tell`/`seek`.
//!
//! Decoded text waits in `decoded` as code points, each with the number of source bytes it came
//! from (a translated `\r\n` counts two). `tell()` is then the stream position where the
//! undelivered text starts: the position of the first decoded code point (`snap_pos`) plus the
//! widths of those already delivered. CPython's opaque cookie also encodes decoder state; for
//! the native codecs a byte position is the same cookie. Registry codecs (width 0) keep
//! CPython's snapshot instead and build the full cookie (`textcodec::tell_cookie`).

use super::newline::{SEEN_CR, SEEN_CRLF, SEEN_LF};
use super::{call_method, io_type, new_io_type, size_arg, unsupported};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::str::StrObj;
use crate::types::str_codec::{self, Codec};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

const CHUNK_SIZE: usize = 8192;

pub struct TextState {
    pub encoding: String,
    /// Codec names used for the next decode/encode (a BOM codec switches to its BOM-less
    /// variant after the first chunk).
    pub dec_encoding: String,
    pub enc_encoding: String,
    pub errors: String,
    /// `None`: newline=None; else the given string.
    pub newline: Option<String>,
    pub line_buffering: bool,
    pub write_through: bool,
    pub readable: bool,
    pub writable: bool,
    pub seekable: bool,
    /// False while iterating with `next()` (CPython disables `tell()` then).
    pub telling: bool,
    pub has_read1: bool,
    pub chunk_size: usize,
    /// Undelivered decoded text and each code point's source width in bytes.
    pub decoded: Vec<(char, u32)>,
    pub dpos: usize,
    /// Undecoded bytes (an incomplete sequence at a chunk end).
    pub pending: Vec<u8>,
    /// A `\r` held back until the next chunk shows whether `\n` follows (its width).
    pub pendingcr: Option<u32>,
    pub seennl: u8,
    /// Stream position of `decoded[0]` (valid while `decoded` or `pending` is non-empty).
    pub snap_pos: i64,
    /// Whether `snap_pos` was recorded (chunks read while iterating record none, as CPython).
    pub snap_valid: bool,
    /// Encoded text not yet handed to the buffer.
    pub wpending: Vec<u8>,
    /// The codec is not native: `TextIOObj::decoder`/`encoder` are the registry codec's
    /// incremental objects and positions use CPython's cookies (`textcodec`).
    pub registry: bool,
    /// Registry path: the decoder flags and the input fed since, at the last chunk read while
    /// telling (CPython's snapshot); `decoded[..snap_before]` came before it.
    pub snapshot: Option<(i64, Vec<u8>)>,
    pub snap_before: usize,
    /// Bytes per character of the last chunk (the start of `tell()`'s search).
    pub b2cratio: f64,
}

impl TextState {
    fn universal(&self) -> bool {
        self.newline.as_deref().is_none_or(str::is_empty)
    }
    fn translate(&self) -> bool {
        self.newline.is_none()
    }
    fn writenl(&self) -> Option<&str> {
        match self.newline.as_deref() {
            Some("\r") => Some("\r"),
            Some("\r\n") => Some("\r\n"),
            _ => None,
        }
    }
    fn clear_decoded(&mut self) {
        self.decoded.clear();
        self.dpos = 0;
        self.pending.clear();
        self.pendingcr = None;
    }
    fn is_clean(&self) -> bool {
        self.dpos >= self.decoded.len() && self.pending.is_empty() && self.pendingcr.is_none()
    }
    fn take(&mut self, n: usize) -> String {
        let end = self.dpos.saturating_add(n).min(self.decoded.len());
        let s: String = self.decoded[self.dpos..end]
            .iter()
            .map(|(c, _)| *c)
            .collect();
        self.dpos = end;
        s
    }
    fn available(&self) -> usize {
        self.decoded.len() - self.dpos
    }
}

pub struct TextIOObj {
    pub buffer: Cell<Value>,
    /// The registry codec's incremental decoder and encoder (None for native codecs, or when
    /// not readable / writable).
    pub decoder: Cell<Value>,
    pub encoder: Cell<Value>,
    pub ok: Cell<bool>,
    pub detached: Cell<bool>,
    pub st: RefCell<TextState>,
}

impl Trace for TextIOObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.buffer.trace(visit);
        self.decoder.trace(visit);
        self.encoder.trace(visit);
    }
}

impl Payload for TextIOObj {
    const KIND: ObjKind = ObjKind::IoText;
}

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let base = io_type(vm, "_TextIOBase");
    let t = new_io_type(vm, "TextIOWrapper", base, ObjKind::IoText, METHODS, GETSETS);
    crate::types::function_methods::add_getsets_full(vm, t, CHUNK_GETSET);
    vec![("TextIOWrapper", t)]
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", tw_new),
    native!(
        "__init__",
        "($self, /, buffer, encoding=None, errors=None, newline=None, line_buffering=False, write_through=False)",
        tw_init
    ),
    native!("detach", "($self, /)", tw_detach),
    native!(
        "reconfigure",
        "($self, /, *, encoding=None, errors=None, newline=None, line_buffering=None, write_through=None)",
        tw_reconfigure
    ),
    native!("write", "($self, text, /)", tw_write),
    native!("read", "($self, size=-1, /)", tw_read),
    native!("readline", "($self, size=-1, /)", tw_readline),
    native!("__next__", "($self, /)", tw_next),
    native!("flush", "($self, /)", tw_flush),
    native!("close", "($self, /)", tw_close),
    native!("fileno", "($self, /)", tw_fileno),
    native!("seekable", "($self, /)", tw_seekable),
    native!("readable", "($self, /)", tw_readable),
    native!("writable", "($self, /)", tw_writable),
    native!("isatty", "($self, /)", tw_isatty),
    native!("seek", "($self, cookie, whence=0, /)", tw_seek),
    native!("tell", "($self, /)", tw_tell),
    native!("truncate", "($self, pos=None, /)", tw_truncate),
    native!("__repr__", "($self, /)", tw_repr),
    native!("__getstate__", "($self, /)", tw_getstate),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("encoding", "($self, /)", tw_encoding), None),
    (native!("errors", "($self, /)", tw_errors), None),
    (native!("buffer", "($self, /)", tw_buffer), None),
    (
        native!("line_buffering", "($self, /)", tw_line_buffering),
        None,
    ),
    (
        native!("write_through", "($self, /)", tw_write_through),
        None,
    ),
    (native!("newlines", "($self, /)", tw_newlines), None),
    (native!("closed", "($self, /)", tw_closed), None),
    (native!("name", "($self, /)", tw_name), None),
];

/// `_CHUNK_SIZE` can be set but not deleted (AttributeError, as CPython).
static CHUNK_GETSET: &[crate::types::function_methods::GetSetDel] = &[(
    native!("_CHUNK_SIZE", "($self, /)", tw_chunk_size),
    Some(native!(
        "_CHUNK_SIZE",
        "($self, value, /)",
        tw_set_chunk_size
    )),
    Some(native!("_CHUNK_SIZE", "($self, /)", tw_del_chunk_size)),
)];

fn tw_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        TextIOObj {
            buffer: Cell::new(Value::NONE),
            decoder: Cell::new(Value::NONE),
            encoder: Cell::new(Value::NONE),
            ok: Cell::new(false),
            detached: Cell::new(false),
            st: RefCell::new(TextState {
                encoding: String::new(),
                dec_encoding: String::new(),
                enc_encoding: String::new(),
                errors: String::new(),
                newline: None,
                line_buffering: false,
                write_through: false,
                readable: false,
                writable: false,
                seekable: false,
                telling: false,
                has_read1: false,
                chunk_size: CHUNK_SIZE,
                decoded: Vec::new(),
                dpos: 0,
                pending: Vec::new(),
                pendingcr: None,
                seennl: 0,
                snap_pos: 0,
                snap_valid: false,
                wpending: Vec::new(),
                registry: false,
                snapshot: None,
                snap_before: 0,
                b2cratio: 0.0,
            }),
        },
    ))
}

/// The object, checked initialized and attached.
fn attached(vm: &mut Vm, v: Value) -> PyResult<&'static TextIOObj> {
    let Some(t) = v.downcast::<TextIOObj>() else {
        return Err(vm.type_error(format!(
            "descriptor requires a '_io.TextIOWrapper' object but received '{}'",
            vm.type_name(v)
        )));
    };
    if !t.ok.get() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    if t.detached.get() {
        return Err(vm.value_error("underlying buffer has been detached"));
    }
    Ok(t)
}

/// The object, checked initialized only (the plain attributes work after `detach()`).
fn initialized(vm: &mut Vm, v: Value) -> PyResult<&'static TextIOObj> {
    match v.downcast::<TextIOObj>() {
        Some(t) if t.ok.get() => Ok(t),
        Some(_) => Err(vm.value_error("I/O operation on uninitialized object")),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_io.TextIOWrapper' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn is_closed(vm: &mut Vm, v: Value) -> PyResult<bool> {
    if let Some(t) = v.downcast::<TextIOObj>()
        && !typeobj_is_heap(vm, v)
        && let Some(c) = super::fast_closed(vm, t.buffer.get())
    {
        return Ok(c);
    }
    let c = ops::attr::getattr_str(vm, v, "closed")?;
    ops::truth::is_true(vm, c)
}

fn typeobj_is_heap(vm: &Vm, v: Value) -> bool {
    let ty = vm.type_of(v);
    crate::types::typeobj::type_flags(ty).contains(crate::types::typeobj::TypeFlags::HEAPTYPE)
}

/// Attached and open (CPython's CHECK_ATTACHED + CHECK_CLOSED).
fn live(vm: &mut Vm, v: Value) -> PyResult<&'static TextIOObj> {
    let t = attached(vm, v)?;
    if is_closed(vm, v)? {
        return Err(super::check_closed_value_error(vm));
    }
    Ok(t)
}

/// The "locale" encoding: ferropy assumes a UTF-8 locale.
pub fn locale_encoding() -> &'static str {
    "UTF-8"
}

fn opt_str_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<String>> {
    opt_str_arg_of(vm, v, "TextIOWrapper()", what)
}

fn opt_str_arg_of(vm: &mut Vm, v: Value, func: &str, what: &str) -> PyResult<Option<String>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    match v.downcast::<StrObj>() {
        Some(s) => Ok(Some(s.as_str().to_string())),
        None => Err(vm.type_error(format!(
            "{func} argument '{what}' must be str or None, not {}",
            vm.type_name(v)
        ))),
    }
}

/// The encoding must name a text codec: one of ours (Ok(false)), or a text codec of the
/// registry (Ok(true): it runs through its incremental objects, `textcodec`). CPython's errors
/// for a name that is not UTF-8 encodable, a NUL, a bytes-to-bytes codec or an unknown name.
fn check_text_encoding(vm: &mut Vm, encoding: &str) -> PyResult<bool> {
    // The name must be encodable (a lone surrogate: UnicodeEncodeError, as CPython).
    if crate::types::str::has_stand_ins(encoding) {
        str_codec::encode(vm, encoding, "utf-8", "strict", Value::NULL)?;
    }
    if encoding.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    if str_codec::lookup(encoding).is_some() {
        return Ok(false);
    }
    if !crate::modules::codecs::registry_has_text_encoding(vm, encoding, "open")? {
        return Err(vm.new_exc(vm.exc.lookup_error, format!("unknown encoding: {encoding}")));
    }
    Ok(true)
}

/// A flag CPython converts through `__index__` to a C int or long (not `__bool__`).
fn int_flag(vm: &mut Vm, v: Value, c_type: &str) -> PyResult<bool> {
    let i = ops::number::index(vm, v)?;
    let (lo, hi) = if c_type == "int" {
        (i32::MIN as i64, i32::MAX as i64)
    } else {
        (i64::MIN, i64::MAX)
    };
    match crate::types::int::int_ref(i)
        .and_then(|r| num_traits::ToPrimitive::to_i64(&r.to_bigint()))
    {
        Some(n) if n >= lo && n <= hi => Ok(n != 0),
        _ => Err(vm.overflow_error(format!("Python int too large to convert to C {c_type}"))),
    }
}

/// A name as C code sees it: up to its first NUL.
fn c_name(s: &str) -> &str {
    s.split('\0').next().unwrap_or("")
}

/// Makes (or drops) the registry codec objects for the current encoding and errors.
fn set_codecs(vm: &mut Vm, t: &TextIOObj, registry: bool) -> PyResult<()> {
    let (enc, errors, readable, writable) = {
        let st = t.st.borrow();
        (
            st.encoding.clone(),
            st.errors.clone(),
            st.readable,
            st.writable,
        )
    };
    let (d, e) = if registry {
        super::textcodec::make_codecs(vm, c_name(&enc), c_name(&errors), readable, writable)?
    } else {
        (Value::NONE, Value::NONE)
    };
    t.decoder.set(d);
    t.encoder.set(e);
    let mut st = t.st.borrow_mut();
    st.registry = registry;
    st.snapshot = None;
    st.snap_before = 0;
    Ok(())
}

fn bom_free(encoding: &str) -> String {
    match str_codec::lookup(encoding) {
        Some(Codec::Utf16(None)) => "utf-16-le".into(),
        Some(Codec::Utf32(None)) => "utf-32-le".into(),
        Some(Codec::Utf8Sig) => "utf-8".into(),
        _ => encoding.to_string(),
    }
}

fn tw_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(t) = a[0].downcast::<TextIOObj>() else {
        return Err(vm.type_error("TextIOWrapper expected"));
    };
    t.ok.set(false);
    let buffer = a[1];
    let encoding = opt_str_arg(vm, a[2], "encoding")?;
    let errors = opt_str_arg(vm, a[3], "errors")?;
    let newline = if a[4].is_null() {
        None
    } else {
        super::stringio::check_newline_as(vm, a[4], false, "TextIOWrapper() argument 'newline'")?
    };
    let line_buffering = !a[5].is_null() && int_flag(vm, a[5], "int")?;
    let write_through = !a[6].is_null() && int_flag(vm, a[6], "int")?;
    if encoding.is_none() && super::open::warn_default_encoding(vm) {
        // PEP 597, at the frame calling TextIOWrapper() (or open()).
        crate::modules::warnings::warn_with_source(
            vm,
            vm.exc.encoding_warning,
            "'encoding' argument not specified",
            1,
            Value::NULL,
        )?;
    }
    let encoding = match encoding.as_deref() {
        None | Some("locale") => locale_encoding().to_string(),
        Some(e) => e.to_string(),
    };
    let registry = check_text_encoding(vm, &encoding)?;
    if let Some(e) = &errors
        && crate::types::str::has_stand_ins(e)
    {
        str_codec::encode(vm, e, "utf-8", "strict", Value::NULL)?;
    }
    if errors.as_deref().is_some_and(|e| e.contains('\0')) {
        return Err(vm.value_error("embedded null character"));
    }
    let errors = errors.unwrap_or_else(|| "strict".to_string());
    if super::open::dev_mode(vm) {
        // In the development mode CPython looks the error handler up at once.
        let d = crate::types::codec_errors::registry(vm);
        if crate::types::dict::get_str(d, &errors).is_none() {
            return Err(vm.new_exc(
                vm.exc.lookup_error,
                format!("unknown error handler name '{errors}'"),
            ));
        }
    }
    let readable = call_method(vm, buffer, "readable", &[])? == Value::TRUE;
    let writable = call_method(vm, buffer, "writable", &[])? == Value::TRUE;
    let seekable = call_method(vm, buffer, "seekable", &[])? == Value::TRUE;
    let read1 = vm.intern("read1");
    let has_read1 = ops::attr::getattr_opt(vm, buffer, read1)?.is_some();
    let mut enc_encoding = encoding.clone();
    if writable && seekable && bom_free(&encoding) != encoding {
        // Not at the start of the stream: no BOM is written.
        let p = call_method(vm, buffer, "tell", &[])?;
        if ops::number::index_i64(vm, p)? != 0 {
            enc_encoding = bom_free(&encoding);
        }
    }
    t.buffer.set(buffer);
    {
        let mut st = t.st.borrow_mut();
        st.dec_encoding = encoding.clone();
        st.enc_encoding = enc_encoding;
        st.encoding = encoding;
        st.errors = errors;
        st.newline = newline;
        st.line_buffering = line_buffering;
        st.write_through = write_through;
        st.readable = readable;
        st.writable = writable;
        st.seekable = seekable;
        st.telling = seekable;
        st.has_read1 = has_read1;
        st.chunk_size = CHUNK_SIZE;
        st.clear_decoded();
        st.seennl = 0;
        st.wpending.clear();
    }
    set_codecs(vm, t, registry)?;
    let enc = t.encoder.get();
    if registry && seekable && !enc.is_none() {
        // Not at the start of the stream: the encoder must not write a BOM.
        let p = call_method(vm, buffer, "tell", &[])?;
        if ops::number::index_i64(vm, p)? != 0 {
            super::textcodec::set_encoder_state(vm, enc, false)?;
        }
    }
    t.detached.set(false);
    t.ok.set(true);
    Ok(Value::NONE)
}

/// Hands encoded pending text to the buffer.
fn flush_pending(vm: &mut Vm, t: &TextIOObj) -> PyResult<()> {
    let data = std::mem::take(&mut t.st.borrow_mut().wpending);
    if data.is_empty() {
        return Ok(());
    }
    let b = crate::types::bytes::new_bytes(vm, data);
    call_method(vm, t.buffer.get(), "write", &[b])?;
    Ok(())
}

/// Whether `file` is exactly a TextIOWrapper (not a subclass, whose `write` may differ).
pub fn is_exact_textio(vm: &Vm, file: Value) -> bool {
    vm.state_get("_io.TextIOWrapper")
        .is_some_and(|t| vm.type_of(file) == t)
}

/// `file.write(text)` for an exact TextIOWrapper (`is_exact_textio`): print's fast path, with
/// no method lookup and no bound-method object.
pub fn write_text(vm: &mut Vm, file: Value, text: &str) -> PyResult {
    let s = vm.new_str(text);
    tw_write(vm, &[file, s])
}

fn tw_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    let Some(s) = a[1].downcast::<StrObj>() else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    if !t.st.borrow().writable {
        return Err(unsupported(vm, "not writable"));
    }
    let text = s.as_str();
    let (enc, errors, writenl, line_buffering, write_through, chunk) = {
        let st = t.st.borrow();
        (
            st.enc_encoding.clone(),
            st.errors.clone(),
            st.writenl().map(str::to_string),
            st.line_buffering,
            st.write_through,
            st.chunk_size,
        )
    };
    let haslf = text.contains('\n');
    let needflush = line_buffering && (haslf || text.contains('\r'));
    let translated;
    let out: &str = match (&writenl, haslf) {
        (Some(nl), true) => {
            translated = text.replace('\n', nl);
            &translated
        }
        _ => text,
    };
    let registry = t.st.borrow().registry;
    let bytes = if registry {
        let text = if translated_used(&writenl, haslf) {
            vm.new_str(out)
        } else {
            a[1]
        };
        super::textcodec::encode(vm, t.encoder.get(), text)?
    } else {
        str_codec::encode(vm, out, &enc, &errors, a[1])?
    };
    let n = s.char_len();
    t.st.borrow_mut().enc_encoding = bom_free(&enc);
    // As CPython: never let the pending bytes grow past the chunk size by concatenation.
    if t.st.borrow().wpending.len() + bytes.len() > chunk {
        flush_pending(vm, t)?;
    }
    t.st.borrow_mut().wpending.extend_from_slice(&bytes);
    let full = t.st.borrow().wpending.len() >= chunk;
    if full || needflush || write_through {
        flush_pending(vm, t)?;
    }
    if needflush {
        call_method(vm, t.buffer.get(), "flush", &[])?;
    }
    // Written text invalidates any read-ahead; CPython then resets the decoder (and the
    // newline decoder around it, which forgets the newlines seen).
    if registry {
        {
            let mut st = t.st.borrow_mut();
            st.clear_decoded();
            st.snapshot = None;
            if st.universal() {
                st.seennl = 0;
            }
        }
        let d = t.decoder.get();
        if !d.is_none() {
            call_method(vm, d, "reset", &[])?;
        }
    }
    {
        let mut st = t.st.borrow_mut();
        if !st.is_clean() {
            st.clear_decoded();
        }
    }
    Ok(crate::types::int::from_usize(vm, n))
}

fn translated_used(writenl: &Option<String>, haslf: bool) -> bool {
    writenl.is_some() && haslf
}

/// Splits `data` at the end of its last complete character (for a non-final chunk).
fn complete_prefix(codec: Codec, data: &[u8]) -> usize {
    let n = data.len();
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            for back in 1..=3.min(n) {
                let b = data[n - back];
                if b & 0xC0 == 0x80 {
                    continue;
                }
                let need = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else if b >= 0xC0 {
                    2
                } else {
                    1
                };
                return if need > back { n - back } else { n };
            }
            n
        }
        Codec::Ascii | Codec::Latin1 => n,
        Codec::Utf16(order) => {
            let m = n - n % 2;
            if m >= 2 {
                let unit = if order == Some(true) {
                    u16::from_be_bytes([data[m - 2], data[m - 1]])
                } else {
                    u16::from_le_bytes([data[m - 2], data[m - 1]])
                };
                if (0xD800..0xDC00).contains(&unit) {
                    return m - 2;
                }
            }
            m
        }
        Codec::Utf32(_) => n - n % 4,
    }
}

fn char_width(codec: Codec, c: char) -> u32 {
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => c.len_utf8() as u32,
        Codec::Ascii | Codec::Latin1 => 1,
        Codec::Utf16(_) => c.len_utf16() as u32 * 2,
        Codec::Utf32(_) => 4,
    }
}

/// Reads one chunk from the buffer and decodes it into `decoded`; returns false at EOF.
fn read_chunk(vm: &mut Vm, t: &TextIOObj, size_hint: usize) -> PyResult<bool> {
    let buffer = t.buffer.get();
    let (has_read1, chunk, seekable) = {
        let st = t.st.borrow();
        (st.has_read1, st.chunk_size, st.seekable)
    };
    // Drop delivered text, keeping `snap_pos` at the first undelivered code point.
    {
        let mut st = t.st.borrow_mut();
        let dpos = st.dpos;
        let consumed: i64 = st.decoded[..dpos].iter().map(|(_, w)| *w as i64).sum();
        st.snap_pos += consumed;
        st.decoded.drain(..dpos);
        st.dpos = 0;
    }
    {
        let mut st = t.st.borrow_mut();
        st.snap_valid = st.telling;
    }
    let (registry, telling) = {
        let st = t.st.borrow();
        (st.registry, st.telling)
    };
    // Registry path: to prepare for tell(), note a point where the decoder's input buffer is
    // empty: len(dec_buffer) bytes before this read, with the decoder's flags there.
    let mut snap = None;
    if registry && telling {
        let d = decoder_view(t);
        snap = Some(d.getstate(vm)?);
    }
    if !registry && seekable && t.st.borrow().is_clean() {
        let p = call_method(vm, buffer, "tell", &[])?;
        t.st.borrow_mut().snap_pos = ops::number::index_i64(vm, p)?;
    }
    let n = crate::types::int::from_usize(vm, chunk.max(size_hint));
    let data = if has_read1 {
        call_method(vm, buffer, "read1", &[n])?
    } else {
        call_method(vm, buffer, "read", &[n])?
    };
    if data.is_none() {
        return Ok(true);
    }
    let Some(bytes) = crate::types::bytes::bytes_data(data) else {
        return Err(vm.type_error(format!(
            "underlying {}() should have returned a bytes-like object, not '{}'",
            if has_read1 { "read1" } else { "read" },
            vm.type_name(data)
        )));
    };
    let eof = bytes.is_empty();
    let before = t.st.borrow().decoded.len();
    decode_into(vm, t, &bytes, eof)?;
    if registry {
        let mut st = t.st.borrow_mut();
        let nchars = st.decoded.len() - before;
        st.b2cratio = if nchars > 0 {
            bytes.len() as f64 / nchars as f64
        } else {
            0.0
        };
        // At the snapshot point the next input to decode is dec_buffer + this chunk.
        if let Some((mut next_input, flags)) = snap {
            next_input.extend_from_slice(&bytes);
            st.snapshot = Some((flags, next_input));
            st.snap_before = before;
        } else {
            // Read while iterating: CPython's snapshot would be stale; tell() is disabled
            // until it is refreshed.
            st.snapshot = None;
        }
    }
    Ok(!eof)
}

/// The registry decoder with the newline layer's state, for `textcodec`.
fn decoder_view(t: &TextIOObj) -> super::textcodec::Dec {
    let st = t.st.borrow();
    super::textcodec::Dec {
        dec: t.decoder.get(),
        universal: st.universal(),
        translate: st.translate(),
        pendingcr: st.pendingcr.is_some(),
    }
}

/// Decodes `pending + bytes` (all of it when `final_`) and appends to `decoded` with newline
/// processing.
fn decode_into(vm: &mut Vm, t: &TextIOObj, bytes: &[u8], final_: bool) -> PyResult<()> {
    if t.st.borrow().registry {
        // The codec's incremental decoder keeps any incomplete input itself.
        let dec = t.decoder.get();
        let text = super::textcodec::decode(vm, dec, bytes, final_)?;
        push_text(&mut t.st.borrow_mut(), &text, None, final_);
        return Ok(());
    }
    let (mut data, enc, errors) = {
        let mut st = t.st.borrow_mut();
        let mut d = std::mem::take(&mut st.pending);
        d.extend_from_slice(bytes);
        (d, st.dec_encoding.clone(), st.errors.clone())
    };
    let mut codec = str_codec::lookup(&enc).unwrap_or(Codec::Latin1);
    let mut skip_bom = 0usize;
    // A BOM codec: detect/strip the BOM on the first bytes, then continue without it.
    match codec {
        Codec::Utf16(None) if data.len() >= 2 || final_ => {
            let (name, order) = if data.starts_with(&[0xFE, 0xFF]) {
                skip_bom = 2;
                ("utf-16-be", Some(true))
            } else {
                if data.starts_with(&[0xFF, 0xFE]) {
                    skip_bom = 2;
                }
                ("utf-16-le", Some(false))
            };
            t.st.borrow_mut().dec_encoding = name.into();
            codec = Codec::Utf16(order);
        }
        Codec::Utf32(None) if data.len() >= 4 || final_ => {
            let (name, order) = if data.starts_with(&[0, 0, 0xFE, 0xFF]) {
                skip_bom = 4;
                ("utf-32-be", Some(true))
            } else {
                if data.starts_with(&[0xFF, 0xFE, 0, 0]) {
                    skip_bom = 4;
                }
                ("utf-32-le", Some(false))
            };
            t.st.borrow_mut().dec_encoding = name.into();
            codec = Codec::Utf32(order);
        }
        Codec::Utf8Sig if data.len() >= 3 || final_ => {
            if data.starts_with(&[0xEF, 0xBB, 0xBF]) {
                skip_bom = 3;
            }
            t.st.borrow_mut().dec_encoding = "utf-8".into();
            codec = Codec::Utf8;
        }
        Codec::Utf16(None) | Codec::Utf32(None) | Codec::Utf8Sig => {
            t.st.borrow_mut().pending = data;
            return Ok(());
        }
        _ => {}
    }
    if skip_bom > 0 {
        data.drain(..skip_bom);
        let mut st = t.st.borrow_mut();
        if st.decoded.is_empty() {
            st.snap_pos += skip_bom as i64;
        }
    }
    let cut = if final_ {
        data.len()
    } else {
        complete_prefix(codec, &data)
    };
    let dec_name = t.st.borrow().dec_encoding.clone();
    let text = str_codec::decode(vm, &data[..cut], &dec_name, &errors, Value::NULL)?;
    let mut st = t.st.borrow_mut();
    st.pending = data[cut..].to_vec();
    push_text(&mut st, &text, Some(codec), final_);
    Ok(())
}

/// Appends decoded text to `decoded` with newline processing; each character's width is its
/// source byte count under `codec` (0 for a registry codec, whose positions are cookies).
fn push_text(st: &mut TextState, text: &str, codec: Option<Codec>, final_: bool) {
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(text.len() + 1);
    // The held-back `\r` comes out once more text (or the end) arrives.
    if let Some(w) = st.pendingcr
        && (!text.is_empty() || final_)
    {
        st.pendingcr = None;
        chars.push(('\r', w));
    }
    match codec {
        Some(codec) => chars.extend(text.chars().map(|c| (c, char_width(codec, c)))),
        None => chars.extend(text.chars().map(|c| (c, 0))),
    }
    if st.universal() {
        if !final_ && chars.last().is_some_and(|(c, _)| *c == '\r') {
            let (_, w) = chars.pop().unwrap_or(('\r', 1));
            st.pendingcr = Some(w);
        }
        let translate = st.translate();
        let mut out = Vec::with_capacity(chars.len());
        let mut i = 0;
        while i < chars.len() {
            let (c, w) = chars[i];
            if c == '\r' {
                if chars.get(i + 1).is_some_and(|(n, _)| *n == '\n') {
                    st.seennl |= SEEN_CRLF;
                    if translate {
                        out.push(('\n', w + chars[i + 1].1));
                    } else {
                        out.push(('\r', w));
                        out.push(chars[i + 1]);
                    }
                    i += 2;
                    continue;
                }
                st.seennl |= SEEN_CR;
                out.push((if translate { '\n' } else { '\r' }, w));
            } else {
                if c == '\n' {
                    st.seennl |= SEEN_LF;
                }
                out.push((c, w));
            }
            i += 1;
        }
        st.decoded.extend(out);
    } else {
        st.decoded.extend(chars);
    }
}

fn check_readable(vm: &mut Vm, t: &TextIOObj) -> PyResult<()> {
    if !t.st.borrow().readable {
        return Err(unsupported(vm, "not readable"));
    }
    Ok(())
}

fn tw_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    let n = size_arg(vm, a[1])?;
    check_readable(vm, t)?;
    flush_pending(vm, t)?;
    if n < 0 {
        let mut s = t.st.borrow_mut().take(usize::MAX);
        let rest = call_method(vm, t.buffer.get(), "read", &[])?;
        let (dec, errors) = {
            let st = t.st.borrow();
            (st.dec_encoding.clone(), st.errors.clone())
        };
        let registry = t.st.borrow().registry;
        if !registry && bom_free(&dec) == dec {
            // Fast path for the common whole-file read: decode once, translate newlines on the
            // string, no per-character bookkeeping (nothing is left for tell() to account).
            let pending = std::mem::take(&mut t.st.borrow_mut().pending);
            let decoded = if pending.is_empty() {
                match crate::types::bytes::with_bytes(rest, |d| {
                    str_codec::decode(vm, d, &dec, &errors, Value::NULL)
                }) {
                    Some(r) => r?,
                    None if rest.is_none() => String::new(),
                    None => {
                        let d = super::bytes_like(vm, rest)?;
                        str_codec::decode(vm, &d, &dec, &errors, Value::NULL)?
                    }
                }
            } else {
                let mut d = pending;
                if !rest.is_none() {
                    d.extend_from_slice(&super::bytes_like(vm, rest)?);
                }
                str_codec::decode(vm, &d, &dec, &errors, Value::NULL)?
            };
            let mut st = t.st.borrow_mut();
            let text = if st.universal() {
                let mut ns = super::newline::NewlineState::new(st.translate());
                ns.pendingcr = st.pendingcr.is_some();
                ns.seennl = st.seennl;
                let out = ns.decode(&decoded, true);
                st.seennl = ns.seennl;
                out
            } else {
                decoded
            };
            st.clear_decoded();
            drop(st);
            if s.is_empty() {
                return Ok(vm.new_string(text));
            }
            s.push_str(&text);
            return Ok(vm.new_string(s));
        }
        let bytes = if rest.is_none() {
            Vec::new()
        } else {
            super::bytes_like(vm, rest)?
        };
        {
            let mut st = t.st.borrow_mut();
            st.decoded.clear();
            st.dpos = 0;
        }
        decode_into(vm, t, &bytes, true)?;
        let mut st = t.st.borrow_mut();
        s.push_str(&st.take(usize::MAX));
        st.clear_decoded();
        st.snapshot = None;
        drop(st);
        return Ok(vm.new_string(s));
    }
    let n = n as usize;
    while t.st.borrow().available() < n {
        if !read_chunk(vm, t, 0)? {
            break;
        }
    }
    let s = t.st.borrow_mut().take(n);
    Ok(vm.new_string(s))
}

/// The length of the next line in `decoded` (terminator included), if a whole line is there.
fn find_line(st: &TextState, at_eof: bool) -> Option<usize> {
    let rest = &st.decoded[st.dpos..];
    if st.translate() || st.newline.as_deref() == Some("\n") {
        return rest.iter().position(|(c, _)| *c == '\n').map(|i| i + 1);
    }
    if st.universal() {
        for (i, (c, _)) in rest.iter().enumerate() {
            if *c == '\n' {
                return Some(i + 1);
            }
            if *c == '\r' {
                return match rest.get(i + 1) {
                    Some(('\n', _)) => Some(i + 2),
                    Some(_) => Some(i + 1),
                    None if at_eof || st.pendingcr.is_none() => Some(i + 1),
                    None => None,
                };
            }
        }
        return None;
    }
    let nl: Vec<char> = st.newline.as_deref().unwrap_or("\n").chars().collect();
    rest.windows(nl.len())
        .position(|w| w.iter().zip(&nl).all(|((c, _), n)| c == n))
        .map(|i| i + nl.len())
}

fn read_line(vm: &mut Vm, t: &TextIOObj, limit: i64) -> PyResult<String> {
    check_readable(vm, t)?;
    flush_pending(vm, t)?;
    let mut eof = false;
    loop {
        let (found, avail) = {
            let st = t.st.borrow();
            (find_line(&st, eof), st.available())
        };
        if let Some(n) = found {
            let n = if limit >= 0 { n.min(limit as usize) } else { n };
            return Ok(t.st.borrow_mut().take(n));
        }
        if limit >= 0 && avail >= limit as usize {
            return Ok(t.st.borrow_mut().take(limit as usize));
        }
        if eof {
            return Ok(t.st.borrow_mut().take(usize::MAX));
        }
        if !read_chunk(vm, t, 0)? {
            eof = true;
        }
    }
}

fn tw_readline(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    let limit = size_arg(vm, a[1])?;
    let s = read_line(vm, t, limit)?;
    Ok(vm.new_string(s))
}

fn tw_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    t.st.borrow_mut().telling = false;
    let s = read_line(vm, t, -1)?;
    if s.is_empty() {
        let mut st = t.st.borrow_mut();
        st.snapshot = None;
        st.telling = st.seekable;
        drop(st);
        return Err(vm.stop_iteration(Value::NULL));
    }
    Ok(vm.new_string(s))
}

fn tw_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    {
        let mut st = t.st.borrow_mut();
        st.telling = st.seekable;
    }
    flush_pending(vm, t)?;
    call_method(vm, t.buffer.get(), "flush", &[])
}

fn tw_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    if is_closed(vm, a[0])? {
        return Ok(Value::NONE);
    }
    let r = call_method(vm, a[0], "flush", &[]);
    let c = call_method(vm, t.buffer.get(), "close", &[]);
    match (r, c) {
        (Err(e), Ok(_)) => Err(e),
        (Err(e1), Err(e2)) => Err(super::buffered::chain(e1, e2)),
        (Ok(_), Err(e)) => Err(e),
        (Ok(_), Ok(_)) => Ok(Value::NONE),
    }
}

fn tw_detach(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    call_method(vm, a[0], "flush", &[])?;
    let b = t.buffer.get();
    t.buffer.set(Value::NONE);
    t.detached.set(true);
    Ok(b)
}

fn delegate(vm: &mut Vm, a: &[Value], name: &str) -> PyResult {
    let t = attached(vm, a[0])?;
    call_method(vm, t.buffer.get(), name, &[])
}

fn tw_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "fileno")
}

fn tw_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "isatty")
}

fn tw_readable(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "readable")
}

fn tw_writable(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "writable")
}

fn tw_seekable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    if is_closed(vm, a[0])? {
        return Err(super::check_closed_value_error(vm));
    }
    Ok(Value::from_bool(t.st.borrow().seekable))
}

fn tw_tell(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    if !t.st.borrow().seekable {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    if !t.st.borrow().telling {
        return Err(vm.new_exc(vm.exc.os_error, "telling position disabled by next() call"));
    }
    flush_pending(vm, t)?;
    call_method(vm, a[0], "flush", &[])?;
    if t.st.borrow().registry {
        let p = call_method(vm, t.buffer.get(), "tell", &[])?;
        let (snap, used) = {
            let st = t.st.borrow();
            (st.snapshot.clone(), st.dpos.saturating_sub(st.snap_before))
        };
        let Some(snap) = snap else {
            return Ok(p);
        };
        if t.decoder.get().is_none() {
            return Ok(p);
        }
        let position = ops::number::index_i64(vm, p)?;
        let c = super::textcodec::tell_cookie(vm, t, position, snap, used)?;
        return Ok(super::textcodec::cookie_value(vm, c));
    }
    let (clean, pos) = {
        let st = t.st.borrow();
        let consumed: i64 = st.decoded[..st.dpos].iter().map(|(_, w)| *w as i64).sum();
        (
            st.is_clean() && st.decoded.is_empty() || !st.snap_valid,
            st.snap_pos + consumed,
        )
    };
    if clean {
        return call_method(vm, t.buffer.get(), "tell", &[]);
    }
    Ok(crate::types::int::from_i64(vm, pos))
}

fn tw_seek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    let whence = if a[2].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[2])?
    };
    let cookie = a[1];
    if !t.st.borrow().seekable {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    let zero = crate::types::int::from_i64(vm, 0);
    match whence {
        1 => {
            if !ops::compare::eq(vm, cookie, zero)? {
                return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            return tw_tell(vm, &[a[0]]);
        }
        2 => {
            if !ops::compare::eq(vm, cookie, zero)? {
                return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            call_method(vm, a[0], "flush", &[])?;
            let registry = {
                // CPython resets the decoder here, which forgets the newlines seen.
                let mut st = t.st.borrow_mut();
                st.clear_decoded();
                st.seennl = 0;
                st.snapshot = None;
                st.registry
            };
            let d = t.decoder.get();
            if registry && !d.is_none() {
                call_method(vm, d, "reset", &[])?;
            }
            let two = crate::types::int::from_i64(vm, 2);
            let r = call_method(vm, t.buffer.get(), "seek", &[zero, two])?;
            if registry {
                let at_start = ops::compare::eq(vm, r, zero)?;
                super::textcodec::set_encoder_state(vm, t.encoder.get(), at_start)?;
                return Ok(r);
            }
            // At the very start a BOM codec writes its BOM again; elsewhere it must not.
            let at_start = r.as_small_int() == Some(0);
            let mut st = t.st.borrow_mut();
            st.enc_encoding = if at_start {
                st.encoding.clone()
            } else {
                bom_free(&st.encoding)
            };
            return Ok(r);
        }
        0 => {}
        _ => {
            return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")));
        }
    }
    let pos = ops::number::index(vm, cookie)?;
    if ops::compare::lt(vm, pos, zero)? {
        let r = ops::repr::repr_string(vm, cookie)?;
        return Err(vm.value_error(format!("negative seek position {r}")));
    }
    call_method(vm, a[0], "flush", &[])?;
    if t.st.borrow().registry {
        return seek_cookie(vm, t, cookie, pos);
    }
    t.st.borrow_mut().clear_decoded();
    call_method(vm, t.buffer.get(), "seek", &[pos])?;
    {
        let mut st = t.st.borrow_mut();
        // CPython restores the decoder from the chunk the cookie falls in and resets it
        // (forgetting the newlines seen) when that chunk is the first one.
        if pos
            .as_small_int()
            .is_some_and(|p| (p as usize) < st.chunk_size)
        {
            st.seennl = 0;
        }
        // Past the start, a BOM codec must not expect (or write) a BOM.
        if !matches!(pos.as_small_int(), Some(0)) {
            st.dec_encoding = bom_free(&st.encoding);
            st.enc_encoding = bom_free(&st.encoding);
        } else {
            st.dec_encoding = st.encoding.clone();
            st.enc_encoding = st.encoding.clone();
        }
    }
    Ok(cookie)
}

/// `seek(cookie)` on the registry path: back to the cookie's safe start point, the decoder
/// restored to its flags there, then the cookie's bytes fed and its characters skipped.
fn seek_cookie(vm: &mut Vm, t: &TextIOObj, cookie_obj: Value, pos: Value) -> PyResult {
    use super::textcodec;
    let cookie = textcodec::parse_cookie(vm, pos)?;
    let start = crate::types::int::from_i64(vm, cookie.start_pos);
    call_method(vm, t.buffer.get(), "seek", &[start])?;
    {
        let mut st = t.st.borrow_mut();
        st.clear_decoded();
        st.snapshot = None;
        st.snap_before = 0;
    }
    if !t.decoder.get().is_none() {
        let mut d = decoder_view(t);
        textcodec::set_cookie_state(vm, &mut d, &cookie)?;
        let mut st = t.st.borrow_mut();
        st.pendingcr = d.pendingcr.then_some(0);
        if cookie.start_pos == 0 && cookie.dec_flags == 0 && st.universal() {
            // The newline decoder's reset forgets the newlines seen.
            st.seennl = 0;
        }
    }
    if cookie.chars_to_skip != 0 {
        // As a chunk read: feed the decoder and keep the snapshot.
        let n = crate::types::int::from_i64(vm, cookie.bytes_to_feed as i64);
        let chunk = call_method(vm, t.buffer.get(), "read", &[n])?;
        let Some(b) = chunk.downcast::<crate::types::bytes::BytesObj>() else {
            return Err(vm.type_error(format!(
                "underlying read() should have returned a bytes object, not '{}'",
                vm.type_name(chunk)
            )));
        };
        let input = b.data.to_vec();
        t.st.borrow_mut().snapshot = Some((cookie.dec_flags as i64, input.clone()));
        if t.decoder.get().is_none() {
            return Err(unsupported(vm, "not readable"));
        }
        decode_into(vm, t, &input, cookie.need_eof)?;
        let mut st = t.st.borrow_mut();
        if st.decoded.len() < cookie.chars_to_skip as usize {
            drop(st);
            return Err(vm.new_exc(vm.exc.os_error, "can't restore logical file position"));
        }
        st.dpos = cookie.chars_to_skip as usize;
    } else {
        t.st.borrow_mut().snapshot = Some((cookie.dec_flags as i64, Vec::new()));
    }
    let at_start = cookie.start_pos == 0 && cookie.dec_flags == 0;
    textcodec::set_encoder_state(vm, t.encoder.get(), at_start)?;
    Ok(cookie_obj)
}

fn tw_truncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    call_method(vm, a[0], "flush", &[])?;
    // As CPython: None goes to the buffer, which truncates at its own position.
    let pos = if a[1].is_null() { Value::NONE } else { a[1] };
    call_method(vm, t.buffer.get(), "truncate", &[pos])
}

fn tw_reconfigure(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = live(vm, a[0])?;
    let (enc_v, err_v, nl_v, lb_v, wt_v) = (a[1], a[2], a[3], a[4], a[5]);
    let has_data = !t.st.borrow().is_clean();
    let given = |v: Value| !v.is_null();
    if has_data
        && (given(enc_v) && !enc_v.is_none() || given(err_v) && !err_v.is_none() || given(nl_v))
    {
        return Err(unsupported(
            vm,
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    let encoding = opt_str_arg_of(vm, enc_v, "reconfigure()", "encoding")?;
    let errors = opt_str_arg_of(vm, err_v, "reconfigure()", "errors")?;
    let newline = if given(nl_v) {
        Some(super::stringio::check_newline_as(
            vm,
            nl_v,
            false,
            "reconfigure() argument 'newline'",
        )?)
    } else {
        None
    };
    // CPython looks the codec up by the name's C string: up to a NUL ("locale\0" is then
    // an unknown "locale", "utf-8\0" is UTF-8); the attribute keeps the whole name.
    let mut registry = None;
    if let Some(e) = &encoding {
        if crate::types::str::has_stand_ins(e) {
            str_codec::encode(vm, e, "utf-8", "strict", Value::NULL)?;
        }
        let name = c_name(e);
        if e != "locale" && e.contains('\0') && name == "locale" {
            return Err(vm.new_exc(vm.exc.lookup_error, "unknown encoding: locale"));
        }
        registry = Some(e != "locale" && check_text_encoding(vm, name)?);
    }
    if let Some(e) = &errors
        && crate::types::str::has_stand_ins(e)
    {
        str_codec::encode(vm, e, "utf-8", "strict", Value::NULL)?;
    }
    let lb = if given(lb_v) && !lb_v.is_none() {
        Some(int_flag(vm, lb_v, "long")?)
    } else {
        None
    };
    let wt = if given(wt_v) && !wt_v.is_none() {
        Some(int_flag(vm, wt_v, "long")?)
    } else {
        None
    };
    call_method(vm, a[0], "flush", &[])?;
    // A new BOM codec writes its BOM only at the start of a seekable stream.
    let mid_stream = if encoding.is_some() && t.st.borrow().writable && t.st.borrow().seekable {
        let p = call_method(vm, t.buffer.get(), "tell", &[])?;
        ops::number::index_i64(vm, p)? != 0
    } else {
        false
    };
    let rebuild = encoding.is_some() || errors.is_some();
    let mut st = t.st.borrow_mut();
    if let Some(e) = encoding {
        let e = if e == "locale" {
            locale_encoding().to_string()
        } else {
            e
        };
        let name = c_name(&e).to_string();
        st.dec_encoding = name.clone();
        st.enc_encoding = if mid_stream { bom_free(&name) } else { name };
        st.encoding = e;
        if errors.is_none() {
            st.errors = "strict".into();
        }
    }
    if let Some(e) = errors {
        st.errors = e;
    }
    if let Some(n) = newline {
        st.newline = n;
    }
    if let Some(b) = lb {
        st.line_buffering = b;
    }
    if let Some(b) = wt {
        st.write_through = b;
    }
    let registry = registry.unwrap_or(st.registry);
    drop(st);
    if rebuild {
        set_codecs(vm, t, registry)?;
        let enc = t.encoder.get();
        if registry && mid_stream && !enc.is_none() {
            super::textcodec::set_encoder_state(vm, enc, false)?;
        }
    }
    Ok(Value::NONE)
}

fn tw_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let tn = super::repr_type_name(vm, a[0], "TextIOWrapper");
    let t = initialized(vm, a[0])?;
    let mut s = format!("<{tn}");
    vm.enter_recursive(" while getting the repr of an object")?;
    let r = (|| -> PyResult<()> {
        for attr in ["name", "mode"] {
            let k = vm.intern(attr);
            let v = match ops::attr::getattr_opt(vm, a[0], k) {
                Ok(v) => v,
                Err(e) if vm.exc_matches(e, vm.exc.value_error) => None,
                Err(e) => return Err(e),
            };
            if let Some(v) = v {
                let r = ops::repr::repr_string(vm, v)?;
                s.push_str(&format!(" {attr}={r}"));
            }
        }
        Ok(())
    })();
    vm.leave_native();
    r?;
    let enc = t.st.borrow().encoding.clone();
    s.push_str(&format!(" encoding={}>", ops::repr::repr_str(&enc)));
    Ok(vm.new_string(s))
}

fn tw_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let tn = super::repr_type_name(vm, a[0], "TextIOWrapper");
    Err(vm.type_error(format!("cannot pickle '{tn}' object")))
}

fn tw_encoding(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = initialized(vm, a[0])?;
    let e = t.st.borrow().encoding.clone();
    Ok(vm.new_string(e))
}

fn tw_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = initialized(vm, a[0])?;
    let e = t.st.borrow().errors.clone();
    Ok(vm.new_string(e))
}

fn tw_buffer(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(t) = a[0].downcast::<TextIOObj>() else {
        return Err(vm.type_error("TextIOWrapper expected"));
    };
    if !t.ok.get() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(t.buffer.get())
}

fn tw_line_buffering(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = initialized(vm, a[0])?;
    Ok(Value::from_bool(t.st.borrow().line_buffering))
}

fn tw_write_through(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = initialized(vm, a[0])?;
    Ok(Value::from_bool(t.st.borrow().write_through))
}

fn tw_newlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    let (universal, seen) = {
        let st = t.st.borrow();
        (st.universal() && st.readable, st.seennl)
    };
    if !universal {
        return Ok(Value::NONE);
    }
    let mut s = super::newline::NewlineState::new(false);
    s.seennl = seen;
    Ok(s.newlines(vm))
}

fn tw_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    ops::attr::getattr_str(vm, t.buffer.get(), "closed")
}

fn tw_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    ops::attr::getattr_str(vm, t.buffer.get(), "name")
}

fn tw_chunk_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    let n = t.st.borrow().chunk_size;
    Ok(crate::types::int::from_usize(vm, n))
}

fn tw_del_chunk_size(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.attribute_error("cannot delete attribute"))
}

fn tw_set_chunk_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = attached(vm, a[0])?;
    let n = ops::number::index_i64(vm, a[1])?;
    if n <= 0 {
        return Err(vm.value_error("a strictly positive integer is required"));
    }
    t.st.borrow_mut().chunk_size = n as usize;
    Ok(Value::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_prefix_keeps_partial_characters_back() {
        let e = "aé€😀".as_bytes();
        // Cutting inside the 4-byte emoji keeps its lead byte and continuation bytes back.
        assert_eq!(complete_prefix(Codec::Utf8, &e[..e.len() - 1]), e.len() - 4);
        assert_eq!(complete_prefix(Codec::Utf8, e), e.len());
        assert_eq!(complete_prefix(Codec::Utf8, &e[..2]), 1);
        assert_eq!(complete_prefix(Codec::Latin1, b"\xff\xfe"), 2);
        // UTF-16: odd byte counts and a dangling high surrogate wait for more input.
        assert_eq!(complete_prefix(Codec::Utf16(Some(false)), b"a\x00b"), 2);
        assert_eq!(
            complete_prefix(Codec::Utf16(Some(false)), b"a\x00\x3d\xd8"),
            2
        );
        assert_eq!(
            complete_prefix(Codec::Utf32(Some(true)), b"\x00\x00\x00a\x00"),
            4
        );
    }

    #[test]
    fn widths_count_source_bytes() {
        assert_eq!(char_width(Codec::Utf8, '€'), 3);
        assert_eq!(char_width(Codec::Utf16(None), '😀'), 4);
        assert_eq!(char_width(Codec::Utf32(None), 'a'), 4);
        assert_eq!(char_width(Codec::Latin1, 'é'), 1);
    }
}
