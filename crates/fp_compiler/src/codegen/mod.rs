//! Code generation core: the [`Compiler`] with its stack of compilation units (one per code
//! object being built), the instruction emitter with labels, constant/name/local tables, name
//! resolution against the symbol table (FAST / DEREF / GLOBAL / NAME / CLASSDEREF), the frame
//! block stack used to unwind `return`/`break`/`continue` statically, and the assembly of a
//! finished unit into a [`CodeObject`].

mod exceptions;
mod expr;
pub mod flow;
mod funcs;
mod patterns;
mod stmt;

use std::collections::HashMap;

use fp_bytecode::{CodeFlags, CodeObject, CompileError, Const, Instr, Location, Op};
use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::TextRange;

use crate::errors::{LineTable, syntax_error};
use crate::fold::Folder;
use crate::symtable::{BlockKind, Scope, SymbolTable, mangle};

pub type R<T = ()> = Result<T, CompileError>;

/// CPython's `CO_MAXBLOCKS`.
const MAX_BLOCKS: usize = 20;
/// CPython's STACK_USE_GUIDELINE: above this many items, displays and calls are built
/// incrementally instead of all on the stack.
pub const STACK_USE_GUIDELINE: usize = 30;

/// Code-object flag marking that `consts[0]` is the docstring.
pub const HAS_DOCSTRING: u32 = CodeFlags::HAS_DOCSTRING;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Label(u32);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeType {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    Load,
    Store,
    Del,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FBlockKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

/// One entry of the frame-block stack (CPython's `fblockinfo`).
#[derive(Clone)]
pub struct FBlock<'a> {
    pub kind: FBlockKind,
    /// Loop start (the `continue` target).
    pub start: Option<Label>,
    /// Loop exit (the `break` target).
    pub exit: Option<Label>,
    /// The `finally` body to run when unwinding a `FinallyTry`.
    pub finally: Option<&'a [Stmt]>,
    /// The `except ... as name` name to clear when unwinding a `HandlerCleanup`.
    pub name: Option<String>,
    /// Location of the statement owning the block (for the code emitted when unwinding it).
    pub loc: Location,
}

impl<'a> FBlock<'a> {
    pub fn new(kind: FBlockKind) -> Self {
        FBlock {
            kind,
            start: None,
            exit: None,
            finally: None,
            name: None,
            loc: Location::default(),
        }
    }
}

/// Hashable identity of a constant, so equal constants share one slot (floats by bit pattern,
/// so 0.0 and -0.0 stay apart; code objects are never merged).
#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    None,
    True,
    False,
    Ellipsis,
    Int(String),
    Float(u64),
    Complex(u64, u64),
    Str(String),
    Wtf8(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
}

fn const_key(c: &Const, unique: usize) -> ConstKey {
    match c {
        Const::None => ConstKey::None,
        Const::True => ConstKey::True,
        Const::False => ConstKey::False,
        Const::Ellipsis => ConstKey::Ellipsis,
        Const::Int(i) => ConstKey::Int(i.to_string()),
        Const::Float(f) => ConstKey::Float(f.to_bits()),
        Const::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
        Const::Str(s) => ConstKey::Str(s.clone()),
        Const::Wtf8Str(b) => ConstKey::Wtf8(b.clone()),
        Const::Bytes(b) => ConstKey::Bytes(b.clone()),
        Const::Tuple(t) => ConstKey::Tuple(t.iter().map(|c| const_key(c, unique)).collect()),
        Const::FrozenSet(t) => {
            ConstKey::FrozenSet(t.iter().map(|c| const_key(c, unique)).collect())
        }
        Const::Code(_) => ConstKey::Code(unique),
    }
}

/// One code object under construction.
pub struct Unit<'a> {
    pub block: usize,
    pub scope_type: ScopeType,
    pub instrs: Vec<Instr>,
    pub locs: Vec<Location>,
    labels: Vec<u32>,
    pub consts: Vec<Const>,
    const_map: HashMap<ConstKey, u32>,
    pub names: Vec<String>,
    name_map: HashMap<String, u32>,
    pub varnames: Vec<String>,
    varname_map: HashMap<String, u32>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub fblocks: Vec<FBlock<'a>>,
    pub loc: Location,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub extra_flags: u32,
    pub private: Option<String>,
}

pub struct Compiler<'a> {
    pub lt: &'a LineTable<'a>,
    pub st: &'a SymbolTable,
    pub folder: Folder<'a>,
    pub filename: String,
    pub optimize: u32,
    pub future_annotations: bool,
    pub interactive: bool,
    /// Line of the last `from __future__ import` allowed at the top of the module.
    pub future_lineno: u32,
    pub units: Vec<Unit<'a>>,
    pub warnings: Vec<crate::warnings::CompileWarning>,
    /// For a tree converted from AST objects: the text of its annotations under
    /// `from __future__ import annotations` (see [`crate::AstLayout::annotations`]).
    pub ast_annotations: &'a [String],
}

impl<'a> Compiler<'a> {
    pub fn new(
        lt: &'a LineTable<'a>,
        st: &'a SymbolTable,
        filename: &str,
        optimize: u32,
        future_annotations: bool,
    ) -> Self {
        Compiler {
            lt,
            st,
            folder: Folder {
                source: lt.source(),
                optimize,
                consts: &[],
            },
            filename: filename.to_string(),
            optimize,
            future_annotations,
            interactive: false,
            future_lineno: 0,
            units: Vec::new(),
            warnings: Vec::new(),
            ast_annotations: &[],
        }
    }

    // ----- units -----

    pub fn unit(&self) -> &Unit<'a> {
        self.units.last().expect("no compilation unit")
    }

    pub fn unit_mut(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("no compilation unit")
    }

    pub fn enter_unit(
        &mut self,
        block: usize,
        scope_type: ScopeType,
        name: &str,
        qualname: String,
        firstlineno: u32,
    ) {
        let blk = &self.st.blocks[block];
        let private = match scope_type {
            ScopeType::Class => Some(name.to_string()),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        let varnames: Vec<String> = blk.params.clone();
        let varname_map = varnames
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32))
            .collect();
        let loc = self.units.last().map(|u| u.loc).unwrap_or_default();
        self.units.push(Unit {
            block,
            scope_type,
            instrs: Vec::new(),
            locs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_map: HashMap::new(),
            names: Vec::new(),
            name_map: HashMap::new(),
            varnames,
            varname_map,
            cellvars: blk.cellvars(),
            freevars: blk.freevars(),
            fblocks: Vec::new(),
            loc,
            name: name.to_string(),
            qualname,
            firstlineno,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            extra_flags: 0,
            private,
        });
    }

    /// Finishes the innermost unit into a code object.
    pub fn exit_unit(&mut self) -> R<CodeObject> {
        let u = self.units.pop().expect("no compilation unit");
        let loc = u.loc;
        let (instrs, locations, max_stack) = flow::assemble(u.instrs, u.locs, &u.labels)
            .map_err(|e| self.internal_error(&format!("{} in {}", e, u.qualname), loc))?;
        let blk = &self.st.blocks[u.block];
        let mut flags = u.extra_flags;
        if blk.kind.is_function_like() {
            flags |= CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS;
            if blk.nested {
                flags |= CodeFlags::NESTED;
            }
            match (blk.is_generator, blk.is_coroutine) {
                (true, false) => flags |= CodeFlags::GENERATOR,
                (false, true) => flags |= CodeFlags::COROUTINE,
                (true, true) => flags |= CodeFlags::ASYNC_GENERATOR,
                _ => {}
            }
            if blk.has_varargs {
                flags |= CodeFlags::VARARGS;
            }
            if blk.has_varkeywords {
                flags |= CodeFlags::VARKEYWORDS;
            }
        }
        let nparams = blk.params.len();
        let mut cell2arg = Vec::new();
        for (ci, name) in u.cellvars.iter().enumerate() {
            if let Some(vi) = u.varnames.iter().take(nparams).position(|v| v == name) {
                cell2arg.push((ci as u32, vi as u32));
            }
        }
        Ok(CodeObject {
            instrs,
            locations,
            consts: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell2arg,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags,
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            firstlineno: u.firstlineno,
            max_stack,
        })
    }

    pub fn block_kind(&self) -> BlockKind {
        self.st.blocks[self.unit().block].kind
    }

    /// Whether the current unit is an async generator (yields are wrapped).
    pub fn is_async_generator(&self) -> bool {
        let b = &self.st.blocks[self.unit().block];
        b.is_generator && b.is_coroutine
    }

    // ----- errors -----

    pub fn error(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        syntax_error(self.lt, msg, range)
    }

    fn internal_error(&self, msg: &str, loc: Location) -> CompileError {
        CompileError {
            kind: fp_bytecode::CompileErrorKind::SyntaxError,
            msg: format!("internal compiler error: {msg}"),
            line: loc.line,
            col: loc.col + 1,
            end_line: loc.end_line,
            end_col: loc.end_col + 1,
        }
    }

    /// Records a SyntaxWarning at the current location.
    pub fn warn(&mut self, msg: impl Into<String>) {
        let loc = self.loc();
        let char_col = |line: u32, col: u32| {
            self.lt
                .line_text(line)
                .get(..col as usize)
                .map(|t| t.chars().count() as u32 + 1)
                .unwrap_or(col + 1)
        };
        let col = char_col(loc.line, loc.col);
        let end_col = char_col(loc.end_line, loc.end_col);
        self.warnings.push(crate::warnings::CompileWarning {
            category: crate::warnings::WarningCategory::SyntaxWarning,
            msg: msg.into(),
            line: loc.line,
            col,
            span: [loc.line, col, loc.end_line, end_col],
        });
    }

    // ----- emission -----

    /// The range of the current location (for errors about the construct being compiled).
    pub fn unit_range(&self) -> TextRange {
        let l = self.loc();
        let start = self.lt.line_start(l.line) + l.col;
        let end = self.lt.line_start(l.end_line) + l.end_col;
        TextRange::new(start.into(), end.max(start).into())
    }

    pub fn set_loc(&mut self, range: TextRange) {
        let loc = self.lt.location(range);
        self.unit_mut().loc = loc;
    }

    pub fn loc(&self) -> Location {
        self.unit().loc
    }

    pub fn emit(&mut self, op: Op, arg: u32) {
        let u = self.unit_mut();
        u.instrs.push(Instr::new(op, arg));
        u.locs.push(u.loc);
    }

    pub fn op(&mut self, op: Op) {
        self.emit(op, 0);
    }

    pub fn new_label(&mut self) -> Label {
        let u = self.unit_mut();
        u.labels.push(u32::MAX);
        Label(u.labels.len() as u32 - 1)
    }

    pub fn bind(&mut self, l: Label) {
        let u = self.unit_mut();
        u.labels[l.0 as usize] = u.instrs.len() as u32;
    }

    pub fn jump(&mut self, op: Op, l: Label) {
        self.emit(op, l.0);
    }

    pub fn add_const(&mut self, c: Const) -> u32 {
        let u = self.unit_mut();
        let key = const_key(&c, u.consts.len());
        if let Some(&i) = u.const_map.get(&key) {
            return i;
        }
        let i = u.consts.len() as u32;
        u.consts.push(c);
        u.const_map.insert(key, i);
        i
    }

    pub fn load_const(&mut self, c: Const) {
        let i = self.add_const(c);
        self.emit(Op::LOAD_CONST, i);
    }

    pub fn load_none(&mut self) {
        self.load_const(Const::None);
    }

    pub fn load_str(&mut self, s: &str) {
        self.load_const(Const::Str(s.to_string()));
    }

    pub fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit_mut();
        if let Some(&i) = u.name_map.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.to_string());
        u.name_map.insert(name.to_string(), i);
        i
    }

    pub fn emit_name(&mut self, op: Op, name: &str) {
        let i = self.name_index(name);
        self.emit(op, i);
    }

    pub fn varname_index(&mut self, name: &str) -> u32 {
        let u = self.unit_mut();
        if let Some(&i) = u.varname_map.get(name) {
            return i;
        }
        let i = u.varnames.len() as u32;
        u.varnames.push(name.to_string());
        u.varname_map.insert(name.to_string(), i);
        i
    }

    /// Index of `name` in the `cellvars ++ freevars` space of the current unit.
    pub fn cell_index(&self, name: &str) -> Option<u32> {
        let u = self.unit();
        if let Some(i) = u.cellvars.iter().position(|n| n == name) {
            return Some(i as u32);
        }
        u.freevars
            .iter()
            .position(|n| n == name)
            .map(|i| (i + u.cellvars.len()) as u32)
    }

    pub fn mangle(&self, name: &str) -> String {
        mangle(self.unit().private.as_deref(), name)
    }

    /// Emits the load/store/delete of a variable, choosing the instruction from its scope.
    pub fn name_op(&mut self, name: &str, ctx: Ctx, range: TextRange) -> R {
        if name == "__debug__" {
            match ctx {
                Ctx::Load => {
                    let v = if self.optimize == 0 {
                        Const::True
                    } else {
                        Const::False
                    };
                    self.load_const(v);
                    return Ok(());
                }
                Ctx::Store => return Err(self.error("cannot assign to __debug__", range)),
                Ctx::Del => return Err(self.error("cannot delete __debug__", range)),
            }
        }
        let mangled = self.mangle(name);
        let blk = &self.st.blocks[self.unit().block];
        let is_func = blk.kind.is_function_like();
        let is_class = blk.kind == BlockKind::Class;
        let scope = blk.scope(&mangled);
        enum Kind {
            Fast,
            Deref,
            Global,
            Name,
        }
        let kind = match scope {
            Scope::Free | Scope::Cell => Kind::Deref,
            Scope::Local => {
                if is_func {
                    Kind::Fast
                } else {
                    Kind::Name
                }
            }
            Scope::GlobalImplicit => {
                if is_func {
                    Kind::Global
                } else {
                    Kind::Name
                }
            }
            Scope::GlobalExplicit => Kind::Global,
            Scope::Unknown => {
                if is_func {
                    Kind::Global
                } else {
                    Kind::Name
                }
            }
        };
        match kind {
            Kind::Fast => {
                let i = self.varname_index(&mangled);
                let op = match ctx {
                    Ctx::Load => Op::LOAD_FAST,
                    Ctx::Store => Op::STORE_FAST,
                    Ctx::Del => Op::DELETE_FAST,
                };
                self.emit(op, i);
            }
            Kind::Deref => {
                // A class body can have `__class__` both as its own implicit cell and as a
                // free variable of an enclosing method: names resolve by their scope.
                let idx = if scope == Scope::Free {
                    let u = self.unit();
                    u.freevars
                        .iter()
                        .position(|n| *n == mangled)
                        .map(|i| (i + u.cellvars.len()) as u32)
                } else {
                    None
                };
                let Some(i) = idx.or_else(|| self.cell_index(&mangled)) else {
                    let loc = self.loc();
                    return Err(self.internal_error(&format!("no cell for '{mangled}'"), loc));
                };
                let op = match ctx {
                    Ctx::Load => {
                        if is_class {
                            Op::LOAD_CLASSDEREF
                        } else {
                            Op::LOAD_DEREF
                        }
                    }
                    Ctx::Store => Op::STORE_DEREF,
                    Ctx::Del => Op::DELETE_DEREF,
                };
                self.emit(op, i);
            }
            Kind::Global => {
                let op = match ctx {
                    Ctx::Load => Op::LOAD_GLOBAL,
                    Ctx::Store => Op::STORE_GLOBAL,
                    Ctx::Del => Op::DELETE_GLOBAL,
                };
                self.emit_name(op, &mangled);
            }
            Kind::Name => {
                let op = match ctx {
                    Ctx::Load => Op::LOAD_NAME,
                    Ctx::Store => Op::STORE_NAME,
                    Ctx::Del => Op::DELETE_NAME,
                };
                self.emit_name(op, &mangled);
            }
        }
        Ok(())
    }

    // ----- frame blocks -----

    pub fn push_fblock(&mut self, mut fb: FBlock<'a>, range: TextRange) -> R {
        if self.unit().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks", range));
        }
        fb.loc = self.loc();
        self.unit_mut().fblocks.push(fb);
        Ok(())
    }

    pub fn pop_fblock(&mut self) {
        self.unit_mut().fblocks.pop();
    }

    /// Emits the code leaving one frame block early (CPython's `compiler_unwind_fblock`).
    /// With `preserve_tos` the value on top of the stack (a return value) is kept on top.
    fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> R {
        match fb.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.emit(Op::SWAP, 2);
                }
                self.op(Op::POP_TOP);
            }
            FBlockKind::TryExcept => self.op(Op::POP_BLOCK),
            FBlockKind::FinallyTry => {
                self.op(Op::POP_BLOCK);
                if preserve_tos {
                    self.push_fblock(FBlock::new(FBlockKind::PopValue), TextRange::default())?;
                }
                if let Some(body) = fb.finally {
                    self.compile_body(body)?;
                }
                if preserve_tos {
                    self.pop_fblock();
                }
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit(Op::SWAP, 2);
                }
                self.op(Op::POP_TOP);
                if preserve_tos {
                    self.emit(Op::SWAP, 2);
                }
                self.op(Op::POP_BLOCK);
                self.op(Op::POP_EXCEPT);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                let saved = self.loc();
                self.unit_mut().loc = fb.loc;
                self.op(Op::POP_BLOCK);
                if preserve_tos {
                    self.emit(Op::SWAP, 2);
                }
                self.call_exit_with_nones();
                if fb.kind == FBlockKind::AsyncWith {
                    self.emit(Op::GET_AWAITABLE, 2);
                    self.load_none();
                    self.yield_from_loop();
                }
                self.op(Op::POP_TOP);
                self.unit_mut().loc = saved;
            }
            FBlockKind::HandlerCleanup => {
                if fb.name.is_some() {
                    self.op(Op::POP_BLOCK);
                }
                if preserve_tos {
                    self.emit(Op::SWAP, 2);
                }
                self.op(Op::POP_BLOCK);
                self.op(Op::POP_EXCEPT);
                if let Some(name) = &fb.name {
                    self.load_none();
                    self.name_op(name, Ctx::Store, TextRange::default())?;
                    self.name_op(name, Ctx::Del, TextRange::default())?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit(Op::SWAP, 2);
                }
                self.op(Op::POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwinds the frame blocks of the current unit, innermost first, stopping at a loop when
    /// `stop_at_loop` (which is returned, not unwound).
    pub fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        stop_at_loop: bool,
        range: TextRange,
    ) -> R<Option<FBlock<'a>>> {
        let Some(top) = self.unit().fblocks.last().cloned() else {
            return Ok(None);
        };
        if top.kind == FBlockKind::ExceptionGroupHandler {
            return Err(self.error(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            ));
        }
        if stop_at_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.unit_mut().fblocks.pop();
        let r = self.unwind_fblock(&top, preserve_tos);
        let r = r.and_then(|_| self.unwind_fblock_stack(preserve_tos, stop_at_loop, range));
        self.unit_mut().fblocks.push(top);
        r
    }

    /// Whether leaving the blocks up to the innermost loop (all of them when not
    /// `stop_at_loop`) runs code compiled from other statements (a `finally` body, a `with`
    /// exit). `break`, `continue` and `return` then start with a NOP of their own, as in
    /// CPython, so line tracing reports their line before that code runs.
    pub fn unwind_runs_code(&self, stop_at_loop: bool) -> bool {
        for b in self.unit().fblocks.iter().rev() {
            match b.kind {
                FBlockKind::WhileLoop | FBlockKind::ForLoop if stop_at_loop => return false,
                FBlockKind::WhileLoop | FBlockKind::ForLoop => {}
                _ => return true,
            }
        }
        false
    }

    /// `exit(None, None, None)` for a `with` block left normally; `[exit] -> [result]`.
    pub fn call_exit_with_nones(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Op::CALL, 3);
    }

    /// The delegation loop of `yield from` / `await`: `[receiver, v] -> [result]`.
    pub fn yield_from_loop(&mut self) {
        let start = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.jump(Op::SEND, exit);
        self.emit(Op::YIELD_VALUE, 1);
        self.jump(Op::JUMP, start);
        self.bind(exit);
    }

    pub fn compile_body(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    /// The docstring of a body, when its first statement is a plain string literal.
    pub fn docstring(&self, body: &'a [Stmt]) -> Option<Const> {
        if let Some(Stmt::Expr(e)) = body.first()
            && let ast::Expr::StringLiteral(s) = e.value.as_ref()
        {
            return Some(self.folder.string_const(&s.value));
        }
        None
    }

    pub fn line_of(&self, r: TextRange) -> u32 {
        self.lt.line_col(r.start()).0
    }
}
