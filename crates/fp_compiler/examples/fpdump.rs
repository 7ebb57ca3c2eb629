//! Debugging aid: `fpdump [-e|-s] [-O|-OO] FILE` compiles a file (or stdin with `-`) and
//! prints the code-object tree as JSON (strings and bytes as hex, floats as bit patterns), so
//! tools outside Rust can load it. On error prints `{"error": [kind, msg, line, col]}`.
use std::fmt::Write;
use std::io::Read;

use fp_bytecode::{CodeObject, Const};
use fp_compiler::{CompileOptions, Mode, compile_with_warnings};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn konst(c: &Const, out: &mut String) {
    match c {
        Const::None => out.push_str("[\"none\"]"),
        Const::True => out.push_str("[\"true\"]"),
        Const::False => out.push_str("[\"false\"]"),
        Const::Ellipsis => out.push_str("[\"ellipsis\"]"),
        Const::Int(i) => {
            let _ = write!(out, "[\"int\",\"{i}\"]");
        }
        Const::Float(f) => {
            let _ = write!(out, "[\"float\",\"{:016x}\"]", f.to_bits());
        }
        Const::Complex { real, imag } => {
            let _ = write!(
                out,
                "[\"complex\",\"{:016x}\",\"{:016x}\"]",
                real.to_bits(),
                imag.to_bits()
            );
        }
        Const::Str(s) => {
            let _ = write!(out, "[\"str\",\"{}\"]", hex(s.as_bytes()));
        }
        Const::Wtf8Str(b) => {
            let _ = write!(out, "[\"wtf8\",\"{}\"]", hex(b));
        }
        Const::Bytes(b) => {
            let _ = write!(out, "[\"bytes\",\"{}\"]", hex(b));
        }
        Const::Tuple(t) | Const::FrozenSet(t) => {
            out.push_str(if matches!(c, Const::Tuple(_)) {
                "[\"tuple\",["
            } else {
                "[\"frozenset\",["
            });
            for (i, x) in t.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                konst(x, out);
            }
            out.push_str("]]");
        }
        Const::Code(code) => {
            out.push_str("[\"code\",");
            dump(code, out);
            out.push(']');
        }
    }
}

fn strs(v: &[String], out: &mut String) {
    out.push('[');
    for (i, s) in v.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\"", hex(s.as_bytes()));
    }
    out.push(']');
}

fn dump(c: &CodeObject, out: &mut String) {
    out.push_str("{\"instrs\":[");
    for (i, ins) in c.instrs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let l = c.locations.get(i).copied().unwrap_or_default();
        let _ = write!(
            out,
            "[\"{}\",{},{},{},{},{}]",
            ins.op.name(),
            ins.arg,
            l.line,
            l.col,
            l.end_line,
            l.end_col
        );
    }
    out.push_str("],\"consts\":[");
    for (i, k) in c.consts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        konst(k, out);
    }
    out.push_str("],\"names\":");
    strs(&c.names, out);
    out.push_str(",\"varnames\":");
    strs(&c.varnames, out);
    out.push_str(",\"cellvars\":");
    strs(&c.cellvars, out);
    out.push_str(",\"freevars\":");
    strs(&c.freevars, out);
    out.push_str(",\"cell2arg\":[");
    for (i, (a, b)) in c.cell2arg.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "[{a},{b}]");
    }
    let _ = write!(
        out,
        "],\"argcount\":{},\"posonlyargcount\":{},\"kwonlyargcount\":{},\"flags\":{},\"name\":\"{}\",\"qualname\":\"{}\",\"filename\":\"{}\",\"firstlineno\":{},\"max_stack\":{}}}",
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.flags,
        hex(c.name.as_bytes()),
        hex(c.qualname.as_bytes()),
        hex(c.filename.as_bytes()),
        c.firstlineno,
        c.max_stack
    );
}

fn main() {
    let mut mode = Mode::Exec;
    let mut opts = CompileOptions::default();
    let mut file = None;
    let mut name = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-e" => mode = Mode::Eval,
            "-s" => mode = Mode::Single,
            "-O" => opts.optimize = 1,
            "-OO" => opts.optimize = 2,
            "-A" => opts.future_annotations = true,
            "-n" => {
                i += 1;
                name = args.get(i).cloned();
            }
            f => file = Some(f.to_string()),
        }
        i += 1;
    }
    let file = file.unwrap_or_else(|| "-".into());
    let mut src = String::new();
    if file == "-" {
        let _ = std::io::stdin().read_to_string(&mut src);
    } else {
        src = std::fs::read_to_string(&file).unwrap_or_default();
    }
    let fname = name.unwrap_or(file);
    let mut out = String::new();
    let (result, warnings) = compile_with_warnings(&src, &fname, mode, &opts);
    match result {
        Ok(code) => {
            out.push_str("{\"code\":");
            dump(&code, &mut out);
            out.push_str(",\"warnings\":[");
            for (i, w) in warnings.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(
                    out,
                    "[\"{}\",\"{}\",{},{}]",
                    w.category.name(),
                    hex(w.msg.as_bytes()),
                    w.line,
                    w.col
                );
            }
            out.push_str("]}");
        }
        Err(e) => {
            let _ = write!(
                out,
                "{{\"warnings\":[{}],\"error\":[\"{}\",\"{}\",{},{},{},{}]}}",
                warnings
                    .iter()
                    .map(|w| format!(
                        "[\"{}\",\"{}\",{},{}]",
                        w.category.name(),
                        hex(w.msg.as_bytes()),
                        w.line,
                        w.col
                    ))
                    .collect::<Vec<_>>()
                    .join(","),
                e.kind.name(),
                hex(e.msg.as_bytes()),
                e.line,
                e.col,
                e.end_line,
                e.end_col
            );
        }
    }
    println!("{out}");
}
