"""Run nbval over the notebooks under several OpenBLAS kernels and thread counts, and report
every checked cell whose output changes.

Usage: python tools/check_portable.py [--kernels Haswell,Sandybridge,Prescott]
                                      [--threads 1,2] [book/x.ipynb ...]
       (``make check-portable``; ``make check-portable NOTEBOOKS=book/x.ipynb``)

Why: a learner's laptop sums floats in another order than ours. OpenBLAS picks a kernel for
the CPU it runs on (``Haswell`` on an AMD EPYC, ``SkylakeX`` on a recent Xeon, ...), and each
kernel, like each thread count, adds up a matrix product in its own order. The results differ
in the last bits, and a training run can amplify that into a different second decimal. The
cells tagged ``nbval-check-output`` must print the same text everywhere, so this check runs
the notebooks under several kernels (``OPENBLAS_CORETYPE``) and thread counts
(``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS``) that this CPU can execute, and lists each
cell whose output differs from the committed one, with the configurations where it does.

It is slow (one nbval run per configuration), so ``make test`` does not call it: run it
before committing a change to a checked cell, or to code the notebooks train with. The
environment variables are set for the nbval subprocesses only, never in tests or CI.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KERNELS = ("Haswell", "Sandybridge", "Prescott")
DEFAULT_THREADS = (1, 2)
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
ARCH_PROBE = ("import json, numpy, threadpoolctl; print(json.dumps(sorted({(i.get("
              "'architecture') or '?', i['num_threads']) for i in "
              "threadpoolctl.threadpool_info() if i['internal_api'] == 'openblas'})))")


def cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def default_kernels() -> list[str]:
    """Three kernels every x86-64 CPU of ours runs, plus SkylakeX where AVX-512 exists."""
    kernels = list(DEFAULT_KERNELS)
    if "avx512f" in cpu_flags():
        kernels.append("SkylakeX")
    return kernels


def environment(kernel: str, threads: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"OPENBLAS_CORETYPE": kernel, "MPLBACKEND": "Agg"})
    env.update({name: str(threads) for name in THREAD_VARIABLES})
    return env


def blas_in_use(env: dict[str, str]) -> str:
    """What OpenBLAS reports under ``env``: kernel name and thread count of each library."""
    out = subprocess.run([sys.executable, "-c", ARCH_PROBE], env=env, capture_output=True,
                         text=True, check=True).stdout
    return ", ".join(f"{arch} x{n}" for arch, n in json.loads(out))


def failed_cells(junit: Path) -> dict[str, str]:
    """``{"book/x.ipynb::Cell 7": first lines of the difference}`` from a JUnit report."""
    failures = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        for bad in list(case.iter("failure")) + list(case.iter("error")):
            name = f"{case.get('classname', '').replace('.', '/')}::{case.get('name')}"
            name = name.replace("/ipynb::", ".ipynb::")
            text = (bad.get("message") or "") + "\n" + (bad.text or "")
            lines = [ln for ln in text.splitlines() if ln.strip().startswith(("-", "+"))
                     or "mismatch" in ln or "Error" in ln]
            failures[name] = "\n".join(lines[:6]) or text.strip()[:400]
    return failures


def run_nbval(notebooks: list[str], env: dict[str, str], junit: Path, jobs: int = 2) -> int:
    parallel = ["-n", str(jobs), "--dist", "loadfile"] if jobs > 1 else ["-p", "no:xdist"]
    command = [sys.executable, "-m", "pytest", "-q", *parallel, "-p", "no:cacheprovider",
               "--nbval-lax", "--nbval-current-env", f"--junitxml={junit}", *notebooks]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True).returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="default: every book/*.ipynb")
    parser.add_argument("--kernels", default=",".join(default_kernels()),
                        help="OPENBLAS_CORETYPE values, comma separated")
    parser.add_argument("--threads", default=",".join(map(str, DEFAULT_THREADS)),
                        help="thread counts, comma separated")
    parser.add_argument("--jobs", type=int, default=2,
                        help="notebooks run in parallel (pytest-xdist workers; 1: none)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(str(p.relative_to(ROOT))
                                         for p in (ROOT / "book").glob("*.ipynb"))
    configs = [(k, int(t)) for k in args.kernels.split(",") for t in args.threads.split(",")]
    changed: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (kernel, threads) in enumerate(configs):
            env = environment(kernel, threads)
            label = f"{kernel}, {threads} thread{'s' if threads > 1 else ''}"
            start = time.monotonic()
            junit = Path(tmp) / f"run{i}.xml"
            code = run_nbval(notebooks, env, junit, args.jobs)
            fails = failed_cells(junit) if junit.is_file() else {"(nbval)": f"exit {code}"}
            print(f"[{i + 1}/{len(configs)}] {label:24} OpenBLAS reports: {blas_in_use(env):24}"
                  f" {len(fails)} changed cell(s)  ({time.monotonic() - start:.0f} s)",
                  flush=True)
            for cell, diff in fails.items():
                changed.setdefault(cell, {})[label] = diff
    if not changed:
        print(f"\nNo checked cell changed in {len(notebooks)} notebook(s) under "
              f"{len(configs)} configurations.")
        return 0
    print(f"\n{len(changed)} cell(s) print something else on another machine:")
    for cell, where in sorted(changed.items()):
        print(f"\n{cell}: under {'; '.join(where)}")
        print("    " + next(iter(where.values())).replace("\n", "\n    "))
    return 1


if __name__ == "__main__":
    sys.exit(main())
