//! The builtin hash modules `hashlib` falls back to without OpenSSL: `_md5`, `_sha1`,
//! `_sha256` (sha224, sha256), `_sha512` (sha384, sha512), `_sha3` (sha3_*, shake_*) and
//! `_blake2` (blake2b, blake2s with all their parameters). One payload type (`HashObj`) holds
//! any of the algorithms; each algorithm has its own Python type so names and reprs match
//! CPython. MD5/SHA-1/SHA-2/SHA-3 come from the RustCrypto crates; BLAKE2 is in `blake2.rs`.

mod blake2;

use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::str::as_str;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use num_traits::ToPrimitive;
use sha2::Digest;
use sha3::digest::{ExtendableOutput, Update, XofReader};
use std::cell::RefCell;

#[derive(Clone)]
enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2(blake2::Blake2),
}

impl Hasher {
    fn update(&mut self, d: &[u8]) {
        match self {
            Hasher::Md5(h) => Digest::update(h, d),
            Hasher::Sha1(h) => Digest::update(h, d),
            Hasher::Sha224(h) => Digest::update(h, d),
            Hasher::Sha256(h) => Digest::update(h, d),
            Hasher::Sha384(h) => Digest::update(h, d),
            Hasher::Sha512(h) => Digest::update(h, d),
            Hasher::Sha3_224(h) => Digest::update(h, d),
            Hasher::Sha3_256(h) => Digest::update(h, d),
            Hasher::Sha3_384(h) => Digest::update(h, d),
            Hasher::Sha3_512(h) => Digest::update(h, d),
            Hasher::Shake128(h) => Update::update(h, d),
            Hasher::Shake256(h) => Update::update(h, d),
            Hasher::Blake2(h) => h.update(d),
        }
    }

    /// The digest (`len` bytes for the SHAKE functions).
    fn digest(&self, len: usize) -> Vec<u8> {
        match self.clone() {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
            Hasher::Sha3_224(h) => h.finalize().to_vec(),
            Hasher::Sha3_256(h) => h.finalize().to_vec(),
            Hasher::Sha3_384(h) => h.finalize().to_vec(),
            Hasher::Sha3_512(h) => h.finalize().to_vec(),
            Hasher::Shake128(h) => {
                let mut out = vec![0u8; len];
                h.finalize_xof().read(&mut out);
                out
            }
            Hasher::Shake256(h) => {
                let mut out = vec![0u8; len];
                h.finalize_xof().read(&mut out);
                out
            }
            Hasher::Blake2(h) => h.finalize(),
        }
    }
}

pub struct HashObj {
    /// Boxed: some hasher states are 16-byte aligned, heap objects only 8.
    state: RefCell<Box<Hasher>>,
    /// Index into ALGOS.
    algo: usize,
    digest_size: usize,
}

impl Trace for HashObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for HashObj {
    const KIND: ObjKind = ObjKind::Hash;
}

/// (module, name, digest size, block size).
const ALGOS: &[(&str, &str, usize, usize)] = &[
    ("_md5", "md5", 16, 64),
    ("_sha1", "sha1", 20, 64),
    ("_sha256", "sha224", 28, 64),
    ("_sha256", "sha256", 32, 64),
    ("_sha512", "sha384", 48, 128),
    ("_sha512", "sha512", 64, 128),
    ("_sha3", "sha3_224", 28, 144),
    ("_sha3", "sha3_256", 32, 136),
    ("_sha3", "sha3_384", 48, 104),
    ("_sha3", "sha3_512", 64, 72),
    ("_sha3", "shake_128", 0, 168),
    ("_sha3", "shake_256", 0, 136),
    ("_blake2", "blake2b", 64, 128),
    ("_blake2", "blake2s", 32, 64),
];

fn fresh(algo: usize) -> Hasher {
    match algo {
        0 => Hasher::Md5(md5::Md5::new()),
        1 => Hasher::Sha1(sha1::Sha1::new()),
        2 => Hasher::Sha224(sha2::Sha224::new()),
        3 => Hasher::Sha256(sha2::Sha256::new()),
        4 => Hasher::Sha384(sha2::Sha384::new()),
        5 => Hasher::Sha512(sha2::Sha512::new()),
        6 => Hasher::Sha3_224(sha3::Sha3_224::new()),
        7 => Hasher::Sha3_256(sha3::Sha3_256::new()),
        8 => Hasher::Sha3_384(sha3::Sha3_384::new()),
        9 => Hasher::Sha3_512(sha3::Sha3_512::new()),
        10 => Hasher::Shake128(sha3::Shake128::default()),
        _ => Hasher::Shake256(sha3::Shake256::default()),
    }
}

fn algo_index(name: &str) -> usize {
    ALGOS.iter().position(|a| a.1 == name).unwrap_or(0)
}

/// The Python type of an algorithm (created once per VM).
fn hash_type(vm: &mut Vm, algo: usize) -> Value {
    let (module, name, _, _) = ALGOS[algo];
    let key = format!("hash.{name}");
    if let Some(t) = vm.state_get(&key) {
        return t;
    }
    let object = vm.types.object;
    // Not subclassable, as in CPython.
    let t = typeobj::new_static_type(vm, name, object, ObjKind::Hash, TypeFlags::default());
    let is_shake = name.starts_with("shake");
    typeobj::add_methods(vm, t, if is_shake { SHAKE_METHODS } else { METHODS });
    typeobj::add_getsets(vm, t, GETSETS);
    if module == "_sha3" {
        typeobj::add_getsets(vm, t, SHA3_GETSETS);
        typeobj::add_methods(vm, t, SHA3_NEW);
    }
    if module == "_blake2" {
        typeobj::add_methods(vm, t, BLAKE2_NEW);
        let wide = name == "blake2b";
        let d = typeobj::tobj(t).dict.get();
        for (k, b, s) in [
            ("MAX_DIGEST_SIZE", 64, 32),
            ("MAX_KEY_SIZE", 64, 32),
            ("PERSON_SIZE", 16, 8),
            ("SALT_SIZE", 16, 8),
        ] {
            let key = vm.intern(k);
            let v = Value::try_small_int(if wide { b } else { s }).unwrap_or(Value::NONE);
            crate::types::dict::set_item_str(vm, d, key, v);
        }
    }
    let d = typeobj::tobj(t).dict.get();
    let k = vm.intern("__module__");
    let v = vm.new_str(module);
    crate::types::dict::set_item_str(vm, d, k, v);
    vm.state_set(&key, t);
    t
}

/// Data to hash: a bytes-like object (not a str).
fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if as_str(v).is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    crate::types::bytes::bytes_data(v)
        .ok_or_else(|| vm.type_error("object supporting the buffer API required"))
}

fn new_hash(
    vm: &mut Vm,
    ty: Value,
    algo: usize,
    h: Hasher,
    digest_size: usize,
    data: Value,
) -> PyResult {
    let mut h = h;
    if !data.is_null() {
        let d = data_arg(vm, data)?;
        h.update(&d);
    }
    Ok(crate::heap::alloc(
        ty,
        HashObj {
            state: RefCell::new(Box::new(h)),
            algo,
            digest_size,
        },
    ))
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static HashObj> {
    v.downcast::<HashObj>()
        .ok_or_else(|| vm.type_error("expected a hash object"))
}

static METHODS: &[NativeDef] = &[
    native!("update", "($self, obj, /)", m_update),
    native!("digest", "($self, /)", m_digest),
    native!("hexdigest", "($self, /)", m_hexdigest),
    native!("copy", "($self, /)", m_copy),
];

static SHAKE_METHODS: &[NativeDef] = &[
    native!("update", "($self, data, /)", m_update),
    native!("digest", "($self, length, /)", m_digest),
    native!("hexdigest", "($self, length, /)", m_hexdigest),
    native!("copy", "($self, /)", m_copy),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("name", "($self, /)", g_name), None),
    (native!("digest_size", "($self, /)", g_digest_size), None),
    (native!("block_size", "($self, /)", g_block_size), None),
];

static SHA3_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("_capacity_bits", "($self, /)", g_capacity), None),
    (native!("_rate_bits", "($self, /)", g_rate), None),
    (native!("_suffix", "($self, /)", g_suffix), None),
];

static SHA3_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, data=b'', /, *, usedforsecurity=True)",
    sha3_new
)];

static BLAKE2_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, data=b'', /, *, digest_size=<unrepresentable>, key=b'', salt=b'', person=b'', \
     fanout=1, depth=1, leaf_size=0, node_offset=0, node_depth=0, inner_size=0, \
     last_node=False, usedforsecurity=True)",
    blake2_new
)];

fn m_update(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    let d = data_arg(vm, a[1])?;
    h.state.borrow_mut().update(&d);
    Ok(Value::NONE)
}

fn digest_len(vm: &mut Vm, h: &HashObj, len: Value) -> PyResult<usize> {
    if len.is_null() {
        return Ok(h.digest_size);
    }
    let n = crate::ops::number::index(vm, len)?;
    let big = crate::types::int::int_ref(n)
        .map(|r| r.to_bigint())
        .unwrap_or_default();
    if big.sign() == num_bigint::Sign::Minus {
        return Err(vm.value_error("value must be positive"));
    }
    match big.to_usize() {
        Some(n) if n < (1 << 29) => Ok(n),
        _ => Err(vm.value_error("length is too large")),
    }
}

fn m_digest(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    let n = digest_len(vm, h, a.get(1).copied().unwrap_or(Value::NULL))?;
    let d = h.state.borrow().digest(n);
    Ok(crate::types::bytes::new_bytes(vm, d))
}

fn m_hexdigest(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    let n = digest_len(vm, h, a.get(1).copied().unwrap_or(Value::NULL))?;
    let d = h.state.borrow().digest(n);
    let s: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_string(s))
}

fn m_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    let st = h.state.borrow().clone();
    let ty = vm.type_of(a[0]);
    Ok(crate::heap::alloc(
        ty,
        HashObj {
            state: RefCell::new(st),
            algo: h.algo,
            digest_size: h.digest_size,
        },
    ))
}

fn g_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    Ok(vm.new_str(ALGOS[h.algo].1))
}

fn g_digest_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, h.digest_size))
}

fn g_block_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, ALGOS[h.algo].3))
}

fn g_capacity(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    Ok(crate::types::int::from_usize(
        vm,
        1600 - ALGOS[h.algo].3 * 8,
    ))
}

fn g_rate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, ALGOS[h.algo].3 * 8))
}

fn g_suffix(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = this(vm, a[0])?;
    let s = if ALGOS[h.algo].1.starts_with("shake") {
        0x1f
    } else {
        0x06
    };
    Ok(crate::types::bytes::new_bytes(vm, vec![s]))
}

/// The algorithm of a type (or of the nearest builtin hash type it derives from).
fn algo_of_type(vm: &mut Vm, ty: Value) -> usize {
    for (i, a) in ALGOS.iter().enumerate() {
        if let Some(t) = vm.state_get(&format!("hash.{}", a.1))
            && typeobj::is_subtype(ty, t)
        {
            return i;
        }
    }
    0
}

fn sha3_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let algo = algo_of_type(vm, a[0]);
    let ds = ALGOS[algo].2;
    new_hash(vm, a[0], algo, fresh(algo), ds, a[1])
}

fn small(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        return Ok(default);
    }
    crate::ops::number::index_i64(vm, v)
}

/// An unsigned parameter: negative is "value must be positive", above `max` `too_large`.
fn unsigned(vm: &mut Vm, v: Value, max: u64, too_large: &str) -> PyResult<u64> {
    if v.is_null() {
        return Ok(0);
    }
    let n = crate::ops::number::index(vm, v)?;
    let big = crate::types::int::int_ref(n)
        .map(|r| r.to_bigint())
        .unwrap_or_default();
    if big.sign() == num_bigint::Sign::Minus {
        return Err(vm.value_error("value must be positive"));
    }
    match big.to_u64() {
        Some(x) if x <= max => Ok(x),
        Some(_) => Err(vm.overflow_error(too_large)),
        None => Err(vm.overflow_error("int too big to convert")),
    }
}

fn buffer_param(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if v.is_null() {
        return Ok(vec![]);
    }
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn blake2_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let algo = algo_of_type(vm, a[0]);
    let wide = ALGOS[algo].1 == "blake2b";
    let (max_digest, max_key, max_salt) = if wide { (64, 64, 16) } else { (32, 32, 8) };
    let ds = small(vm, a[2], max_digest)?;
    if !(1..=max_digest).contains(&ds) {
        return Err(vm.value_error(format!(
            "digest_size must be between 1 and {max_digest} bytes"
        )));
    }
    let key = buffer_param(vm, a[3])?;
    let salt = buffer_param(vm, a[4])?;
    let person = buffer_param(vm, a[5])?;
    if key.len() > max_key as usize {
        return Err(vm.value_error(format!("maximum key length is {max_key} bytes")));
    }
    if salt.len() > max_salt {
        return Err(vm.value_error(format!("maximum salt length is {max_salt} bytes")));
    }
    if person.len() > max_salt {
        return Err(vm.value_error(format!("maximum person length is {max_salt} bytes")));
    }
    let fanout = small(vm, a[6], 1)?;
    if !(0..=255).contains(&fanout) {
        return Err(vm.value_error("fanout must be between 0 and 255"));
    }
    let depth = small(vm, a[7], 1)?;
    if !(1..=255).contains(&depth) {
        return Err(vm.value_error("depth must be between 1 and 255"));
    }
    let leaf_size = unsigned(vm, a[8], u32::MAX as u64, "leaf_size is too large")?;
    let max_off = if wide { u64::MAX } else { (1 << 48) - 1 };
    let node_offset = unsigned(vm, a[9], max_off, "node_offset is too large")?;
    let node_depth = small(vm, a[10], 0)?;
    if !(0..=255).contains(&node_depth) {
        return Err(vm.value_error("node_depth must be between 0 and 255"));
    }
    let inner_size = small(vm, a[11], 0)?;
    if !(0..=max_digest).contains(&inner_size) {
        return Err(vm.value_error(format!("inner_size must be between 0 and is {max_digest}")));
    }
    let last_node = if a[12].is_null() {
        false
    } else {
        crate::ops::truth::is_true(vm, a[12])?
    };
    let p = blake2::Params {
        digest_size: ds as usize,
        key,
        salt,
        person,
        fanout: fanout as u8,
        depth: depth as u8,
        leaf_size: leaf_size as u32,
        node_offset,
        node_depth: node_depth as u8,
        inner_size: inner_size as u8,
        last_node,
    };
    let h = Hasher::Blake2(blake2::Blake2::new(wide, &p));
    new_hash(vm, a[0], algo, h, ds as usize, a[1])
}

// ----- the md5/sha1/sha2 constructor functions and the modules -----

fn ctor(vm: &mut Vm, name: &str, data: Value) -> PyResult {
    let algo = algo_index(name);
    let ty = hash_type(vm, algo);
    new_hash(vm, ty, algo, fresh(algo), ALGOS[algo].2, data)
}

fn f_md5(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctor(vm, "md5", a[1])
}
fn f_sha1(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctor(vm, "sha1", a[1])
}
fn f_sha224(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctor(vm, "sha224", a[1])
}
fn f_sha256(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctor(vm, "sha256", a[1])
}
fn f_sha384(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctor(vm, "sha384", a[1])
}
fn f_sha512(vm: &mut Vm, a: &[Value]) -> PyResult {
    ctor(vm, "sha512", a[1])
}

static MD5_FUNCS: &[NativeDef] = &[native!(
    "md5",
    "($module, /, string=b'', *, usedforsecurity=True)",
    f_md5
)];
static SHA1_FUNCS: &[NativeDef] = &[native!(
    "sha1",
    "($module, /, string=b'', *, usedforsecurity=True)",
    f_sha1
)];
static SHA256_FUNCS: &[NativeDef] = &[
    native!(
        "sha224",
        "($module, /, string=b'', *, usedforsecurity=True)",
        f_sha224
    ),
    native!(
        "sha256",
        "($module, /, string=b'', *, usedforsecurity=True)",
        f_sha256
    ),
];
static SHA512_FUNCS: &[NativeDef] = &[
    native!(
        "sha384",
        "($module, /, string=b'', *, usedforsecurity=True)",
        f_sha384
    ),
    native!(
        "sha512",
        "($module, /, string=b'', *, usedforsecurity=True)",
        f_sha512
    ),
];
static NO_FUNCS: &[NativeDef] = &[];

fn set(vm: &mut Vm, m: Value, name: &str, v: Value) {
    crate::types::module::set_attr(vm, m, name, v);
}

pub fn init_md5(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_md5", MD5_FUNCS);
    let t = hash_type(vm, algo_index("md5"));
    set(vm, m, "MD5Type", t);
    Ok(m)
}

pub fn init_sha1(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_sha1", SHA1_FUNCS);
    let t = hash_type(vm, algo_index("sha1"));
    set(vm, m, "SHA1Type", t);
    Ok(m)
}

pub fn init_sha256(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_sha256", SHA256_FUNCS);
    let t = hash_type(vm, algo_index("sha224"));
    set(vm, m, "SHA224Type", t);
    let t = hash_type(vm, algo_index("sha256"));
    set(vm, m, "SHA256Type", t);
    Ok(m)
}

pub fn init_sha512(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_sha512", SHA512_FUNCS);
    // CPython 3.11 registers the sha512 type under the name SHA384Type (and has no
    // SHA512Type); ferropy matches it.
    hash_type(vm, algo_index("sha384"));
    let t = hash_type(vm, algo_index("sha512"));
    set(vm, m, "SHA384Type", t);
    Ok(m)
}

pub fn init_sha3(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_sha3", NO_FUNCS);
    for name in [
        "sha3_224",
        "sha3_256",
        "sha3_384",
        "sha3_512",
        "shake_128",
        "shake_256",
    ] {
        let t = hash_type(vm, algo_index(name));
        set(vm, m, name, t);
    }
    let imp = vm.new_str("tiny_sha3");
    set(vm, m, "implementation", imp);
    set(
        vm,
        m,
        "keccakopt",
        Value::try_small_int(64).unwrap_or(Value::NONE),
    );
    Ok(m)
}

pub fn init_blake2(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_blake2", NO_FUNCS);
    for name in ["blake2b", "blake2s"] {
        let t = hash_type(vm, algo_index(name));
        set(vm, m, name, t);
    }
    for (k, v) in [
        ("BLAKE2B_MAX_DIGEST_SIZE", 64),
        ("BLAKE2B_MAX_KEY_SIZE", 64),
        ("BLAKE2B_PERSON_SIZE", 16),
        ("BLAKE2B_SALT_SIZE", 16),
        ("BLAKE2S_MAX_DIGEST_SIZE", 32),
        ("BLAKE2S_MAX_KEY_SIZE", 32),
        ("BLAKE2S_PERSON_SIZE", 8),
        ("BLAKE2S_SALT_SIZE", 8),
    ] {
        set(vm, m, k, Value::try_small_int(v).unwrap_or(Value::NONE));
    }
    Ok(m)
}
