"""Tests of the regression chapter's exercises (mlpcourse/exercises/regression.py).

For each exercise: the reference answer passes, typical mistakes fail with the intended
message, the placeholder reports "unattempted"; the references agree with mlpcourse.
"""
import numpy as np
import pytest
from sklearn.neural_network import MLPRegressor as SklearnMLPRegressor
from sklearn.linear_model import LinearRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from mlpcourse.estimators import MLPRegressor
from mlpcourse.exercises import ____, regression
from mlpcourse.exercises.regression import (
    beat_the_baseline, box_iou, huber_loss, mse_gradient, outlier_pull, output_design,
)
from mlpcourse.exercises.testing import (
    assert_correct, assert_error, assert_mistake_caught, assert_passes_repeatedly,
    assert_unattempted, assert_well_formed, questions_in,
)
from mlpcourse.losses import LOSSES


def test_the_six_exercises_exist_with_hints_and_solutions():
    names = [q.name for q in questions_in(regression)]
    assert names[:6] == ["output_design", "mse_gradient", "huber_loss", "box_iou",
                         "beat_the_baseline", "outlier_pull"]
    for q in questions_in(regression):
        assert_well_formed(q)
        assert q.prompt and q.chapter == "regression"


# --------------------------------------------------------------------------- output_design
def test_output_design():
    assert_correct(output_design)
    assert_correct(output_design, "b")
    assert_correct(output_design, " B ")
    assert_unattempted(output_design, ____)


@pytest.mark.parametrize("answer, fragment", [
    ("a", "negative rainfall"),
    ("d", "between 0 and 1"),
    ("c", "one output neuron, not two"),
    ("z", "not one of the options"),
    (["a", "b"], "exactly one"),
    (2, "not one of the options"),
    ("softplus", "not one of the options"),
])
def test_output_design_catalogue(answer, fragment):
    assert_mistake_caught(output_design, answer, fragment)


# ---------------------------------------------------------------------------- mse_gradient
def _mse_template(y, p):
    return ____, ____       # the notebook's placeholder cell


def test_mse_gradient_reference_agrees_with_the_package():
    assert_passes_repeatedly(mse_gradient, times=20)
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=(7, 2)), rng.normal(size=(7, 2))
    value, grad = mse_gradient._reference(y, p)
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
    (lambda y, p: _right_mse(y, p)[::-1], "wrong order: you returned (grad, loss)"),
    (lambda y, p: (np.mean((p - y.reshape(p.shape)) ** 2, axis=0), _right_mse(y, p)[1]),
     "`loss` holds the right numbers but has shape (1,)"),
    (lambda y, p: (_right_mse(y, p)[0] + 0j, _right_mse(y, p)[1]), "`loss` is complex"),
    (lambda y, p: (_right_mse(y, p)[0], 2 * (p - y.reshape(p.shape)) / 4), "`grad`"),  # fixed n
])
def test_mse_gradient_mistakes(answer, fragment):
    assert_mistake_caught(mse_gradient, answer, fragment, repeats=3)


def _right_mse(y, p):
    r = p - np.reshape(y, p.shape)
    return float(np.mean(r ** 2)), 2 * r / r.size


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
    assert_passes_repeatedly(huber_loss, times=20)
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
    (lambda y, p, delta: _huber_right(y, p, 0.5), "ignores that argument"),  # another constant
    (lambda y, p, delta: _huber_right(y, p, delta) + 0j, "complex"),
    (lambda y, p, delta: np.mean(np.where(np.abs(p - y) <= delta, 0.5 * (p - y) ** 2,
                                          delta * (p - y - 0.5 * delta))), "not the expected"),
    (lambda y, p, delta: np.mean(0.5 * (p - y) ** 2), ""),     # the halved MSE
])
def test_huber_loss_mistakes(answer, fragment):
    assert_mistake_caught(huber_loss, answer, fragment, repeats=3)


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
    assert_passes_repeatedly(box_iou, times=20)
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


def _iou_looped(box_a, box_b):
    """Right, but one box at a time: the prompt asks for whole-array operations."""
    out = np.zeros(len(box_a))
    for i in range(len(box_a)):
        (ax, ay, aw, ah), (bx, by, bw, bh) = box_a[i], box_b[i]
        w = max(0.0, min(ax + aw / 2, bx + bw / 2) - max(ax - aw / 2, bx - bw / 2))
        h = max(0.0, min(ay + ah / 2, by + bh / 2) - max(ay - ah / 2, by - bh / 2))
        out[i] = w * h / (aw * ah + bw * bh - w * h)
    return out


def _iou_comprehension(box_a, box_b):
    return np.array([_iou_right(box_a[i:i + 1], box_b[i:i + 1])[0] for i in range(len(box_a))])


@pytest.mark.parametrize("answer, fragment", [
    (_iou_no_clip, "clip each overlap length at 0"),
    (_iou_corner, "top-left corner"),
    (_iou_no_minus, "minus the intersection"),
    (_iou_intersection, "divide it by the area of the union"),
    (_iou_looped, "loops over the boxes in Python"),
    (_iou_comprehension, "loops over the boxes in Python"),
    (lambda a, b: _iou_right(a, b) + 0j, "complex"),
    (lambda a, b: _iou_right(a, b)[:, None], "flat shape"),
])
def test_box_iou_mistakes(answer, fragment):
    assert_mistake_caught(box_iou, answer, fragment, repeats=3)


# ----------------------------------------------------------------------- beat_the_baseline
def test_beat_the_baseline_target_is_stated_against_a_measured_baseline():
    base = beat_the_baseline.baseline_score()
    assert base == pytest.approx(58.0, abs=0.05)                    # what the prompt says
    assert "58.0" in beat_the_baseline.prompt and "below 57" in beat_the_baseline.prompt
    assert beat_the_baseline.target <= base - 1.0                   # beat it clearly
    result = assert_correct(beat_the_baseline)
    assert "linear regression (standardized features) scores 58.0" in result.message
    assert_unattempted(beat_the_baseline, ____)


def _mlp(**params):
    return make_pipeline(StandardScaler(), MLPRegressor(**params))


class _Wrapped(MLPRegressor):
    """A subclass that could hide any model behind the right name."""


@pytest.mark.parametrize("model, fragment", [
    (MLPRegressor(random_state=0), "regressor alone"),
    (make_pipeline(MLPRegressor(random_state=0)), "no scaling step"),
    (make_pipeline(StandardScaler(), SklearnMLPRegressor()), "the course's own"),
    (_mlp(random_state=0), "the target is below 57"),                   # the defaults overfit
    (StandardScaler(), "last step must be"),
    (make_pipeline(StandardScaler(), LinearRegression()), "not LinearRegression"),  # not an MLP
    (_mlp(hidden_layer_sizes=()), "no hidden layer"),                   # linear regression
    (_mlp(activation="identity", l2=0.03, learning_rate=0.003, epochs=100), "linear regression in disguise"),
    (make_pipeline(StandardScaler(), PolynomialFeatures(2), MLPRegressor()), "PolynomialFeatures step"),
    (make_pipeline(StandardScaler(), _Wrapped()), "itself, not _Wrapped"),
    (_mlp(hidden_layer_sizes=(8,), learning_rate=0.003, epochs=100), "59.7"),  # as good as linear
])
def test_beat_the_baseline_catalogue(model, fragment):
    assert_mistake_caught(beat_the_baseline, model, fragment)


def test_beat_the_baseline_fits_with_several_seeds_and_leaves_the_given_model_alone():
    model = _mlp(hidden_layer_sizes=(16,), learning_rate=0.003, epochs=100, l2=0.03,
                 random_state=123)
    result = assert_correct(beat_the_baseline, model)
    assert "random_state 0, 1, 2" in result.message
    assert not hasattr(model.steps[-1][1], "coefs_")     # the learner's object is untouched
    assert model.steps[-1][1].random_state == 123


def test_beat_the_baseline_diverging_or_endless_training_is_explained():
    result = beat_the_baseline.check(_mlp(optimizer="sgd", learning_rate=50.0, epochs=5))
    assert result.status in ("incorrect", "error")
    text = (result.message + result.details).lower()
    assert "learning rate" in text or "diverged" in text
    before = beat_the_baseline.time_limit
    beat_the_baseline.time_limit = 0.5
    try:
        assert_mistake_caught(beat_the_baseline, _mlp(epochs=100_000), "longer than 0.5 seconds")
    finally:
        beat_the_baseline.time_limit = before


# ---------------------------------------------------------------------------- outlier_pull
def test_outlier_pull_reveals_the_model_answer():
    assert_correct(outlier_pull)
    assert_unattempted(outlier_pull, ____)
    result = outlier_pull.check("the squared error weights big residuals more")
    assert "median" in result.details
