#!/usr/bin/env python3
"""Runs the benchmarks under ferropy, CPython 3.11 and (when installed) PyPy, and prints the
median wall time of each and the ratios. Machines are noisy: compare ratios, run several times.

Usage: python3 bench/run.py [--runs N] [--ferropy PATH] [names...]
"""
import argparse, os, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def time_cmd(cmd, runs):
    # One untimed run first, allowed to write code caches even where PYTHONDONTWRITEBYTECODE
    # is set: the timed runs then see what a user's second run sees.
    warm_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, env=warm_env)
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            return None, p.stderr.strip().splitlines()[-1:] 
        out = p.stdout
    return statistics.median(times), out

def real_executable(name):
    """The interpreter binary itself: a version-manager shim (pyenv's is a shell script) would
    add its own start-up time to every CPython figure."""
    exe = shutil.which(name) or name
    try:
        out = subprocess.run([exe, "-c", "import sys; print(sys.executable)"],
                             capture_output=True, text=True, timeout=30)
        return out.stdout.strip() or exe
    except (OSError, subprocess.SubprocessError):
        return exe


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ferropy", default=os.path.join(ROOT, "target/release/ferropy"))
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    impls = [("ferropy", a.ferropy), ("cpython", real_executable("python3.11"))]
    if shutil.which("pypy3"):
        impls.append(("pypy", shutil.which("pypy3")))
    progs = [("startup", ["-c", "pass"])]
    for f in sorted(os.listdir(os.path.join(HERE, "micro"))):
        if f.endswith(".py"):
            progs.append((f[:-3], [os.path.join(HERE, "micro", f)]))
    if a.names:
        progs = [p for p in progs if p[0] in a.names]
    print(f"{'benchmark':<14}" + "".join(f"{n:>12}" for n, _ in impls) + "   ferropy/cpython" + ("   ferropy/pypy" if len(impls) > 2 else ""))
    for name, args in progs:
        row = {}
        outputs = {}
        for iname, exe in impls:
            t, out = time_cmd([exe] + args, a.runs)
            row[iname] = t
            outputs[iname] = out
        cells = "".join(f"{(f'{row[n]*1000:.1f}ms' if row[n] is not None else 'FAIL'):>12}" for n, _ in impls)
        ratio = lambda x, y: f"{row[x]/row[y]:.2f}" if row.get(x) and row.get(y) else "-"
        line = f"{name:<14}{cells}   {ratio('ferropy', 'cpython'):>15}"
        if len(impls) > 2:
            line += f"   {ratio('ferropy', 'pypy'):>13}"
        if row["ferropy"] is not None and outputs["ferropy"] != outputs["cpython"]:
            line += "   (OUTPUT DIFFERS)"
        print(line)

if __name__ == "__main__":
    main()
