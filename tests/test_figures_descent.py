"""mlpcourse.figures.descent: gradient descent paths against the closed form of a quadratic,
the divergence limit 2/lambda, the nudge table against the gradient, saturation frames."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse.figures.descent import (ESCAPE, critical_learning_rate, descent_path,  # noqa
                                       draw_descent, draw_nudge, draw_saturation, nudge)

H = np.array([[2.0, 0.0], [0.0, 0.5]])  # curvatures 2 and 0.5: limit 2 / 2 = 1


def gradient(theta):
    return H @ theta  # the loss 0.5 theta^T H theta


def test_path_follows_the_closed_form():
    # each step multiplies coordinate m by (1 - eta h_m)
    path = descent_path(gradient, [1.0, 1.0], 0.3, steps=5)
    k = np.arange(6)[:, None]
    np.testing.assert_allclose(path, np.array([1 - 0.3 * 2, 1 - 0.3 * 0.5]) ** k)


def test_divergence_beyond_two_over_lambda():
    limit = critical_learning_rate(H)
    assert limit == pytest.approx(1.0)
    assert np.abs(descent_path(gradient, [1.0, 1.0], 0.95 * limit, 200)[-1]).max() < 1e-3
    escaped = descent_path(gradient, [1.0, 1.0], 1.05 * limit, 10_000)
    assert len(escaped) < 10_001 and np.abs(escaped[-1]).max() >= ESCAPE
    with pytest.raises(ValueError, match="positive definite"):
        critical_learning_rate([[1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match="positive"):
        descent_path(gradient, [1.0, 1.0], 0.0, 3)


def test_nudge_agrees_with_the_gradient_to_first_order():
    W = np.array([[0.3, -0.7], [1.1, 0.2]])

    def loss(weights):
        return float(np.sum(np.tanh(weights) ** 2))

    g = 2 * np.tanh(W[1, 0]) * (1 - np.tanh(W[1, 0]) ** 2)
    deltas = np.array([0.1, 0.01, 0.001])
    changes = nudge(loss, W, (1, 0), deltas)
    errors = np.abs(changes / deltas - g)
    assert errors[1] < errors[0] / 5 and errors[2] < errors[1] / 5  # first order: O(delta)
    assert W[1, 0] == 1.1  # the weights are not changed


def test_draw_frames():
    grid = (np.linspace(-2, 2, 21), np.linspace(-2, 2, 21))
    surface = np.array([[0.5 * (2 * a * a + 0.5 * b * b) + 1e-3 for a in grid[0]]
                        for b in grid[1]])
    for rate, word in [(0.5, "converges"), (1.2, "DIVERGES")]:
        path = descent_path(gradient, [1.5, 1.5], rate, 20)
        fig = draw_descent(grid, surface, path, lambda p: 0.5 * p @ H @ p + 1e-3, rate, 1.0)
        assert word in fig._suptitle.get_text()
        plt.close(fig)
    deltas = np.linspace(-1, 1, 21)
    fig = draw_nudge(deltas, deltas ** 2 + deltas, 1.0, 0.5, "w")
    assert "Δw = +0.5" in fig.axes[0].get_title()
    plt.close(fig)
    fig = draw_saturation("sigmoid", 0)
    assert "leaves it as 0.25" in fig._suptitle.get_text()
    plt.close(fig)
    with pytest.raises(ValueError, match="sigmoid"):
        draw_saturation("relu", 0)
