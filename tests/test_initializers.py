"""Every initializer of the table: shape, dtype, seeding, the variance it promises, and
gradients of a network built with it."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.gradcheck import gradcheck
from mlpcourse.initializers import INITIALIZERS, constant, get_initializer

# the variance each scheme promises for fan_in=400, fan_out=200 (None: not random)
FAN_IN, FAN_OUT = 400, 200
EXPECTED_VARIANCE = {
    "zeros": 0.0, "constant": 0.0,
    "normal": 0.05 ** 2, "uniform": 0.05 ** 2 / 3,
    "glorot_uniform": 2 / (FAN_IN + FAN_OUT), "glorot_normal": 2 / (FAN_IN + FAN_OUT),
    "he_normal": 2 / FAN_IN, "he_uniform": 2 / FAN_IN,
    "lecun_normal": 1 / FAN_IN, "lecun_uniform_old": 1 / (3 * FAN_IN),
}


@pytest.mark.parametrize("name", INITIALIZERS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_shape_dtype_and_seeding(name, dtype):
    init = INITIALIZERS[name]
    w1 = init(3, 5, np.random.default_rng(7), dtype)
    w2 = init(3, 5, np.random.default_rng(7), dtype)
    assert w1.shape == (3, 5) and w1.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(w1, w2)


@pytest.mark.parametrize("name", INITIALIZERS)
def test_variance_matches_the_scheme(name):
    assert name in EXPECTED_VARIANCE, f"add the expected variance of {name!r} to this test"
    w = INITIALIZERS[name](FAN_IN, FAN_OUT, np.random.default_rng(0), "float64")
    expected = EXPECTED_VARIANCE[name]
    if expected == 0:
        assert np.all(w == w.flat[0])
    else:
        assert w.var() == pytest.approx(expected, rel=0.03)
        assert abs(w.mean()) < 4 * np.sqrt(expected / w.size)


@pytest.mark.parametrize("name", INITIALIZERS)
def test_no_global_random_state(name):
    np.random.seed(123)
    before = np.random.random()
    np.random.seed(123)
    INITIALIZERS[name](4, 4, np.random.default_rng(0), "float64")
    assert np.random.random() == before


@pytest.mark.parametrize("name", INITIALIZERS)
def test_network_built_with_it_has_correct_gradients(name):
    net = MLP([3, 5, 4, 2], activation="tanh", init=name, seed=1)
    X = np.random.default_rng(2).normal(size=(6, 3))
    y = np.random.default_rng(3).normal(size=(6, 2))
    report = gradcheck(net, X, y, "mse")
    assert report.max_error < 1e-6, str(report)


def test_constant_and_callable_initializers():
    net = MLP([2, 3, 1], init=constant(0.5), bias_init=constant(-1.0))
    assert all(np.all(w == 0.5) for w in net.weights)
    assert all(np.all(b == -1.0) for b in net.biases)

    def ones(fan_in, fan_out, rng, dtype):
        return np.ones((fan_in, fan_out), dtype=dtype)

    assert get_initializer(ones) is ones
    assert np.all(MLP([2, 2], init=ones).weights[0] == 1)


def test_initializer_with_wrong_shape_is_refused():
    with pytest.raises(ValueError, match=r"returned shape \(3, 2\), expected \(2, 3\)"):
        MLP([2, 3], init=lambda fi, fo, rng, dtype: np.zeros((fo, fi)))


def test_unknown_initializer_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown initializer 'xavier'") as info:
        MLP([2, 1], init="xavier")
    for name in INITIALIZERS:
        assert name in str(info.value)
