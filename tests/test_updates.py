"""mlpcourse.updates: weight gradients and first-step sizes per layer."""
import matplotlib
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.optimizers import Adam
from mlpcourse.updates import layer_updates, plot_updates, update_statistics

matplotlib.use("Agg")


def test_layer_updates_by_hand_on_a_one_layer_network():
    # y_hat = 2 x, targets 0: L = mean((2x)^2) over x = (1, 3): dL/dW = mean(2 * 2x * x) = 2*2*5 = 20
    net = MLP.from_weights([np.array([[2.0]])], [np.array([0.0])], activation="identity")
    X, y = np.array([[1.0], [3.0]]), np.zeros((2, 1))
    u = layer_updates(net, net.forward_trace(X), net.backward(net.forward_trace(X), y), "one")
    assert u.weight_grad_rms.tolist() == [20.0]
    assert u.weight_rms.tolist() == [2.0]
    assert u.sgd_step.tolist() == [10.0]                    # |1 * 20| / |2|
    # Adam's first step: g / (|g| + eps / sqrt(1 - beta2)) at learning rate 1, relative to |W|
    assert u.adam_step[0] == pytest.approx(0.5 * 20 / (20 + 1e-8 / np.sqrt(0.001)))
    assert np.isnan(u.activation_grad_std[-1]) and u.layers.tolist() == [1]


def test_adam_step_matches_the_library_optimizer():
    net = MLP([3, 4, 2], activation="tanh", seed=1)
    X = np.random.default_rng(0).normal(size=(5, 3))
    trace = net.forward_trace(X)
    grads = net.backward(trace, np.ones((5, 2)))
    u = layer_updates(net, trace, grads)
    moved = [w.copy() for w in net.weights]
    Adam(0.01).step(moved, grads.weight_grads)
    for k, (m, w) in enumerate(zip(moved, net.weights)):
        step = np.sqrt(np.mean((m - w) ** 2)) / np.sqrt(np.mean(w ** 2))
        assert 0.01 * u.adam_step[k] == pytest.approx(step, rel=1e-9)


def test_relu_weight_gradients_are_flat_and_sigmoid_ones_are_not():
    for init, scale in (("he_normal", 0.5), ("glorot_uniform", 1.0)):
        u = update_statistics(init, "relu", depth=20, width=100, scale=scale, seed=0)
        hidden = u.weight_grad_rms[:20]
        assert hidden.max() / hidden.min() < 10          # within an order of magnitude
        assert u.activation_grad_std[0] / u.activation_grad_std[19] < 1e-2   # dL/dA vanishes
    sigmoid = update_statistics("glorot_uniform", "sigmoid", depth=20, width=100, seed=0)
    assert sigmoid.weight_grad_rms[0] / sigmoid.weight_grad_rms[19] < 1e-8


def test_adam_takes_full_steps_only_above_its_epsilon():
    glorot = update_statistics("glorot_uniform", "relu", depth=30, width=100, seed=0)
    old = update_statistics("lecun_uniform_old", "relu", depth=30, width=100, seed=0)
    he = update_statistics("he_normal", "relu", depth=30, width=100, seed=0)
    assert glorot.weight_grad_rms[0] < 1e-5 * he.weight_grad_rms[0]
    assert glorot.adam_step[0] > 0.3 * he.adam_step[0]      # gradient ~1e-7 > eps: full steps
    assert old.adam_step[0] < 1e-5 * he.adam_step[0]        # gradient ~1e-14 < eps: none
    assert "Glorot uniform, relu" == glorot.label


def test_plot_updates_has_three_titled_log_panels():
    import matplotlib.pyplot as plt

    updates = [update_statistics(i, "relu", depth=4, width=8, seed=0)
               for i in ("he_normal", "glorot_uniform")]
    axes = plot_updates(updates)
    assert len(axes) == 3 and all(ax.get_yscale() == "log" and ax.get_title() for ax in axes)
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == [u.label for u in updates]
    assert "Adam (first step)" in [t.get_text() for t in axes[2].get_legend().get_texts()]
    plt.close("all")
