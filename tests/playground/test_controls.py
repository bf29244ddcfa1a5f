"""mlpcourse.playground.controls: every control sets the setting it names, and the layer
and unit buttons change the network."""
import numpy as np
import pytest

from mlpcourse.playground import Config, Playground
from mlpcourse.playground.data import DATASETS

from .helpers import assert_controls_show, buttons


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


def test_layer_and_unitbuttons(pg):
    buttons(pg.widget, "mlpcourse-playground-add-layer")[0].click()
    assert pg.trainer.config.hidden == (4, 2, 2)
    buttons(pg.widget, "mlpcourse-playground-add-unit")[0].click()
    assert pg.trainer.config.hidden == (5, 2, 2)
    buttons(pg.widget, "mlpcourse-playground-remove-unit")[2].click()
    assert pg.trainer.config.hidden == (5, 2, 1)
    assert len(pg.figure.network.boxes) == 5
    for _ in range(3):
        buttons(pg.widget, "mlpcourse-playground-remove-layer")[0].click()
    assert pg.trainer.config.layer_sizes == [2, 1]
    buttons(pg.widget, "mlpcourse-playground-remove-layer")[0].click()
    assert "no hidden layers" in pg.message.value
    pg.set(hidden=(16,))
    buttons(pg.widget, "mlpcourse-playground-add-unit")[0].click()
    assert "up to 16 units" in pg.message.value and pg.trainer.config.hidden == (16,)
    buttons(pg.widget, "mlpcourse-playground-remove-unit")[0].click()
    assert pg.trainer.config.hidden == (15,)


def test_every_data_set_has_a_label_in_the_widget():
    from mlpcourse.playground.controls import DATASET_LABELS
    assert list(DATASET_LABELS) == list(DATASETS)


OFF_MENU = [
    {"learning_rate": 0.05},
    {"reg_rate": 0.05, "regularization": "l2"},
    {"init": "uniform"},
    {"init": "lecun_uniform_old", "learning_rate": 0.007},
    {"batch_size": 64, "seed": 500},
    {"noise": 0.8, "train_ratio": 0.05},
]


@pytest.mark.parametrize("changes", OFF_MENU)
def test_a_value_off_the_menu_from_set_is_shown_and_used(pg, changes):
    assert pg.set(**changes) == ""
    assert pg.trainer.config == Config().replace(**changes)
    assert_controls_show(pg, pg.trainer.config)


@pytest.mark.parametrize("changes", OFF_MENU)
def test_a_value_off_the_menu_at_construction_is_shown_and_used(changes):
    p = Playground(**changes)
    assert p.trainer.config == Config().replace(**changes)
    assert_controls_show(p, p.trainer.config)


@pytest.mark.parametrize("changes", OFF_MENU)
def test_a_value_off_the_menu_from_load_code_is_shown_and_used(pg, changes):
    config = Config().replace(**changes)
    assert pg.load_code(config.to_code()) == ""
    assert pg.trainer.config == config
    assert_controls_show(pg, config)


@pytest.mark.parametrize("changes", [
    {"learning_rate": "fast"}, {"n_samples": 4.5}, {"seed": -5}, {"n_samples": 500_000},
    {"batch_size": 5, "hidden": (3, "x")},
])
def test_a_refused_set_gives_a_message_and_changes_nothing(pg, changes):
    pg.set(learning_rate=0.1, batch_size=12)
    before = pg.trainer.config
    message = pg.set(**changes)
    assert message and message in pg.message.value
    assert pg.trainer.config == before
    assert_controls_show(pg, before)


def test_moving_a_control_after_an_off_menu_value_still_works(pg):
    pg.set(learning_rate=0.05, batch_size=64)
    pg.controls["learning_rate"].value = 0.3
    pg.controls["batch_size"].value = 8
    assert (pg.trainer.config.learning_rate, pg.trainer.config.batch_size) == (0.3, 8)
    assert_controls_show(pg, pg.trainer.config)


def test_show_test_data_toggles_the_test_points(pg):
    n_test = len(pg.trainer.data.X_test)
    assert len(pg.figure.boundary.test.get_offsets()) == n_test
    pg.view_controls["show_test"].value = False
    assert len(pg.figure.boundary.test.get_offsets()) == 0
    assert len(pg.figure.boundary.train.get_offsets()) == len(pg.trainer.data.X_train)
    pg.view_controls["show_test"].value = True
    assert len(pg.figure.boundary.test.get_offsets()) == n_test


def test_discretize_output_shows_the_predicted_class(pg):
    pg.step(5)
    smooth = pg.figure.boundary.image.get_array().copy()
    pg.view_controls["discretize"].value = True
    shown = pg.figure.boundary.image.get_array()
    assert set(np.unique(shown)) <= {0.0, 1.0}
    np.testing.assert_array_equal(shown, (smooth >= 0.5).astype(float))
    assert pg.trainer.epoch == 5  # the view never changes training


def test_enlarging_a_unit_shows_its_heatmap_in_the_big_panel(pg):
    pg.step(3)
    options = dict(pg.view_controls["unit"].options)  # label -> value
    assert "layer 2, unit 2" in options and "feature x₁" in options
    pg.view_controls["unit"].value = options["layer 1, unit 3"]
    _, activations = pg.trainer.grid_activations(pg.figure.resolution)
    A = activations[1][:, 2]
    expected = (0.5 + A / (2 * np.abs(A).max())).reshape(pg.figure.resolution, -1)
    np.testing.assert_allclose(pg.figure.boundary.image.get_array(), expected)
    assert pg.figure.boundary.ax.get_title() == "layer 1, unit 3"
    assert pg.figure.network.selected == (1, 2)
    pg.set(hidden=(2,))  # that unit is gone: back to the output
    assert pg.view_controls["unit"].value == "output" and pg.view.unit is None
    assert pg.figure.boundary.ax.get_title() == "Decision boundary"


def test_the_view_can_be_set_from_code_and_the_controls_follow(pg):
    pg.set_view(show_test=False, discretize=True, unit=(2, 1))
    assert pg.view.show_test is False and pg.view.discretize and pg.view.unit == (2, 1)
    assert pg.view_controls["unit"].value == "2,1"
    assert not pg.view_controls["show_test"].value
    pg.set_view(unit="output")
    assert pg.view.unit is None and pg.figure.network.selected is None


def _click_event(pg, unit, scale=1.0):
    """An ipyevents click at the centre of ``unit``'s heatmap, the picture shown at
    ``scale`` times its size (as a browser sends it)."""
    net = pg.figure.network
    x0, y0 = net.boxes[unit[0]][unit[1]]
    W, H = net.frame_size
    return {"event": "click", "relativeX": (x0 + net.side / 2) * scale,
            "relativeY": (y0 + net.side / 2) * scale, "boundingRectWidth": W * scale,
            "boundingRectHeight": H * scale}


def _send(pg, event):
    """Deliver ``event`` as ipyevents does: through the Event's message handler."""
    pg.image_events._handle_mouse_msg(None, event, [])


def test_clicking_a_units_heatmap_enlarges_it_and_the_drop_down_follows(pg):
    pg.step(2)
    frame = pg.image.value
    _send(pg, _click_event(pg, (1, 2), scale=0.6))  # layer 1, unit 3; picture scaled
    assert pg.view.unit == (1, 2) and pg.view_controls["unit"].value == "1,2"
    assert pg.figure.boundary.ax.get_title() == "layer 1, unit 3"
    assert pg.figure.network.selected == (1, 2) and pg.image.value != frame
    _send(pg, _click_event(pg, (0, 1), scale=1.3))
    assert pg.view_controls["unit"].value == "0,1"
    assert pg.figure.boundary.ax.get_title() == "feature x₂"
    _send(pg, _click_event(pg, (0, 1)))  # the enlarged unit again: back to the output
    assert pg.view.unit is None and pg.view_controls["unit"].value == "output"
    _send(pg, _click_event(pg, (2, 0)))
    _send(pg, _click_event(pg, (3, 0)))  # the output's own heatmap: the output
    assert pg.view.unit is None and pg.figure.boundary.ax.get_title() == "Decision boundary"
    assert pg.message.value == "<span style=''></span>" and pg.trainer.epoch == 2


def test_a_click_between_or_beside_the_heatmaps_changes_nothing(pg):
    pg.set_view(unit=(2, 1))
    net = pg.figure.network
    (_, ya), (x0, yb) = net.boxes[1][0], net.boxes[1][1]
    for x, y in [(x0 + net.side / 2, (ya + net.side + yb) / 2), (2, 2), (700, 300)]:
        assert pg.click_figure(x, y) is None
        assert pg.view.unit == (2, 1) and pg.view_controls["unit"].value == "2,1"


def test_a_click_uses_the_layout_of_the_network_shown(pg):
    pg.set(hidden=(3, 5, 2))
    _send(pg, _click_event(pg, (2, 4)))
    assert pg.view_controls["unit"].value == "2,4"
    assert pg.figure.boundary.ax.get_title() == "layer 2, unit 5"


@pytest.mark.parametrize("event", [
    {}, None, [], "click", {"event": "click"},
    {"relativeX": "left", "relativeY": 3, "boundingRectWidth": 800, "boundingRectHeight": 384},
    {"relativeX": None, "relativeY": 3, "boundingRectWidth": 800, "boundingRectHeight": 384},
    {"relativeX": float("nan"), "relativeY": 3, "boundingRectWidth": 800,
     "boundingRectHeight": 384},
    {"relativeX": 100, "relativeY": 150, "boundingRectWidth": 0, "boundingRectHeight": 0},
    {"relativeX": 10 ** 400, "relativeY": 150, "boundingRectWidth": 800,
     "boundingRectHeight": 384},
    {"relativeX": [1], "relativeY": {}, "boundingRectWidth": 800, "boundingRectHeight": 384},
])
def test_a_malformed_click_event_is_ignored(pg, event):
    pg.set_view(unit=(1, 0))
    _send(pg, event)
    assert pg.view.unit == (1, 0) and pg.view_controls["unit"].value == "1,0"
    assert pg.message.value == "<span style=''></span>"


def test_clicking_during_play_enlarges_and_training_goes_on(pg):
    from .helpers import wait_until
    pg.play()
    try:
        for unit in [(1, 0), (2, 1), (0, 0), (1, 3)]:
            _send(pg, _click_event(pg, unit, scale=0.8))
            assert pg.view.unit == unit
            assert pg.view_controls["unit"].value == f"{unit[0]},{unit[1]}"
        epoch = pg.trainer.epoch
        assert wait_until(lambda: pg.trainer.epoch >= epoch + 3)
        assert pg.running and pg.message.value == "<span style=''></span>"
        assert pg.figure.network.selected == (1, 3)
    finally:
        pg.pause()


def test_an_error_in_a_click_becomes_a_message(pg, monkeypatch):
    def broken(*args):
        raise RuntimeError("no layout")
    monkeypatch.setattr(pg.figure.network, "unit_at", broken)
    _send(pg, _click_event(pg, (1, 0)))
    assert "no layout" in pg.message.value and pg.view.unit is None
