"""``python -m bench``: run every ``bench/*.py`` module that defines ``run()`` and print one
table of medians and ratios, headed by the machine and thread settings."""
import importlib
import os
import pkgutil
import platform
import sys
import time

import bench

FIRST = ("workloads",)  # the core workloads come first; other modules follow by name


def _modules():
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__)
                   if not m.name.startswith("_"))
    names.sort(key=lambda n: (n not in FIRST, n))
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if callable(getattr(module, "run", None)):
            yield name, module


def header():
    import numpy as np
    from threadpoolctl import threadpool_info
    lines = [f"python {platform.python_version()}, numpy {np.__version__}, "
             f"{os.cpu_count()} CPUs ({platform.machine()}), load average at start "
             + "/".join(f"{x:.1f}" for x in os.getloadavg())]
    for info in threadpool_info():
        lines.append(f"threadpool: {info.get('internal_api')} {info.get('version')} "
                     f"({info.get('architecture', '?')}), {info['num_threads']} threads, "
                     f"{os.path.basename(info['filepath'])}")
    threads = os.environ.get("BENCH_THREADS")
    lines.append(f"BENCH_THREADS={threads or '(unset: each library uses its default)'}; "
                 "each implementation runs in its own process")
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                "OMP_NUM_THREADS"):
        lines.append(f"{var}={os.environ.get(var, '(unset)')}")
    try:
        import sklearn
        lines.append(f"scikit-learn {sklearn.__version__}")
    except ImportError:
        lines.append("scikit-learn not installed")
    try:
        import torch
        lines.append(f"torch {torch.__version__}, {torch.get_num_threads()} intra-op threads "
                     "by default")
    except ImportError:
        lines.append("torch not installed (PyTorch rows skipped)")
    return lines


def _cell(row, key, fmt):
    value = row.get(key)
    if value is None or value == "":
        return ""
    return fmt.format(value) if isinstance(value, (int, float)) else str(value)


def format_table(rows):
    """Render rows (dicts as documented in :mod:`bench`, or sequences) as a text table."""
    cols = ("workload", "implementation", "median", "ratio", "note")
    table = [("workload", "implementation", "median", "ratio", "note")]
    for row in rows:
        if isinstance(row, dict):
            median = _cell(row, "median", "{:.4g}")
            if median:
                median += " " + row.get("unit", "s")
            table.append((_cell(row, "workload", "{}"), _cell(row, "implementation", "{}"),
                          median, _cell(row, "ratio", "{:.2f}x"), _cell(row, "note", "{}")))
        else:
            cells = [str(c) for c in row] + [""] * len(cols)
            table.append(tuple(cells[:len(cols)]))
    widths = [max(len(r[i]) for r in table) for i in range(len(cols))]
    out, last_workload = [], None
    for k, r in enumerate(table):
        workload = r[0]
        shown = ("",) + r[1:] if workload == last_workload else r
        if k > 1 and workload != last_workload:
            out.append("")
        out.append("  ".join(c.ljust(w) for c, w in zip(shown, widths)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
        last_workload = workload
    return "\n".join(out)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    only = set(argv)
    start = time.perf_counter()
    print("\n".join(header()), flush=True)
    rows = []
    for name, module in _modules():
        if only and name not in only:
            continue
        print(f"running bench.{name} ...", file=sys.stderr, flush=True)
        try:
            rows += module.run()
        except Exception as err:  # one broken module must not lose the others' results
            rows.append({"workload": f"bench.{name}", "implementation": "(failed)",
                         "note": f"{type(err).__name__}: {err}"})
    print()
    print(format_table(rows))
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n(medians of {os.environ.get('BENCH_REPEAT', '5')} interleaved runs after one "
          f"warm-up; ratio = time / time of the minimal numpy loop; total "
          f"{time.perf_counter() - start:.0f} s; load average at the end {load})")


if __name__ == "__main__":
    main()
