"""The training loop: history, validation, divergence, callbacks, progress bar."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlpcourse import MLP, DivergenceError, History
from mlpcourse.optimizers import Adam, Momentum
from mlpcourse.training import GROWTH_LIMIT



def _regression(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, X @ np.array([[1.5], [-2.0]]) + 0.5


def test_training_reduces_the_loss_and_records_history():
    X, y = _regression()
    net = MLP([2, 8, 1], activation="tanh", seed=0)
    history = net.fit(X, y, epochs=30, batch_size=8, learning_rate=0.05,
                      validation_data=(X[:10], y[:10]))
    assert isinstance(history, History)
    assert history.epochs == len(history.loss) == len(history.val_loss) == 30
    assert history.loss[-1] < 0.2 * history.loss[0]
    assert history.diverged is None and history.message == ""
    assert history.val_loss[-1] == pytest.approx(net.loss(X[:10], y[:10]))
    assert "30 epochs" in repr(history)


def test_epoch_loss_is_the_mean_of_the_batch_losses_before_each_step():
    X, y = _regression(n=10)
    net = MLP([2, 3, 1], seed=0)
    before = net.loss(X, y)
    history = net.fit(X, y, epochs=1, batch_size=10, shuffle=False)
    assert history.loss == [pytest.approx(before)]
    # with a smaller last batch the mean is weighted by batch size
    twin = MLP([2, 3, 1], seed=0)
    first = twin.loss(X[:8], y[:8])
    probe = twin.copy()
    probe.fit(X[:8], y[:8], epochs=1, batch_size=8, shuffle=False)
    second = probe.loss(X[8:], y[8:])
    history = twin.fit(X, y, epochs=1, batch_size=8, shuffle=False)
    assert history.loss[0] == pytest.approx((8 * first + 2 * second) / 10)


def test_epochs_zero_changes_nothing():
    X, y = _regression()
    net = MLP([2, 3, 1], seed=0)
    w = net.weights[0].copy()
    assert net.fit(X, y, epochs=0).epochs == 0
    assert np.array_equal(w, net.weights[0])


def test_divergence_raises_naming_the_epoch_and_restores_the_weights():
    X, y = _regression()
    y = y * 1e3
    net = MLP([2, 16, 1], seed=0)
    start = [p.copy() for p in net.weights + net.biases]
    with pytest.raises(DivergenceError, match=r"diverged in epoch \d+.*learning rate \(10\)"
                                              r".*try a smaller one, such as 1\b"):
        net.fit(X, y, epochs=50, learning_rate=10.0)
    assert all(np.all(np.isfinite(p)) for p in net.weights + net.biases)
    assert issubclass(DivergenceError, FloatingPointError)
    assert all(a.shape == b.shape for a, b in zip(start, net.weights + net.biases))


def test_on_nonfinite_stop_records_and_restores():
    X, y = _regression()
    y = y * 1e3
    net = MLP([2, 16, 1], seed=0)
    start = [p.copy() for p in net.weights + net.biases]
    recorder = []
    history = net.fit(X, y, epochs=50, learning_rate=10.0, on_nonfinite="stop",
                      callback=lambda net, epoch, h: recorder.append(
                          [p.copy() for p in net.weights + net.biases]))
    k = history.diverged
    assert k is not None and history.epochs == k - 1
    assert f"epoch {k}" in history.message and "smaller" in history.message
    assert f"diverged in epoch {k}" in repr(history)
    # restored to the weights at the start of epoch k, i.e. after epoch k - 1
    expected = recorder[-1] if recorder else start
    for p, q in zip(net.weights + net.biases, expected):
        np.testing.assert_array_equal(p, q)
    assert all(np.all(np.isfinite(p)) for p in net.weights + net.biases)


def test_overflow_in_the_last_step_of_an_epoch_is_caught_in_that_epoch():
    """One full batch per epoch: the step of epoch 1 overflows the weights while the loss
    measured before it is finite. The weights must come back finite (as before epoch 1).
    Here the gradient of w is 2 * (1 * -0.9 + 2 * -1.8) / 2 = -4.5, and 1e308 * 4.5 = inf."""
    X, y = np.array([[1.0], [2.0]]), np.array([[1.0], [2.0]])
    net = MLP([1, 1], activation="identity", init="constant", seed=0)
    w0 = net.weights[0].copy()
    history = net.fit(X, y, epochs=5, batch_size=2, learning_rate=1e308, shuffle=False,
                      on_nonfinite="stop")
    assert history.diverged == 1 and history.loss == []
    np.testing.assert_array_equal(net.weights[0], w0)


def test_callback_can_stop_training():
    X, y = _regression()
    net = MLP([2, 4, 1], seed=0)
    calls = []

    def callback(net_, epoch, history):
        calls.append((epoch, len(history.loss)))
        assert net_ is net
        return epoch == 3

    history = net.fit(X, y, epochs=10, callback=callback)
    assert history.epochs == 3 and calls == [(1, 1), (2, 2), (3, 3)]


def test_progress_bar(capsys):
    X, y = _regression()
    MLP([2, 4, 1], seed=0).fit(X, y, epochs=3, progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "loss=" in err


def test_shuffle_false_is_deterministic_without_seed():
    X, y = _regression()
    a, b = MLP([2, 4, 1], seed=0), MLP([2, 4, 1], seed=0)
    a.fit(X, y, epochs=2, shuffle=False, seed=None)
    b.fit(X, y, epochs=2, shuffle=False, seed=None)
    assert np.array_equal(a.weights[0], b.weights[0])


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "adam"])
def test_every_optimizer_trains(optimizer):
    X, y = _regression()
    net = MLP([2, 8, 1], activation="tanh", seed=0)
    history = net.fit(X, y, epochs=20, batch_size=8, learning_rate=0.01, optimizer=optimizer)
    assert history.loss[-1] < history.loss[0]


def test_classification_end_to_end():
    from mlpcourse.datasets import moons
    from mlpcourse.metrics import accuracy
    X, y = moons(200, noise=0.1, seed=0)
    net = MLP([2, 16, 16, 2], activation="relu", output_activation="softmax", seed=0)
    net.fit(X, y, loss="categorical_crossentropy", epochs=60, batch_size=16,
            learning_rate=0.1, optimizer="momentum")
    assert accuracy(y, net.predict(X)) > 0.95


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(1, 3), width=st.integers(1, 8), n=st.integers(1, 12),
       dtype=st.sampled_from(["float32", "float64"]), seed=st.integers(0, 1000))
def test_one_full_batch_epoch_is_one_gradient_step(depth, width, n, dtype, seed):
    """fit(epochs=1, batch_size=n, shuffle=False) is exactly theta - lr * gradient."""
    rng = np.random.default_rng(seed)
    sizes = [3] + [width] * depth + [2]
    net = MLP(sizes, activation="tanh", seed=seed, dtype=dtype)
    X = rng.normal(size=(n, 3)).astype(dtype)
    y = rng.normal(size=(n, 2)).astype(dtype)
    loss, wg, bg = net.gradients(X, y)
    lr = np.dtype(dtype).type(0.05)
    expected = [p - lr * g for p, g in zip(net.weights + net.biases, wg + bg)]
    history = net.fit(X, y, epochs=1, batch_size=n, learning_rate=0.05, shuffle=False)
    assert history.loss == [loss]
    for p, e in zip(net.weights + net.biases, expected):
        assert p.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(p, e)


# ----------------------------------------------------------------- runaway growth
def test_runaway_growth_with_a_finite_loss_is_reported_as_divergence():
    """A tanh network at learning rate 10 grows its loss by 1e10 per epoch; 20 epochs end
    near 1e200, still finite. The growth rule stops it in the first epoch whose loss is more
    than GROWTH_LIMIT times the loss before training."""
    X, y = _regression()
    net = MLP([2, 16, 1], activation="tanh", seed=0)
    start = net.loss(X, y)
    with pytest.raises(DivergenceError, match=r"diverged in epoch 2: the loss grew to "
                                              r"[\d.]+e\+\d+, more than 10,000 times its "
                                              r"value before training \([\d.]+\)"):
        net.copy().fit(X, y, epochs=20, learning_rate=10.0)
    history = net.fit(X, y, epochs=20, learning_rate=10.0, on_nonfinite="stop")
    assert history.diverged == 2 and history.loss[0] < GROWTH_LIMIT * start
    assert all(np.all(np.isfinite(p)) for p in net.weights + net.biases)


def test_the_growth_rule_does_not_fire_on_ordinary_or_perfect_fits():
    X, y = _regression()
    exact = MLP.from_weights([np.array([[1.5], [-2.0]])], [np.array([0.5])],
                             activation="identity")
    history = exact.fit(X, y, epochs=5, learning_rate=0.05, optimizer="momentum")
    assert history.diverged is None and max(history.loss) < 1e-20
    noisy = y + np.random.default_rng(1).normal(scale=1e-6, size=y.shape)
    history = exact.fit(X, noisy, epochs=5, batch_size=1, learning_rate=0.05)
    assert history.diverged is None


@pytest.mark.parametrize("make, state, fresh", [
    (lambda: Momentum(1.0), "its velocities", lambda o: o.velocities is None),
    (lambda: Momentum(1.0, nesterov=True), "its velocities", lambda o: o.velocities is None),
    (lambda: Adam(100.0), "its moment estimates and step count",
     lambda o: o.m is None and o.v is None and o.t == 0),
])
def test_divergence_resets_the_optimizer_state_and_says_so(make, state, fresh):
    X, y = _regression()
    net = MLP([2, 16, 1], activation="tanh", seed=0)
    opt = make()
    history = net.fit(X, y, epochs=300, optimizer=opt, on_nonfinite="stop")
    assert history.diverged is not None
    assert f"the optimizer's state ({state}) was reset" in history.message
    assert fresh(opt)


def test_after_a_divergence_a_smaller_rate_trains_from_the_restored_weights():
    """The learner's next step: same optimizer object, a smaller learning rate. Velocities
    kept from the diverging run (1e153 here before the reset) would blow it up at once."""
    X, y = _regression()
    net = MLP([2, 16, 1], activation="tanh", seed=0)
    opt = Momentum(1.0)
    first = net.fit(X, y, epochs=300, optimizer=opt, on_nonfinite="stop")
    assert first.diverged is not None
    opt.learning_rate = 0.001
    second = net.fit(X, y, epochs=5, optimizer=opt)
    assert second.diverged is None and second.loss[-1] < second.loss[0]


# ----------------------------------------------------------------- data loss and penalty
@pytest.mark.parametrize("l1, l2", [(0.0, 0.05), (0.02, 0.0), (0.01, 0.01)])
def test_training_and_validation_losses_are_both_the_data_loss(l1, l2):
    """Full-batch, unshuffled, validation data = training data: the loss of epoch 2
    (measured before its step) is the validation loss after epoch 1, to rounding."""
    X, y = _regression(n=12)
    net = MLP([2, 6, 1], activation="tanh", seed=0)
    penalty = sum(l1 * np.abs(W).sum() + l2 * (W * W).sum() for W in net.weights)
    before = net.loss(X, y)
    history = net.fit(X, y, epochs=3, batch_size=12, shuffle=False, learning_rate=0.05,
                      l1=l1, l2=l2, validation_data=(X, y))
    assert history.loss[0] == pytest.approx(before, rel=1e-12)
    assert history.penalty[0] == pytest.approx(penalty, rel=1e-12)
    assert history.loss[1] == pytest.approx(history.val_loss[0], rel=1e-12)
    assert history.loss[2] == pytest.approx(history.val_loss[1], rel=1e-12)
    assert history.objective == [a + b for a, b in zip(history.loss, history.penalty)]
    assert len(history.penalty) == history.epochs == 3


def test_without_a_penalty_the_penalty_series_is_zero():
    X, y = _regression()
    history = MLP([2, 4, 1], seed=0).fit(X, y, epochs=2)
    assert history.penalty == [0.0, 0.0] and history.objective == history.loss


def test_objective_of_a_history_built_without_penalties_is_the_loss():
    assert History(loss=[1.0, 0.5]).objective == [1.0, 0.5]
    with pytest.raises(ValueError, match="2 losses but 1 penalties"):
        History(loss=[1.0, 0.5], penalty=[0.1]).objective
