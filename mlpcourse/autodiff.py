"""A small reverse-mode automatic differentiation engine (micrograd style, numpy values).

A :class:`Value` holds a number or a numpy array. Every operation on values returns a new
value that remembers its inputs (``parents``), the name of the operation (``op``) and a
small closure, ``_backward``, that applies the chain rule for that one operation. Each
closure sits right under the forward formula it differentiates, so an operation's local
derivative is on the same screen as the operation.

``loss.backward()`` then visits every value that ``loss`` depends on in reverse
topological order (outputs before inputs), without recursion, so a graph of a hundred
thousand operations works as well as a small one. See the chapter "Backpropagation".

Gradient rules, stated once:

* ``v.grad`` is d(root)/d(v) for the *root* of the latest ``root.backward()`` call, with
  the shape of ``v.data``.
* A value used twice (``a * a``, or ``a`` feeding two branches) receives the sum of the
  gradients of every path: the closures *add* into ``.grad``.
* Every ``backward()`` call first sets ``.grad`` of every value in its graph to zero, then
  propagates. Calling it twice gives the same gradients twice, never double gradients.
  To add the gradients of two losses, differentiate their sum: ``(loss1 + loss2).backward()``.

Example
-------
>>> a, b = Value(2.0, label="a"), Value(-3.0, label="b")
>>> f = (a * b + a) ** 2
>>> f.backward()
>>> f.data, a.grad, b.grad
(16.0, 16.0, -16.0)
"""
import numbers

import numpy as np

from ._shapes import matmul_grads, normalize_axes, unbroadcast

__all__ = ["Value", "as_value", "topological_order", "mlp_loss"]


def _as_data(x):
    """A Python float for scalars, a float64 array otherwise; anything else is refused."""
    arr = np.asarray(x) if not isinstance(x, str) else np.asarray([x])
    if arr.dtype.kind not in "biuf":
        what = f"the string {x!r}" if isinstance(x, str) else \
            f"{type(x).__name__} {x!r}" if arr.ndim == 0 else f"an array of dtype {arr.dtype}"
        raise TypeError(f"a Value holds real numbers (a float, or an array of them), got "
                        f"{what}")
    return float(arr) if arr.ndim == 0 else np.array(arr, dtype=np.float64)


def as_value(x):
    """Return ``x`` if it is a :class:`Value`, else a constant :class:`Value` holding it."""
    return x if isinstance(x, Value) else Value(x)


class Value:
    """A number or array in a computational graph, with the gradient found by ``backward``.

    Parameters
    ----------
    data : float or array-like
        The value (stored as a float, or as a float64 array).
    label : str, optional
        A name shown by :func:`mlpcourse.graphdraw.draw_graph` (``"w1"``, ``"loss"``).

    Attributes
    ----------
    data : float or ndarray
    grad : float or ndarray
        Gradient of the root of the latest ``backward()`` with respect to this value.
    parents : tuple of Value
        The inputs of the operation that made this value (empty for a leaf).
    op : str
        That operation's name (``"+"``, ``"*"``, ``"tanh"``, ...; empty for a leaf).
    """

    __array_ufunc__ = None  # ndarray + Value defers to Value.__radd__

    def __init__(self, data, label="", parents=(), op=""):
        self.data = _as_data(data)
        self.grad = self._zeros()
        self.label = label
        self.parents = tuple(parents)
        self.op = op
        self._backward = lambda: None

    def _zeros(self):
        return 0.0 if np.ndim(self.data) == 0 else np.zeros_like(self.data)

    @property
    def shape(self):
        return np.shape(self.data)

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        data = f"{self.data:.6g}" if np.ndim(self.data) == 0 else f"array of shape {self.shape}"
        return f"Value({name}{data}, op={self.op!r})" if self.op else f"Value({name}{data})"

    def _child(self, data, parents, op):
        return Value(data, parents=parents, op=op)

    # ------------------------------------------------------------------ arithmetic
    def __add__(self, other):
        other = as_value(other)
        out = self._child(self.data + other.data, (self, other), "+")

        def _backward():  # d(a + b)/da = 1, d(a + b)/db = 1
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = as_value(other)
        out = self._child(self.data * other.data, (self, other), "*")

        def _backward():  # d(a b)/da = b, d(a b)/db = a
            self.grad += unbroadcast(other.data * out.grad, self.shape)
            other.grad += unbroadcast(self.data * out.grad, other.shape)
        out._backward = _backward
        return out

    def __pow__(self, k):
        """``a ** k`` for a constant k, as numpy computes it: a negative base to a
        fractional power is NaN (with numpy's warning), 0 to a negative power is inf."""
        if isinstance(k, bool) or not isinstance(k, numbers.Real):
            raise TypeError("only a constant (int or float) exponent is supported: x ** 2")
        out = self._child(np.power(self.data, float(k)), (self,), f"**{k:g}")

        def _backward():  # d(a^k)/da = k a^(k-1), and 0 for k = 0 (even at a = 0)
            local = 0.0 if k == 0 else float(k) * np.power(self.data, float(k) - 1)
            self.grad += unbroadcast(np.multiply(local, out.grad), self.shape)
        out._backward = _backward
        return out

    def __matmul__(self, other):
        other = as_value(other)
        out = self._child(np.matmul(self.data, other.data), (self, other), "@")

        def _backward():  # Z = A @ W: dA = dZ @ W.T, dW = A.T @ dZ (and 1-D, batches)
            da, db = matmul_grads(np.asarray(self.data), np.asarray(other.data), out.grad)
            self.grad += unbroadcast(da, self.shape)
            other.grad += unbroadcast(db, other.shape)
        out._backward = _backward
        return out

    def __neg__(self):
        out = self._child(-self.data, (self,), "neg")

        def _backward():  # d(-a)/da = -1
            self.grad -= out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = as_value(other)
        out = self._child(self.data - other.data, (self, other), "-")

        def _backward():  # d(a - b)/da = 1, d(a - b)/db = -1
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad -= unbroadcast(out.grad, other.shape)
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = as_value(other)
        out = self._child(np.divide(self.data, other.data), (self, other), "/")

        def _backward():  # d(a / b)/da = 1 / b, d(a / b)/db = -a / b^2 (inf at b = 0)
            self.grad += unbroadcast(np.divide(out.grad, other.data), self.shape)
            other.grad -= unbroadcast(np.divide(np.multiply(out.grad, self.data),
                                                 np.square(other.data)), other.shape)
        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return as_value(other) - self

    def __rtruediv__(self, other):
        return as_value(other) / self

    def __rmatmul__(self, other):
        return as_value(other) @ self

    # ------------------------------------------------------------------ functions
    def exp(self):
        out = self._child(np.exp(self.data), (self,), "exp")

        def _backward():  # d(e^a)/da = e^a
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        """Natural logarithm, as numpy computes it: log(0) = -inf (with numpy's warning)."""
        out = self._child(np.log(self.data), (self,), "log")

        def _backward():  # d(log a)/da = 1 / a
            self.grad += unbroadcast(np.divide(out.grad, self.data), self.shape)
        out._backward = _backward
        return out

    def tanh(self):
        out = self._child(np.tanh(self.data), (self,), "tanh")

        def _backward():  # d(tanh a)/da = 1 - tanh(a)^2
            self.grad += (1 - out.data ** 2) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        from .activations import sigmoid
        out = self._child(_as_data(sigmoid(np.asarray(self.data))), (self,), "sigmoid")

        def _backward():  # d(sigma(a))/da = sigma(a) (1 - sigma(a))
            self.grad += out.data * (1 - out.data) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = self._child(np.maximum(self.data, 0.0), (self,), "relu")

        def _backward():  # d(max(a, 0))/da = 1 where a > 0, else 0
            self.grad += (np.asarray(self.data) > 0) * out.grad
        out._backward = _backward
        return out

    def sum(self, axis=None):
        """Sum over ``axis``: None (all entries), an int or a tuple of ints."""
        out = self._child(np.sum(self.data, axis=axis), (self,), "sum")
        axes = normalize_axes(axis, np.ndim(self.data))

        def _backward():  # every summed entry gets the gradient of the sum
            grad = out.grad if axes is None else np.expand_dims(out.grad, axes)
            self.grad += np.broadcast_to(grad, self.shape)
        out._backward = _backward
        return out

    def mean(self, axis=None):
        """Mean over ``axis`` (None, an int or a tuple of ints): the sum over the count."""
        total = self.sum(axis)
        axes = normalize_axes(axis, np.ndim(self.data))
        count = np.size(self.data) if axes is None else \
            int(np.prod([self.shape[a] for a in axes]))
        return total * (1.0 / count)

    # ------------------------------------------------------------------ backward pass
    def backward(self):
        """Fill ``.grad`` of every value this one depends on with d(self)/d(value).

        Every gradient in the graph is first set to zero, so calling ``backward`` twice
        gives the same result twice. The walk is iterative (no recursion limit).
        """
        order = topological_order(self)
        for node in order:
            node.grad = node._zeros()
        self.grad = 1.0 if np.ndim(self.data) == 0 else np.ones_like(self.data)
        for node in reversed(order):
            node._backward()


def topological_order(root):
    """Every value ``root`` depends on, inputs before the values computed from them.

    An iterative depth-first search (a stack, no recursion), so deep graphs are fine.
    """
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in node.parents if id(p) not in seen)
    return order


_ACTIVATION_METHODS = {"identity": lambda v: v, "tanh": Value.tanh, "sigmoid": Value.sigmoid,
                       "relu": Value.relu}


def mlp_loss(weights, biases, X, y, activation="tanh", output_activation="identity"):
    """Mean squared error of an MLP built from :class:`Value` parameters (matrix form).

    ``weights[i]`` and ``biases[i]`` are Values of shapes (fan_in, fan_out) and (fan_out,),
    as in :class:`mlpcourse.MLP`; ``X`` and ``y`` are arrays. Returns the loss Value, whose
    ``backward()`` fills the parameters' ``.grad`` exactly as ``MLP.backward`` computes them.
    """
    from ._validation import lookup
    for name in (activation, output_activation):
        lookup(name, _ACTIVATION_METHODS, "activation")
    A = as_value(X)
    for i, (W, b) in enumerate(zip(weights, biases)):
        last = i == len(weights) - 1
        A = _ACTIVATION_METHODS[output_activation if last else activation](A @ W + b)
    residual = A - np.asarray(y, dtype=np.float64).reshape(np.shape(A.data))
    return (residual * residual).mean()
