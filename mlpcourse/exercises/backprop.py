"""Exercises of the chapter "Backpropagation" (book/backprop.ipynb).

``sigmoid_backward`` and ``dense_backward`` (backward functions, checked against finite
differences), ``graph_by_hand`` (gradients through a small graph), ``fd_passes`` (the cost
of finite differences), ``sgd_step`` (one mini-batch step), ``pick_learning_rate`` (train a
given problem within a number of epochs) and ``reverse_mode`` (think).
"""
import warnings

import numpy as np

from ._compare import numeric_problem
from ._function import FunctionQuestion
from ._question import Mistake, Question
from ._think import ThinkQuestion
from ._value import ValueQuestion


def _numgrad(f, x):
    from mlpcourse.gradcheck import numerical_gradient
    return numerical_gradient(f, np.array(x, dtype=np.float64))


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ------------------------------------------------------------------------ sigmoid_backward
def _sigmoid_backward(z, grad_a):
    s = _sigmoid(z)
    return grad_a * s * (1 - s)


def _sigmoid_numerical(z, grad_a):
    return _numgrad(lambda x: float(np.sum(_sigmoid(x) * grad_a)), z)


def _sigmoid_inputs(rng):
    n = int(rng.integers(3, 9))
    shape = (n, int(rng.choice([k for k in range(1, 6) if k != n])))  # never square
    return {"z": rng.normal(scale=2.0, size=shape), "grad_a": rng.normal(size=shape)}


sigmoid_backward = FunctionQuestion(
    "sigmoid_backward", _sigmoid_backward, _sigmoid_inputs, numerical=_sigmoid_numerical,
    prompt="Write `sigmoid_backward(z, grad_a)`: given the pre-activations `z` and the "
           "upstream gradient `grad_a` = dL/da (both of shape (n_samples, n_units)), return "
           "dL/dz for a = sigmoid(z).",
    mistakes=[
        Mistake(lambda z, grad_a: _sigmoid(z) * (1 - _sigmoid(z)),
                "You returned the local derivative sigma'(z) alone. The chain rule multiplies "
                "it by the upstream gradient `grad_a`."),
        Mistake(lambda z, grad_a: grad_a * z * (1 - z),
                "You used `z * (1 - z)`. The formula sigma'(z) = s (1 - s) is in terms of "
                "s = sigmoid(z), not of z: compute s first."),
        Mistake(lambda z, grad_a: grad_a * _sigmoid(z),
                "You multiplied by sigmoid(z) only; its derivative is "
                "sigmoid(z) * (1 - sigmoid(z))."),
        Mistake(lambda z, grad_a: grad_a * (1 - _sigmoid(z) ** 2),
                "That is the derivative of tanh (1 - a^2), not of the sigmoid."),
    ],
    hints=["The chain rule for an elementwise function: dL/dz = dL/da * da/dz, entry by entry.",
           "The sigmoid's derivative is sigma(z) (1 - sigma(z)).",
           "`s = 1 / (1 + np.exp(-z))`, then return `grad_a * s * (1 - s)`."],
    solution="With s = sigma(z), da/dz = s (1 - s) for each entry, and the chain rule "
             "multiplies it, entry by entry, by the upstream gradient: dL/dz = dL/da * s (1 - s). "
             "No matrix product is involved: the sigmoid acts on each entry alone.",
    solution_code="def sigmoid_backward(z, grad_a):\n"
                  "    s = 1 / (1 + np.exp(-z))\n"
                  "    return grad_a * s * (1 - s)",
)


# -------------------------------------------------------------------------- dense_backward
def _dense_backward(X, W, dZ):
    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)


def _dense_numerical(X, W, dZ):
    b = np.zeros(W.shape[1])

    def loss(X_, W_, b_):  # L = sum(Z * dZ) has dL/dZ = dZ
        return float(np.sum((X_ @ W_ + b_) * dZ))

    return (_numgrad(lambda x: loss(x, W, b), X), _numgrad(lambda w: loss(X, w, b), W),
            _numgrad(lambda c: loss(X, W, c), b))


def _dense_inputs(square=False):
    """A random layer: the batch size and the fans differ (a transposed product cannot run),
    or with ``square`` fan_in = fan_out (a transposed W still runs, with other numbers)."""
    def make(rng):
        fan_in = int(rng.integers(2, 6))
        fan_out = fan_in if square else int(rng.choice([k for k in range(2, 7) if k != fan_in]))
        n_samples = int(rng.choice([k for k in range(3, 10) if k not in (fan_in, fan_out)]))
        return {"X": rng.normal(size=(n_samples, fan_in)),
                "W": rng.normal(size=(fan_in, fan_out)),
                "dZ": rng.normal(size=(n_samples, fan_out))}
    return make


dense_backward = FunctionQuestion(
    "dense_backward", _dense_backward,
    [_dense_inputs(), _dense_inputs(square=True), _dense_inputs()],
    numerical=_dense_numerical, output_names=("dX", "dW", "db"),
    prompt="Write `dense_backward(X, W, dZ)` for the layer Z = X @ W + b: given the layer's "
           "input X (n_samples, fan_in), weights W (fan_in, fan_out) and dZ = dL/dZ "
           "(n_samples, fan_out), return the tuple (dX, dW, db).",
    mistakes=[
        Mistake(lambda X, W, dZ: (dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)),
                "Your `dW` is transposed: `dZ.T @ X` has shape (fan_out, fan_in). A gradient "
                "has the shape of its parameter: use `X.T @ dZ`, shape (fan_in, fan_out)."),
        Mistake(lambda X, W, dZ: (dZ @ W, X.T @ dZ, dZ.sum(axis=0)),
                "Your `dX` uses W where its transpose belongs: dL/dX = dZ @ W.T, which has "
                "the shape of X."),
        Mistake(lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ),
                "Your `db` still has one row per sample: the bias is shared by every sample "
                "of the batch, so its gradient sums dZ over the samples (axis 0)."),
        Mistake(lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)),
                "Your `db` averages dZ over the samples. The 1/N of the mean loss is already "
                "inside dZ: sum over the batch axis instead of averaging again."),
        Mistake(lambda X, W, dZ: (dZ @ W.T, X.T @ dZ / X.shape[0], dZ.sum(axis=0) / X.shape[0]),
                "Your `dW` and `db` are divided by the batch size. dZ already carries the 1/N "
                "of the mean loss; dividing again makes the gradients N times too small."),
        Mistake(lambda X, W, dZ: (dZ @ W.T, dZ.sum(axis=0), X.T @ dZ),
                "You swapped `dW` and `db`: return them in the order (dX, dW, db)."),
        Mistake(lambda X, W, dZ: (dZ @ W.T, X.T @ dZ, dZ.sum(axis=1)),
                "Your `db` sums over the wrong axis: axis 0 runs over the samples, axis 1 over "
                "the units. Sum over the samples."),
        Mistake(lambda X, W, dZ: (-(dZ @ W.T), -(X.T @ dZ), -dZ.sum(axis=0)),
                "Every gradient has the wrong sign. Z = X @ W + b has positive derivatives: "
                "the minus sign only appears in the gradient descent step, not here."),
        Mistake(lambda X, W, dZ: (dZ @ W.T, 2 * X.T @ dZ, 2 * dZ.sum(axis=0)),
                "Your `dW` and `db` are twice too large. The factor 2 of the squared error "
                "belongs to the loss's gradient (it is already inside dZ), not to the layer's."),
    ],
    hints=["Each gradient has the shape of the thing it differentiates: dX like X, dW like W, "
           "db like b. Let the shapes guide the matrix products.",
           "Z = X @ W + b, so dL/dW collects X (transposed) against dZ, and dL/dX sends dZ back "
           "through W (transposed). b is added to every row: its gradient adds up the rows.",
           "`return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)`"],
    solution="Entry by entry, Z[n, j] = sum_i X[n, i] W[i, j] + b[j]. So "
             "dL/dW[i, j] = sum_n X[n, i] dZ[n, j], which is `X.T @ dZ`; "
             "dL/dX[n, i] = sum_j dZ[n, j] W[i, j], which is `dZ @ W.T`; and, since b[j] is "
             "added to every sample, dL/db[j] = sum_n dZ[n, j]. The sum over the batch sits "
             "inside the matrix products for dW and explicitly in `sum(axis=0)` for db.",
    solution_code="def dense_backward(X, W, dZ):\n"
                  "    return dZ @ W.T, X.T @ dZ, dZ.sum(axis=0)",
)


# --------------------------------------------------------------------------- graph_by_hand
GRAPH_VALUES = {"a": 2.0, "b": -3.0, "c": 4.0}


def _graph_gradients(a, b, c):
    q = a * b + a
    return np.array([c * (b + 1), c * a, q])


graph_by_hand = ValueQuestion(
    "graph_by_hand", _graph_gradients(**GRAPH_VALUES),
    prompt="For f = (a * b + a) * c at a = 2, b = -3, c = 4, give the array "
           "[df/da, df/db, df/dc], computed by hand with the chain rule.",
    mistakes=[
        Mistake(np.array([4 * -3.0, 8.0, -4.0]),
                "Your df/da follows only the path through a * b. The variable a is used "
                "twice, so its gradient is the sum over both paths: through a * b and "
                "through the '+ a'."),
        Mistake(np.array([-2.0, 2.0, -4.0]),
                "Your df/da and df/db are only the local derivatives of q = a * b + a. "
                "Multiply them by the upstream gradient df/dq = c."),
        Mistake(np.array([-8.0, 8.0, -16.0]),
                "Your df/dc is the value of f; the derivative of q * c with respect to c is q."),
    ],
    hints=["Name the intermediate value q = a * b + a, so f = q * c. Work backward from f.",
           "df/dq = c and df/dc = q. Then a reaches q along two paths; add their gradients.",
           "q = -4. df/da = c * (b + 1), df/db = c * a, df/dc = q."],
    solution="Forward: a * b = -6, q = -6 + 2 = -4, f = -16. Backward: df/df = 1; "
             "df/dq = c = 4 and df/dc = q = -4. q = a * b + a, so dq/db = a = 2 and "
             "dq/da = b + 1 = -2 (the two paths through a add up). Hence df/db = 4 * 2 = 8 "
             "and df/da = 4 * (-2) = -8: the answer is [-8, 8, -4]. "
             "`mlpcourse.autodiff` gives the same numbers.",
    solution_code="from mlpcourse.autodiff import Value\n"
                  "a, b, c = Value(2.0), Value(-3.0), Value(4.0)\n"
                  "f = (a * b + a) * c\n"
                  "f.backward()\n"
                  "[a.grad, b.grad, c.grad]  # [-8.0, 8.0, -4.0]",
)


# ------------------------------------------------------------------------------- fd_passes
FD_SIZES = (784, 100, 10)
_FD_PARAMS = sum((n + 1) * m for n, m in zip(FD_SIZES[:-1], FD_SIZES[1:]))

fd_passes = ValueQuestion(
    "fd_passes", 2 * _FD_PARAMS, rtol=0, atol=0, integer=True, unit="forward passes",
    prompt="Central finite differences (`mlpcourse.gradcheck.numerical_gradient`) estimate "
           "the gradient of the loss of a 784-100-10 MLP. How many forward passes over the "
           "batch does that take?",
    mistakes=[
        Mistake(_FD_PARAMS, "That is one pass per parameter. Central differences evaluate "
                "the loss twice per parameter: at w + eps and at w - eps."),
        Mistake(_FD_PARAMS + 1, "That is the count for one-sided differences (one pass per "
                "parameter plus the unperturbed loss). Central differences need two passes "
                "per parameter."),
        Mistake(2 * (784 * 100 + 100 * 10), "You left out the biases: they are parameters "
                "too, and each needs its own pair of passes."),
        Mistake(2, "Two passes (one forward, one backward) is what backpropagation needs. "
                "Finite differences perturb one parameter at a time."),
    ],
    hints=["Finite differences nudge one parameter at a time and rerun the network.",
           "Count the parameters first: (784 + 1) * 100 + (100 + 1) * 10.",
           "Two passes per parameter: 2 * 79,510."],
    solution="The network has (784 + 1) * 100 + (100 + 1) * 10 = 79,510 parameters. Central "
             "differences evaluate the loss at w + eps and w - eps for each one: 159,020 "
             "forward passes, against one forward and one backward pass for backpropagation.",
)


# -------------------------------------------------------------------------------- sgd_step
def _sgd_step(W, b, X, y, learning_rate):
    P = X @ W + b                       # predict
    dP = 2 * (P - y) / P.size           # gradient of the mean squared error
    dW, db = X.T @ dP, dP.sum(axis=0)   # backward pass through Z = X @ W + b
    return W - learning_rate * dW, b - learning_rate * db


def _dense_grads(W, b, X, y):
    P = X @ W + b
    dP = 2 * (P - y) / P.size
    return X.T @ dP, dP.sum(axis=0)


_DIVISORS = {"entries": lambda P: P.size, "samples": lambda P: P.shape[0],
             "outputs": lambda P: P.shape[1], "none": lambda P: 1}


def _sgd_variant(grad_scale=1.0, sign=-1.0, divide="entries", update_b=True, db_mean=False,
                 dw_extra=1):
    """A (possibly wrong) SGD step: ``divide`` names what the gradient is divided by."""
    def step(W, b, X, y, learning_rate):
        P = X @ W + b
        dP = grad_scale * 2 * (P - y) / _DIVISORS[divide](P)
        dW = X.T @ dP / (X.shape[0] if dw_extra == "samples" else 1)
        db = dP.mean(axis=0) if db_mean else dP.sum(axis=0)
        return W + sign * learning_rate * dW, (b + sign * learning_rate * db) if update_b else b
    return step


def _sgd_inputs(n_outputs):
    """A random linear model and batch; ``n_outputs=None`` draws it too. Batch sizes, feature
    counts and learning rates vary from trial to trial, so none of them can be hard-coded."""
    def make(rng):
        k = int(rng.integers(1, 5)) if n_outputs is None else n_outputs
        n, d = int(rng.integers(6, 41)), int(rng.integers(1, 6))
        return {"W": rng.normal(size=(d, k)), "b": rng.normal(size=k),
                "X": rng.normal(size=(n, d)), "y": rng.normal(size=(n, k)),
                "learning_rate": float(np.exp(rng.uniform(np.log(0.01), np.log(0.5))))}
    return make


sgd_step = FunctionQuestion(
    "sgd_step", _sgd_step, [_sgd_inputs(2), _sgd_inputs(3), _sgd_inputs(1), _sgd_inputs(None)],
    output_names=("W_new", "b_new"),
    prompt="Write `sgd_step(W, b, X, y, learning_rate)` for a linear model P = X @ W + b "
           "trained on the mean squared error over all the entries of P: compute the "
           "mini-batch's gradients and return the updated (W_new, b_new), without changing W "
           "and b in place. X is (n, n_features), W (n_features, n_outputs), b (n_outputs,) "
           "and y (n, n_outputs): the model may have several outputs.",
    mistakes=[
        Mistake(_sgd_variant(sign=1.0), "You stepped *up* the gradient: gradient descent "
                "subtracts learning_rate * gradient."),
        Mistake(_sgd_variant(divide="none"), "Your step is as large as the batch is big: the "
                "loss is a *mean* over the entries of P, so its gradient has a 1/N in it, with "
                "N = P.size."),
        Mistake(_sgd_variant(divide="samples"), "You divided by the batch size n only. The "
                "loss averages over all n * n_outputs entries of P, so divide by `P.size`; the "
                "two agree only for a single output."),
        Mistake(_sgd_variant(divide="outputs"), "You divided by the number of outputs only. "
                "The loss averages over all n * n_outputs entries of P: divide by `P.size`."),
        Mistake(_sgd_variant(grad_scale=0.5), "Your step is half the right size: the "
                "derivative of (p - y)^2 is 2 (p - y)."),
        Mistake(_sgd_variant(update_b=False), "You left the bias unchanged: it is a "
                "parameter too and gets its own step, with the gradient summed over the batch."),
        Mistake(_sgd_variant(db_mean=True), "Your bias step averages dP over the batch, but dP "
                "already carries the 1/N of the mean loss: sum it over the samples (axis 0)."),
        Mistake(_sgd_variant(dw_extra="samples"), "Your weight step is divided by the batch size "
                "twice: dP already carries the 1/N of the mean loss, so dW = X.T @ dP as it is."),
        Mistake(lambda W, b, X, y, learning_rate: (W, b),
                "You returned W and b unchanged: compute the gradients and take the step."),
        Mistake(lambda W, b, X, y, learning_rate: _dense_grads(W, b, X, y),
                "You returned the gradients; return the *updated parameters* "
                "W - learning_rate * dW and b - learning_rate * db."),
    ],
    hints=["Four steps: predict P, take the loss's gradient dP = dL/dP, backpropagate to dW "
           "and db, step against them.",
           "For L = mean((P - y)^2) over the N entries, dL/dP = 2 (P - y) / N. For "
           "P = X @ W + b, dW = X.T @ dP and db = dP.sum(axis=0).",
           "`return W - learning_rate * dW, b - learning_rate * db` (new arrays, no `-=`)."],
    solution="Predict P = X @ W + b; the gradient of the mean squared error is "
             "dP = 2 (P - y) / N, with N = P.size = n * n_outputs entries; the layer's "
             "backward pass gives "
             "dW = X.T @ dP and db = dP.sum(axis=0); the step is W - lr dW, b - lr db. "
             "Returning new arrays keeps the caller's W and b intact.",
    solution_code="def sgd_step(W, b, X, y, learning_rate):\n"
                  "    P = X @ W + b\n"
                  "    dP = 2 * (P - y) / P.size\n"
                  "    dW, db = X.T @ dP, dP.sum(axis=0)\n"
                  "    return W - learning_rate * dW, b - learning_rate * db",
)


# ---------------------------------------------------------------------- pick_learning_rate
class LearningRateQuestion(Question):
    """Give a learning rate; the question trains the chapter's sine network with it and judges.

    The problem is the chapter's: 200 noisy samples of sin(x) (``sine(200, noise=0.1,
    seed=0)``) on standardized inputs, the 1-8-8-1 tanh network ``MLP([1, 8, 8, 1],
    activation="tanh", seed=0)``, mean squared error, plain SGD, mini-batches of 32,
    ``epochs`` epochs (``fit(..., seed=0)``). The rate passes when the final training loss
    is below ``target`` without diverging.
    """

    kind = "value"

    def __init__(self, name, *, epochs, target, reference, **kwargs):
        super().__init__(name, **kwargs)
        self.epochs, self.target = epochs, target
        self.reference_args = (reference,)

    def problem(self):
        """The data and the untrained network, the same on every call."""
        from mlpcourse import MLP
        from mlpcourse.datasets import sine
        X, y = sine(200, noise=0.1, seed=0)
        X = (X - X.mean()) / X.std()
        return X, y, MLP([1, 8, 8, 1], activation="tanh", seed=0)

    def train(self, learning_rate):
        """``(history, loss before training)``; overflow warnings of a diverging run are muted."""
        X, y, net = self.problem()
        start = float(np.mean((net.forward(X) - y) ** 2))
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            history = net.fit(X, y, loss="mse", epochs=self.epochs, batch_size=32,
                              learning_rate=learning_rate, on_nonfinite="stop", seed=0)
        return history, start

    def grade(self, learning_rate):
        problem = _rate_problem(learning_rate)
        if problem:
            return self.incorrect(problem)
        rate = float(learning_rate)
        history, start = self.train(rate)
        if history.diverged:
            return self.incorrect(
                f"With {rate:g} training diverged in epoch {history.diverged}: the loss became "
                "infinite. The learning rate is too large; try a smaller one.")
        final, peak = history.loss[-1], max(history.loss)
        if final < self.target:
            note = (f" The loss first rose to {peak:.3g} (from {start:.3f}) before it fell: "
                    "this rate is close to the edge where training diverges."
                    if peak > start else "")
            return self.correct(f"With {rate:g} the loss reached {final:.4f} after "
                                f"{self.epochs} epochs (target: below {self.target}).{note}")
        if final > 10 * start or peak > 100:
            return self.incorrect(
                f"With {rate:g} the loss grew to {final:.3g}: the steps overshoot "
                "and the loss is blowing up. The learning rate is too large.")
        return self.incorrect(
            f"With {rate:g} the loss went from {start:.3f} to {final:.3f} in "
            f"{self.epochs} epochs, above the target {self.target}. The learning rate is "
            "too small: the steps are too short to get there in time. Try a larger one.")


def _rate_problem(rate):
    """A message if ``rate`` is not a positive, finite real number."""
    if isinstance(rate, (bool, np.bool_, str)) or np.ndim(rate) != 0:
        return (f"Give the learning rate as one number, such as 0.5, not "
                f"{type(rate).__name__} {rate!r:.40}.")
    problem = numeric_problem(rate, "Your learning rate")
    if problem:
        return problem
    if not float(rate) > 0:
        return ("A learning rate must be a positive number: the step is "
                "-learning_rate * gradient.")
    return None


pick_learning_rate = LearningRateQuestion(
    "pick_learning_rate", epochs=40, target=0.04, reference=0.1,
    prompt="Find a learning rate with which the chapter's 1-8-8-1 tanh network fits the noisy "
           "sine data (mean squared error, plain SGD, mini-batches of 32, seed 0) to a "
           "training loss below 0.04 within 40 epochs.",
    hints=["Try values a factor of about 3 or 10 apart (0.001, 0.01, 0.1, 1) and read the "
           "feedback: it says whether the rate was too small or too large.",
           "Too small leaves the loss above the target; too large makes it blow up. The "
           "working range lies between 0.01 and 1.",
           "Something around 0.1 works."],
    solution="Rates from about 0.03 to 0.35 work. At 0.01 the loss is still near 0.06 after "
             "40 epochs (too slow); from about 0.37 on, training diverges. 0.1 reaches about "
             "0.027. Near the top of the range (0.25 to 0.35) the loss first jumps up, to "
             "above 0.5, before it settles: the steps overshoot but still come back.",
    solution_code="pick_learning_rate.check(0.1)",
)


# ----------------------------------------------------------------------------- reverse_mode
reverse_mode = ThinkQuestion(
    "reverse_mode",
    "A network has one loss (a single output number) and many weights (the inputs of the "
    "function we differentiate). Forward mode carries the derivative with respect to ONE "
    "input through the whole computation, so it needs one pass per weight: millions of "
    "passes. Reverse mode carries the derivative of ONE output backward, and a single "
    "backward pass yields the derivative with respect to every weight at once, at a cost "
    "of a small constant times one forward pass. The price is memory: the forward pass "
    "must keep its intermediate results for the backward pass.",
    key_points=["forward mode: one pass per input (per weight)",
                "reverse mode: one pass per output; a network has one loss",
                "so one backward pass gives all the weight gradients, at a few times the "
                "cost of a forward pass",
                "the cost: storing the forward pass's intermediate values"],
    prompt="In two or three sentences: why does reverse mode (backpropagation) suit a "
           "network with one loss and millions of weights better than forward mode?",
    hints=["Count the passes each mode needs: one per what?",
           "Forward mode needs one pass per input variable, reverse mode one per output."],
)


# ------------------------------------------------------------------ capstone: mlp_backward
from ._capstone import BackwardQuestion  # noqa: E402  (appended section: the capstone)
from ._training_task import TrainingQuestion, reference_step  # noqa: E402

_BACKWARD_CODE = """def backward(X, Y, W1, b1, W2, b2):
    Z1 = X @ W1 + b1                      # forward pass, keeping what backward needs
    A1 = np.tanh(Z1)
    P = A1 @ W2 + b2
    dP = 2 * (P - Y) / P.size             # the mean over all n * k entries
    dW2, db2 = A1.T @ dP, dP.sum(axis=0)  # output layer: value entering times error
    dA1 = dP @ W2.T                       # back along W2
    dZ1 = dA1 * (1 - A1 ** 2)             # through tanh
    dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0) # hidden layer: same rule
    return dW1, db1, dW2, db2"""

mlp_backward = BackwardQuestion(
    "mlp_backward",
    prompt="Write `backward(X, Y, W1, b1, W2, b2)` for the two-layer network "
           "Z1 = X @ W1 + b1, A1 = tanh(Z1), P = A1 @ W2 + b2, with the mean squared error "
           "over all n * k entries of P. Return the gradients (dW1, db1, dW2, db2), each "
           "with the shape of its parameter.",
    hints=["Run the forward pass first and keep Z1 (or A1) and P: the backward pass needs "
           "them. Then go backward one operation at a time.",
           "dP = 2 (P - Y) / P.size. The output layer is a dense layer: dW2 = A1.T @ dP, "
           "db2 = dP.sum(axis=0), and the gradient sent back is dA1 = dP @ W2.T.",
           "Through tanh: dZ1 = dA1 * (1 - A1**2). Then the hidden layer, like the output "
           "layer: dW1 = X.T @ dZ1, db1 = dZ1.sum(axis=0)."],
    solution="Forward: Z1, A1 = tanh(Z1), P. The loss is the mean of (P - Y)^2 over all "
             "P.size entries, so dP = 2 (P - Y) / P.size. The output layer Z = A1 @ W2 + b2 "
             "gives dW2 = A1.T @ dP and db2 = dP.sum(axis=0) (each weight's gradient is the "
             "value entering it times the error of the unit it feeds, summed over the "
             "batch), and sends dA1 = dP @ W2.T back. tanh multiplies by its local "
             "derivative 1 - A1^2: dZ1 = dA1 * (1 - A1^2). The hidden layer repeats the "
             "dense rule with X as its input.",
    solution_code=_BACKWARD_CODE,
)


# ------------------------------------------------------------------ capstone: mlp_train
mlp_train = TrainingQuestion(
    "mlp_train", reference=(mlp_backward.reference_args[0], reference_step),
    prompt="Write `sgd_step(params, grads, learning_rate)`, which returns the new list of "
           "parameters [W1 - lr dW1, b1 - lr db1, W2 - lr dW2, b2 - lr db2] without changing "
           "the old arrays. The check trains a 1-16-2 tanh network with your `backward` and "
           "your `sgd_step` on fresh noisy (sin x, cos x) data, and compares it with the "
           "best straight line.",
    hints=["`params` and `grads` are lists in the same order, (W1, b1, W2, b2) and "
           "(dW1, db1, dW2, db2): walk them together with `zip`.",
           "Each new parameter is `p - learning_rate * g`, a new array (no `-=`).",
           "`return [p - learning_rate * g for p, g in zip(params, grads)]`"],
    solution="Gradient descent moves every parameter a small step against its own gradient: "
             "p - learning_rate * g. Returning new arrays keeps the caller's parameters "
             "intact. With a correct backward pass, 100 epochs of this step bring the "
             "network's loss far below that of the best straight line.",
    solution_code="def sgd_step(params, grads, learning_rate):\n"
                  "    return [p - learning_rate * g for p, g in zip(params, grads)]",
)
