"""mlpcourse.playground.widget: the widget driven from Python (step, play/pause, messages,
code buttons, reset) and the callable module."""
import gc
import time

import numpy as np
import pytest

import mlpcourse
from mlpcourse.playground import Playground, PlaygroundError

from .helpers import buttons, wait_until


def test_module_is_callable_and_does_not_start_training():
    p = mlpcourse.playground(dataset="xor")
    assert isinstance(p, Playground) and p.trainer.config.dataset == "xor"
    time.sleep(0.2)
    assert not p.running and p.trainer.epoch == 0


def test_step_changes_model_and_figure(pg):
    image, boundary = pg.image.value, pg.figure.boundary.image.get_array().copy()
    widths = pg.figure.network.lines.get_linewidths().copy()
    hidden_unit = pg.figure.network.blocks[2][1].copy()  # first unit of hidden layer 1
    weights = [w.copy() for w in pg.trainer.net.weights]
    pg.step(5)
    assert pg.trainer.epoch == 5
    assert "Epoch <span class='mlpcourse-playground-epoch-value'>5</span>" in \
        pg.epoch_label.value
    assert pg.image.value != image
    assert not np.allclose(pg.figure.boundary.image.get_array(), boundary)
    assert not np.allclose(pg.figure.network.lines.get_linewidths(), widths)
    assert not np.array_equal(pg.figure.network.blocks[2][1], hidden_unit)
    assert any(not np.allclose(a, b) for a, b in zip(weights, pg.trainer.net.weights))
    assert len(pg.figure.loss.train.get_xdata()) == 6


def test_bad_combinations_give_a_message_not_a_traceback(pg):
    for name in ("x1", "x2"):
        pg.feature_buttons[name].value = False
    assert "at least one input feature" in pg.message.value
    assert pg.feature_buttons["x2"].value and pg.trainer.config.features == ("x2",)
    pg.code_area.value = "this is not code ("
    buttons(pg.widget, "mlpcourse-playground-load-code")[0].click()
    assert "could not read" in pg.message.value
    assert pg.set(hidden=(3,) * 9).startswith("at most 6")


def test_code_buttons_round_trip(pg):
    pg.set(dataset="xor", hidden=(6, 3), optimizer="adam", learning_rate=0.01)
    buttons(pg.widget, "mlpcourse-playground-show-code")[0].click()
    assert "MLP([2, 6, 3, 1]" in pg.code_area.value
    code = pg.code_area.value
    pg.set(dataset="circle", hidden=(2,))
    assert pg.load_code(code) == ""
    c = pg.trainer.config
    assert (c.dataset, c.hidden, c.optimizer) == ("xor", (6, 3), "adam")
    assert pg.controls["dataset"].value == "xor" and pg.controls["optimizer"].value == "adam"


def test_play_trains_in_the_background_and_pause_stops_it(pg):
    pg.play()
    assert pg.running and "Pause" in pg.play_button.description
    assert wait_until(lambda: pg.trainer.epoch >= 3)
    pg.pause()
    assert not pg.running and "Play" in pg.play_button.description
    epoch, frames = pg.trainer.epoch, pg.frames
    time.sleep(0.3)
    assert pg.trainer.epoch == epoch and pg.frames == frames


def test_divergence_while_playing_stops_with_a_message():
    p = Playground(dataset="plane", learning_rate=10.0)
    p.play()
    assert wait_until(lambda: not p.running)
    assert "diverged" in p.message.value and "Play" in p.play_button.description


def test_an_error_while_playing_becomes_a_message(pg, monkeypatch):
    def broken(epochs=1):
        raise RuntimeError("boom")
    monkeypatch.setattr(pg.trainer, "step", broken)
    pg.play()
    assert wait_until(lambda: not pg.running)
    assert "boom" in pg.message.value


def test_a_new_playground_from_the_same_cell_stops_the_old_one(pg):
    pg.play()
    assert wait_until(lambda: pg.trainer.epoch >= 1)
    replacement = Playground()
    assert not pg.running and not replacement.running


def test_reset_returns_to_the_same_start_and_the_seed_changes_it(pg):
    start = [w.copy() for w in pg.trainer.net.weights]
    pg.step(3)
    buttons(pg.widget, "mlpcourse-playground-reset")[0].click()
    assert pg.trainer.epoch == 0
    assert all(np.array_equal(a, b) for a, b in zip(start, pg.trainer.net.weights))
    pg.controls["seed"].value = 7
    assert pg.trainer.config.seed == 7
    assert not np.array_equal(start[0], pg.trainer.net.weights[0])


@pytest.mark.parametrize("options, message", [
    ({"fps": 0}, "fps"), ({"fps": -2}, "fps"), ({"fps": float("nan")}, "fps"),
    ({"fps": "fast"}, "fps"), ({"resolution": 0}, "resolution"),
    ({"resolution": 2.5}, "resolution"), ({"resolution": 10_000}, "resolution"),
])
def test_fps_and_resolution_are_checked_when_the_playground_is_made(options, message):
    with pytest.raises(PlaygroundError, match=message):
        Playground(**options)


def test_a_garbage_collected_playground_stops_its_thread():
    p = Playground()
    p.play()
    assert wait_until(lambda: p.trainer.epoch >= 2)
    thread = p._thread
    del p
    gc.collect()
    assert wait_until(lambda: not thread.is_alive(), timeout=10)


def test_an_error_in_the_thread_resets_play_and_shows_the_message(pg, monkeypatch):
    def broken(*args):
        raise RuntimeError("the figure broke")
    pg.step()
    monkeypatch.setattr(pg.figure, "update", broken)
    pg.play()
    assert wait_until(lambda: not pg.running)
    assert "Play" in pg.play_button.description
    assert "the figure broke" in pg.message.value
    monkeypatch.undo()
    pg.play()  # and Play works again
    assert wait_until(lambda: pg.trainer.epoch >= 4)
    pg.pause()
