"""The experiment exercises of "Initializing the weights": per-layer weight gradients, the
prediction of their ratio, and the largest He scale that trains 30 layers."""
import numpy as np
import pytest

from mlpcourse.datasets import sine
from mlpcourse.exercises import ____
from mlpcourse.exercises import initialization as ex
from mlpcourse.exercises.testing import (assert_correct, assert_error, assert_mistake_caught,
                                         assert_unattempted)
from mlpcourse.signal import scaled
from mlpcourse.stacked import StackedMLP
from mlpcourse.updates import update_statistics


def _grads(net, X, y):
    return net.backward(net.forward_trace(X), y, loss="mse")


def learner_right(net, X, y):               # written the way a learner would
    grads = net.gradients(X, y)[1]
    return [float(np.sqrt((g ** 2).mean())) for g in grads]


# --------------------------------------------------------------------- weight_grad_rms
def test_weight_grad_rms_reference_and_a_learner_version_pass_every_time():
    for _ in range(20):
        assert_correct(ex.weight_grad_rms)
        assert ex.weight_grad_rms.check(learner_right).status == "correct"


WRONG_WEIGHT_GRADS = [
    (lambda net, X, y: [np.sqrt(np.mean(d ** 2)) for d in _grads(net, X, y).deltas], "delta_l"),
    (lambda net, X, y: [np.sqrt(np.mean(a ** 2)) for a in _grads(net, X, y).activation_grads],
     "dL/dA"),
    (lambda net, X, y: [g.std() for g in _grads(net, X, y).weight_grads], "standard deviation"),
    (lambda net, X, y: [np.linalg.norm(g) for g in _grads(net, X, y).weight_grads],
     "sum* of squares"),
    (lambda net, X, y: [np.sqrt(np.mean(g ** 2)) for g in _grads(net, X, y).weight_grads][::-1],
     "reverse order"),
    (lambda net, X, y: [np.abs(g).mean() for g in _grads(net, X, y).weight_grads],
     "mean absolute value"),
    (lambda net, X, y: [np.sqrt(np.mean(np.concatenate([g.ravel(), b]) ** 2))
                        for g, b in zip(_grads(net, X, y).weight_grads, _grads(net, X, y).bias_grads)],
     "bias gradients"),
    (lambda net, X, y: [np.sqrt(np.mean(g ** 2)) for g in _grads(net, X, y).weight_grads[:-1]],
     "output layer"),
]


@pytest.mark.parametrize("wrong, fragment", WRONG_WEIGHT_GRADS)
def test_weight_grad_rms_names_each_plausible_slip(wrong, fragment):
    assert_mistake_caught(ex.weight_grad_rms, wrong, fragment)


def test_weight_grad_rms_other_wrong_answers_are_refused():
    def with_mae(net, X, y):
        g = net.backward(net.forward_trace(X), y, loss="mae")
        return [np.sqrt(np.mean(w ** 2)) for w in g.weight_grads]

    def max_abs(net, X, y):
        return [np.abs(w).max() for w in _grads(net, X, y).weight_grads]

    def hard_coded_three_layers(net, X, y):
        return np.ones(3)

    for wrong in (with_mae, max_abs, hard_coded_three_layers):
        assert ex.weight_grad_rms.check(wrong).status == "incorrect"
    assert ex.weight_grad_rms.check(_grads(*ex._network_trial()(np.random.default_rng(0)).values())
                                    ).status == "incorrect"          # a value, not a function


def test_weight_grad_rms_unattempted_and_errors():
    def placeholder(net, X, y):
        return ____

    def broken(net, X, y):
        return net.weight_gradients(X)

    assert_unattempted(ex.weight_grad_rms, placeholder)
    assert_error(ex.weight_grad_rms, broken, "AttributeError")


# --------------------------------------------------------------------- weight_grad_ratio
@pytest.mark.parametrize("choice, fragment", [
    ("a", "That is what dL/dA does"), ("c", "neither factor wins"),
    ("d", "opposite directions"), ("e", "not one of the options"), ("2**-15", "not one of")])
def test_weight_grad_ratio_explains_each_wrong_prediction(choice, fragment):
    assert_mistake_caught(ex.weight_grad_ratio, choice, fragment)


def test_weight_grad_ratio_answer_is_what_the_measurement_gives():
    assert_correct(ex.weight_grad_ratio)
    u = update_statistics("glorot_uniform", "relu", depth=30, width=100, seed=0)
    ratio = u.weight_grad_rms[0] / u.weight_grad_rms[29]
    assert 0.1 < ratio < 10                     # option (b), not 2**-15 or 2**15
    assert u.weight_grad_rms[0] == pytest.approx(3.5e-7, rel=0.05)   # quoted in the answer
    assert u.weight_grad_rms[29] == pytest.approx(1.3e-7, rel=0.05)


# --------------------------------------------------------------------- largest_he_scale
@pytest.mark.parametrize("answer, fragment", [
    (1.0, "not the largest"), (0.9, "so do larger"), (0.8, "stuck near the mean"),
    (1.08, "most seeds diverge"), (1.2, "every seed diverges in epoch 1"),
    (1.5, "chapter's example"), (1.05, "not one of the scales"), (True, "real number"),
    (1.04 + 0j, "real number"), (float("nan"), "not a scale"), ("1.04", "text")])
def test_largest_he_scale_refuses_each_wrong_answer(answer, fragment):
    assert_mistake_caught(ex.largest_he_scale, answer, fragment)


def test_largest_he_scale_accepts_the_answer_in_any_numeric_type():
    for answer in (1.04, np.float32(1.04), np.float64(1.04)):
        assert ex.largest_he_scale.check(answer).status == "correct"
    assert_unattempted(ex.largest_he_scale, ____)


def _trains(scale, x, y):
    setup = ex.DEEP_SETUP
    nets = StackedMLP.from_seeds([1] + [setup["width"]] * setup["depth"] + [1],
                                 range(setup["seeds"]), activation="relu",
                                 init=scaled("he_normal", scale))
    histories = nets.fit(x, y, epochs=setup["epochs"], batch_size=setup["batch_size"],
                         learning_rate=setup["learning_rate"], optimizer=setup["optimizer"],
                         seed=0)
    return all(h.diverged is None and h.loss[-1] < 0.5 * y.var() for h in histories)


def test_largest_he_scale_answer_is_measured_not_assumed():
    X, y = sine(n_samples=ex.DEEP_SETUP["n_samples"], noise=0.1, seed=0)
    x = (X - X.mean()) / X.std()
    verdicts = {s: _trains(s, x, y) for s in (0.8, 1.0, 1.04, 1.08, 1.2)}
    assert verdicts == {0.8: False, 1.0: True, 1.04: True, 1.08: False, 1.2: False}
    assert ex.largest_he_scale.answer == max(s for s, ok in verdicts.items() if ok)
