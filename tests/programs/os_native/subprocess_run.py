import subprocess, sys

r = subprocess.run(["echo", "hello", "world"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
r = subprocess.run(["cat"], input=b"piped data\n", capture_output=True)
print(r.returncode, r.stdout)
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True, text=True)
print(r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run(["false"])
print("false ->", r.returncode)
try:
    subprocess.run(["sh", "-c", "exit 7"], check=True)
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e)
try:
    subprocess.run(["/nonexistent/program-xyz"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, e.filename)
try:
    subprocess.run(["no-such-program-xyz-123"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, e.filename)
try:
    subprocess.run(["ls"], cwd="/nonexistent-dir-xyz")
except FileNotFoundError as e:
    print("cwd FileNotFoundError", e.errno, e.filename)
try:
    subprocess.run(["/etc/passwd"])
except PermissionError as e:
    print("PermissionError", e.errno, e.filename)
print(subprocess.check_output(["sh", "-c", "echo $FOO"], env={"FOO": "bar", "PATH": "/usr/bin:/bin"}))
print(subprocess.check_output("echo shell $((1+2))", shell=True))
print(subprocess.call(["sh", "-c", "exit 5"]))
r = subprocess.run(["sh", "-c", "echo merged >&2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(r.stdout)
r = subprocess.run(["pwd"], cwd="/tmp", capture_output=True)
print(r.stdout)
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"x" * 100000)
print(len(out), err, p.returncode)
p = subprocess.Popen(["sleep", "10"])
p.terminate()
print("terminated", p.wait())
r = subprocess.run(["sh", "-c", "ls /proc/self/fd | wc -l"], capture_output=True)
print("fds", int(r.stdout) <= 5)
print(subprocess.getoutput("echo getoutput"))
print(subprocess.getstatusoutput("exit 2"))
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", type(e).__name__)
