"""mlpcourse: multilayer perceptrons and backpropagation in numpy, the companion package of
the mlpcourse book.

``import mlpcourse`` loads numpy only; the submodules that need matplotlib, ipywidgets,
scikit-learn or tqdm (plots, explorers, datasets, exercises) load when first used.
"""
import importlib
import importlib.util

from .mlp import MLP, Gradients, Trace
from .training import DivergenceError, History

__version__ = "0.1.0"

__all__ = ["MLP", "Trace", "Gradients", "History", "DivergenceError", "__version__"]


_LAZY_NAMES = {"MLPRegressor": "estimators", "MLPClassifier": "estimators"}


def __getattr__(name):
    """Import a submodule on first use (``mlpcourse.plots``, ``mlpcourse.datasets``, ...)."""
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'mlpcourse' has no attribute {name!r}")
