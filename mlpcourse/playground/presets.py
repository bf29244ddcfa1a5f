"""Presets: configurations of the playground that replay the chapters' experiments.

Each preset is a short label (the button that applies it), a sentence saying what it shows
and which chapter explains it, and the settings that differ from the default
:class:`~mlpcourse.playground.config.Config`. :func:`preset_config` builds the full
configuration, so a preset always starts from the same place whatever was set before.
"""
from .config import Config

_DEEP = (8, 8, 8, 8, 8, 8)
_SPIRAL_FEATURES = ("x1", "x2", "sin(x1)", "sin(x2)")

#: name -> (button label, what it shows, changes to the default Config)
PRESETS = {
    "default": ("Default", "TensorFlow Playground's start: a 2-4-2-1 tanh network on the "
                "circle, learning rate 0.03.", {}),
    "zero_init": ("Zero init", "All weights start at zero with sigmoid units: the units of a "
                  "layer stay identical copies (symmetry, chapter Initialization).",
                  {"activation": "sigmoid", "init": "zeros", "hidden": (4, 4),
                   "learning_rate": 0.3}),
    "deep_sigmoid": ("Deep sigmoid", "Six hidden layers of sigmoid units: the loss stays at "
                     "log 2 and the boundary never forms (chapter Initialization).",
                     {"activation": "sigmoid", "hidden": _DEEP}),
    "deep_he": ("Deep ReLU, He", "Six ReLU layers with He initialization on the spiral "
                "(compare with Glorot; chapter Initialization).",
                {"dataset": "spiral", "features": _SPIRAL_FEATURES, "activation": "relu",
                 "init": "he_normal", "hidden": _DEEP}),
    "deep_glorot": ("Deep ReLU, Glorot", "The same network with Glorot initialization, "
                    "made for tanh: its signal shrinks layer by layer and it starts slower.",
                    {"dataset": "spiral", "features": _SPIRAL_FEATURES, "activation": "relu",
                     "init": "glorot_uniform", "hidden": _DEEP}),
    "rate_too_large": ("Rate too large", "The default network with learning rate 3: each "
                       "step overshoots and the loss jumps around (chapter Backpropagation).",
                       {"learning_rate": 3.0}),
}


def preset_config(name):
    """The full :class:`Config` of a preset (the default with the preset's changes).

    >>> preset_config("rate_too_large").learning_rate
    3.0
    """
    if name not in PRESETS:
        from .config import PlaygroundError
        raise PlaygroundError(f"unknown preset {name!r}; choose one of: " + ", ".join(PRESETS))
    return Config().replace(**PRESETS[name][2])
