"""Forward-mode automatic differentiation with dual numbers.

A **dual number** ``a + b ε`` pairs a value ``a`` with a tangent ``b``, where the symbol ``ε``
obeys ``ε² = 0``. Feed ``x + 1 ε`` into any computation built from the operations below and
the result is ``f(x) + f'(x) ε``: the derivative rides along with the value, one operation
at a time, in the same order as the computation itself. That is **forward mode**; the
reverse-mode engine of :mod:`mlpcourse.autodiff` walks the other way.

One forward pass gives the derivative of every output with respect to **one** input
direction. A gradient of ``P`` inputs therefore takes ``P`` passes (:func:`gradient`),
while reverse mode takes one. With one input and many outputs the balance flips
(:func:`derivative` of a vector-valued function is a single pass). See the chapter
"Backpropagation".

Each rule sits next to its forward formula in the table :data:`UNARY`: the name of a
function, the function, and its derivative.

Example
-------
>>> x = Dual(2.0, 1.0)             # x = 2, dx/dx = 1
>>> y = x * x + 3 * x              # y = x^2 + 3x
>>> y.value, y.tangent              # y(2) = 10, y'(2) = 2 * 2 + 3
(10.0, 7.0)
"""
import numbers

import numpy as np

__all__ = ["Dual", "UNARY", "derivative", "gradient"]


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # never overflows


#: name -> (function, its derivative): the local rules of forward mode.
UNARY = {
    "exp": (np.exp, np.exp),
    "log": (np.log, lambda a: 1.0 / a),
    "sin": (np.sin, np.cos),
    "cos": (np.cos, lambda a: -np.sin(a)),
    "tanh": (np.tanh, lambda a: 1.0 - np.tanh(a) ** 2),
    "sigmoid": (_sigmoid, lambda a: _sigmoid(a) * (1.0 - _sigmoid(a))),
    "relu": (lambda a: np.maximum(a, 0.0), lambda a: (np.asarray(a) > 0) * 1.0),
}


def _as_number(x, name):
    if isinstance(x, Dual):
        return x
    if isinstance(x, (bool, np.bool_)) or not (isinstance(x, numbers.Real)
                                              or isinstance(x, np.ndarray)):
        raise TypeError(f"{name} must be a real number, an array or a Dual, got "
                        f"{type(x).__name__} {x!r:.40}")
    return Dual(x, 0.0)  # a constant: its tangent is zero


def _as_data(x):
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=np.float64)


class Dual:
    """A value and its tangent (derivative along one input direction), ``value + tangent ε``.

    Parameters
    ----------
    value : float or ndarray
    tangent : float or ndarray, default 0
        d(value)/d(input) along the chosen direction; broadcast against ``value``.
    """

    __slots__ = ("value", "tangent")
    __array_ufunc__ = None  # ndarray * Dual defers to Dual.__rmul__

    def __init__(self, value, tangent=0.0):
        self.value = _as_data(value)
        self.tangent = _as_data(tangent)

    def __repr__(self):
        return f"Dual(value={self.value!r}, tangent={self.tangent!r})"

    # -- arithmetic: (a + b ε) op (c + d ε), with ε² = 0 -----------------------------------
    def __add__(self, other):
        other = _as_number(other, "the other operand")
        return Dual(self.value + other.value, self.tangent + other.tangent)

    def __sub__(self, other):
        other = _as_number(other, "the other operand")
        return Dual(self.value - other.value, self.tangent - other.tangent)

    def __mul__(self, other):  # (a + b ε)(c + d ε) = ac + (ad + bc) ε
        other = _as_number(other, "the other operand")
        return Dual(self.value * other.value,
                    self.value * other.tangent + self.tangent * other.value)

    def __truediv__(self, other):  # (a + b ε)/(c + d ε) = a/c + (bc - ad)/c² ε
        other = _as_number(other, "the divisor")
        return Dual(self.value / other.value,
                    (self.tangent * other.value - self.value * other.tangent)
                    / other.value ** 2)

    def __pow__(self, k):  # (a + b ε)^k = a^k + k a^(k-1) b ε, for a constant k
        if isinstance(k, Dual) or not isinstance(k, numbers.Real):
            raise TypeError("only a constant exponent is supported: x ** 2, not x ** y")
        return Dual(self.value ** k, k * self.value ** (k - 1) * self.tangent)

    def __neg__(self):
        return Dual(-self.value, -self.tangent)

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return _as_number(other, "the other operand") - self

    def __rmul__(self, other):
        return self * other

    def __rtruediv__(self, other):
        return _as_number(other, "the dividend") / self


def _unary(name):
    f, df = UNARY[name]

    def method(self):  # f(a + b ε) = f(a) + f'(a) b ε
        return Dual(f(self.value), df(self.value) * self.tangent)

    method.__name__ = name
    method.__doc__ = f"{name} of a dual number: value {name}(a), tangent {name}'(a) * b."
    return method


for _name in UNARY:
    setattr(Dual, _name, _unary(_name))


def derivative(f, x):
    """``f(x)`` and ``f'(x)`` in one forward pass: ``f`` is called once on ``Dual(x, 1)``.

    Parameters
    ----------
    f : callable
        A function of one number built from the operations of :class:`Dual`. It may return
        an array (one value per output): then the derivative is an array too.
    x : float

    Returns
    -------
    value, slope : float or ndarray
    """
    out = f(Dual(x, 1.0))
    if not isinstance(out, Dual):
        raise TypeError(f"f must compute with its argument and return a Dual, got "
                        f"{type(out).__name__}: does f ignore its input?")
    return out.value, out.tangent


def gradient(f, point):
    """The gradient of ``f`` at ``point`` by forward mode: one pass per input.

    Parameters
    ----------
    f : callable
        ``f(*inputs) -> Dual``, a scalar function of ``len(point)`` numbers.
    point : sequence of float
        Where to differentiate.

    Returns
    -------
    value : float
        ``f(*point)``.
    grad : ndarray of shape (len(point),)
        The partial derivatives, pass ``m`` seeding input ``m`` with tangent 1.
    n_passes : int
        How many times ``f`` ran: ``len(point)``.
    """
    point = [float(p) for p in point]
    if not point:
        raise ValueError("point must hold at least one input")
    grad = np.zeros(len(point))
    value = None
    for m in range(len(point)):
        seeded = [Dual(p, 1.0 if k == m else 0.0) for k, p in enumerate(point)]
        out = f(*seeded)
        if not isinstance(out, Dual) or np.ndim(out.value) != 0:
            raise TypeError("f must return one Dual number (a scalar loss)")
        value, grad[m] = out.value, out.tangent
    return value, grad, len(point)
