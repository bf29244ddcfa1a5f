"""The training playground: data and features, the trainer, configuration as code, the
widget driven from Python (controls, step, play/pause, messages), and the static scrubber."""
import time

import numpy as np
import pytest

import mlpcourse
from mlpcourse.playground import Playground
from mlpcourse.playground_data import DATASETS, DOMAIN, FEATURES, feature_map, make_data
from mlpcourse.playground_model import Config, PlaygroundError, Trainer
from mlpcourse.playground_static import static_playground, training_snapshots


def wait_until(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# ------------------------------------------------------------------------- data and features
@pytest.mark.parametrize("name", list(DATASETS))
def test_every_data_set_lies_in_the_square_and_has_the_right_targets(name):
    data = make_data(name, noise=0.2, train_ratio=0.3, n_samples=100, seed=1)
    assert data.X_train.shape == (30, 2) and data.X_test.shape == (70, 2)
    X = np.vstack([data.X_train, data.X_test])
    assert np.all(np.abs(X) <= 1.3 * DOMAIN)
    if data.classification:
        assert set(np.unique(data.y_train)) <= {0, 1} and data.y_train.shape == (30,)
        assert len(np.unique(np.concatenate([data.y_train, data.y_test]))) == 2
    else:
        assert data.y_train.shape == (30, 1) and np.all(np.abs(data.y_train) < 3)


def test_data_are_seeded():
    a, b = make_data("spiral", seed=3), make_data("spiral", seed=3)
    assert np.array_equal(a.X_train, b.X_train)
    assert not np.array_equal(a.X_train, make_data("spiral", seed=4).X_train)


def test_feature_map_by_hand():
    X = np.array([[2.0, 3.0], [-1.0, 0.5]])
    F = feature_map(X, list(FEATURES))
    # x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2 of the first point: 2, 3, 4, 9, 6, sin 2, sin 3
    np.testing.assert_allclose(F[0], [2, 3, 4, 9, 6, np.sin(2), np.sin(3)])
    np.testing.assert_allclose(F[1, :5], [-1, 0.5, 1, 0.25, -0.5])
    with pytest.raises(ValueError, match="at least one input feature"):
        feature_map(X, [])


# ------------------------------------------------------------------------- configuration
@pytest.mark.parametrize("changes, message", [
    ({"features": ()}, "at least one input feature"),
    ({"hidden": (4,) * 7}, "at most 6 hidden layers"),
    ({"hidden": (17,)}, "1 to 16 units"),
    ({"hidden": (0,)}, "1 to 16 units"),
    ({"learning_rate": 0.0}, "learning rate must be > 0"),
    ({"batch_size": 0}, "batch size"),
    ({"reg_rate": -1.0}, "regularization rate"),
    ({"train_ratio": 1.0}, "training data"),
    ({"activation": "softmax"}, "choose one of: relu, tanh, sigmoid, identity"),
    ({"dataset": "mnist"}, "unknown data set"),
    ({"features": ("x1", "x3")}, "unknown feature"),
    ({"colour": "red"}, "unknown setting"),
])
def test_bad_settings_give_a_message(changes, message):
    with pytest.raises(PlaygroundError, match=message):
        Config().replace(**changes)


def test_default_is_the_2_4_2_1_network():
    c = Config()
    assert c.layer_sizes == [2, 4, 2, 1]
    assert (c.output_activation, c.loss) == ("sigmoid", "binary_crossentropy")
    assert Config(dataset="plane").loss == "mse"


@pytest.mark.parametrize("changes", [
    {},
    {"dataset": "spiral", "features": ("x1", "sin(x2)", "x1*x2"), "hidden": (8, 8, 3),
     "activation": "relu", "init": "he_normal", "optimizer": "adam", "learning_rate": 0.003,
     "regularization": "l1", "reg_rate": 0.001, "batch_size": 7, "noise": 0.25,
     "train_ratio": 0.3, "seed": 5, "data_seed": 2},
    {"dataset": "multigauss", "hidden": (), "regularization": "l2", "reg_rate": 0.1},
])
def test_config_as_code_round_trip(changes):
    config = Config().replace(**changes)
    restored, epochs = Config.from_code(config.to_code(epochs=12))
    assert restored == config and epochs == 12


def test_printed_code_reproduces_the_trained_network():
    trainer = Trainer(dataset="moons", hidden=(5,), optimizer="momentum", regularization="l2",
                      reg_rate=0.01)
    trainer.step(7)
    namespace = {}
    exec(trainer.code(), namespace)  # noqa: S102 - our own printed code
    for a, b in zip(namespace["net"].weights, trainer.net.weights):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    assert namespace["history"].val_loss[-1] == pytest.approx(trainer.test_loss[-1])


@pytest.mark.parametrize("code", ["garbage(", "x = 1", "net = MLP([3, 1])\nfeatures = ['x1']"])
def test_unreadable_code_gives_a_message(code):
    with pytest.raises(PlaygroundError):
        Config.from_code(code)


# ------------------------------------------------------------------------- the trainer
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


# ------------------------------------------------------------------------- the widget
@pytest.fixture
def pg():
    playground = Playground()
    yield playground
    playground.pause()


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


def test_controls_change_the_settings(pg):
    pg.controls["learning_rate"].value = 0.3
    pg.controls["activation"].value = "relu"
    pg.controls["noise"].value = 20
    pg.controls["train_ratio"].value = 70
    pg.controls["batch_size"].value = 5
    c = pg.trainer.config
    assert (c.learning_rate, c.activation, c.noise, c.train_ratio, c.batch_size) == \
        (0.3, "relu", 0.2, 0.7, 5)
    assert pg.trainer.data.X_train.shape[0] == 280
    pg.feature_buttons["x1*x2"].value = True
    assert pg.trainer.config.layer_sizes == [3, 4, 2, 1]
    assert len(pg.figure.network.boxes[0]) == 3
    pg.controls["dataset"].value = "multigauss"
    assert pg.figure.boundary.image.get_clim() == (-1, 1)
    pg.step()
    assert pg.trainer.epoch == 1


def _buttons(widget, css):
    found = []
    for child in getattr(widget, "children", ()):
        if css in getattr(child, "_dom_classes", ()):
            found.append(child)
        found += _buttons(child, css)
    return found


def test_layer_and_unit_buttons(pg):
    _buttons(pg.widget, "mlpcourse-playground-add-layer")[0].click()
    assert pg.trainer.config.hidden == (4, 2, 2)
    _buttons(pg.widget, "mlpcourse-playground-add-unit")[0].click()
    assert pg.trainer.config.hidden == (5, 2, 2)
    _buttons(pg.widget, "mlpcourse-playground-remove-unit")[2].click()
    assert pg.trainer.config.hidden == (5, 2, 1)
    assert len(pg.figure.network.boxes) == 5
    for _ in range(3):
        _buttons(pg.widget, "mlpcourse-playground-remove-layer")[0].click()
    assert pg.trainer.config.layer_sizes == [2, 1]
    _buttons(pg.widget, "mlpcourse-playground-remove-layer")[0].click()
    assert "no hidden layers" in pg.message.value
    pg.set(hidden=(16,))
    _buttons(pg.widget, "mlpcourse-playground-add-unit")[0].click()
    assert "up to 16 units" in pg.message.value and pg.trainer.config.hidden == (16,)
    _buttons(pg.widget, "mlpcourse-playground-remove-unit")[0].click()
    assert pg.trainer.config.hidden == (15,)


def test_bad_combinations_give_a_message_not_a_traceback(pg):
    for name in ("x1", "x2"):
        pg.feature_buttons[name].value = False
    assert "at least one input feature" in pg.message.value
    assert pg.feature_buttons["x2"].value and pg.trainer.config.features == ("x2",)
    pg.code_area.value = "this is not code ("
    _buttons(pg.widget, "mlpcourse-playground-load-code")[0].click()
    assert "could not read" in pg.message.value
    assert pg.set(hidden=(3,) * 9).startswith("at most 6")


def test_code_buttons_round_trip(pg):
    pg.set(dataset="xor", hidden=(6, 3), optimizer="adam", learning_rate=0.01)
    _buttons(pg.widget, "mlpcourse-playground-show-code")[0].click()
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


# ------------------------------------------------------------------------- the static version
def test_training_snapshots():
    snaps = training_snapshots(Config(), epochs=(0, 3, 10), resolution=12)
    assert sorted(snaps) == [0, 3, 10]
    assert [len(s["train_loss"]) for s in snaps.values()] == [1, 4, 11]
    assert snaps[10]["output"].shape == (144,)
    assert not np.allclose(snaps[0]["output"], snaps[10]["output"])
    assert snaps[0]["loss_top"] == snaps[10]["loss_top"]


def test_static_playground_frames_change_with_training_time():
    ex = static_playground({"circle": {}, "xor": {"dataset": "xor"}}, epochs=[0, 5, 20],
                           resolution=16)
    assert ex.names == ["configuration", "epoch"] and len(ex.frames) == 6
    assert len({ex.frames[(0, i)] for i in range(3)}) == 3
    assert ex.nbytes < 1_500_000
    assert "Epochs of training = 20" in ex.caption((1, 2))


def test_every_data_set_has_a_label_in_the_widget():
    from mlpcourse.playground import DATASET_LABELS
    assert list(DATASET_LABELS) == list(DATASETS)


def test_unit_heatmaps_are_painted_into_the_frame(pg):
    import io

    from PIL import Image
    frame = np.asarray(Image.open(io.BytesIO(pg.image.value)))
    s = pg.figure.network.side
    for (x0, y0), block in pg.figure.network.blocks:
        np.testing.assert_array_equal(frame[y0:y0 + s, x0:x0 + s, :3], block)


def test_reset_returns_to_the_same_start_and_the_seed_changes_it(pg):
    start = [w.copy() for w in pg.trainer.net.weights]
    pg.step(3)
    _buttons(pg.widget, "mlpcourse-playground-reset")[0].click()
    assert pg.trainer.epoch == 0
    assert all(np.array_equal(a, b) for a, b in zip(start, pg.trainer.net.weights))
    pg.controls["seed"].value = 7
    assert pg.trainer.config.seed == 7
    assert not np.array_equal(start[0], pg.trainer.net.weights[0])
