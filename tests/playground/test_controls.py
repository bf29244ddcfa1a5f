"""mlpcourse.playground.controls: every control sets the setting it names, and the layer
and unit buttons change the network."""
from mlpcourse.playground.data import DATASETS

from .helpers import buttons


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
