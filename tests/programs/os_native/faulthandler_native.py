import faulthandler, sys, os

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.is_enabled(), faulthandler.disable())
faulthandler.enable(file=sys.stdout, all_threads=False)
print(faulthandler.is_enabled())
faulthandler.disable()

r, w = os.pipe()
def show():
    data = os.read(r, 10000).decode()
    # The main script's path differs by how it was started: keep the base name.
    for line in data.splitlines():
        if '"' in line:
            a, path, b = line.split('"')
            line = a + '"' + os.path.basename(path) + '"' + b
        print(line)

def inner():
    faulthandler.dump_traceback(w, all_threads=False)
def outer():
    inner()
outer()
show()
faulthandler.dump_traceback(file=w, all_threads=False)
show()
faulthandler.dump_traceback(w)
print(os.read(r, 10000).decode().splitlines()[0].endswith("(most recent call first):"))
try:
    faulthandler.dump_traceback(file=5.5)
except Exception as e:
    print(type(e).__name__, e)
try:
    faulthandler.dump_traceback(file=-1)
except Exception as e:
    print(type(e).__name__, e)
