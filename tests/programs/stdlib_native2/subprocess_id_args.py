# subprocess's user/group values are range-checked before the fork, with
# CPython's exception types and messages.
import subprocess
import sys

cases = [
    dict(user=2**64), dict(user=2**32), dict(user=2**63), dict(user=-1),
    dict(group=2**64), dict(group=2**32), dict(group=-1),
]
for kw in cases:
    try:
        subprocess.check_call(["true"], **kw)
        print(kw, "ran")
    except Exception as e:
        print(kw, type(e).__name__, e)

# -X warn_default_encoding sets sys.flags.warn_default_encoding; subprocess then warns on
# text=True without an encoding.
code = ("import sys, io; print(sys.flags.warn_default_encoding);"
        "from subprocess import run; run('echo hi', shell=True, text=True)")
cp = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-c", code],
                    capture_output=True)
print(cp.stdout)
print([l.split(b":", 2)[2] for l in cp.stderr.splitlines()])
print(sys.flags.warn_default_encoding)
