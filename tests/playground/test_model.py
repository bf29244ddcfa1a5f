"""mlpcourse.playground.model: the trainer steps, records losses, keeps what a change allows
and stops with a message when training diverges."""
import numpy as np

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
