"""Trials for function questions: drawn fresh for every check, shown when one fails.

Every ``check`` call seeds its own generator from the operating system's entropy, so the
trials differ from call to call: code that only works on the inputs it was tuned on (a
hard-coded learning rate, batch size or number of outputs) does not pass by luck. A failing
trial is shown in full (small arrays entry by entry) and kept in the question's
``last_inputs``, so that the learner can rerun their function on it.
"""
import numpy as np

from ._compare import values_match

_SHOWN = 24  # arrays up to this many entries are printed in full


def trial_rng(seed=None):
    """A generator for one check call: ``seed`` if given (tests), else fresh OS entropy."""
    return np.random.default_rng(seed)


def describe_value(value):
    """One input, readably: scalars in full, small arrays entry by entry, large ones by shape."""
    if isinstance(value, np.ndarray):
        if value.size <= _SHOWN:
            text = np.array2string(value, precision=4, separator=", ", suppress_small=False)
            return f"array of shape {value.shape}:\n        " + text.replace("\n", "\n        ")
        first = np.array2string(value.ravel()[:4], precision=4)
        return f"array of shape {value.shape} (first entries {first} ...)"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    return repr(value)


def describe_inputs(inputs):
    """The inputs of a trial, one per line: ``name = value``."""
    return "\n".join(f"    {name} = {describe_value(value)}" for name, value in inputs.items())


def perturbed(value):
    """A different value of a scalar argument (a learning rate, a delta), or ``None``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (float, np.floating)):
        return None
    return float(value) * 1.7 + 0.05


def ignored_argument(run_learner, reference, inputs, learner_value):
    """``(name, value, other value)`` of a scalar argument the learner ignores, or ``None``.

    ``run_learner(inputs)`` calls the learner's function and returns its ``Outcome``. An
    argument is ignored when changing it leaves the learner's output unchanged but changes
    the reference's: a hard-coded learning rate or threshold.
    """
    for name, value in inputs.items():
        other = perturbed(value)
        if other is None:
            continue
        changed = {**inputs, name: other}
        theirs, ours = run_learner(changed), reference(*changed.values())
        if theirs.failed or not values_match(theirs.value, learner_value, 1e-9, 1e-12):
            continue
        if not values_match(ours, reference(*inputs.values()), 1e-6, 1e-9):
            return name, value, other
    return None
