"""mlpcourse: multilayer perceptrons and backpropagation in numpy, the companion package of
the mlpcourse book.

``import mlpcourse`` loads numpy only; the submodules that need matplotlib, ipywidgets,
scikit-learn or tqdm (plots, explorers, datasets, exercises) load when first used.
"""
import importlib

from .mlp import MLP, Gradients, Trace
from .training import DivergenceError, History

__version__ = "0.1.0"

_SUBMODULES = {"activations", "losses", "initializers", "optimizers", "training", "gradcheck",
               "datasets", "metrics", "plots", "explorers", "exercises", "serialization",
               "autodiff", "estimators", "playground"}

__all__ = ["MLP", "Trace", "Gradients", "History", "DivergenceError", "__version__"]


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'mlpcourse' has no attribute {name!r}")
