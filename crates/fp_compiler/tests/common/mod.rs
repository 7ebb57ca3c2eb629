//! Helpers shared by the integration tests: compiling, finding nested code objects, and
//! rendering instructions as short strings (`"LOAD_NAME x"`, `"LOAD_CONST ('b',)"`).
#![allow(dead_code)]

use fp_bytecode::{CodeObject, Const, Op};
use fp_compiler::{CompileError, CompileOptions, Mode, compile, verify_code};

pub fn try_comp(src: &str, mode: Mode, opts: &CompileOptions) -> Result<CodeObject, CompileError> {
    compile(src, "<test>", mode, opts)
}

pub fn comp_with(src: &str, mode: Mode, opts: &CompileOptions) -> CodeObject {
    let code = try_comp(src, mode, opts).unwrap_or_else(|e| panic!("compile failed: {e:?}\n{src}"));
    if let Err(e) = verify_code(&code) {
        panic!("verify failed: {e}\n{}", code.disassemble());
    }
    code
}

pub fn comp(src: &str) -> CodeObject {
    comp_with(src, Mode::Exec, &CompileOptions::default())
}

pub fn err(src: &str) -> CompileError {
    match try_comp(src, Mode::Exec, &CompileOptions::default()) {
        Ok(c) => panic!("expected an error for {src:?}\n{}", c.disassemble()),
        Err(e) => e,
    }
}

/// The code object (itself or nested) with this qualname.
pub fn find<'a>(code: &'a CodeObject, qualname: &str) -> &'a CodeObject {
    fn go<'a>(c: &'a CodeObject, q: &str) -> Option<&'a CodeObject> {
        if c.qualname == q {
            return Some(c);
        }
        c.consts.iter().find_map(|k| match k {
            Const::Code(inner) => go(inner, q),
            _ => None,
        })
    }
    go(code, qualname)
        .unwrap_or_else(|| panic!("no code object {qualname}\n{}", code.disassemble()))
}

pub fn repr(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::True => "True".into(),
        Const::False => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(i) => i.to_string(),
        Const::Float(f) => format!("{f:?}"),
        Const::Complex { real, imag } => format!("({real:?}+{imag:?}j)"),
        Const::Str(s) => format!("'{s}'"),
        Const::Wtf8Str(b) => format!("wtf8{b:?}"),
        Const::Bytes(b) => format!("b'{}'", String::from_utf8_lossy(b)),
        Const::Tuple(t) => {
            let items: Vec<String> = t.iter().map(repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Const::FrozenSet(t) => {
            let items: Vec<String> = t.iter().map(repr).collect();
            format!("frozenset({{{}}})", items.join(", "))
        }
        Const::Code(c) => format!("<code {}>", c.qualname),
    }
}

/// One instruction as text; jump targets are left out so tests do not depend on layout.
pub fn render(code: &CodeObject, i: usize) -> String {
    let ins = code.instrs[i];
    let name = ins.op.name();
    let a = ins.arg as usize;
    match ins.op {
        Op::LOAD_CONST => format!(
            "{name} {}",
            code.consts.get(a).map(repr).unwrap_or_default()
        ),
        Op::LOAD_NAME
        | Op::STORE_NAME
        | Op::DELETE_NAME
        | Op::LOAD_GLOBAL
        | Op::STORE_GLOBAL
        | Op::DELETE_GLOBAL
        | Op::LOAD_ATTR
        | Op::STORE_ATTR
        | Op::DELETE_ATTR
        | Op::LOAD_METHOD
        | Op::IMPORT_NAME
        | Op::IMPORT_FROM => format!("{name} {}", code.names.get(a).cloned().unwrap_or_default()),
        Op::LOAD_FAST | Op::STORE_FAST | Op::DELETE_FAST => {
            format!(
                "{name} {}",
                code.varnames.get(a).cloned().unwrap_or_default()
            )
        }
        Op::LOAD_DEREF
        | Op::STORE_DEREF
        | Op::DELETE_DEREF
        | Op::LOAD_CLOSURE
        | Op::LOAD_CLASSDEREF => {
            let cells: Vec<&String> = code.cellvars.iter().chain(code.freevars.iter()).collect();
            format!("{name} {}", cells.get(a).map(|s| s.as_str()).unwrap_or("?"))
        }
        op if op.is_jump() => name.to_string(),
        Op::NOP
        | Op::POP_TOP
        | Op::PUSH_NULL
        | Op::BINARY_SUBSCR
        | Op::STORE_SUBSCR
        | Op::DELETE_SUBSCR
        | Op::UNARY_NEGATIVE
        | Op::UNARY_POSITIVE
        | Op::UNARY_NOT
        | Op::UNARY_INVERT
        | Op::LIST_TO_TUPLE
        | Op::GET_ITER
        | Op::RETURN_VALUE
        | Op::LOAD_BUILD_CLASS
        | Op::IMPORT_STAR
        | Op::POP_BLOCK
        | Op::RERAISE
        | Op::PUSH_EXC_INFO
        | Op::POP_EXCEPT
        | Op::CHECK_EXC_MATCH
        | Op::CHECK_EG_MATCH
        | Op::PREP_RERAISE_STAR
        | Op::LOAD_ASSERTION_ERROR
        | Op::BEFORE_WITH
        | Op::WITH_EXCEPT_START
        | Op::GET_YIELD_FROM_ITER
        | Op::GET_AITER
        | Op::GET_ANEXT
        | Op::END_ASYNC_FOR
        | Op::BEFORE_ASYNC_WITH
        | Op::ASYNC_GEN_WRAP
        | Op::GET_LEN
        | Op::MATCH_MAPPING
        | Op::MATCH_SEQUENCE
        | Op::MATCH_KEYS
        | Op::SETUP_ANNOTATIONS
        | Op::PRINT_EXPR => name.to_string(),
        _ => format!("{name} {a}"),
    }
}

pub fn ops(code: &CodeObject) -> Vec<String> {
    (0..code.instrs.len()).map(|i| render(code, i)).collect()
}

/// Asserts that `expected` occurs as a contiguous run of `code`'s instructions.
pub fn assert_seq(code: &CodeObject, expected: &[&str]) {
    let got = ops(code);
    let found = got
        .windows(expected.len())
        .any(|w| w.iter().zip(expected).all(|(a, b)| a == b));
    if !found {
        panic!(
            "sequence {expected:#?}\nnot found in {}:\n{}",
            code.qualname,
            got.join("\n")
        );
    }
}

pub fn assert_ops(code: &CodeObject, expected: &[&str]) {
    let got = ops(code);
    if got != expected {
        panic!(
            "{} instructions differ.\nexpected:\n{}\ngot:\n{}",
            code.qualname,
            expected.join("\n"),
            got.join("\n")
        );
    }
}

pub fn has_op(code: &CodeObject, op: Op) -> bool {
    code.instrs.iter().any(|i| i.op == op)
}
