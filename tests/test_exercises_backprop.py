"""The backprop chapter's exercises: references pass, planted mistakes are named, and the
placeholder reports "unattempted"."""
import numpy as np
import pytest

from mlpcourse.autodiff import Value
from mlpcourse.exercises import ____, backprop
from mlpcourse.exercises.testing import (assert_correct, assert_error, assert_mistake_caught,
                                         assert_passes_repeatedly, assert_unattempted,
                                         assert_well_formed, questions_in)


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
    assert_passes_repeatedly(q, times=20)
    assert_correct(q, lambda z, g: g * _sig(z) * _sig(-z))  # an equivalent formula


@pytest.mark.parametrize("wrong, fragment", [
    (lambda z, g: _sig(z) * (1 - _sig(z)), "upstream gradient"),
    (lambda z, g: g * z * (1 - z), "not of z"),
    (lambda z, g: g * (1 - _sig(z) ** 2), "tanh"),
    (lambda z, g: -g * _sig(z) * (1 - _sig(z)), "sign"),
    (lambda z, g: g * _sig(z), "sigmoid(z) only"),
    (lambda z, g: g * _sig(z) * (1 - _sig(z)) + 0j, "complex"),
    (lambda z, g: (g * _sig(z) * (1 - _sig(z))).T, "shape"),
    (lambda z, g: (g * _sig(z) * (1 - _sig(z))).sum(axis=0), "shape"),
    (lambda z, g: g @ (_sig(z) * (1 - _sig(z))).T, "shape"),  # a matrix product
    (lambda z, g: g * _sig(z) * (1 - _sig(z)) / len(z), "times smaller"),
])
def test_sigmoid_backward_catalogue(wrong, fragment):
    assert_mistake_caught(backprop.sigmoid_backward, wrong, fragment, repeats=3)


def test_sigmoid_backward_template():
    q = backprop.sigmoid_backward

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
    result = assert_passes_repeatedly(backprop.dense_backward, times=10)
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
    (lambda X, W, dZ: (X.T @ dZ, dZ @ W.T, dZ.sum(axis=0)), "wrong order: you returned (dW, dX, db)"),
    (lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ.sum(axis=0, keepdims=True)), "`db` holds the right numbers but has shape (1,"),
    (lambda X, W, dZ: (dZ @ W.T + 0j, X.T @ dZ, dZ.sum(axis=0)), "`dX` is complex"),
])
def test_dense_backward_mistakes(wrong, fragment):
    assert_mistake_caught(backprop.dense_backward, wrong, fragment, repeats=3)


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


@pytest.mark.parametrize("answer, fragment", [
    (np.array([-12.0, 8.0, -4.0]), "used twice"),
    (np.array([-2.0, 2.0, -4.0]), "upstream gradient"),
    (np.array([-8.0, 8.0, -16.0]), "value of f"),
    (np.array([8.0, -8.0, 4.0]), "sign"),
    (np.array([-8.0, 8.0]), "shape"),
    ([[-8.0], [8.0], [-4.0]], "flat shape"),
    ([-8 + 0j, 8, -4], "complex"),
    ([-8.0, 8.0, float("nan")], "NaN"),
    ([-8.0, -4.0, 8.0], "index [1]"),
])
def test_graph_by_hand_mistakes(answer, fragment):
    assert_mistake_caught(backprop.graph_by_hand, answer, fragment)


# ------------------------------------------------------------------------------ fd_passes
def test_fd_passes():
    q = backprop.fd_passes
    from mlpcourse import MLP
    assert_correct(q, 2 * MLP(list(backprop.FD_SIZES)).n_params)
    assert_mistake_caught(q, 79510, "twice per parameter")
    assert_mistake_caught(q, 2 * (784 * 100 + 100 * 10), "biases")
    assert_mistake_caught(q, 2, "backpropagation")
    assert_mistake_caught(q, 159020.5, "159020.5 is not a whole number")
    assert_mistake_caught(q, 159020 + 0j, "complex")
    assert_mistake_caught(q, float("inf"), "infinite")
    assert_correct(q, 2.0 * 79510)


# ------------------------------------------------------------------------------- sgd_step
def _step(sign=-1.0, divide="size", scale=1.0, update_b=True, lr=None):
    def step(W, b, X, y, learning_rate):
        rate = learning_rate if lr is None else lr
        P = X @ W + b
        dP = scale * 2 * (P - y) / {"size": P.size, "n": len(X), "k": P.shape[1], "one": 1}[divide]
        dW, db = X.T @ dP, dP.sum(axis=0)
        return W + sign * rate * dW, (b + sign * rate * db) if update_b else b
    return step


def _twice_divided(W, b, X, y, learning_rate):
    P = X @ W + b
    dP = 2 * (P - y) / P.size
    return W - learning_rate * X.T @ dP / len(X), b - learning_rate * dP.sum(axis=0)


def _bias_averaged(W, b, X, y, learning_rate):
    P = X @ W + b
    dP = 2 * (P - y) / P.size
    return W - learning_rate * X.T @ dP, b - learning_rate * dP.mean(axis=0)


def test_sgd_step_reference_passes_on_many_fresh_checks():
    q = backprop.sgd_step
    assert_passes_repeatedly(q, times=30)
    assert_correct(q, _step())


@pytest.mark.parametrize("wrong, fragment", [
    (_step(sign=1.0), "up"),
    (_step(divide="one"), "as large as the batch"),
    (_step(divide="n"), "batch size n only"),     # the same as P.size for one output only
    (_step(divide="k"), "number of outputs only"),
    (_step(scale=0.5), "half"),
    (_step(update_b=False), "bias unchanged"),
    (_step(lr=0.1), "ignores that argument"),     # a hard-coded learning rate
    (lambda W, b, X, y, lr: (W, b), "unchanged"),
    (lambda W, b, X, y, lr: _step()(W, b, X, y, lr)[::-1], "wrong order"),
    (lambda W, b, X, y, lr: (_step()(W, b, X, y, lr)[0] + 0j, b), "complex"),
    (_twice_divided, "divided by the batch size twice"),
    (_bias_averaged, "averages dP"),
])
def test_sgd_step_catalogue(wrong, fragment):
    assert_mistake_caught(backprop.sgd_step, wrong, fragment, repeats=5)


def test_sgd_step_trials_have_several_outputs_and_vary_the_learning_rate():
    seen = []

    def spy(W, b, X, y, learning_rate):
        seen.append((y.shape[1], learning_rate, len(X)))
        return backprop._sgd_step(W, b, X, y, learning_rate)
    backprop.sgd_step.check(spy)
    assert sum(k > 1 for k, _, _ in seen) >= 2
    assert len({lr for _, lr, _ in seen}) == len(seen) and len({n for _, _, n in seen}) > 1


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
def test_pick_learning_rate_trains_the_chapters_network():
    q = backprop.pick_learning_rate
    X, y, net = q.problem()
    assert list(net.layer_sizes) == [1, 8, 8, 1] and "1-8-8-1" in q.prompt
    assert X.shape == (200, 1) and abs(X.mean()) < 1e-12
    result = assert_correct(q)
    assert "below 0.04" in result.message
    assert_correct(q, 0.05)
    assert_correct(q, np.float32(0.1))
    edge = assert_correct(q, 0.3)
    assert "close to the edge" in edge.message


@pytest.mark.parametrize("rate, fragment", [
    (0.001, "too small"),
    (0.01, "too small"),
    (0.5, "diverged"),
    (3.0, "diverged"),
    (-0.1, "positive"),
    (0, "positive"),
    ("0.1", "one number"),
    ([0.1], "one number"),
    (True, "one number"),
    (0.1 + 0j, "complex"),
    (float("nan"), "NaN"),
    (float("inf"), "infinite"),
])
def test_pick_learning_rate_catalogue(rate, fragment):
    assert_mistake_caught(backprop.pick_learning_rate, rate, fragment)


# --------------------------------------------------------------------------- reverse_mode
def test_reverse_mode_reveals_model_answer():
    result = assert_correct(backprop.reverse_mode, "Reverse mode needs one pass per output.")
    assert "one pass per" in result.details
    assert_unattempted(backprop.reverse_mode, "")
