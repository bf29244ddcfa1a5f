"""gradcheck is library code learners call: it must pass correct gradients, catch wrong
ones, and leave the parameters as it found them."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.activations import Activation, tanh
from mlpcourse.gradcheck import GradcheckReport, gradcheck, numerical_gradient, relative_error


def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: (v ** 2).sum(), x), 2 * x,
                               rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda: np.sin(x).sum(), x), np.cos(x),
                               rtol=1e-8)


def test_numerical_gradient_restores_x_exactly():
    x = np.random.default_rng(0).normal(size=(3, 4))
    saved = x.copy()
    numerical_gradient(lambda: float(np.exp(x).sum()), x)
    assert x.tobytes() == saved.tobytes()


def test_numerical_gradient_needs_floats():
    with pytest.raises(TypeError, match="floating-point array"):
        numerical_gradient(lambda v: v.sum(), np.array([1, 2]))


def test_relative_error():
    a = np.array([1.0, 2.0])
    assert relative_error(a, a) == 0
    assert relative_error(a, -a) == 1
    assert relative_error(np.zeros(2), np.zeros(2)) == 0
    assert relative_error(a, a * (1 + 1e-8)) == pytest.approx(5e-9, rel=1e-3)


def test_report_for_a_correct_network():
    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], activation="tanh", output_activation="softmax", seed=0)
    before = [p.copy() for p in net.weights + net.biases]
    report = gradcheck(net, rng.normal(size=(5, 3)), [0, 1, 1, 0, 1],
                       "categorical_crossentropy")
    assert isinstance(report, GradcheckReport) and report.passed
    assert [name for name, _, _ in report.rows] == ["W1", "b1", "W2", "b2"]
    assert [shape for _, shape, _ in report.rows] == [(3, 4), (4,), (4, 2), (2,)]
    text = str(report)
    assert "relative error" in text and "PASSED" in text and "W2" in text
    for a, b in zip(before, net.weights + net.biases):
        assert a.tobytes() == b.tobytes()


def test_report_catches_a_wrong_derivative():
    wrong = Activation("tanh_wrong", tanh, lambda z: 1 - np.tanh(z))  # forgot the square
    net = MLP([2, 3, 1], activation=wrong, seed=0)
    X = np.random.default_rng(1).normal(size=(4, 2))
    report = gradcheck(net, X, np.ones(4))
    assert not report.passed and report.max_error > 1e-3
    assert "FAILED" in str(report)
    errors = dict((name, err) for name, _, err in report.rows)
    assert errors["W2"] < 1e-6 and errors["W1"] > 1e-3  # the output layer is still right


def test_float32_network_is_checked_in_float64():
    net = MLP([2, 3, 1], activation="sigmoid", dtype="float32", seed=0)
    X = np.random.default_rng(2).normal(size=(4, 2)).astype(np.float32)
    report = gradcheck(net, X, np.ones((4, 1), np.float32))
    assert report.passed, str(report)
    assert net.dtype == np.float32 and net.weights[0].dtype == np.float32


def test_penalties_are_checked_too():
    net = MLP([2, 3, 1], activation="tanh", seed=0)
    X = np.random.default_rng(3).normal(size=(4, 2))
    assert gradcheck(net, X, np.ones(4), l1=0.01, l2=0.1).passed


def test_gradients_zero_by_symmetry_pass():
    """With constant weights both softmax outputs get the same weights, so dL/dW1 cancels to
    0 exactly in theory and to rounding noise in practice: noise over noise is not a failure."""
    net = MLP([1, 1, 2], activation="identity", output_activation="softmax",
              init="constant", seed=0)
    net.biases[1][:] = [0.3, -0.2]
    report = gradcheck(net, np.array([[0.7]]), [1], "categorical_crossentropy")
    assert report.passed, str(report)
    errors = {name: err for name, _, err in report.rows}
    assert errors["W1"] == 0.0 and errors["b1"] == 0.0


def test_a_small_wrong_gradient_is_still_caught(monkeypatch):
    """The floor is relative to the loss: a wrong gradient of 1e-4 is far above it."""
    net = MLP([2, 1], activation="identity", seed=0)
    X, y = np.array([[1e-3, 2e-3]]), np.array([[0.0]])
    original = MLP.gradients

    def doubled(self, *args, **kwargs):
        loss, wg, bg = original(self, *args, **kwargs)
        return loss, [2 * g for g in wg], bg

    monkeypatch.setattr(MLP, "gradients", doubled)
    report = gradcheck(net, X, y)
    assert not report.passed and dict((n, e) for n, _, e in report.rows)["W1"] > 0.1
