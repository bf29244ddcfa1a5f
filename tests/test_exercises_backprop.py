"""The backprop chapter's exercises: references pass, planted mistakes are named, and the
placeholder reports "unattempted"."""
import numpy as np
import pytest

from mlpcourse.autodiff import Value
from mlpcourse.exercises import ____, backprop
from mlpcourse.exercises.testing import (assert_correct, assert_mistake_caught,
                                         assert_unattempted, assert_well_formed, questions_in)


def _sig(z):
    return 1 / (1 + np.exp(-z))


def test_every_question_is_well_formed():
    questions = questions_in(backprop)
    assert len(questions) >= 6
    assert sum(q.kind != "think" for q in questions) >= 4
    for q in questions:
        assert_well_formed(q)


# ----------------------------------------------------------------------- sigmoid_backward
def test_sigmoid_backward():
    q = backprop.sigmoid_backward
    assert_correct(q)
    assert_correct(q, lambda z, g: g * _sig(z) * _sig(-z))  # an equivalent formula
    assert_mistake_caught(q, lambda z, g: _sig(z) * (1 - _sig(z)), "upstream gradient")
    assert_mistake_caught(q, lambda z, g: g * z * (1 - z), "not of z")
    assert_mistake_caught(q, lambda z, g: g * (1 - _sig(z) ** 2), "tanh")
    assert_mistake_caught(q, lambda z, g: -g * _sig(z) * (1 - _sig(z)), "sign")

    def template(z, grad_a):
        s = 1 / (1 + np.exp(-z))
        return grad_a * ____
    assert_unattempted(q, template)


def test_sigmoid_backward_in_place_change_is_reported():
    def in_place(z, grad_a):
        grad_a *= _sig(z) * (1 - _sig(z))
        return grad_a
    assert_mistake_caught(backprop.sigmoid_backward, in_place, "in place")


# ------------------------------------------------------------------------- dense_backward
def test_dense_backward_reference_agrees_with_finite_differences():
    result = assert_correct(backprop.dense_backward)
    assert "finite differences agree" in result.message


@pytest.mark.parametrize("wrong, fragment", [
    (lambda X, W, dZ: (dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)), "transposed"),
    (lambda X, W, dZ: (dZ @ W, X.T @ dZ, dZ.sum(axis=0)), "transpose belongs"),
    (lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ), "sums dz over the samples"),
    (lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)), "averages"),
    (lambda X, W, dZ: (dZ @ W.T, X.T @ dZ / len(X), dZ.sum(axis=0) / len(X)), "batch size"),
    (lambda X, W, dZ: (-(dZ @ W.T), -(X.T @ dZ), -dZ.sum(axis=0)), "sign"),
    (lambda X, W, dZ: (dZ @ W.T, 2 * X.T @ dZ, 2 * dZ.sum(axis=0)), "factor 2"),
    (lambda X, W, dZ: (dZ @ W.T, dZ.sum(axis=0), X.T @ dZ), "swapped"),
    (lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ.sum(axis=1)), "wrong axis"),
])
def test_dense_backward_mistakes(wrong, fragment):
    assert_mistake_caught(backprop.dense_backward, wrong, fragment)


def test_dense_backward_template_and_unplanted_slip():
    def template(X, W, dZ):
        return ____, ____, ____
    assert_unattempted(backprop.dense_backward, template)
    # dX alone doubled: not planted, still explained by the generic comparison
    assert_mistake_caught(backprop.dense_backward,
                          lambda X, W, dZ: (2 * dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)), "dX")


# -------------------------------------------------------------------------- graph_by_hand
def test_graph_by_hand_matches_autodiff():
    vals = {k: Value(v) for k, v in backprop.GRAPH_VALUES.items()}
    f = (vals["a"] * vals["b"] + vals["a"]) * vals["c"]
    f.backward()
    expected = [vals[k].grad for k in "abc"]
    assert_correct(backprop.graph_by_hand, np.array(expected))
    assert_correct(backprop.graph_by_hand, [-8, 8, -4])


def test_graph_by_hand_mistakes():
    q = backprop.graph_by_hand
    assert_mistake_caught(q, np.array([-12.0, 8.0, -4.0]), "used twice")
    assert_mistake_caught(q, np.array([-2.0, 2.0, -4.0]), "upstream gradient")
    assert_mistake_caught(q, np.array([-8.0, 8.0, -16.0]), "value of f")
    assert_mistake_caught(q, np.array([8.0, -8.0, 4.0]), "sign")
    assert_mistake_caught(q, np.array([-8.0, 8.0]), "shape")


# ------------------------------------------------------------------------------ fd_passes
def test_fd_passes():
    q = backprop.fd_passes
    from mlpcourse import MLP
    assert_correct(q, 2 * MLP(list(backprop.FD_SIZES)).n_params)
    assert_mistake_caught(q, 79510, "twice per parameter")
    assert_mistake_caught(q, 2 * (784 * 100 + 100 * 10), "biases")
    assert_mistake_caught(q, 2, "backpropagation")
    assert_mistake_caught(q, 159020.5, "whole number")


# ------------------------------------------------------------------------------- sgd_step
def _step(sign=-1.0, mean=True, scale=1.0, update_b=True):
    def step(W, b, X, y, lr):
        P = X @ W + b
        dP = scale * 2 * (P - y) / (P.size if mean else 1)
        dW, db = X.T @ dP, dP.sum(axis=0)
        return W + sign * lr * dW, (b + sign * lr * db) if update_b else b
    return step


def test_sgd_step():
    q = backprop.sgd_step
    assert_correct(q)
    assert_correct(q, _step())
    assert_mistake_caught(q, _step(sign=1.0), "up")
    assert_mistake_caught(q, _step(mean=False), "mean")
    assert_mistake_caught(q, _step(scale=0.5), "half")
    assert_mistake_caught(q, _step(update_b=False), "bias")
    assert_mistake_caught(q, lambda W, b, X, y, lr: (W, b), "unchanged")


def test_sgd_step_in_place_update_is_reported():
    def in_place(W, b, X, y, lr):
        P = X @ W + b
        dP = 2 * (P - y) / P.size
        W -= lr * X.T @ dP
        b -= lr * dP.sum(axis=0)
        return W, b
    assert_mistake_caught(backprop.sgd_step, in_place, "in place")


def test_sgd_step_agrees_with_mlp_fit():
    """One step of MLP.fit on a linear network is the reference step."""
    from mlpcourse import MLP
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(16, 3)), rng.normal(size=(16, 1))
    net = MLP([3, 1], seed=1)
    W, b = net.weights[0].copy(), net.biases[0].copy()
    net.fit(X, y, epochs=1, batch_size=16, learning_rate=0.1, shuffle=False)
    W_new, b_new = backprop._sgd_step(W, b, X, y, 0.1)
    assert np.allclose(net.weights[0], W_new) and np.allclose(net.biases[0], b_new)


# --------------------------------------------------------------------- pick_learning_rate
def test_pick_learning_rate():
    q = backprop.pick_learning_rate
    assert_correct(q)
    assert_correct(q, 0.05)
    assert_mistake_caught(q, 0.001, "too small")
    assert_mistake_caught(q, 3.0, "diverged")
    assert_mistake_caught(q, 0.25, "blowing up")
    assert_mistake_caught(q, -0.1, "positive")
    assert_mistake_caught(q, "0.1", "number")


# --------------------------------------------------------------------------- reverse_mode
def test_reverse_mode_reveals_model_answer():
    result = assert_correct(backprop.reverse_mode, "Reverse mode needs one pass per output.")
    assert "one pass per" in result.details
    assert_unattempted(backprop.reverse_mode, "")
