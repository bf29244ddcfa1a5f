"""The time ``import mlpcourse`` takes in a fresh interpreter (issue 2's budget: 0.3 s)."""
import statistics
import subprocess
import sys

BUDGET = 0.3
CODE = ("import time; start = time.perf_counter(); import mlpcourse; "
        "print(time.perf_counter() - start)")


def run(repeat=5):
    times = [float(subprocess.run([sys.executable, "-c", CODE], capture_output=True,
                                  text=True, check=True).stdout) for _ in range(repeat)]
    median = statistics.median(times)
    verdict = "met" if median < BUDGET else "MISSED"
    return [{"workload": "import mlpcourse (fresh interpreter, numpy included)",
             "implementation": "mlpcourse", "median": median * 1000, "unit": "ms",
             "note": f"budget < {BUDGET * 1000:.0f} ms: {verdict}"}]
