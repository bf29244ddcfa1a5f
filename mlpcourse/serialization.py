"""Saving and loading networks as ``.npz`` files that hold only numeric arrays and a JSON
configuration string, loaded with ``allow_pickle=False``: a file cannot run code."""
import json
import zipfile

import numpy as np

from .activations import ACTIVATIONS

FORMAT = "mlpcourse-mlp-1"


def save(net, path):
    """Write ``net`` to ``path`` (an ``.npz`` file)."""
    for role, act in (("activation", net.activation), ("output_activation",
                                                        net.output_activation)):
        if ACTIVATIONS.get(act.name) is not act:
            raise ValueError(f"cannot save a network with a custom {role} ({act.name!r}): "
                             "only activations from mlpcourse.activations.ACTIVATIONS are "
                             "stored by name")
    config = {"format": FORMAT, "layer_sizes": list(net.layer_sizes),
              "activation": net.activation.name,
              "output_activation": net.output_activation.name, "dtype": net.dtype.name}
    arrays = {f"W{i}": w for i, w in enumerate(net.weights)}
    arrays.update({f"b{i}": b for i, b in enumerate(net.biases)})
    np.savez(path, config=np.array(json.dumps(config)), **arrays)


def _refuse(path, why):
    return ValueError(f"refusing to load {path}: {why}; only files written by MLP.save are "
                      "accepted")


def _read(path):
    try:
        with np.load(path, allow_pickle=False) as data:
            return {key: data[key] for key in data.files}
    except ValueError as err:
        raise _refuse(path, f"it holds pickled Python objects ({err})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as err:
        raise _refuse(path, f"it is not a readable .npz file ({err})") from None


def load(cls, path):
    """Read a network written by :func:`save`, checking every array against the config."""
    data = _read(path)
    try:
        config = json.loads(str(data.pop("config")))
    except (KeyError, json.JSONDecodeError):
        raise _refuse(path, "its configuration is missing or unreadable") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise _refuse(path, f"its format is not {FORMAT!r}")
    sizes = config.get("layer_sizes")
    if not isinstance(sizes, list) or len(sizes) < 2 or not all(
            isinstance(s, int) and s > 0 for s in sizes):
        raise _refuse(path, f"its layer sizes are invalid ({sizes!r})")
    try:
        net = cls(sizes, config.get("activation"), config.get("output_activation"),
                  init="zeros", dtype=config.get("dtype"))
    except (TypeError, ValueError) as err:
        raise _refuse(path, f"its configuration is invalid ({err})") from None
    expected = {f"W{i}": w.shape for i, w in enumerate(net.weights)}
    expected.update({f"b{i}": b.shape for i, b in enumerate(net.biases)})
    if set(data) != set(expected):
        raise _refuse(path, f"it holds arrays {sorted(data)}, expected {sorted(expected)}")
    for key, shape in expected.items():
        arr = data[key]
        if arr.shape != shape or arr.dtype != net.dtype:
            raise _refuse(path, f"array {key} has shape {arr.shape} and dtype {arr.dtype}, "
                                f"expected {shape} and {net.dtype}")
        if not np.all(np.isfinite(arr)):
            raise _refuse(path, f"array {key} holds NaN or infinite values")
    net.weights = [data[f"W{i}"] for i in range(len(net.weights))]
    net.biases = [data[f"b{i}"] for i in range(len(net.biases))]
    return net
