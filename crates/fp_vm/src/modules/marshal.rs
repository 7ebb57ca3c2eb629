//! `marshal`: CPython's value serialisation format (version 4) for the builtin value types,
//! read and written byte-compatibly, so data marshalled by CPython loads here and vice versa.
//!
//! Code objects are the exception: our bytecode is not CPython's, so they are written as type
//! `C` (unused by CPython, whose marshal refuses it as an unknown type code), this build's
//! bytecode tag (`startup::code_tag`, two bytes) and ferropy's own encoding
//! (`fp_bytecode::serialize`). Only this build reads them back: a code object of another build,
//! or CPython's type `c`, is refused with ValueError naming why.

use crate::native;
use crate::native::NativeDef;
use crate::types::code::CodeObj;
use crate::types::{bytes, dict, list, set, str as pystr, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};

pub const VERSION: i64 = 4;
const FLAG_REF: u8 = 0x80;
/// The type of ferropy's code objects (CPython's code objects are `c`).
const CODE: u8 = b'C';

/// What precedes the encoding of a code object: its type and this build's bytecode tag.
pub fn code_prefix() -> [u8; 3] {
    let t = crate::modules::startup::code_tag().to_le_bytes();
    [CODE, t[0], t[1]]
}

static FUNCS: &[NativeDef] = &[
    native!("dumps", "(value, version=4, /)", dumps),
    native!("loads", "(bytes, /)", loads),
    native!("dump", "(value, file, version=4, /)", dump),
    native!("load", "(file, /)", load),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "marshal", FUNCS);
    let v = Value::try_small_int(VERSION).unwrap_or(Value::NONE);
    crate::types::module::set_attr(vm, m, "version", v);
    Ok(m)
}

pub(crate) fn dumps(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut out = Vec::new();
    write_value(vm, &mut out, a[0], 0)?;
    Ok(bytes::new_bytes(vm, out))
}

fn dump(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = dumps(vm, &[a[0]])?;
    let w = vm.intern("write");
    crate::ops::call::call_method(vm, a[1], w, &[data])?;
    Ok(Value::NONE)
}

pub(crate) fn loads(vm: &mut Vm, a: &[Value]) -> PyResult {
    // Bytes (and contiguous views of bytes, importlib's `memoryview(data)[16:]`) are read in
    // place: they are immutable and the argument keeps them alive.
    let owned;
    let data: &[u8] = if let Some(b) = a[0].downcast::<bytes::BytesObj>() {
        &b.data
    } else if let Some(s) = a[0]
        .downcast::<crate::types::memoryview::MemoryViewObj>()
        .and_then(|m| m.bytes_slice())
    {
        s
    } else {
        owned = crate::types::bytes_methods::buffer_arg(vm, a[0])?;
        &owned
    };
    let mut r = Reader {
        data,
        pos: 0,
        refs: Vec::new(),
    };
    r.value(vm, 0)
}

fn load(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = vm.intern("read");
    let data = crate::ops::call::call_method(vm, a[0], r, &[])?;
    loads(vm, &[data])
}

/// Nesting limit of CPython's marshal (MAX_MARSHAL_STACK_DEPTH).
const MAX_DEPTH: usize = 2000;

fn write_value(vm: &mut Vm, out: &mut Vec<u8>, v: Value, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(vm.value_error("object too deeply nested to marshal"));
    }
    let ty = vm.type_of(v);
    let exact = |t: Value| ty == t;
    if v.is_none() {
        out.push(b'N');
    } else if v == Value::TRUE {
        out.push(b'T');
    } else if v == Value::FALSE {
        out.push(b'F');
    } else if v == Value::ELLIPSIS {
        out.push(b'.');
    } else if v == vm.exc.stop_iteration {
        out.push(b'S');
    } else if exact(vm.types.int) {
        let b = crate::types::int::int_ref(v)
            .map(|i| i.to_bigint())
            .unwrap_or_default();
        match i32::try_from(&b) {
            Ok(i) => {
                out.push(b'i');
                out.extend_from_slice(&i.to_le_bytes());
            }
            Err(_) => write_long(out, &b),
        }
    } else if exact(vm.types.float) {
        out.push(b'g');
        let f = crate::types::float::as_f64(v).unwrap_or(0.0);
        out.extend_from_slice(&f.to_le_bytes());
    } else if let Some(c) = v.downcast::<crate::types::complex::ComplexObj>()
        && exact(vm.types.complex)
    {
        out.push(b'y');
        out.extend_from_slice(&c.re.to_le_bytes());
        out.extend_from_slice(&c.im.to_le_bytes());
    } else if exact(vm.types.str_) {
        let s = pystr::as_str(v).unwrap_or("");
        // CPython writes lone surrogates with 'surrogatepass'.
        let data = pystr::to_wtf8(s);
        if s.is_ascii() && s.len() < 256 {
            out.push(b'z');
            out.push(s.len() as u8);
        } else {
            out.push(if s.is_ascii() { b'a' } else { b'u' });
            write_len(out, data.len());
        }
        out.extend_from_slice(&data);
    } else if exact(vm.types.bytes) || exact(vm.types.bytearray) {
        let data = bytes::bytes_data(v).unwrap_or_default();
        out.push(b's');
        write_len(out, data.len());
        out.extend_from_slice(&data);
    } else if exact(vm.types.tuple) {
        let items = tuple::items(v).unwrap_or(&[]);
        if items.len() < 256 {
            out.push(b')');
            out.push(items.len() as u8);
        } else {
            out.push(b'(');
            write_len(out, items.len());
        }
        for it in items {
            write_value(vm, out, *it, depth + 1)?;
        }
    } else if let Some(l) = v.downcast::<list::ListObj>()
        && exact(vm.types.list)
    {
        let items = l.items.borrow().clone();
        out.push(b'[');
        write_len(out, items.len());
        for it in items {
            write_value(vm, out, it, depth + 1)?;
        }
    } else if exact(vm.types.dict) {
        out.push(b'{');
        for (k, val) in dict::items(v) {
            write_value(vm, out, k, depth + 1)?;
            write_value(vm, out, val, depth + 1)?;
        }
        out.push(b'0');
    } else if let Some(s) = v.downcast::<set::SetObj>()
        && (exact(vm.types.set) || exact(vm.types.frozenset))
    {
        let items = s.items();
        out.push(if exact(vm.types.set) { b'<' } else { b'>' });
        write_len(out, items.len());
        for it in items {
            write_value(vm, out, it, depth + 1)?;
        }
    } else if let Some(c) = v.downcast::<CodeObj>() {
        out.extend_from_slice(&code_prefix());
        let code = crate::types::code::full_code(c);
        fp_bytecode::serialize::write_code(out, &code);
    } else {
        return Err(vm.value_error("unmarshallable object"));
    }
    Ok(())
}

fn write_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Type `l`: sign and size in 15-bit digits, then the digits, least significant first.
fn write_long(out: &mut Vec<u8>, b: &BigInt) {
    let (sign, mag) = b.to_u32_digits();
    let mut digits: Vec<u16> = Vec::new();
    let mut acc: u64 = 0;
    let mut bits: u32 = 0;
    for d in mag {
        acc |= (d as u64) << bits;
        bits += 32;
        while bits >= 15 {
            digits.push((acc & 0x7fff) as u16);
            acc >>= 15;
            bits -= 15;
        }
    }
    while bits > 0 {
        digits.push((acc & 0x7fff) as u16);
        acc >>= 15;
        bits = bits.saturating_sub(15);
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    out.push(b'l');
    let n = digits.len() as i32;
    let n = if sign == Sign::Minus { -n } else { n };
    out.extend_from_slice(&n.to_le_bytes());
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Objects flagged with FLAG_REF, by index, for `r` back-references.
    refs: Vec<Value>,
}

impl Reader<'_> {
    fn eof(vm: &mut Vm) -> crate::vm::Exc {
        vm.new_exc(vm.exc.eof_error, "marshal data too short")
    }

    fn bad(vm: &mut Vm) -> crate::vm::Exc {
        vm.value_error("bad marshal data (unknown type code)")
    }

    fn take(&mut self, vm: &mut Vm, n: usize) -> PyResult<&[u8]> {
        if self.data.len() - self.pos < n {
            return Err(Self::eof(vm));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self, vm: &mut Vm) -> PyResult<u8> {
        Ok(self.take(vm, 1)?[0])
    }

    fn i32(&mut self, vm: &mut Vm) -> PyResult<i32> {
        let b = self.take(vm, 4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn len(&mut self, vm: &mut Vm) -> PyResult<usize> {
        let n = self.i32(vm)?;
        usize::try_from(n).map_err(|_| vm.value_error("bad marshal data (size out of range)"))
    }

    fn f64(&mut self, vm: &mut Vm) -> PyResult<f64> {
        let b = self.take(vm, 8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    fn value(&mut self, vm: &mut Vm, depth: usize) -> PyResult {
        if depth > MAX_DEPTH {
            return Err(vm.value_error("recursion limit exceeded"));
        }
        if self.pos >= self.data.len() {
            return Err(vm.new_exc(vm.exc.eof_error, "EOF read where object expected"));
        }
        let code = self.u8(vm)?;
        let flag = code & FLAG_REF != 0;
        // Containers reserve their ref slot before their items are read.
        let slot = if flag {
            self.refs.push(Value::NONE);
            Some(self.refs.len() - 1)
        } else {
            None
        };
        let v = match code & !FLAG_REF {
            b'0' => return Err(vm.type_error("NULL object in marshal data for object")),
            b'N' => Value::NONE,
            b'T' => Value::TRUE,
            b'F' => Value::FALSE,
            b'.' => Value::ELLIPSIS,
            b'S' => vm.exc.stop_iteration,
            b'i' => {
                let i = self.i32(vm)?;
                crate::types::int::from_i64(vm, i as i64)
            }
            b'l' => {
                let n = self.i32(vm)?;
                let count = n.unsigned_abs() as usize;
                let raw = self.take(vm, count.saturating_mul(2))?.to_vec();
                let mut b = BigInt::from(0);
                for ch in raw.chunks(2).rev() {
                    let d = u16::from_le_bytes([ch[0], ch[1]]);
                    if d > 0x7fff {
                        return Err(vm.value_error("bad marshal data (digit out of range in long)"));
                    }
                    b = (b << 15) + d;
                }
                if n < 0 {
                    b = -b;
                }
                crate::types::int::from_bigint(vm, b)
            }
            b'g' => {
                let f = self.f64(vm)?;
                crate::types::float::new_float(vm, f)
            }
            b'y' => {
                let re = self.f64(vm)?;
                let im = self.f64(vm)?;
                crate::types::complex::new_complex(vm, re, im)
            }
            t @ (b's' | b'u' | b't' | b'a' | b'A' | b'z' | b'Z') => {
                let n = if matches!(t, b'z' | b'Z') {
                    self.u8(vm)? as usize
                } else {
                    self.len(vm)?
                };
                let raw = self.take(vm, n)?.to_vec();
                match t {
                    b's' => bytes::new_bytes(vm, raw),
                    _ => match pystr::from_wtf8(&raw) {
                        Some(s) if matches!(t, b't' | b'A' | b'Z') => vm.intern(&s),
                        Some(s) => vm.new_string(s),
                        None => return Err(vm.value_error("bad marshal data (invalid str)")),
                    },
                }
            }
            t @ (b'(' | b')' | b'[' | b'<' | b'>') => {
                let n = if t == b')' {
                    self.u8(vm)? as usize
                } else {
                    self.len(vm)?
                };
                let mut items = Vec::with_capacity(n.min(self.data.len()));
                for _ in 0..n {
                    items.push(self.value(vm, depth + 1)?);
                }
                match t {
                    b'(' | b')' => tuple::new_tuple(vm, items),
                    b'[' => list::new_list(vm, items),
                    b'<' => {
                        let s = set::new_set(vm);
                        for it in items {
                            set::add(vm, s, it)?;
                        }
                        s
                    }
                    _ => set::new_frozenset_from(vm, items)?,
                }
            }
            b'{' => {
                let d = dict::new_dict(vm);
                if let Some(i) = slot {
                    self.refs[i] = d;
                }
                loop {
                    if self.data.get(self.pos) == Some(&b'0') {
                        self.pos += 1;
                        break;
                    }
                    let k = self.value(vm, depth + 1)?;
                    let val = self.value(vm, depth + 1)?;
                    dict::set_item(vm, d, k, val)?;
                }
                d
            }
            b'r' => {
                let i = self.len(vm)?;
                return match self.refs.get(i) {
                    Some(v) => Ok(*v),
                    None => Err(vm.value_error("bad marshal data (invalid reference)")),
                };
            }
            b'c' => {
                return Err(vm.value_error(
                    "bad marshal data (a CPython code object: ferropy has its own bytecode)",
                ));
            }
            CODE => {
                let tag = self.data.get(self.pos..self.pos + 2);
                if tag != Some(&crate::modules::startup::code_tag().to_le_bytes()[..]) {
                    return Err(vm.value_error(
                        "bad marshal data (a code object compiled by another ferropy build)",
                    ));
                }
                self.pos += 2;
                let rest = &self.data[self.pos..];
                match fp_bytecode::serialize::read_code(rest) {
                    Some((code, used)) => {
                        self.pos += used;
                        crate::types::code::load_code(vm, code)
                    }
                    None => return Err(vm.value_error("bad marshal data (code object)")),
                }
            }
            _ => return Err(Self::bad(vm)),
        };
        if let Some(i) = slot {
            self.refs[i] = v;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use crate::vm::{Config, Vm};

    fn loads_error(vm: &mut Vm, data: &[u8]) -> String {
        let b = crate::types::bytes::new_bytes(vm, data.to_vec());
        match super::loads(vm, &[b]) {
            Ok(_) => "loaded".into(),
            Err(e) => crate::ops::repr::str_string(vm, e.0).unwrap_or_default(),
        }
    }

    /// Code objects round-trip within a build; CPython's and another build's are refused.
    #[test]
    fn code_objects_of_other_builds_are_refused() {
        let mut vm = Vm::new(Config::default());
        let vm = &mut *vm;
        assert!(loads_error(vm, b"\xe3\0\0\0\0\0\0\0\0").contains("a CPython code object"));
        let tag = crate::modules::startup::code_tag()
            .wrapping_add(1)
            .to_le_bytes();
        let other = [b'C', tag[0], tag[1], 0, 0];
        assert!(loads_error(vm, &other).contains("another ferropy build"));
    }
}
