# Literal syntax: numbers, strings, containers, and type() names.
print(0b1010, 0o17, 0xff, 0XAB, 1_000_000, 0b_1_0, 0x_f_f)
print(1e3, 1E-3, 1_0.5_0, .5, 5., 0.0, 1e0, 3.14j, 1J)
print('single', "double", '''triple''', """triple2""", 'it\'s', "q\"q")
print("tab\tnl-escaped\\n", r"raw\n\t", b"bytes", rb"raw\x00", br"x\y")
print("implicit" " concat" ' more')
print("\x41\u00e9\U0001F600\N{GREEK SMALL LETTER ALPHA}\101\0end" == "Aé😀α" + "A" + "\x00end")
print(len("\N{SNOWMAN}"), "\N{SNOWMAN}")
print([1, 2, 3,], (1,), (), [], {}, {1,}, {'a': 1,})
print(type(1).__name__, type(1.0).__name__, type(1j).__name__, type("").__name__,
      type(b"").__name__, type([]).__name__, type(()).__name__, type({}).__name__,
      type(set()).__name__, type(frozenset()).__name__, type(None).__name__,
      type(range(1)).__name__, type(print).__name__, type(len).__name__,
      type(lambda: 0).__name__, type(type).__name__, type(object()).__name__,
      type(bytearray()).__name__, type(memoryview(b"")).__name__, type(slice(1)).__name__,
      type(NotImplemented).__name__, type(Ellipsis).__name__, type(iter([])).__name__,
      type(iter(())).__name__, type(iter("")).__name__, type({}.keys()).__name__,
      type({}.values()).__name__, type({}.items()).__name__, type(zip()).__name__,
      type(map(int, [])).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__,
      type(reversed([])).__name__, type(iter(range(3))).__name__, type(x for x in []).__name__)
print(type(type(1)) is type, type(int) is type, isinstance(int, type), isinstance(type, object))
print(int, float, str, list, type, object, bool, type(None))
print(repr(1.0), repr(1e22), repr(-0.0), repr(1e-7), repr(123456789.0))
print(0 == -0, 0.0 == -0.0, 1 == True, 2 != 2.0)
x = 5
print(f"{x}", f"{x!r}", f"{'a'}")
print(10**0, 0x10, 0o10, 0b10, 10e0)
print("a\
b")
print(*[1, 2, 3], sep="|")
print(1, end="")
print(2)
