"""mlpcourse.figures.structure: the perceptron replay frames, the XOR network drawing, the
anatomy drawing, and the capacity experiment over seeds (dead units included)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse import MLP  # noqa: E402
from mlpcourse.datasets import moons, xor_table  # noqa: E402
from mlpcourse.figures.structure import (Trained, dead_units, describe_seeds,  # noqa: E402
                                         draw_anatomy, draw_capacity, draw_perceptron_visit,
                                         draw_tlu_line, draw_xor_network, mark_points,
                                         shade_tlu, train_capacity)
from mlpcourse.perceptron import perceptron_visits  # noqa: E402

X, _ = xor_table()
XOR = np.array([0, 1, 1, 0])


def test_perceptron_frame_titles_count_wrong_points_and_updates():
    states = perceptron_visits(X, XOR, 8)
    fig = draw_perceptron_visit(X, XOR, states, "XOR", 6)
    title = fig.axes[0].get_title()
    # after visit 6: w = (-1, 1), b = 0 -> outputs step(-x1 + x2) = [1, 1, 0, 1]: 3 wrong
    assert "visit 6 (epoch 2), update" in title and "3 of 4 points wrong" in title
    plt.close(fig)
    fig = draw_perceptron_visit(X, XOR, states, "XOR", 0)
    assert "start, all weights 0" in fig.axes[0].get_title()
    plt.close(fig)


def test_shade_tlu_and_marks():
    fig, ax = plt.subplots()
    shade_tlu(ax, np.array([[1.0], [1.0]]), np.array([-1.5]))
    image = ax.get_images()[0].get_array()
    assert image[0, 0] == 0 and image[-1, -1] == 1  # AND: 0 at (-0.5, -0.5), 1 at (1.5, 1.5)
    draw_tlu_line(ax, [1.0, 1.0], [-1.5], color="k")
    mark_points(ax, X, XOR, wrong=np.array([True, False, False, True]))
    crosses = [c for c in ax.collections if c.get_label() == "wrong"]
    assert len(crosses) == 1 and len(crosses[0].get_offsets()) == 2
    plt.close(fig)


def test_xor_network_labels_every_weight_and_bias():
    fig, ax = plt.subplots(figsize=(5, 4))
    W1, b1 = np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([-0.5, 1.5])
    W2, b2 = np.array([[1.0], [1.0]]), np.array([-1.5])
    draw_xor_network(ax, W1, b1, W2, b2, roles={(1, 0): "OR", (1, 1): "NAND", (2, 0): "AND"})
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("1") >= 4 + 2 and "\u22121.5" in texts and "1.5" in texts
    assert {"OR", "NAND", "AND"} <= set(texts)
    plt.close(fig)


def test_anatomy_states_no_fixed_depth_rule():
    fig = draw_anatomy([2, 4, 4, 4, 1])
    text = " ".join([fig.axes[0].get_title()] + [t.get_text() for t in fig.texts])
    assert "3 hidden layers" in text and "deep" not in text.lower()
    assert text.endswith("= 57")  # (2+1)4 + (4+1)4 + (4+1)4 + (4+1)1 = 12 + 20 + 20 + 5
    plt.close(fig)


def test_dead_units_counts_units_silent_on_every_sample():
    net = MLP([2, 3, 1], activation="relu", seed=0)
    net.weights[0][:, 1] = 0.0
    net.biases[0][1] = -1.0  # unit 1: z = -1 for every input, so ReLU(z) = 0
    assert dead_units(net, np.random.default_rng(0).normal(size=(20, 2))) == [1]


def test_a_dead_layer_means_a_constant_output():
    net = MLP([2, 2, 1], activation="relu", output_activation="sigmoid", seed=0)
    net.biases[0][:] = -100.0
    Xm, ym = moons(40, seed=0)
    result = Trained(net, 0, 0.5, dead_units(net, Xm))
    assert result.layer_died
    assert np.ptp(net.predict(Xm)) == 0.0


def test_train_capacity_runs_each_seed_and_describes_the_range():
    Xm, ym = moons(60, noise=0.1, seed=0)
    results = train_capacity(Xm, ym, [4], seeds=range(3), epochs=40)
    assert [r.seed for r in results] == [0, 1, 2]
    assert all(0.5 <= r.accuracy <= 1 for r in results)
    again = train_capacity(Xm, ym, [4], seeds=[1], epochs=40)[0]
    np.testing.assert_array_equal(again.net.weights[0], results[1].net.weights[0])
    text = describe_seeds(results)
    assert text.startswith("3 seeds: ")
    fig = draw_capacity(Xm, ym, results, [4])
    assert "17 parameters" in fig.axes[0].get_title()
    plt.close(fig)


@pytest.mark.parametrize("accs, expected", [([1.0, 1.0], "2 seeds: all 100%"),
                                            ([0.5, 0.755], "2 seeds: 50%–76%")])
def test_describe_seeds(accs, expected):
    assert describe_seeds([Trained(None, k, a, []) for k, a in enumerate(accs)]) == expected
