"""mlpcourse.playground.presets: every preset is a valid configuration that differs from
the default, and a preset button applies it in one click, from any earlier state."""
import numpy as np
import pytest

from mlpcourse.playground import Config, Trainer
from mlpcourse.playground.presets import PRESETS, preset_config

from .helpers import assert_controls_show, buttons


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_is_a_checked_configuration(name):
    label, text, changes = PRESETS[name]
    config = preset_config(name)
    assert config == Config().replace(**changes) and label and text.endswith(".")
    assert (config == Config()) == (name == "default")


@pytest.mark.parametrize("name", list(PRESETS))
def test_a_preset_button_applies_the_preset_in_one_click(pg, name):
    pg.set(dataset="xor", hidden=(3,), learning_rate=0.1, noise=0.2)
    pg.step(2)
    button, = [b for b in buttons(pg.widget, "mlpcourse-playground-preset")
               if b.description == PRESETS[name][0]]
    button.click()
    assert pg.trainer.config == preset_config(name) and pg.trainer.epoch == 0
    assert pg.message.value.count("color") == 0
    assert_controls_show(pg, preset_config(name))


def test_unknown_preset_is_refused_with_the_valid_names():
    with pytest.raises(ValueError, match="choose one of: default"):
        preset_config("deep_tanh")


def test_zero_init_keeps_the_units_of_a_layer_identical():
    # The symmetry of the chapter on initialization: after training, every unit of a layer
    # still has the same incoming weights (the columns of W are equal).
    t = Trainer(preset_config("zero_init"))
    t.step(20)
    for W in t.net.weights[1:]:
        assert np.ptp(W, axis=1).max() == 0
    assert np.abs(t.net.weights[-1]).max() > 0  # the weights did move
