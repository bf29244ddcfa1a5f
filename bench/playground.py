"""Redraw rate of the training playground (target: >= 10 redraws a second for 2-4-2-1).

A frame is what Play does once: train one epoch, compute the network's output and every
unit's heatmap over the grid, blit the figure, encode the PNG and set the widget's value.
Run with ``python -m bench`` (all benchmarks) or ``python -m bench.playground``.
"""
import statistics
import time

TARGET_FPS = 10


def _frame_times(pg, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        pg.step()
        times.append(time.perf_counter() - start)
    return times


def _row(workload, implementation, times, note=""):
    median = statistics.median(times)
    rate = 1 / median
    verdict = "ok" if rate >= TARGET_FPS else f"below the {TARGET_FPS}/s target"
    return {"workload": workload, "implementation": implementation, "median": median * 1e3,
            "unit": "ms", "note": f"{rate:.0f} redraws/s ({verdict}){note}"}


def _played(pg, seconds):
    """Frames per second of the real background loop (Play) with no frame-rate cap."""
    pg.fps = 1000
    start_epoch = pg.trainer.epoch
    start = time.perf_counter()
    pg.play()
    time.sleep(seconds)
    pg.pause()
    elapsed = time.perf_counter() - start
    return (pg.trainer.epoch - start_epoch) / elapsed


def run(frames=40, play_seconds=3.0):
    from mlpcourse.playground import Playground
    from mlpcourse.playground import FEATURES
    rows = []
    pg = Playground()
    _frame_times(pg, 3)  # warm up: first full draw of the background
    rows.append(_row("Playground frame, 2-4-2-1 (default)", "Playground.step()",
                     _frame_times(pg, frames)))
    train = []
    for _ in range(frames):
        start = time.perf_counter()
        pg.trainer.step()
        train.append(time.perf_counter() - start)
    rows.append({"workload": "Playground frame, 2-4-2-1 (default)",
                 "implementation": "of which: train one epoch",
                 "median": statistics.median(train) * 1e3, "unit": "ms"})
    fps = _played(pg, play_seconds)
    rows.append({"workload": "Playground frame, 2-4-2-1 (default)",
                 "implementation": "Play loop (thread, no fps cap)", "median": 1e3 / fps,
                 "unit": "ms", "note": f"{fps:.0f} redraws/s measured over {play_seconds:g} s"})
    big = Playground(hidden=(16,) * 6, features=tuple(FEATURES))
    _frame_times(big, 2)
    rows.append(_row("Playground frame, 7 features, 6 x 16 hidden", "Playground.step()",
                     _frame_times(big, max(frames // 4, 5)),
                     note="; the largest network the widget allows"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
