//! Code shapes the VM relies on (calls, closures, classes, exceptions, generators, ...).

mod common;

use common::*;
use fp_bytecode::{CodeFlags, Const, MakeFunctionFlags, Op};
use fp_compiler::{CompileOptions, Mode};

#[test]
fn module_and_modes() {
    let c = comp("x = 1\n");
    assert_ops(
        &c,
        &[
            "LOAD_CONST 1",
            "STORE_NAME x",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
    assert_eq!(c.qualname, "<module>");
    assert_eq!(c.firstlineno, 1);
    let e = comp_with("a + 1", Mode::Eval, &CompileOptions::default());
    assert_ops(
        &e,
        &["LOAD_NAME a", "LOAD_CONST 1", "BINARY_OP 0", "RETURN_VALUE"],
    );
    let s = comp_with("x = 1; x\n", Mode::Single, &CompileOptions::default());
    assert_seq(
        &s,
        &[
            "LOAD_NAME x",
            "PRINT_EXPR",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
    let s = comp_with("if 1:\n  y\n\n", Mode::Single, &CompileOptions::default());
    assert_seq(&s, &["LOAD_NAME y", "PRINT_EXPR"]);
}

#[test]
fn calls() {
    let c = comp("f(a, b=1)\n");
    assert_seq(
        &c,
        &[
            "LOAD_NAME f",
            "LOAD_NAME a",
            "LOAD_CONST 1",
            "LOAD_CONST ('b',)",
            "CALL_KW 2",
            "POP_TOP",
        ],
    );
    assert_seq(&comp("f(a)\n"), &["LOAD_NAME f", "LOAD_NAME a", "CALL 1"]);
    assert_seq(
        &comp("o.m(1, k=2)\n"),
        &[
            "LOAD_NAME o",
            "LOAD_METHOD m",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "LOAD_CONST ('k',)",
            "CALL_METHOD_KW 2",
        ],
    );
    assert_seq(
        &comp("o.m()\n"),
        &["LOAD_NAME o", "LOAD_METHOD m", "CALL_METHOD 0"],
    );
    assert_seq(
        &comp("f(*a, **k)\n"),
        &[
            // A lone `*a` goes to CALL_FUNCTION_EX as it is (CPython 3.11's shape).
            "LOAD_NAME f",
            "LOAD_NAME a",
            "BUILD_MAP 0",
            "LOAD_NAME k",
            "DICT_MERGE 1",
            "CALL_FUNCTION_EX 1",
        ],
    );
    assert_seq(
        &comp("f(1, *a, 2, x=3, **k)\n"),
        &[
            "LOAD_NAME f",
            "LOAD_CONST 1",
            "BUILD_LIST 1",
            "LOAD_NAME a",
            "LIST_EXTEND 1",
            "LOAD_CONST 2",
            "LIST_APPEND 1",
            "LIST_TO_TUPLE",
            "LOAD_CONST 'x'",
            "LOAD_CONST 3",
            "BUILD_MAP 1",
            "LOAD_NAME k",
            "DICT_MERGE 1",
            "CALL_FUNCTION_EX 1",
        ],
    );
    // A starred method call is a plain attribute load and CALL_FUNCTION_EX.
    assert_seq(
        &comp("o.m(*a)\n"),
        &[
            "LOAD_NAME o",
            "LOAD_ATTR m",
            "LOAD_NAME a",
            "CALL_FUNCTION_EX 0",
        ],
    );
}

#[test]
fn functions_and_closures() {
    let c =
        comp("def f(a, b=2, *c, d, e=3, **k):\n    def g():\n        return a + d\n    return g\n");
    assert_seq(
        &c,
        &[
            "LOAD_CONST (2,)",
            "LOAD_CONST 3",
            "LOAD_CONST ('e',)",
            "BUILD_CONST_KEY_MAP 1",
            "LOAD_CONST <code f>",
            "MAKE_FUNCTION 3",
            "STORE_NAME f",
        ],
    );
    let f = find(&c, "f");
    assert_eq!(f.varnames[..5], ["a", "b", "d", "e", "c"].map(String::from));
    assert_eq!(f.varnames[5], "k");
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 0, 2));
    assert_eq!(f.cellvars, vec!["a", "d"]);
    assert_eq!(f.cell2arg, vec![(0, 0), (1, 2)]);
    let flags =
        CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS | CodeFlags::VARARGS | CodeFlags::VARKEYWORDS;
    assert_eq!(f.flags & flags, flags);
    assert_seq(
        f,
        &[
            "LOAD_CLOSURE a",
            "LOAD_CLOSURE d",
            "BUILD_TUPLE 2",
            "LOAD_CONST <code f.<locals>.g>",
            "MAKE_FUNCTION 8",
        ],
    );
    let g = find(&c, "f.<locals>.g");
    assert_eq!(g.freevars, vec!["a", "d"]);
    assert!(g.flags & CodeFlags::NESTED != 0);
    assert_ops(
        g,
        &[
            "LOAD_DEREF a",
            "LOAD_DEREF d",
            "BINARY_OP 0",
            "RETURN_VALUE",
        ],
    );
    assert_eq!(
        f.consts[0],
        Const::None,
        "functions keep None as consts[0] without a docstring"
    );
}

#[test]
fn positional_only_and_lambda() {
    let c = comp("def f(a, /, b, *, c=1): pass\nh = lambda x, y=2: x\n");
    let f = find(&c, "f");
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 1, 1));
    assert_seq(
        &c,
        &[
            "LOAD_CONST (2,)",
            "LOAD_CONST <code <lambda>>",
            "MAKE_FUNCTION 1",
            "STORE_NAME h",
        ],
    );
    let l = find(&c, "<lambda>");
    assert_ops(l, &["LOAD_FAST x", "RETURN_VALUE"]);
}

#[test]
fn qualnames() {
    let src = "def f():\n    def g():\n        return [lambda: 0 for _ in ()]\n    class C:\n        def m(self): pass\n    return (x for x in ())\nclass D:\n    def m(self): pass\n    class E:\n        def n(self): pass\ndef h():\n    global k\n    def k(): pass\n";
    let c = comp(src);
    for q in [
        "f",
        "f.<locals>.g",
        "f.<locals>.g.<locals>.<listcomp>",
        "f.<locals>.g.<locals>.<listcomp>.<lambda>",
        "f.<locals>.C",
        "f.<locals>.C.m",
        "f.<locals>.<genexpr>",
        "D.m",
        "D.E.n",
        "k",
    ] {
        find(&c, q);
    }
    assert_eq!(find(&c, "f.<locals>.<genexpr>").name, "<genexpr>");
}

#[test]
fn docstrings() {
    let src = "\"\"\"mod\"\"\"\ndef f():\n    \"doc\"\n    return 1\nclass C:\n    \"cdoc\"\n";
    let c = comp(src);
    assert_eq!(c.consts[0], Const::Str("mod".into()));
    assert!(c.flags & CodeFlags::HAS_DOCSTRING != 0);
    assert_seq(&c, &["LOAD_CONST 'mod'", "STORE_NAME __doc__"]);
    let f = find(&c, "f");
    assert_eq!(f.consts[0], Const::Str("doc".into()));
    assert!(f.flags & CodeFlags::HAS_DOCSTRING != 0);
    assert_ops(f, &["LOAD_CONST 1", "RETURN_VALUE"]);
    let k = find(&c, "C");
    assert_eq!(k.consts[0], Const::Str("cdoc".into()));
    assert_seq(k, &["LOAD_CONST 'cdoc'", "STORE_NAME __doc__"]);
    let oo = comp_with(
        src,
        Mode::Exec,
        &CompileOptions {
            optimize: 2,
            ..Default::default()
        },
    );
    assert!(oo.flags & CodeFlags::HAS_DOCSTRING == 0);
    assert!(find(&oo, "f").flags & CodeFlags::HAS_DOCSTRING == 0);
    assert!(!ops(&oo).iter().any(|s| s == "STORE_NAME __doc__"));
}

#[test]
fn classes() {
    let c =
        comp("class C(B, metaclass=M):\n    x = 1\n    def m(self):\n        return super().m()\n");
    assert_seq(
        &c,
        &[
            "LOAD_BUILD_CLASS",
            "LOAD_CONST <code C>",
            "MAKE_FUNCTION 0",
            "LOAD_CONST 'C'",
            "LOAD_NAME B",
            "LOAD_NAME M",
            "LOAD_CONST ('metaclass',)",
            "CALL_KW 4",
            "STORE_NAME C",
        ],
    );
    let k = find(&c, "C");
    assert_eq!(k.cellvars, vec!["__class__"]);
    assert_seq(
        k,
        &[
            "LOAD_NAME __name__",
            "STORE_NAME __module__",
            "LOAD_CONST 'C'",
            "STORE_NAME __qualname__",
        ],
    );
    assert_seq(
        k,
        &[
            "LOAD_CLOSURE __class__",
            "COPY 1",
            "STORE_NAME __classcell__",
            "RETURN_VALUE",
        ],
    );
    assert_seq(
        k,
        &[
            "LOAD_CLOSURE __class__",
            "BUILD_TUPLE 1",
            "LOAD_CONST <code C.m>",
            "MAKE_FUNCTION 8",
        ],
    );
    let m = find(&c, "C.m");
    assert_eq!(m.freevars, vec!["__class__"]);
    let plain = comp("class D:\n    pass\n");
    assert_seq(
        find(&plain, "D"),
        &["NOP", "LOAD_CONST None", "RETURN_VALUE"],
    );
    // Bases with a star go through CALL_FUNCTION_EX with the body and name first.
    assert_seq(
        &comp("class E(*bs): pass\n"),
        &[
            "LOAD_BUILD_CLASS",
            "LOAD_CONST <code E>",
            "MAKE_FUNCTION 0",
            "LOAD_CONST 'E'",
            "BUILD_LIST 2",
            "LOAD_NAME bs",
            "LIST_EXTEND 1",
            "LIST_TO_TUPLE",
            "CALL_FUNCTION_EX 0",
        ],
    );
}

#[test]
fn class_scopes() {
    let c = comp(
        "def f():\n    x = 1\n    class C:\n        y = x\n        x = 2\n        def g(self):\n            return x\n",
    );
    let k = find(&c, "f.<locals>.C");
    assert_eq!(k.freevars, vec!["x"]);
    assert_seq(
        k,
        &[
            "LOAD_NAME x",
            "STORE_NAME y",
            "LOAD_CONST 2",
            "STORE_NAME x",
            "LOAD_CLOSURE x",
        ],
    );
    let c = comp("def f():\n    v = 1\n    class C:\n        w = v\n");
    assert_seq(
        find(&c, "f.<locals>.C"),
        &["LOAD_CLASSDEREF v", "STORE_NAME w"],
    );
    let c = comp("class C:\n    __x = 1\n    def m(self):\n        return self.__x\n");
    assert_seq(find(&c, "C"), &["LOAD_CONST 1", "STORE_NAME _C__x"]);
    assert_seq(find(&c, "C.m"), &["LOAD_FAST self", "LOAD_ATTR _C__x"]);
}

#[test]
fn decorators_and_firstlineno() {
    let c = comp("\n@d1\n@d2(3)\ndef f():\n    pass\n");
    assert_seq(
        &c,
        &[
            "LOAD_NAME d1",
            "LOAD_NAME d2",
            "LOAD_CONST 3",
            "CALL 1",
            "LOAD_CONST <code f>",
            "MAKE_FUNCTION 0",
            "CALL 1",
            "CALL 1",
            "STORE_NAME f",
        ],
    );
    assert_eq!(find(&c, "f").firstlineno, 2);
}

#[test]
fn annotations() {
    let c = comp("x: int = 5\ny: str\n");
    assert_ops(
        &c,
        &[
            "SETUP_ANNOTATIONS",
            "LOAD_CONST 5",
            "STORE_NAME x",
            "LOAD_NAME int",
            "LOAD_NAME __annotations__",
            "LOAD_CONST 'x'",
            "STORE_SUBSCR",
            "LOAD_NAME str",
            "LOAD_NAME __annotations__",
            "LOAD_CONST 'y'",
            "STORE_SUBSCR",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
    let f = comp("def f(a: int, *b: str, c: float = 1.0) -> bool:\n    x: int = 1\n");
    assert_seq(
        &f,
        &[
            "LOAD_CONST 1.0",
            "LOAD_CONST ('c',)",
            "BUILD_CONST_KEY_MAP 1",
            "LOAD_CONST 'a'",
            "LOAD_NAME int",
            "LOAD_CONST 'b'",
            "LOAD_NAME str",
            "LOAD_CONST 'c'",
            "LOAD_NAME float",
            "LOAD_CONST 'return'",
            "LOAD_NAME bool",
            "BUILD_TUPLE 8",
            "LOAD_CONST <code f>",
            "MAKE_FUNCTION 6",
        ],
    );
    assert_ops(
        find(&f, "f"),
        &[
            "LOAD_CONST 1",
            "STORE_FAST x",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
    let fut = comp(
        "from __future__ import annotations\ndef f(a: List[int]) -> None: pass\nz: Dict[str, int] = {}\n",
    );
    assert_seq(
        &fut,
        &[
            "LOAD_CONST ('a', 'List[int]', 'return', 'None')",
            "LOAD_CONST <code f>",
            "MAKE_FUNCTION 4",
        ],
    );
    assert_seq(
        &fut,
        &[
            "LOAD_CONST 'Dict[str, int]'",
            "LOAD_NAME __annotations__",
            "LOAD_CONST 'z'",
            "STORE_SUBSCR",
        ],
    );
    let opt = comp_with(
        "def f(a: int): pass\n",
        Mode::Exec,
        &CompileOptions {
            future_annotations: true,
            ..Default::default()
        },
    );
    assert_seq(&opt, &["LOAD_CONST ('a', 'int')"]);
}

#[test]
fn try_except_shape() {
    let c = comp("try:\n    a\nexcept E as e:\n    b\nexcept:\n    c\n");
    assert_ops(
        &c,
        &[
            "SETUP_FINALLY",
            "LOAD_NAME a",
            "POP_TOP",
            "POP_BLOCK",
            "JUMP",
            "SETUP_FINALLY",
            "PUSH_EXC_INFO",
            "LOAD_NAME E",
            "CHECK_EXC_MATCH",
            "POP_JUMP_IF_FALSE",
            "STORE_NAME e",
            "SETUP_FINALLY",
            "LOAD_NAME b",
            "POP_TOP",
            "POP_BLOCK",
            "POP_BLOCK",
            "POP_EXCEPT",
            "LOAD_CONST None",
            "STORE_NAME e",
            "DELETE_NAME e",
            "JUMP",
            "LOAD_CONST None",
            "STORE_NAME e",
            "DELETE_NAME e",
            "RERAISE",
            "POP_TOP",
            "LOAD_NAME c",
            "POP_TOP",
            "POP_BLOCK",
            "POP_EXCEPT",
            "JUMP",
            "SWAP 2",
            "POP_EXCEPT",
            "RERAISE",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
}

#[test]
fn try_finally_and_with_shapes() {
    let c = comp("try:\n    a\nfinally:\n    b\n");
    assert_ops(
        &c,
        &[
            "SETUP_FINALLY",
            "LOAD_NAME a",
            "POP_TOP",
            "POP_BLOCK",
            "LOAD_NAME b",
            "POP_TOP",
            "JUMP",
            "SETUP_FINALLY",
            "PUSH_EXC_INFO",
            "LOAD_NAME b",
            "POP_TOP",
            "RERAISE",
            "SWAP 2",
            "POP_EXCEPT",
            "RERAISE",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
    let w = comp("with m as v:\n    a\n");
    assert_ops(
        &w,
        &[
            "LOAD_NAME m",
            "BEFORE_WITH",
            "STORE_NAME v",
            "SETUP_FINALLY",
            "LOAD_NAME a",
            "POP_TOP",
            "POP_BLOCK",
            "LOAD_CONST None",
            "LOAD_CONST None",
            "LOAD_CONST None",
            "CALL 3",
            "POP_TOP",
            "JUMP",
            "SETUP_FINALLY",
            "PUSH_EXC_INFO",
            "WITH_EXCEPT_START",
            "POP_JUMP_IF_TRUE",
            "RERAISE",
            "POP_BLOCK",
            "POP_TOP",
            "POP_EXCEPT",
            "POP_TOP",
            "JUMP",
            "SWAP 2",
            "POP_EXCEPT",
            "RERAISE",
            "LOAD_CONST None",
            "RETURN_VALUE",
        ],
    );
}

#[test]
fn static_unwinding() {
    let c = comp(
        "def f(xs):\n    for x in xs:\n        with m:\n            try:\n                return g(x)\n            finally:\n                h()\n",
    );
    let f = find(&c, "f");
    // return value computed first, then: finally body, with-exit, iterator popped.
    assert_seq(
        f,
        &[
            "LOAD_GLOBAL g",
            "LOAD_FAST x",
            "CALL 1",
            "POP_BLOCK",
            "LOAD_GLOBAL h",
            "CALL 0",
            "POP_TOP",
            "POP_BLOCK",
            "SWAP 2",
            "LOAD_CONST None",
            "LOAD_CONST None",
            "LOAD_CONST None",
            "CALL 3",
            "POP_TOP",
            "SWAP 2",
            "POP_TOP",
            "RETURN_VALUE",
        ],
    );
    let c = comp("for x in y:\n    try:\n        break\n    except E as e:\n        continue\n");
    assert_seq(&c, &["POP_BLOCK", "POP_TOP", "JUMP"]);
    assert_seq(
        &c,
        &[
            "POP_BLOCK",
            "POP_BLOCK",
            "POP_EXCEPT",
            "LOAD_CONST None",
            "STORE_NAME e",
            "DELETE_NAME e",
            "JUMP_BACKWARD",
        ],
    );
}

#[test]
fn loops() {
    let c = comp("for i in x:\n    a\nelse:\n    b\nwhile c:\n    d\n");
    assert_seq(
        &c,
        &[
            "LOAD_NAME x",
            "GET_ITER",
            "FOR_ITER",
            "STORE_NAME i",
            "LOAD_NAME a",
            "POP_TOP",
            "JUMP_BACKWARD",
            "LOAD_NAME b",
        ],
    );
    assert_seq(
        &c,
        &[
            "LOAD_NAME c",
            "POP_JUMP_IF_FALSE",
            "LOAD_NAME d",
            "POP_TOP",
            "JUMP_BACKWARD",
        ],
    );
    assert_seq(
        &comp("for i in [1, 2, 3]: pass\n"),
        &["LOAD_CONST (1, 2, 3)", "GET_ITER"],
    );
}

#[test]
fn generators_and_coroutines() {
    let c = comp(
        "def g():\n    x = yield 1\n    yield from h\nasync def a():\n    await b\nasync def ag():\n    yield 2\n",
    );
    let g = find(&c, "g");
    assert!(g.flags & CodeFlags::GENERATOR != 0);
    assert_seq(g, &["LOAD_CONST 1", "YIELD_VALUE 0", "STORE_FAST x"]);
    assert_seq(
        g,
        &[
            "LOAD_GLOBAL h",
            "GET_YIELD_FROM_ITER",
            "LOAD_CONST None",
            "SEND",
            "YIELD_VALUE 1",
            "JUMP",
            "POP_TOP",
        ],
    );
    let a = find(&c, "a");
    assert!(a.flags & CodeFlags::COROUTINE != 0);
    assert_seq(
        a,
        &[
            "LOAD_GLOBAL b",
            "GET_AWAITABLE 0",
            "LOAD_CONST None",
            "SEND",
            "YIELD_VALUE 1",
            "JUMP",
            "POP_TOP",
        ],
    );
    let ag = find(&c, "ag");
    assert!(ag.flags & CodeFlags::ASYNC_GENERATOR != 0);
    assert_seq(ag, &["LOAD_CONST 2", "ASYNC_GEN_WRAP", "YIELD_VALUE 0"]);
    let c = comp(
        "async def f():\n    async for x in y:\n        pass\n    async with m as v:\n        pass\n",
    );
    let f = find(&c, "f");
    assert_seq(
        f,
        &[
            "GET_AITER",
            "SETUP_FINALLY",
            "GET_ANEXT",
            "LOAD_CONST None",
            "SEND",
            "YIELD_VALUE 1",
            "JUMP",
            "POP_BLOCK",
            "STORE_FAST x",
        ],
    );
    assert!(has_op(f, Op::END_ASYNC_FOR));
    assert_seq(
        f,
        &[
            "BEFORE_ASYNC_WITH",
            "GET_AWAITABLE 1",
            "LOAD_CONST None",
            "SEND",
        ],
    );
    assert_seq(f, &["CALL 3", "GET_AWAITABLE 2", "LOAD_CONST None", "SEND"]);
    assert_seq(f, &["WITH_EXCEPT_START", "GET_AWAITABLE 2"]);
}

#[test]
fn comprehensions() {
    let c = comp(
        "def f(xs):\n    return [x * y for x in xs if x for y in x], {k: v for k, v in xs}, (z for z in xs)\n",
    );
    let f = find(&c, "f");
    assert_seq(
        f,
        &[
            "LOAD_CONST <code f.<locals>.<listcomp>>",
            "MAKE_FUNCTION 0",
            "LOAD_FAST xs",
            "GET_ITER",
            "CALL 1",
        ],
    );
    let lc = find(&c, "f.<locals>.<listcomp>");
    assert_eq!(lc.varnames[0], ".0");
    assert_eq!(lc.argcount, 1);
    assert_seq(
        lc,
        &[
            "BUILD_LIST 0",
            "LOAD_FAST .0",
            "FOR_ITER",
            "STORE_FAST x",
            "LOAD_FAST x",
            "POP_JUMP_IF_FALSE",
        ],
    );
    assert_seq(
        lc,
        &["LOAD_FAST x", "LOAD_FAST y", "BINARY_OP 2", "LIST_APPEND 3"],
    );
    let dc = find(&c, "f.<locals>.<dictcomp>");
    assert_seq(dc, &["LOAD_FAST k", "LOAD_FAST v", "MAP_ADD 2"]);
    let ge = find(&c, "f.<locals>.<genexpr>");
    assert!(ge.flags & CodeFlags::GENERATOR != 0);
    assert_seq(
        ge,
        &["LOAD_FAST z", "YIELD_VALUE 0", "POP_TOP", "JUMP_BACKWARD"],
    );
    // walrus binds in the enclosing function
    let c = comp("def f(xs):\n    [y := x for x in xs]\n    return y\n");
    assert_eq!(find(&c, "f").cellvars, vec!["y"]);
    assert_seq(
        find(&c, "f.<locals>.<listcomp>"),
        &["COPY 1", "STORE_DEREF y"],
    );
    let c = comp("async def f(xs):\n    return [x async for x in xs]\n");
    assert_seq(
        find(&c, "f"),
        &[
            "GET_AITER",
            "CALL 1",
            "GET_AWAITABLE 0",
            "LOAD_CONST None",
            "SEND",
        ],
    );
    assert!(find(&c, "f.<locals>.<listcomp>").flags & CodeFlags::COROUTINE != 0);
}

#[test]
fn assignments() {
    assert_seq(
        &comp("a, *b, c = x\n"),
        &[
            "LOAD_NAME x",
            "UNPACK_EX 257",
            "STORE_NAME a",
            "STORE_NAME b",
            "STORE_NAME c",
        ],
    );
    assert_seq(
        &comp("a = b = c\n"),
        &["LOAD_NAME c", "COPY 1", "STORE_NAME a", "STORE_NAME b"],
    );
    assert_seq(
        &comp("a, b = b, a\n"),
        &[
            "LOAD_NAME b",
            "LOAD_NAME a",
            "SWAP 2",
            "STORE_NAME a",
            "STORE_NAME b",
        ],
    );
    assert_seq(
        &comp("x[i] += 1\n"),
        &[
            "LOAD_NAME x",
            "LOAD_NAME i",
            "COPY 2",
            "COPY 2",
            "BINARY_SUBSCR",
            "LOAD_CONST 1",
            "BINARY_OP 13",
            "SWAP 3",
            "SWAP 2",
            "STORE_SUBSCR",
        ],
    );
    assert_seq(
        &comp("o.a -= 1\n"),
        &[
            "LOAD_NAME o",
            "COPY 1",
            "LOAD_ATTR a",
            "LOAD_CONST 1",
            "BINARY_OP 14",
            "SWAP 2",
            "STORE_ATTR a",
        ],
    );
    assert_seq(
        &comp("x[1:2] = y\n"),
        &[
            "LOAD_NAME y",
            "LOAD_NAME x",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "BUILD_SLICE 2",
            "STORE_SUBSCR",
        ],
    );
    assert_seq(
        &comp("del a, b.c, d[e]\n"),
        &[
            "DELETE_NAME a",
            "LOAD_NAME b",
            "DELETE_ATTR c",
            "LOAD_NAME d",
            "LOAD_NAME e",
            "DELETE_SUBSCR",
        ],
    );
    assert_seq(
        &comp("x[1:2, ::3]\n"),
        &[
            "LOAD_NAME x",
            "LOAD_CONST 1",
            "LOAD_CONST 2",
            "BUILD_SLICE 2",
            "LOAD_CONST None",
            "LOAD_CONST None",
            "LOAD_CONST 3",
            "BUILD_SLICE 3",
            "BUILD_TUPLE 2",
            "BINARY_SUBSCR",
        ],
    );
}

#[test]
fn expressions() {
    assert_seq(
        &comp("a < b < c\n"),
        &[
            "LOAD_NAME a",
            "LOAD_NAME b",
            "SWAP 2",
            "COPY 2",
            "COMPARE_OP 0",
            "JUMP_IF_FALSE_OR_POP",
            "LOAD_NAME c",
            "COMPARE_OP 0",
            "JUMP",
            "SWAP 2",
            "POP_TOP",
        ],
    );
    assert_seq(
        &comp("a and b or c\n"),
        &[
            "LOAD_NAME a",
            "JUMP_IF_FALSE_OR_POP",
            "LOAD_NAME b",
            "JUMP_IF_TRUE_OR_POP",
            "LOAD_NAME c",
        ],
    );
    assert_seq(
        &comp("x = [*a, 1]\n"),
        &[
            "BUILD_LIST 0",
            "LOAD_NAME a",
            "LIST_EXTEND 1",
            "LOAD_CONST 1",
            "LIST_APPEND 1",
        ],
    );
    assert_seq(
        &comp("x = {**a, 'k': 1}\n"),
        &[
            "BUILD_MAP 0",
            "LOAD_NAME a",
            "DICT_UPDATE 1",
            "LOAD_CONST 'k'",
            "LOAD_CONST 1",
            "BUILD_MAP 1",
            "DICT_UPDATE 1",
        ],
    );
    assert_seq(
        &comp("x = {'a': p, 'b': q}\n"),
        &[
            "LOAD_NAME p",
            "LOAD_NAME q",
            "LOAD_CONST ('a', 'b')",
            "BUILD_CONST_KEY_MAP 2",
        ],
    );
    assert_seq(
        &comp("x = f'a{b!r:>{w}}c{d=}'\n"),
        &[
            "LOAD_CONST 'a'",
            "LOAD_NAME b",
            "LOAD_CONST '>'",
            "LOAD_NAME w",
            "FORMAT_VALUE 0",
            "BUILD_STRING 2",
            "FORMAT_VALUE 6",
            "LOAD_CONST 'cd='",
            "LOAD_NAME d",
            "FORMAT_VALUE 2",
            "BUILD_STRING 4",
        ],
    );
    assert_seq(
        &comp("if x is None: pass\n"),
        &["LOAD_NAME x", "POP_JUMP_IF_NOT_NONE"],
    );
    assert_seq(
        &comp("if not (a and b): pass\n"),
        &[
            "LOAD_NAME a",
            "POP_JUMP_IF_FALSE",
            "LOAD_NAME b",
            "POP_JUMP_IF_TRUE",
        ],
    );
    assert_seq(
        &comp("assert x, 'm'\n"),
        &[
            "LOAD_NAME x",
            "POP_JUMP_IF_TRUE",
            "LOAD_ASSERTION_ERROR",
            "LOAD_CONST 'm'",
            "CALL 1",
            "RAISE_VARARGS 1",
        ],
    );
    let o = comp_with(
        "assert x\nif __debug__: y\n",
        Mode::Exec,
        &CompileOptions {
            optimize: 1,
            ..Default::default()
        },
    );
    assert!(!has_op(&o, Op::LOAD_ASSERTION_ERROR));
    assert!(!ops(&o).iter().any(|s| s == "LOAD_NAME y"));
    assert_seq(
        &comp("raise E from c\n"),
        &["LOAD_NAME E", "LOAD_NAME c", "RAISE_VARARGS 2"],
    );
}

#[test]
fn constants_and_folding() {
    assert_seq(&comp("x = 2 ** 10\n"), &["LOAD_CONST 1024", "STORE_NAME x"]);
    assert_seq(&comp("x = -1\n"), &["LOAD_CONST -1", "STORE_NAME x"]);
    assert_seq(
        &comp("x = 1 / 0\n"),
        &["LOAD_CONST 1", "LOAD_CONST 0", "BINARY_OP 4"],
    );
    assert_seq(
        &comp("x = 2 ** 1000\n"),
        &["LOAD_CONST 2", "LOAD_CONST 1000", "BINARY_OP 7"],
    );
    assert_seq(&comp("x = 'ab' * 3\n"), &["LOAD_CONST 'ababab'"]);
    assert_seq(&comp("x = (1, (2, 'a'))\n"), &["LOAD_CONST (1, (2, 'a'))"]);
    assert_seq(
        &comp("y in [1, 2]\n"),
        &["LOAD_NAME y", "LOAD_CONST (1, 2)", "CONTAINS_OP 0"],
    );
    assert_seq(
        &comp("y not in {1, 2}\n"),
        &[
            "LOAD_NAME y",
            "LOAD_CONST frozenset({1, 2})",
            "CONTAINS_OP 1",
        ],
    );
    assert_seq(
        &comp("x = [1, 2, 3]\n"),
        &["BUILD_LIST 0", "LOAD_CONST (1, 2, 3)", "LIST_EXTEND 1"],
    );
    assert_seq(
        &comp("x = 123456789012345678901234567890\n"),
        &["LOAD_CONST 123456789012345678901234567890"],
    );
    assert_seq(&comp("x = 3j\n"), &["LOAD_CONST (0.0+3.0j)"]);
    assert_seq(&comp("x = b'a' b'b'\n"), &["LOAD_CONST b'ab'"]);
    assert_seq(&comp("x = 'a' 'b'\n"), &["LOAD_CONST 'ab'"]);
    assert_seq(&comp("x = __debug__\n"), &["LOAD_CONST True"]);
    let c = comp("x = '\\ud800'\n");
    assert!(c.consts.contains(&Const::Wtf8Str(vec![0xED, 0xA0, 0x80])));
    // 0.0 and -0.0 are different constants.
    let c = comp("a = 0.0\nb = -0.0\n");
    assert_eq!(
        c.consts
            .iter()
            .filter(|k| matches!(k, Const::Float(_)))
            .count(),
        2
    );
}

#[test]
fn imports() {
    assert_seq(
        &comp("import a.b.c\n"),
        &[
            "LOAD_CONST 0",
            "LOAD_CONST None",
            "IMPORT_NAME a.b.c",
            "STORE_NAME a",
        ],
    );
    assert_seq(
        &comp("import a.b.c as d\n"),
        &[
            "IMPORT_NAME a.b.c",
            "IMPORT_FROM b",
            "SWAP 2",
            "POP_TOP",
            "IMPORT_FROM c",
            "STORE_NAME d",
            "POP_TOP",
        ],
    );
    assert_seq(
        &comp("from . import x as y, z\n"),
        &[
            "LOAD_CONST 1",
            "LOAD_CONST ('x', 'z')",
            "IMPORT_NAME ",
            "IMPORT_FROM x",
            "STORE_NAME y",
            "IMPORT_FROM z",
            "STORE_NAME z",
            "POP_TOP",
        ],
    );
    assert_seq(
        &comp("from os.path import *\n"),
        &[
            "LOAD_CONST 0",
            "LOAD_CONST ('*',)",
            "IMPORT_NAME os.path",
            "IMPORT_STAR",
        ],
    );
    assert_seq(
        find(&comp("def f():\n    import os\n"), "f"),
        &["IMPORT_NAME os", "STORE_FAST os"],
    );
}

#[test]
fn globals_nonlocals() {
    let c = comp(
        "x = 0\ndef f():\n    global x\n    x = 1\n    y = 2\n    def g():\n        nonlocal y\n        y = 3\n        del y\n    return x\n",
    );
    let f = find(&c, "f");
    assert_seq(
        f,
        &[
            "LOAD_CONST 1",
            "STORE_GLOBAL x",
            "LOAD_CONST 2",
            "STORE_DEREF y",
        ],
    );
    assert_seq(
        find(&c, "f.<locals>.g"),
        &["LOAD_CONST 3", "STORE_DEREF y", "DELETE_DEREF y"],
    );
}

#[test]
fn match_shapes() {
    let c = comp(
        "match p:\n    case [1, *rest]:\n        a\n    case {'k': v, **kw}:\n        b\n    case C(x, y=2) | D(x):\n        c\n    case _:\n        d\n",
    );
    assert!(has_op(&c, Op::MATCH_SEQUENCE));
    assert!(has_op(&c, Op::MATCH_MAPPING));
    assert!(has_op(&c, Op::MATCH_KEYS));
    assert!(has_op(&c, Op::MATCH_CLASS));
    assert_seq(&c, &["LOAD_NAME C", "LOAD_CONST ('y',)", "MATCH_CLASS 1"]);
    assert_seq(
        &c,
        &[
            "MATCH_SEQUENCE",
            "POP_JUMP_IF_FALSE",
            "GET_LEN",
            "LOAD_CONST 1",
            "COMPARE_OP 5",
        ],
    );
    assert_seq(&c, &["UNPACK_EX 1", "LOAD_CONST 1", "COMPARE_OP 2"]);
    let e = err("match p:\n    case [a] | [b]:\n        pass\n");
    assert_eq!(e.msg, "alternative patterns bind different names");
}

#[test]
fn locations() {
    let c = comp("a = 1\n\nb = (\n  2 +\n  c)\n");
    let lines: Vec<u32> = c.locations.iter().map(|l| l.line).collect();
    assert_eq!(lines[..2], [1, 1]);
    // `c` is on line 5; the addition spans lines 4-5.
    let i = ops(&c).iter().position(|s| s == "LOAD_NAME c").unwrap();
    assert_eq!(c.locations[i].line, 5);
    assert_eq!(c.locations[i].col, 2);
    let add = ops(&c).iter().position(|s| s == "BINARY_OP 0").unwrap();
    assert_eq!((c.locations[add].line, c.locations[add].end_line), (4, 5));
    assert_eq!(c.locations.len(), c.instrs.len());
}

#[test]
fn max_stack() {
    let c = comp("f(a, b, c)\n");
    assert_eq!(c.max_stack, 4);
    let c = comp("x = [1, 2][0]\n");
    assert!(c.max_stack >= 2);
    let flags = MakeFunctionFlags::DEFAULTS;
    assert_eq!(flags, 1);
}

#[test]
fn try_star_shape() {
    let c = comp("try:\n    a\nexcept* E as e:\n    b\nexcept* F:\n    c\n");
    assert_seq(
        &c,
        &[
            "PUSH_EXC_INFO",
            "BUILD_LIST 0",
            "COPY 2",
            "LOAD_NAME E",
            "CHECK_EG_MATCH",
            "COPY 1",
            "POP_JUMP_IF_NONE",
            "STORE_NAME e",
        ],
    );
    assert_seq(
        &c,
        &[
            "LIST_APPEND 1",
            "JUMP",
            "PREP_RERAISE_STAR",
            "COPY 1",
            "POP_JUMP_IF_NOT_NONE",
            "POP_TOP",
            "POP_BLOCK",
            "POP_EXCEPT",
        ],
    );
    assert_seq(&c, &["POP_BLOCK", "SWAP 2", "POP_EXCEPT", "RERAISE"]);
}
