//! `unicodedata`: the Unicode 14.0 character database as CPython 3.11 exposes it — names
//! (listed ones from `unicodedata_tables.rs`, ideographs and Hangul syllables by rule),
//! properties, decompositions and the four normalization forms.
//!
//! `ucd_3_2_0` is a `UCD` object with the same methods over the same (14.0) data: only its
//! `unidata_version` says 3.2.0. Name aliases and named sequences are not known to `lookup`.

use crate::modules::stdobj::{self, StdData};
use crate::modules::unicodedata_tables as t;
use crate::native;
use crate::native::NativeDef;
use crate::types::str::as_str;
use crate::types::typeobj::TypeFlags;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::collections::HashMap;
use std::sync::OnceLock;

struct Ucd;

impl StdData for Ucd {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

macro_rules! ucd_functions {
    ($first:literal) => {
        &[
            native!("lookup", concat!("(", $first, ", name, /)"), lookup),
            native!(
                "name",
                concat!("(", $first, ", chr, default=<unrepresentable>, /)"),
                name
            ),
            native!(
                "decimal",
                concat!("(", $first, ", chr, default=<unrepresentable>, /)"),
                decimal
            ),
            native!(
                "digit",
                concat!("(", $first, ", chr, default=<unrepresentable>, /)"),
                digit
            ),
            native!(
                "numeric",
                concat!("(", $first, ", chr, default=<unrepresentable>, /)"),
                numeric
            ),
            native!("category", concat!("(", $first, ", chr, /)"), category),
            native!(
                "bidirectional",
                concat!("(", $first, ", chr, /)"),
                bidirectional
            ),
            native!("combining", concat!("(", $first, ", chr, /)"), combining_fn),
            native!(
                "east_asian_width",
                concat!("(", $first, ", chr, /)"),
                east_asian_width
            ),
            native!("mirrored", concat!("(", $first, ", chr, /)"), mirrored),
            native!(
                "decomposition",
                concat!("(", $first, ", chr, /)"),
                decomposition
            ),
            native!(
                "normalize",
                concat!("(", $first, ", form, unistr, /)"),
                normalize
            ),
            native!(
                "is_normalized",
                concat!("(", $first, ", form, unistr, /)"),
                is_normalized
            ),
        ]
    };
}

static FUNCS: &[NativeDef] = ucd_functions!("$module");
static UCD_METHODS: &[NativeDef] = ucd_functions!("$self");

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "unicodedata", FUNCS);
    let ucd = stdobj::new_type(vm, "unicodedata", "UCD", TypeFlags(0), UCD_METHODS);
    let v = vm.new_str("3.2.0");
    crate::types::typeobj::set_type_attr(vm, ucd, "unidata_version", v);
    let old = stdobj::new_obj(ucd, Ucd);
    crate::types::module::set_attr(vm, m, "UCD", ucd);
    crate::types::module::set_attr(vm, m, "ucd_3_2_0", old);
    let v = vm.new_str("14.0.0");
    crate::types::module::set_attr(vm, m, "unidata_version", v);
    Ok(m)
}

// --- Tables ---

fn run_value<T: Copy>(runs: &[(u32, u16)], values: &[T], c: u32, dflt: T) -> T {
    let i = runs.partition_point(|&(start, _)| start <= c);
    if i == 0 {
        return dflt;
    }
    values.get(runs[i - 1].1 as usize).copied().unwrap_or(dflt)
}

fn combining(c: u32) -> u8 {
    run_value(t::COMBINING_RUNS, t::COMBINING_VALUES, c, 0)
}

fn sorted_lookup<T: Copy>(table: &[(u32, T)], c: u32) -> Option<T> {
    table
        .binary_search_by_key(&c, |e| e.0)
        .ok()
        .map(|i| table[i].1)
}

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

static JAMO_L: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
static JAMO_V: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
static JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

fn is_hangul(c: u32) -> bool {
    (S_BASE..S_BASE + S_COUNT).contains(&c)
}

/// Name-to-code-point index of the listed names, built on first use.
fn name_index() -> &'static HashMap<&'static str, u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    INDEX.get_or_init(|| {
        t::NAME_BLOB
            .split('\n')
            .zip(t::NAME_CODES.iter().copied())
            .collect()
    })
}

/// Line number of each listed code point in `NAME_BLOB` (NAME_CODES is sorted).
fn char_name(c: u32) -> Option<String> {
    if is_hangul(c) {
        let s = c - S_BASE;
        let l = (s / N_COUNT) as usize;
        let v = ((s % N_COUNT) / T_COUNT) as usize;
        let tt = (s % T_COUNT) as usize;
        return Some(format!(
            "HANGUL SYLLABLE {}{}{}",
            JAMO_L[l], JAMO_V[v], JAMO_T[tt]
        ));
    }
    for &(prefix, lo, hi) in t::RULE_NAMES {
        if (lo..=hi).contains(&c) {
            return Some(format!("{prefix}{c:X}"));
        }
    }
    let i = t::NAME_CODES.binary_search(&c).ok()?;
    name_line(i).map(str::to_string)
}

fn name_line(i: usize) -> Option<&'static str> {
    static OFFSETS: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    let offs = OFFSETS.get_or_init(|| {
        let mut v = Vec::with_capacity(t::NAME_CODES.len());
        let mut pos = 0u32;
        for line in t::NAME_BLOB.split('\n') {
            v.push((pos, line.len() as u32));
            pos += line.len() as u32 + 1;
        }
        v
    });
    let &(start, len) = offs.get(i)?;
    t::NAME_BLOB.get(start as usize..(start + len) as usize)
}

fn code_of_name(name: &str) -> Option<u32> {
    // Hangul syllables and CJK unified ideographs are matched case-sensitively (CPython
    // checks them before its case-insensitive table).
    if let Some(rest) = name.strip_prefix("HANGUL SYLLABLE ") {
        // Longest-match split of the syllable into its jamo, as CPython does.
        let (l, rest) = longest(&JAMO_L, rest)?;
        let (v, rest) = longest(&JAMO_V, rest)?;
        let (tt, rest) = longest(&JAMO_T, rest)?;
        if rest.is_empty() {
            return Some(S_BASE + (l as u32 * V_COUNT + v as u32) * T_COUNT + tt as u32);
        }
        return None;
    }
    let upper = name.to_ascii_uppercase();
    for &(prefix, lo, hi) in t::RULE_NAMES {
        let unified = prefix.starts_with("CJK UNIFIED");
        if let Some(hex) = (if unified { name } else { upper.as_str() }).strip_prefix(prefix) {
            let digits_ok = hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c));
            if (hex.len() == 4 || hex.len() == 5) && digits_ok {
                if let Ok(c) = u32::from_str_radix(hex, 16) {
                    if (lo..=hi).contains(&c) {
                        return Some(c);
                    }
                }
            }
        }
    }
    name_index().get(upper.as_str()).copied()
}

fn longest<'a>(table: &[&str], s: &'a str) -> Option<(usize, &'a str)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, j) in table.iter().enumerate() {
        if s.starts_with(j) && best.map_or(true, |(_, n)| j.len() > n) {
            best = Some((i, j.len()));
        }
    }
    best.map(|(i, n)| (i, &s[n..]))
}

// --- Argument helpers ---

/// The single character argument; `with_default` picks CPython's message shape.
fn char_arg(vm: &mut Vm, v: Value, func: &str, with_default: bool) -> PyResult<u32> {
    let arg = if with_default {
        "argument 1"
    } else {
        "argument"
    };
    match as_str(v) {
        Some(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(crate::types::str::code_point(c)),
                _ => Err(vm.type_error(format!(
                    "{func}() {arg} must be a unicode character, not str"
                ))),
            }
        }
        None => Err(vm.type_error(format!(
            "{func}() {arg} must be a unicode character, not {}",
            vm.type_name(v)
        ))),
    }
}

fn lookup(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = match as_str(a[1]) {
        Some(s) => s,
        None => {
            return Err(vm.type_error(format!(
                "lookup() argument must be str, not {}",
                vm.type_name(a[1])
            )));
        }
    };
    if name.len() > 256 {
        let msg = vm.new_str("name too long");
        return Err(vm.key_error(msg));
    }
    match code_of_name(name).and_then(char::from_u32) {
        Some(c) => Ok(vm.new_string(c.to_string())),
        None => {
            let msg = vm.new_string(format!("undefined character name '{name}'"));
            Err(vm.key_error(msg))
        }
    }
}

fn name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "name", true)?;
    match char_name(c) {
        Some(n) => Ok(vm.new_string(n)),
        None if !a[2].is_null() => Ok(a[2]),
        None => Err(vm.value_error("no such name")),
    }
}

fn decimal(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "decimal", true)?;
    match sorted_lookup(t::DECIMAL_VALUE, c) {
        Some(d) => Ok(Value::try_small_int(d as i64).unwrap_or(Value::NONE)),
        None if !a[2].is_null() => Ok(a[2]),
        None => Err(vm.value_error("not a decimal")),
    }
}

fn digit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "digit", true)?;
    match sorted_lookup(t::DIGIT_VALUE, c) {
        Some(d) => Ok(Value::try_small_int(d as i64).unwrap_or(Value::NONE)),
        None if !a[2].is_null() => Ok(a[2]),
        None => Err(vm.value_error("not a digit")),
    }
}

fn numeric(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "numeric", true)?;
    match sorted_lookup(t::NUMERIC_VALUE, c) {
        Some(d) => Ok(crate::types::float::new_float(vm, d)),
        None if !a[2].is_null() => Ok(a[2]),
        None => Err(vm.value_error("not a numeric character")),
    }
}

fn category(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "category", false)?;
    let ch = char::from_u32(c).unwrap_or('\u{FFFF}');
    let cat = if (0xD800..0xE000).contains(&c) {
        "Cs"
    } else {
        crate::types::str_unicode::category(ch)
    };
    Ok(vm.new_str(cat))
}

fn bidirectional(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "bidirectional", false)?;
    let b = run_value(t::BIDI_RUNS, t::BIDI_VALUES, c, "");
    Ok(vm.new_str(b))
}

fn combining_fn(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "combining", false)?;
    Ok(Value::try_small_int(combining(c) as i64).unwrap_or(Value::NONE))
}

fn east_asian_width(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "east_asian_width", false)?;
    let w = run_value(t::EAW_RUNS, t::EAW_VALUES, c, "N");
    Ok(vm.new_str(w))
}

/// Whether `c` takes two columns on a terminal (East Asian width W or F), as tracebacks
/// count it when placing their carets.
pub fn is_wide(c: char) -> bool {
    matches!(
        run_value(t::EAW_RUNS, t::EAW_VALUES, c as u32, "N"),
        "W" | "F"
    )
}

fn mirrored(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "mirrored", false)?;
    let m = run_value(t::MIRRORED_RUNS, t::MIRRORED_VALUES, c, 0);
    Ok(Value::try_small_int(m as i64).unwrap_or(Value::NONE))
}

fn decomposition(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = char_arg(vm, a[1], "decomposition", false)?;
    // Hangul syllables decompose by rule; CPython shows no mapping for them.
    let d = sorted_lookup(t::DECOMPOSITION, c).unwrap_or("");
    Ok(vm.new_str(d))
}

// --- Normalization ---

fn decompose_into(c: u32, compat: bool, out: &mut Vec<u32>) {
    if is_hangul(c) {
        let s = c - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if s % T_COUNT != 0 {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    if let Some(d) = sorted_lookup(t::DECOMPOSITION, c) {
        let is_compat = d.starts_with('<');
        if !is_compat || compat {
            for part in d.split(' ').filter(|p| !p.starts_with('<')) {
                if let Ok(x) = u32::from_str_radix(part, 16) {
                    decompose_into(x, compat, out);
                }
            }
            return;
        }
    }
    out.push(c);
}

fn decompose(s: &str, compat: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for ch in s.chars() {
        decompose_into(crate::types::str::code_point(ch), compat, &mut out);
    }
    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    let mut i = 0;
    while i < out.len() {
        if combining(out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && combining(out[i]) != 0 {
            i += 1;
        }
        out[start..i].sort_by_key(|&c| combining(c));
    }
    out
}

fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if is_hangul(a) && (a - S_BASE) % T_COUNT == 0 && (T_BASE + 1..T_BASE + T_COUNT).contains(&b) {
        return Some(a + (b - T_BASE));
    }
    t::COMPOSE
        .binary_search_by_key(&(a, b), |e| (e.0, e.1))
        .ok()
        .map(|i| t::COMPOSE[i].2)
}

fn compose(mut v: Vec<u32>) -> Vec<u32> {
    if v.is_empty() {
        return v;
    }
    let mut starter: Option<usize> = if combining(v[0]) == 0 { Some(0) } else { None };
    let mut last_class: i32 = if starter.is_some() { 0 } else { 256 };
    let mut out_len = 1;
    for i in 1..v.len() {
        let c = v[i];
        let cc = combining(c) as i32;
        if let Some(si) = starter {
            // Not blocked: no character in between with class 0 or >= cc.
            let blocked = out_len - 1 != si && (last_class == 0 || last_class >= cc);
            if !blocked {
                if let Some(comp) = compose_pair(v[si], c) {
                    v[si] = comp;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out_len);
        }
        last_class = cc;
        v[out_len] = c;
        out_len += 1;
    }
    v.truncate(out_len);
    v
}

fn normalized(vm: &mut Vm, form: Value, s: Value, func: &str) -> PyResult<(String, bool)> {
    let Some(form) = as_str(form) else {
        return Err(vm.type_error(format!(
            "{func}() argument 1 must be str, not {}",
            vm.type_name(form)
        )));
    };
    let Some(text) = as_str(s) else {
        return Err(vm.type_error(format!(
            "{func}() argument 2 must be str, not {}",
            vm.type_name(s)
        )));
    };
    let cps = match form {
        "NFD" => decompose(text, false),
        "NFKD" => decompose(text, true),
        "NFC" => compose(decompose(text, false)),
        "NFKC" => compose(decompose(text, true)),
        _ => return Err(vm.value_error("invalid normalization form")),
    };
    let out: String = cps
        .into_iter()
        .filter_map(crate::types::str::char_for)
        .collect();
    let same = out == text;
    Ok((out, same))
}

fn normalize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (out, same) = normalized(vm, a[1], a[2], "normalize")?;
    if same && vm.type_of(a[2]) == vm.types.str_ {
        return Ok(a[2]);
    }
    Ok(vm.new_string(out))
}

fn is_normalized(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (_, same) = normalized(vm, a[1], a[2], "is_normalized")?;
    Ok(Value::from_bool(same))
}
