"""Saving and loading networks as ``.npz`` files that hold only numeric arrays and a JSON
configuration string, read without unpickling anything: a file cannot run code.

Three promises:

* **A failed save loses nothing.** The file is written under a temporary name in the same
  folder and then moved into place with ``os.replace`` (atomic on one file system), so a
  full disk or an interrupted write leaves the previous file byte for byte.
* **What save writes, load reads.** Both refuse the same networks (non-finite weights,
  arrays of the wrong shape or dtype, custom activations) and accept the same paths: a name
  without the ``.npz`` suffix gets one (``save("model")`` writes ``model.npz``, which
  ``load("model")`` reads), and a folder is refused.
* **Loading checks before it allocates.** The kind of file (from its first bytes), the
  configuration, and each array's shape and dtype (from its header) are checked before any
  array is read, and a configuration asking for more bytes than the file holds is refused.
"""
import json
import os
import secrets
import zipfile

import numpy as np

from . import _validation as v
from .activations import ACTIVATIONS, check_output_units, get_activation

FORMAT = "mlpcourse-mlp-1"
SUFFIX = ".npz"
MAX_CONFIG_CHARS = 10_000

#: What a file that is not an ``.npz`` archive is, from its first bytes.
FILE_KINDS = {
    b"\x93NUMPY": "a single numpy array saved with numpy.save (.npy), not a saved network",
    b"\x80": "a pickle file (pickled Python objects), which could run code when loaded",
    b"\x89HDF": "an HDF5 file (such as a Keras .h5 model), not a network saved by MLP.save",
    b"\x1f\x8b": "a gzip-compressed file, not a network saved by MLP.save",
}
ZIP_MAGIC = b"PK"
_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                   (2, 0): np.lib.format.read_array_header_2_0}


# ----------------------------------------------------------------- paths
def _as_name(path):
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    try:
        name = os.fspath(path)
    except TypeError:
        raise TypeError("path must be a file name (a str or pathlib.Path), got "
                        f"{type(path).__name__}") from None
    if not name:
        raise ValueError("path is empty: give a file name such as 'model.npz'")
    return name


def _refuse_folder(name):
    if os.path.isdir(name):
        raise IsADirectoryError(f"{name} is a folder: give a file name inside it, such as "
                                f"{os.path.join(name, 'model' + SUFFIX)!r}")


def save_path(path):
    """The file that ``save(path)`` writes: ``path`` with ``.npz`` appended if it lacks it."""
    name = _as_name(path)
    _refuse_folder(name)
    name = name if name.endswith(SUFFIX) else name + SUFFIX
    _refuse_folder(name)
    return name


def load_path(path):
    """The file that ``load(path)`` reads: the one ``save(path)`` writes, else ``path`` itself.

    So every name given to ``save`` loads back, and a file saved under another name (say a
    renamed ``model.bin``) is still found, then checked like any other.
    """
    name = _as_name(path)
    _refuse_folder(name)
    saved = name if name.endswith(SUFFIX) else name + SUFFIX
    for candidate in (saved, name):
        if os.path.isfile(candidate):
            return candidate
    _refuse_folder(saved)
    hint = "" if saved == name else f" (load({name!r}) reads {saved!r}, as save writes it)"
    raise FileNotFoundError(f"no saved network at {saved!r}{hint}")


# ----------------------------------------------------------------- checks shared by both
def _config(net):
    for role, act in (("activation", net.activation),
                      ("output_activation", net.output_activation)):
        if ACTIVATIONS.get(act.name) is not act:
            raise ValueError(f"cannot save a network with a custom {role} ({act.name!r}): "
                             "only activations from mlpcourse.activations.ACTIVATIONS are "
                             "stored by name")
    return {"format": FORMAT, "layer_sizes": [int(s) for s in net.layer_sizes],
            "activation": net.activation.name,
            "output_activation": net.output_activation.name, "dtype": net.dtype.name}


def expected_arrays(sizes):
    """``{"W0": (fan_in, fan_out), ..., "b0": (fan_out,), ...}`` for the layer sizes."""
    shapes = {f"W{i}": (a, b) for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]))}
    shapes.update({f"b{i}": (b,) for i, b in enumerate(sizes[1:])})
    return shapes


def _array_problem(key, shape, dtype, expected_shape, expected_dtype):
    """Why an array of ``shape`` and ``dtype`` cannot be array ``key`` (None if it can)."""
    if tuple(shape) != tuple(expected_shape) or dtype != expected_dtype:
        return (f"array {key} has shape {tuple(shape)} and dtype {dtype}, expected "
                f"{tuple(expected_shape)} and {expected_dtype}")
    return None


def _nonfinite_problem(key, array):
    if not np.all(np.isfinite(array)):
        return f"array {key} holds NaN or infinite values"
    return None


# ----------------------------------------------------------------- save
def _open_new(name):
    """Create ``name`` for writing (it must not exist); permissions follow the umask."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o666)
    return os.fdopen(fd, "wb")


def _write_atomic(name, arrays):
    """Write ``arrays`` as an .npz under a temporary name, then move it onto ``name``."""
    folder, base = os.path.split(os.path.abspath(name))
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"cannot save to {name}: the folder {folder} does not exist "
                                "(create it first, for example with os.makedirs)")
    temporary = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
    try:
        with _open_new(temporary) as f:
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, name)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def save(net, path):
    """Write ``net`` to ``path`` (``.npz`` appended if missing) and return the file name.

    Refuses, before writing anything, a network that :func:`load` would refuse: custom
    activations, weights with NaN or infinity (a diverged network), arrays whose shape or
    dtype does not match the architecture and the network's dtype.
    """
    config = _config(net)
    arrays = {f"W{i}": w for i, w in enumerate(net.weights)}
    arrays.update({f"b{i}": b for i, b in enumerate(net.biases)})
    for key, shape in expected_arrays(config["layer_sizes"]).items():
        arr = arrays[key]
        problem = (_array_problem(key, np.shape(arr), getattr(arr, "dtype", None), shape,
                                  net.dtype) or _nonfinite_problem(key, arr))
        if problem:
            raise ValueError(f"cannot save this network: {problem}, so the file could not "
                             "be loaded back")
    name = save_path(path)
    _write_atomic(name, dict(arrays, config=np.array(json.dumps(config))))
    return name


# ----------------------------------------------------------------- load
def _refuse(path, why):
    return ValueError(f"refusing to load {path}: {why}; only files written by MLP.save are "
                      "accepted")


def _describe(head):
    """What a file that does not start like a zip archive is, from its first bytes."""
    if not head:
        return "it is empty (0 bytes)"
    for magic, kind in FILE_KINDS.items():
        if head.startswith(magic):
            return f"it is {kind}"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as err:   # a character cut in two at the end is still text
        text = head[:err.start].decode("utf-8") if err.start >= len(head) - 3 else ""
    if text and all(c.isprintable() or c in "\t\r\n" for c in text):
        return f"it is a text file, not an .npz file (it begins {text[:40]!r})"
    return f"it is not an .npz file (it begins with the bytes {head[:8]!r})"


def _open_archive(path):
    with open(path, "rb") as f:
        head = f.read(64)
    if not head.startswith(ZIP_MAGIC):
        raise _refuse(path, _describe(head))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise _refuse(path, f"it is not a readable .npz file ({err})") from None
    names = archive.namelist()
    if not all(n.endswith(".npy") for n in names):
        archive.close()
        raise _refuse(path, f"it is a zip archive of other files ({', '.join(names[:5])}), "
                            "not an .npz file of arrays")
    return archive


def _header(archive, path, key):
    """Shape and dtype of array ``key`` from its .npy header, without reading its data."""
    try:
        with archive.open(key + ".npy") as f:
            version = np.lib.format.read_magic(f)
            shape, _, dtype = _HEADER_READERS[version](f)
    except (KeyError, ValueError, OSError, EOFError, zipfile.BadZipFile) as err:
        raise _refuse(path, f"array {key} is not a readable .npy array ({err})") from None
    if dtype.hasobject:
        raise _refuse(path, f"it holds pickled Python objects (array {key})")
    return shape, dtype


def _read(archive, path, key):
    try:
        with archive.open(key + ".npy") as f:
            return np.lib.format.read_array(f, allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as err:
        raise _refuse(path, f"array {key} is not readable ({err})") from None


def _read_config(archive, path):
    if "config.npy" not in archive.namelist():
        raise _refuse(path, "its configuration is missing or unreadable")
    shape, dtype = _header(archive, path, "config")
    if shape != () or dtype.kind != "U" or dtype.itemsize > 4 * MAX_CONFIG_CHARS:
        raise _refuse(path, "its configuration is missing or unreadable")
    try:
        config = json.loads(str(_read(archive, path, "config")))
    except json.JSONDecodeError:
        raise _refuse(path, "its configuration is missing or unreadable") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise _refuse(path, f"its format is not {FORMAT!r}")
    return config


def _checked_sizes(config, path):
    sizes = config.get("layer_sizes")
    if not isinstance(sizes, list) or len(sizes) < 2 or not all(
            type(s) is int and s > 0 for s in sizes):
        raise _refuse(path, f"its layer sizes are invalid ({sizes!r})")
    try:
        dtype = v.check_dtype(config.get("dtype"))
        get_activation(config.get("activation"))
        out = get_activation(config.get("output_activation"), output=True)
        check_output_units(out, sizes[-1])
    except (TypeError, ValueError) as err:
        raise _refuse(path, f"its configuration is invalid ({err})") from None
    return sizes, dtype


def _check_budget(sizes, dtype, path):
    """Refuse a configuration that needs more bytes than the whole file holds."""
    n_params = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))
    needed, available = n_params * dtype.itemsize, os.path.getsize(path)
    if needed > available:
        raise _refuse(path, f"its configuration asks for {n_params:,} parameters "
                            f"({_bytes(needed)}) but the file is only {_bytes(available)} "
                            "long")


def _bytes(n):
    for unit in ("bytes", "kB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.3g} {unit}" if unit != "bytes" else f"{n} bytes"
        n /= 1000


def load(cls, path):
    """Read a network written by :func:`save`, checking everything before allocating it."""
    path = load_path(path)
    with _open_archive(path) as archive:
        config = _read_config(archive, path)
        sizes, dtype = _checked_sizes(config, path)
        expected = expected_arrays(sizes)
        present = sorted(n[:-len(".npy")] for n in archive.namelist() if n != "config.npy")
        if present != sorted(expected):
            raise _refuse(path, f"it holds arrays {present}, expected {sorted(expected)}")
        _check_budget(sizes, dtype, path)
        for key, shape in expected.items():
            problem = _array_problem(key, *_header(archive, path, key), shape, dtype)
            if problem:
                raise _refuse(path, problem)
        arrays = {key: _read(archive, path, key) for key in expected}
    for key, arr in arrays.items():
        problem = _nonfinite_problem(key, arr)
        if problem:
            raise _refuse(path, problem)
    net = cls(sizes, config["activation"], config["output_activation"], init="zeros",
              dtype=dtype)
    net.weights = [arrays[f"W{i}"] for i in range(len(sizes) - 1)]
    net.biases = [arrays[f"b{i}"] for i in range(len(sizes) - 1)]
    return net
