"""The plotting helpers draw into the given axes, with titles and labels."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse import MLP, History  # noqa: E402
from mlpcourse import plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_grid_over():
    xx, yy, points = plots.grid_over(np.array([[0.0, 0.0], [1.0, 2.0]]), resolution=5,
                                     padding=0.5)
    assert xx.shape == yy.shape == (5, 5) and points.shape == (25, 2)
    assert points.min(axis=0).tolist() == [-0.5, -0.5]
    assert points.max(axis=0).tolist() == [1.5, 2.5]


@pytest.mark.parametrize("k, out", [(1, "sigmoid"), (3, "softmax")])
def test_decision_boundary_of_a_network(k, out):
    X = np.random.default_rng(0).normal(size=(30, 2))
    y = np.arange(30) % k if k > 1 else (X[:, 0] > 0).astype(int)
    net = MLP([2, 4, k], activation="tanh", output_activation=out, seed=0)
    fig, ax = plt.subplots()
    assert plots.plot_decision_boundary(net, X, y, ax=ax, resolution=20) is ax
    assert ax.get_title() == "Decision boundary"
    assert ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.collections) >= 1 + len(np.unique(y))


def test_decision_boundary_of_a_function_float32_and_lists():
    net = MLP([2, 1], output_activation="sigmoid", dtype="float32", seed=0)
    ax = plots.plot_decision_boundary(net, [[0.0, 1.0], [1.0, 0.0]], [0, 1], resolution=10,
                                      title="float32")
    assert ax.get_title() == "float32"
    ax = plots.plot_decision_boundary(lambda P: (P[:, 0] > 0).astype(float),
                                      np.array([[-1.0, 0.0], [1.0, 0.0]]), [0, 1],
                                      resolution=10)
    assert ax.get_xlabel() == "$x_1$"


def test_plot_history():
    history = History(loss=[1.0, 0.5, 0.25], val_loss=[1.1, 0.6, 0.4], diverged=4)
    ax = plots.plot_history(history, log=True)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["training loss", "validation loss", "diverged"]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    ax = plots.plot_history(History(loss=[1.0, 0.5]))
    assert len(ax.get_lines()) == 1 and ax.get_title() == "Learning curve"


def test_neuron_positions():
    pos = plots.neuron_positions([2, 20, 1], max_units=8)
    assert [len(p) for p in pos] == [2, 8, 1]
    assert pos[2] == [(2.0, 0.0)]


def test_draw_network():
    net = MLP([2, 3, 1], seed=0)
    ax = plots.draw_network(net.layer_sizes, weights=net.weights,
                            node_labels={(0, 0): "x1", (1, "bias"): "b"},
                            edge_labels={(0, 0, 0): "w"})
    assert ax.get_title() == "2-3-1 network, 13 parameters"
    texts = [t.get_text() for t in ax.texts]
    assert "x1" in texts and "b" in texts and "w" in texts
    ax = plots.draw_network([4, 30, 2], show_bias=False, title="big")
    assert ax.get_title() == "big" and any("(30 units)" in t.get_text() for t in ax.texts)
