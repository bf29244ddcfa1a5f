"""mlpcourse.playground.config: settings are checked, and a configuration round-trips
through the code it prints."""
import numpy as np
import pytest

from mlpcourse.playground.config import Config, PlaygroundError
from mlpcourse.playground.model import Trainer


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


@pytest.mark.parametrize("changes, message", [
    ({"n_samples": 4.5}, "number of points must be a whole number"),
    ({"n_samples": 200_000}, "number of points must be between 4 and 100,000"),
    ({"n_samples": "many"}, "number of points must be a number"),
    ({"seed": -5}, "seed of the initial weights must be between 0"),
    ({"data_seed": 1.5}, "seed of the data must be a whole number"),
    ({"batch_size": True}, "batch size must be a number"),
    ({"learning_rate": "0.1"}, "learning rate must be a number"),
    ({"learning_rate": float("nan")}, "learning rate must be a finite number"),
    ({"reg_rate": None}, "regularization rate must be a number"),
    ({"noise": 0.123}, "whole percent"),
    ({"noise": 1.5}, "noise level must be between 0% and 100%"),
    ({"hidden": (4.5,)}, "whole number of 1 to 16 units"),
    ({"hidden": "4"}, "list of layer sizes"),
    ({"features": "x1"}, "list of names"),
])
def test_numbers_of_the_wrong_kind_or_size_give_a_message(changes, message):
    with pytest.raises(PlaygroundError, match=message):
        Config().replace(**changes)


def test_a_refused_change_changes_nothing():
    config = Config(learning_rate=0.1)
    with pytest.raises(PlaygroundError):
        config.replace(learning_rate=0.3, hidden=(8,), seed=-5)
    assert config == Config(learning_rate=0.1)


def test_numbers_are_stored_as_plain_python_numbers():
    c = Config().replace(n_samples=np.int64(300), learning_rate=np.float32(0.5),
                         batch_size=np.int32(7), hidden=[np.int64(3), 2], features=["x1"])
    assert type(c.n_samples) is int and type(c.batch_size) is int
    assert type(c.learning_rate) is float and c.learning_rate == 0.5
    assert c.hidden == (3, 2) and type(c.hidden[0]) is int and c.features == ("x1",)
    assert Config.from_code(c.to_code())[0] == c
