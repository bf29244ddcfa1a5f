"""mlpcourse.signal: per-layer statistics of deep networks at initialization."""
import matplotlib
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.initializers import constant
from mlpcourse.signal import (SCHEME_LABELS, SignalStats, deep_network, draw_signal_explorer,
                              identical_units, mean_constant, merge_identical_units, plot_signal,
                              scaled, signal_statistics)

matplotlib.use("Agg")


def test_scaled_multiplies_the_weights():
    rng = np.random.default_rng(0)
    base = scaled("he_normal", 1.0)(50, 20, np.random.default_rng(0))
    double = scaled("he_normal", 2.0)(50, 20, rng)
    np.testing.assert_allclose(double, 2 * base)
    assert scaled("mean_constant", 3.0)(4, 2, None).tolist() == [[0.75, 0.75]] * 4
    assert "x 2" in scaled("he_normal", 2.0).__name__


def test_deep_network_shape():
    net = deep_network("glorot_uniform", "tanh", depth=5, width=8, seed=1)
    assert net.layer_sizes == (8, 8, 8, 8, 8, 8, 1)
    assert net.activation.name == "tanh" and net.output_activation.name == "identity"
    assert all(np.all(b == 0) for b in net.biases)


def test_signal_statistics_is_seeded_and_shaped():
    a = signal_statistics("he_normal", "relu", depth=6, width=16, n_samples=20, seed=3)
    b = signal_statistics("he_normal", "relu", depth=6, width=16, n_samples=20, seed=3)
    c = signal_statistics("he_normal", "relu", depth=6, width=16, n_samples=20, seed=4)
    assert isinstance(a, SignalStats)
    for name in ("activation_std", "preactivation_std", "gradient_std", "distinct_units"):
        assert getattr(a, name).shape == (6,)
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.activation_std, c.activation_std)
    assert a.layers.tolist() == [1, 2, 3, 4, 5, 6]
    assert a.relative_gradient_std[-1] == 1.0
    assert a.variance_ratios().shape == (5,)


def test_signal_statistics_matches_a_hand_computation():
    # depth 1, width 2, identity activation, all weights 1/2 (mean_constant):
    stats = signal_statistics("mean_constant", "identity", depth=1, width=2, n_samples=3, seed=0)
    rng = np.random.default_rng([0, 1])
    X = rng.standard_normal((3, 2))
    Z1 = X @ np.full((2, 2), 0.5)            # each unit: the mean of the two inputs
    assert stats.activation_std[0] == pytest.approx(np.std(Z1))
    assert stats.distinct_units.tolist() == [1]


def test_he_keeps_relu_variance_and_glorot_halves_it():
    # He et al. (2015): Var(Z_{l+1}) / Var(Z_l) = n Var(w) / 2 for ReLU layers
    he = signal_statistics("he_normal", "relu", depth=20, width=256, n_samples=128, seed=0)
    glorot = signal_statistics("glorot_uniform", "relu", depth=20, width=256, n_samples=128,
                               seed=0)
    assert np.exp(np.mean(np.log(he.variance_ratios()))) == pytest.approx(1.0, abs=0.08)
    assert np.exp(np.mean(np.log(glorot.variance_ratios()))) == pytest.approx(0.5, abs=0.04)


def test_old_uniform_tanh_collapses_and_glorot_does_not():
    # Glorot & Bengio (2010): U(+-1/sqrt(n)) has variance 1/(3n) and the tanh signal collapses
    old = signal_statistics("lecun_uniform_old", "tanh", depth=30, width=128, seed=0)
    glorot = signal_statistics("glorot_uniform", "tanh", depth=30, width=128, seed=0)
    assert old.activation_std[-1] < 1e-5 * old.activation_std[0]
    assert glorot.activation_std[-1] > 0.1 * glorot.activation_std[0]


def test_large_weights_explode_without_warnings():
    with np.errstate(all="raise"):
        stats = signal_statistics("he_normal", "relu", depth=50, width=32, scale=3.0, seed=0)
    assert stats.activation_std[-1] > 1e15 * stats.activation_std[0]


def test_symmetric_start_gives_one_distinct_unit_per_layer():
    stats = signal_statistics("mean_constant", "tanh", depth=4, width=12, seed=0)
    assert stats.distinct_units.tolist() == [1, 1, 1, 1]
    random = signal_statistics("glorot_uniform", "tanh", depth=4, width=12, seed=0)
    assert random.distinct_units.tolist() == [12, 12, 12, 12]


def test_identical_units_groups_columns_and_biases():
    W = np.array([[1.0, 2.0, 1.0, 1.0],
                  [3.0, 4.0, 3.0, 3.0]])
    b = np.array([0.0, 0.0, 0.0, 1.0])
    assert identical_units(W) == [[0, 2, 3], [1]]
    assert identical_units(W, b) == [[0, 2], [1], [3]]
    assert identical_units(np.array([[0.0, -0.0]])) == [[0, 1]]
    near = W + np.array([0, 0, 1e-12, 0])
    assert identical_units(near, b) == [[0], [1], [2], [3]]
    assert identical_units(near, b, atol=1e-9) == [[0, 2], [1], [3]]
    with pytest.raises(ValueError, match="2-D"):
        identical_units(np.zeros(3))


def test_zero_init_relu_hidden_gradients_are_exactly_zero():
    X = np.random.default_rng(0).normal(size=(10, 3))
    net = MLP([3, 4, 4, 1], activation="relu", init="zeros")
    g = net.backward(net.forward_trace(X), np.ones((10, 1)))
    assert all(np.all(d == 0) for d in g.deltas[:-1])
    assert all(np.all(w == 0) for w in g.weight_grads)


def test_constant_init_trains_into_copies_equal_to_a_narrow_network():
    X = np.linspace(-1, 1, 40).reshape(-1, 1)
    y = np.sin(3 * X)
    net = MLP([1, 8, 8, 1], activation="tanh", init=constant(0.1))
    net.fit(X, y, epochs=30, batch_size=8, learning_rate=0.05, seed=0)
    for W, b in zip(net.weights[:-1], net.biases[:-1]):
        assert len(identical_units(W, b)) == 1
    narrow = merge_identical_units(net)
    assert narrow.layer_sizes == (1, 1, 1, 1)
    np.testing.assert_allclose(narrow.predict(X), net.predict(X), rtol=0, atol=1e-12)


def test_merge_keeps_a_random_network_unchanged():
    net = MLP([2, 5, 3, 1], activation="relu", seed=0)
    merged = merge_identical_units(net)
    assert merged.layer_sizes == net.layer_sizes
    X = np.random.default_rng(1).normal(size=(6, 2))
    np.testing.assert_allclose(merged.predict(X), net.predict(X))


def test_mean_constant_averages_inputs():
    W = mean_constant(4, 3)
    assert W.shape == (4, 3) and np.all(W == 0.25)
    assert set(SCHEME_LABELS) >= {"he_normal", "glorot_uniform", "lecun_uniform_old"}


def test_figures_have_titles_and_labels():
    import matplotlib.pyplot as plt

    stats = [signal_statistics(init, "relu", depth=5, width=16, seed=0)
             for init in ("he_normal", "glorot_uniform")]
    axes = plot_signal(stats)
    assert all(ax.get_title() and ax.get_xlabel() and ax.get_ylabel() for ax in axes)
    assert len(axes[1].get_legend().get_texts()) == 2
    fig = draw_signal_explorer("mean_constant", "tanh", depth=5, scale=1.0, width=16)
    assert "1 distinct unit of 16" in fig.axes[2].get_title()
    assert "5 hidden layers" in fig._suptitle.get_text()
    plt.close("all")
