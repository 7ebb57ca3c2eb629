//! A byte format for [`CodeObject`]s, used by `marshal` for code objects and so by the import
//! system's code cache (`__pycache__/*.ferropy-311-TAG.pyc`).
//!
//! The format is private to one ferropy build: the cache files are named, and `marshal` marks
//! each code object, with a tag derived from the compiler's sources (see `fp_vm`'s build
//! script), so code written by another build is never read. Integers are LEB128 varints;
//! strings and byte strings are length-prefixed.

use crate::{CodeObject, Const, Instr, Location, Op};
use num_bigint::BigInt;

/// Appends the encoding of `code` to `out`.
pub fn write_code(out: &mut Vec<u8>, code: &CodeObject) {
    let w = &mut Writer { out };
    w.uint(code.instrs.len() as u64);
    for i in &code.instrs {
        w.out.push(i.op as u8);
        w.uint(i.arg as u64);
    }
    // Locations are mostly small deltas from the previous one.
    let mut prev = Location::default();
    for l in &code.locations {
        w.sint(l.line as i64 - prev.line as i64);
        w.sint(l.end_line as i64 - l.line as i64);
        w.uint(l.col as u64);
        w.uint(l.end_col as u64);
        prev = *l;
    }
    w.uint(code.consts.len() as u64);
    for c in &code.consts {
        w.constant(c);
    }
    for list in [&code.names, &code.varnames, &code.cellvars, &code.freevars] {
        w.uint(list.len() as u64);
        for s in list {
            w.str(s);
        }
    }
    w.uint(code.cell2arg.len() as u64);
    for (a, b) in &code.cell2arg {
        w.uint(*a as u64);
        w.uint(*b as u64);
    }
    for n in [
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.flags,
        code.firstlineno,
        code.max_stack,
    ] {
        w.uint(n as u64);
    }
    w.str(&code.name);
    w.str(&code.qualname);
    w.str(&code.filename);
}

/// Decodes one code object from the start of `data`; returns it and the bytes it used.
pub fn read_code(data: &[u8]) -> Option<(CodeObject, usize)> {
    let mut r = Reader { data, pos: 0 };
    let code = r.code()?;
    Some((code, r.pos))
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    fn uint(&mut self, mut n: u64) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn sint(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.uint(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn constant(&mut self, c: &Const) {
        match c {
            Const::None => self.out.push(b'N'),
            Const::True => self.out.push(b'T'),
            Const::False => self.out.push(b'F'),
            Const::Ellipsis => self.out.push(b'.'),
            Const::Int(i) => {
                self.out.push(b'i');
                self.bytes(&i.to_signed_bytes_le());
            }
            Const::Float(f) => {
                self.out.push(b'g');
                self.out.extend_from_slice(&f.to_le_bytes());
            }
            Const::Complex { real, imag } => {
                self.out.push(b'y');
                self.out.extend_from_slice(&real.to_le_bytes());
                self.out.extend_from_slice(&imag.to_le_bytes());
            }
            Const::Str(s) => {
                self.out.push(b's');
                self.str(s);
            }
            Const::Wtf8Str(b) => {
                self.out.push(b'w');
                self.bytes(b);
            }
            Const::Bytes(b) => {
                self.out.push(b'b');
                self.bytes(b);
            }
            Const::Tuple(items) | Const::FrozenSet(items) => {
                self.out.push(if matches!(c, Const::Tuple(_)) {
                    b'('
                } else {
                    b'>'
                });
                self.uint(items.len() as u64);
                for it in items {
                    self.constant(it);
                }
            }
            Const::Code(code) => {
                self.out.push(b'c');
                write_code(self.out, code);
            }
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    #[inline]
    fn uint(&mut self) -> Option<u64> {
        // Most numbers (opcode arguments, columns, line deltas, lengths) fit in one byte.
        let b = *self.data.get(self.pos)?;
        if b & 0x80 == 0 {
            self.pos += 1;
            return Some(b as u64);
        }
        self.uint_long()
    }

    fn uint_long(&mut self) -> Option<u64> {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift >= 64 {
                return None;
            }
            n |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
            shift += 7;
        }
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    fn sint(&mut self) -> Option<i64> {
        let n = self.uint()?;
        Some(((n >> 1) as i64) ^ -((n & 1) as i64))
    }

    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        // A length can never exceed what is left: guards allocations against corrupt input.
        (n <= self.data.len() - self.pos).then_some(n)
    }

    fn bytes(&mut self) -> Option<&[u8]> {
        let n = self.len()?;
        let b = self.data.get(self.pos..self.pos + n)?;
        self.pos += n;
        Some(b)
    }

    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?.to_vec()).ok()
    }

    fn f64(&mut self) -> Option<f64> {
        let b = self.data.get(self.pos..self.pos + 8)?;
        self.pos += 8;
        Some(f64::from_le_bytes(b.try_into().ok()?))
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.string()).collect()
    }

    fn constant(&mut self) -> Option<Const> {
        Some(match self.byte()? {
            b'N' => Const::None,
            b'T' => Const::True,
            b'F' => Const::False,
            b'.' => Const::Ellipsis,
            b'i' => Const::Int(BigInt::from_signed_bytes_le(self.bytes()?)),
            b'g' => Const::Float(self.f64()?),
            b'y' => Const::Complex {
                real: self.f64()?,
                imag: self.f64()?,
            },
            b's' => Const::Str(self.string()?),
            b'w' => Const::Wtf8Str(self.bytes()?.to_vec()),
            b'b' => Const::Bytes(self.bytes()?.to_vec()),
            t @ (b'(' | b'>') => {
                let n = self.len()?;
                let items = (0..n)
                    .map(|_| self.constant())
                    .collect::<Option<Vec<_>>>()?;
                if t == b'(' {
                    Const::Tuple(items)
                } else {
                    Const::FrozenSet(items)
                }
            }
            b'c' => Const::Code(Box::new(self.code()?)),
            _ => return None,
        })
    }

    fn code(&mut self) -> Option<CodeObject> {
        let n = self.len()?;
        let mut instrs = Vec::with_capacity(n);
        for _ in 0..n {
            let op = *Op::ALL.get(self.byte()? as usize)?;
            instrs.push(Instr::new(op, self.u32()?));
        }
        let mut locations = Vec::with_capacity(n);
        let mut prev = Location::default();
        for _ in 0..n {
            let line = u32::try_from(prev.line as i64 + self.sint()?).ok()?;
            let end_line = u32::try_from(line as i64 + self.sint()?).ok()?;
            let l = Location {
                line,
                end_line,
                col: self.u32()?,
                end_col: self.u32()?,
            };
            locations.push(l);
            prev = l;
        }
        let nc = self.len()?;
        let consts = (0..nc)
            .map(|_| self.constant())
            .collect::<Option<Vec<_>>>()?;
        let names = self.strings()?;
        let varnames = self.strings()?;
        let cellvars = self.strings()?;
        let freevars = self.strings()?;
        let ncell = self.len()?;
        let cell2arg = (0..ncell)
            .map(|_| Some((self.u32()?, self.u32()?)))
            .collect::<Option<Vec<_>>>()?;
        Some(CodeObject {
            instrs,
            locations,
            consts,
            names,
            varnames,
            cellvars,
            freevars,
            cell2arg,
            argcount: self.u32()?,
            posonlyargcount: self.u32()?,
            kwonlyargcount: self.u32()?,
            flags: self.u32()?,
            firstlineno: self.u32()?,
            max_stack: self.u32()?,
            name: self.string()?,
            qualname: self.string()?,
            filename: self.string()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_everything() {
        let inner = CodeObject {
            instrs: vec![Instr::new(Op::LOAD_CONST, 0), Instr::new(Op::NOP, 300)],
            locations: vec![
                Location {
                    line: 5,
                    end_line: 6,
                    col: 1,
                    end_col: 9,
                },
                Location::default(),
            ],
            consts: vec![
                Const::Int(BigInt::from(-1) << 100),
                Const::Float(-0.0),
                Const::Complex {
                    real: 1.5,
                    imag: f64::INFINITY,
                },
                Const::Str("héllo".into()),
                Const::Wtf8Str(vec![0xed, 0xa0, 0x80]),
                Const::Bytes(vec![0, 255]),
                Const::FrozenSet(vec![Const::None, Const::True]),
                Const::Tuple(vec![Const::Ellipsis, Const::False]),
            ],
            names: vec!["a".into()],
            varnames: vec!["x".into(), "y".into()],
            cellvars: vec!["x".into()],
            freevars: vec![],
            cell2arg: vec![(0, 0)],
            argcount: 2,
            posonlyargcount: 1,
            kwonlyargcount: 0,
            flags: 3,
            name: "f".into(),
            qualname: "C.f".into(),
            filename: "m.py".into(),
            firstlineno: 4,
            max_stack: 7,
        };
        let mut outer = inner.clone();
        outer.consts.push(Const::Code(Box::new(inner)));
        let mut buf = Vec::new();
        write_code(&mut buf, &outer);
        let (back, used) = read_code(&buf).expect("decodes");
        assert_eq!(used, buf.len());
        assert_eq!(format!("{back:?}"), format!("{outer:?}"));
        // Truncated input is rejected, never a panic.
        for cut in 0..buf.len() {
            assert!(read_code(&buf[..cut]).is_none());
        }
    }
}
