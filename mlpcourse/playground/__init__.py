"""The training playground: TensorFlow Playground's controls on our own MLP, in a notebook.

>>> import mlpcourse
>>> pg = mlpcourse.playground(dataset="xor")  # the same as Playground(...)  # doctest: +SKIP

One module per part, from the data up to the widget:

========== ===============================================================================
module     what it owns
========== ===============================================================================
data       the data sets and input features (:func:`make_data`, :func:`feature_map`)
config     every setting, checked, as code and back (:class:`Config`, :class:`PlaygroundError`)
model      data, network and training of one run, no widgets (:class:`Trainer`)
network    the network view: a heatmap per unit, weights as lines
figure     the live figure, updated in place and blitted, and what it shows (:class:`View`)
presets    configurations that replay the chapters' experiments (:data:`PRESETS`)
controls   the ipywidgets controls and their option tables
widget     the live widget and its training thread (:class:`Playground`)
static     precomputed snapshots for the static book (:func:`static_playground`)
capture    a picture of the whole widget for the static book (:func:`widget_picture`)
========== ===============================================================================

``import mlpcourse.playground`` needs numpy only; matplotlib and ipywidgets load when a
figure or a widget is made. The module itself is callable: ``mlpcourse.playground(...)``
is :func:`playground`.
"""
import sys
import types

from .config import MAX_LAYERS, MAX_UNITS, Config, PlaygroundError
from .capture import widget_picture
from .controls import DATASET_LABELS
from .data import DATASETS, DOMAIN, FEATURES, Data, feature_map, make_data
from .figure import View
from .model import Trainer
from .presets import PRESETS, preset_config
from .static import static_playground, training_snapshots
from .widget import Playground, playground

__all__ = ["playground", "Playground", "Config", "PlaygroundError", "Trainer", "View",
           "PRESETS", "preset_config", "static_playground", "training_snapshots",
           "widget_picture", "make_data", "feature_map", "Data", "DATASETS",
           "DATASET_LABELS", "FEATURES", "DOMAIN", "MAX_LAYERS", "MAX_UNITS"]


class _CallableModule(types.ModuleType):
    """Lets ``mlpcourse.playground(...)`` build a playground while staying a package."""

    def __call__(self, config=None, **changes):
        return playground(config, **changes)


sys.modules[__name__].__class__ = _CallableModule
