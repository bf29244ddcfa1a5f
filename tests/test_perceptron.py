"""Tests of mlpcourse.perceptron: the TLU and Rosenblatt's learning rule."""
import warnings

import numpy as np
import pytest

from mlpcourse.datasets import gaussians, xor_table
from mlpcourse.perceptron import (Perceptron, perceptron_epoch, perceptron_update,
                                  train_perceptron, tlu)

X4, Y_XOR = xor_table()
GATES = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "nand": [1, 1, 1, 0], "nor": [1, 0, 0, 0]}


def test_tlu_is_step_of_weighted_sum():
    W, b = np.array([[1.0], [1.0]]), np.array([-1.5])       # AND by hand
    assert tlu(X4, W, b).ravel().tolist() == [0, 0, 0, 1]
    # a 1-D weight vector and a scalar bias are one unit; z = 0 gives 1 (step(0) = 1)
    assert tlu([[1.0, 0.0]], [1.0, 1.0], -1.0).tolist() == [[1.0]]
    assert tlu(X4, np.eye(2), [0.0, -0.5]).shape == (4, 2)


def test_update_worked_by_hand():
    # W = [0, 0], b = 0, x = (1, 1), y = 0: z = 0 -> y_hat = 1, error = 0 - 1 = -1,
    # so W <- W + 0.5 * (-1) * x = [-0.5, -0.5] and b <- 0 + 0.5 * (-1) = -0.5.
    W, b = perceptron_update(np.zeros((2, 1)), np.zeros(1), [1.0, 1.0], 0, learning_rate=0.5)
    np.testing.assert_array_equal(W, [[-0.5], [-0.5]])
    np.testing.assert_array_equal(b, [-0.5])
    # now z = -1 -> y_hat = 0 = y: a correct sample changes nothing
    W2, b2 = perceptron_update(W, b, [1.0, 1.0], 0, learning_rate=0.5)
    np.testing.assert_array_equal(W2, W)
    np.testing.assert_array_equal(b2, b)


def test_update_returns_new_arrays():
    W, b = np.zeros((2, 1)), np.zeros(1)
    perceptron_update(W, b, [1.0, 1.0], 0)
    assert not W.any() and not b.any()


@pytest.mark.parametrize("gate", sorted(GATES))
def test_converges_on_linearly_separable_gates(gate):
    result = train_perceptron(X4, GATES[gate], epochs=50)
    assert result.converged is not None and result.converged <= 10
    assert result.errors[-1] == 0
    assert tlu(X4, result.weights, result.bias).ravel().tolist() == GATES[gate]
    assert len(result.path) == len(result.errors) + 1


def test_and_or_known_results():
    """Deterministic from zeros, in order, eta = 1 (the numbers the chapter prints)."""
    r_and = train_perceptron(X4, GATES["and"])
    assert (r_and.weights.ravel().tolist(), r_and.bias.tolist(), r_and.converged) == \
        ([2.0, 1.0], [-3.0], 6)
    r_or = train_perceptron(X4, GATES["or"])
    assert (r_or.weights.ravel().tolist(), r_or.bias.tolist(), r_or.converged) == \
        ([1.0, 1.0], [-1.0], 4)


@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("learning_rate", [1.0, 0.1])
def test_never_converges_on_xor(shuffle, learning_rate):
    result = train_perceptron(X4, Y_XOR, epochs=200, learning_rate=learning_rate,
                              shuffle=shuffle, seed=3)
    assert result.converged is None
    assert len(result.errors) == 200 and min(result.errors) >= 1
    assert (tlu(X4, result.weights, result.bias).ravel() != Y_XOR).any()


def test_multi_output_layer_learns_gates_at_once():
    Y = np.column_stack([GATES["and"], GATES["or"], GATES["nand"]])
    result = train_perceptron(X4, Y, epochs=50)
    assert result.weights.shape == (2, 3) and result.bias.shape == (3,)
    np.testing.assert_array_equal(tlu(X4, result.weights, result.bias), Y)


def test_epoch_counts_errors_and_follows_order():
    W, b = np.zeros((2, 1)), np.zeros(1)
    _, _, n_errors = perceptron_epoch(W, b, X4, GATES["and"])
    assert n_errors == 2  # (0, 0) is wrong first (z = 0 -> 1), then (1, 1) after the update
    W1, b1, _ = perceptron_epoch(W, b, X4, GATES["and"], order=[3, 2, 1, 0])
    W2, b2, _ = perceptron_epoch(W, b, X4, GATES["and"])
    assert not (np.array_equal(W1, W2) and np.array_equal(b1, b2))


def test_shuffle_is_seeded():
    X, y = gaussians(60, noise=1.0, seed=1)
    a = train_perceptron(X, y, epochs=5, shuffle=True, seed=7)
    b = train_perceptron(X, y, epochs=5, shuffle=True, seed=7)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.errors == b.errors


@pytest.mark.parametrize("epochs", [1, 3, 10])
def test_matches_scikit_learn(epochs):
    """scikit-learn's Perceptron (eta0=1, no penalty, no shuffling) runs the same rule.

    It updates when y * z <= 0 with labels -1/+1, we when step(z) != y with labels 0/1:
    the same updates except exactly at z = 0, which a random start avoids.
    """
    from sklearn.linear_model import Perceptron as SkPerceptron
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = (X @ np.array([1.0, -2.0, 0.5]) + 0.3 + 0.5 * rng.normal(size=50) > 0).astype(int)
    W0, b0 = rng.normal(size=(3, 1)), rng.normal(size=1)
    ours = train_perceptron(X, y, epochs=epochs, W0=W0, b0=b0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning for small max_iter
        sk = SkPerceptron(max_iter=epochs, tol=None, shuffle=False, eta0=1.0).fit(
            X, y, coef_init=W0.T.copy(), intercept_init=b0.copy())
    np.testing.assert_allclose(ours.weights.T, sk.coef_, atol=1e-12)
    np.testing.assert_allclose(ours.bias, sk.intercept_, atol=1e-12)
    clf = Perceptron(epochs=epochs).fit(X, y, W0=W0, b0=b0)
    np.testing.assert_array_equal(clf.predict(X).ravel(), sk.predict(X))


def test_class_wrapper():
    clf = Perceptron(epochs=20).fit(X4, GATES["or"])
    assert clf.converged_ == 4 and clf.errors_[-1] == 0
    assert clf.decision_function(X4).shape == (4, 1)
    assert clf.predict(X4).ravel().tolist() == GATES["or"]
    assert "Perceptron(" in repr(clf)
    with pytest.raises(RuntimeError, match="fit"):
        Perceptron().predict(X4)


@pytest.mark.parametrize("call, match", [
    (lambda: train_perceptron(X4, [0, 1, 2, 1]), "only 0 and 1"),
    (lambda: train_perceptron(X4, [0, 1, 1]), "3 rows but X has 4"),
    (lambda: train_perceptron(X4[0], [0]), "2-D"),
    (lambda: train_perceptron(X4, Y_XOR, epochs=0), "epochs"),
    (lambda: train_perceptron(X4, Y_XOR, learning_rate=-1.0), "learning_rate"),
    (lambda: train_perceptron(np.array([[np.nan, 0.0]]), [0]), "NaN"),
    (lambda: tlu(X4, np.ones((3, 1)), [0.0]), r"shape \(2, n_outputs\)"),
    (lambda: tlu(X4, np.ones((2, 2)), [0.0]), r"b must have shape \(2,\)"),
    (lambda: tlu([["a", "b"]], np.ones((2, 1)), [0.0]), "numbers"),
])
def test_invalid_inputs_explain_themselves(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_perceptron_visits_replays_the_rule_one_sample_at_a_time():
    from mlpcourse.perceptron import perceptron_visits
    states = perceptron_visits(X4, GATES["and"], n_visits=24)
    assert len(states) == 25
    W0, b0 = states[0]
    assert not W0.any() and not b0.any()
    # every visit is one perceptron_update on sample (k - 1) % 4
    for k in range(1, 25):
        W, b = perceptron_update(*states[k - 1], X4[(k - 1) % 4], GATES["and"][(k - 1) % 4])
        np.testing.assert_array_equal(W, states[k][0])
        np.testing.assert_array_equal(b, states[k][1])
    # after 6 epochs the replay agrees with train_perceptron, which stops there
    result = train_perceptron(X4, GATES["and"])
    np.testing.assert_array_equal(states[24][0], result.weights)
    with pytest.raises(ValueError, match="n_visits"):
        perceptron_visits(X4, GATES["and"], n_visits=-1)
