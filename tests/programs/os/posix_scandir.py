# posix.scandir / DirEntry
import posix

base = "/tmp/fp_posix_scandir_%d" % posix.getpid()
posix.mkdir(base)

def attempt(f, *args, **kw):
    try:
        print("ok", f(*args, **kw))
    except Exception as e:
        print(type(e).__name__, str(e).replace(base, "BASE"))

try:
    posix.mkdir(base + "/d")
    fd = posix.open(base + "/f", posix.O_CREAT | posix.O_WRONLY, 0o644)
    posix.write(fd, b"12345")
    posix.close(fd)
    posix.symlink("f", base + "/l")
    posix.symlink("missing", base + "/broken")
    posix.symlink("d", base + "/ld")

    it = posix.scandir(base)
    print(type(it).__name__, type(it).__module__, iter(it) is it)
    entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        print(repr(e), e.name, e.path == base + "/" + e.name,
              e.is_dir(), e.is_file(), e.is_symlink(),
              e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False))
    e = entries[2]  # f
    print(e.name, e.stat().st_size, e.stat() is e.stat(), e.inode() == posix.stat(e.path).st_ino)
    print(posix.fspath(e) == e.path, e.__fspath__() == e.path)
    lnk = [x for x in entries if x.name == "l"][0]
    print(lnk.stat().st_size, oct(lnk.stat(follow_symlinks=False).st_mode & 0o170000))
    br = [x for x in entries if x.name == "broken"][0]
    attempt(br.stat)
    print(br.stat(follow_symlinks=False).st_size > 0)
    print(type(e).__name__, type(e).__module__)
    attempt(type(e))
    attempt(type(it))
    try:
        e.name = "x"
    except AttributeError:
        print("AttributeError")

    # bytes path
    names = sorted((x.name, x.path) for x in posix.scandir(base.encode()))
    print(names[0][0], type(names[0][1]).__name__, names[0][1] == (base + "/" + "broken").encode())

    # default path and trailing slash
    posix.chdir(base)
    print(sorted((x.name, x.path) for x in posix.scandir()))
    print(sorted((x.name, x.path) for x in posix.scandir("./")))
    print(sorted((x.name, x.path) for x in posix.scandir("d")))

    # fd
    dfd = posix.open(base, posix.O_RDONLY)
    print(sorted((x.name, x.path, x.is_file()) for x in posix.scandir(dfd)))
    print(sorted((x.name, x.stat().st_size if x.name == "f" else 0) for x in posix.scandir(dfd)))
    posix.close(dfd)

    # context manager and close
    with posix.scandir(base) as it2:
        first = next(it2)
        print(type(first).__name__)
    attempt(next, it2)
    it3 = posix.scandir(base)
    it3.close()
    it3.close()
    attempt(next, it3)
    print(list(posix.scandir(base + "/d")))

    attempt(posix.scandir, base + "/nx")
    attempt(posix.scandir, base + "/f")
    attempt(posix.scandir, 1.5)
    print(posix.DirEntry[int])
finally:
    posix.chdir("/")
    posix.rmdir(base + "/d")
    for n in ["f", "l", "broken", "ld"]:
        posix.unlink(base + "/" + n)
    posix.rmdir(base)
