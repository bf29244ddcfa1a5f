"""mlpcourse.figures.batches: runs over seeds are reproducible, blow-ups are detected, and
the per-step record counts steps and epochs exactly."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from mlpcourse import MLP  # noqa: E402
from mlpcourse.datasets import sine  # noqa: E402
from mlpcourse.figures.batches import (BLOW_UP, Run, blow_up_epoch,  # noqa: E402
                                       draw_batch_sizes, draw_learning_rates, loss_per_step,
                                       sweep_learning_rates)

X, Y = sine(40, noise=0.1, seed=0)
X = (X - X.mean()) / X.std()


def make(seed):
    return MLP([1, 4, 1], activation="tanh", seed=seed)


def test_sweep_is_reproducible_and_flags_blow_ups():
    runs = sweep_learning_rates(make, X, Y, [0.05, 50.0], seeds=[0, 1], epochs=5, batch_size=8)
    again = sweep_learning_rates(make, X, Y, [0.05], seeds=[0, 1], epochs=5, batch_size=8)
    np.testing.assert_array_equal(runs[0.05][1].losses, again[0.05][1].losses)
    assert not any(r.blew_up for r in runs[0.05])
    assert all(r.blew_up for r in runs[50.0])
    assert len(runs[0.05][0].losses) == 5
    fig = draw_learning_rates(runs, {0.05: "fine", 50.0: "huge"}, "t")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "blew up in 2 of 2 seeds" in labels[1] and "blew up in 0 of 2" in labels[0]
    plt.close(fig)


def test_blow_up_epoch():
    assert blow_up_epoch(Run(0, 1.0, np.array([0.5, 0.4, 2 * BLOW_UP]), True)) == 3
    assert blow_up_epoch(Run(0, 1.0, np.array([0.5, np.nan]), True)) == 2
    assert blow_up_epoch(Run(0, 1.0, np.array([0.5, 0.4]), False)) == 3


def test_loss_per_step_counts_steps_epochs_and_matches_the_full_data_loss():
    net = make(0)
    record = loss_per_step(net, X, Y, batch_size=16, learning_rate=0.1, epochs=2, seed=0)
    steps_per_epoch = 3  # 40 samples in batches of 16, 16 and 8
    assert len(record["loss"]) == 1 + 2 * steps_per_epoch
    np.testing.assert_allclose(record["epoch"][[0, 3, 6]], [0, 1, 2])
    assert record["loss"][-1] == net.loss(X, Y)
    assert np.all(np.diff(record["seconds"]) >= 0)
    records = {16: [record], 40: [loss_per_step(make(0), X, Y, 40, 0.1, 2, seed=0)]}
    fig = draw_batch_sizes(records, "t")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "batch size 16 (6 steps)", "batch size 40 (2 steps)"]
    plt.close(fig)


def test_full_batch_steps_equal_fit():
    # with the whole data set as one batch, the record's last loss is the loss after fit
    ours = loss_per_step(make(3), X, Y, batch_size=len(X), learning_rate=0.1, epochs=3, seed=0)
    net = make(3)
    net.fit(X, Y, epochs=3, batch_size=len(X), learning_rate=0.1, shuffle=False)
    assert np.isclose(ours["loss"][-1], net.loss(X, Y), rtol=1e-12)
