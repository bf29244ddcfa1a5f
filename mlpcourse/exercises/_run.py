"""Run a learner's function safely: on copies, catching errors, noticing in-place changes."""
import copy
import linecache
import os
import sys
import sysconfig
import traceback
import warnings

import numpy as np

_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGE = os.path.dirname(_HERE)  # mlpcourse itself: library code, not the learner's
_LIBRARY_DIRS = tuple(
    os.path.abspath(p) + os.sep
    for p in {sysconfig.get_paths()[k] for k in ("stdlib", "purelib", "platlib")}
    | {os.path.dirname(np.__file__), _PACKAGE}
)


class Outcome:
    """What one call of a function did: its return value or the exception it raised."""

    def __init__(self, value=None, error=None, modified=(), warned=()):
        self.value = value
        self.error = error
        self.modified = tuple(modified)  # names of array arguments changed in place
        self.warned = tuple(warned)  # the warnings the call emitted, as text

    def same_error(self, other):
        return (self.error is not None and other.error is not None
                and type(self.error) is type(other.error) and str(self.error) == str(other.error))


def call(fn, inputs):
    """Call ``fn(*inputs.values())`` on deep copies; report the result and in-place changes.

    Parameters
    ----------
    fn : callable
    inputs : dict
        Argument name -> value, passed positionally in this order (the learner may name the
        parameters differently).
    """
    given = copy.deepcopy(inputs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # recorded and reported, not printed to stderr
        try:
            value = fn(*given.values())
            error = None
        except Exception as exc:  # the learner's code raised: reported, never re-raised
            value, error = None, exc
    modified = [name for name, before in inputs.items()
                if isinstance(before, np.ndarray) and not _unchanged(before, given[name])]
    return Outcome(value, error, modified, [_warning_text(w) for w in caught])


def _warning_text(w):
    text = f"{w.category.__name__}: {w.message}"
    line = linecache.getline(w.filename, w.lineno).strip()
    if line and not _is_library(w.filename) and not w.filename.startswith(_HERE):
        text += f", at line {w.lineno}: {line}"
    return text


def _unchanged(before, after):
    return (isinstance(after, np.ndarray) and before.shape == after.shape
            and np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))


def _is_library(filename):
    return os.path.abspath(filename).startswith(_LIBRARY_DIRS)


def locate(exc, called_as=""):
    """Text naming the exception and the line of the learner's own code it came from.

    ``called_as`` (like ``"f(X, W, b)"``) is mentioned when the call itself failed, e.g. a
    function defined with the wrong number of parameters.
    """
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if not os.path.abspath(f.filename).startswith(_HERE + os.sep)]
    own = [f for f in frames if not _is_library(f.filename)]
    frame = own[-1] if own else (frames[-1] if frames else None)
    lines = [f"{type(exc).__name__}: {exc}"]
    if frame is not None:
        where = f"in `{frame.name}`, line {frame.lineno}" if frame.name != "<module>" else f"line {frame.lineno}"
        lines.append(f"raised {where}:")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    elif called_as:
        lines.append(f"raised by the call itself: your function is called as `{called_as}`; "
                     "check its parameters.")
    return "\n".join(lines)


def frame_module_name(depth_start=2):
    """Name of the first module on the call stack outside the exercises framework."""
    frame = sys._getframe(depth_start)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not name.startswith("mlpcourse.exercises._"):
            return name
        frame = frame.f_back
    return "__main__"
