"""The backprop capstone (mlp_backward, mlp_train): the references pass on every fresh draw,
and a catalogue of plausible wrong answers, written as a learner would, is refused with the
message that names each slip."""
import numpy as np
import pytest

from mlpcourse.exercises import ____, backprop
from mlpcourse.exercises._capstone import (example, fresh_trials, new_rng, numerical_backward,
                                           reference_backward)
from mlpcourse.exercises.testing import (args, assert_correct, assert_error,
                                         assert_mistake_caught, assert_unattempted)

QB, QT = backprop.mlp_backward, backprop.mlp_train


def _step(params, grads, learning_rate):
    return [p - learning_rate * g for p, g in zip(params, grads)]


def learner_backward(divide="size", two=2.0, slope="a", order="right", db="sum",
                     transpose_dw1=False, dw1_input="X", dtype=None, sign=1.0):
    """A backward pass written the way a learner would, with one thing changed."""
    def backward(X, Y, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        A1 = np.tanh(Z1)
        P = A1 @ W2 + b2
        count = {"size": P.size, "n": len(X)}[divide]
        dP = sign * two * (P - Y) / count
        dW2 = A1.T @ dP
        db2 = dP.sum(axis=0) if db == "sum" else (dP.mean(axis=0) if db == "mean" else dP)
        dA1 = dP @ W2.T
        dZ1 = dA1 * {"a": 1 - A1 ** 2, "z": 1 - Z1 ** 2, "none": 1}[slope]
        source = X if dw1_input == "X" else A1
        dW1 = dZ1.T @ source if transpose_dw1 else source.T @ dZ1
        db1 = dZ1.sum(axis=0) if db == "sum" else (dZ1.mean(axis=0) if db == "mean" else dZ1)
        grads = (dW1, db1, dW2, db2)
        if dtype is not None:
            grads = tuple(np.asarray(g, dtype=dtype) for g in grads)
        return grads if order == "right" else (dW2, db2, dW1, db1)
    return backward


# ------------------------------------------------------------------------ the reference
def test_reference_agrees_with_finite_differences_on_every_corner_case():
    for seed, trial in fresh_trials(np.random.default_rng(5)):
        for ours, numeric in zip(reference_backward(**trial), numerical_backward(**trial)):
            np.testing.assert_allclose(ours, numeric, rtol=1e-5, atol=1e-8)


def test_reference_passes_on_many_fresh_draws():
    for _ in range(25):
        assert_correct(QB)


def test_training_reference_passes_on_many_fresh_draws():
    for _ in range(6):
        result = assert_correct(QT)
        assert "best straight line" in result.message


def test_trials_are_fresh_for_every_check_and_cover_the_corner_cases():
    first, second = fresh_trials(new_rng()), fresh_trials(new_rng())
    assert [s for s, _ in first] != [s for s, _ in second]
    shapes = [(t["X"].shape[0], t["W1"].shape, t["W2"].shape) for _, t in first]
    assert any(k >= 2 for _, _, (_, k) in shapes)              # several output columns
    assert any(n == 1 for n, _, _ in shapes)                    # a batch of one
    assert any(w1[0] == w1[1] == w2[1] for _, w1, w2 in shapes)  # square matrices
    assert any(k == 1 for _, _, (_, k) in shapes)               # one output column
    saturated = max(np.mean(np.abs(t["X"] @ t["W1"] + t["b1"]) > 2) for _, t in first)
    assert saturated > 0.3                                      # tanh far from linear


def test_example_rebuilds_the_trial_named_in_a_failure():
    a, b = example(123, n=4, d=2, h=3, k=2), example(123, n=4, d=2, h=3, k=2)
    assert all(np.array_equal(a[name], b[name]) for name in a)
    assert a["W1"].shape == (2, 3) and a["Y"].shape == (4, 2)


# ------------------------------------------------------------------------ mlp_backward
@pytest.mark.parametrize("wrong, fragment", [
    (learner_backward(divide="n"), "number of samples n"),
    (learner_backward(two=1.0), "half the right size"),
    (learner_backward(slope="z"), "1 - z1**2"),
    (learner_backward(slope="none"), "skip tanh"),
    (learner_backward(db="mean"), "average over the samples"),
    (learner_backward(dw1_input="A1"), "value entering"),
    (learner_backward(sign=-1.0), "wrong sign"),
    (learner_backward(transpose_dw1=True), "transpose of the right shape"),
    (learner_backward(db="none"), "one row per sample"),
    (learner_backward(order="swapped"), "wrong order"),
    (learner_backward(dtype=complex), "complex"),
])
def test_plausible_wrong_backward_passes_are_named(wrong, fragment):
    assert_mistake_caught(QB, wrong, fragment)


def test_wrong_type_and_value_answers_are_refused():
    def nan_grads(X, Y, W1, b1, W2, b2):
        grads = list(reference_backward(X, Y, W1, b1, W2, b2))
        grads[1] = grads[1] * np.nan
        return tuple(grads)

    def three_values(X, Y, W1, b1, W2, b2):
        return reference_backward(X, Y, W1, b1, W2, b2)[:3]

    def forgot_return(X, Y, W1, b1, W2, b2):
        reference_backward(X, Y, W1, b1, W2, b2)

    def strings(X, Y, W1, b1, W2, b2):
        return tuple(np.asarray(g).astype(str) for g in reference_backward(X, Y, W1, b1, W2, b2))

    assert_mistake_caught(QB, nan_grads, "nan or infinity")
    assert_mistake_caught(QB, three_values, "must return 4 arrays")
    assert_mistake_caught(QB, forgot_return, "forget the `return`")
    assert_mistake_caught(QB, strings, "real numbers")
    assert_mistake_caught(QB, 42, "pass your function itself")


def test_an_answer_fitted_to_one_output_column_is_refused():
    # right only when k = 1 (dividing by n): the trials with k >= 2 separate it
    def fits_k1(X, Y, W1, b1, W2, b2):
        return learner_backward(divide="n")(X, Y, W1, b1, W2, b2)
    result = assert_mistake_caught(QB, fits_k1, "n * k")
    assert "example(" in result.details  # the trial can be rebuilt


def test_a_forward_slip_gets_a_message_naming_output_and_trial():
    def no_bias(X, Y, W1, b1, W2, b2):  # the forward pass forgets b1
        return reference_backward(X, Y, W1, np.zeros_like(b1), W2, b2)
    result = assert_mistake_caught(QB, no_bias, "is wrong: at index")
    assert "example(" in result.details


def test_in_place_changes_errors_and_placeholders():
    def changes_y(X, Y, W1, b1, W2, b2):
        grads = reference_backward(X, Y, W1, b1, W2, b2)
        Y -= 1.0
        return grads

    def raises(X, Y, W1, b1, W2, b2):
        return X @ W2  # shapes do not match
    assert_mistake_caught(QB, changes_y, "in place")
    assert_error(QB, raises, "ValueError")

    def template(X, Y, W1, b1, W2, b2):
        return ____, ____, ____, ____
    assert_unattempted(QB, template)


def test_gradcheck_reports_a_row_per_parameter():
    report = QB.gradcheck(reference_backward)
    assert report.passed and [r[0] for r in report.rows] == ["W1", "b1", "W2", "b2"]
    assert not QB.gradcheck(learner_backward(slope="z"), seed=3).passed
    assert QB.gradcheck(lambda *a: (____, ____, ____, ____)).status == "unattempted"
    assert "transpose" in QB.gradcheck(learner_backward(transpose_dw1=True)).message


# ------------------------------------------------------------------------ mlp_train
@pytest.mark.parametrize("step, fragment", [
    (lambda params, grads, lr: [p + lr * g for p, g in zip(params, grads)],
     "gradient descent subtracts"),
    (lambda params, grads, lr: grads, "returned the gradients"),
    (lambda params, grads, lr: [p - 0.1 * g for p, g in zip(params, grads)],
     "always uses the rate 0.1"),
    (lambda params, grads, lr: [p - lr * g for p, g in zip(params[::2], grads[::2])],
     "only the weights"),
    (lambda params, grads, lr: params, "unchanged"),
    (lambda params, grads, lr: [p - lr * g / 10 for p, g in zip(params, grads)],
     "does not return p - learning_rate * g"),
    (lambda params, grads, lr: tuple(_step(params, grads, lr))[:3], "must return 4 arrays"),
])
def test_plausible_wrong_sgd_steps_are_named(step, fragment):
    assert_mistake_caught(QT, args(reference_backward, step), fragment)


def test_an_in_place_step_is_refused():
    def in_place(params, grads, lr):
        for p, g in zip(params, grads):
            p -= lr * g
        return params
    assert_mistake_caught(QT, args(reference_backward, in_place), "in place")


def test_a_wrong_backward_is_named_before_training():
    result = assert_mistake_caught(QT, args(learner_backward(slope="z"), _step),
                                   "fix `backward` first")
    assert "1 - z1**2" in result.message.lower()


def test_training_placeholders_and_errors():
    def template(params, grads, learning_rate):
        return ____
    assert_unattempted(QT, reference_backward, template)
    assert_error(QT, args(reference_backward, lambda params, grads, lr: params @ grads),
                 "TypeError")
    assert_mistake_caught(QT, args(reference_backward, "sgd"), "is not a function")
