"""Every loss of the table: gradients against central differences (plain and fused forms),
values against scikit-learn's metrics, and numerical safety at +-1e4."""
import warnings

import numpy as np
import pytest
from sklearn.metrics import log_loss, mean_absolute_error, mean_squared_error

from mlpcourse.activations import ACTIVATIONS
from mlpcourse.gradcheck import numerical_gradient, relative_error
from mlpcourse.losses import LOSSES, REQUIRED_OUTPUT, get_loss

FUSED = [name for name, loss in LOSSES.items() if loss.fused_activation]


def _targets_and_predictions(name, seed=0, n=6, k=3):
    """Targets y and predictions p in the loss's domain (probabilities for cross-entropy)."""
    rng = np.random.default_rng(seed)
    if name == "binary_crossentropy":
        return rng.integers(0, 2, (n, k)).astype(float), rng.uniform(0.05, 0.95, (n, k))
    if name == "categorical_crossentropy":
        y = np.eye(k)[rng.integers(0, k, n)]
        return y, ACTIVATIONS["softmax"].forward(rng.normal(size=(n, k)))
    y, p = rng.normal(size=(n, k)), rng.normal(size=(n, k))
    p[np.abs(p - y) < 1e-3] += 0.1                 # away from mae's kink
    p[np.abs(np.abs(p - y) - 1) < 1e-3] += 0.1     # and huber's
    return y, p


@pytest.mark.parametrize("name", LOSSES)
def test_gradient_matches_central_differences(name):
    loss = LOSSES[name]
    y, p = _targets_and_predictions(name)
    numeric = numerical_gradient(lambda: loss.value(y, p), p)
    assert relative_error(loss.gradient(y, p), numeric) < 1e-6


@pytest.mark.parametrize("name", FUSED)
def test_fused_form_matches_loss_of_activation_and_its_gradient(name):
    loss = LOSSES[name]
    act = ACTIVATIONS[loss.fused_activation]
    y, _ = _targets_and_predictions(name, seed=1)
    z = np.random.default_rng(2).normal(0, 3, y.shape)
    assert loss.fused_value(y, z) == pytest.approx(loss.value(y, act.forward(z)), rel=1e-12)
    numeric = numerical_gradient(lambda: loss.fused_value(y, z), z)
    assert relative_error(loss.fused_gradient(y, z, act.forward(z)), numeric) < 1e-6


def test_required_output_activations_are_the_fused_ones():
    assert REQUIRED_OUTPUT == {name: LOSSES[name].fused_activation for name in FUSED}


def test_mse_and_mae_match_scikit_learn():
    y, p = _targets_and_predictions("mse", seed=3)
    # mean over ALL elements, as PyTorch and Keras define it (sklearn's uniform average)
    assert LOSSES["mse"].value(y, p) == pytest.approx(mean_squared_error(y, p), rel=1e-12)
    assert LOSSES["mae"].value(y, p) == pytest.approx(mean_absolute_error(y, p), rel=1e-12)


def test_huber_by_hand():
    y = np.array([[0.0, 0.0, 0.0, 0.0]])
    p = np.array([[0.5, -2.0, 3.0, -0.25]])
    # 0.5 * 0.25 = 0.125;  1 * (2 - 0.5) = 1.5;  1 * (3 - 0.5) = 2.5;  0.5 * 0.0625 = 0.03125
    assert LOSSES["huber"].value(y, p) == pytest.approx((0.125 + 1.5 + 2.5 + 0.03125) / 4)
    np.testing.assert_allclose(LOSSES["huber"].gradient(y, p), [[0.125, -0.25, 0.25, -0.0625]])


def test_cross_entropies_match_log_loss():
    rng = np.random.default_rng(4)
    labels = np.array([0, 1, 2, 1, 0, 2, 2])
    P = ACTIVATIONS["softmax"].forward(rng.normal(size=(7, 3)))
    assert LOSSES["categorical_crossentropy"].value(np.eye(3)[labels], P) == pytest.approx(
        log_loss(labels, P), rel=1e-12)
    yb = np.array([0, 1, 1, 0, 1]).reshape(-1, 1).astype(float)
    pb = rng.uniform(0.01, 0.99, (5, 1))
    assert LOSSES["binary_crossentropy"].value(yb, pb) == pytest.approx(
        log_loss(yb.ravel(), pb.ravel()), rel=1e-12)


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_finite_and_warning_free_at_1e4(name, dtype):
    z = np.array([[-1e4, -30.0, 0.0, 30.0, 1e4]] * 2, dtype=dtype)
    y = np.array([[0, 1, 0, 1, 1], [1, 0, 1, 0, 0]], dtype=dtype)
    if name == "categorical_crossentropy":
        y = y / y.sum(axis=1, keepdims=True)
    loss = LOSSES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outputs = [z]
        if loss.fused_activation:
            outputs = [ACTIVATIONS[loss.fused_activation].forward(z)]
            value = loss.fused_value(y, z)
            grad = loss.fused_gradient(y, z, outputs[0])
            assert np.isfinite(value) and np.all(np.isfinite(grad)) and grad.dtype == z.dtype
        for p in outputs:
            value, grad = loss.value(y, p), loss.gradient(y, p)
            assert np.isfinite(value), (name, value)
            assert np.all(np.isfinite(grad)) and grad.dtype == z.dtype, (name, grad)


def test_unknown_loss_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown loss 'cross_entropy'") as info:
        get_loss("cross_entropy")
    for name in LOSSES:
        assert name in str(info.value)
    assert get_loss(LOSSES["mse"]) is LOSSES["mse"]
