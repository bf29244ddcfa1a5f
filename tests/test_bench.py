"""The benchmark's own code: the numpy loop does the same work as MLP.fit, the table
prints, and every bench module with run() is found. (No timing here.)"""
import numpy as np
import pytest

from bench import __main__ as bench_main
from bench import numpy_loop
from mlpcourse import MLP


@pytest.mark.parametrize("hidden, out, kind, loss", [
    ("relu", "identity", "mse", "mse"),
    ("tanh", "sigmoid", "bce", "binary_crossentropy"),
    ("relu", "softmax", "ce", "categorical_crossentropy"),
])
def test_numpy_loop_does_the_same_work_as_fit(hidden, out, kind, loss):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 4))
    k = 3 if kind == "ce" else 1
    y = {"mse": rng.normal(size=(50, 1)), "bce": rng.integers(0, 2, (50, 1)).astype(float),
         "ce": rng.integers(0, 3, 50)}[kind]
    net = MLP([4, 6, 5, k], activation=hidden, output_activation=out, seed=1)
    twin = net.copy()
    history = net.fit(X, y, loss=loss, epochs=3, batch_size=8, learning_rate=0.05, seed=2)
    losses = numpy_loop.train(X, y, twin.weights, twin.biases, hidden, kind, epochs=3,
                              batch_size=8, learning_rate=0.05, seed=2)
    np.testing.assert_allclose(losses, history.loss, rtol=1e-10)
    for a, b in zip(net.weights + net.biases, twin.weights + twin.biases):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def test_every_module_with_run_is_found():
    names = [name for name, _ in bench_main._modules()]
    assert names[0] == "workloads" and "imports" in names
    assert "numpy_loop" not in names and "peers" not in names


def test_table_format():
    rows = [{"workload": "W", "implementation": "a", "median": 1.5, "unit": "s", "ratio": 1.0},
            {"workload": "W", "implementation": "b", "median": 3.0, "unit": "s", "ratio": 2.0,
             "note": "slow"},
            ("V", "c", "12 ms", "", "free text")]
    text = bench_main.format_table(rows)
    lines = text.splitlines()
    assert lines[0].split() == ["workload", "implementation", "median", "ratio", "note"]
    assert "1.5 s" in lines[2] and "1.00x" in lines[2]
    assert lines[3].startswith(" ") and "2.00x" in lines[3] and "slow" in lines[3]
    assert "free text" in lines[-1]
