"""Exercises of the chapter "Initializing the weights" (book/initialization.ipynb).

``he_normal`` and ``glorot_uniform`` (initializers: large draws on random layer shapes,
checked by their shape, their use of ``rng``, their variance and a goodness-of-fit test),
``relu_depth_std`` (predict the activation std after ten ReLU layers),
``count_distinct_units`` (find the copies in a layer), ``scheme_for_tanh`` and
``scheme_for_relu`` (pick the scheme) and ``zero_biases`` (think).
"""
import numpy as np

from ._choice import ChoiceQuestion
from ._function import FunctionQuestion
from ._goodness import truncation_variance
from ._initializer import InitializerQuestion
from ._question import Mistake
from ._think import ThinkQuestion
from ._value import ValueQuestion


# ------------------------------------------------------------------------------- he_normal
def _he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


he_normal = InitializerQuestion(
    "he_normal", _he_normal, variance=lambda fi, fo: 2 / fi, family="normal",
    slips=[
        (lambda fi, fo: 2 / fo, "Your variance is 2 / fan_out. He initialization keeps the "
         "forward signal steady, so it divides by fan_in, the number of inputs of each unit."),
        (lambda fi, fo: 1 / fi, "Your variance is 1 / fan_in: that is LeCun's. He's has a factor "
         "2 to make up for ReLU, which sets half of its inputs to zero."),
        (lambda fi, fo: (2 / fi) ** 2, "Your weights have standard deviation 2 / fan_in: you "
         "passed the variance where numpy expects the standard deviation (`scale`). Take its "
         "square root."),
        (lambda fi, fo: 4 / fi, "Your variance is 4 / fan_in, twice too large: the factor 2 "
         "multiplies the variance, so the standard deviation gets only sqrt(2)."),
        (lambda fi, fo: 2 / (fi + fo), "Your variance is 2 / (fan_in + fan_out): that is "
         "Glorot's. He's uses fan_in alone, with a factor 2."),
        (lambda fi, fo: truncation_variance(2.0) * 2 / fi, "Your variance is 0.774 * 2 / fan_in: "
         "you truncated the normal at two standard deviations, and cutting off the tails "
         "lowers the variance by the factor 0.774. Truncating is fine (Keras does it), but "
         "then draw from a normal with standard deviation sqrt(2 / fan_in) / 0.8796."),
    ],
    prompt="Write `he_normal(fan_in, fan_out, rng)`: an array of shape (fan_in, fan_out) drawn "
           "from a normal distribution with mean 0 and variance 2 / fan_in, using the "
           "generator `rng`. (A normal truncated at two standard deviations, rescaled to the "
           "same variance, as in Keras, is accepted too.)",
    hints=["Use `rng.normal(loc, scale, size)`. Which of mean, variance, standard deviation is "
           "`scale`?",
           "`scale` is the standard deviation: the square root of the variance 2 / fan_in. The "
           "size is a tuple in the order of our weight matrices.",
           "`rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))`"],
    solution="He initialization draws each weight from N(0, 2 / fan_in). numpy's `rng.normal` "
             "takes the standard deviation, sqrt(2 / fan_in), and the shape (fan_in, fan_out) "
             "matches Z = X @ W. With fan_in = 400, the standard deviation is about 0.0707.",
    solution_code="def he_normal(fan_in, fan_out, rng):\n"
                  "    return rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))",
)


# -------------------------------------------------------------------------- glorot_uniform
def _glorot_limit(fan_in, fan_out):
    return np.sqrt(6.0 / (fan_in + fan_out))


def _glorot_uniform(fan_in, fan_out, rng):
    r = _glorot_limit(fan_in, fan_out)
    return rng.uniform(-r, r, size=(fan_in, fan_out))


glorot_uniform = InitializerQuestion(
    "glorot_uniform", _glorot_uniform, variance=lambda fi, fo: 2 / (fi + fo), family="uniform",
    limit=_glorot_limit,
    slips=[
        (lambda fi, fo: 2 / fi, "Your variance is 2 / fan_in, which uses fan_in alone. Glorot "
         "averages the two fans: variance 2 / (fan_in + fan_out)."),
        (lambda fi, fo: 2 / fo, "Your variance is 2 / fan_out, which uses fan_out alone. Glorot "
         "averages the two fans: variance 2 / (fan_in + fan_out)."),
        (lambda fi, fo: 2 / (3 * (fi + fo)), "Your limit is sqrt(2 / (fan_in + fan_out)): you used "
         "the target variance as if it were the square of the limit. U(-r, r) has variance "
         "r**2 / 3, so r = sqrt(3 * variance)."),
        (lambda fi, fo: 1 / (fi + fo), "Your variance is 1 / (fan_in + fan_out), half of what "
         "it should be. The average of the fans is (fan_in + fan_out) / 2, so the variance is "
         "1 / that average."),
        (lambda fi, fo: 12 / (fi + fo) ** 2, "Your limit is 6 / (fan_in + fan_out): the square "
         "root is missing."),
        (lambda fi, fo: 1 / (3 * fi), "That is the old heuristic U(-1/sqrt(fan_in), "
         "1/sqrt(fan_in)), whose variance 1 / (3 fan_in) is too small. Glorot's limit is "
         "sqrt(6 / (fan_in + fan_out))."),
    ],
    prompt="Write `glorot_uniform(fan_in, fan_out, rng)`: an array of shape (fan_in, fan_out) "
           "drawn uniformly between -r and r, chosen so that the variance is "
           "2 / (fan_in + fan_out), using the generator `rng`.",
    hints=["A uniform distribution on [-r, r] has variance r**2 / 3.",
           "Solve r**2 / 3 = 2 / (fan_in + fan_out) for r, then call "
           "`rng.uniform(low, high, size)`.",
           "`r = np.sqrt(6 / (fan_in + fan_out))`, then "
           "`rng.uniform(-r, r, size=(fan_in, fan_out))`."],
    solution="The variance of U(-r, r) is r**2 / 3. Setting it to 2 / (fan_in + fan_out) gives "
             "r = sqrt(6 / (fan_in + fan_out)). For fan_in = 400 and fan_out = 100, r is about "
             "0.110.",
    solution_code="def glorot_uniform(fan_in, fan_out, rng):\n"
                  "    r = np.sqrt(6 / (fan_in + fan_out))\n"
                  "    return rng.uniform(-r, r, size=(fan_in, fan_out))",
)


# -------------------------------------------------------------------------- relu_depth_std
RELU_WIDTH, RELU_SIGMA, RELU_STEPS = 256, 0.1, 10
_PER_LAYER = RELU_WIDTH * RELU_SIGMA ** 2 / 2  # variance ratio per ReLU layer: 1.28

relu_depth_std = ValueQuestion(
    "relu_depth_std", float(np.sqrt(_PER_LAYER) ** RELU_STEPS), rtol=0.02,
    mistakes=[
        Mistake(float(np.sqrt(2 * _PER_LAYER) ** RELU_STEPS),
                "You left out the factor 1/2 of ReLU: it sets the negative half of the "
                "pre-activations to zero, so E[a**2] = Var(z) / 2."),
        Mistake(float(_PER_LAYER ** RELU_STEPS),
                "You multiplied the standard deviation by the variance ratio at each layer. The "
                "std changes by the square root of that ratio."),
        Mistake(float(np.sqrt(RELU_WIDTH * RELU_SIGMA / 2) ** RELU_STEPS),
                "You used the standard deviation of the weights where their variance "
                "(sigma squared) belongs."),
        Mistake(float(np.sqrt(_PER_LAYER) ** (RELU_STEPS + 1)),
                "Count the steps: from layer 1 to layer 11 the signal crosses 10 layers, not 11."),
        Mistake(float(np.sqrt(_PER_LAYER) ** (RELU_STEPS - 1)),
                "Count the steps: from layer 1 to layer 11 the signal crosses 10 layers, not 9."),
    ],
    near=(0.3, "That is not the prediction of the formula, though it is near it: did you give "
          "a measured value? Single networks scatter by about 20% around the prediction (the "
          "mean over 16 seeds is about 3.7). This check asks for the prediction, worked out "
          "with pen and paper from the variance formula."),
    prompt="A ReLU network has hidden layers of 256 units, zero biases and weights drawn from "
           "N(0, sigma**2) with sigma = 0.1. The activations of hidden layer 1 have standard "
           "deviation 1. Predict, from the variance formula, the standard deviation of the "
           "activations of hidden layer 11, and check your prediction (not a measurement).",
    hints=["Work with variances: Var(z_{l+1}) = n sigma**2 E[a_l**2], and for ReLU "
           "E[a**2] = Var(z) / 2.",
           "Each layer multiplies the variance by n sigma**2 / 2 = 256 * 0.01 / 2 = 1.28, so the "
           "standard deviation by sqrt(1.28).",
           "Ten layers separate layer 1 from layer 11: the answer is sqrt(1.28) ** 10."],
    solution="Each ReLU layer multiplies the variance of the signal by n sigma**2 / 2 = 1.28 "
             "(the standard deviation of a ReLU's output is proportional to that of its input, "
             "so the ratio holds for activations too). Ten layers give 1.28 ** 5, about 3.44: "
             "the weights are about 13% too large for He's sqrt(2 / 256) = 0.088, and the "
             "error compounds.",
    solution_code="np.sqrt(256 * 0.1**2 / 2) ** 10   # 3.436",
)


# -------------------------------------------------------------------- count_distinct_units
def _count_distinct_units(W, b):
    return int(np.unique(np.vstack([W, b]), axis=1).shape[1])


def _trap_units(rng, fan_in):
    """Seven distinct units (columns, biases) that plausible wrong counts get wrong, each
    differently: 7 units, 6 distinct columns, 4 distinct biases, 3 distinct column sums and
    5 distinct column sums plus bias. Values are multiples of 1/8, so sums are exact."""
    values = np.arange(-16, 17) / 8
    while True:
        c0, c2, c5 = (rng.choice(values, fan_in, replace=False) for _ in range(3))
        b0, b1, b4, b5 = rng.choice(values, 4, replace=False)
        columns = np.column_stack([c0, c0, c2, np.roll(c2, 1), np.roll(c0, 1), c5, np.roll(c5, 1)])
        biases = np.array([b0, b1, b0, b0, b4, b5, b5])
        counts = (np.unique(np.vstack([columns, biases]), axis=1).shape[1],
                  np.unique(columns, axis=1).shape[1], np.unique(biases).size,
                  np.unique(columns.sum(axis=0)).size,
                  np.unique(columns.sum(axis=0) + biases).size)
        if counts == (7, 6, 4, 3, 5):  # no accidental coincidence spoils the traps
            return columns, biases


def _layer_with_copies(kind="traps"):
    """Inputs (W, b) of a random layer whose units fall into groups of exact copies.

    ``"traps"``: the groups are ``_trap_units``, so that counting columns, biases or column
    sums alone gives another number. ``"same_rows"``: every input row of W is identical
    (distinct rows say nothing about units). ``"one"``: every unit is a copy of the first
    (the zero-initialized layer after training).
    """
    def make(rng):
        fan_in = int(rng.integers(2, 6))
        if kind == "traps":
            columns, biases = _trap_units(rng, fan_in)
        else:
            n_groups = 1 if kind == "one" else int(rng.integers(3, 6))
            columns = rng.integers(-16, 17, size=(fan_in, n_groups)) / 8
            biases = rng.choice(np.arange(-16, 17) / 8, n_groups, replace=False)
            if kind == "same_rows":
                columns[:] = columns[0]
        n_groups = columns.shape[1]
        fan_out = int(rng.integers(n_groups + 2, n_groups + 7))
        groups = rng.permutation(np.concatenate(
            [np.arange(n_groups), rng.integers(0, n_groups, fan_out - n_groups)]))
        return {"W": columns[:, groups].copy(), "b": biases[groups].copy()}
    return make


count_distinct_units = FunctionQuestion(
    "count_distinct_units", _count_distinct_units,
    [_layer_with_copies("traps"), _layer_with_copies("same_rows"), _layer_with_copies("one"),
     _layer_with_copies("traps")],
    rtol=0, atol=0,
    mistakes=[
        Mistake(lambda W, b: int(np.unique(W, axis=0).shape[0]),
                "You counted distinct rows of W. Row i holds the weights leaving input i; the "
                "incoming weights of unit j are column j, `W[:, j]`."),
        Mistake(lambda W, b: int(np.unique(W, axis=1).shape[1]),
                "Two units with the same incoming weights but different biases compute "
                "different things: compare the biases too."),
        Mistake(lambda W, b: int(W.shape[1]),
                "You returned the number of units; count only the different ones."),
        Mistake(lambda W, b: int(np.unique(np.vstack([W, b]), axis=0).shape[0]),
                "You stacked the biases under W but then compared rows; compare columns."),
        Mistake(lambda W, b: int(np.unique(b).size),
                "You counted distinct biases only. Two units with the same bias but different "
                "incoming weights compute different things: compare whole columns of W too."),
        Mistake(lambda W, b: int(np.unique(W.sum(axis=0)).size),
                "You compared the sums of the columns of W. Different columns can have the "
                "same sum: compare the columns entry by entry, and the biases too."),
        Mistake(lambda W, b: int(np.unique(W.sum(axis=0) + b).size),
                "You compared each unit's column sum plus bias. Different units can give the "
                "same total: compare the columns entry by entry, and the biases."),
    ],
    prompt="Write `count_distinct_units(W, b)`: given a layer's weights W of shape "
           "(fan_in, fan_out) and biases b of shape (fan_out,), return how many of its units "
           "are different (units that are exact copies count once).",
    hints=["Unit j is described by its incoming weights `W[:, j]` and its bias `b[j]`.",
           "Stack the biases under W (`np.vstack([W, b])`, shape (fan_in + 1, fan_out)); then "
           "each unit is one column.",
           "`np.unique(..., axis=1)` keeps the distinct columns; count them with `.shape[1]`."],
    solution="A unit is its column of incoming weights plus its bias. Stacking b under W makes "
             "each unit one column; `np.unique(..., axis=1)` removes repeated columns, and the "
             "number left is the number of different units. For a zero-initialized layer "
             "after training it is 1.",
    solution_code="def count_distinct_units(W, b):\n"
                  "    return np.unique(np.vstack([W, b]), axis=1).shape[1]",
)


# ------------------------------------------------------------------------ scheme questions
_SCHEMES = {
    "a": "zeros: every weight 0",
    "b": "Glorot (Xavier) uniform: variance 2 / (fan_in + fan_out)",
    "c": "He normal: variance 2 / fan_in",
    "d": "normal with standard deviation 1, whatever the layer size",
}
_SCHEME_WHY = {
    "a": "Zeros keep every unit of a layer identical (and with tanh or ReLU no gradient reaches "
         "the hidden layers at all).",
    "d": "A fixed standard deviation of 1 ignores the layer size: with 100 inputs each "
         "pre-activation has variance about 100 and the units saturate or explode.",
}

scheme_for_tanh = ChoiceQuestion(
    "scheme_for_tanh", _SCHEMES, "b",
    explanations={**_SCHEME_WHY,
                  "c": "He's factor 2 makes up for ReLU discarding half the signal. tanh keeps "
                       "both signs and has slope 1 at 0, so the factor 2 makes the "
                       "pre-activations too large and pushes tanh towards saturation."},
    prompt="You build a 20-layer network with tanh hidden units. Which initialization suits it?",
    hints=["tanh is about the identity near 0 (slope 1), so a layer should keep the variance "
           "as it is: n Var(w) = 1.",
           "The scheme meant for tanh and the sigmoid balances the forward and the backward pass."],
    solution="Glorot (Xavier): for a unit-slope activation like tanh, keeping the variance needs "
             "Var(w) = 1 / fan_in forward and 1 / fan_out backward; Glorot takes the compromise "
             "2 / (fan_in + fan_out). LeCun's 1 / fan_in is also a good choice.",
)

scheme_for_relu = ChoiceQuestion(
    "scheme_for_relu", _SCHEMES, "c",
    explanations={**_SCHEME_WHY,
                  "b": "With equal fans Glorot gives variance 1 / n. ReLU halves the second "
                       "moment, so the signal variance halves at every layer: after 30 layers "
                       "it has shrunk about a billion times."},
    prompt="You build a 30-layer network with ReLU hidden units. Which initialization suits it?",
    hints=["ReLU sets the negative half of its inputs to 0: what does that do to the variance?",
           "To keep n Var(w) E[a**2] / Var(z) = 1 when E[a**2] = Var(z) / 2, Var(w) must be 2 / n."],
    solution="He: variance 2 / fan_in makes up for the half of the signal that ReLU removes, "
             "so the variance of the pre-activations stays the same from layer to layer.",
)


# ------------------------------------------------------------------------------ think
zero_biases = ThinkQuestion(
    "zero_biases",
    "Zero biases are harmless because the weights already break the symmetry. With random "
    "weights, the units of a layer compute different pre-activations, so their deltas "
    "dL/dz differ, and the gradient of each bias, the sum of its unit's deltas over the "
    "batch, differs too. The biases then move apart after the first step. Symmetry is a "
    "problem only if two units have the same incoming weights AND the same bias: then "
    "nothing in the forward or backward pass can tell them apart.",
    key_points=["The random weights already make every unit different.",
                "Different units get different deltas, hence different bias gradients.",
                "Only units with identical weights and biases stay identical."],
    prompt="Weights must not start equal, yet biases usually start at exactly 0 (all equal). "
           "Why is that not a problem?",
    hints=["What makes two units of a layer receive the same gradient?",
           "Look at the gradient of a bias: the sum over the batch of its unit's delta. When "
           "do two units have the same deltas?"],
)


# ==============================================================================
# Experiments: what the vanishing signal does to learning, and how large a scale trains.
# Appended for the sections "What the vanishing signal does to learning" and "The effect
# on training" (each question draws its trial networks from the generator it is given).
# ==============================================================================

def _weight_grad_rms(net, X, y):
    g = net.backward(net.forward_trace(X), y, loss="mse")
    return np.array([np.sqrt(np.mean(dW ** 2)) for dW in g.weight_grads])


def _network_trial(depth=None, n_samples=None):
    """Inputs (net, X, y) of a random MLP: widths, depth, activation, init, batch all drawn."""
    def make(rng):
        from mlpcourse import MLP
        layers = int(rng.integers(1, 5)) if depth is None else depth
        sizes = ([int(rng.integers(2, 7))] + [int(w) for w in rng.integers(3, 12, size=layers)]
                 + [int(rng.integers(1, 4))])
        net = MLP(sizes, activation=str(rng.choice(["relu", "tanh", "sigmoid"])),
                  init=str(rng.choice(["he_normal", "glorot_uniform", "lecun_normal"])),
                  seed=int(rng.integers(2 ** 31)))
        n = int(rng.integers(3, 30)) if n_samples is None else n_samples
        return {"net": net, "X": rng.normal(size=(n, sizes[0])),
                "y": rng.normal(size=(n, sizes[-1])) * float(rng.uniform(0.5, 3))}
    return make


def _rms_of(arrays):
    return np.array([np.sqrt(np.mean(np.square(a))) for a in arrays])


def _grads(net, X, y):
    return net.backward(net.forward_trace(X), y, loss="mse")


weight_grad_rms = FunctionQuestion(
    "weight_grad_rms", _weight_grad_rms,
    [_network_trial(), _network_trial(), _network_trial(depth=0), _network_trial(n_samples=1),
     _network_trial(depth=4)],
    rtol=1e-9, atol=1e-15,
    mistakes=[
        Mistake(lambda net, X, y: _rms_of(_grads(net, X, y).deltas),
                "You measured the errors delta_l = dL/dZ_l. The weight gradient multiplies "
                "each error by the activations entering the layer: dL/dW_l = A_{l-1}.T @ "
                "delta_l (`g.weight_grads`)."),
        Mistake(lambda net, X, y: _rms_of(_grads(net, X, y).activation_grads),
                "You measured dL/dA, the gradient with respect to the activations, which the "
                "chapter plotted first. The question asks for the weights' gradients, "
                "`g.weight_grads`."),
        Mistake(lambda net, X, y: np.array([dW.std() for dW in _grads(net, X, y).weight_grads]),
                "You took the standard deviation, which subtracts the mean gradient first. The "
                "root mean square is sqrt(mean(dW**2)), with no mean taken off."),
        Mistake(lambda net, X, y: np.array([np.linalg.norm(dW)
                                            for dW in _grads(net, X, y).weight_grads]),
                "np.linalg.norm is the square root of the *sum* of squares. The root mean square "
                "divides by the number of weights inside the root: sqrt(mean(dW**2))."),
        Mistake(lambda net, X, y: _weight_grad_rms(net, X, y)[::-1],
                "Your values are in reverse order: entry 0 must be the first layer (the one "
                "that reads the input), the last entry the output layer."),
        Mistake(lambda net, X, y: np.array([np.mean(np.abs(dW))
                                            for dW in _grads(net, X, y).weight_grads]),
                "You took the mean absolute value. The root mean square squares first, then "
                "averages, then takes the square root."),
        Mistake(lambda net, X, y: _rms_of(np.concatenate([dW.ravel(), db])
                                          for dW, db in zip(_grads(net, X, y).weight_grads,
                                                            _grads(net, X, y).bias_grads)),
                "You mixed the bias gradients in. Measure the weights' gradients alone."),
        Mistake(lambda net, X, y: _weight_grad_rms(net, X, y)[:-1],
                "You left out the output layer: return one value per weight matrix, "
                "`len(net.weights)` values."),
    ],
    prompt="Write `weight_grad_rms(net, X, y)`: for a network `net`, a batch `X` and targets "
           "`y`, backpropagate the mean squared error once and return, for every layer, the "
           "root mean square of the gradient of its weights, sqrt(mean((dL/dW_l)**2)): an "
           "array of shape (n_layers,), first layer first.",
    hints=["`net.backward(net.forward_trace(X), y, loss='mse')` returns the gradients; which "
           "of its lists holds dL/dW?",
           "`g.weight_grads[i]` has the shape of `net.weights[i]`. The root mean square of an "
           "array is `np.sqrt(np.mean(a ** 2))`.",
           "`np.array([np.sqrt(np.mean(dW ** 2)) for dW in g.weight_grads])`"],
    solution="One forward and one backward pass give every layer's weight gradient "
             "A_{l-1}.T @ delta_l; its root mean square measures how hard gradient descent "
             "pushes that layer. In a deep ReLU network the values are nearly the same in every "
             "layer, even when dL/dA vanishes towards the input.",
    solution_code="def weight_grad_rms(net, X, y):\n"
                  "    g = net.backward(net.forward_trace(X), y, loss='mse')\n"
                  "    return np.array([np.sqrt(np.mean(dW ** 2)) for dW in g.weight_grads])",
)


weight_grad_ratio = ChoiceQuestion(
    "weight_grad_ratio",
    {"a": "about 2**-15, some 3e-5: the gradient loses sqrt(2) per layer on its way down",
     "b": "about 1, within a factor of 10: every layer gets a gradient of the same size",
     "c": "about 2**15, some 3e4: the lower layers get the larger gradient",
     "d": "about 2**-30, some 1e-9: the gradient and the activations both shrink"},
    "b",
    explanations={
        "a": "That is what dL/dA does. The weight gradient dL/dW_l = A_{l-1}.T @ delta_l also "
             "multiplies by the activations entering the layer, which shrink by sqrt(2) per "
             "layer on their way *up*: in layer 1 they are full size, in layer 30 tiny.",
        "c": "Lower layers get the smaller error delta_l but the larger activations A_{l-1}; "
             "neither factor wins.",
        "d": "The two signals shrink in opposite directions: where the error is small (layer "
             "1), the activations are large, and the other way round. Their product does not "
             "compound.",
        "b": "Right. The forward signal shrinks by sqrt(2) per layer going up and the backward "
             "signal by sqrt(2) per layer going down, so A_{l-1}.T @ delta_l has about the same "
             "size in every layer: measured, about 3.5e-7 in layer 1 and 1.3e-7 in layer 30. "
             "Every layer starts equally slowed down.",
    },
    prompt="A ReLU network has 30 hidden layers of 100 units, weights with Glorot's variance "
           "(1/100 here) and zero biases. At initialization, dL/dA_l shrinks by about sqrt(2) "
           "per layer on its way down. Predict the ratio of the root mean squares of dL/dW_1 "
           "and dL/dW_30, before you measure it with your `weight_grad_rms`.",
    hints=["Write dL/dW_l = A_{l-1}.T @ delta_l. How do A_{l-1} and delta_l change with l?",
           "Going up, the activations lose sqrt(2) per layer (Glorot's variance with ReLU); "
           "going down, the errors do. What happens to their product?"],
    solution="(b). The activations entering layer l have shrunk by sqrt(2) per layer on the "
             "way up, the error delta_l by sqrt(2) per layer on the way down; the product is "
             "about 2**-15 of He's in *every* layer. Measure: "
             "`update_statistics('glorot_uniform', 'relu', depth=30, width=100)` gives "
             "weight_grad_rms[0] / weight_grad_rms[29], about 2.7.",
)


#: The scales of He's initialization tried in ``largest_he_scale``, and the training set-up.
HE_SCALES = (0.8, 0.9, 1.0, 1.04, 1.08, 1.2, 1.5)
DEEP_SETUP = dict(depth=30, width=32, n_samples=100, epochs=20, batch_size=20,
                  learning_rate=0.002, optimizer="momentum", seeds=5)
_HE_ANSWER = 1.04   # measured: tests/test_exercises_initialization_experiments.py repeats it


class _GridValueQuestion(ValueQuestion):
    """A value chosen from a fixed grid: anything off the grid is told so, by name."""

    def __init__(self, name, answer, grid, **kwargs):
        super().__init__(name, answer, rtol=0, atol=1e-6, **kwargs)
        self.grid = tuple(grid)

    def grade(self, value):
        if isinstance(value, (bool, np.bool_, complex, np.complexfloating)):
            kind = "a boolean" if isinstance(value, (bool, np.bool_)) else "a complex number"
            return self.incorrect(f"{value!r} is {kind}: give one of the scales "
                                  f"{list(self.grid)} as a real number.")
        if np.ndim(value) == 0 and isinstance(value, (int, float, np.integer, np.floating)):
            if not np.isfinite(value):
                return self.incorrect(f"{value} is not a scale; give one of {list(self.grid)}.")
            if not any(abs(float(value) - g) <= 1e-6 for g in self.grid):
                return self.incorrect(f"{value:g} is not one of the scales tried: choose among "
                                      f"{list(self.grid)}.")
        return super().grade(value)


largest_he_scale = _GridValueQuestion(
    "largest_he_scale", _HE_ANSWER, HE_SCALES,
    mistakes=[
        Mistake(1.0, "He's own scale trains, but it is not the largest that does: try the "
                     "scales between 1 and 1.1."),
        Mistake(0.9, "0.9 trains, but so do larger scales: find the largest."),
        Mistake(0.8, "At 0.8 most seeds are still stuck near the mean after 20 epochs: the "
                     "signal shrinks by 0.8 per layer, 0.8**30 = 1e-3 over 30 layers, and the "
                     "network starts almost frozen."),
        Mistake(1.08, "At 1.08 most seeds diverge in the first epochs: the signal grows by 1.08 "
                      "per layer, about 10 over 30 layers, and the gradient with it. Look "
                      "just below."),
        Mistake(1.2, "At 1.2 every seed diverges in epoch 1: 1.2**30 is about 240."),
        Mistake(1.5, "That is the chapter's example of a scale too large: every seed diverges "
                     "in epoch 1."),
    ],
    prompt="Train a 30-layer ReLU network of width 32 on 100 noisy samples of the sine "
           "(`sine(n_samples=100, noise=0.1, seed=0)`, input standardized) from 5 seeds, with "
           "He's weights times a scale, for 20 epochs of gradient descent with momentum "
           "(learning rate 0.002, batches of 20). A scale *trains* if no seed diverges and "
           f"every seed's loss after 20 epochs is below half the variance of y. Which is the "
           f"largest scale among {list(HE_SCALES)} that trains?",
    hints=["`StackedMLP.from_seeds([1] + [32] * 30 + [1], range(5), activation='relu', "
           "init=scaled('he_normal', scale))` builds the five networks; `fit` returns one "
           "history per seed, with `diverged` and `loss`.",
           "Loop over the scales, largest first, and stop at the first one whose five histories "
           "all have `diverged is None` and `loss[-1] < 0.5 * y.var()`.",
           "The window is narrow: 1.0 trains and 1.2 does not. Look at 1.04 and 1.08."],
    solution="1.04. Each layer multiplies the signal by the scale, so 30 layers multiply it by "
             "scale**30: 1.04**30 is about 3.2, 1.08**30 about 10. At 1.08 the first steps are "
             "already large enough to overflow in most seeds; at 0.8 the signal shrinks to "
             "1e-3 and training crawls. Deep networks leave a narrow window around He's scale.",
    solution_code="from mlpcourse.stacked import StackedMLP\n"
                  "from mlpcourse.signal import scaled\n"
                  "X, y = sine(n_samples=100, noise=0.1, seed=0)\n"
                  "x = (X - X.mean()) / X.std()\n"
                  "def trains(scale):\n"
                  "    nets = StackedMLP.from_seeds([1] + [32] * 30 + [1], range(5), "
                  "activation='relu', init=scaled('he_normal', scale))\n"
                  "    histories = nets.fit(x, y, epochs=20, batch_size=20, learning_rate=0.002, "
                  "optimizer='momentum', seed=0)\n"
                  "    return all(h.diverged is None and h.loss[-1] < 0.5 * y.var() "
                  "for h in histories)\n"
                  "max(s for s in (0.8, 0.9, 1.0, 1.04, 1.08, 1.2, 1.5) if trains(s))   # 1.04",
)
