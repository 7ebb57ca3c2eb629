//! The `_locale` native module (CPython's `Modules/_localemodule.c`): `setlocale`,
//! `localeconv`, `nl_langinfo` with its constants, `getencoding`, `strcoll`, `strxfrm`, and the
//! gettext bindings (glibc's). At import, LC_CTYPE is set from the environment and a "C"/"POSIX"
//! LC_CTYPE is coerced to C.UTF-8, as CPython's start-up does (PEP 538).

use crate::native;
use crate::native::NativeDef;
use crate::types::int::from_i64;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use std::ffi::{CStr, CString};

static FUNCS: &[NativeDef] = &[
    native!(
        "setlocale",
        "($module, category, locale=None, /)",
        setlocale
    ),
    native!("localeconv", "($module, /)", localeconv),
    native!("nl_langinfo", "($module, key, /)", nl_langinfo),
    native!("getencoding", "($module, /)", getencoding),
    native!("strcoll", "($module, os1, os2, /)", strcoll),
    native!("strxfrm", "($module, string, /)", strxfrm),
    native!("gettext", "($module, msg, /)", locale_gettext),
    native!("dgettext", "($module, domain, msg, /)", locale_dgettext),
    native!(
        "dcgettext",
        "($module, domain, msg, category, /)",
        locale_dcgettext
    ),
    native!("textdomain", "($module, domain, /)", locale_textdomain),
    native!(
        "bindtextdomain",
        "($module, domain, dir, /)",
        locale_bindtextdomain
    ),
    native!(
        "bind_textdomain_codeset",
        "($module, domain, codeset, /)",
        locale_bind_textdomain_codeset
    ),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("ABDAY_1", 131072),
    ("ABDAY_2", 131073),
    ("ABDAY_3", 131074),
    ("ABDAY_4", 131075),
    ("ABDAY_5", 131076),
    ("ABDAY_6", 131077),
    ("ABDAY_7", 131078),
    ("ABMON_1", 131086),
    ("ABMON_10", 131095),
    ("ABMON_11", 131096),
    ("ABMON_12", 131097),
    ("ABMON_2", 131087),
    ("ABMON_3", 131088),
    ("ABMON_4", 131089),
    ("ABMON_5", 131090),
    ("ABMON_6", 131091),
    ("ABMON_7", 131092),
    ("ABMON_8", 131093),
    ("ABMON_9", 131094),
    ("ALT_DIGITS", 131119),
    ("AM_STR", 131110),
    ("CHAR_MAX", 127),
    ("CODESET", 14),
    ("CRNCYSTR", 262159),
    ("DAY_1", 131079),
    ("DAY_2", 131080),
    ("DAY_3", 131081),
    ("DAY_4", 131082),
    ("DAY_5", 131083),
    ("DAY_6", 131084),
    ("DAY_7", 131085),
    ("D_FMT", 131113),
    ("D_T_FMT", 131112),
    ("ERA", 131116),
    ("ERA_D_FMT", 131118),
    ("ERA_D_T_FMT", 131120),
    ("ERA_T_FMT", 131121),
    ("LC_ALL", 6),
    ("LC_COLLATE", 3),
    ("LC_CTYPE", 0),
    ("LC_MESSAGES", 5),
    ("LC_MONETARY", 4),
    ("LC_NUMERIC", 1),
    ("LC_TIME", 2),
    ("MON_1", 131098),
    ("MON_10", 131107),
    ("MON_11", 131108),
    ("MON_12", 131109),
    ("MON_2", 131099),
    ("MON_3", 131100),
    ("MON_4", 131101),
    ("MON_5", 131102),
    ("MON_6", 131103),
    ("MON_7", 131104),
    ("MON_8", 131105),
    ("MON_9", 131106),
    ("NOEXPR", 327681),
    ("PM_STR", 131111),
    ("RADIXCHAR", 65536),
    ("THOUSEP", 65537),
    ("T_FMT", 131114),
    ("T_FMT_AMPM", 131115),
    ("YESEXPR", 327680),
    ("_DATE_FMT", 131180),
];

/// The keys `nl_langinfo` accepts (the constants above that are langinfo items).
fn is_langinfo_key(k: i64) -> bool {
    CONSTANTS
        .iter()
        .any(|(n, v)| *v == k && !n.starts_with("LC_") && *n != "CHAR_MAX")
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_locale", FUNCS);
    for (name, v) in CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    let err = match vm.state_get("_locale.Error") {
        Some(e) => e,
        None => {
            let e = new_error_class(vm)?;
            vm.state_set("_locale.Error", e);
            // SAFETY: setlocale on the interpreter thread with valid C strings.
            unsafe {
                let p = libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
                let cur = if p.is_null() {
                    Vec::new()
                } else {
                    CStr::from_ptr(p).to_bytes().to_vec()
                };
                if p.is_null() || cur == b"C" || cur == b"POSIX" {
                    for cand in [c"C.UTF-8", c"C.utf8", c"UTF-8"] {
                        if !libc::setlocale(libc::LC_CTYPE, cand.as_ptr()).is_null() {
                            break;
                        }
                    }
                }
            }
            e
        }
    };
    set_attr(vm, m, "Error", err);
    Ok(m)
}

fn new_error_class(vm: &mut Vm) -> PyResult {
    let n = vm.new_str("Error");
    let base = vm.exc.exception;
    let bases = crate::types::tuple::new_tuple(vm, vec![base]);
    let ns = crate::types::dict::new_dict(vm);
    let k = vm.intern("__module__");
    let v = vm.new_str("locale");
    crate::types::dict::set_item_str(vm, ns, k, v);
    let meta = vm.types.type_;
    crate::types::typeobj::new_class(vm, meta, n, bases, ns)
}

fn locale_error(vm: &mut Vm, msg: &str) -> Exc {
    let ty = vm.state_get("_locale.Error").unwrap_or(vm.exc.exception);
    vm.new_exc(ty, msg)
}

fn c_str_value(vm: &mut Vm, p: *const libc::c_char) -> Value {
    if p.is_null() {
        return vm.new_str("");
    }
    // SAFETY: libc returned a NUL-terminated string, copied at once.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    vm.new_string(String::from_utf8_lossy(&b).into_owned())
}

fn str_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<CString> {
    let Some(s) = crate::types::str::as_str(v) else {
        return Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v))));
    };
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

fn setlocale(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cat = crate::modules::posix::util::c_int(vm, a[1])?;
    if a[2].is_null() || a[2].is_none() {
        // SAFETY: a query with a null locale.
        let p = unsafe { libc::setlocale(cat, std::ptr::null()) };
        if p.is_null() {
            return Err(locale_error(vm, "locale query failed"));
        }
        return Ok(c_str_value(vm, p));
    }
    let loc = str_arg(vm, a[2], "setlocale() argument 2")?;
    // SAFETY: a valid category (checked by libc) and C string.
    let p = unsafe { libc::setlocale(cat, loc.as_ptr()) };
    if p.is_null() {
        return Err(locale_error(vm, "unsupported locale setting"));
    }
    Ok(c_str_value(vm, p))
}

/// CPython's grouping list: the bytes up to CHAR_MAX, keeping a final 0.
fn grouping(vm: &mut Vm, p: *const libc::c_char) -> Value {
    let mut out = Vec::new();
    if !p.is_null() {
        // SAFETY: a NUL-terminated grouping string from localeconv.
        let b = unsafe { CStr::from_ptr(p) }.to_bytes();
        for &c in b {
            if c == 127 {
                break;
            }
            out.push(from_i64(vm, c as i64));
        }
        if !b.is_empty() && b.last() != Some(&127) {
            out.push(from_i64(vm, 0));
        }
    }
    crate::types::list::new_list(vm, out)
}

fn localeconv(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: localeconv returns a pointer to static data, read at once.
    let lc = unsafe { &*libc::localeconv() };
    let d = crate::types::dict::new_dict(vm);
    let strs = [
        ("int_curr_symbol", lc.int_curr_symbol),
        ("currency_symbol", lc.currency_symbol),
        ("mon_decimal_point", lc.mon_decimal_point),
        ("mon_thousands_sep", lc.mon_thousands_sep),
    ];
    let set = |vm: &mut Vm, k: &str, v: Value| {
        let k = vm.new_str(k);
        crate::types::dict::set_item_str(vm, d, k, v);
    };
    for (k, p) in strs {
        let v = c_str_value(vm, p);
        set(vm, k, v);
    }
    let g = grouping(vm, lc.mon_grouping);
    set(vm, "mon_grouping", g);
    for (k, p) in [
        ("positive_sign", lc.positive_sign),
        ("negative_sign", lc.negative_sign),
    ] {
        let v = c_str_value(vm, p);
        set(vm, k, v);
    }
    for (k, c) in [
        ("int_frac_digits", lc.int_frac_digits),
        ("frac_digits", lc.frac_digits),
        ("p_cs_precedes", lc.p_cs_precedes),
        ("p_sep_by_space", lc.p_sep_by_space),
        ("n_cs_precedes", lc.n_cs_precedes),
        ("n_sep_by_space", lc.n_sep_by_space),
        ("p_sign_posn", lc.p_sign_posn),
        ("n_sign_posn", lc.n_sign_posn),
    ] {
        let v = from_i64(vm, c as u8 as i64);
        set(vm, k, v);
    }
    let v = c_str_value(vm, lc.decimal_point);
    set(vm, "decimal_point", v);
    let v = c_str_value(vm, lc.thousands_sep);
    set(vm, "thousands_sep", v);
    let g = grouping(vm, lc.grouping);
    set(vm, "grouping", g);
    Ok(d)
}

fn nl_langinfo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = crate::modules::posix::util::c_int(vm, a[1])?;
    if !is_langinfo_key(k as i64) {
        return Err(vm.value_error("unsupported langinfo constant"));
    }
    // SAFETY: a valid nl_item; the result is copied at once.
    let p = unsafe { libc::nl_langinfo(k as libc::nl_item) };
    Ok(c_str_value(vm, p))
}

fn getencoding(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: CODESET is a valid nl_item.
    let p = unsafe { libc::nl_langinfo(libc::CODESET) };
    let v = c_str_value(vm, p);
    if crate::types::str::as_str(v).is_none_or(|s| s.is_empty()) {
        return Ok(vm.new_str("UTF-8"));
    }
    Ok(v)
}

/// A str as a NUL-terminated wide string (embedded NULs refused).
fn wide(vm: &mut Vm, v: Value, what: &str) -> PyResult<Vec<libc::wchar_t>> {
    let Some(s) = crate::types::str::as_str(v) else {
        return Err(vm.type_error(format!("{what} must be str, not {}", vm.type_name(v))));
    };
    if s.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    let mut w: Vec<libc::wchar_t> = s.chars().map(|c| c as libc::wchar_t).collect();
    w.push(0);
    Ok(w)
}

unsafe extern "C" {
    fn wcscoll(a: *const libc::wchar_t, b: *const libc::wchar_t) -> libc::c_int;
    fn wcsxfrm(d: *mut libc::wchar_t, s: *const libc::wchar_t, n: libc::size_t) -> libc::size_t;
}

fn strcoll(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = wide(vm, a[1], "strcoll() argument 1")?;
    let y = wide(vm, a[2], "strcoll() argument 2")?;
    // SAFETY: both are NUL-terminated wide strings.
    let r = unsafe { wcscoll(x.as_ptr(), y.as_ptr()) };
    Ok(from_i64(vm, r as i64))
}

fn strxfrm(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = wide(vm, a[1], "strxfrm() argument")?;
    // SAFETY: a size query (null destination, length 0), then a call with a buffer of the
    // reported size plus the terminator.
    let out = unsafe {
        let n = wcsxfrm(std::ptr::null_mut(), s.as_ptr(), 0);
        let mut buf: Vec<libc::wchar_t> = vec![0; n + 1];
        wcsxfrm(buf.as_mut_ptr(), s.as_ptr(), n + 1);
        buf.truncate(n);
        buf
    };
    let st: String = out
        .iter()
        .map(|&c| char::from_u32(c as u32).unwrap_or('\u{fffd}'))
        .collect();
    Ok(vm.new_string(st))
}

unsafe extern "C" {
    fn gettext(msg: *const libc::c_char) -> *mut libc::c_char;
    fn dgettext(domain: *const libc::c_char, msg: *const libc::c_char) -> *mut libc::c_char;
    fn dcgettext(
        domain: *const libc::c_char,
        msg: *const libc::c_char,
        category: libc::c_int,
    ) -> *mut libc::c_char;
    fn textdomain(domain: *const libc::c_char) -> *mut libc::c_char;
    fn bindtextdomain(domain: *const libc::c_char, dir: *const libc::c_char) -> *mut libc::c_char;
    fn bind_textdomain_codeset(
        domain: *const libc::c_char,
        codeset: *const libc::c_char,
    ) -> *mut libc::c_char;
}

/// An optional str argument as a C string (None gives None).
fn opt_str(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<CString>> {
    if v.is_none() {
        return Ok(None);
    }
    str_arg(vm, v, what).map(Some)
}

fn opt_ptr(c: &Option<CString>) -> *const libc::c_char {
    c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}

fn locale_gettext(vm: &mut Vm, a: &[Value]) -> PyResult {
    let msg = str_arg(vm, a[1], "gettext() argument")?;
    // SAFETY: a valid C string; the result is copied at once.
    let p = unsafe { gettext(msg.as_ptr()) };
    Ok(c_str_value(vm, p))
}

fn locale_dgettext(vm: &mut Vm, a: &[Value]) -> PyResult {
    let dom = opt_str(vm, a[1], "dgettext() argument 1")?;
    let msg = str_arg(vm, a[2], "dgettext() argument 2")?;
    // SAFETY: valid (or null) C strings; the result is copied at once.
    let p = unsafe { dgettext(opt_ptr(&dom), msg.as_ptr()) };
    Ok(c_str_value(vm, p))
}

fn locale_dcgettext(vm: &mut Vm, a: &[Value]) -> PyResult {
    let dom = opt_str(vm, a[1], "dcgettext() argument 1")?;
    let msg = str_arg(vm, a[2], "dcgettext() argument 2")?;
    let cat = crate::modules::posix::util::c_int(vm, a[3])?;
    // SAFETY: valid (or null) C strings; the result is copied at once.
    let p = unsafe { dcgettext(opt_ptr(&dom), msg.as_ptr(), cat) };
    Ok(c_str_value(vm, p))
}

fn locale_textdomain(vm: &mut Vm, a: &[Value]) -> PyResult {
    let dom = opt_str(vm, a[1], "textdomain() argument")?;
    // SAFETY: a valid (or null) C string.
    let p = unsafe { textdomain(opt_ptr(&dom)) };
    if p.is_null() {
        return Err(crate::modules::posix::util::last_error(vm));
    }
    Ok(c_str_value(vm, p))
}

fn locale_bindtextdomain(vm: &mut Vm, a: &[Value]) -> PyResult {
    let dom = str_arg(vm, a[1], "bindtextdomain() argument 1")?;
    if dom.as_bytes().is_empty() {
        return Err(vm.value_error("domain must be a non-empty string"));
    }
    let dir = if a[2].is_none() {
        None
    } else {
        let b = crate::modules::posix::util::str_or_bytes(vm, a[2], "bindtextdomain")?;
        Some(CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?)
    };
    // SAFETY: valid (or null) C strings.
    let p = unsafe { bindtextdomain(dom.as_ptr(), opt_ptr(&dir)) };
    if p.is_null() {
        return Err(crate::modules::posix::util::last_error(vm));
    }
    Ok(c_str_value(vm, p))
}

fn locale_bind_textdomain_codeset(vm: &mut Vm, a: &[Value]) -> PyResult {
    let dom = str_arg(vm, a[1], "bind_textdomain_codeset() argument 1")?;
    let cs = opt_str(vm, a[2], "bind_textdomain_codeset() argument 2")?;
    // SAFETY: valid (or null) C strings.
    let p = unsafe { bind_textdomain_codeset(dom.as_ptr(), opt_ptr(&cs)) };
    if p.is_null() {
        if crate::modules::posix::util::errno() != 0 && cs.is_some() {
            return Err(crate::modules::posix::util::last_error(vm));
        }
        return Ok(Value::NONE);
    }
    Ok(c_str_value(vm, p))
}
