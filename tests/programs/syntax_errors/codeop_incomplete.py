# codeop (the REPL's compiler): incomplete input is None, complete input compiles, errors raise.
import code
import codeop
import io
import sys
for src in ["x = 1", "for i in x:", "for i in x:\n    pass", "for i in x:\n    pass\n",
            "(1,", "(1,\n 2)", "'''abc", "if x:\n  y\nelse:", "@dec", "def f():\n  return 1\n",
            "", "# comment", "1 +", "x = = 2"]:
    try:
        r = codeop.compile_command(src)
        print(repr(src), "incomplete" if r is None else type(r).__name__)
    except SyntaxError as e:
        print(repr(src), "SyntaxError", e.msg)
console = code.InteractiveConsole({})
for line in ["a = 2", "for i in range(2):", "    a += i", "", "print(a)"]:
    print(repr(line), console.push(line))
