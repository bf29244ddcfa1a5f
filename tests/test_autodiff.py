"""Tests of mlpcourse.autodiff: every operation against finite differences, a whole MLP
against MLP.backward, deep graphs, gradient accumulation and repeated backward calls."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.autodiff import Value, as_value, mlp_loss, topological_order
from mlpcourse.gradcheck import numerical_gradient, relative_error

# Each entry: name -> (function of one Value, function of one ndarray, domain of inputs).
UNARY = {
    "neg": (lambda v: -v, lambda x: -x, "any"),
    "pow2": (lambda v: v ** 2, lambda x: x ** 2, "any"),
    "pow-1.5": (lambda v: v ** -1.5, lambda x: x ** -1.5, "positive"),
    "exp": (Value.exp, np.exp, "any"),
    "log": (Value.log, np.log, "positive"),
    "tanh": (Value.tanh, np.tanh, "any"),
    "sigmoid": (Value.sigmoid, lambda x: 1 / (1 + np.exp(-x)), "any"),
    "relu": (Value.relu, lambda x: np.maximum(x, 0), "nonzero"),
    "sum": (Value.sum, np.sum, "any"),
    "mean": (Value.mean, np.mean, "any"),
    "radd": (lambda v: 3.0 + v, lambda x: 3.0 + x, "any"),
    "rsub": (lambda v: 3.0 - v, lambda x: 3.0 - x, "any"),
    "rmul": (lambda v: 3.0 * v, lambda x: 3.0 * x, "any"),
    "rdiv": (lambda v: 3.0 / v, lambda x: 3.0 / x, "positive"),
}

BINARY = {
    "add": (lambda a, b: a + b),
    "sub": (lambda a, b: a - b),
    "mul": (lambda a, b: a * b),
    "div": (lambda a, b: a / b),
}


def _inputs(domain, shape, rng):
    x = rng.normal(size=shape)
    if domain == "positive":
        return np.abs(x) + 0.5
    if domain == "nonzero":
        return np.where(np.abs(x) < 0.1, 0.5, x)
    return x


def _scalar_loss(v):
    """Reduce a Value to a scalar with a fixed weighting, so every entry matters."""
    if np.ndim(v.data) == 0:
        return v
    weights = np.linspace(-1, 2, np.size(v.data)).reshape(np.shape(v.data))
    return (v * weights).sum()


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("shape", [(), (3,), (2, 3)])
def test_unary_against_finite_differences(name, shape):
    op, np_op, domain = UNARY[name]
    x0 = _inputs(domain, shape, np.random.default_rng(0))
    x = Value(x0)
    loss = _scalar_loss(op(x))
    loss.backward()
    assert np.shape(x.grad) == shape

    def f(arr):
        return _scalar_loss(op(Value(arr))).data

    numeric = numerical_gradient(f, np.array(x0, dtype=float))
    assert np.allclose(x.grad, numeric, rtol=1e-5, atol=1e-7), name


@pytest.mark.parametrize("name", sorted(BINARY))
@pytest.mark.parametrize("shapes", [((), ()), ((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 3), ()),
                                    ((4, 1), (1, 3))])
def test_binary_with_broadcasting(name, shapes):
    rng = np.random.default_rng(1)
    a0 = np.abs(rng.normal(size=shapes[0])) + 0.5
    b0 = np.abs(rng.normal(size=shapes[1])) + 0.5
    a, b = Value(a0), Value(b0)
    _scalar_loss(BINARY[name](a, b)).backward()
    assert np.shape(a.grad) == shapes[0] and np.shape(b.grad) == shapes[1]
    fa = numerical_gradient(lambda x: _scalar_loss(BINARY[name](Value(x), Value(b0))).data,
                            np.array(a0, dtype=float))
    fb = numerical_gradient(lambda x: _scalar_loss(BINARY[name](Value(a0), Value(x))).data,
                            np.array(b0, dtype=float))
    assert np.allclose(a.grad, fa, rtol=1e-5, atol=1e-7)
    assert np.allclose(b.grad, fb, rtol=1e-5, atol=1e-7)


def test_matmul_against_finite_differences():
    rng = np.random.default_rng(2)
    A0, W0 = rng.normal(size=(4, 3)), rng.normal(size=(3, 2))
    A, W = Value(A0), Value(W0)
    _scalar_loss(A @ W).backward()
    assert np.allclose(A.grad, numerical_gradient(
        lambda x: _scalar_loss(Value(x) @ Value(W0)).data, A0.copy()), atol=1e-7)
    assert np.allclose(W.grad, numerical_gradient(
        lambda x: _scalar_loss(Value(A0) @ Value(x)).data, W0.copy()), atol=1e-7)
    B = rng.normal(size=(2, 4))
    Wv = Value(W0)
    (B @ (A0 @ Wv)).sum().backward()  # ndarray @ Value uses __rmatmul__
    assert np.allclose(Wv.grad, A0.T @ B.T @ np.ones((2, 2)))


def test_worked_example_by_hand():
    # f = (a*b + a) * c with a = 2, b = -3, c = 4:
    #   q = a*b + a = -6 + 2 = -4;  f = q*c = -16
    #   df/dq = c = 4;  df/dc = q = -4
    #   df/db = df/dq * a = 4 * 2 = 8
    #   df/da = df/dq * (b + 1) = 4 * (-2) = -8   (a is used twice: both paths add)
    a, b, c = Value(2.0, "a"), Value(-3.0, "b"), Value(4.0, "c")
    f = (a * b + a) * c
    f.backward()
    assert f.data == -16.0
    assert (a.grad, b.grad, c.grad) == (-8.0, 8.0, -4.0)


def test_reuse_accumulates():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1 = 7
    y.backward()
    assert x.grad == 7.0
    z = Value(np.array([1.0, 2.0]))
    (z + z + z).sum().backward()
    assert np.array_equal(z.grad, [3.0, 3.0])


def test_backward_twice_gives_the_same_gradients():
    x = Value(np.array([0.5, -1.0]))
    loss = (x.tanh() * x).sum()
    loss.backward()
    first = x.grad.copy()
    loss.backward()
    assert np.array_equal(x.grad, first)


def test_backward_of_a_second_loss_replaces_gradients():
    w = Value(2.0)
    (w * 3).backward()
    assert w.grad == 3.0
    (w * w).backward()
    assert w.grad == 4.0  # not 3 + 4: each backward starts from zero
    (w * 3 + w * w).backward()
    assert w.grad == 7.0  # to add two losses' gradients, differentiate their sum


def test_deep_graph_has_no_recursion_error():
    x = Value(1.0)
    y = x
    for _ in range(10_000):
        y = y * 1.0001
    assert len(topological_order(y)) > 10_000
    y.backward()
    assert np.isclose(x.grad, 1.0001 ** 10_000)


def test_very_deep_chain_of_unary_ops():
    x = Value(0.1)
    y = x
    for _ in range(20_000):
        y = (y + 0.0).tanh()
    y.backward()
    assert np.isfinite(x.grad)


def test_topological_order_puts_inputs_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    order = topological_order(d)
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert order[-1] is d and len(order) == 4


def test_as_value_and_constants():
    v = Value(2.0)
    assert as_value(v) is v
    assert as_value(3).data == 3.0
    assert (2 * v - 1).data == 3.0
    assert (1 / v).data == 0.5
    with pytest.raises(TypeError, match="constant"):
        v ** Value(2.0)


def test_scalar_data_is_a_float_and_repr_is_readable():
    v = Value(np.float32(1.5), label="w")
    assert isinstance(v.data, float)
    assert "w: 1.5" in repr(v)
    assert "shape (2, 2)" in repr(Value(np.eye(2)))
    assert "op='+'" in repr(v + 1)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_mlp_loss_matches_mlp_backward(activation):
    net = MLP([3, 5, 4, 2], activation=activation, seed=3)
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    g = net.backward(net.forward_trace(X), y, loss="mse")
    weights = [Value(w) for w in net.weights]
    biases = [Value(b) for b in net.biases]
    loss = mlp_loss(weights, biases, X, y, activation=activation)
    loss.backward()
    assert np.isclose(loss.data, g.loss)
    for W, b, gw, gb in zip(weights, biases, g.weight_grads, g.bias_grads):
        assert relative_error(W.grad, gw) < 1e-10
        assert relative_error(b.grad, gb) < 1e-10


def test_scalar_network_matches_mlp_backward():
    """The same 2-3-1 network written neuron by neuron with scalar Values."""
    net = MLP([2, 3, 1], activation="tanh", seed=5)
    X, y = np.array([[0.5, -1.0], [1.5, 0.25]]), np.array([[1.0], [-0.5]])
    g = net.backward(net.forward_trace(X), y, loss="mse")
    W = [[[Value(w) for w in row] for row in Wl] for Wl in net.weights]
    b = [[Value(v) for v in bl] for bl in net.biases]
    total = 0.0
    for x, t in zip(X, y):
        hidden = [(sum(x[i] * W[0][i][j] for i in range(2)) + b[0][j]).tanh() for j in range(3)]
        out = sum(hidden[j] * W[1][j][0] for j in range(3)) + b[1][0]
        total = total + (out - t[0]) ** 2
    loss = total / len(X)
    loss.backward()
    assert np.isclose(loss.data, g.loss)
    for layer in range(2):
        grads = np.array([[w.grad for w in row] for row in W[layer]])
        assert np.allclose(grads, g.weight_grads[layer], atol=1e-12)
        assert np.allclose([v.grad for v in b[layer]], g.bias_grads[layer], atol=1e-12)


def test_mlp_loss_rejects_unknown_activation():
    with pytest.raises(ValueError, match="valid names"):
        mlp_loss([Value(np.ones((1, 1)))], [Value(np.zeros(1))], np.ones((1, 1)),
                 np.ones((1, 1)), activation="swish")
    with pytest.raises(ValueError, match="unknown activation 'Tanh'; did you mean 'tanh'?"):
        mlp_loss([Value(np.ones((1, 1)))], [Value(np.zeros(1))], np.ones((1, 1)),
                 np.ones((1, 1)), activation="Tanh")


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("method", ["sum", "mean"])
def test_reductions_along_an_axis(axis, method):
    x0 = np.random.default_rng(6).normal(size=(3, 4))
    x = Value(x0)
    out = getattr(x, method)(axis=axis)
    assert np.allclose(out.data, getattr(np, method)(x0, axis=axis))
    _scalar_loss(out.tanh()).backward()
    numeric = numerical_gradient(
        lambda arr: _scalar_loss(getattr(Value(arr), method)(axis=axis).tanh()).data, x0.copy())
    assert np.allclose(x.grad, numeric, atol=1e-7)


# ----------------------------------------------------------------- what numpy's forward accepts
def _check_grads(make, *inputs, atol=1e-7):
    """Backward of _scalar_loss(make(*Values)) against central differences, per input."""
    values = [Value(x) for x in inputs]
    _scalar_loss(make(*values)).backward()
    for i, (v, x0) in enumerate(zip(values, inputs)):
        def f(x, i=i):
            args = [Value(x if j == i else inputs[j]) for j in range(len(inputs))]
            return _scalar_loss(make(*args)).data
        numeric = numerical_gradient(f, np.array(x0, dtype=float))
        assert np.shape(v.grad) == np.shape(x0)
        np.testing.assert_allclose(v.grad, numeric, rtol=1e-5, atol=atol)


@pytest.mark.parametrize("shapes", [
    ((3,), (3, 4)),            # vector @ matrix
    ((4, 3), (3,)),            # matrix @ vector
    ((3,), (3,)),              # vector @ vector: a scalar
    ((2, 3, 4), (4, 5)),       # a batch of matrices @ one matrix
    ((4, 5), (2, 5, 3)),       # one matrix @ a batch
    ((2, 3, 4), (2, 4, 5)),    # batch @ batch
    ((1, 3, 4), (2, 4, 5)),    # broadcast batch dimension
    ((2, 3, 4), (4,)),         # batch @ vector
])
def test_matmul_of_every_shape_numpy_accepts(shapes):
    rng = np.random.default_rng(7)
    a0, b0 = rng.normal(size=shapes[0]), rng.normal(size=shapes[1])
    np.testing.assert_allclose((Value(a0) @ Value(b0)).data, a0 @ b0)
    _check_grads(lambda a, b: a @ b, a0, b0)


@pytest.mark.parametrize("axis", [(0, 2), (-1,), (0, 1, 2), (1, -1), -2])
@pytest.mark.parametrize("method", ["sum", "mean"])
def test_reductions_over_a_tuple_of_axes(axis, method):
    x0 = np.random.default_rng(8).normal(size=(2, 3, 4))
    np.testing.assert_allclose(getattr(Value(x0), method)(axis=axis).data,
                               getattr(np, method)(x0, axis=axis))
    _check_grads(lambda x: getattr(x, method)(axis=axis).tanh(), x0)


def test_division_by_zero_gives_inf_like_numpy_with_its_warning():
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        expected = np.divide(np.array([1.0, -2.0]), np.array([0.0, 0.0]))
    a, b = Value(np.array([1.0, -2.0])), Value(np.array([0.0, 0.0]))
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        out = a / b
    np.testing.assert_array_equal(out.data, expected)
    one, zero = Value(1.0), Value(0.0)
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        q = one / zero
    assert q.data == np.inf
    with pytest.warns(RuntimeWarning):
        q.backward()
    # d(1/b)/db = -1/b^2 -> -inf at 0; so is the one-sided difference (1/h - inf)/h
    assert zero.grad == -np.inf and one.grad == np.inf


def test_log_of_zero_gives_minus_inf_like_numpy_with_its_warning():
    x = Value(0.0)
    with pytest.warns(RuntimeWarning, match="divide by zero encountered in log"):
        y = x.log()
    assert y.data == -np.inf
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        y.backward()
    assert x.grad == np.inf       # as the one-sided difference (log(h) - log(0)) / h
    _check_grads(lambda v: v.log(), np.array([1e-3, 0.5, 2.0]))   # and near 0, finite


def test_negative_base_to_a_fractional_power_is_nan_like_numpy():
    with pytest.warns(RuntimeWarning, match="invalid value encountered in power"):
        expected = np.power(np.array([-8.0, 8.0]), 1 / 3)
    x = Value(np.array([-8.0, 8.0]))
    with pytest.warns(RuntimeWarning, match="invalid value encountered in power"):
        y = x ** (1 / 3)
    np.testing.assert_array_equal(y.data, expected)          # [nan, 2]
    with pytest.warns(RuntimeWarning, match="invalid value"):
        y.sum().backward()
    assert np.isnan(x.grad[0]) and x.grad[1] == pytest.approx(1 / 12)
    with pytest.warns(RuntimeWarning, match="invalid value"):
        assert np.isnan((Value(-8.0) ** 0.5).data)
    # a whole exponent of a negative base is fine, and matches finite differences
    _check_grads(lambda v: v ** 3.0, np.array([-2.0, -0.5, 1.5]))
    _check_grads(lambda v: v ** 0, np.array([-2.0, 0.0, 1.5]))     # d(x^0)/dx = 0, even at 0


@pytest.mark.parametrize("bad", ["3", ["1", "2"], np.array(["a"]), 1 + 2j, None,
                                 np.array([1, 2], dtype=object)])
def test_strings_and_other_non_numbers_are_refused(bad):
    with pytest.raises(TypeError, match="a Value holds real numbers"):
        Value(bad)
    with pytest.raises(TypeError, match="a Value holds real numbers"):
        Value(1.0) + bad
