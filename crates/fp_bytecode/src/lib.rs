//! `fp_bytecode` — the instruction set and the code-object format shared by the compiler and the
//! interpreter.
//!
//! This crate owns *only* data: opcodes, their documented stack effects, constants and the
//! [`CodeObject`] the compiler produces. It depends on nothing of ferropy's and must never depend
//! on the runtime (`fp_vm`): constants are plain Rust values, converted to heap objects by the VM
//! when a code object is loaded.
//!
//! # Shape of the bytecode
//! One instruction is one semantic step (what the tracing JIT records), fixed width: an [`Op`]
//! and a 32-bit argument, so no `EXTENDED_ARG` exists and jump targets are instruction indices.
//! Every instruction has a slot in the code object's inline-cache array (kept by the VM beside
//! the code, indexed like the instructions), so caches never change the instruction layout.
//!
//! Stack effects below use `[before] -> [after]` with the top of stack on the right.
//! `NULL` is the VM's "no value" word (never visible to Python code).

pub mod serialize;

use num_bigint::BigInt;

/// One instruction: an opcode and its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
}

impl Instr {
    pub const fn new(op: Op, arg: u32) -> Self {
        Instr { op, arg }
    }
}

macro_rules! define_ops {
    ($( $(#[$doc:meta])* $name:ident, )*) => {
        /// The opcodes. Each variant's doc gives its argument and stack effect.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[allow(non_camel_case_types)]
        pub enum Op { $( $(#[$doc])* $name, )* }

        impl Op {
            /// Every opcode, in numbering order (for `dis`-style tools and the `_opcode` module).
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];
            /// The opcode's name as `dis` would print it.
            pub fn name(self) -> &'static str {
                match self { $(Op::$name => stringify!($name),)* }
            }
        }
    };
}

define_ops! {
    /// Does nothing.
    NOP,
    /// `[a] -> []`
    POP_TOP,
    /// arg = n >= 1: `[.., x_n, .., x_1] -> [.., x_n, .., x_1, x_n]` (pushes a copy of the n-th item; 1 = TOS).
    COPY,
    /// arg = n >= 2: swaps TOS with the n-th item from the top.
    SWAP,
    /// arg = const index: `[] -> [const]`
    LOAD_CONST,
    /// `[] -> [NULL]` (used before a callable whose call site uses CALL_METHOD).
    PUSH_NULL,

    // ----- locals, cells, names -----
    /// arg = local index: `[] -> [value]`; UnboundLocalError if unbound.
    LOAD_FAST,
    /// arg = local index: `[v] -> []`
    STORE_FAST,
    /// arg = local index: unbinds; UnboundLocalError if unbound.
    DELETE_FAST,
    /// arg = cell index (into `cellvars ++ freevars`): `[] -> [cell contents]`; NameError/UnboundLocalError if empty.
    LOAD_DEREF,
    /// arg = cell index: `[v] -> []`
    STORE_DEREF,
    /// arg = cell index: empties the cell.
    DELETE_DEREF,
    /// arg = cell index: `[] -> [cell object]` (for building closures).
    LOAD_CLOSURE,
    /// arg = cell index (a free variable of a class body): looks in the frame's locals mapping
    /// first (name = the cell's name), then in the cell. `[] -> [value]`
    LOAD_CLASSDEREF,
    /// arg = name index: locals mapping, then globals, then builtins. `[] -> [value]`
    LOAD_NAME,
    /// arg = name index: `[v] -> []` into the locals mapping.
    STORE_NAME,
    /// arg = name index: deletes from the locals mapping.
    DELETE_NAME,
    /// arg = name index: globals then builtins. `[] -> [value]`
    LOAD_GLOBAL,
    /// arg = name index: `[v] -> []`
    STORE_GLOBAL,
    /// arg = name index.
    DELETE_GLOBAL,

    // ----- attributes and subscripts -----
    /// arg = name index: `[obj] -> [obj.name]`
    LOAD_ATTR,
    /// arg = name index: `[value, obj] -> []` (obj.name = value)
    STORE_ATTR,
    /// arg = name index: `[obj] -> []`
    DELETE_ATTR,
    /// arg = name index: `[obj] -> [method, obj]` when `obj.name` is a plain method found on the
    /// type (no bound method allocated), else `[NULL, obj.name]`. Always paired with CALL_METHOD/CALL_METHOD_KW.
    LOAD_METHOD,
    /// `[container, key] -> [container[key]]`
    BINARY_SUBSCR,
    /// `[value, container, key] -> []` (container[key] = value)
    STORE_SUBSCR,
    /// `[container, key] -> []`
    DELETE_SUBSCR,
    /// arg = 2 or 3: `[start, stop] -> [slice]` or `[start, stop, step] -> [slice]`
    BUILD_SLICE,

    // ----- operators -----
    /// arg = [`BinaryOp`] as u32: `[a, b] -> [a op b]`; the `Inplace*` kinds try `__iop__` first.
    BINARY_OP,
    /// `[a] -> [-a]`
    UNARY_NEGATIVE,
    /// `[a] -> [+a]`
    UNARY_POSITIVE,
    /// `[a] -> [not a]`
    UNARY_NOT,
    /// `[a] -> [~a]`
    UNARY_INVERT,
    /// arg = [`CompareOp`] as u32: `[a, b] -> [a op b]`
    COMPARE_OP,
    /// arg = 0 for `is`, 1 for `is not`: `[a, b] -> [bool]`
    IS_OP,
    /// arg = 0 for `in`, 1 for `not in`: `[a, b] -> [bool]` (tests `a in b`)
    CONTAINS_OP,

    // ----- building -----
    /// arg = n: `[x1..xn] -> [tuple]`
    BUILD_TUPLE,
    /// arg = n: `[x1..xn] -> [list]`
    BUILD_LIST,
    /// arg = n: `[x1..xn] -> [set]`
    BUILD_SET,
    /// arg = n: `[k1, v1, .., kn, vn] -> [dict]`
    BUILD_MAP,
    /// arg = n: `[v1..vn, keys_tuple] -> [dict]`
    BUILD_CONST_KEY_MAP,
    /// arg = n: `[s1..sn] -> [str]` (concatenation of n strings, for f-strings)
    BUILD_STRING,
    /// arg = i: `[.., list, .. (i-1 items), v] -> [.., list, ..]`: list.append(v); list is at
    /// position i counted from the top *after* popping v.
    LIST_APPEND,
    /// arg = i: like LIST_APPEND for a set (set.add).
    SET_ADD,
    /// arg = i: `[.., dict, .., k, v] -> [.., dict, ..]`: dict[k] = v, dict at position i after popping k, v.
    MAP_ADD,
    /// arg = i: `[.., list, .., iterable] -> [.., list, ..]`: list.extend(iterable).
    LIST_EXTEND,
    /// arg = i: set.update(iterable), as LIST_EXTEND.
    SET_UPDATE,
    /// arg = i: dict.update(mapping), as LIST_EXTEND; TypeError "'X' object is not a mapping".
    DICT_UPDATE,
    /// arg = i: like DICT_UPDATE but for `**kwargs` in a call: duplicate keys raise
    /// "f() got multiple values for keyword argument 'k'" (the callable is at position i+2).
    DICT_MERGE,
    /// `[list] -> [tuple]`
    LIST_TO_TUPLE,
    /// arg = n: `[seq] -> [x_n, .., x_1]` (x_1 on top): unpacks exactly n items.
    UNPACK_SEQUENCE,
    /// arg = before | (after << 8): `[seq] -> [after items.., list, before items..]` with the
    /// first `before` item on top, as CPython.
    UNPACK_EX,
    /// arg = flags: bits 0-1 conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`), bit 2 set when a format
    /// spec is on the stack: `[value, spec?] -> [str]`
    FORMAT_VALUE,

    // ----- control flow (targets are instruction indices) -----
    /// arg = target: forward or backward unconditional jump.
    JUMP,
    /// arg = target: backward jump closing a loop (the JIT counts these to find hot loops).
    JUMP_BACKWARD,
    /// arg = target: `[v] -> []`, jumps if v is falsy.
    POP_JUMP_IF_FALSE,
    /// arg = target: `[v] -> []`, jumps if v is truthy.
    POP_JUMP_IF_TRUE,
    /// arg = target: `[v] -> []`, jumps if v is None.
    POP_JUMP_IF_NONE,
    /// arg = target: `[v] -> []`, jumps if v is not None.
    POP_JUMP_IF_NOT_NONE,
    /// arg = target: if TOS falsy, jump leaving it; else pop it.
    JUMP_IF_FALSE_OR_POP,
    /// arg = target: if TOS truthy, jump leaving it; else pop it.
    JUMP_IF_TRUE_OR_POP,
    /// `[obj] -> [iter(obj)]`
    GET_ITER,
    /// arg = target: `[it] -> [it, next(it)]`; when exhausted pops `it` and jumps to target.
    FOR_ITER,
    /// `[v] -> []` and returns v from the frame.
    RETURN_VALUE,

    // ----- calls and functions -----
    /// arg = n: `[callable, a1..an] -> [result]`
    CALL,
    /// arg = n: `[callable, a1..an, kwnames] -> [result]`; kwnames is a const tuple of str naming
    /// the last len(kwnames) of the n arguments.
    CALL_KW,
    /// arg = n: `[meth|NULL, self|callable, a1..an] -> [result]` (see LOAD_METHOD / PUSH_NULL).
    CALL_METHOD,
    /// arg = n: `[meth|NULL, self|callable, a1..an, kwnames] -> [result]`
    CALL_METHOD_KW,
    /// arg = 1 if a kwargs dict is present: `[callable, args_tuple, kwargs_dict?] -> [result]`
    CALL_FUNCTION_EX,
    /// arg = flags ([`MakeFunctionFlags`]): `[defaults?, kwdefaults?, annotations?, closure?, code] -> [function]`
    /// in that order (each present only if its flag is set). defaults: tuple; kwdefaults: dict;
    /// annotations: tuple `(name1, value1, name2, value2, ..)`; closure: tuple of cells.
    MAKE_FUNCTION,
    /// `[] -> [builtins.__build_class__]`
    LOAD_BUILD_CLASS,

    // ----- imports -----
    /// arg = name index: `[level, fromlist] -> [module]` (calls `__import__`).
    IMPORT_NAME,
    /// arg = name index: `[module] -> [module, module.name]` (ImportError "cannot import name").
    IMPORT_FROM,
    /// `[module] -> []`: `from module import *` into the locals mapping.
    IMPORT_STAR,

    // ----- exceptions -----
    /// arg = handler target: pushes a handler block recording the current stack depth. If an
    /// exception is raised while the block is active, the stack is cut back to that depth, the
    /// exception object is pushed, the block is popped and execution continues at the handler.
    SETUP_FINALLY,
    /// Pops the innermost handler block.
    POP_BLOCK,
    /// arg = 0, 1 or 2: `raise`, `raise exc`, `raise exc from cause`: `[exc?, cause?] -> (raises)`
    RAISE_VARARGS,
    /// `[exc] -> (raises exc again, traceback untouched)`
    RERAISE,
    /// `[exc] -> [prev_handled, exc]`: makes exc the "currently handled" exception (sys.exc_info()).
    PUSH_EXC_INFO,
    /// `[prev_handled] -> []`: restores the currently handled exception.
    POP_EXCEPT,
    /// `[exc, type] -> [exc, bool]`: isinstance match for `except type:` (TypeError for bad types).
    CHECK_EXC_MATCH,
    /// `[exc, type] -> [rest, match]` for `except* type:` (match is None when nothing matched;
    /// rest is the unmatched part or None).
    CHECK_EG_MATCH,
    /// `[orig_exc, list_of_raised] -> [exc_or_None]`: combines what the `except*` clauses raised
    /// or re-raised into the group to re-raise (None if nothing).
    PREP_RERAISE_STAR,
    /// `[] -> [AssertionError]`
    LOAD_ASSERTION_ERROR,
    /// `[mgr] -> [bound __exit__, mgr.__enter__()]`
    BEFORE_WITH,
    /// `[exit, .., exc] -> [exit, .., exc, exit(type(exc), exc, exc.__traceback__)]` (exit is 2
    /// items below exc, i.e. the stack is `[exit, prev_handled, exc]`).
    WITH_EXCEPT_START,

    // ----- generators and coroutines -----
    /// arg = 0 for a plain `yield`, 1 inside a `yield from`/`await` loop (the delegate is the item
    /// under the yielded value): `[v] -> (suspends; resumes with [sent])`
    YIELD_VALUE,
    /// arg = target: `[receiver, v] -> [receiver, yielded]` after `receiver.send(v)` (or
    /// `next()` when v is None); when the receiver finishes, `[receiver, v] -> [return_value]`
    /// and jumps to target.
    SEND,
    /// `[obj] -> [iter]` for `yield from` (coroutines pass through; generators may only delegate
    /// to coroutines if they are iterable coroutines).
    GET_YIELD_FROM_ITER,
    /// arg = 0 plain, 1 after `__aenter__`, 2 after `__aexit__` (for error messages):
    /// `[obj] -> [awaitable iterator]`
    GET_AWAITABLE,
    /// `[obj] -> [obj.__aiter__()]`
    GET_AITER,
    /// `[aiter] -> [aiter, awaitable of aiter.__anext__()]`
    GET_ANEXT,
    /// `[aiter, exc] -> []`: ends `async for` when exc is StopAsyncIteration, else re-raises.
    END_ASYNC_FOR,
    /// `[mgr] -> [bound __aexit__, awaitable of mgr.__aenter__()]`
    BEFORE_ASYNC_WITH,
    /// `[v] -> [wrapped v]`: marks a value yielded by an async generator.
    ASYNC_GEN_WRAP,

    // ----- pattern matching (3.11 semantics) -----
    /// `[obj] -> [obj, len(obj)]`
    GET_LEN,
    /// `[subject] -> [subject, bool]`: isinstance(subject, collections.abc.Mapping) by type flags.
    MATCH_MAPPING,
    /// `[subject] -> [subject, bool]`: a sequence for matching (not str/bytes/bytearray).
    MATCH_SEQUENCE,
    /// `[subject, keys_tuple] -> [subject, keys_tuple, values_tuple_or_None]`
    MATCH_KEYS,
    /// arg = number of positional sub-patterns: `[subject, cls, kw_names_tuple] -> [attrs_tuple_or_None]`
    MATCH_CLASS,

    // ----- misc -----
    /// `[] -> []`: creates `__annotations__` in the locals mapping if missing.
    SETUP_ANNOTATIONS,
    /// `[v] -> []`: interactive-mode display (sys.displayhook).
    PRINT_EXPR,
}

impl Op {
    /// Whether the argument is a jump target (for disassembly and jump fix-ups).
    pub fn is_jump(self) -> bool {
        matches!(
            self,
            Op::JUMP
                | Op::JUMP_BACKWARD
                | Op::POP_JUMP_IF_FALSE
                | Op::POP_JUMP_IF_TRUE
                | Op::POP_JUMP_IF_NONE
                | Op::POP_JUMP_IF_NOT_NONE
                | Op::JUMP_IF_FALSE_OR_POP
                | Op::JUMP_IF_TRUE_OR_POP
                | Op::FOR_ITER
                | Op::SETUP_FINALLY
                | Op::SEND
        )
    }
}

/// The argument of BINARY_OP. The in-place forms are the plain form + [`BinaryOp::INPLACE_OFFSET`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum BinaryOp {
    Add = 0,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinaryOp {
    pub const INPLACE_OFFSET: u32 = 13;
    pub const ALL: [BinaryOp; 13] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::MatMul,
        BinaryOp::TrueDiv,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Pow,
        BinaryOp::LShift,
        BinaryOp::RShift,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
    ];
    /// Decodes a BINARY_OP argument into (operator, in-place?).
    pub fn decode(arg: u32) -> Option<(BinaryOp, bool)> {
        let inplace = arg >= Self::INPLACE_OFFSET;
        let base = if inplace {
            arg - Self::INPLACE_OFFSET
        } else {
            arg
        };
        Self::ALL.get(base as usize).map(|op| (*op, inplace))
    }
    /// The operator symbol, as in TypeError messages ("unsupported operand type(s) for +").
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::MatMul => "@",
            BinaryOp::TrueDiv => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "** or pow()",
            BinaryOp::LShift => "<<",
            BinaryOp::RShift => ">>",
            BinaryOp::And => "&",
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
        }
    }
    /// The dunder base name: "add" for `__add__`/`__radd__`/`__iadd__`.
    pub fn dunder(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::MatMul => "matmul",
            BinaryOp::TrueDiv => "truediv",
            BinaryOp::FloorDiv => "floordiv",
            BinaryOp::Mod => "mod",
            BinaryOp::Pow => "pow",
            BinaryOp::LShift => "lshift",
            BinaryOp::RShift => "rshift",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Xor => "xor",
        }
    }
}

/// The argument of COMPARE_OP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum CompareOp {
    Lt = 0,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        Some(match arg {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
    /// The comparison with operands swapped (`a < b` is `b > a`), for reflected dunders.
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }
    pub fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }
}

/// Flags of MAKE_FUNCTION.
pub struct MakeFunctionFlags;
impl MakeFunctionFlags {
    pub const DEFAULTS: u32 = 1;
    pub const KWDEFAULTS: u32 = 2;
    pub const ANNOTATIONS: u32 = 4;
    pub const CLOSURE: u32 = 8;
}

/// Code flags, with CPython's values (`inspect` reads `co_flags`).
pub struct CodeFlags;
impl CodeFlags {
    pub const OPTIMIZED: u32 = 0x1;
    pub const NEWLOCALS: u32 = 0x2;
    pub const VARARGS: u32 = 0x4;
    pub const VARKEYWORDS: u32 = 0x8;
    pub const NESTED: u32 = 0x10;
    pub const GENERATOR: u32 = 0x20;
    pub const NOFREE: u32 = 0x40;
    pub const COROUTINE: u32 = 0x80;
    pub const ITERABLE_COROUTINE: u32 = 0x100;
    pub const ASYNC_GENERATOR: u32 = 0x200;
    /// ferropy-specific (not a CPython flag): `consts[0]` is the docstring of the function,
    /// class body or module. Without it, `consts[0]` is not a docstring (function code objects
    /// then still have `None` there, as CPython does). Never set under `-OO`.
    pub const HAS_DOCSTRING: u32 = 0x1000_0000;
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    /// A str constant. Lone surrogates from escapes such as `"\ud800"` are kept as the
    /// WTF-8 bytes in [`Const::Wtf8Str`].
    Str(String),
    /// A str holding lone surrogates, encoded as generalised UTF-8 (WTF-8).
    Wtf8Str(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    FrozenSet(Vec<Const>),
    Code(Box<CodeObject>),
}

/// Source position of one instruction: 1-based lines, 0-based UTF-8 byte columns as CPython's
/// `co_positions()` (end column exclusive). `line == 0` means "no line" (synthetic code).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// A compiled code block: a module, class body, function, lambda or comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub instrs: Vec<Instr>,
    /// One location per instruction.
    pub locations: Vec<Location>,
    pub consts: Vec<Const>,
    /// Names used by *_NAME, *_GLOBAL, *_ATTR, LOAD_METHOD, IMPORT_* instructions.
    pub names: Vec<String>,
    /// Local variable names: parameters first (positional, then keyword-only, then `*args`,
    /// then `**kwargs`), then other locals.
    pub varnames: Vec<String>,
    /// Variables of this block captured by inner blocks.
    pub cellvars: Vec<String>,
    /// Variables of enclosing blocks used here.
    pub freevars: Vec<String>,
    /// For each cellvar that is also a parameter: (cell index, varnames index), so the VM
    /// moves the argument into the cell when the frame starts.
    pub cell2arg: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub firstlineno: u32,
    /// Upper bound of the value-stack depth (the VM may use it to size frames).
    pub max_stack: u32,
}

impl CodeObject {
    /// Renders a `dis`-like listing, for debugging and compiler tests.
    pub fn disassemble(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "code {} ({}:{})",
            self.qualname, self.filename, self.firstlineno
        );
        for (i, ins) in self.instrs.iter().enumerate() {
            let line = self.locations.get(i).map(|l| l.line).unwrap_or(0);
            let detail = match ins.op {
                Op::LOAD_CONST => format!(
                    " ({:?})",
                    self.consts.get(ins.arg as usize).map(short_const)
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
                | Op::IMPORT_FROM => format!(
                    " ({})",
                    self.names
                        .get(ins.arg as usize)
                        .map(String::as_str)
                        .unwrap_or("?")
                ),
                Op::LOAD_FAST | Op::STORE_FAST | Op::DELETE_FAST => {
                    format!(
                        " ({})",
                        self.varnames
                            .get(ins.arg as usize)
                            .map(String::as_str)
                            .unwrap_or("?")
                    )
                }
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "{line:>4} {i:>5} {:<22} {}{detail}",
                ins.op.name(),
                ins.arg
            );
        }
        for c in &self.consts {
            if let Const::Code(inner) = c {
                out.push('\n');
                out.push_str(&inner.disassemble());
            }
        }
        out
    }
}

fn short_const(c: &Const) -> String {
    match c {
        Const::Code(code) => format!("<code {}>", code.name),
        other => format!("{other:?}"),
    }
}

/// What the compiler reports for source it rejects: the exception class to raise and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub msg: String,
    /// 1-based line, 1-based column (as SyntaxError.offset), 0 when unknown.
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl CompileErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            CompileErrorKind::SyntaxError => "SyntaxError",
            CompileErrorKind::IndentationError => "IndentationError",
            CompileErrorKind::TabError => "TabError",
        }
    }
}
