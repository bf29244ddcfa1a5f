"""Every activation of the table: derivative and backward against central differences,
numerical safety at +-1e4, dtype preservation, and the step function's explanation."""
import warnings

import numpy as np
import pytest

from mlpcourse.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, Activation, get_activation
from mlpcourse.gradcheck import numerical_gradient, relative_error

DIFFERENTIABLE = [name for name in ACTIVATIONS if name != "step"]
ELEMENTWISE = [name for name in DIFFERENTIABLE if ACTIVATIONS[name].derivative is not None]


def _z(seed=0, shape=(5, 4)):
    z = np.random.default_rng(seed).normal(0, 2, shape)
    z[np.abs(z) < 1e-3] = 0.5  # keep away from the kinks of relu and leaky_relu
    return z


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name):
    act = ACTIVATIONS[name]
    z = _z()
    numeric = numerical_gradient(lambda: act.forward(z).sum(), z)
    assert relative_error(act.derivative(z), numeric) < 1e-6


@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_backward_is_the_chain_rule(name):
    """backward(z, a, g) = dL/dz for L = sum(g * forward(z)), also for row-wise softmax."""
    act = ACTIVATIONS[name]
    z, g = _z(1), np.random.default_rng(2).normal(size=(5, 4))
    numeric = numerical_gradient(lambda: float((g * act.forward(z)).sum()), z)
    assert relative_error(act.backward(z, act.forward(z), g), numeric) < 1e-6


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_fast_backward_agrees_with_derivative(name):
    act = ACTIVATIONS[name]
    z, g = _z(3), np.random.default_rng(4).normal(size=(5, 4))
    np.testing.assert_allclose(act.backward(z, act.forward(z), g), g * act.derivative(z),
                               rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_finite_and_warning_free_at_1e4(name, dtype):
    z = np.array([[-1e4, -50.0, 0.0, 50.0, 1e4]], dtype=dtype)
    act = ACTIVATIONS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = act.forward(z)
        grads = [act.backward(z, a, np.ones_like(z))] if name != "step" else []
    for arr in [a] + grads:
        assert np.all(np.isfinite(arr)), (name, arr)
        assert arr.dtype == z.dtype, (name, arr.dtype)


def test_known_values():
    z = np.array([[-1e4, 0.0, 1e4]])
    np.testing.assert_array_equal(ACTIVATIONS["sigmoid"].forward(z), [[0.0, 0.5, 1.0]])
    np.testing.assert_array_equal(ACTIVATIONS["relu"].forward(z), [[0.0, 0.0, 1e4]])
    np.testing.assert_array_equal(ACTIVATIONS["step"].forward(z), [[0.0, 1.0, 1.0]])
    np.testing.assert_allclose(ACTIVATIONS["leaky_relu"].forward(z), [[-100.0, 0.0, 1e4]])
    np.testing.assert_allclose(ACTIVATIONS["elu"].forward(z), [[-1.0, 0.0, 1e4]])
    np.testing.assert_allclose(ACTIVATIONS["softplus"].forward(z), [[0.0, np.log(2), 1e4]])
    np.testing.assert_allclose(ACTIVATIONS["softmax"].forward(z), [[0.0, 0.0, 1.0]])
    p = ACTIVATIONS["softmax"].forward(_z(5))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_step_has_no_gradient_and_says_why():
    with pytest.raises(ValueError, match="differentiable activation"):
        ACTIVATIONS["step"].backward(np.zeros((1, 1)), np.zeros((1, 1)), np.ones((1, 1)))


def test_softmax_is_output_only_and_names_the_alternatives():
    with pytest.raises(ValueError, match="output activation only.*relu"):
        get_activation("softmax")
    assert get_activation("softmax", output=True).name == "softmax"
    assert "softmax" not in HIDDEN_ACTIVATIONS


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown activation 'relu6'") as info:
        get_activation("relu6")
    for name in ACTIVATIONS:
        assert name in str(info.value)


def test_custom_pair_is_accepted():
    def cube(z):
        return z ** 3

    def cube_derivative(z):
        return 3 * z ** 2

    act = get_activation((cube, cube_derivative))
    assert isinstance(act, Activation) and act.name == "cube"
    z = _z(6)
    numeric = numerical_gradient(lambda: act.forward(z).sum(), z)
    assert relative_error(act.backward(z, act(z), np.ones_like(z)), numeric) < 1e-6
    with pytest.raises(TypeError, match="pair"):
        get_activation(cube)
