"""The placeholder a learner replaces: ``____`` (or ``...``).

A template cell holds ``____`` where the learner's answer goes. Arithmetic on ``____``
(``(784 + 1) * ____``, ``X @ ____ + b``) gives ``____`` again, so a half-filled template
still runs and reports "unattempted" instead of raising a confusing ``TypeError``.
"""
import numpy as np


class _Blank:
    """The type of the ``____`` placeholder (one instance)."""

    __array_ufunc__ = None  # numpy defers to our reflected operators: X @ ____ is ____

    def __repr__(self):
        return "____"

    def __bool__(self):
        return False

    def _same(self, *args, **kwargs):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _same
    __matmul__ = __rmatmul__ = __pow__ = __rpow__ = __mod__ = __rmod__ = _same
    __neg__ = __pos__ = __abs__ = _same
    __getitem__ = _same


____ = _Blank()


def is_placeholder(obj):
    """True if ``obj`` itself is a placeholder: ``____`` or ``...`` (Ellipsis)."""
    return obj is ____ or obj is Ellipsis


def contains_placeholder(obj, _depth=0):
    """True if ``obj`` is, or (in a list, tuple, dict or object array) holds, a placeholder."""
    if is_placeholder(obj):
        return True
    if _depth > 6:
        return False
    if isinstance(obj, dict):
        return any(contains_placeholder(v, _depth + 1) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return any(contains_placeholder(v, _depth + 1) for v in obj)
    if isinstance(obj, np.ndarray) and obj.dtype == object:
        return any(contains_placeholder(v, _depth + 1) for v in obj.ravel())
    return False
