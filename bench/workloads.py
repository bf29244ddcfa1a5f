"""The three workloads of issue 2: W1 overhead-bound, W2 BLAS-bound, W3 interactive.

Every implementation runs in a process of its own; the runs are interleaved round by round
(mlpcourse, numpy, scikit-learn, PyTorch, then again), ``BENCH_REPEAT`` times (default 5),
so that load from other processes falls on all of them alike. The table shows medians and
the ratio to the minimal numpy loop (below 1 is faster than the loop).
"""
import multiprocessing
import os
import statistics
import sys

from . import peers

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
THREADS = int(os.environ.get("BENCH_THREADS", "0")) or None  # None: the libraries' default
TARGETS = {"W1": 1.3, "W2": 1.05}
NAMES = {"mlpcourse": "mlpcourse MLP.fit", "numpy": "minimal numpy loop",
         "sklearn": "scikit-learn MLP{}", "torch": "PyTorch eager (CPU)"}
TITLES = {
    "W1": "W1 overhead-bound: 10000x20, 20-64-64-1 ReLU, MSE, SGD lr 0.01, batch 32, "
          "10 epochs, float64",
    "W2": "W2 BLAS-bound: 20000x784 float32, 784-512-512-10 ReLU, softmax CE, SGD, "
          "batch 256, 2 epochs",
    "W3": "W3 interactive: moons(200), 2-8-8-1 tanh, sigmoid+BCE, full batch, 300 epochs",
}


def _has_sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return False
    return True


def measure(workload, impls, repeat=REPEAT, threads=THREADS):
    """Median seconds of each implementation, each in its own spawned worker process."""
    from . import _worker
    ctx = multiprocessing.get_context("spawn")
    pools = {impl: ctx.Pool(1, initializer=_worker.setup, initargs=(impl, threads))
             for impl in impls}
    try:
        for impl, pool in pools.items():
            pool.apply(_worker.time_once, (workload, impl, True))
        times = {impl: [] for impl in impls}
        for round_ in range(repeat):
            for impl, pool in pools.items():
                times[impl].append(pool.apply(_worker.time_once, (workload, impl)))
            print(f"  {workload} round {round_ + 1}/{repeat} (wall/cpu s): " + ", ".join(
                f"{impl} {ts[-1][0]:.3g}/{ts[-1][1]:.3g}" for impl, ts in times.items()),
                file=sys.stderr, flush=True)
    finally:
        for pool in pools.values():
            pool.terminate()
    return {impl: (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
            for impl, ts in times.items()}


def rows_for(workload, medians, per_epoch=None):
    """Table rows with ratios to the numpy loop (wall clock; CPU time in the note); W3 is
    shown in milliseconds per epoch."""
    ref, ref_cpu = medians["numpy"]
    rows = []
    for impl, (t, cpu) in medians.items():
        note = f"cpu {cpu:.3g} s ({cpu / ref_cpu:.2f}x)"
        target = TARGETS.get(workload)
        if impl == "mlpcourse" and target:
            note += (f"; target <= {target}x: wall "
                     + ("met" if t / ref <= target else "MISSED") + ", cpu "
                     + ("met" if cpu / ref_cpu <= target else "MISSED"))
        name = NAMES[impl].format("Classifier" if workload == "W2" else "Regressor")
        value, unit = (1000 * t / per_epoch, "ms/epoch") if per_epoch else (t, "s")
        rows.append({"workload": TITLES[workload], "implementation": name, "median": value,
                     "unit": unit, "ratio": t / ref, "note": note})
    return rows


def run():
    peers_ = ["sklearn"] * _has_sklearn() + ["torch"] * peers.torch_available()
    rows = []
    rows += rows_for("W1", measure("W1", ["mlpcourse", "numpy"] + peers_))
    rows += rows_for("W2", measure("W2", ["mlpcourse", "numpy"] + peers_))
    rows += rows_for("W3", measure("W3", ["mlpcourse", "numpy"]), per_epoch=300)
    return rows
