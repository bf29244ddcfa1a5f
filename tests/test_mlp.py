"""The MLP: backprop against central differences on random architectures (hypothesis), a
2-2-1 network worked by hand, agreement with scikit-learn, determinism and dtypes."""
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mlpcourse import MLP
from mlpcourse.activations import HIDDEN_ACTIVATIONS
from mlpcourse.gradcheck import gradcheck, numerical_gradient, relative_error
from mlpcourse.initializers import INITIALIZERS
from mlpcourse.losses import LOSSES, REQUIRED_OUTPUT

DIFFERENTIABLE = [a for a in HIDDEN_ACTIVATIONS if a != "step"]
KINKED = {"relu", "leaky_relu"}                  # derivative jumps at z = 0
OUTPUTS = DIFFERENTIABLE + ["softmax"]           # any output for the losses without fusion


def _targets(loss, n, k, rng):
    if loss == "categorical_crossentropy":
        return rng.integers(0, k, n)
    if loss == "binary_crossentropy":
        return rng.integers(0, 2, (n, k)).astype(float)
    return rng.normal(size=(n, k))


@st.composite
def problems(draw):
    depth = draw(st.integers(1, 4))                       # number of weight layers
    sizes = [draw(st.integers(1, 16)) for _ in range(depth + 1)]
    loss = draw(st.sampled_from(sorted(LOSSES)))
    out = REQUIRED_OUTPUT.get(loss) or draw(st.sampled_from(OUTPUTS))
    if out == "softmax":                              # a softmax over one unit is refused
        sizes[-1] = max(sizes[-1], 2)
    return dict(sizes=sizes, loss=loss, output=out,
                activation=draw(st.sampled_from(DIFFERENTIABLE)),
                init=draw(st.sampled_from(sorted(INITIALIZERS))),
                batch=draw(st.integers(1, 8)), seed=draw(st.integers(0, 2**16)))


def _away_from_kinks(net, X, Y, p):
    """True if no finite-difference step can cross a kink of relu, mae or huber."""
    trace = net.forward_trace(X)
    margin = 1e-4
    if p["activation"] in KINKED and any(np.abs(Z).min() < margin
                                         for Z in trace.pre_activations[:-1]):
        return False
    if p["output"] in KINKED and np.abs(trace.pre_activations[-1]).min() < margin:
        return False
    r = np.abs(trace.output - Y.reshape(trace.output.shape)) if Y.ndim == 2 else None
    if p["loss"] == "mae" and r.min() < margin:
        return False
    if p["loss"] == "huber" and np.abs(r - 1.0).min() < margin:
        return False
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_backprop_matches_central_differences(p):
    rng = np.random.default_rng(p["seed"])
    net = MLP(p["sizes"], activation=p["activation"], output_activation=p["output"],
              init=p["init"], seed=rng)
    # random biases too, so that zeros/constant inits still give varied pre-activations
    for b in net.biases:
        b[...] = rng.normal(0, 0.5, b.shape)
    X = rng.normal(size=(p["batch"], p["sizes"][0]))
    Y = _targets(p["loss"], p["batch"], p["sizes"][-1], rng)
    assume(_away_from_kinks(net, X, Y, p))
    value, weight_grads, bias_grads = net.gradients(X, Y, p["loss"])
    f = lambda: net.loss(X, Y, p["loss"])  # noqa: E731
    for param, analytic in zip(net.weights + net.biases, weight_grads + bias_grads):
        numeric = numerical_gradient(f, param)
        # Central differences (eps = 1e-6) resolve a gradient only to about
        # 1e-10 * |loss| per entry (rounding of the loss divided by 2 eps). Where both
        # gradients are that small (a symmetric network's gradient that cancels to 0),
        # the relative error is noise over noise: compare absolutely there instead.
        noise = 1e-9 * max(1.0, abs(value)) * np.sqrt(param.size)
        error = relative_error(analytic, numeric)
        assert error < 1e-6 or np.linalg.norm(analytic - numeric) < noise, (p, error)


@pytest.mark.parametrize("l1, l2", [(0.01, 0.0), (0.0, 0.03), (0.02, 0.05)])
def test_penalties_have_correct_gradients(l1, l2):
    rng = np.random.default_rng(0)
    net = MLP([3, 5, 2], activation="tanh", seed=1)
    X, y = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    assert gradcheck(net, X, y, "mse", l1=l1, l2=l2).max_error < 1e-6
    value = net.gradients(X, y, l1=l1, l2=l2)[0]
    penalty = sum(l1 * np.abs(W).sum() + l2 * (W ** 2).sum() for W in net.weights)
    assert value == pytest.approx(net.loss(X, y) + penalty)
    g = net.backward(net.forward_trace(X), y, l1=l1, l2=l2)
    assert g.penalty == pytest.approx(penalty) and g.loss == value
    assert net.backward(net.forward_trace(X), y).penalty == 0.0


# --------------------------------------------------------------------- worked by hand
def _hand_network():
    """A 2-2-1 network: ReLU hidden layer, identity output."""
    W1 = np.array([[0.5, -1.0],
                   [0.25, 0.5]])
    b1 = np.array([0.1, 0.2])
    W2 = np.array([[1.0],
                   [-2.0]])
    b2 = np.array([0.5])
    return MLP.from_weights([W1, W2], [b1, b2], activation="relu")


X_HAND = np.array([[1.0, 2.0],
                   [0.0, -1.0]])
Y_HAND = np.array([[1.0],
                   [0.0]])


def test_worked_example_by_hand():
    net = _hand_network()
    trace = net.forward_trace(X_HAND)
    # Forward pass, sample 1, x = (1, 2):
    #   z1 = (1 * 0.5 + 2 * 0.25 + 0.1, 1 * -1 + 2 * 0.5 + 0.2) = (1.1, 0.2)
    #   a1 = relu(z1) = (1.1, 0.2)
    #   z2 = 1.1 * 1 + 0.2 * -2 + 0.5 = 1.2 = output p
    # sample 2, x = (0, -1):
    #   z1 = (-0.25 + 0.1, -0.5 + 0.2) = (-0.15, -0.3);  a1 = (0, 0): both units inactive
    #   z2 = 0 + 0 + 0.5 = 0.5
    np.testing.assert_allclose(trace.pre_activations[0], [[1.1, 0.2], [-0.15, -0.3]])
    np.testing.assert_allclose(trace.activations[1], [[1.1, 0.2], [0.0, 0.0]])
    np.testing.assert_allclose(trace.output, [[1.2], [0.5]])
    g = net.backward(trace, Y_HAND, loss="mse")
    # Loss: mean of squared errors = ((1.2 - 1)^2 + (0.5 - 0)^2) / 2 = (0.04 + 0.25) / 2 = 0.145
    assert g.loss == pytest.approx(0.145)
    # Backward pass. dL/dp = 2 (p - y) / N = (0.2, 0.5): the output layer's delta.
    np.testing.assert_allclose(g.deltas[1], [[0.2], [0.5]])
    # dL/dW2 = a1^T delta2 = (1.1 * 0.2 + 0 * 0.5, 0.2 * 0.2 + 0 * 0.5) = (0.22, 0.04)
    # dL/db2 = 0.2 + 0.5 = 0.7
    np.testing.assert_allclose(g.weight_grads[1], [[0.22], [0.04]])
    np.testing.assert_allclose(g.bias_grads[1], [0.7])
    # dL/da1 = delta2 W2^T = (0.2 * 1, 0.2 * -2) = (0.2, -0.4) and (0.5, -1.0)
    np.testing.assert_allclose(g.activation_grads[1], [[0.2, -0.4], [0.5, -1.0]])
    # delta1 = dL/da1 * relu'(z1) = (0.2, -0.4) * (1, 1) and (0.5, -1.0) * (0, 0)
    np.testing.assert_allclose(g.deltas[0], [[0.2, -0.4], [0.0, 0.0]])
    # dL/dW1 = x^T delta1 = [[1 * 0.2, 1 * -0.4], [2 * 0.2, 2 * -0.4]] = [[0.2, -0.4], [0.4, -0.8]]
    # dL/db1 = (0.2, -0.4)
    np.testing.assert_allclose(g.weight_grads[0], [[0.2, -0.4], [0.4, -0.8]])
    np.testing.assert_allclose(g.bias_grads[0], [0.2, -0.4])
    # dL/dX = delta1 W1^T = (0.2 * 0.5 - 0.4 * -1, 0.2 * 0.25 - 0.4 * 0.5) = (0.5, -0.15), (0, 0)
    np.testing.assert_allclose(g.activation_grads[0], [[0.5, -0.15], [0.0, 0.0]])


def test_worked_example_one_sgd_step_by_hand():
    net = _hand_network()
    history = net.fit(X_HAND, Y_HAND, epochs=1, batch_size=2, learning_rate=0.1,
                      shuffle=False)
    assert history.loss == [pytest.approx(0.145)]   # measured before the step
    # theta <- theta - 0.1 * gradient:
    # W1 = [[0.5 - 0.02, -1 + 0.04], [0.25 - 0.04, 0.5 + 0.08]] = [[0.48, -0.96], [0.21, 0.58]]
    # b1 = (0.1 - 0.02, 0.2 + 0.04) = (0.08, 0.24)
    # W2 = (1 - 0.022, -2 - 0.004) = (0.978, -2.004);   b2 = 0.5 - 0.07 = 0.43
    np.testing.assert_allclose(net.weights[0], [[0.48, -0.96], [0.21, 0.58]])
    np.testing.assert_allclose(net.biases[0], [0.08, 0.24])
    np.testing.assert_allclose(net.weights[1], [[0.978], [-2.004]])
    np.testing.assert_allclose(net.biases[1], [0.43])
    # The loss after the step. Sample 1: z1 = (0.48 + 0.42 + 0.08, -0.96 + 1.16 + 0.24)
    # = (0.98, 0.44), p = 0.98 * 0.978 + 0.44 * -2.004 + 0.43 = 0.50668.
    # Sample 2: z1 = (-0.21 + 0.08, -0.58 + 0.24) = (-0.13, -0.34), a1 = (0, 0), p = 0.43.
    # Loss = ((0.50668 - 1)^2 + 0.43^2) / 2 = (0.2433646 + 0.1849) / 2 = 0.2141323:
    # higher than 0.145, because this learning rate overshoots sample 1 (1.2 -> 0.507).
    np.testing.assert_allclose(net.forward(X_HAND), [[0.50668], [0.43]])
    assert net.loss(X_HAND, Y_HAND) == pytest.approx(0.2141323112)


# --------------------------------------------------------------------- scikit-learn
def _sklearn_twin(model, net, X, y):
    """Fit ``model`` briefly (so it is initialised) and give it ``net``'s parameters."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y)
    model.coefs_ = [w.copy() for w in net.weights]
    model.intercepts_ = [b.copy() for b in net.biases]
    return model


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic", "identity"])
def test_forward_matches_mlpregressor(activation):
    from sklearn.neural_network import MLPRegressor
    ours = {"logistic": "sigmoid"}.get(activation, activation)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 4)), rng.normal(size=(30, 2))
    net = MLP([4, 6, 5, 2], activation=ours, init="glorot_uniform", seed=1)
    sk = _sklearn_twin(MLPRegressor(hidden_layer_sizes=(6, 5), activation=activation, max_iter=2), net, X, y)
    np.testing.assert_allclose(net.forward(X), sk.predict(X), rtol=1e-12, atol=1e-12)


def test_forward_matches_mlpclassifier_binary_and_multiclass():
    from sklearn.neural_network import MLPClassifier
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 3))
    for k, out in ((2, "sigmoid"), (4, "softmax")):
        labels = np.arange(40) % k
        net = MLP([3, 7, 1 if k == 2 else k], activation="tanh", output_activation=out,
                  init="glorot_normal", seed=2)
        sk = _sklearn_twin(MLPClassifier(hidden_layer_sizes=(7,), activation="tanh", max_iter=2), net, X, labels)
        proba = sk.predict_proba(X)
        expected = proba[:, 1:] if k == 2 else proba
        np.testing.assert_allclose(net.forward(X), expected, rtol=1e-12, atol=1e-12)


def test_one_sgd_step_matches_sklearn_partial_fit():
    """sklearn's squared loss is halved and sums over outputs, ours averages over all
    elements: with k outputs our gradient is 2/k times sklearn's, so ours with learning rate
    lr takes the same step as sklearn's with learning rate 2 lr / k."""
    from sklearn.neural_network import MLPRegressor
    rng = np.random.default_rng(3)
    n, k, lr = 16, 2, 0.05
    X, y = rng.normal(size=(n, 3)), rng.normal(size=(n, k))
    net = MLP([3, 5, k], activation="tanh", seed=4)
    sk = MLPRegressor(hidden_layer_sizes=(5,), activation="tanh", solver="sgd", momentum=0.0, alpha=0.0,
                      learning_rate_init=2 * lr / k, batch_size=n, max_iter=1, shuffle=False)
    sk = _sklearn_twin(sk, net, X, y)
    sk.partial_fit(X, y)
    net.fit(X, y, epochs=1, batch_size=n, learning_rate=lr, shuffle=False)
    for ours, theirs in zip(net.weights + net.biases, sk.coefs_ + sk.intercepts_):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------------- structure
def test_shapes_and_counts():
    net = MLP([4, 8, 3, 2], seed=0)
    assert net.layer_sizes == (4, 8, 3, 2)
    assert [w.shape for w in net.weights] == [(4, 8), (8, 3), (3, 2)]
    assert [b.shape for b in net.biases] == [(8,), (3,), (2,)]
    assert net.n_params == 5 * 8 + 9 * 3 + 4 * 2
    X = np.ones((6, 4))
    trace = net.forward_trace(X)
    assert [a.shape for a in trace.activations] == [(6, 4), (6, 8), (6, 3), (6, 2)]
    assert [z.shape for z in trace.pre_activations] == [(6, 8), (6, 3), (6, 2)]
    g = net.backward(trace, np.zeros((6, 2)))
    assert [d.shape for d in g.deltas] == [(6, 8), (6, 3), (6, 2)]
    assert [a.shape for a in g.activation_grads] == [(6, 4), (6, 8), (6, 3)]
    loss, wg, bg = net.gradients(X, np.zeros((6, 2)))
    assert [w.shape for w in wg] == [(4, 8), (8, 3), (3, 2)] and loss == g.loss
    assert "4-8-3-2" in repr(net) and "n_params=75" in repr(net)
    assert net.predict(X).shape == (6, 2)


def test_copy_is_independent():
    net = MLP([2, 3, 1], seed=0)
    twin = net.copy()
    twin.weights[0][0, 0] += 1
    twin.fit(np.ones((4, 2)), np.ones(4), epochs=1)
    assert net.weights[0][0, 0] != twin.weights[0][0, 0]
    assert np.array_equal(net.weights[1], MLP([2, 3, 1], seed=0).weights[1])


def test_from_weights_checks_shapes():
    with pytest.raises(ValueError, match=r"biases\[0\] must have shape \(3,\)"):
        MLP.from_weights([np.ones((2, 3))], [np.ones(2)])
    with pytest.raises(ValueError, match=r"weights\[1\] has 4 rows but layer 1 has 3 units"):
        MLP.from_weights([np.ones((2, 3)), np.ones((4, 1))], [np.ones(3), np.ones(1)])
    with pytest.raises(ValueError, match="one bias vector per weight matrix"):
        MLP.from_weights([np.ones((2, 3))], [])
    w = np.ones((2, 3))
    net = MLP.from_weights([w], [np.zeros(3)])
    w[0, 0] = 5
    assert net.weights[0][0, 0] == 1  # copied, not shared


# --------------------------------------------------------------------- determinism
def _trained(seed, shuffle_seed=0):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(50, 3)), rng.normal(size=(50, 1))
    net = MLP([3, 8, 1], seed=seed)
    history = net.fit(X, y, epochs=3, batch_size=8, validation_data=(X[:10], y[:10]),
                      seed=shuffle_seed)
    return net, history


def test_same_seed_is_bitwise_identical():
    (a, ha), (b, hb) = _trained(7), _trained(7)
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        assert wa.tobytes() == wb.tobytes()
    assert ha.loss == hb.loss and ha.val_loss == hb.val_loss


def test_different_seeds_differ():
    (a, ha), (b, hb) = _trained(7), _trained(8)
    assert not np.array_equal(a.weights[0], b.weights[0]) and ha.loss != hb.loss
    (c, hc) = _trained(7, shuffle_seed=1)
    assert not np.array_equal(a.weights[0], c.weights[0]) and ha.loss != hc.loss
    assert not np.array_equal(MLP([3, 4], seed=0).weights[0], MLP([3, 4], seed=1).weights[0])


# --------------------------------------------------------------------- dtypes
@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize("activation", DIFFERENTIABLE)
def test_float32_stays_float32(loss, activation):
    rng = np.random.default_rng(0)
    out = REQUIRED_OUTPUT.get(loss, "identity")
    net = MLP([3, 5, 4, 3], activation=activation, output_activation=out, dtype="float32")
    X = rng.normal(size=(10, 3)).astype(np.float32)
    y = _targets(loss, 10, 3, rng)
    y = y.astype(np.float32) if y.dtype.kind == "f" else y
    trace = net.forward_trace(X)
    assert all(a.dtype == np.float32 for a in trace.activations + trace.pre_activations)
    g = net.backward(trace, y, loss)
    for arr in g.weight_grads + g.bias_grads + g.deltas + g.activation_grads:
        assert arr.dtype == np.float32
    history = net.fit(X, y, loss=loss, epochs=2, batch_size=4, optimizer="adam",
                      validation_data=(X, y), l1=1e-3, l2=1e-3)
    assert all(p.dtype == np.float32 for p in net.weights + net.biases)
    net.fit(X, y, loss=loss, epochs=1, batch_size=4, optimizer="nesterov")
    assert all(p.dtype == np.float32 for p in net.weights + net.biases)
    assert all(isinstance(v, float) for v in history.loss + history.val_loss)
    assert net.forward(X).dtype == np.float32


def test_networks_stay_finite_and_quiet_for_inputs_of_1e4():
    X = np.array([[1e4, -1e4], [-1e4, 1e4], [1e4, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for loss, out, y in (("binary_crossentropy", "sigmoid", np.array([1.0, 0.0, 1.0])),
                             ("categorical_crossentropy", "softmax", np.array([0, 1, 2])),
                             ("mse", "identity", np.array([1.0, 0.0, 1.0]))):
            k = 3 if out == "softmax" else 1
            net = MLP([2, 4, k], activation="sigmoid", output_activation=out, init="normal",
                      seed=0)
            net.weights[-1] *= 1e4  # saturate the output
            value, wg, bg = net.gradients(X, y, loss)
            assert np.isfinite(value) and all(np.all(np.isfinite(g)) for g in wg + bg)


def test_networks_pickle_for_worker_processes():
    import pickle
    net = MLP([3, 4, 2], activation="relu", output_activation="softmax", seed=0)
    twin = pickle.loads(pickle.dumps(net))
    X = np.random.default_rng(0).normal(size=(5, 3))
    np.testing.assert_array_equal(net.forward(X), twin.forward(X))
    twin.fit(X, [0, 1, 0, 1, 1], loss="categorical_crossentropy", epochs=1)
