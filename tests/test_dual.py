"""Forward mode with dual numbers: every rule agrees with central differences and with
reverse mode (mlpcourse.autodiff), and a gradient takes one pass per input."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlpcourse.autodiff import Value
from mlpcourse.dual import UNARY, Dual, derivative, gradient
from mlpcourse.gradcheck import numerical_gradient

# points where every function of the table is smooth (log needs a > 0, relu a != 0)
POINTS = np.array([0.3, 0.9, 1.7, 2.5])


@pytest.mark.parametrize("name", sorted(UNARY))
def test_every_rule_matches_central_differences(name):
    f, _ = UNARY[name]
    for x in POINTS:
        _, slope = derivative(lambda d: getattr(d, name)(), x)
        numeric = numerical_gradient(lambda v: float(f(v[0])), np.array([x]))[0]
        assert slope == pytest.approx(numeric, rel=1e-6, abs=1e-9), (name, x)


def test_worked_by_hand():
    # y = x^2 + 3x at x = 2: value 4 + 6 = 10, slope 2 * 2 + 3 = 7
    x = Dual(2.0, 1.0)
    y = x * x + 3 * x
    assert (y.value, y.tangent) == (10.0, 7.0)
    # z = x / (1 + x) at x = 1: value 1/2, slope 1 / (1 + x)^2 = 1/4
    z = x / (1 + x)
    assert derivative(lambda d: d / (1 + d), 1.0) == (0.5, 0.25)
    assert z.value == pytest.approx(2 / 3)


@pytest.mark.parametrize("f", [
    lambda d: d * d * d,
    lambda d: 2.0 - d,
    lambda d: 3.0 / d,
    lambda d: (d ** 3 - 2 * d) / (d + 4.0),
    lambda d: (d.sin() * d.exp()).tanh(),
    lambda d: -(d.sigmoid() * d).log(),
    lambda d: (d * 0.5).cos() ** 2 + d.relu(),
])
def test_composed_functions_match_central_differences(f):
    for x in POINTS:
        _, slope = derivative(f, x)
        numeric = numerical_gradient(lambda v: float(f(Dual(v[0])).value), np.array([x]))[0]
        assert slope == pytest.approx(numeric, rel=1e-6, abs=1e-8)


@settings(max_examples=60, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3))
def test_gradient_agrees_with_reverse_mode(w1, w2, b):
    # the neuron of the chapter: (tanh(2 w1 - w2 + b) - 1)^2
    def loss(w1_, w2_, b_):
        return ((2.0 * w1_ - w2_ + b_).tanh() - 1.0) ** 2

    value, grad, passes = gradient(loss, [w1, w2, b])
    params = [Value(w1), Value(w2), Value(b)]
    out = loss(*params)
    out.backward()
    assert passes == 3
    assert value == pytest.approx(out.data, rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(grad, [p.grad for p in params], rtol=1e-10, atol=1e-12)


def test_one_pass_per_input():
    calls = []

    def f(*xs):
        calls.append(1)
        total = Dual(0.0)
        for k, x in enumerate(xs, start=1):
            total = total + k * x * x  # d/dx_k = 2 k x_k
        return total

    point = np.linspace(-1, 1, 7)
    value, grad, passes = gradient(f, point)
    assert passes == len(calls) == 7
    np.testing.assert_allclose(grad, 2 * np.arange(1, 8) * point)
    assert value == pytest.approx(sum(k * x * x for k, x in enumerate(point, start=1)))


def test_one_input_many_outputs_is_one_pass():
    # f(t) = sin(k t) for 1000 frequencies k: all 1000 derivatives k cos(k t) in one pass
    k = np.linspace(0.0, 5.0, 1000)
    value, slope = derivative(lambda t: (t * k).sin(), 0.7)
    np.testing.assert_allclose(value, np.sin(0.7 * k))
    np.testing.assert_allclose(slope, k * np.cos(0.7 * k), atol=1e-12)


def test_constants_have_zero_tangent_and_numpy_defers():
    d = Dual(1.5, 1.0)
    out = np.array([2.0, 3.0]) * d  # ndarray * Dual -> Dual.__rmul__
    assert isinstance(out, Dual)
    np.testing.assert_allclose(out.tangent, [2.0, 3.0])
    assert Dual(4.0).tangent == 0.0


def test_sigmoid_never_overflows():
    with np.errstate(all="raise"):
        big = Dual(-1000.0, 1.0).sigmoid()
    assert big.value == 0.0 and big.tangent == 0.0
    assert math.isfinite(Dual(1000.0, 1.0).sigmoid().value)


@pytest.mark.parametrize("bad, fragment", [
    (lambda: Dual(1.0) ** Dual(2.0), "constant exponent"),
    (lambda: Dual(1.0) + "2", "real number"),
    (lambda: Dual(1.0) * True, "real number"),
    (lambda: derivative(lambda d: 3.0, 1.0), "ignore its input"),
    (lambda: gradient(lambda a: a, []), "at least one input"),
    (lambda: gradient(lambda a: Dual(np.ones(2)) * a, [1.0]), "one Dual number"),
])
def test_bad_input_is_refused_with_a_clear_message(bad, fragment):
    with pytest.raises((TypeError, ValueError), match=fragment):
        bad()
