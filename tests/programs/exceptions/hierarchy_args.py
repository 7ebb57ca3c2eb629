# Exception hierarchy, args, str/repr of exceptions.
pairs = [(ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (KeyError, LookupError),
         (IndexError, LookupError), (UnboundLocalError, NameError), (ModuleNotFoundError, ImportError),
         (FileNotFoundError, OSError), (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
         (UnicodeDecodeError, ValueError), (UnicodeError, ValueError), (StopIteration, Exception),
         (KeyboardInterrupt, Exception), (KeyboardInterrupt, BaseException), (SystemExit, BaseException),
         (GeneratorExit, Exception), (Exception, BaseException), (TypeError, Exception), (bool, int),
         (IndentationError, SyntaxError), (TabError, IndentationError), (StopAsyncIteration, Exception),
         (AssertionError, Exception), (AttributeError, Exception), (ExceptionGroup, BaseExceptionGroup),
         (ExceptionGroup, Exception), (BaseExceptionGroup, Exception), (TimeoutError, OSError), (EOFError, Exception)]
for sub, base in pairs:
    print(sub.__name__, base.__name__, issubclass(sub, base))
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in KeyError.__mro__])
print(IOError is OSError, EnvironmentError is OSError)
for e in [Exception(), Exception("one"), Exception("a", "b"), Exception(1, [2]), ValueError(""), KeyError("k"),
          KeyError("k", "v"), KeyError(), IndexError(5), OSError(2, "No such file"), StopIteration(7),
          SystemExit(3), AttributeError("attr"), UnicodeError("u")]:
    print(type(e).__name__, repr(e), "|" + str(e) + "|", e.args)
e = ValueError("msg")
e.args = ("changed", 2)
print(str(e), repr(e))
e = Exception()
e.custom = 5
print(e.custom, e.__dict__ if hasattr(e, "__dict__") else None)
print(StopIteration(7).value, StopIteration().value, SystemExit(3).code, SystemExit().code, SystemExit(1, 2).code)
os_e = OSError(2, "No such file or directory", "f.txt")
print(os_e.errno, os_e.strerror, os_e.filename, str(os_e), type(os_e).__name__)
print(type(OSError(2, "x")).__name__)
print(KeyError("k").args[0], str(KeyError("k")), str(KeyError(1)), str(KeyError(("a", 1))))
try:
    raise ValueError
except ValueError as err:
    print("class raised:", repr(err), err.args)
try:
    raise 5
except TypeError as err:
    print("TypeError", err)
try:
    raise object
except TypeError as err:
    print("TypeError", err)
class NotExc:
    pass
try:
    raise NotExc()
except TypeError as err:
    print("TypeError", err)
try:
    try:
        pass
    except 5:
        pass
    print("bad except clause never evaluated")
    try:
        raise ValueError
    except 5:
        pass
except TypeError as err:
    print("TypeError", err)
try:
    1 / 0
except (TypeError, ZeroDivisionError) as err:
    print("tuple catch", type(err).__name__)
print(BaseException.__name__, Exception.__base__.__name__, BaseException.__base__.__name__)
