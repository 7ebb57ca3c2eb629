# `from __future__ import annotations`: annotations are stored as CPython's unparsed text.
from __future__ import annotations


def f(a:int|None, b: 'List[int]' = 1, *args: "tuple[int,...]", c:dict[str,  list[int]], **kw: x.y[z]) -> None: pass


for k, v in f.__annotations__.items():
    print(k, repr(v))


class C:
    a: List[list["C2"]]
    b: (int, str)
    c: Tuple[()]
    d: x[a:b, c:d:e, ::2]
    e: -1 + 2 * 3 ** -4 ** 5
    f: (1 + 2) * 3
    g: lambda x, y=1, *z, w, **k: x
    h: lambda: 0
    i: a if b else c
    j: not a and b or c
    k: [i for i in range(3) if i]
    l: {k: v for k, v in d.items()}
    m: {1, 2}
    n: {}
    o: {'a': 1, **b}
    p: f(x, *y, k=1, **z)
    q: f(x for x in y)
    r: a < b <= c is not d not in e
    s: 1.5e300
    t: 1e16
    u: 0.0001
    v: 0.00001
    w: 2j
    x: 0x1F
    y: b'a\x00"'
    z: "it's"
    aa: 'a\nb\t\\'
    ab: f"x{a!r:>{w}}y{{z}}"
    ae: ~a | b & c ^ d << e >> f
    af: a @ b // c % d
    ag: (a := 1)
    ah: 1 .real
    ai: x[1:2]
    aj: x[1,]
    ak: ...
    al: None | True | False
    am: -(-1)
    an: (-1) ** 2
    ao: 2 ** -1
    ap: a.b.c[d](e)
    ar: {*()}
    at: f'{x=}'
    au: 1e400
    av: (a, b) if c else (d,)
    aw: lambda *, a: a
    ax: lambda a, /, b: a
    ay: 123456789012345678901234567890
    az: 'é\u200b'


for k, v in C.__annotations__.items():
    print(k, repr(v))

x: list[int]  =  []
print(__annotations__)
