# f-string basics: expressions, conversions, format specs, nesting, quotes.
x, y, name = 10, 3.14159, "Ann"
print(f"{x} {y} {name}", f"{x + 1}", f"{x * 2 = }" if False else f"{x*2}", f"{name!r}", f"{name!s}", f"{'é'!a}")
print(f"{y:.2f}", f"{x:05d}", f"{x:>6}|", f"{name:^9}|", f"{x:#x}", f"{x:b}", f"{1234567:,}", f"{0.5:%}")
width, prec = 10, 3
print(f"{y:{width}.{prec}f}|", f"{y:{width}}|", f"{name:{'*'}^{width}}", f"{x:{'>' if x > 5 else '<'}{width}}|")
print(f"{{literal}}", f"{{{x}}}", f"}}{{", f"{'quoted'}", f'{"dq"}', f"""{'tri'}""", f"{x!r:>5}")
d = {"k": "v", 1: "one"}
lst = [1, 2, 3]
print(f"{d['k']}", f"{d[1]}", f"{lst[-1]}", f"{lst[1:]}", f"{len(lst)}", f"{[i * i for i in lst]}", f"{ {'a': 1} }")
print(f"{x if x > 5 else 'small'}", f"{(lambda v: v * 2)(4)}", f"{x:{width}d}", f"{'-' * 5}")
print(f"{3.0}", f"{1e16}", f"{None}", f"{True}", f"{b'x'}", f"{1+2j}")
obj = type("O", (), {"attr": 42, "__repr__": lambda self: "O-repr", "__str__": lambda self: "O-str"})()
print(f"{obj}", f"{obj!r}", f"{obj.attr}", f"{obj.attr:>5}", f"{obj!s:>8}|")
nested = f"outer {f'inner {x}'} end"
print(nested, f"{f'{x:>{width}}'}|")
print(f"{x}" f"{y}" "plain" f"{name}", F"upper {x}", rf"raw\n{x}", fr"\t{name}")
print(f"{x=}", f"{y=:.2f}", f"{name=!s}", f"{x + 1 = }", f"{lst[0]=}", f"{name = }", f"{x=!r:>5}")
multi = f"""line1 {x}
line2 {name}"""
print(multi)
print(f"{'a' 'b'}", f"{x:{''}}", f"{x!r}{y!r}")
try:
    print(f"{x:q}")
except ValueError as e:
    print("ValueError", e)
try:
    print(f"{undefined_name}")
except NameError as e:
    print("NameError", e)
