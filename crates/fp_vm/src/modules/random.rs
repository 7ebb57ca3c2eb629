//! `_random`: the Mersenne Twister (MT19937) behind `random.Random`, exactly as CPython 3.11's
//! C code: `seed` (int: absolute value split into 32-bit words for `init_by_array`; other
//! objects: their hash; None: OS randomness), `random` (53-bit floats), `getrandbits`,
//! `getstate`/`setstate`. Same seed, same numbers as CPython.

use crate::native;
use crate::native::NativeDef;
use crate::native_staticmethod;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use std::cell::RefCell;

const N: usize = 624;
const M: usize = 397;

/// The generator state.
#[derive(Clone)]
struct Mt {
    mt: [u32; N],
    index: usize,
}

impl Mt {
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1812433253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        self.mt[0] = 0x8000_0000;
        self.index = N;
    }

    fn next_u32(&mut self) -> u32 {
        const MAG01: [u32; 2] = [0, 0x9908_b0df];
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        if self.index >= N {
            for kk in 0..N {
                let y = (self.mt[kk] & UPPER) | (self.mt[(kk + 1) % N] & LOWER);
                self.mt[kk] = self.mt[(kk + M) % N] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }
}

pub struct RandomObj {
    st: RefCell<Box<Mt>>,
}

impl Trace for RandomObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for RandomObj {
    const KIND: ObjKind = ObjKind::Random;
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", random_new),
    native!("__init__", "($self, /, *args, **kwargs)", random_init),
    native!("seed", "($self, n=None, /)", seed),
    native!("random", "($self, /)", random),
    native!("getrandbits", "($self, k, /)", getrandbits),
    native!("getstate", "($self, /)", getstate),
    native!("setstate", "($self, state, /)", setstate),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_random", &[]);
    let t = match vm.state_get("_random.Random") {
        Some(t) => t,
        None => {
            let object = vm.types.object;
            let t = typeobj::new_static_type(
                vm,
                "Random",
                object,
                ObjKind::Random,
                TypeFlags::BASETYPE,
            );
            typeobj::add_methods(vm, t, METHODS);
            let d = typeobj::tobj(t).dict.get();
            let k = vm.intern("__module__");
            let v = vm.new_str("_random");
            crate::types::dict::set_item_str(vm, d, k, v);
            vm.state_set("_random.Random", t);
            t
        }
    };
    crate::types::module::set_attr(vm, m, "Random", t);
    Ok(m)
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static RandomObj> {
    v.downcast::<RandomObj>().ok_or_else(|| {
        vm.type_error(format!(
            "descriptor requires a '_random.Random' object but received a '{}'",
            vm.type_name(v)
        ))
    })
}

/// `__new__`: an unseeded (all-zero) generator, as CPython's generic allocation gives.
fn random_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(crate::heap::alloc(
        a[0],
        RandomObj {
            st: RefCell::new(Box::new(Mt {
                mt: [0; N],
                index: 0,
            })),
        },
    ))
}

/// `__init__(seed=None)`: seeds. Subclasses that override `__init__` (as `random.Random`
/// does) skip it and seed themselves.
fn random_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if !a[2].is_null() && crate::types::dict::len(a[2]) > 0 {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    let arg = args.first().copied().unwrap_or(Value::NONE);
    do_seed(vm, a[0], arg)?;
    Ok(Value::NONE)
}

/// Seeds from OS randomness (CPython: `random_seed_urandom`, falling back to time and pid).
fn os_seed() -> Vec<u32> {
    use std::io::Read;
    let mut buf = [0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if ok {
        return buf
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    vec![
        now as u32,
        (now >> 32) as u32,
        std::process::id(),
        (now >> 64) as u32,
    ]
}

fn do_seed(vm: &mut Vm, obj: Value, arg: Value) -> PyResult<()> {
    let r = this(vm, obj)?;
    let key: Vec<u32> = if arg.is_null() || arg.is_none() {
        os_seed()
    } else {
        let n: BigInt = match crate::types::int::int_ref(arg) {
            Some(i) => {
                let b = i.to_bigint();
                if b.sign() == Sign::Minus { -b } else { b }
            }
            None => {
                let h = crate::ops::hash::hash(vm, arg)?;
                BigInt::from(h as u64)
            }
        };
        let mut words = n.to_u32_digits().1;
        if words.is_empty() {
            words.push(0);
        }
        words
    };
    r.st.borrow_mut().init_by_array(&key);
    Ok(())
}

fn seed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let arg = if a[1].is_null() { Value::NONE } else { a[1] };
    do_seed(vm, a[0], arg)?;
    Ok(Value::NONE)
}

fn random(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let x = r.st.borrow_mut().random();
    Ok(crate::types::float::new_float(vm, x))
}

fn getrandbits(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let k = crate::ops::number::index_i64(vm, a[1])?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(Value::try_small_int(0).unwrap_or(Value::NONE));
    }
    let mut st = r.st.borrow_mut();
    if k <= 32 {
        let v = st.next_u32() >> (32 - k);
        drop(st);
        return Ok(crate::types::int::from_u64(vm, v as u64));
    }
    let words = ((k - 1) / 32 + 1) as usize;
    let mut out = Vec::with_capacity(words);
    let mut left = k;
    for _ in 0..words {
        let mut v = st.next_u32();
        if left < 32 {
            v >>= 32 - left;
        }
        out.push(v);
        left -= 32;
    }
    drop(st);
    let b = BigInt::from_slice(Sign::Plus, &out);
    Ok(crate::types::int::from_bigint(vm, b))
}

fn getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let st = r.st.borrow().clone();
    let mut items = Vec::with_capacity(N + 1);
    for w in st.mt {
        items.push(crate::types::int::from_u64(vm, w as u64));
    }
    items.push(crate::types::int::from_usize(vm, st.index));
    Ok(crate::types::tuple::new_tuple(vm, items))
}

fn setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = this(vm, a[0])?;
    let Some(items) = crate::types::tuple::items(a[1]) else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let items = items.to_vec();
    let mut mt = [0u32; N];
    for (i, &v) in items.iter().take(N).enumerate() {
        mt[i] = unsigned_long(vm, v)? as u32;
    }
    let index = crate::ops::number::index_i64(vm, items[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    **r.st.borrow_mut() = Mt {
        mt,
        index: index as usize,
    };
    Ok(Value::NONE)
}

/// `PyLong_AsUnsignedLong`: an int in [0, 2**64).
fn unsigned_long(vm: &mut Vm, v: Value) -> PyResult<u64> {
    let Some(i) = crate::types::int::int_ref(v) else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    };
    let b = i.to_bigint();
    if b.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    num_traits::ToPrimitive::to_u64(&b)
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C unsigned long"))
}
