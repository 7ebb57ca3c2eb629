//! TextIOWrapper's general codec path: codecs the native `str_codec` fast paths do not cover
//! (the `encodings` registry: CJK codecs, UTF-7, the charmap codecs...) run through the codec's
//! incremental decoder and encoder objects, as CPython's `_io` does for every codec.
//!
//! Positions then need CPython's opaque `tell()` cookie: a stream position where the decoder
//! had nothing buffered, the decoder flags there, the bytes to feed from there and the
//! characters to skip of their output, and whether the decoder must be told EOF. It is packed
//! as CPython's C `TextIOWrapper` packs it (little-endian: a 64-bit start position, then three
//! 32-bit ints, then one byte) so cookies have the same values as in CPython.
//!
//! Newline translation stays in Rust (`textio::decode_into`): where CPython wraps the decoder
//! in an `IncrementalNewlineDecoder`, its state here is the codec decoder's state plus the
//! wrapper's pending `\r` (the low bit of the flags, as CPython's wrapper reports it).

use super::call_method;
use super::textio::TextIOObj;
use crate::ops;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};

/// CPython's cookie fields.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cookie {
    pub start_pos: i64,
    pub dec_flags: i32,
    pub bytes_to_feed: i32,
    pub chars_to_skip: i32,
    pub need_eof: bool,
}

const COOKIE_LEN: usize = 8 + 3 * 4 + 1;

impl Cookie {
    pub fn to_bigint(self) -> BigInt {
        let mut b = Vec::with_capacity(COOKIE_LEN);
        b.extend_from_slice(&self.start_pos.to_le_bytes());
        b.extend_from_slice(&self.dec_flags.to_le_bytes());
        b.extend_from_slice(&self.bytes_to_feed.to_le_bytes());
        b.extend_from_slice(&self.chars_to_skip.to_le_bytes());
        b.push(self.need_eof as u8);
        BigInt::from_bytes_le(Sign::Plus, &b)
    }

    /// Unpacks a non-negative cookie; None if it needs more than the cookie's bytes.
    pub fn from_bigint(v: &BigInt) -> Option<Cookie> {
        let (_, mut b) = v.to_bytes_le();
        if b.len() > COOKIE_LEN {
            return None;
        }
        b.resize(COOKIE_LEN, 0);
        let i32_at = |o: usize| i32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
        let mut p = [0u8; 8];
        p.copy_from_slice(&b[..8]);
        Some(Cookie {
            start_pos: i64::from_le_bytes(p),
            dec_flags: i32_at(8),
            bytes_to_feed: i32_at(12),
            chars_to_skip: i32_at(16),
            need_eof: b[20] != 0,
        })
    }
}

/// The cookie as a Python int.
pub fn cookie_value(vm: &mut Vm, c: Cookie) -> Value {
    if c.dec_flags == 0 && c.bytes_to_feed == 0 && c.chars_to_skip == 0 && !c.need_eof {
        return crate::types::int::from_u64(vm, c.start_pos as u64);
    }
    crate::types::int::from_bigint(vm, c.to_bigint())
}

/// Parses `seek()`'s cookie (already checked non-negative).
pub fn parse_cookie(vm: &mut Vm, pos: Value) -> PyResult<Cookie> {
    let Some(i) = crate::types::int::int_ref(pos) else {
        return Err(vm.type_error("an integer is required"));
    };
    match Cookie::from_bigint(&i.to_bigint()) {
        Some(c) => Ok(c),
        None => Err(vm.overflow_error("int too big to convert")),
    }
}

/// The codec's incremental decoder (if `readable`) and encoder (if `writable`), made from the
/// registry's CodecInfo with `errors`: `(decoder, encoder)`, None where not made.
pub fn make_codecs(
    vm: &mut Vm,
    encoding: &str,
    errors: &str,
    readable: bool,
    writable: bool,
) -> PyResult<(Value, Value)> {
    let Some(info) = crate::modules::codecs::registry_lookup(vm, encoding)? else {
        return Err(vm.new_exc(vm.exc.lookup_error, format!("unknown encoding: {encoding}")));
    };
    let e = vm.new_str(errors);
    let mut dec = Value::NONE;
    let mut enc = Value::NONE;
    if readable {
        let f = ops::attr::getattr_str(vm, info, "incrementaldecoder")?;
        dec = ops::call::call(vm, f, &[e])?;
    }
    if writable {
        let f = ops::attr::getattr_str(vm, info, "incrementalencoder")?;
        enc = ops::call::call(vm, f, &[e])?;
    }
    Ok((dec, enc))
}

/// `decoder.decode(data, final)`, which must return a str (CPython's message otherwise).
pub fn decode(vm: &mut Vm, dec: Value, data: &[u8], final_: bool) -> PyResult<String> {
    let b = crate::types::bytes::new_bytes(vm, data.to_vec());
    let r = call_method(vm, dec, "decode", &[b, Value::from_bool(final_)])?;
    match r.downcast::<StrObj>() {
        Some(s) => Ok(s.as_str().to_string()),
        None => Err(vm.type_error(format!(
            "decoder should return a string result, not '{}'",
            vm.type_name(r)
        ))),
    }
}

/// `encoder.encode(text)`, which must return bytes.
pub fn encode(vm: &mut Vm, enc: Value, text: Value) -> PyResult<Vec<u8>> {
    let r = call_method(vm, enc, "encode", &[text])?;
    match r.downcast::<crate::types::bytes::BytesObj>() {
        Some(b) => Ok(b.data.to_vec()),
        None => Err(vm.type_error(format!(
            "encoder should return a bytes object, not '{}'",
            vm.type_name(r)
        ))),
    }
}

/// `decoder.getstate()` as (buffered bytes, flags), with CPython's checks.
fn getstate(vm: &mut Vm, dec: Value) -> PyResult<(Vec<u8>, i64)> {
    let st = call_method(vm, dec, "getstate", &[])?;
    let items = match crate::types::tuple::items(st) {
        Some(t) if t.len() == 2 => t,
        Some(_) => return Err(vm.type_error("illegal decoder state")),
        None => return Err(vm.type_error("illegal decoder state")),
    };
    let (buf, flags) = (items[0], items[1]);
    let Some(b) = buf.downcast::<crate::types::bytes::BytesObj>() else {
        return Err(vm.type_error(format!(
            "illegal decoder state: the first item should be a bytes object, not '{}'",
            vm.type_name(buf)
        )));
    };
    let data = b.data.to_vec();
    let f = ops::number::index_i64(vm, flags)?;
    Ok((data, f))
}

fn setstate(vm: &mut Vm, dec: Value, flags: i64) -> PyResult<()> {
    let b = crate::types::bytes::new_bytes(vm, Vec::new());
    let f = crate::types::int::from_i64(vm, flags);
    let t = crate::types::tuple::new_tuple(vm, vec![b, f]);
    call_method(vm, dec, "setstate", &[t])?;
    Ok(())
}

/// The decoder as CPython sees it: the codec decoder, wrapped (when reading with universal
/// newlines) by a newline decoder whose only state here is a pending `\r`.
pub struct Dec {
    pub dec: Value,
    pub universal: bool,
    pub translate: bool,
    pub pendingcr: bool,
}

impl Dec {
    /// The wrapped decoder's `getstate()`: (buffered bytes, flags).
    pub fn getstate(&self, vm: &mut Vm) -> PyResult<(Vec<u8>, i64)> {
        let (b, f) = getstate(vm, self.dec)?;
        if self.universal {
            return Ok((b, (f << 1) | self.pendingcr as i64));
        }
        Ok((b, f))
    }

    /// The wrapped decoder's `setstate((b'', flags))`.
    pub fn setstate(&mut self, vm: &mut Vm, flags: i64) -> PyResult<()> {
        if self.universal {
            self.pendingcr = flags & 1 != 0;
            return setstate(vm, self.dec, flags >> 1);
        }
        setstate(vm, self.dec, flags)
    }

    /// How many characters the wrapped decoder outputs for `data`.
    fn decode_count(&mut self, vm: &mut Vm, data: &[u8], final_: bool) -> PyResult<usize> {
        let text = decode(vm, self.dec, data, final_)?;
        if !self.universal {
            return Ok(text.chars().count());
        }
        let mut n = text.chars().count();
        let mut out_cr_first = false;
        if self.pendingcr && (final_ || n > 0) {
            n += 1;
            out_cr_first = true;
            self.pendingcr = false;
        }
        let ends_cr = if n == 0 {
            false
        } else if text.is_empty() {
            out_cr_first
        } else {
            text.ends_with('\r')
        };
        if !final_ && ends_cr {
            n -= 1;
            self.pendingcr = true;
        }
        if self.translate {
            // Each `\r\n` becomes one `\n` (the held-back `\r` joins the text's first `\n`).
            let mut pairs = text.matches("\r\n").count();
            if out_cr_first && text.starts_with('\n') {
                pairs += 1;
            }
            // A trailing `\r` held back is not part of a pair yet.
            n -= pairs;
        }
        Ok(n)
    }
}

/// The registry-path `tell()`: reconstructs CPython's cookie from the snapshot (the decoder
/// flags and the input fed since), `position` (the buffer's) and the characters delivered since
/// the snapshot. The decoder's state is restored afterwards.
pub fn tell_cookie(
    vm: &mut Vm,
    t: &TextIOObj,
    position: i64,
    snapshot: (i64, Vec<u8>),
    chars_used: usize,
) -> PyResult<Cookie> {
    let (flags, next_input) = snapshot;
    let (universal, translate, pendingcr, b2cratio) = {
        let st = t.st.borrow();
        (
            st.newline.as_deref().is_none_or(str::is_empty),
            st.newline.is_none(),
            st.pendingcr.is_some(),
            st.b2cratio,
        )
    };
    let to_i32 = |vm: &mut Vm, v: i64| -> PyResult<i32> {
        i32::try_from(v).map_err(|_| vm.overflow_error("signed integer is greater than maximum"))
    };
    let mut cookie = Cookie {
        start_pos: position - next_input.len() as i64,
        dec_flags: to_i32(vm, flags)?,
        ..Cookie::default()
    };
    if chars_used == 0 {
        return Ok(cookie);
    }
    let mut d = Dec {
        dec: t.decoder.get(),
        universal,
        translate,
        pendingcr,
    };
    let saved = call_method(vm, d.dec, "getstate", &[])?;
    let r = reconstruct(vm, &mut d, &mut cookie, &next_input, chars_used, b2cratio);
    let restored = call_method(vm, d.dec, "setstate", &[saved]);
    r?;
    restored?;
    Ok(cookie)
}

/// CPython's search for the nearest safe start point before the current position.
fn reconstruct(
    vm: &mut Vm,
    d: &mut Dec,
    cookie: &mut Cookie,
    input: &[u8],
    chars_used: usize,
    b2cratio: f64,
) -> PyResult<()> {
    let mut chars_to_skip = chars_used as i64;
    // Fast search for an acceptable start point close to the current position: exact in one
    // decode call for fixed-width codecs.
    let mut skip_bytes = (b2cratio * chars_to_skip as f64) as i64;
    skip_bytes = skip_bytes.min(input.len() as i64);
    let mut skip_back = 1i64;
    while skip_bytes > 0 {
        set_cookie_state(vm, d, cookie)?;
        let n = d.decode_count(vm, &input[..skip_bytes as usize], false)? as i64;
        if n <= chars_to_skip {
            let (buf, flags) = d.getstate(vm)?;
            if buf.is_empty() {
                cookie.dec_flags = flags as i32;
                chars_to_skip -= n;
                break;
            }
            skip_bytes -= buf.len() as i64;
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if skip_bytes <= 0 {
        skip_bytes = 0;
        set_cookie_state(vm, d, cookie)?;
    }
    cookie.start_pos += skip_bytes;
    if chars_to_skip == 0 {
        return Ok(());
    }
    // Feed one byte at a time, noting the last point where the decoder had nothing buffered.
    let mut chars_decoded = 0i64;
    let mut reached = false;
    for i in skip_bytes as usize..input.len() {
        chars_decoded += d.decode_count(vm, &input[i..i + 1], false)? as i64;
        cookie.bytes_to_feed += 1;
        let (buf, flags) = d.getstate(vm)?;
        if buf.is_empty() && chars_decoded <= chars_to_skip {
            cookie.start_pos += cookie.bytes_to_feed as i64;
            chars_to_skip -= chars_decoded;
            cookie.dec_flags = flags as i32;
            cookie.bytes_to_feed = 0;
            chars_decoded = 0;
        }
        if chars_decoded >= chars_to_skip {
            reached = true;
            break;
        }
    }
    if !reached {
        // Not enough decoded data: the decoder must be told EOF to give more.
        chars_decoded += d.decode_count(vm, b"", true)? as i64;
        cookie.need_eof = true;
        if chars_decoded < chars_to_skip {
            return Err(vm.new_exc(vm.exc.os_error, "can't reconstruct logical file position"));
        }
    }
    cookie.chars_to_skip = chars_to_skip as i32;
    Ok(())
}

/// CPython's decoder restore for a cookie: a reset at the very start (so a BOM is expected
/// again), else `setstate((b'', flags))`.
pub fn set_cookie_state(vm: &mut Vm, d: &mut Dec, cookie: &Cookie) -> PyResult<()> {
    if cookie.start_pos == 0 && cookie.dec_flags == 0 {
        d.pendingcr = false;
        call_method(vm, d.dec, "reset", &[])?;
        return Ok(());
    }
    d.setstate(vm, cookie.dec_flags as i64)
}

/// CPython's encoder restore after a seek: reset at the very start (a BOM is written again),
/// else `setstate(0)`.
pub fn set_encoder_state(vm: &mut Vm, enc: Value, at_start: bool) -> PyResult<()> {
    if enc.is_none() {
        return Ok(());
    }
    if at_start {
        call_method(vm, enc, "reset", &[])?;
    } else {
        let z = crate::types::int::from_i64(vm, 0);
        call_method(vm, enc, "setstate", &[z])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_round_trips_in_cpythons_layout() {
        let c = Cookie {
            start_pos: 2,
            dec_flags: 0,
            bytes_to_feed: 8,
            chars_to_skip: 1,
            need_eof: false,
        };
        // CPython 3.11: utf-7 "ab+Tg..." after reading 3 characters.
        let v: BigInt = "340282367554763763577489308180119814146".parse().unwrap();
        assert_eq!(c.to_bigint(), v);
        assert_eq!(Cookie::from_bigint(&v), Some(c));
        assert_eq!(Cookie::from_bigint(&(BigInt::from(1) << 168)), None);
    }
}
