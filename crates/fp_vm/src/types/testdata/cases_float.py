inf = float("inf"); nan = float("nan")
for v in ["1e500", "-1e500", "1e-500", "  3.5  ", "1_0.5", "+.5", "-5.", "inf", "-Infinity", "nAn", "1E5", "", "abc", "1.2.3", "1e", "_1", "1__0", "0x10", "in f", ". 5", "1e1_0", "1_e5", "١٢٣", "1.e5", ".", "-.e5", "+nan", "-nan", "infinity", "infinit", "1e+5", "1e-5", " \t\n1.5\x0c", "1\x1c", "\u3000 2.5\u2003", "0.1", "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "123456789012345678901234567890", b"1.5", b"x", bytearray(b" 2 "), 5, -7, 10**20, 2**1100, True, 2.5, None, 1j, "x"*300]:
    c("float", v)
c("float")
for m in ["__add__","__radd__","__sub__","__rsub__","__mul__","__rmul__","__truediv__","__rtruediv__","__floordiv__","__rfloordiv__","__mod__","__rmod__","__divmod__","__rdivmod__","__pow__","__rpow__"]:
    for a, b in [(7.5, 2), (-7.5, 2.0), (7.5, -2), (1.5, 0), (1.5, 0.0), (0.0, 1.5), (-0.0, 5.0), (5.0, inf), (-5.0, inf), (inf, 2.0), (nan, 1.0), (2.0, 10**400), (1.5, "x"), (1.5, 1j), (2.5, True), (-8.0, 1/3), (1e308, 10.0), (0.0, -1.0), (0.0, -inf), (-inf, 0.5), (-inf, 3.0), (-inf, -3.0), (1.0, nan), (-1.0, inf), (0.5, -inf), (2.0, -1075.0)]:
        c("float." + m, a, b)
for m in ["__neg__","__pos__","__abs__","__bool__","__int__","__float__","__trunc__","__floor__","__ceil__","__round__","__hash__","__repr__","__getnewargs__","is_integer","as_integer_ratio","hex","conjugate"]:
    for a in [0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 1e16, 1e300, -1e300, 5e-324, 0.1, inf, -inf, nan, 2.0**63, 1.7976931348623157e308]:
        c("float." + m, a)
for a, nd in [(2.5, None), (2.5, 0), (2.567, 1), (2.5, 1.0), (15.0, -1), (25.0, -1), (0.5, 0)]:
    c("float.__round__", a, nd)
for m in ["__eq__","__ne__","__lt__","__le__","__gt__","__ge__"]:
    for a, b in [(1.0, 1), (1.0, 1.0), (1.0, 2), (float(2**63), 2**63), (float(2**63), 2**63+1), (nan, 1), (nan, nan), (inf, 10**400), (-inf, -10**400), (1e308, 10**400), (3.5, 3), (-3.5, -3), (1.0, "1"), (1.0, 1j), (0.5, True)]:
        c("float." + m, a, b)
for s in ["0x1p0", "0x1.8p1", "-0x1p-2", "0x.8", "0X1P+3", "  0x1.fffffffffffffp1023 ", "inf", "-nan", "1", "0x1p99999", "zz", "0x", "", "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7p1023", "0x1p-1074", "0x1p-1075", "0x1.8p-1074", "0x3p-1076", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.00000000000008000001p0", "1p", "0x1p+", "0x1.p1", "0x.p1", ".8", "-0x0p0", "0x1.999999999999ap-4", "0x1p-99999", " +0xa.bP4 ", "0x1_0p0", "12345678901234567890abcdef", "0x1p9223372036854775807", "0x0p9999999999999999999999", "Infinity", "-iNf", "0x1e", "0x1ep1"]:
    c("float.fromhex", s)
c("float.fromhex", 5)
c("float.__getformat__", "double")
c("float.__getformat__", "float")
c("float.__getformat__", "x")
c("float.__getformat__", 1)
# complex
for args in [(1, 2), (), ("1+2j",), (" 3j ",), ("-1.5-2.5j",), (5,), (1.5,), (0, -0.0), (-0.0, 0), (1e300, 1e-300), (inf, nan), (nan, 1), ("1+",), ("j1",), ("1+2i",), ("",), ("1e500j",), (" ( 1+2j ) ",), ("(1+2j",), ("1+2j)",), ("j",), ("-j",), ("+1.5e3J",), ("1_0+2_0j",), ("inf+nanj",), ("-infj",), ("1 + 2j",), ("1+-2j",), ("1e+5-1e-5j",), ("١+٢j",), (b"1+2j",), (1j, 1j), (1+2j, 3+4j), (nan, -0.0), (nan, -nan), (-nan, 2), (1e16, 1e-5), (0, inf), (-0.0, -inf), ("1", 2), (1, "2"), (None,), (1, None), (10**400,), ("1+j",), ("1-j",), ("+j",), ("nanj",), ("infinityj",), ("1e5",), ("1.",), (".5j",), ("5.j",), ("1e",), ("1ej",), ("(1)",), ("()",), ("(j)",), (" (\t-2.5E-3+0.5j\n) ",), ("1__0j",), ("1_j",), (True, False), (2+0j,)]:
    c("complex", *args)
for m in ["__add__","__radd__","__sub__","__rsub__","__mul__","__rmul__","__truediv__","__rtruediv__","__pow__","__rpow__"]:
    for a, b in [(1+2j, 3-1j), (1+2j, 2), (1+2j, 0.5), (1+2j, 0), (0j, 1+1j), (1j, 2), (1e300+1e300j, 1e300), (1+2j, "x"), (1+2j, 10**400), (0j, -1), (0j, 1j), (0j, 0), (1+1j, 200), (1+1j, -3), (1.5+0.5j, 2.5), (1e-200j, -3), (inf+0j, 2), (2+3j, 0.5j), (complex(nan, 1), 2), (1+1j, complex(nan, 0))]:
        c("complex." + m, a, b)
c("complex.__pow__", 1+2j, 2, 3)
c("complex.__floordiv__", 1+2j, 2) if hasattr(complex, "__floordiv__") else None
for m in ["__neg__", "__pos__", "__abs__", "__bool__", "__hash__", "__repr__", "__complex__", "__getnewargs__", "conjugate"]:
    for a in [1+2j, 0j, -0j, complex(-0.0, 0), complex(0, -0.0), 3+4j, complex(1e308, 1e308), complex(inf, nan), complex(nan, inf), complex(nan, -nan), complex(1.5, -2.25), complex(0, -1), 1e16j, complex(-1e-5, 1e22), complex(2**61, 0)]:
        c("complex." + m, a)
for m in ["__eq__","__ne__","__lt__","__le__","__gt__","__ge__"]:
    for a, b in [(1+0j, 1), (1+2j, 1), (1+0j, 1.0), (1+2j, 1+2j), (1+0j, "x"), (complex(2**63, 0), 2**63+1), (complex(nan, 0), nan), (1+0j, True)]:
        c("complex." + m, a, b)
