"""Run a learner's function safely: on copies, within a time limit, catching errors and
printing, noticing in-place changes."""
import copy
import inspect
import linecache
import os
import sys
import sysconfig
import traceback
import warnings

import numpy as np

from ._guard import BoundedText, LearnerTimeout, captured_output
from ._guard import time_limit as guard_time

_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGE = os.path.dirname(_HERE)  # mlpcourse itself: library code, not the learner's
_LIBRARY_DIRS = tuple(
    os.path.abspath(p) + os.sep
    for p in {sysconfig.get_paths()[k] for k in ("stdlib", "purelib", "platlib")}
    | {os.path.dirname(np.__file__), _PACKAGE}
)


#: Seconds each call of the learner's code may take, unless a question sets its own
#: ``time_limit``; change it with ``mlpcourse.exercises.set_time_limit``.
DEFAULT_TIME_LIMIT = 5.0
_settings = {"time_limit": DEFAULT_TIME_LIMIT}


def set_time_limit(seconds):
    """Set how long (in seconds) each call of your code may run during a check.

    The default is 5 seconds per trial. ``None`` removes the limit. A question's own
    ``time_limit`` attribute, when set, takes precedence (model-fitting questions set one).
    """
    if seconds is not None and not (isinstance(seconds, (int, float)) and seconds > 0):
        raise ValueError(f"the time limit must be a positive number of seconds or None, "
                         f"not {seconds!r}")
    _settings["time_limit"] = seconds


def current_time_limit(own=None):
    """The limit that applies: a question's ``own`` limit, else the session's."""
    return own if own is not None else _settings["time_limit"]


class Outcome:
    """What one call of a function did: its return value or the exception it raised."""

    def __init__(self, value=None, error=None, modified=(), warned=(), printed="",
                 timed_out=False, exited=False, given=None):
        self.value = value
        self.error = error
        self.modified = tuple(modified)  # names of array arguments changed in place
        self.warned = tuple(warned)  # the warnings the call emitted, as text
        self.printed = printed  # a summary of what the call printed ("" if nothing)
        self.timed_out = timed_out  # the call ran past its time limit
        self.exited = exited  # the call raised SystemExit (sys.exit(), exit(), quit())
        self.given = given  # the copies of the inputs the function received, after the call

    @property
    def failed(self):
        """True when the call did not return a value (an exception, a timeout, an exit)."""
        return self.error is not None or self.timed_out or self.exited

    def same_error(self, other):
        return (self.error is not None and other.error is not None
                and type(self.error) is type(other.error) and str(self.error) == str(other.error))


def call(fn, inputs, time_limit=None):
    """Call ``fn(*inputs.values())`` on deep copies; report the result and in-place changes.

    Parameters
    ----------
    fn : callable
    inputs : dict
        Argument name -> value, passed positionally in this order (the learner may name the
        parameters differently).
    time_limit : float, optional
        Seconds the call may take (``None``: the session's limit, ``set_time_limit``).

    The call's printing is captured (``Outcome.printed`` summarises it), its warnings are
    recorded, ``SystemExit`` and a timeout become part of the outcome; ``KeyboardInterrupt``
    (the learner stopping the kernel) is let through.
    """
    given = copy.deepcopy(inputs)
    sink = BoundedText()
    value = error = None
    timed_out = exited = False
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # recorded and reported, not printed to stderr
        try:
            with captured_output(sink), guard_time(current_time_limit(time_limit)):
                value = fn(*given.values())
        except LearnerTimeout:
            timed_out = True
        except SystemExit as exc:
            exited, error = True, exc
        except Exception as exc:  # the learner's code raised: reported, never re-raised
            error = exc
    modified = [name for name, before in inputs.items()
                if isinstance(before, np.ndarray) and not _unchanged(before, given[name])]
    return Outcome(value, error, modified, [_warning_text(w) for w in caught], sink.summary(),
                   timed_out, exited, given)


def arity_problem(fn, names, called_as):
    """A message if ``fn`` cannot be called with ``len(names)`` positional arguments, else None."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # a builtin without a signature: let the call tell
        return None
    try:
        signature.bind(*names)
    except TypeError:
        params = [p.name for p in signature.parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        takes = f"({', '.join(params)})" if params else "no positional parameters"
        return (f"Your function takes {takes}, but it is called as `{called_as}`, with "
                f"{len(names)} argument{'s' if len(names) != 1 else ''}: give it one "
                "parameter for each, in that order.")
    return None


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


def is_learner_file(filename):
    """True for code the learner wrote: not the standard library, numpy, or mlpcourse."""
    if filename.startswith("<frozen"):  # the import machinery
        return False
    return not _is_library(filename) and not os.path.abspath(filename).startswith(_HERE + os.sep)


def failure_report(outcome, called_as, seconds):
    """``(status, message, details)`` for a call that did not return a value."""
    if outcome.timed_out:
        return ("incorrect",
                f"Your function did not finish within {seconds:g} "
                f"second{'' if seconds == 1 else 's'}, so the check stopped it. Is there a "
                "loop that never ends (a `while` whose condition stays true)? If your code is "
                "only slow, allow it more time with "
                "`mlpcourse.exercises.set_time_limit(30)`.", "")
    if outcome.exited:
        return ("error", "Your function called `sys.exit()` (or `exit()`, `quit()`), which "
                "would stop the check itself. Return the result instead.",
                locate(outcome.error, called_as))
    return "error", "your function raised an exception.", locate(outcome.error, called_as)
