"""mlpcourse.signal: per-layer statistics of deep networks at initialization."""
import matplotlib
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.signal import (SCHEME_LABELS, SELU, SignalStats, deep_network,
                              draw_signal_explorer, mean_constant, plot_layer_histograms,
                              plot_signal, scaled, selu, selu_derivative, signal_statistics,
                              signal_trace)

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


def test_zero_init_relu_hidden_gradients_are_exactly_zero():
    X = np.random.default_rng(0).normal(size=(10, 3))
    net = MLP([3, 4, 4, 1], activation="relu", init="zeros")
    g = net.backward(net.forward_trace(X), np.ones((10, 1)))
    assert all(np.all(d == 0) for d in g.deltas[:-1])
    assert all(np.all(w == 0) for w in g.weight_grads)


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


def test_selu_matches_its_definition_and_its_derivative_matches_finite_differences():
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    lam, alpha = 1.0507009873554805, 1.6732632423543772
    np.testing.assert_allclose(selu(z), lam * np.where(z > 0, z, alpha * (np.exp(z) - 1)))
    h = 1e-6
    point = np.array([-2.0, -0.3, 0.4, 2.0])
    numerical = (selu(point + h) - selu(point - h)) / (2 * h)
    np.testing.assert_allclose(selu_derivative(point), numerical, rtol=1e-6)
    assert SELU.name == "selu" and selu(np.float32(1.0) * np.ones(2, np.float32)).dtype == np.float32


def test_selu_with_lecun_variance_keeps_unit_variance_and_he_does_not():
    lecun = signal_statistics("lecun_normal", SELU, depth=20, width=200, seed=0)
    he = signal_statistics("he_normal", SELU, depth=20, width=200, seed=0)
    assert lecun.activation == "selu"
    assert np.all(np.abs(lecun.activation_std - 1) < 0.1)        # self-normalizing
    assert he.activation_std[-1] > 5


def test_sigmoid_backward_signal_vanishes_whatever_the_scale():
    for scale in (1, 4):
        stats = signal_statistics("glorot_uniform", "sigmoid", depth=20, width=100, scale=scale,
                                  seed=0)
        assert stats.relative_gradient_std[0] < 1e-3
        assert 0.05 < stats.activation_std[-1] < 0.5              # forward stays steady


def test_signal_trace_is_the_measurement_behind_the_statistics():
    net, X, y, trace, grads = signal_trace("he_normal", "relu", depth=4, width=10, n_samples=7,
                                           seed=2)
    assert X.shape == (7, 10) and y.shape == (7, 1) and net.layer_sizes == (10,) * 5 + (1,)
    stats = signal_statistics("he_normal", "relu", depth=4, width=10, n_samples=7, seed=2)
    np.testing.assert_allclose(stats.activation_std, [a.std() for a in trace.activations[1:5]])
    np.testing.assert_allclose(stats.gradient_std, [g.std() for g in grads.activation_grads[1:5]])


def test_layer_histograms_draw_one_outline_per_layer_and_titles():
    import matplotlib.pyplot as plt

    runs = []
    for init in ("lecun_uniform_old", "glorot_uniform"):
        _, _, _, trace, grads = signal_trace(init, "tanh", depth=3, width=20, n_samples=16)
        runs.append((init, trace, grads))
    axes = plot_layer_histograms(runs)
    assert axes.shape == (2, 2)
    for row in axes:
        assert len(row[0].patches) == 3 and len(row[1].patches) == 3
        assert "activations" in row[0].get_title() and "gradients" in row[1].get_title()
    plt.close("all")
