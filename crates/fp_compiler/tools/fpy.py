"""Reference executor for ferropy bytecode, hosted on CPython.

Runs the code objects produced by fp_compiler (dumped as JSON by the `fpdump` example) with
CPython's own objects for values, so compiler output can be checked against CPython's behaviour
before the real VM is complete.  Usage: python3.11 fpy.py prog.py [args]
"""
import builtins, collections.abc, json, os, struct, subprocess, sys, types, operator

FPDUMP = os.environ.get("FPDUMP", "/work/target-compiler/release/examples/fpdump")

CO_GENERATOR, CO_COROUTINE, CO_ASYNC_GENERATOR = 0x20, 0x80, 0x200
CO_VARARGS, CO_VARKEYWORDS = 0x4, 0x8


def _h(s):
    return bytes.fromhex(s).decode("utf-8")


class Code:
    def __init__(self, d):
        self.instrs = [(op, arg) for op, arg, *_ in d["instrs"]]
        self.lines = [x[2] for x in d["instrs"]]
        self.consts = [load_const(c) for c in d["consts"]]
        self.names = [_h(x) for x in d["names"]]
        self.varnames = [_h(x) for x in d["varnames"]]
        self.cellvars = [_h(x) for x in d["cellvars"]]
        self.freevars = [_h(x) for x in d["freevars"]]
        self.cell2arg = d["cell2arg"]
        self.argcount = d["argcount"]
        self.posonlyargcount = d["posonlyargcount"]
        self.kwonlyargcount = d["kwonlyargcount"]
        self.flags = d["flags"]
        self.name = _h(d["name"])
        self.qualname = _h(d["qualname"])
        self.filename = _h(d["filename"])
        self.firstlineno = d["firstlineno"]
        self.max_stack = d["max_stack"]


for _a in ("argcount", "posonlyargcount", "kwonlyargcount", "flags", "name", "qualname", "filename",
           "firstlineno", "varnames", "cellvars", "freevars", "consts", "names"):
    setattr(Code, "co_" + _a, property(lambda self, _a=_a: tuple(getattr(self, _a)) if isinstance(getattr(self, _a), list) else getattr(self, _a)))
Code.co_nlocals = property(lambda self: len(self.varnames))
Code.co_stacksize = property(lambda self: self.max_stack)


def load_const(c):
    t = c[0]
    if t == "none": return None
    if t == "true": return True
    if t == "false": return False
    if t == "ellipsis": return ...
    if t == "int": return int(c[1])
    if t == "float": return struct.unpack(">d", bytes.fromhex(c[1]))[0]
    if t == "complex":
        return complex(struct.unpack(">d", bytes.fromhex(c[1]))[0], struct.unpack(">d", bytes.fromhex(c[2]))[0])
    if t == "str": return _h(c[1])
    if t == "wtf8": return bytes.fromhex(c[1]).decode("utf-8", "surrogatepass")
    if t == "bytes": return bytes.fromhex(c[1])
    if t == "tuple": return tuple(load_const(x) for x in c[1])
    if t == "frozenset": return frozenset(tuple(frozenset(load_const(x) for x in c[1])))
    if t == "code": return Code(c[1])
    raise ValueError(t)


def fp_compile(source, filename, mode="exec", optimize=0):
    flag = {"exec": [], "eval": ["-e"], "single": ["-s"]}[mode]
    opt = ["-O"] if optimize == 1 else ["-OO"] if optimize == 2 else []
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    r = subprocess.run([FPDUMP] + flag + opt + ["-n", filename, "-"], input=source.encode("utf-8", "surrogatepass"),
                       capture_output=True)
    d = json.loads(r.stdout)
    import warnings
    for cat, msg, line, col in d.get("warnings", []):
        category = getattr(builtins, cat)
        try:
            warnings.warn_explicit(_h(msg), category, filename, line)
        except category:
            raise SyntaxError(_h(msg), (filename, line, col, None, line, col)) from None
    if "error" in d:
        kind, msg, line, col, eline, ecol = d["error"]
        exc = getattr(builtins, kind)(_h(msg), (filename, line or None, col or None, None, eline, ecol))
        raise exc
    return Code(d["code"])


NULL = object()
_frames = []


class _Carrier(Exception):
    """Carries a StopIteration out of the executor's own generator (PEP 479 would turn it
    into RuntimeError) for frames that are not generators."""

    def __init__(self, exc):
        self.exc = exc


def _drive(g):
    try:
        next(g)
    except StopIteration as e:
        return e.value
    except _Carrier as c:
        raise c.exc.with_traceback(None) from None
    raise SystemError("function yielded")


class Frame:
    __slots__ = ("code", "stack", "blocks", "fast", "cells", "locals", "globals", "builtins", "handled", "lasti")

    def __init__(self, code, globals_, locals_, closure):
        self.code = code
        self.stack = []
        self.blocks = []
        self.fast = [NULL] * len(code.varnames)
        self.cells = [types.CellType() for _ in code.cellvars] + list(closure or ())
        self.locals = locals_
        self.globals = globals_
        self.builtins = FP_BUILTINS
        self.handled = []
        self.lasti = 0


class Function:
    def __init__(self, code, globals_, closure, defaults, kwdefaults, annotations):
        self.__code__ = code
        self.__globals__ = globals_
        self.__closure__ = closure
        self.__defaults__ = defaults
        self.__kwdefaults__ = kwdefaults
        self.__annotations__ = annotations if annotations is not None else {}
        self.__name__ = code.name
        self.__qualname__ = code.qualname
        self.__module__ = globals_.get("__name__")
        self.__doc__ = code.consts[0] if code.flags & 0x10000000 else None
        self.__dict__.setdefault("__wrapped_fp__", True)

    def __repr__(self):
        return f"<function {self.__qualname__} at {id(self):#x}>"

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return types.MethodType(self, obj)

    def __call__(self, /, *args, **kwargs):
        code = self.__code__
        frame = Frame(code, self.__globals__, None, self.__closure__)
        bind_args(self, frame, args, kwargs)
        for ci, ai in code.cell2arg:
            frame.cells[ci].cell_contents = frame.fast[ai]
            frame.fast[ai] = NULL
        if code.flags & CO_ASYNC_GENERATOR:
            return AsyncGen(frame, self)
        if code.flags & CO_GENERATOR:
            return Gen(run(frame), self)
        if code.flags & CO_COROUTINE:
            return Coro(run(frame), self)
        return _drive(run(frame))


def bind_args(fn, frame, args, kwargs):
    code = fn.__code__
    n = code.argcount
    nk = code.kwonlyargcount
    names = code.varnames
    fast = frame.fast
    qual = fn.__qualname__
    if len(args) > n and not code.flags & CO_VARARGS:
        given = len(args)
        if fn.__defaults__:
            raise TypeError(f"{qual}() takes from {n - len(fn.__defaults__)} to {n} positional arguments but {given} were given")
        raise TypeError(f"{qual}() takes {n} positional argument{'s' if n != 1 else ''} but {given} {'was' if given == 1 else 'were'} given")
    for i, a in enumerate(args[:n]):
        fast[i] = a
    idx = n + nk
    if code.flags & CO_VARARGS:
        fast[idx] = tuple(args[n:])
        idx += 1
    kw = {} if code.flags & CO_VARKEYWORDS else None
    posonly_passed = []
    for k, v in kwargs.items():
        try:
            j = names.index(k, code.posonlyargcount, n + nk)
        except ValueError:
            j = -1
        if j < 0:
            if kw is None:
                if k in names[:code.posonlyargcount]:
                    posonly_passed.append(k)
                    continue
                raise TypeError(f"{qual}() got an unexpected keyword argument '{k}'")
            kw[k] = v
            continue
        if fast[j] is not NULL:
            raise TypeError(f"{qual}() got multiple values for argument '{k}'")
        fast[j] = v
    if posonly_passed:
        raise TypeError(f"{qual}() got some positional-only arguments passed as keyword arguments: '{', '.join(posonly_passed)}'")
    if kw is not None:
        fast[idx] = kw
    defaults = fn.__defaults__ or ()
    first_default = n - len(defaults)
    missing = []
    for i in range(n):
        if fast[i] is NULL:
            if i >= first_default:
                fast[i] = defaults[i - first_default]
            else:
                missing.append(names[i])
    if missing:
        raise TypeError(f"{qual}() missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: " + _names(missing))
    kwd = fn.__kwdefaults__ or {}
    missing = []
    for i in range(n, n + nk):
        if fast[i] is NULL:
            if names[i] in kwd:
                fast[i] = kwd[names[i]]
            else:
                missing.append(names[i])
    if missing:
        raise TypeError(f"{qual}() missing {len(missing)} required keyword-only argument{'s' if len(missing) > 1 else ''}: " + _names(missing))


def _names(ms):
    q = [f"'{m}'" for m in ms]
    if len(q) == 1:
        return q[0]
    if len(q) == 2:
        return f"{q[0]} and {q[1]}"
    return ", ".join(q[:-1]) + f", and {q[-1]}"


class Gen:
    def __init__(self, g, fn):
        self._g = g
        self.gi_code = fn.__code__
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__

    def __iter__(self):
        return self

    def __next__(self):
        return self._g.send(None)

    __class__ = property(lambda self: types.GeneratorType)
    gi_running = property(lambda self: self._g.gi_running)
    gi_frame = property(lambda self: self._g.gi_frame)
    gi_suspended = property(lambda self: self._g.gi_suspended)
    gi_yieldfrom = property(lambda self: self._g.gi_yieldfrom)

    def send(self, v):
        return self._g.send(v)

    def throw(self, *a):
        return self._g.throw(*a)

    def close(self):
        return self._g.close()

    def __repr__(self):
        return f"<generator object {self.__qualname__} at {id(self):#x}>"


class Coro(collections.abc.Coroutine):
    def __init__(self, g, fn):
        self._g = g
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__

    def send(self, v):
        return self._g.send(v)

    def throw(self, *a):
        return self._g.throw(*a)

    def close(self):
        return self._g.close()

    def __await__(self):
        return self._g

    __class__ = property(lambda self: types.CoroutineType)
    cr_running = property(lambda self: self._g.gi_running)
    cr_frame = property(lambda self: self._g.gi_frame)
    cr_await = property(lambda self: self._g.gi_yieldfrom)
    cr_suspended = property(lambda self: self._g.gi_suspended)

    def __repr__(self):
        return f"<coroutine object {self.__qualname__} at {id(self):#x}>"


class Wrapped:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


class AsyncGen(collections.abc.AsyncGenerator):
    def __init__(self, frame, fn):
        self._g = run(frame)
        self._started = False
        self._done = False
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__

    def _step(self, meth, *a):
        # An awaitable driving the generator until it yields a wrapped value.
        g = self._g
        while True:
            try:
                y = meth(*a)
            except StopIteration:
                self._done = True
                raise StopAsyncIteration
            if isinstance(y, Wrapped):
                return y.v
            try:
                sent = yield y
            except BaseException as e:
                meth, a = g.throw, (e,)
                continue
            meth, a = g.send, (sent,)

    def asend(self, v):
        return _Awaitable(self._step(self._g.send, v))

    def __anext__(self):
        if self._done:
            return _Awaitable(_raise(StopAsyncIteration()))
        return self.asend(None)

    def athrow(self, *a):
        return _Awaitable(self._step(self._g.throw, *a))

    async def aclose(self):
        try:
            await self.athrow(GeneratorExit)
        except (GeneratorExit, StopAsyncIteration):
            return
        raise RuntimeError("async generator ignored GeneratorExit")


Function.__name__ = Function.__qualname__ = "function"
Gen.__name__ = Gen.__qualname__ = "generator"
Coro.__name__ = Coro.__qualname__ = "coroutine"
AsyncGen.__name__ = AsyncGen.__qualname__ = "async_generator"


def _raise(e):
    raise e
    yield


class _Awaitable:
    def __init__(self, g):
        self._g = g

    def __await__(self):
        return self._g

    def __iter__(self):
        return self._g

    def __next__(self):
        return next(self._g)

    def send(self, v):
        return self._g.send(v)

    def throw(self, *a):
        return self._g.throw(*a)

    def close(self):
        return self._g.close()


def build_class(func, name, /, *bases, **kwds):
    if not isinstance(func, Function):
        raise TypeError("__build_class__: func must be a function")
    orig_bases = bases
    bases = types.resolve_bases(bases)
    meta, ns, kwds = types.prepare_class(name, bases, kwds)
    frame = Frame(func.__code__, func.__globals__, ns, func.__closure__)
    _drive(run(frame))
    for k in ("__init_subclass__", "__class_getitem__"):
        if isinstance(ns.get(k), Function):
            ns[k] = classmethod(ns[k])
    if isinstance(ns.get("__new__"), Function):
        ns["__new__"] = staticmethod(ns["__new__"])
    if bases is not orig_bases:
        ns["__orig_bases__"] = orig_bases
    cls = meta(name, bases, ns, **kwds)
    return cls


def current_frame():
    return _frames[-1]


def fp_super(*args):
    if args:
        return builtins.super(*args)
    f = current_frame()
    code = f.code
    if code.argcount == 0 and not code.flags & CO_VARARGS:
        raise RuntimeError("super(): no arguments")
    try:
        i = code.cellvars.index("__class__") if "__class__" in code.cellvars else len(code.cellvars) + code.freevars.index("__class__")
    except ValueError:
        raise RuntimeError("super(): __class__ cell not found")
    cls = f.cells[i].cell_contents
    if code.argcount == 0 and not code.flags & CO_VARARGS:
        raise RuntimeError("super(): no arguments")
    first = f.fast[0]
    if first is NULL:
        for ci, ai in code.cell2arg:
            if ai == 0:
                first = f.cells[ci].cell_contents
    return builtins.super(cls, first)


def fp_exec(src, g=None, l=None, *, _mode="exec"):
    f = current_frame()
    if g is None:
        g = f.globals
        l = f.locals if f.locals is not None else _locals_of(f) if l is None else l
    if l is None:
        l = g
    if isinstance(src, str) or isinstance(src, bytes):
        code = fp_compile(src, "<string>", _mode)
    elif isinstance(src, Code):
        code = src
    else:
        return (builtins.exec if _mode == "exec" else builtins.eval)(src, g, l)
    g.setdefault("__builtins__", builtins)
    frame = Frame(code, g, l, None)
    r = _drive(run(frame))
    return r if _mode == "eval" else None


def fp_eval(src, g=None, l=None):
    if isinstance(src, str):
        src = src.lstrip(" \t")
    return fp_exec(src, g, l, _mode="eval")


def fp_compile_builtin(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **kw):
    if not isinstance(source, (str, bytes)):
        return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **kw)
    if mode not in ("exec", "eval", "single"):
        raise ValueError("compile() mode must be 'exec', 'eval' or 'single'")
    if flags & 0x400:  # ast.PyCF_ONLY_AST
        return builtins.compile(source, filename, mode, flags, dont_inherit, optimize, **kw)
    return fp_compile(source, filename, mode, max(optimize, 0))


def _locals_of(f):
    d = {}
    for i, n in enumerate(f.code.varnames):
        if f.fast[i] is not NULL:
            d[n] = f.fast[i]
    for i, n in enumerate(f.code.cellvars + f.code.freevars):
        try:
            d[n] = f.cells[i].cell_contents
        except ValueError:
            pass
    return d


def fp_locals():
    f = current_frame()
    return f.locals if f.locals is not None else _locals_of(f)


def fp_globals():
    return current_frame().globals


def fp_vars(*a):
    if a:
        return builtins.vars(*a)
    return fp_locals()


def fp_dir(*a):
    if a:
        return builtins.dir(*a)
    return sorted(fp_locals())


FP_BUILTINS = dict(vars(builtins))
FP_BUILTINS.update(super=fp_super, __build_class__=build_class, exec=fp_exec, eval=fp_eval,
                   compile=fp_compile_builtin, locals=fp_locals, globals=fp_globals, vars=fp_vars, dir=fp_dir)

BINOPS = [operator.add, operator.sub, operator.mul, operator.matmul, operator.truediv, operator.floordiv,
          operator.mod, pow, operator.lshift, operator.rshift, operator.and_, operator.or_, operator.xor,
          operator.iadd, operator.isub, operator.imul, operator.imatmul, operator.itruediv, operator.ifloordiv,
          operator.imod, operator.ipow, operator.ilshift, operator.irshift, operator.iand, operator.ior, operator.ixor]
CMPOPS = [operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge]


def unbound_local(name):
    return UnboundLocalError(f"cannot access local variable '{name}' where it is not associated with a value")


def load_name(f, name):
    if f.locals is not None:
        try:
            return f.locals[name]
        except KeyError:
            pass
    return load_global(f, name)


def load_global(f, name):
    if name in f.globals:
        return f.globals[name]
    b = f.globals.get("__builtins__")
    if name in f.builtins:
        return f.builtins[name]
    raise NameError(f"name '{name}' is not defined")


def exc_match(exc, typ):
    if isinstance(typ, tuple):
        for t in typ:
            if not (isinstance(t, type) and issubclass(t, BaseException)):
                raise TypeError("catching classes that do not inherit from BaseException is not allowed")
    elif not (isinstance(typ, type) and issubclass(typ, BaseException)):
        raise TypeError("catching classes that do not inherit from BaseException is not allowed")
    return isinstance(exc, typ)


def eg_match(exc, typ):
    if isinstance(typ, tuple):
        ts = typ
    else:
        ts = (typ,)
    for t in ts:
        if isinstance(t, type) and issubclass(t, BaseExceptionGroup):
            raise TypeError("catching ExceptionGroup with except* is not allowed. Use except instead.")
    if exc is None:
        return None, None
    if isinstance(exc, typ):
        if isinstance(exc, BaseExceptionGroup):
            return exc, None
        return BaseExceptionGroup("", [exc]), None
    if isinstance(exc, BaseExceptionGroup):
        m, rest = exc.split(typ)
        return m, rest
    return None, exc


def _leaves(e):
    if isinstance(e, BaseExceptionGroup):
        for x in e.exceptions:
            yield from _leaves(x)
    else:
        yield e


def prep_reraise_star(orig, excs):
    raised = [e for e in excs if e is not None]
    if not raised:
        return None
    if not isinstance(orig, BaseExceptionGroup):
        return raised[0]
    orig_leaves = {id(x) for x in _leaves(orig)}
    keep = set()
    new = []
    for e in raised:
        ls = list(_leaves(e))
        if ls and all(id(x) in orig_leaves for x in ls):
            keep.update(id(x) for x in ls)
        else:
            new.append(e)
    reraised = orig.split(lambda x: id(x) in keep)[0] if keep else None
    if not new:
        return reraised
    if reraised is not None:
        new.append(reraised)
    return ExceptionGroup("", new)


def match_class(subject, cls, nargs, names):
    if not isinstance(cls, type):
        raise TypeError("called match pattern must be a class")
    if not isinstance(subject, cls):
        return None
    attrs = []
    seen = set()
    if nargs:
        match_args = getattr(cls, "__match_args__", None)
        if match_args is None:
            if cls in (bool, bytearray, bytes, dict, float, frozenset, int, list, set, str, tuple):
                if nargs > 1:
                    raise TypeError(f"{cls.__name__}() accepts 1 positional sub-pattern ({nargs} given)")
                attrs.append(subject)
                match_args = ()
                nargs_rest = 0
            else:
                match_args = ()
        elif not isinstance(match_args, tuple):
            raise TypeError(f"{cls.__name__}.__match_args__ must be a tuple (got {type(match_args).__name__})")
        if not attrs:
            if nargs > len(match_args):
                raise TypeError(f"{cls.__name__}() accepts {len(match_args)} positional sub-pattern{'s' if len(match_args) != 1 else ''} ({nargs} given)")
            for name in match_args[:nargs]:
                if name in seen:
                    raise TypeError(f"{cls.__name__}() got multiple sub-patterns for attribute '{name}'")
                seen.add(name)
                try:
                    attrs.append(getattr(subject, name))
                except AttributeError:
                    return None
    for name in names:
        if name in seen:
            raise TypeError(f"{cls.__name__}() got multiple sub-patterns for attribute '{name}'")
        seen.add(name)
        try:
            attrs.append(getattr(subject, name))
        except AttributeError:
            return None
    return tuple(attrs)


_MISSING = object()


def run(f):
    """The evaluation loop, as a Python generator: it yields at YIELD_VALUE."""
    code = f.code
    instrs = code.instrs
    consts = code.consts
    names = code.names
    st = f.stack
    fast = f.fast
    cells = f.cells
    pc = 0
    _frames.append(f)
    pending = None
    try:
        while True:
            if pending is not None:
                exc = pending
                pending = None
                if not f.blocks:
                    if isinstance(exc, StopIteration):
                        if code.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR):
                            kind = "async generator" if code.flags & CO_ASYNC_GENERATOR else "coroutine" if code.flags & CO_COROUTINE else "generator"
                            raise RuntimeError(f"{kind} raised StopIteration") from exc
                        raise _Carrier(exc)
                    raise exc
                handler, level = f.blocks.pop()
                del st[level:]
                st.append(exc)
                pc = handler
                continue
            op, arg = instrs[pc]
            f.lasti = pc
            pc += 1
            try:
                if op == "LOAD_FAST":
                    v = fast[arg]
                    if v is NULL:
                        raise unbound_local(code.varnames[arg])
                    st.append(v)
                elif op == "LOAD_CONST":
                    st.append(consts[arg])
                elif op == "STORE_FAST":
                    fast[arg] = st.pop()
                elif op == "POP_TOP":
                    st.pop()
                elif op == "NOP":
                    pass
                elif op == "COPY":
                    st.append(st[-arg])
                elif op == "SWAP":
                    st[-1], st[-arg] = st[-arg], st[-1]
                elif op == "PUSH_NULL":
                    st.append(NULL)
                elif op == "DELETE_FAST":
                    if fast[arg] is NULL:
                        raise unbound_local(code.varnames[arg])
                    fast[arg] = NULL
                elif op in ("LOAD_DEREF", "LOAD_CLASSDEREF"):
                    name = (code.cellvars + code.freevars)[arg]
                    if op == "LOAD_CLASSDEREF" and f.locals is not None:
                        try:
                            st.append(f.locals[name])
                            continue
                        except KeyError:
                            pass
                    try:
                        st.append(cells[arg].cell_contents)
                    except ValueError:
                        if arg < len(code.cellvars):
                            raise unbound_local(name)
                        raise NameError(f"cannot access free variable '{name}' where it is not associated with a value in enclosing scope")
                elif op == "STORE_DEREF":
                    cells[arg].cell_contents = st.pop()
                elif op == "DELETE_DEREF":
                    try:
                        del cells[arg].cell_contents
                    except ValueError:
                        raise unbound_local((code.cellvars + code.freevars)[arg])
                elif op == "LOAD_CLOSURE":
                    st.append(cells[arg])
                elif op == "LOAD_NAME":
                    st.append(load_name(f, names[arg]))
                elif op == "STORE_NAME":
                    f.locals[names[arg]] = st.pop()
                elif op == "DELETE_NAME":
                    try:
                        del f.locals[names[arg]]
                    except KeyError:
                        raise NameError(f"name '{names[arg]}' is not defined")
                elif op == "LOAD_GLOBAL":
                    st.append(load_global(f, names[arg]))
                elif op == "STORE_GLOBAL":
                    f.globals[names[arg]] = st.pop()
                elif op == "DELETE_GLOBAL":
                    try:
                        del f.globals[names[arg]]
                    except KeyError:
                        raise NameError(f"name '{names[arg]}' is not defined")
                elif op == "LOAD_ATTR":
                    st[-1] = getattr(st[-1], names[arg])
                elif op == "STORE_ATTR":
                    obj = st.pop()
                    setattr(obj, names[arg], st.pop())
                elif op == "DELETE_ATTR":
                    delattr(st.pop(), names[arg])
                elif op == "LOAD_METHOD":
                    st[-1] = getattr(st[-1], names[arg])
                    st.insert(len(st) - 1, NULL)
                elif op == "BINARY_SUBSCR":
                    k = st.pop()
                    st[-1] = st[-1][k]
                elif op == "STORE_SUBSCR":
                    k = st.pop()
                    c = st.pop()
                    c[k] = st.pop()
                elif op == "DELETE_SUBSCR":
                    k = st.pop()
                    del st.pop()[k]
                elif op == "BUILD_SLICE":
                    if arg == 3:
                        c = st.pop()
                        b = st.pop()
                        st[-1] = slice(st[-1], b, c)
                    else:
                        b = st.pop()
                        st[-1] = slice(st[-1], b)
                elif op == "BINARY_OP":
                    b = st.pop()
                    st[-1] = BINOPS[arg](st[-1], b)
                elif op == "UNARY_NEGATIVE":
                    st[-1] = -st[-1]
                elif op == "UNARY_POSITIVE":
                    st[-1] = +st[-1]
                elif op == "UNARY_NOT":
                    st[-1] = not st[-1]
                elif op == "UNARY_INVERT":
                    st[-1] = ~st[-1]
                elif op == "COMPARE_OP":
                    b = st.pop()
                    st[-1] = CMPOPS[arg](st[-1], b)
                elif op == "IS_OP":
                    b = st.pop()
                    st[-1] = (st[-1] is b) != bool(arg)
                elif op == "CONTAINS_OP":
                    b = st.pop()
                    st[-1] = (st[-1] in b) != bool(arg)
                elif op == "BUILD_TUPLE":
                    if arg:
                        t = tuple(st[-arg:])
                        del st[-arg:]
                    else:
                        t = ()
                    st.append(t)
                elif op == "BUILD_LIST":
                    if arg:
                        t = st[-arg:]
                        del st[-arg:]
                    else:
                        t = []
                    st.append(t)
                elif op == "BUILD_SET":
                    t = set()
                    items = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    for x in items:
                        t.add(x)
                    st.append(t)
                elif op == "BUILD_MAP":
                    items = st[len(st) - 2 * arg:]
                    del st[len(st) - 2 * arg:]
                    d = {}
                    for i in range(0, len(items), 2):
                        d[items[i]] = items[i + 1]
                    st.append(d)
                elif op == "BUILD_CONST_KEY_MAP":
                    keys = st.pop()
                    vals = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    st.append(dict(zip(keys, vals)))
                elif op == "BUILD_STRING":
                    s = "".join(st[len(st) - arg:])
                    del st[len(st) - arg:]
                    st.append(s)
                elif op == "LIST_APPEND":
                    v = st.pop()
                    st[-arg].append(v)
                elif op == "SET_ADD":
                    v = st.pop()
                    st[-arg].add(v)
                elif op == "MAP_ADD":
                    v = st.pop()
                    k = st.pop()
                    st[-arg][k] = v
                elif op == "LIST_EXTEND":
                    v = st.pop()
                    try:
                        st[-arg].extend(v)
                    except TypeError:
                        if not hasattr(v, "__iter__") and not hasattr(v, "__getitem__"):
                            raise TypeError(f"{_fname(st[-arg - 1])} argument after * must be an iterable, not {type(v).__name__}") if len(st) > arg and callable(st[-arg - 1]) else TypeError(f"Value after * must be an iterable, not {type(v).__name__}") from None
                        raise
                elif op == "SET_UPDATE":
                    v = st.pop()
                    st[-arg].update(v)
                elif op == "DICT_UPDATE":
                    v = st.pop()
                    if not hasattr(v, "keys"):
                        raise TypeError(f"'{type(v).__name__}' object is not a mapping")
                    st[-arg].update(v)
                elif op == "DICT_MERGE":
                    v = st.pop()
                    d = st[-arg]
                    if not hasattr(v, "keys"):
                        fn = st[-arg - 2]
                        raise TypeError(f"{_fname(fn)} argument after ** must be a mapping, not {type(v).__name__}")
                    for k in v.keys():
                        if k in d:
                            fn = st[-arg - 2]
                            raise TypeError(f"{_fname(fn)} got multiple values for keyword argument '{k}'")
                        d[k] = v[k]
                elif op == "LIST_TO_TUPLE":
                    st[-1] = tuple(st[-1])
                elif op == "UNPACK_SEQUENCE":
                    seq = st.pop()
                    try:
                        it = iter(seq)
                    except TypeError:
                        raise TypeError(f"cannot unpack non-iterable {type(seq).__name__} object") from None
                    items = []
                    for x in it:
                        items.append(x)
                        if len(items) > arg:
                            raise ValueError(f"too many values to unpack (expected {arg})")
                    if len(items) < arg:
                        raise ValueError(f"not enough values to unpack (expected {arg}, got {len(items)})")
                    st.extend(reversed(items))
                elif op == "UNPACK_EX":
                    before, after = arg & 0xFF, arg >> 8
                    seq = st.pop()
                    try:
                        items = list(seq)
                    except TypeError:
                        raise TypeError(f"cannot unpack non-iterable {type(seq).__name__} object") from None
                    if len(items) < before + after:
                        raise ValueError(f"not enough values to unpack (expected at least {before + after}, got {len(items)})")
                    mid = items[before:len(items) - after]
                    st.extend(reversed(items[len(items) - after:]))
                    st.append(mid)
                    st.extend(reversed(items[:before]))
                elif op == "FORMAT_VALUE":
                    spec = st.pop() if arg & 4 else ""
                    v = st.pop()
                    conv = arg & 3
                    if conv == 1:
                        v = str(v)
                    elif conv == 2:
                        v = repr(v)
                    elif conv == 3:
                        v = ascii(v)
                    st.append(format(v, spec))
                elif op == "JUMP" or op == "JUMP_BACKWARD":
                    pc = arg
                elif op == "POP_JUMP_IF_FALSE":
                    if not st.pop():
                        pc = arg
                elif op == "POP_JUMP_IF_TRUE":
                    if st.pop():
                        pc = arg
                elif op == "POP_JUMP_IF_NONE":
                    if st.pop() is None:
                        pc = arg
                elif op == "POP_JUMP_IF_NOT_NONE":
                    if st.pop() is not None:
                        pc = arg
                elif op == "JUMP_IF_FALSE_OR_POP":
                    if not st[-1]:
                        pc = arg
                    else:
                        st.pop()
                elif op == "JUMP_IF_TRUE_OR_POP":
                    if st[-1]:
                        pc = arg
                    else:
                        st.pop()
                elif op == "GET_ITER":
                    st[-1] = iter(st[-1])
                elif op == "FOR_ITER":
                    try:
                        st.append(next(st[-1]))
                    except StopIteration:
                        st.pop()
                        pc = arg
                elif op == "RETURN_VALUE":
                    return st.pop()
                elif op == "CALL":
                    args = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    fn = st.pop()
                    st.append(fn(*args))
                elif op == "CALL_KW":
                    kwnames = st.pop()
                    args = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    fn = st.pop()
                    nk = len(kwnames)
                    st.append(fn(*args[:arg - nk], **dict(zip(kwnames, args[arg - nk:]))))
                elif op == "CALL_METHOD" or op == "CALL_METHOD_KW":
                    kwnames = st.pop() if op == "CALL_METHOD_KW" else ()
                    args = st[len(st) - arg:]
                    del st[len(st) - arg:]
                    second = st.pop()
                    first = st.pop()
                    if first is NULL:
                        fn = second
                    else:
                        fn = first
                        args = [second] + args
                    nk = len(kwnames)
                    pos = args[:len(args) - nk]
                    st.append(fn(*pos, **dict(zip(kwnames, args[len(args) - nk:]))))
                elif op == "CALL_FUNCTION_EX":
                    kw = st.pop() if arg & 1 else {}
                    a = st.pop()
                    fn = st.pop()
                    st.append(fn(*a, **kw))
                elif op == "MAKE_FUNCTION":
                    c = st.pop()
                    closure = st.pop() if arg & 8 else None
                    ann = st.pop() if arg & 4 else None
                    kwd = st.pop() if arg & 2 else None
                    dfl = st.pop() if arg & 1 else None
                    if ann is not None:
                        ann = dict(zip(ann[::2], ann[1::2]))
                    st.append(Function(c, f.globals, closure, dfl, kwd, ann))
                elif op == "LOAD_BUILD_CLASS":
                    st.append(load_global(f, "__build_class__"))
                elif op == "IMPORT_NAME":
                    fromlist = st.pop()
                    level = st.pop()
                    imp = load_global(f, "__import__")
                    st.append(imp(names[arg], f.globals, f.locals, fromlist, level))
                elif op == "IMPORT_FROM":
                    mod = st[-1]
                    name = names[arg]
                    try:
                        st.append(getattr(mod, name))
                    except AttributeError:
                        pkg = getattr(mod, "__name__", None)
                        try:
                            st.append(sys.modules[f"{pkg}.{name}"])
                        except KeyError:
                            raise ImportError(f"cannot import name '{name}' from '{pkg}' ({getattr(mod, '__file__', 'unknown location')})") from None
                elif op == "IMPORT_STAR":
                    mod = st.pop()
                    allnames = getattr(mod, "__all__", None)
                    if allnames is None:
                        allnames = [n for n in dir(mod) if not n.startswith("_")]
                    for n in allnames:
                        f.locals[n] = getattr(mod, n)
                elif op == "SETUP_FINALLY":
                    f.blocks.append((arg, len(st)))
                elif op == "POP_BLOCK":
                    f.blocks.pop()
                elif op == "RAISE_VARARGS":
                    if arg == 0:
                        if not f.handled and not _outer_handled():
                            raise RuntimeError("No active exception to reraise")
                        e = f.handled[-1] if f.handled else _outer_handled()
                        pending = e
                        continue
                    cause = st.pop() if arg == 2 else _MISSING
                    e = st.pop()
                    if isinstance(e, type) and issubclass(e, BaseException):
                        e = e()
                    elif not isinstance(e, BaseException):
                        raise TypeError("exceptions must derive from BaseException")
                    if cause is not _MISSING:
                        if isinstance(cause, type) and issubclass(cause, BaseException):
                            cause = cause()
                        elif cause is not None and not isinstance(cause, BaseException):
                            raise TypeError("exception causes must derive from BaseException")
                        e.__cause__ = cause
                    raise e
                elif op == "RERAISE":
                    pending = st.pop()
                    continue
                elif op == "PUSH_EXC_INFO":
                    e = st.pop()
                    st.append(f.handled[-1] if f.handled else None)
                    st.append(e)
                    f.handled.append(e)
                elif op == "POP_EXCEPT":
                    st.pop()
                    if f.handled:
                        f.handled.pop()
                elif op == "CHECK_EXC_MATCH":
                    t = st.pop()
                    st.append(exc_match(st[-1], t))
                elif op == "CHECK_EG_MATCH":
                    t = st.pop()
                    e = st.pop()
                    m, rest = eg_match(e, t)
                    st.append(rest)
                    st.append(m)
                elif op == "PREP_RERAISE_STAR":
                    lst = st.pop()
                    orig = st.pop()
                    st.append(prep_reraise_star(orig, lst))
                elif op == "LOAD_ASSERTION_ERROR":
                    st.append(AssertionError)
                elif op == "BEFORE_WITH":
                    mgr = st.pop()
                    t = type(mgr)
                    if not hasattr(t, "__enter__"):
                        raise TypeError(f"'{t.__name__}' object does not support the context manager protocol")
                    if not hasattr(t, "__exit__"):
                        raise TypeError(f"'{t.__name__}' object does not support the context manager protocol (missed __exit__ method)")
                    exit_ = types.MethodType(t.__exit__, mgr)
                    res = t.__enter__(mgr)
                    st.append(exit_)
                    st.append(res)
                elif op == "BEFORE_ASYNC_WITH":
                    mgr = st.pop()
                    t = type(mgr)
                    if not hasattr(t, "__aenter__"):
                        raise TypeError(f"'{t.__name__}' object does not support the asynchronous context manager protocol")
                    exit_ = types.MethodType(t.__aexit__, mgr)
                    st.append(exit_)
                    st.append(t.__aenter__(mgr))
                elif op == "WITH_EXCEPT_START":
                    e = st[-1]
                    st.append(st[-3](type(e), e, e.__traceback__))
                elif op == "YIELD_VALUE":
                    v = st.pop()
                    _frames.pop()
                    try:
                        sent = yield v
                    except BaseException as thrown:
                        _frames.append(f)
                        if arg == 1:
                            # Throw into the delegate of a yield-from/await.
                            recv = st[-1]
                            if isinstance(thrown, GeneratorExit):
                                close = getattr(recv, "close", None)
                                if close is not None:
                                    close()
                                raise
                            throw = getattr(recv, "throw", None)
                            if throw is None:
                                raise
                            try:
                                y = throw(thrown)
                            except StopIteration as si:
                                st[-1] = si.value
                                pc = _send_exit(instrs, pc)
                                continue
                            st.append(y)
                            pc -= 1
                            continue
                        raise
                    _frames.append(f)
                    st.append(sent)
                elif op == "SEND":
                    v = st.pop()
                    recv = st[-1]
                    try:
                        if v is None and hasattr(recv, "__next__"):
                            y = next(recv)
                        else:
                            y = recv.send(v)
                        st.append(y)
                    except StopIteration as si:
                        st[-1] = si.value
                        pc = arg
                elif op == "GET_YIELD_FROM_ITER":
                    v = st[-1]
                    if not isinstance(v, (Gen, Coro, types.GeneratorType, types.CoroutineType)):
                        st[-1] = iter(v)
                elif op == "GET_AWAITABLE":
                    v = st[-1]
                    if isinstance(v, (Coro, types.CoroutineType)):
                        st[-1] = v.__await__() if isinstance(v, Coro) else v
                    else:
                        aw = getattr(type(v), "__await__", None)
                        if aw is None:
                            if arg == 1:
                                raise TypeError(f"'async with' received an object from __aenter__ that does not implement __await__: {type(v).__name__}")
                            if arg == 2:
                                raise TypeError(f"'async with' received an object from __aexit__ that does not implement __await__: {type(v).__name__}")
                            raise TypeError(f"object {type(v).__name__} can't be used in 'await' expression")
                        st[-1] = aw(v)
                elif op == "GET_AITER":
                    v = st[-1]
                    t = type(v)
                    if not hasattr(t, "__aiter__"):
                        raise TypeError(f"'async for' requires an object with __aiter__ method, got {t.__name__}")
                    st[-1] = t.__aiter__(v)
                elif op == "GET_ANEXT":
                    ait = st[-1]
                    t = type(ait)
                    if not hasattr(t, "__anext__"):
                        raise TypeError(f"'async for' requires an iterator with __anext__ method, got {t.__name__}")
                    aw = t.__anext__(ait)
                    if isinstance(aw, Coro):
                        aw = aw.__await__()
                    elif not isinstance(aw, types.CoroutineType):
                        aw = type(aw).__await__(aw)
                    st.append(aw)
                elif op == "END_ASYNC_FOR":
                    e = st.pop()
                    st.pop()
                    if not isinstance(e, StopAsyncIteration):
                        pending = e
                        continue
                    if f.handled and f.handled[-1] is e:
                        pass
                elif op == "ASYNC_GEN_WRAP":
                    st[-1] = Wrapped(st[-1])
                elif op == "GET_LEN":
                    st.append(len(st[-1]))
                elif op == "MATCH_MAPPING":
                    st.append(isinstance(st[-1], collections.abc.Mapping))
                elif op == "MATCH_SEQUENCE":
                    v = st[-1]
                    st.append(isinstance(v, collections.abc.Sequence) and not isinstance(v, (str, bytes, bytearray)))
                elif op == "MATCH_KEYS":
                    keys = st[-1]
                    subj = st[-2]
                    vals = []
                    for k in keys:
                        v = subj.get(k, _MISSING)
                        if v is _MISSING:
                            vals = None
                            break
                        vals.append(v)
                    st.append(tuple(vals) if vals is not None else None)
                elif op == "MATCH_CLASS":
                    kwn = st.pop()
                    cls = st.pop()
                    subj = st.pop()
                    st.append(match_class(subj, cls, arg, kwn))
                elif op == "SETUP_ANNOTATIONS":
                    try:
                        f.locals["__annotations__"]
                    except KeyError:
                        f.locals["__annotations__"] = {}
                elif op == "PRINT_EXPR":
                    sys.displayhook(st.pop())
                else:
                    raise SystemError(f"unknown opcode {op}")
            except BaseException as e:
                if isinstance(e, _Carrier):
                    e = e.exc
                if isinstance(e, StopIteration) and code.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) and op in ("RAISE_VARARGS", "CALL", "CALL_KW", "CALL_METHOD", "CALL_METHOD_KW", "CALL_FUNCTION_EX"):
                    pass
                ctx = f.handled[-1] if f.handled else _outer_handled()
                if ctx is not None and ctx is not e and e.__context__ is None:
                    e.__context__ = ctx
                pending = e
    finally:
        if _frames and _frames[-1] is f:
            _frames.pop()


def _send_exit(instrs, pc):
    # After a thrown-in exception finished the delegate: continue after the SEND loop, i.e.
    # at the target of the SEND that precedes this YIELD_VALUE.
    i = pc - 1
    while i >= 0 and instrs[i][0] != "SEND":
        i -= 1
    return instrs[i][1]


def _outer_handled():
    for fr in reversed(_frames[:-1]):
        if fr.handled:
            return fr.handled[-1]
    return None


def _fname(fn):
    if isinstance(fn, Function):
        return f"{fn.__module__}.{fn.__qualname__}()"
    q = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None)
    if q is None:
        return f"{type(fn).__name__} object"
    return f"{q}()"


class FpLoader:
    """Imports the modules named in $FPY_MODULES (prefixes, comma-separated) through the
    ferropy compiler and this executor."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        prefixes = [p for p in os.environ.get("FPY_MODULES", "").split(",") if p]
        if not any(name == p or name.startswith(p + ".") for p in prefixes):
            return None
        import importlib.machinery
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            return spec
        spec.loader = cls()
        return spec

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        path = module.__spec__.origin
        with open(path, "rb") as fh:
            import tokenize
            enc, _ = tokenize.detect_encoding(fh.readline)
        src = open(path, encoding=enc).read()
        code = fp_compile(src, path)
        module.__dict__.setdefault("__builtins__", builtins)
        module.__file__ = path
        _drive(run(Frame(code, module.__dict__, module.__dict__, None)))


_real_exc_info = sys.exc_info


def _fp_exc_info():
    for fr in reversed(_frames):
        if fr.handled:
            e = fr.handled[-1]
            if e is None:
                break
            return type(e), e, e.__traceback__
    return _real_exc_info()


def main():
    sys.exc_info = _fp_exc_info
    sys.meta_path.insert(0, FpLoader)
    path = sys.argv[1]
    src = open(path, encoding="utf-8").read()
    try:
        code = fp_compile(src, path)
    except SyntaxError as e:
        print(f'  File "{e.filename}", line {e.lineno}', file=sys.stderr)
        print(f"{type(e).__name__}: {e.msg}", file=sys.stderr)
        sys.exit(1)
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    g = {"__name__": "__main__", "__builtins__": builtins, "__file__": path, "__doc__": None}
    mod = types.ModuleType("__main__")
    mod.__dict__.update(g)
    sys.modules["__main__"] = mod
    g = mod.__dict__
    frame = Frame(code, g, g, None)
    _drive(run(frame))


if __name__ == "__main__":
    main()
