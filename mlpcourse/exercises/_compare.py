"""Compare a learner's value with the expected one and say *how* it differs.

``diagnose`` returns ``None`` when the values match, else a message naming the most likely
slip: a transposed array, shape ``(n,)`` for ``(n, 1)``, a flipped sign, a factor 2, the
batch size (a sum where a mean was expected), ...
"""
import itertools

import numpy as np


def as_numeric(value):
    """``value`` as a float ndarray, or ``None`` if it is not real numbers.

    Complex numbers are not real numbers here (casting would silently drop the imaginary
    part), nor are booleans, strings, ``None`` or ragged lists.
    """
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None or callable(value):
        return None
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):  # ragged nested lists
        return None
    if arr.dtype == object or arr.dtype == bool or not (
            np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        return None
    return arr.astype(float)


def numeric_problem(value, label="Your answer"):
    """A message if ``value`` is not real, finite numbers; ``None`` if it is.

    Checked before any comparison, so that a complex number whose real part is right, or a
    NaN, gets a message in the learner's terms rather than a comparison's.
    """
    if value is None:
        return f"{label} is `None`: did you forget the `return` statement?"
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.dtype == bool):
        return f"{label} is a boolean ({value!r:.60}); give numbers."
    if isinstance(value, (str, bytes)):
        return f"{label} is the text {value!r:.60}; give numbers, not text."
    if callable(value):
        return f"{label} is a function; give the value it computes (call it)."
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):
        arr = None
    if arr is not None and np.iscomplexobj(arr):
        zero = " (its imaginary part is 0, but the type is still complex)" if \
            arr.size and not np.any(arr.imag) else ""
        return (f"{label} is complex{zero}. The answer is real: find where the complex numbers "
                "come from, e.g. `** 0.5` of a negative number, or `np.emath`.")
    if as_numeric(value) is None:
        return (f"{label} should be a number or an array of numbers, not "
                f"{type(value).__name__} {value!r:.60}.")
    if not np.all(np.isfinite(arr)):
        what = "NaN (not a number)" if np.isnan(arr).any() else "infinite"
        return (f"{label} is {what}." if arr.ndim == 0 else f"{label} contains {what} values.") + \
            " A NaN or an infinity comes from an overflow, 0 / 0, or the log or square root " \
            "of a negative number."
    return None


def values_match(got, expected, rtol=1e-6, atol=1e-9):
    """True if two values (numbers, arrays or tuples of them) agree in shape and value."""
    if isinstance(expected, (tuple, list)) and not _is_flat_numeric(expected):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(values_match(g, e, rtol, atol) for g, e in zip(got, expected))
        )
    if expected is None or isinstance(expected, str):
        return got == expected
    g, e = as_numeric(got), as_numeric(expected)
    if g is None or e is None or g.shape != e.shape:
        return False
    return bool(np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True))


def _order_message(got, expected, rtol, atol, label, names):
    """If the elements of ``got`` are those of ``expected`` in another order, say so."""
    n = len(expected)
    if n < 2 or n > 5:
        return None
    for order in itertools.permutations(range(n)):
        if list(order) != list(range(n)) and all(
                values_match(got[j], expected[i], rtol, atol) for i, j in enumerate(order)):
            names = list(names or [f"output {i}" for i in range(n)])
            yours = ", ".join(names[order.index(k)] for k in range(n))
            return (f"{label} has the right values in the wrong order: you returned "
                    f"({yours}); return ({', '.join(names)}).")
    return None


def _is_flat_numeric(seq):
    return all(isinstance(v, (int, float, np.number, bool)) for v in seq)


def _fmt(x):
    return f"{x:.6g}"


def _ratio_message(g, e, rtol, atol, label, batch_sizes):
    """If g == c * e for one constant c != 1, say so (sign, factor 2, batch size)."""
    big = np.abs(e) > 100 * atol
    if not big.any() or not np.allclose(g[~big], 0, atol=10 * atol + 1e-12):
        return None
    c = float(np.median(g[big] / e[big]))
    if not np.isfinite(c) or np.isclose(c, 1.0) or not np.allclose(g, c * e, rtol=rtol, atol=atol):
        return None
    for n in sorted(set(batch_sizes), reverse=True):
        if n > 2 and np.isclose(c, n):
            return (f"{label} is exactly {n} times the expected values, and {n} is the number of "
                    "samples in this batch: did you sum over the samples where a mean was expected?")
        if n > 2 and np.isclose(c, 1 / n):
            return (f"{label} is exactly {n} times smaller than expected, and {n} is the number of "
                    "samples in this batch: did you divide by the batch size where a sum was expected?")
    if np.isclose(c, -1.0):
        return f"{label} has the right size but the opposite sign everywhere: check the sign."
    if np.isclose(c, 2.0):
        return f"{label} is exactly twice the expected values: a factor 2 slipped in."
    if np.isclose(c, 0.5):
        return f"{label} is exactly half the expected values: a factor 2 went missing."
    if np.isclose(c, -2.0) or np.isclose(c, -0.5):
        return f"{label} has the opposite sign and is off by a factor 2 ({_fmt(c)} times the expected values)."
    if e.size == 1:  # any wrong number is "some multiple" of the right one: say nothing
        return None
    return f"{label} is exactly {_fmt(c)} times the expected values: a constant factor is off."


def _shape_message(g, e, rtol, atol, label):
    gs, es = g.shape, e.shape
    if len(gs) == 2 and gs == es[::-1] and np.allclose(g.T, e, rtol=rtol, atol=atol):
        return (f"{label} has shape {gs} but should have shape {es}: it is the transpose of the "
                "right answer. Rows are samples and columns are units (`Z = X @ W + b` with "
                "W of shape (fan_in, fan_out)).")
    if len(es) == 2 and es[1] == 1 and gs == (es[0],):
        return (f"{label} has shape {gs} where shape {es} (a column) was expected: keep the "
                "second axis, e.g. with `.reshape(-1, 1)` or `keepdims=True`.")
    if len(gs) == 2 and gs[1] == 1 and es == (gs[0],):
        return (f"{label} has shape {gs} where the flat shape {es} was expected: "
                "drop the extra axis, e.g. with `.ravel()`.")
    if g.size == e.size and np.allclose(g.ravel(), e.ravel(), rtol=rtol, atol=atol):
        return f"{label} holds the right numbers but has shape {gs} instead of {es}."
    return f"{label} has shape {gs} but should have shape {es}."


def diagnose(got, expected, *, rtol=1e-6, atol=1e-9, label="Your answer", batch_sizes=(), names=None):
    """``None`` if ``got`` matches ``expected``; otherwise a message saying how it differs.

    Parameters
    ----------
    got, expected : number, array-like, or tuple of them
        A tuple ``expected`` (several outputs) is compared element by element.
    batch_sizes : sequence of int
        Sizes that a "sum instead of mean" slip would multiply by (e.g. the number of samples).
    names : sequence of str, optional
        Names of the elements of a tuple ``expected`` (e.g. ``("dW", "db")``).
    """
    if got is None and expected is not None:
        return f"{label} is `None`: did you forget the `return` statement?"
    if isinstance(expected, (tuple, list)) and not _is_flat_numeric(expected):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"{label} should be a tuple of {len(expected)} values ({', '.join(names or [])})."
        message = _order_message(got, expected, rtol, atol, label, names)
        if message:
            return message
        for i, (g_i, e_i) in enumerate(zip(got, expected)):
            name = names[i] if names else f"output {i}"
            message = diagnose(g_i, e_i, rtol=rtol, atol=atol, label=f"{label} `{name}`",
                               batch_sizes=batch_sizes)
            if message:
                return message
        return None
    e = as_numeric(expected)
    if e is None:
        return None if got == expected else f"{label} is {got!r}; that is not it."
    problem = numeric_problem(got, label)
    if problem and np.isfinite(e).all():
        return problem
    g = as_numeric(got)
    if g is None:
        return problem
    if g.shape != e.shape:
        return _shape_message(g, e, rtol, atol, label)
    if np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
        return None
    if not np.any(g) and np.any(np.abs(e) > atol):
        return f"{label} is all zeros; the expected values are not."
    message = _ratio_message(g, e, rtol, atol, label, batch_sizes)
    if message:
        return message
    if e.ndim == 0:
        return f"{label} is {g.item():.10g}, which is not the expected value."
    bad = ~np.isclose(g, e, rtol=rtol, atol=atol)
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    return (f"{label} has the right shape {e.shape}, but {int(bad.sum())} of its {e.size} entries "
            f"are wrong; the first is at index {list(index)}: {_fmt(g[index])} instead of {_fmt(e[index])}.")
