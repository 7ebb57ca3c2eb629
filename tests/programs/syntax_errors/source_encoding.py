# compile()/exec()/eval() of bytes: coding cookies, BOM, invalid UTF-8 and unknown encodings.
print(eval(b"# -*- coding: latin-1 -*-\n'caf\xe9'"))
exec(b"\xef\xbb\xbfprint('bom exec')")
try:
    compile(b"x = '\xff'", "f", "exec")
except SyntaxError as e:
    print("SyntaxError", e)
try:
    compile(b'x = 1\ny = "ab\xff"\n', 'f', 'exec')
except SyntaxError as e:
    print(e, e.lineno)
try:
    compile(b'# coding: nosuch\nx=1', 'f', 'exec')
except SyntaxError as e:
    print(e, e.lineno)
