"""Tests of the regression chapter's exercises (mlpcourse/exercises/regression.py).

For each exercise: the reference answer passes, typical mistakes fail with the intended
message, the placeholder reports "unattempted"; the references agree with mlpcourse.
"""
import numpy as np
import pytest
from sklearn.neural_network import MLPRegressor as SklearnMLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from mlpcourse.estimators import MLPRegressor
from mlpcourse.exercises import ____, regression
from mlpcourse.exercises.regression import (
    beat_the_baseline, box_iou, huber_loss, mse_gradient, outlier_pull, output_design,
)
from mlpcourse.exercises.testing import (
    assert_correct, assert_error, assert_mistake_caught, assert_unattempted, assert_well_formed,
    questions_in,
)
from mlpcourse.losses import LOSSES


def test_the_six_exercises_exist_with_hints_and_solutions():
    names = [q.name for q in questions_in(regression)]
    assert names == ["output_design", "mse_gradient", "huber_loss", "box_iou",
                     "beat_the_baseline", "outlier_pull"]
    for q in questions_in(regression):
        assert_well_formed(q)
        assert q.prompt and q.chapter == "regression"


# --------------------------------------------------------------------------- output_design
def test_output_design():
    assert_correct(output_design)
    assert_correct(output_design, "b")
    assert_unattempted(output_design, ____)
    assert_mistake_caught(output_design, "a", "negative rainfall")
    assert_mistake_caught(output_design, "d", "between 0 and 1")
    assert_mistake_caught(output_design, "c", "one output neuron, not two")
    assert_mistake_caught(output_design, "z", "not one of the options")


# ---------------------------------------------------------------------------- mse_gradient
def _mse_template(y, p):
    return ____, ____       # the notebook's placeholder cell


def test_mse_gradient_reference_agrees_with_the_package():
    assert_correct(mse_gradient)
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=(7, 2)), rng.normal(size=(7, 2))
    value, grad = mse_gradient.reference(y, p)
    assert value == pytest.approx(LOSSES["mse"].value(y, p))
    np.testing.assert_allclose(grad, LOSSES["mse"].gradient(y, p))
    assert_unattempted(mse_gradient, ____)
    assert_unattempted(mse_gradient, _mse_template)


def _naive_broadcast(y, p):
    r = p - y
    return np.mean(r ** 2), 2 * r / r.size


def _sum(y, p):
    r = p - y.reshape(p.shape)
    return np.sum(r ** 2), 2 * r


def _half(y, p):
    r = p - y.reshape(p.shape)
    return np.mean(r ** 2), r / r.size


def _sign(y, p):
    r = y.reshape(p.shape) - p
    return np.mean(r ** 2), 2 * r / r.size


def _per_sample(y, p):
    r = p - y.reshape(p.shape)
    return np.sum(r ** 2) / len(r), 2 * r / len(r)


def _inplace(y, p):
    p -= y.reshape(p.shape)
    return np.mean(p ** 2), 2 * p / p.size


@pytest.mark.parametrize("answer, fragment", [
    (_naive_broadcast, "(n, n) matrix"),
    (_sum, "summed the squared errors"),
    (_half, "factor 2"),
    (_sign, "wrong way"),
    (_per_sample, "number of samples n only"),
    (_inplace, "in place"),
])
def test_mse_gradient_mistakes(answer, fragment):
    assert_mistake_caught(mse_gradient, answer, fragment)


def test_mse_gradient_learner_error_is_reported():
    def broken(y, p):
        return np.mean((p - y) ** 2), undefined_name  # noqa: F821
    assert_error(mse_gradient, broken, "NameError")


# ------------------------------------------------------------------------------ huber_loss
def _huber_template(y, p, delta):
    return ____


def _huber_right(y, p, delta):
    a = np.abs(p - y)
    return np.mean(np.where(a <= delta, 0.5 * a ** 2, delta * (a - 0.5 * delta)))


def test_huber_loss():
    assert_correct(huber_loss)
    assert_correct(huber_loss, _huber_right)
    assert_unattempted(huber_loss, ____)
    assert_unattempted(huber_loss, _huber_template)


def _huber_no_half(y, p, delta):
    a = np.abs(p - y)
    return np.mean(np.where(a <= delta, a ** 2, delta * (a - 0.5 * delta)))


def _huber_jump(y, p, delta):
    a = np.abs(p - y)
    return np.mean(np.where(a <= delta, 0.5 * a ** 2, delta * a))


def _huber_swapped(y, p, delta):
    a = np.abs(p - y)
    return np.mean(np.where(a > delta, 0.5 * a ** 2, delta * (a - 0.5 * delta)))


def _huber_fixed_delta(y, p, delta):
    a = np.abs(p - y)
    return np.mean(np.where(a <= 1, 0.5 * a ** 2, a - 0.5))


def _huber_sum(y, p, delta):
    a = np.abs(p - y)
    return np.sum(np.where(a <= delta, 0.5 * a ** 2, delta * (a - 0.5 * delta)))


@pytest.mark.parametrize("answer, fragment", [
    (_huber_no_half, "factor 1/2"),
    (_huber_jump, "jumps at |r| = delta"),
    (_huber_swapped, "swapped"),
    (_huber_fixed_delta, "ignores `delta`"),
    (_huber_sum, "summed"),
])
def test_huber_loss_mistakes(answer, fragment):
    assert_mistake_caught(huber_loss, answer, fragment)


# --------------------------------------------------------------------------------- box_iou
def _iou_template(box_a, box_b):
    return ____


def _corners(box):
    return box[:, :2] - box[:, 2:] / 2, box[:, :2] + box[:, 2:] / 2


def _iou_right(box_a, box_b):
    (lo_a, hi_a), (lo_b, hi_b) = _corners(box_a), _corners(box_b)
    side = np.clip(np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b), 0, None)
    inter = side[:, 0] * side[:, 1]
    return inter / (box_a[:, 2] * box_a[:, 3] + box_b[:, 2] * box_b[:, 3] - inter)


def test_box_iou():
    assert_correct(box_iou)
    assert_correct(box_iou, _iou_right)
    assert_unattempted(box_iou, ____)
    assert_unattempted(box_iou, _iou_template)


def _iou_no_clip(box_a, box_b):
    (lo_a, hi_a), (lo_b, hi_b) = _corners(box_a), _corners(box_b)
    side = np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b)
    inter = side[:, 0] * side[:, 1]
    return inter / (box_a[:, 2] * box_a[:, 3] + box_b[:, 2] * box_b[:, 3] - inter)


def _iou_corner(box_a, box_b):
    lo_a, hi_a = box_a[:, :2], box_a[:, :2] + box_a[:, 2:]
    lo_b, hi_b = box_b[:, :2], box_b[:, :2] + box_b[:, 2:]
    side = np.clip(np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b), 0, None)
    inter = side[:, 0] * side[:, 1]
    return inter / (box_a[:, 2] * box_a[:, 3] + box_b[:, 2] * box_b[:, 3] - inter)


def _iou_no_minus(box_a, box_b):
    (lo_a, hi_a), (lo_b, hi_b) = _corners(box_a), _corners(box_b)
    side = np.clip(np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b), 0, None)
    return side[:, 0] * side[:, 1] / (box_a[:, 2] * box_a[:, 3] + box_b[:, 2] * box_b[:, 3])


def _iou_intersection(box_a, box_b):
    (lo_a, hi_a), (lo_b, hi_b) = _corners(box_a), _corners(box_b)
    side = np.clip(np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b), 0, None)
    return side[:, 0] * side[:, 1]


@pytest.mark.parametrize("answer, fragment", [
    (_iou_no_clip, "clip each overlap length at 0"),
    (_iou_corner, "top-left corner"),
    (_iou_no_minus, "minus the intersection"),
    (_iou_intersection, "divide it by the area of the union"),
])
def test_box_iou_mistakes(answer, fragment):
    assert_mistake_caught(box_iou, answer, fragment)


# ----------------------------------------------------------------------- beat_the_baseline
def test_beat_the_baseline_reference_passes():
    result = assert_correct(beat_the_baseline)
    assert "below the target 60" in result.message
    assert_unattempted(beat_the_baseline, ____)


@pytest.mark.parametrize("model, fragment", [
    (MLPRegressor(random_state=0), "regressor alone"),
    (make_pipeline(MLPRegressor(random_state=0)), "no scaling step"),
    (make_pipeline(StandardScaler(), SklearnMLPRegressor()), "the course's own"),
    (make_pipeline(StandardScaler(), MLPRegressor(random_state=0)), "above the target 60"),
    (StandardScaler(), "last step must be"),
])
def test_beat_the_baseline_mistakes(model, fragment):
    assert_mistake_caught(beat_the_baseline, model, fragment)


def test_beat_the_baseline_sets_missing_random_state_and_does_not_fit_the_given_model():
    model = make_pipeline(StandardScaler(), MLPRegressor(hidden_layer_sizes=(8,),
                                                         learning_rate=0.003, epochs=100))
    result = beat_the_baseline.check(model)
    assert "random_state=0" in result.details
    assert not hasattr(model.steps[-1][1], "coefs_")     # the learner's object is untouched


def test_beat_the_baseline_diverging_training_is_explained():
    model = make_pipeline(StandardScaler(), MLPRegressor(optimizer="sgd", learning_rate=50.0,
                                                         epochs=5, random_state=0))
    result = beat_the_baseline.check(model)
    assert result.status in ("incorrect", "error")
    assert "learning rate" in (result.message + result.details).lower() or \
        "diverged" in (result.message + result.details).lower()


# ---------------------------------------------------------------------------- outlier_pull
def test_outlier_pull_reveals_the_model_answer():
    assert_correct(outlier_pull)
    assert_unattempted(outlier_pull, ____)
    result = outlier_pull.check("the squared error weights big residuals more")
    assert "median" in result.details
