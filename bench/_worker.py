"""What runs inside a benchmark worker process: one implementation, timed run by run.

Each implementation gets a process of its own (``multiprocessing`` "spawn"), so the
libraries never share one: scikit-learn's and PyTorch's OpenMP runtimes, loaded in one
process, spin against each other and slow PyTorch down by an order of magnitude.
"""
import os
import time

import numpy as np

from . import numpy_loop, peers

_DATA = {}


def _w1_data():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((10_000, 20))
    y = np.sin(X[:, :5]).sum(axis=1, keepdims=True) + 0.1 * rng.standard_normal((10_000, 1))
    return X, y


def _w2_data():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((20_000, 784), dtype=np.float32)
    teacher = rng.standard_normal((784, 10), dtype=np.float32)
    return X, (X @ teacher).argmax(axis=1)


def _w3_data():
    from mlpcourse.datasets import moons
    X, labels = moons(200, seed=0)
    return X, labels.reshape(-1, 1).astype(np.float64)


#: workload -> (data, layer sizes, hidden activation, output activation, loss kind,
#:              epochs, batch size, learning rate)
WORKLOADS = {
    "W1": (_w1_data, [20, 64, 64, 1], "relu", "identity", "mse", 10, 32, 0.01),
    "W2": (_w2_data, [784, 512, 512, 10], "relu", "softmax", "ce", 2, 256, 0.01),
    "W3": (_w3_data, [2, 8, 8, 1], "tanh", "sigmoid", "bce", 300, 200, 0.1),
}
LOSS_NAMES = {"mse": "mse", "bce": "binary_crossentropy", "ce": "categorical_crossentropy"}


def setup(impl, threads=None):
    """Load what ``impl`` needs, then limit its thread pools (BLAS, OpenMP, torch) to
    ``threads`` if given (threadpoolctl only reaches libraries already loaded)."""
    if impl != "torch":   # never both OpenMP runtimes (torch's and sklearn's) in one process
        import sklearn.datasets  # noqa: F401  (the data of W3; loads scipy's BLAS too)
    if impl == "sklearn":
        import sklearn.neural_network  # noqa: F401
    if threads:
        from threadpoolctl import threadpool_limits
        global _LIMITS
        _LIMITS = threadpool_limits(threads)
        if impl == "torch":
            import torch
            torch.set_num_threads(threads)
    return os.getpid()


def time_once(workload, impl, warmup=False):
    """Run ``impl`` on ``workload`` once; return (wall-clock seconds, CPU seconds).

    CPU seconds are the process's, all threads together: with one thread per library
    (``BENCH_THREADS=1``) they hardly move with the load of other processes, while the
    wall clock does.

    ``warmup`` runs a shortened version (one epoch on at most 2048 samples) untimed, so
    that first-call costs (library loading, thread start-up) stay out of the medians.
    """
    make_data, sizes, hidden, out_act, kind, epochs, batch_size, lr = WORKLOADS[workload]
    if workload not in _DATA:
        _DATA[workload] = make_data()
    X, y = _DATA[workload]
    if warmup:
        X, y, epochs = X[:2048], y[:2048], 1
    if impl in ("mlpcourse", "numpy"):
        from mlpcourse import MLP
        net = MLP(sizes, activation=hidden, output_activation=out_act, seed=0,
                  dtype=X.dtype.name)
    start, cpu = time.perf_counter(), time.process_time()
    if impl == "mlpcourse":
        net.fit(X, y, loss=LOSS_NAMES[kind], epochs=epochs, batch_size=batch_size,
                learning_rate=lr, optimizer="sgd", seed=0)
    elif impl == "numpy":
        numpy_loop.train(X, y, net.weights, net.biases, hidden, kind, epochs, batch_size, lr,
                         seed=0)
    elif impl == "sklearn":
        peers.sklearn_fit(X, y, tuple(sizes[1:-1]), kind == "ce", epochs, batch_size, lr)
    elif impl == "torch":
        peers.torch_fit(X, y, sizes, kind == "ce", epochs, batch_size, lr)
    else:
        raise ValueError(f"unknown implementation {impl!r}")
    return time.perf_counter() - start, time.process_time() - cpu
