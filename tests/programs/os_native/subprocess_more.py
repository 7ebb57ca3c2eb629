import subprocess, os, sys, signal

r = subprocess.run(["sh", "-c", "echo $$ > /dev/null; ps -o sid= -p $$ >/dev/null 2>&1; echo ok"],
                   capture_output=True, start_new_session=True)
print(r.stdout)
r = subprocess.run(["sh", "-c", "umask"], capture_output=True, umask=0o27)
print(r.stdout)
def pre():
    os.environ["FROM_PREEXEC"] = "yes"
r = subprocess.run(["sh", "-c", "echo $FROM_PREEXEC"], capture_output=True, preexec_fn=pre)
print(r.stdout)
def bad():
    raise ValueError("nope")
try:
    subprocess.run(["true"], preexec_fn=bad)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)
rfd, wfd = os.pipe()
r = subprocess.run(["sh", "-c", f"echo via-pass-fd >&{wfd}"], pass_fds=[wfd])
os.close(wfd)
print(r.returncode, os.read(rfd, 100))
os.close(rfd)
rfd, wfd = os.pipe()
r = subprocess.run(["sh", "-c", f"echo x >&{wfd}"], capture_output=True)
print(r.returncode, b"Bad file descriptor" in r.stderr or b"bad" in r.stderr.lower())
os.close(rfd); os.close(wfd)
with open("/tmp/ferropy_sp_in.txt", "w") as f:
    f.write("line1\nline2\n")
with open("/tmp/ferropy_sp_in.txt") as f:
    r = subprocess.run(["wc", "-l"], stdin=f, capture_output=True, text=True)
print(r.stdout.strip())
with open("/tmp/ferropy_sp_out.txt", "w") as f:
    subprocess.run(["echo", "to file"], stdout=f)
print(open("/tmp/ferropy_sp_out.txt").read())
os.unlink("/tmp/ferropy_sp_in.txt"); os.unlink("/tmp/ferropy_sp_out.txt")
r = subprocess.run(["sh", "-c", "printf 'a\\r\\nb\\n'"], capture_output=True, text=True)
print(repr(r.stdout))
r = subprocess.run([sys.executable, "-c", "print(6*7)"], capture_output=True)
print(r.stdout)
p = subprocess.Popen(["sh", "-c", "kill -9 $$"])
print(p.wait(), p.returncode)
p = subprocess.Popen(["sleep", "5"])
print(p.poll())
p.send_signal(signal.SIGTERM)
print(p.wait())
r = subprocess.run(["sh", "-c", "head -c 200000 /dev/zero"], capture_output=True)
print(len(r.stdout))
with subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as p:
    out, _ = p.communicate("text mode\n")
print(repr(out), p.returncode)
try:
    subprocess.run(["ls"], cwd="/etc/passwd")
except NotADirectoryError as e:
    print("NotADirectoryError", e.errno, e.filename)
r = subprocess.run("exit 3", shell=True)
print(r.returncode, r.args)
print(subprocess.run(["env"], env={}, capture_output=True).stdout)
