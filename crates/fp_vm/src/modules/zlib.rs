//! `zlib`: DEFLATE compression in the zlib, raw and gzip containers (`compress`,
//! `decompress`, `compressobj`, `decompressobj` with CPython's `wbits` rules), `crc32`,
//! `adler32`, the constants and `zlib.error`. Built on `flate2` with the `zlib-rs` backend (a
//! Rust port of zlib/zlib-ng). Streams are interchangeable with CPython's, but the compressed
//! bytes for longer inputs can differ from C zlib's (zlib-ng's match finding); memLevel and
//! strategy are checked but the backend's defaults are used.
//!
//! `flate2`'s streams cannot be cloned, so `copy()` replays the input a stream has consumed
//! into a fresh one (compression is deterministic, so the copy's state is identical).

use crate::native;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;

const DEF_BUF_SIZE: i64 = 16384;

static FUNCS: &[NativeDef] = &[
    native!(
        "compress",
        "($module, data, /, level=-1, wbits=15)",
        compress
    ),
    native!(
        "decompress",
        "($module, data, /, wbits=15, bufsize=16384)",
        decompress
    ),
    native!(
        "compressobj",
        "($module, /, level=-1, method=8, wbits=15, memLevel=8, strategy=0, zdict=None)",
        compressobj
    ),
    native!(
        "decompressobj",
        "($module, /, wbits=15, zdict=b'')",
        decompressobj
    ),
    native!("crc32", "($module, data, value=0, /)", crc32),
    native!("adler32", "($module, data, value=1, /)", adler32),
];

static COMP_METHODS: &[NativeDef] = &[
    native!("compress", "($self, data, /)", c_compress),
    native!("flush", "($self, mode=4, /)", c_flush),
    native!("copy", "($self, /)", c_copy),
    native!("__copy__", "($self, /)", c_copy),
    native!("__deepcopy__", "($self, memo, /)", c_copy),
];

static DECOMP_METHODS: &[NativeDef] = &[
    native!("decompress", "($self, data, /, max_length=0)", d_decompress),
    native!("flush", "($self, length=16384, /)", d_flush),
    native!("copy", "($self, /)", d_copy),
    native!("__copy__", "($self, /)", d_copy),
    native!("__deepcopy__", "($self, memo, /)", d_copy),
];

static DECOMP_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("unused_data", "($self, /)", g_unused), None),
    (native!("unconsumed_tail", "($self, /)", g_tail), None),
    (native!("eof", "($self, /)", g_eof), None),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "zlib", FUNCS);
    let err = match vm.state_get("zlib.error") {
        Some(e) => e,
        None => {
            let name = vm.new_str("error");
            let exc = vm.exc.exception;
            let bases = crate::types::tuple::new_tuple(vm, vec![exc]);
            let ns = crate::types::dict::new_dict(vm);
            let k = vm.intern("__module__");
            let v = vm.new_str("zlib");
            crate::types::dict::set_item_str(vm, ns, k, v);
            let meta = vm.types.type_;
            let e = typeobj::new_class(vm, meta, name, bases, ns)?;
            vm.state_set("zlib.error", e);
            e
        }
    };
    if vm.state_get("zlib.Compress").is_none() {
        let object = vm.types.object;
        for (name, methods) in [("Compress", COMP_METHODS), ("Decompress", DECOMP_METHODS)] {
            let t = typeobj::new_static_type(
                vm,
                name,
                object,
                ObjKind::ZlibStream,
                TypeFlags::default(),
            );
            typeobj::add_methods(vm, t, methods);
            if name == "Decompress" {
                typeobj::add_getsets(vm, t, DECOMP_GETSETS);
            }
            let d = typeobj::tobj(t).dict.get();
            let k = vm.intern("__module__");
            let v = vm.new_str("zlib");
            crate::types::dict::set_item_str(vm, d, k, v);
            vm.state_set(&format!("zlib.{name}"), t);
        }
    }
    crate::types::module::set_attr(vm, m, "error", err);
    let consts: &[(&str, i64)] = &[
        ("DEFLATED", 8),
        ("DEF_BUF_SIZE", DEF_BUF_SIZE),
        ("DEF_MEM_LEVEL", 8),
        ("MAX_WBITS", 15),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_BEST_SPEED", 1),
        ("Z_BLOCK", 5),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_FILTERED", 1),
        ("Z_FINISH", 4),
        ("Z_FIXED", 4),
        ("Z_FULL_FLUSH", 3),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_NO_COMPRESSION", 0),
        ("Z_NO_FLUSH", 0),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_RLE", 3),
        ("Z_SYNC_FLUSH", 2),
        ("Z_TREES", 6),
    ];
    for &(k, v) in consts {
        let v = crate::types::int::from_i64(vm, v);
        crate::types::module::set_attr(vm, m, k, v);
    }
    for k in ["ZLIB_VERSION", "ZLIB_RUNTIME_VERSION"] {
        let v = vm.new_str("1.2.13");
        crate::types::module::set_attr(vm, m, k, v);
    }
    Ok(m)
}

fn zerror(vm: &mut Vm, msg: impl AsRef<str>) -> Exc {
    let ty = vm.state_get("zlib.error").unwrap_or(vm.exc.exception);
    vm.new_exc(ty, msg)
}

fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn int_arg(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        Ok(default)
    } else {
        crate::ops::number::index_i64(vm, v)
    }
}

// ----- stream construction -----

/// Container of a stream, from `wbits`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Container {
    Zlib(u8),
    Raw(u8),
    Gzip(u8),
    /// Decompression only: zlib or gzip, decided by the first bytes.
    Auto(u8),
}

fn compress_container(wbits: i64) -> Option<Container> {
    Some(match wbits {
        8..=15 => Container::Zlib(wbits.max(9) as u8),
        -15..=-9 => Container::Raw((-wbits) as u8),
        24..=31 => Container::Gzip((wbits - 16).max(9) as u8),
        _ => return None,
    })
}

fn decompress_container(wbits: i64) -> Option<Container> {
    Some(match wbits {
        0 => Container::Zlib(15),
        8..=15 => Container::Zlib(wbits.max(9) as u8),
        -15..=-8 => Container::Raw((-wbits).max(9) as u8),
        24..=31 => Container::Gzip((wbits - 16).max(9) as u8),
        40..=47 => Container::Auto((wbits - 32).max(9) as u8),
        _ => return None,
    })
}

fn new_compress(level: i64, c: Container) -> Compress {
    let lvl = if level < 0 { 6 } else { level as u32 };
    let level = Compression::new(lvl);
    match c {
        Container::Zlib(w) | Container::Auto(w) => Compress::new_with_window_bits(level, true, w),
        Container::Raw(w) => Compress::new_with_window_bits(level, false, w),
        Container::Gzip(w) => Compress::new_gzip(level, w),
    }
}

fn new_decompress(c: Container, first: &[u8]) -> Decompress {
    match c {
        Container::Zlib(w) => Decompress::new_with_window_bits(true, w),
        Container::Raw(w) => Decompress::new_with_window_bits(false, w),
        Container::Gzip(w) => Decompress::new_gzip(w),
        Container::Auto(w) => {
            if first.starts_with(&[0x1f, 0x8b]) {
                Decompress::new_gzip(w)
            } else {
                Decompress::new_with_window_bits(true, w)
            }
        }
    }
}

/// Feeds `input` to a compressor with `flush`, collecting all output zlib has ready.
fn run_compress(
    c: &mut Compress,
    mut input: &[u8],
    flush: FlushCompress,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(16384));
        }
        let before = c.total_in();
        let status = c.compress_vec(input, &mut out, flush).map_err(|e| {
            e.message()
                .unwrap_or("inconsistent stream state")
                .to_string()
        })?;
        let used = (c.total_in() - before) as usize;
        input = &input[used.min(input.len())..];
        if status == Status::StreamEnd {
            break;
        }
        if input.is_empty() && out.len() < out.capacity() {
            break;
        }
    }
    Ok(out)
}

/// The outcome of feeding a decompressor.
struct Inflated {
    out: Vec<u8>,
    /// Bytes of the input not consumed.
    rest: usize,
    eof: bool,
}

/// Decompresses `input`, producing at most `max` bytes (0: no limit). Err: (code, message).
fn run_decompress(
    d: &mut Decompress,
    input: &[u8],
    max: usize,
    flush: FlushDecompress,
) -> Result<Inflated, (i32, String)> {
    let mut out = Vec::with_capacity((input.len() * 4).clamp(64, 1 << 20));
    let mut pos = 0;
    loop {
        let room = out.capacity() - out.len();
        if room < 64 {
            out.reserve(out.capacity().max(16384));
        }
        if max > 0 && out.len() >= max {
            return Ok(Inflated {
                out,
                rest: input.len() - pos,
                eof: false,
            });
        }
        let before_in = d.total_in();
        let before_out = d.total_out();
        let limit = if max > 0 {
            (max - out.len()).min(out.capacity() - out.len())
        } else {
            out.capacity() - out.len()
        };
        let mut buf = vec![0u8; limit];
        let r = d.decompress(&input[pos..], &mut buf, flush);
        let used = (d.total_in() - before_in) as usize;
        let made = (d.total_out() - before_out) as usize;
        out.extend_from_slice(&buf[..made]);
        pos += used;
        match r {
            Err(e) => {
                if e.needs_dictionary().is_some() {
                    return Err((2, "need dictionary".to_string()));
                }
                let msg = e.message().unwrap_or("invalid input data").to_string();
                return Err((-3, msg));
            }
            Ok(Status::StreamEnd) => {
                return Ok(Inflated {
                    out,
                    rest: input.len() - pos,
                    eof: true,
                });
            }
            Ok(_) => {
                if pos >= input.len() && made < limit {
                    return Ok(Inflated {
                        out,
                        rest: 0,
                        eof: false,
                    });
                }
                if used == 0 && made == 0 {
                    return Ok(Inflated {
                        out,
                        rest: input.len() - pos,
                        eof: false,
                    });
                }
            }
        }
    }
}

// ----- module functions -----

fn compress(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let level = int_arg(vm, a[2], -1)?;
    let wbits = int_arg(vm, a[3], 15)?;
    let Some(c) = compress_container(wbits).filter(|_| (-1..=9).contains(&level)) else {
        return Err(zerror(vm, "Bad compression level"));
    };
    let mut z = new_compress(level, c);
    let out = run_compress(&mut z, &data, FlushCompress::Finish)
        .map_err(|m| zerror(vm, format!("Error -2 while compressing data: {m}")))?;
    Ok(crate::types::bytes::new_bytes(vm, out))
}

fn decompress(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let wbits = int_arg(vm, a[2], 15)?;
    let bufsize = int_arg(vm, a[3], DEF_BUF_SIZE)?;
    if bufsize < 0 {
        return Err(vm.value_error("bufsize must be non-negative"));
    }
    let Some(c) = decompress_container(wbits) else {
        return Err(zerror(
            vm,
            "Error -2 while preparing to decompress data: inconsistent stream state",
        ));
    };
    let mut d = new_decompress(c, &data);
    match run_decompress(&mut d, &data, 0, FlushDecompress::Finish) {
        Ok(r) if r.eof => Ok(crate::types::bytes::new_bytes(vm, r.out)),
        Ok(_) => Err(zerror(
            vm,
            "Error -5 while decompressing data: incomplete or truncated stream",
        )),
        Err((code, m)) => Err(zerror(
            vm,
            format!("Error {code} while decompressing data: {m}"),
        )),
    }
}

fn crc32(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let v = if a[2].is_null() {
        0
    } else {
        crate::modules::binascii::bitwise_u32(vm, a[2])?
    };
    let r = crate::modules::binascii::crc32_update(v, &data);
    Ok(crate::types::int::from_u64(vm, r as u64))
}

fn adler32(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let v = if a[2].is_null() {
        1
    } else {
        crate::modules::binascii::bitwise_u32(vm, a[2])?
    };
    let (mut s1, mut s2) = (v & 0xffff, v >> 16);
    for chunk in data.chunks(5552) {
        for &b in chunk {
            s1 += b as u32;
            s2 += s1;
        }
        s1 %= 65521;
        s2 %= 65521;
    }
    Ok(crate::types::int::from_u64(vm, ((s2 << 16) | s1) as u64))
}

// ----- stream objects -----

/// Everything needed to rebuild a stream for `copy()`.
#[derive(Clone)]
struct Setup {
    level: i64,
    container: Container,
    zdict: Option<Vec<u8>>,
}

enum Stream {
    Comp {
        z: Compress,
        setup: Setup,
        /// (input, flush mode) of every call, for `copy()`.
        log: Vec<(Vec<u8>, i64)>,
        finished: bool,
    },
    Decomp {
        z: Option<Decompress>,
        setup: Setup,
        /// All input consumed so far, for `copy()`.
        consumed: Vec<u8>,
        unused: Vec<u8>,
        tail: Vec<u8>,
        eof: bool,
        /// flush() reached the end of the stream: zlib's state is released (CPython's
        /// inflateEnd), so the object can no longer be copied.
        ended: bool,
    },
}

pub struct ZStreamObj {
    s: RefCell<Box<Stream>>,
}

impl Trace for ZStreamObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for ZStreamObj {
    const KIND: ObjKind = ObjKind::ZlibStream;
}

fn new_stream(vm: &mut Vm, kind: &str, s: Stream) -> Value {
    let ty = vm
        .state_get(&format!("zlib.{kind}"))
        .unwrap_or(vm.types.object);
    crate::heap::alloc(
        ty,
        ZStreamObj {
            s: RefCell::new(Box::new(s)),
        },
    )
}

/// A zlib flush constant as flate2's flush mode. Z_BLOCK and Z_TREES have no flate2
/// equivalent; they flush nothing (the data is emitted by a later flush).
fn flush_mode(m: i64) -> FlushCompress {
    match m {
        1 => FlushCompress::Partial,
        2 => FlushCompress::Sync,
        3 => FlushCompress::Full,
        4 => FlushCompress::Finish,
        _ => FlushCompress::None,
    }
}

fn build_compress(setup: &Setup) -> Compress {
    let mut z = new_compress(setup.level, setup.container);
    if let Some(d) = &setup.zdict {
        let _ = z.set_dictionary(d);
    }
    z
}

fn compressobj(vm: &mut Vm, a: &[Value]) -> PyResult {
    let level = int_arg(vm, a[1], -1)?;
    let method = int_arg(vm, a[2], 8)?;
    let wbits = int_arg(vm, a[3], 15)?;
    let mem = int_arg(vm, a[4], 8)?;
    let strategy = int_arg(vm, a[5], 0)?;
    let zdict = if a[6].is_null() || a[6].is_none() {
        None
    } else {
        Some(
            crate::types::bytes::bytes_data(a[6])
                .ok_or_else(|| vm.type_error("zdict argument must support the buffer protocol"))?,
        )
    };
    let container = compress_container(wbits);
    let ok = method == 8 && (1..=9).contains(&mem) && (0..=4).contains(&strategy);
    let Some(container) = container.filter(|_| ok) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    if !(-1..=9).contains(&level) {
        return Err(vm.value_error("Invalid initialization option"));
    }
    let setup = Setup {
        level,
        container,
        zdict,
    };
    let z = build_compress(&setup);
    Ok(new_stream(
        vm,
        "Compress",
        Stream::Comp {
            z,
            setup,
            log: vec![],
            finished: false,
        },
    ))
}

fn decompressobj(vm: &mut Vm, a: &[Value]) -> PyResult {
    let wbits = int_arg(vm, a[1], 15)?;
    let zdict = if a[2].is_null() {
        None
    } else {
        let d = crate::types::bytes::bytes_data(a[2])
            .ok_or_else(|| vm.type_error("zdict argument must support the buffer protocol"))?;
        if d.is_empty() { None } else { Some(d) }
    };
    let Some(container) = decompress_container(wbits) else {
        return Err(vm.value_error("Invalid initialization option"));
    };
    let setup = Setup {
        level: 0,
        container,
        zdict,
    };
    Ok(new_stream(
        vm,
        "Decompress",
        Stream::Decomp {
            z: None,
            setup,
            consumed: vec![],
            unused: vec![],
            tail: vec![],
            eof: false,
            ended: false,
        },
    ))
}

fn stream(vm: &mut Vm, v: Value) -> PyResult<&'static ZStreamObj> {
    v.downcast::<ZStreamObj>()
        .ok_or_else(|| vm.type_error("expected a zlib stream object"))
}

fn c_compress(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let s = stream(vm, a[0])?;
    let r = {
        let mut st = s.s.borrow_mut();
        match &mut **st {
            Stream::Comp {
                z, log, finished, ..
            } => {
                if *finished {
                    Err("inconsistent stream state".to_string())
                } else {
                    log.push((data.clone(), 0));
                    run_compress(z, &data, FlushCompress::None)
                }
            }
            _ => Err("inconsistent stream state".to_string()),
        }
    };
    match r {
        Ok(out) => Ok(crate::types::bytes::new_bytes(vm, out)),
        Err(m) => Err(zerror(vm, format!("Error -2 while compressing data: {m}"))),
    }
}

fn c_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mode = int_arg(vm, a[1], 4)?;
    let s = stream(vm, a[0])?;
    if mode == 0 {
        return Ok(crate::types::bytes::new_bytes(vm, vec![]));
    }
    let r = {
        let mut st = s.s.borrow_mut();
        match &mut **st {
            Stream::Comp {
                z, log, finished, ..
            } => {
                if *finished {
                    Err("inconsistent stream state".to_string())
                } else {
                    log.push((vec![], mode));
                    if mode == 4 {
                        *finished = true;
                    }
                    if mode > 4 {
                        return Ok(crate::types::bytes::new_bytes(vm, vec![]));
                    }
                    run_compress(z, &[], flush_mode(mode))
                }
            }
            _ => Err("inconsistent stream state".to_string()),
        }
    };
    match r {
        Ok(out) => Ok(crate::types::bytes::new_bytes(vm, out)),
        Err(m) => Err(zerror(vm, format!("Error -2 while flushing: {m}"))),
    }
}

fn c_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = stream(vm, a[0])?;
    let copy = {
        let st = s.s.borrow();
        match &**st {
            Stream::Comp {
                setup,
                log,
                finished,
                ..
            } => {
                if *finished {
                    None
                } else {
                    let mut z = build_compress(setup);
                    for (d, m) in log {
                        let f = if *m == 0 {
                            FlushCompress::None
                        } else {
                            flush_mode(*m)
                        };
                        let _ = run_compress(&mut z, d, f);
                    }
                    Some(Stream::Comp {
                        z,
                        setup: setup.clone(),
                        log: log.clone(),
                        finished: false,
                    })
                }
            }
            _ => None,
        }
    };
    match copy {
        Some(c) => Ok(new_stream(vm, "Compress", c)),
        None => Err(vm.value_error("Inconsistent stream state")),
    }
}

/// Feeds the decompressor; creates it on first use (auto-detection needs the first bytes).
fn feed(st: &mut Stream, data: &[u8], max: usize, finish: bool) -> Result<Vec<u8>, (i32, String)> {
    let Stream::Decomp {
        z,
        setup,
        consumed,
        unused,
        tail,
        eof,
        ..
    } = st
    else {
        return Err((-2, "inconsistent stream state".into()));
    };
    if *eof {
        unused.extend_from_slice(data);
        return Ok(vec![]);
    }
    // decompress() takes only the new data (the caller passes `unconsumed_tail` back itself);
    // flush() (`finish`) decompresses the unconsumed tail.
    let input = if finish {
        std::mem::take(tail)
    } else {
        tail.clear();
        data.to_vec()
    };
    if z.is_none() {
        if input.is_empty() {
            return Ok(vec![]);
        }
        *z = Some(new_decompress(setup.container, &input));
    }
    let Some(d) = z.as_mut() else {
        return Ok(vec![]);
    };
    let fresh_stream = consumed.is_empty();
    if fresh_stream
        && matches!(setup.container, Container::Raw(_))
        && let Some(dict) = &setup.zdict
    {
        let _ = d.set_dictionary(dict);
    }
    let mut prefix = Vec::new();
    let mut input = input;
    let r = loop {
        match run_decompress(d, &input, max, FlushDecompress::None) {
            Ok(r) => break r,
            Err((code, msg)) => {
                // A zlib stream that needs a preset dictionary: set it and go on.
                if code == 2
                    && let Some(dict) = &setup.zdict
                    && d.set_dictionary(dict).is_ok()
                {
                    let start = (d.total_in() as usize)
                        .saturating_sub(consumed.len())
                        .min(input.len());
                    prefix.extend_from_slice(&input[..start]);
                    input = input[start..].to_vec();
                    continue;
                }
                return Err((code, msg));
            }
        }
    };
    consumed.extend_from_slice(&prefix);
    let used = input.len() - r.rest;
    consumed.extend_from_slice(&input[..used]);
    if r.eof {
        *eof = true;
        unused.extend_from_slice(&input[used..]);
    } else {
        *tail = input[used..].to_vec();
    }
    Ok(r.out)
}

fn d_decompress(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let max = int_arg(vm, a[2], 0)?;
    if max < 0 {
        return Err(vm.value_error("max_length must be non-negative"));
    }
    let s = stream(vm, a[0])?;
    let r = feed(&mut s.s.borrow_mut(), &data, max as usize, false);
    match r {
        Ok(out) => Ok(crate::types::bytes::new_bytes(vm, out)),
        Err((code, m)) => Err(zerror(
            vm,
            format!("Error {code} while decompressing data: {m}"),
        )),
    }
}

fn d_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let len = int_arg(vm, a[1], DEF_BUF_SIZE)?;
    if len <= 0 {
        return Err(vm.value_error("length must be greater than zero"));
    }
    let s = stream(vm, a[0])?;
    let r = feed(&mut s.s.borrow_mut(), &[], 0, true);
    if let Stream::Decomp { eof, ended, .. } = &mut **s.s.borrow_mut()
        && *eof
    {
        *ended = true;
    }
    match r {
        Ok(out) => Ok(crate::types::bytes::new_bytes(vm, out)),
        Err((code, m)) => Err(zerror(
            vm,
            format!("Error {code} while decompressing data: {m}"),
        )),
    }
}

fn d_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = stream(vm, a[0])?;
    let (setup, consumed, unused, tail, eof) = {
        let st = s.s.borrow();
        match &**st {
            Stream::Decomp {
                setup,
                consumed,
                unused,
                tail,
                eof,
                ended: false,
                ..
            } => (
                setup.clone(),
                consumed.clone(),
                unused.clone(),
                tail.clone(),
                *eof,
            ),
            _ => return Err(vm.value_error("Inconsistent stream state")),
        }
    };
    let mut fresh = Stream::Decomp {
        z: None,
        setup,
        consumed: vec![],
        unused: vec![],
        tail: vec![],
        eof: false,
        ended: false,
    };
    let _ = feed(&mut fresh, &consumed, 0, false);
    if let Stream::Decomp {
        unused: u,
        tail: t,
        eof: e,
        ..
    } = &mut fresh
    {
        *u = unused;
        *t = tail;
        *e = eof;
    }
    Ok(new_stream(vm, "Decompress", fresh))
}

fn decomp_field(vm: &mut Vm, v: Value, f: fn(&Stream) -> Vec<u8>) -> PyResult {
    let s = stream(vm, v)?;
    let d = f(&s.s.borrow());
    Ok(crate::types::bytes::new_bytes(vm, d))
}

fn g_unused(vm: &mut Vm, a: &[Value]) -> PyResult {
    decomp_field(vm, a[0], |s| match s {
        Stream::Decomp { unused, .. } => unused.clone(),
        _ => vec![],
    })
}

fn g_tail(vm: &mut Vm, a: &[Value]) -> PyResult {
    decomp_field(vm, a[0], |s| match s {
        Stream::Decomp { tail, .. } => tail.clone(),
        _ => vec![],
    })
}

fn g_eof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = stream(vm, a[0])?;
    let e = matches!(&**s.s.borrow(), Stream::Decomp { eof: true, .. });
    Ok(Value::from_bool(e))
}
