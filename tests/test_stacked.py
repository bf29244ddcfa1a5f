"""StackedMLP: several members trained side by side behave exactly like separate MLPs."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.datasets import sine
from mlpcourse.stacked import StackedMLP

RTOL = 1e-9


def _members(sizes=(3, 5, 4, 2), n=3, **options):
    options = {"activation": "tanh", "init": "glorot_uniform", **options}
    return [MLP(list(sizes), seed=s, **options) for s in range(n)]


def _close(a, b, rtol=RTOL, atol=1e-12):
    np.testing.assert_allclose(a, b, rtol=rtol, atol=atol)


def test_forward_matches_each_member_for_shared_and_per_member_inputs():
    nets = _members()
    stack = StackedMLP(nets)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 3))
    out = stack.forward(X)
    assert out.shape == (3, 7, 2)
    for k, net in enumerate(nets):
        _close(out[k], net.forward(X))
    X3 = rng.normal(size=(3, 7, 3))
    for k, net in enumerate(nets):
        _close(stack.forward(X3)[k], net.forward(X3[k]))
    assert stack.layer_sizes == (3, 5, 4, 2) and stack.n_members == 3


@pytest.mark.parametrize("loss, output", [("mse", "identity"), ("mae", "identity"),
                                          ("huber", "identity"),
                                          ("binary_crossentropy", "sigmoid"),
                                          ("categorical_crossentropy", "softmax")])
def test_backward_matches_mlp_backward(loss, output):
    nets = _members(output_activation=output)
    stack = StackedMLP(nets)
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6, 3))
    if loss == "categorical_crossentropy":
        y = rng.integers(0, 2, size=6)
    elif loss == "binary_crossentropy":
        y = rng.integers(0, 2, size=(6, 2)).astype(float)
    else:
        y = rng.normal(size=(6, 2)) * 3
    g = stack.backward(stack.forward_trace(X), y, loss=loss)
    for k, net in enumerate(nets):
        expected = net.backward(net.forward_trace(X), y, loss=loss)
        assert g.loss[k] == pytest.approx(expected.loss, rel=1e-12)
        for ours, theirs in zip(g.weight_grads + g.bias_grads,
                                expected.weight_grads + expected.bias_grads):
            _close(ours[k].reshape(theirs.shape), theirs)
        for ours, theirs in zip(g.activation_grads[1:], expected.activation_grads[1:]):
            _close(ours[k], theirs)
    _close(stack.loss(X, y, loss=loss), g.loss)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_fit_trains_each_member_as_mlp_fit_does(optimizer):
    X, y = sine(40, noise=0.1, seed=0)
    nets = _members(sizes=(1, 6, 1), n=4)
    stack = StackedMLP(nets)
    options = dict(loss="mse", epochs=8, batch_size=16, learning_rate=0.05,
                   optimizer=optimizer, seed=3)
    histories = stack.fit(X, y, **options)
    for k, net in enumerate(nets):
        history = net.fit(X, y, **options)
        _close(histories[k].loss, history.loss)
        for ours, theirs in zip(stack.member(k).weights + stack.member(k).biases,
                                net.weights + net.biases):
            _close(ours, theirs)


def test_per_member_data_and_per_member_losses():
    rng = np.random.default_rng(2)
    X = rng.uniform(-2, 2, size=(3, 30, 1))
    y = np.sin(X) + rng.standard_normal(X.shape) * np.array([0.1, 0.5, 1.0])[:, None, None]
    nets = _members(sizes=(1, 8, 1))
    losses = ["mse", "mae", "huber"]
    histories = StackedMLP(nets).fit(X, y, loss=losses, epochs=5, batch_size=10,
                                     learning_rate=0.02, optimizer="adam", seed=0)
    for k, (net, loss) in enumerate(zip(_members(sizes=(1, 8, 1)), losses)):
        _close(histories[k].loss, net.fit(X[k], y[k], loss=loss, epochs=5, batch_size=10,
                                          learning_rate=0.02, optimizer="adam", seed=0).loss)


def test_restore_best_keeps_the_weights_of_the_best_validation_epoch():
    X, y = sine(60, noise=0.3, seed=1)
    X_val, y_val = sine(30, noise=0.3, seed=2)
    options = dict(epochs=40, batch_size=8, learning_rate=0.05, optimizer="adam", seed=0)
    stack = StackedMLP(_members(sizes=(1, 16, 1), n=3))
    histories = stack.fit(X, y, validation_data=(X_val, y_val), restore_best=True, **options)
    for k in range(3):
        best = stack.best_epochs[k]
        assert best == int(np.argmin(histories[k].val_loss)) + 1
        again = _members(sizes=(1, 16, 1), n=3)[k]
        again.fit(X, y, **{**options, "epochs": int(best)})
        _close(stack.member(k).predict(X_val), again.predict(X_val), rtol=1e-8)


def test_patience_stops_when_no_member_improves():
    X, y = sine(40, noise=0.5, seed=1)
    X_val, y_val = sine(20, noise=0.5, seed=2)
    stack = StackedMLP(_members(sizes=(1, 32, 1), n=2))
    histories = stack.fit(X, y, validation_data=(X_val, y_val), patience=3, epochs=500,
                          batch_size=4, learning_rate=0.05, optimizer="adam", seed=0)
    epochs = histories[0].epochs
    assert epochs < 500
    best = max(int(np.argmin(h.val_loss)) + 1 for h in histories)
    assert epochs == best + 3


def test_a_diverging_member_is_restored_and_frozen_while_the_others_train():
    X, y = sine(40, noise=0.1, seed=0)
    X = (X - X.mean()) / X.std()
    targets = np.stack([y, y * 1e170])        # member 1: its squared error overflows
    nets = _members(sizes=(1, 8, 1), n=2)
    options = dict(epochs=4, batch_size=10, learning_rate=0.05, optimizer="adam", seed=0)
    stack = StackedMLP(nets)
    histories = stack.fit(X, targets, **options)
    expected = [net.fit(X, t, on_nonfinite="stop", **options) for net, t in zip(nets, targets)]
    assert expected[1].diverged == histories[1].diverged == 1
    assert "learning rate" in histories[1].message and histories[1].loss == []
    for ours, theirs in zip(stack.member(1).weights, nets[1].weights):
        np.testing.assert_array_equal(ours, theirs)     # back to the start of epoch 1
    assert expected[0].diverged is None and histories[0].diverged is None
    _close(histories[0].loss, expected[0].loss)
    _close(stack.member(0).weights[0], nets[0].weights[0])


def test_callback_sees_the_stack_and_can_stop():
    X, y = sine(20, seed=0)
    seen = []

    def callback(stack, epoch, histories):
        seen.append((epoch, stack.n_members, len(histories)))
        return epoch == 3

    StackedMLP(_members(sizes=(1, 4, 1), n=2)).fit(X, y, epochs=10, callback=callback)
    assert seen == [(1, 2, 2), (2, 2, 2), (3, 2, 2)]


def test_from_seeds_and_members_round_trip():
    stack = StackedMLP.from_seeds([2, 3, 1], seeds=[4, 5], activation="relu")
    members = stack.members()
    for seed, net in zip([4, 5], members):
        twin = MLP([2, 3, 1], activation="relu", seed=seed)
        for a, b in zip(net.weights + net.biases, twin.weights + twin.biases):
            np.testing.assert_array_equal(a, b)
    members[0].weights[0][...] = 0            # members are copies
    assert np.any(stack.weights[0][0] != 0)


@pytest.mark.parametrize("make, message", [
    (lambda: StackedMLP([]), "non-empty list"),
    (lambda: StackedMLP([MLP([1, 2, 1]), MLP([1, 3, 1])]), "architecture of member 0"),
    (lambda: StackedMLP([MLP([1, 2, 1]), MLP([1, 2, 1], activation="tanh")]),
     "architecture of member 0"),
    (lambda: StackedMLP.from_seeds([1, 2, 1], range(2)).fit(np.zeros((3, 5, 1)),
                                                            np.zeros((5, 1))), "3 batches"),
    (lambda: StackedMLP.from_seeds([1, 2, 1], range(2)).fit(np.zeros((5, 1)),
                                                            np.zeros((3, 5, 1))), "3 target sets"),
    (lambda: StackedMLP.from_seeds([1, 2, 1], range(2)).fit(np.zeros((5, 1)), np.zeros((5, 1)),
                                                            loss=["mse"]), "1 losses for 2"),
    (lambda: StackedMLP.from_seeds([1, 2, 1], range(2)).fit(np.zeros((5, 1)), np.zeros((5, 1)),
                                                            restore_best=True), "validation_data"),
    (lambda: StackedMLP.from_seeds([1, 2, 1], range(2)).fit(
        np.zeros((5, 1)), np.zeros((5, 1)), loss="binary_crossentropy"), "output_activation"),
])
def test_bad_input_is_refused_with_a_clear_message(make, message):
    with pytest.raises((TypeError, ValueError), match=message):
        make()


def test_training_stops_once_every_member_has_diverged():
    X, y = sine(20, noise=0.1, seed=0)
    calls = []
    histories = StackedMLP(_members(sizes=(1, 4, 1), n=2)).fit(
        X, np.stack([y * 1e170, y * 1e170]), epochs=50, batch_size=10,
        callback=lambda stack, epoch, h: calls.append(epoch))
    assert [h.diverged for h in histories] == [1, 1] and all(h.loss == [] for h in histories)
    assert calls == [1]                      # epoch 1 ran; no epoch after it
