"""The settings of the training playground, checked, and printed as code and read back.

:class:`Config` holds every choice a learner makes in the playground. It prints as the
``MLP(...)`` and ``fit(...)`` code that reproduces the run (:meth:`Config.to_code`) and is
read back from that code without running it (:meth:`Config.from_code`). A setting the
playground cannot train with raises :class:`PlaygroundError`, whose message the widget
shows instead of a traceback.
"""
import ast
import dataclasses
import numbers
from dataclasses import dataclass

import numpy as np

from ..initializers import INITIALIZERS
from ..optimizers import OPTIMIZERS
from .data import DATASETS, FEATURES, dataset_kind

MAX_LAYERS = 6
MAX_UNITS = 16
#: Most points a data set may have: more would make every frame of the widget slow.
MAX_SAMPLES = 100_000
PLAYGROUND_ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")
REGULARIZATIONS = ("none", "l1", "l2")
#: Changing one of these starts again from new data / a new network; others keep training.
DATA_FIELDS = ("dataset", "noise", "train_ratio", "n_samples", "data_seed")
LIVE_FIELDS = ("learning_rate", "batch_size", "regularization", "reg_rate")

#: Named settings: field -> (valid names, what the learner calls it).
CHOICES = {
    "dataset": (tuple(DATASETS), "data set"),
    "activation": (PLAYGROUND_ACTIVATIONS, "activation"),
    "init": (tuple(n for n in INITIALIZERS if n != "constant"), "initialization"),
    "optimizer": (tuple(OPTIMIZERS), "optimizer"),
    "regularization": (REGULARIZATIONS, "regularization"),
}
#: Numeric settings: field -> (int or float, smallest, largest, what the learner calls it).
#: ``noise`` and ``train_ratio`` are fractions set in whole percent, as on their sliders.
NUMBERS = {
    "noise": (float, 0.0, 1.0, "the noise level"),
    "train_ratio": (float, 0.01, 0.99, "the share of training data"),
    "n_samples": (int, 4, MAX_SAMPLES, "the number of points"),
    "data_seed": (int, 0, 2**32 - 1, "the seed of the data"),
    "batch_size": (int, 1, MAX_SAMPLES, "the batch size"),
    "learning_rate": (float, 1e-12, 100.0, "the learning rate"),
    "reg_rate": (float, 0.0, 100.0, "the regularization rate"),
    "seed": (int, 0, 2**32 - 1, "the seed of the initial weights"),
}
PERCENT_FIELDS = ("noise", "train_ratio")


class PlaygroundError(ValueError):
    """A choice the playground cannot train with; the message says what to change."""


def _check_number(field, value):
    """``value`` as the int or float ``field`` holds, or PlaygroundError saying why not."""
    kind, lo, hi, what = NUMBERS[field]
    percent = field in PERCENT_FIELDS
    if isinstance(value, (bool, str)) or not isinstance(value, numbers.Real):
        raise PlaygroundError(f"{what} must be a number, got {value!r}")
    if not np.isfinite(value):
        raise PlaygroundError(f"{what} must be a finite number, got {value}")
    if kind is int and value != int(value):
        raise PlaygroundError(f"{what} must be a whole number, got {value}")
    if percent and abs(value * 100 - round(value * 100)) > 1e-9:
        raise PlaygroundError(f"{what} is set in whole percent (0.12 for 12%), got {value}")
    if not lo <= value <= hi:
        shown = ((f"{lo:.0%}", f"{hi:.0%}", f"{value:.4g} ({value:.0%})") if percent
                 else (f"{lo:g}", f"{hi:,}" if kind is int else f"{hi:g}", f"{value:g}"))
        if field == "learning_rate":
            raise PlaygroundError(f"{what} must be > 0 and at most {shown[1]}, got {shown[2]}")
        raise PlaygroundError(f"{what} must be between {shown[0]} and {shown[1]}, got "
                              f"{shown[2]}")
    return kind(value)


def _check_names(field, value):
    valid, what = CHOICES[field]
    if value not in valid:
        raise PlaygroundError(f"unknown {what} {value!r}; choose one of: " + ", ".join(valid))
    return value


def _check_features(features):
    if isinstance(features, str) or not isinstance(features, (tuple, list)):
        raise PlaygroundError(f"features must be a list of names such as ['x1', 'x2'], got "
                              f"{features!r}")
    if not features:
        raise PlaygroundError("Choose at least one input feature: the network needs an "
                              "input.")
    for f in features:
        if f not in FEATURES:
            raise PlaygroundError(f"unknown feature {f!r}; choose one of: "
                                  + ", ".join(FEATURES))
    if len(set(features)) != len(features):
        raise PlaygroundError(f"a feature is chosen twice: {list(features)}")
    return tuple(features)


def _check_hidden(hidden):
    if isinstance(hidden, str) or not isinstance(hidden, (tuple, list)):
        raise PlaygroundError(f"hidden must be a list of layer sizes such as (4, 2), got "
                              f"{hidden!r}")
    if len(hidden) > MAX_LAYERS:
        raise PlaygroundError(f"at most {MAX_LAYERS} hidden layers, got {len(hidden)}")
    if any(isinstance(u, bool) or not isinstance(u, numbers.Integral) or not 1 <= u <= MAX_UNITS
           for u in hidden):
        raise PlaygroundError(f"every hidden layer needs a whole number of 1 to {MAX_UNITS} "
                              f"units, got {list(hidden)}")
    return tuple(int(u) for u in hidden)


@dataclass(frozen=True)
class Config:
    """Every setting of the playground (defaults: TensorFlow Playground's 2-4-2-1 start).

    A Config is always valid: :meth:`replace` checks a change before it makes the copy,
    and numbers are stored as the plain ``int`` or ``float`` the field holds.
    """

    dataset: str = "circle"
    noise: float = 0.0
    train_ratio: float = 0.5
    n_samples: int = 400
    data_seed: int = 0
    features: tuple = ("x1", "x2")
    hidden: tuple = (4, 2)
    activation: str = "tanh"
    init: str = "glorot_uniform"
    learning_rate: float = 0.03
    batch_size: int = 10
    optimizer: str = "sgd"
    regularization: str = "none"
    reg_rate: float = 0.0
    seed: int = 0

    # -------------------------------------------------------------- derived settings
    @property
    def kind(self):
        return dataset_kind(self.dataset)

    @property
    def layer_sizes(self):
        return [len(self.features), *self.hidden, 1]

    @property
    def output_activation(self):
        return "sigmoid" if self.kind == "classification" else "identity"

    @property
    def loss(self):
        return "binary_crossentropy" if self.kind == "classification" else "mse"

    @property
    def penalties(self):
        """``(l1, l2)`` rates passed to ``fit``."""
        return (self.reg_rate if self.regularization == "l1" else 0.0,
                self.reg_rate if self.regularization == "l2" else 0.0)

    def replace(self, **changes):
        """A checked copy with some fields changed (raises :class:`PlaygroundError`).

        All or nothing: if one change is refused, none is made.
        """
        names = [f.name for f in dataclasses.fields(self)]
        unknown = sorted(set(changes) - set(names))
        if unknown:
            raise PlaygroundError(f"unknown setting(s) {unknown}; valid: {sorted(names)}")
        new = dataclasses.replace(self, **changes)
        new.check()
        return dataclasses.replace(new, **new._normalized())

    def _normalized(self):
        """Every field in its stored type (numpy scalars and lists become int/float/tuple)."""
        fields = {f: _check_number(f, getattr(self, f)) for f in NUMBERS}
        fields.update(features=_check_features(self.features),
                      hidden=_check_hidden(self.hidden))
        return fields

    def check(self):
        """Raise :class:`PlaygroundError` with a readable message for a bad setting."""
        for field in CHOICES:
            _check_names(field, getattr(self, field))
        self._normalized()

    # -------------------------------------------------------------- configuration as code
    def to_code(self, epochs=0):
        """The Python code that builds and trains this network for ``epochs`` epochs."""
        l1, l2 = self.penalties
        sizes = self.layer_sizes
        return "\n".join([
            "from mlpcourse import MLP",
            "from mlpcourse.playground.data import feature_map, make_data",
            "",
            f"data = make_data({self.dataset!r}, noise={self.noise!r}, "
            f"train_ratio={self.train_ratio!r}, n_samples={self.n_samples!r}, "
            f"seed={self.data_seed!r})",
            f"features = {list(self.features)!r}",
            "X_train = feature_map(data.X_train, features)",
            "X_test = feature_map(data.X_test, features)",
            f"net = MLP({sizes!r}, activation={self.activation!r}, "
            f"output_activation={self.output_activation!r}, init={self.init!r}, "
            f"seed={self.seed!r})",
            f"history = net.fit(X_train, data.y_train, loss={self.loss!r}, epochs={epochs!r}, "
            f"batch_size={self.batch_size!r}, learning_rate={self.learning_rate!r}, "
            f"optimizer={self.optimizer!r}, l1={l1!r}, l2={l2!r}, "
            f"validation_data=(X_test, data.y_test), seed={self.seed!r})",
        ])

    @classmethod
    def from_code(cls, code):
        """Read a configuration back from code written by :meth:`to_code` (never executed).

        Returns ``(config, epochs)``; raises :class:`PlaygroundError` if the code does not
        have the shape :meth:`to_code` writes.
        """
        try:
            calls = _read_calls(code)
            data, net, fit = calls["make_data"], calls["MLP"], calls["fit"]
            features = calls["features"]
            l1, l2 = fit.get("l1", 0.0), fit.get("l2", 0.0)
            if l1 and l2:
                raise PlaygroundError("the playground uses either L1 or L2, not both")
            sizes = list(net["layer_sizes"])
            fields = dict(
                dataset=data.get("dataset", "circle"), noise=data.get("noise", 0.0),
                train_ratio=data.get("train_ratio", 0.5),
                n_samples=data.get("n_samples", 400), data_seed=data.get("seed", 0),
                features=tuple(features), hidden=tuple(sizes[1:-1]),
                activation=net.get("activation", "relu"), init=net.get("init", "he_normal"),
                seed=net.get("seed", 0), learning_rate=fit.get("learning_rate", 0.01),
                batch_size=fit.get("batch_size", 32), optimizer=fit.get("optimizer", "sgd"),
                regularization="l1" if l1 else "l2" if l2 else "none", reg_rate=l1 or l2)
            config = cls().replace(**fields)
        except PlaygroundError:
            raise
        except (KeyError, ValueError, TypeError, SyntaxError, IndexError) as error:
            raise PlaygroundError("could not read a playground configuration from this code "
                                  f"({type(error).__name__}: {error}); paste the code the "
                                  "playground printed") from None
        if len(sizes) < 2 or sizes[0] != len(config.features) or sizes[-1] != 1:
            raise PlaygroundError(f"MLP({sizes}) does not match {len(config.features)} "
                                  "features and one output")
        return config, int(fit.get("epochs", 0))


_POSITIONAL = {"make_data": ["dataset"], "MLP": ["layer_sizes"], "fit": ["X", "y"]}


def _read_calls(code):
    """Literal arguments of the make_data, MLP and fit calls and the ``features`` list."""
    found = {}
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "features"
                                                for t in node.targets):
            found["features"] = ast.literal_eval(node.value)
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in _POSITIONAL:
            continue
        args = {}
        for key, arg in zip(_POSITIONAL[name], node.args):
            if key not in ("X", "y"):
                args[key] = ast.literal_eval(arg)
        for kw in node.keywords:
            if kw.arg not in ("validation_data", "X", "y"):
                args[kw.arg] = ast.literal_eval(kw.value)
        found[name] = args
    return found
