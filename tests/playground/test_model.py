"""mlpcourse.playground.model: the trainer steps, records losses, keeps what a change allows
and stops with a message when training diverges."""
import numpy as np
import pytest

from mlpcourse.playground.model import Trainer


def test_trainer_steps_and_records_losses():
    t = Trainer()
    assert t.epoch == 0 and len(t.train_loss) == 1
    before = [w.copy() for w in t.net.weights]
    assert t.step(20)
    assert t.epoch == 20 and len(t.test_loss) == 21
    assert t.train_loss[-1] < t.train_loss[0]
    assert any(not np.allclose(a, b) for a, b in zip(before, t.net.weights))


def test_what_an_update_keeps():
    t = Trainer()
    t.step(3)
    data, net = t.data, t.net
    assert t.update(learning_rate=0.1) == ""
    assert t.net is net and t.epoch == 3 and t.optimizer.learning_rate == 0.1
    assert not t.exact and t.code().startswith("# Settings changed")
    t.update(hidden=(3,))
    assert t.net is not net and t.epoch == 0 and t.data is data and t.exact
    t.update(noise=0.3)
    assert t.data is not data
    assert "at least one" in t.update(features=())
    assert t.config.features == ("x1", "x2")


def test_divergence_stops_with_a_message():
    t = Trainer(dataset="plane", learning_rate=10.0)
    for _ in range(30):
        if not t.step():
            break
    assert "diverged" in t.message and "learning rate" in t.message
    assert all(np.all(np.isfinite(w)) for w in t.net.weights)


def _state(trainer):
    return (trainer.config, trainer.data, trainer.net, trainer.epoch,
            [w.copy() for w in trainer.net.weights])


def _same(a, b):
    return a[:4] == b[:4] and all(np.array_equal(x, y) for x, y in zip(a[4], b[4]))


@pytest.mark.parametrize("changes", [
    {"learning_rate": 0.3, "n_samples": 4.5},
    {"hidden": (8,), "seed": -5},
    {"dataset": "xor", "n_samples": "lots"},
])
def test_a_refused_update_leaves_everything_as_it_was(changes):
    t = Trainer()
    t.step(2)
    before = _state(t)
    message = t.update(**changes)
    assert message and _same(_state(t), before)
    assert t.step() and t.epoch == 3  # and it still trains


def test_an_update_that_fails_while_rebuilding_changes_nothing(monkeypatch):
    import mlpcourse.playground.model as model

    t = Trainer()
    before = _state(t)

    def broken(*args, **kwargs):
        raise MemoryError("no room for the points")
    monkeypatch.setattr(model, "make_data", broken)
    assert "no room" in t.update(noise=0.2, learning_rate=0.1)
    assert _same(_state(t), before)


def test_code_with_a_bad_value_is_refused_and_changes_nothing():
    t = Trainer()
    before = _state(t)
    code = t.config.to_code().replace("n_samples=400", "n_samples=4.5")
    assert "whole number" in t.load_code(code)
    assert _same(_state(t), before)
