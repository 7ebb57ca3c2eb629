# `-i` with commands piped on stdin: an interactive session (prompts on stderr, expression
# values echoed on stdout, errors reported and the session continued).
import subprocess
import sys

session = "print(1)\nx = 5\nx\nfor i in range(2):\n    print(i)\n\n1/0\n'after error'\n"
r = subprocess.run([sys.executable, "-i"], input=session, capture_output=True, text=True)
print("exit:", r.returncode)
print("stdout:", r.stdout.splitlines())
lines = r.stderr.splitlines()
# The banner names the implementation: skip it.
print("prompts:", lines[2].count(">>> "), lines[2].count("... "))
print("error:", lines[-2:])

# A program run with -i and then the session on stdin.
r = subprocess.run([sys.executable, "-i", "-c", "y = 7"], input="y * 6\n",
                   capture_output=True, text=True)
print(r.returncode, r.stdout.splitlines(), r.stderr.splitlines()[-1:])
