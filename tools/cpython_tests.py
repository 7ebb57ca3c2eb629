#!/usr/bin/env python3
"""Runs CPython's own regression tests (the `test` package of the 3.11 library) under ferropy.

Each module runs as `ferropy -m unittest test.MODULE` in its own process with a timeout; the
script prints one line per module (tests run, failures, errors, skipped, seconds, status) and a
total line, and exits non-zero when any module did not pass.

    python3 tools/cpython_tests.py                 # the modules issue 3 requires
    python3 tools/cpython_tests.py --fast          # the quick subset CI runs
    python3 tools/cpython_tests.py test_json test_re --timeout 600
"""

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import sys
import time

REQUIRED = """test_json test_re test_itertools test_collections test_functools test_heapq
test_bisect test_struct test_copy test_operator test_contextlib test_enum test_dataclasses
test_typing test_fractions test_math test_codecs test_io test_os test_posixpath
test_subprocess test_hashlib test_zlib test_binascii test_base64 test_csv test_pickle test_ast
test_importlib test_import test_unittest""".split()

FAST = "test_bisect test_heapq test_operator test_copy test_binascii test_base64".split()

RAN = re.compile(r"^Ran (\d+) tests? in ([\d.]+)s", re.M)
RESULT = re.compile(r"^(OK|FAILED)(?: \((.*)\))?\s*$", re.M)


def parse(output):
    """(run, failures, errors, skipped, ok) from unittest's summary, or None."""
    ran = RAN.findall(output)
    res = RESULT.findall(output)
    if not ran or not res:
        return None
    counts = {"failures": 0, "errors": 0, "skipped": 0}
    status, detail = res[-1]
    for part in filter(None, (p.strip() for p in detail.split(","))):
        key, _, value = part.partition("=")
        if key in counts:
            counts[key] = int(value)
    return int(ran[-1][0]), counts["failures"], counts["errors"], counts["skipped"], status == "OK"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("modules", nargs="*")
    ap.add_argument("--fast", action="store_true", help="the quick subset CI runs")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per module")
    ap.add_argument("--ferropy", default=None, help="the ferropy binary")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    exe = args.ferropy or os.path.join(root, "target", "release", "ferropy")
    modules = args.modules or (FAST if args.fast else REQUIRED)
    totals = [0, 0, 0, 0]
    bad = []
    print(f"{'module':<22}{'run':>7}{'fail':>7}{'error':>7}{'skip':>7}{'secs':>8}  status")
    for mod in modules:
        start = time.monotonic()
        # Each module runs in a scratch directory: the tests leave files in their cwd.
        scratch = tempfile.mkdtemp(prefix=f"ferropy-{mod}-")
        try:
            proc = subprocess.run(
                [exe, "-m", "unittest", f"test.{mod}"],
                capture_output=True,
                text=True,
                errors="replace",
                timeout=args.timeout,
                cwd=scratch,
            )
            out = proc.stdout + proc.stderr
            parsed = parse(out)
            if parsed is None:
                tail = out.strip().splitlines()[-1:] or ["no output"]
                status = f"crashed (exit {proc.returncode}): {tail[0][:80]}"
                parsed = (0, 0, 0, 0, False)
            else:
                status = "ok" if parsed[4] and proc.returncode == 0 else "FAILED"
        except subprocess.TimeoutExpired:
            parsed = (0, 0, 0, 0, False)
            status = f"timeout after {args.timeout:.0f}s"
        shutil.rmtree(scratch, ignore_errors=True)
        secs = time.monotonic() - start
        run, fail, err, skip, _ = parsed
        for i, n in enumerate((run, fail, err, skip)):
            totals[i] += n
        if status != "ok":
            bad.append(mod)
        print(f"{mod:<22}{run:>7}{fail:>7}{err:>7}{skip:>7}{secs:>8.1f}  {status}", flush=True)
    print(
        f"{'TOTAL':<22}{totals[0]:>7}{totals[1]:>7}{totals[2]:>7}{totals[3]:>7}"
        f"{'':>8}  {len(modules) - len(bad)}/{len(modules)} modules pass"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
