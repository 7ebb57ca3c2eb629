//! `_io.open` (the builtin `open`) and `_io.text_encoding`: mode parsing with CPython's
//! checks and messages, then FileIO → Buffered{Reader,Writer,Random} → TextIOWrapper.

use super::{call_method, io_type};
use crate::ops;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `text_encoding(encoding, stacklevel=2)`: the encoding, or "locale" for None.
pub fn text_encoding(vm: &mut Vm, a: &[Value]) -> PyResult {
    if a[0].is_none() {
        if warn_default_encoding(vm) {
            let level = if a[1].is_null() {
                2
            } else {
                ops::number::index_i64(vm, a[1])?
            };
            crate::modules::warnings::warn_with_source(
                vm,
                vm.exc.encoding_warning,
                "'encoding' argument not specified",
                level,
                Value::NULL,
            )?;
        }
        // PEP 686: "utf-8" in the UTF-8 mode.
        if sys_flag(vm, 14) {
            return Ok(vm.new_str("utf-8"));
        }
        return Ok(vm.new_str("locale"));
    }
    Ok(a[0])
}

/// `sys.flags.warn_default_encoding`.
pub fn warn_default_encoding(vm: &mut Vm) -> bool {
    sys_flag(vm, 15)
}

/// `sys.flags.dev_mode` (`-X dev`): CPython then checks error handler names eagerly.
pub fn dev_mode(vm: &mut Vm) -> bool {
    sys_flag(vm, 13)
}

/// Whether field `i` of `sys.flags` is set (true or a non-zero int).
fn sys_flag(vm: &mut Vm, i: usize) -> bool {
    let flags = crate::types::dict::get_str(crate::types::module::module_dict(vm.sys), "flags");
    flags.is_some_and(|f| {
        crate::types::tuple::items(f)
            .and_then(|t| t.get(i).copied())
            .is_some_and(|v| v == Value::TRUE || v.as_small_int().is_some_and(|i| i != 0))
    })
}

fn opt_str(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<String>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    match v.downcast::<StrObj>() {
        Some(s) => Ok(Some(s.as_str().to_string())),
        None => Err(vm.type_error(format!(
            "open() argument '{what}' must be str or None, not {}",
            vm.type_name(v)
        ))),
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
///
/// Audited (`gc_clean`): when the descriptors run out, it collects and tries once more
/// (`Vm::collect_for_descriptors`), holding only its arguments, which its entry rooted.
pub fn open(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let (file, mode_v, buffering_v) = (a[0], a[1], a[2]);
    let (enc_v, err_v, nl_v, closefd_v, opener) = (a[3], a[4], a[5], a[6], a[7]);
    // Validate the file argument the way os.fspath would (ints are descriptors).
    if !crate::types::int::is_int(file) && !file.is::<StrObj>() {
        super::fileio::fs_path(vm, file)?;
    }
    let mode = if mode_v.is_null() {
        "r".to_string()
    } else {
        match mode_v.downcast::<StrObj>() {
            Some(s) => s.as_str().to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    vm.type_name(mode_v)
                )));
            }
        }
    };
    let buffering = if buffering_v.is_null() {
        -1
    } else {
        ops::number::index_i64(vm, buffering_v)?
    };
    let encoding = opt_str(vm, enc_v, "encoding")?;
    let errors = opt_str(vm, err_v, "errors")?;
    let newline = opt_str(vm, nl_v, "newline")?;
    let (mut creating, mut reading, mut writing, mut appending, mut updating) =
        (false, false, false, false, false);
    let (mut text, mut binary) = (false, false);
    let mut seen = String::new();
    for c in mode.chars() {
        if !"xrwabt+".contains(c) || seen.contains(c) {
            let r = ops::repr::repr_str(&mode);
            return Err(vm.value_error(format!("invalid mode: {r}")));
        }
        seen.push(c);
        match c {
            'x' => creating = true,
            'r' => reading = true,
            'w' => writing = true,
            'a' => appending = true,
            '+' => updating = true,
            't' => text = true,
            _ => binary = true,
        }
    }
    let mut rawmode = String::new();
    if creating {
        rawmode.push('x');
    }
    if reading {
        rawmode.push('r');
    }
    if writing {
        rawmode.push('w');
    }
    if appending {
        rawmode.push('a');
    }
    if updating {
        rawmode.push('+');
    }
    if text && binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if [creating, reading, writing, appending]
        .iter()
        .filter(|b| **b)
        .count()
        > 1
    {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if binary && buffering == 1 {
        crate::modules::warnings::warn_with_source(
            vm,
            vm.exc.runtime_warning,
            "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
            1,
            Value::NULL,
        )?;
    }
    let closefd = if closefd_v.is_null() {
        Value::TRUE
    } else {
        closefd_v
    };
    let opener = if opener.is_null() {
        Value::NONE
    } else {
        opener
    };
    let open_raw = |vm: &mut Vm| {
        let fileio = io_type(vm, "FileIO");
        let rm = vm.new_string(rawmode.clone());
        ops::call::call(vm, fileio, &[file, rm, closefd, opener])
    };
    let raw = match open_raw(vm) {
        Err(e) => {
            let errno = os_errno(vm, &e);
            if !vm.collect_for_descriptors(clean, errno) {
                return Err(e);
            }
            open_raw(vm)?
        }
        Ok(raw) => raw,
    };
    let r = wrap(
        vm,
        raw,
        &mode,
        buffering,
        binary,
        updating,
        creating || writing || appending,
        reading,
        a,
    );
    if r.is_err() {
        // Do not leak the descriptor when the wrapping fails.
        let _ = call_method(vm, raw, "close", &[]);
    }
    r
}

/// The `errno` of an OSError (0 for other exceptions).
fn os_errno(vm: &mut Vm, e: &crate::vm::Exc) -> i64 {
    if !crate::types::typeobj::is_subtype(vm.type_of(e.0), vm.exc.os_error) {
        return 0;
    }
    let name = vm.intern("errno");
    crate::types::instance::get(e.0, name)
        .and_then(|v| v.as_small_int())
        .unwrap_or(0)
}

#[allow(clippy::too_many_arguments)]
fn wrap(
    vm: &mut Vm,
    raw: Value,
    mode: &str,
    mut buffering: i64,
    binary: bool,
    updating: bool,
    writing: bool,
    reading: bool,
    a: &[Value],
) -> PyResult {
    let mut line_buffering = false;
    let isatty = {
        let r = call_method(vm, raw, "isatty", &[])?;
        ops::truth::is_true(vm, r)?
    };
    if buffering == 1 || buffering < 0 && isatty {
        buffering = -1;
        line_buffering = true;
    }
    if buffering < 0 {
        let b = ops::attr::getattr_str(vm, raw, "_blksize")?;
        let n = ops::number::index_i64(vm, b)?;
        buffering = if n > 1 {
            n
        } else {
            super::DEFAULT_BUFFER_SIZE as i64
        };
    }
    if buffering == 0 {
        if binary {
            return Ok(raw);
        }
        return Err(vm.value_error("can't have unbuffered text I/O"));
    }
    let cls = if updating {
        "BufferedRandom"
    } else if writing {
        "BufferedWriter"
    } else if reading {
        "BufferedReader"
    } else {
        return Err(vm.value_error(format!("unknown mode: '{mode}'")));
    };
    let ty = io_type(vm, cls);
    let bs = crate::types::int::from_i64(vm, buffering);
    let buffer = ops::call::call(vm, ty, &[raw, bs])?;
    if binary {
        return Ok(buffer);
    }
    let tw = io_type(vm, "TextIOWrapper");
    let arg = |v: Value| if v.is_null() { Value::NONE } else { v };
    let lb = Value::from_bool(line_buffering);
    let wrapper = ops::call::call(vm, tw, &[buffer, arg(a[3]), arg(a[4]), arg(a[5]), lb])?;
    let m = vm.new_str(mode);
    ops::attr::setattr_str(vm, wrapper, "mode", m)?;
    Ok(wrapper)
}

/// `sys.stdin`/`stdout`/`stderr` as CPython's `create_stdio` builds them: `open(fd, 'rb'/'wb',
/// closefd=False)` (unbuffered for output under `-u`), the raw stream named `<stdout>`...,
/// then a UTF-8 TextIOWrapper with `newline='\n'`, line-buffered on a terminal (and always for
/// stderr), write-through when unbuffered, `errors` as the configuration says (CPython uses
/// "backslashreplace" for stderr), and `mode` set to 'r' or 'w'. Not wired in yet: `sys` still
/// uses `modules::stdio`; this is for the switch to `_io` streams.
pub fn create_stdio(
    vm: &mut Vm,
    fd: i32,
    name: &str,
    write: bool,
    buffered_stdio: bool,
    errors: &str,
) -> PyResult {
    let fdv = crate::types::int::from_i64(vm, fd as i64);
    let mode = vm.new_str(if write { "wb" } else { "rb" });
    let unbuffered = write && !buffered_stdio;
    let buffering = crate::types::int::from_i64(vm, if unbuffered { 0 } else { -1 });
    let none = Value::NONE;
    let buf = open(
        vm,
        &[fdv, mode, buffering, none, none, none, Value::FALSE, none],
    )?;
    let raw = if unbuffered {
        buf
    } else {
        ops::attr::getattr_str(vm, buf, "raw")?
    };
    let n = vm.new_str(name);
    ops::attr::setattr_str(vm, raw, "name", n)?;
    let isatty = {
        let r = call_method(vm, raw, "isatty", &[])?;
        ops::truth::is_true(vm, r)?
    };
    let line_buffering = buffered_stdio && (isatty || fd == 2);
    let tw = io_type(vm, "TextIOWrapper");
    let enc = vm.new_str("utf-8");
    let err = vm.new_str(errors);
    let nl = vm.new_str("\n");
    let stream = ops::call::call(
        vm,
        tw,
        &[
            buf,
            enc,
            err,
            nl,
            Value::from_bool(line_buffering),
            Value::from_bool(!buffered_stdio),
        ],
    )?;
    let m = vm.new_str(if write { "w" } else { "r" });
    ops::attr::setattr_str(vm, stream, "mode", m)?;
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    fn attr_str(vm: &mut Vm, v: Value, name: &str) -> String {
        let a = ops::attr::getattr_str(vm, v, name).unwrap_or(Value::NONE);
        ops::repr::repr_string(vm, a).unwrap_or_default()
    }

    #[test]
    fn stdio_streams_look_like_cpythons() {
        let mut vm = Vm::new(Config::default());
        let vm = &mut *vm;
        let out = create_stdio(vm, 1, "<stdout>", true, true, "strict").expect("stdout");
        assert_eq!(attr_str(vm, out, "name"), "'<stdout>'");
        assert_eq!(attr_str(vm, out, "mode"), "'w'");
        assert_eq!(attr_str(vm, out, "encoding"), "'utf-8'");
        assert_eq!(attr_str(vm, out, "write_through"), "False");
        let err = create_stdio(vm, 2, "<stderr>", true, false, "backslashreplace").expect("err");
        assert_eq!(attr_str(vm, err, "errors"), "'backslashreplace'");
        assert_eq!(attr_str(vm, err, "write_through"), "True");
        let b = ops::attr::getattr_str(vm, err, "buffer").expect("buffer");
        assert_eq!(attr_str(vm, b, "closefd"), "False");
        let inp = create_stdio(vm, 0, "<stdin>", false, false, "strict").expect("stdin");
        assert_eq!(attr_str(vm, inp, "mode"), "'r'");
    }
}
