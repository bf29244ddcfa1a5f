"""Tests of the structure chapter's exercises (mlpcourse/exercises/structure.py).

For each exercise: the reference answer passes, typical mistakes fail with the intended
message, the placeholder reports "unattempted"; the reference answers agree with mlpcourse.
"""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.exercises import ____, structure
from mlpcourse.exercises.structure import (
    dense_forward, forward_shapes, param_count, step_gradient, xor_weights,
)
from mlpcourse.exercises.testing import (
    args, assert_correct, assert_error, assert_mistake_caught, assert_passes_repeatedly,
    assert_unattempted, questions_in, reference_args,
)


def test_the_five_exercises_exist_with_hints_and_solutions():
    names = [q.name for q in questions_in(structure)]
    assert names[:6] == ["param_count", "dense_forward", "xor_weights", "nand_weights",
                         "forward_shapes", "step_gradient"]
    for q in questions_in(structure):
        assert 2 <= len(q.hints) <= 4, q.id
        assert q.solution_text and q.prompt, q.id
        assert q.chapter == "structure"


# --------------------------------------------------------------------------- param_count
def test_param_count_reference_agrees_with_mlp():
    assert param_count._answer == MLP([784, 300, 100, 10]).n_params == 266610
    assert_correct(param_count)
    assert_unattempted(param_count, ____)
    assert_unattempted(param_count, (784 + 1) * 300 + ____)


@pytest.mark.parametrize("answer, fragment", [
    (784 * 300 + 300 * 100 + 100 * 10, "forgot the biases"),
    (784 * 300, "only the weights between the first two layers"),
    (785 * 300, "only the first layer of connections"),
    (785 * 300 + 301 * 100, "left out the output layer"),
    (785 * 300 + 301 * 100 + 100 * 10, "output neurons have biases too"),
    (266200 + 784 + 300 + 100 + 10, "input neurons biases"),
    (266203, "one bias per layer"),
    (784 * 301 + 300 * 101 + 100 * 11, "wrong side"),
    (1194, "number of neurons"),
    (784 * 300 * 100 * 10, "multiplied all the layer sizes"),
    (266610.5, "whole number"),
    (266610.4, "266610.4 is not a whole number"),   # not "266610 is not a whole number"
    (123, "not the expected value"),
    (266610 + 0j, "complex"),
    (float("nan"), "is NaN"),                         # not "cannot convert float NaN"
    ("266610", "text"),
    ([266610], "shape"),
])
def test_param_count_mistakes(answer, fragment):
    assert_mistake_caught(param_count, answer, fragment)


def test_param_count_accepts_a_count_computed_in_floating_point():
    assert_correct(param_count, 266610.0000001)
    assert_correct(param_count, 785 * 300 + 301 * 100 + 101 * 10.0)


# ------------------------------------------------------------------------- dense_forward
def _template(X, W, b):
    return ____  # the notebook's placeholder cell


def test_dense_forward_right_answers():
    assert_passes_repeatedly(dense_forward, times=30)

    def with_a_loop(X, W, b):
        Z = np.zeros((X.shape[0], W.shape[1]))
        for i in range(X.shape[0]):
            for j in range(W.shape[1]):
                Z[i, j] = sum(X[i, k] * W[k, j] for k in range(W.shape[0])) + b[j]
        return Z
    assert_correct(dense_forward, with_a_loop)
    assert_correct(dense_forward, lambda X, W, b: np.einsum("ni,io->no", X, W) + b)
    assert_correct(dense_forward, lambda X, W, b: np.dot(X, W) + b.reshape(1, -1))


def test_dense_forward_reference_agrees_with_mlp():
    rng = np.random.default_rng(0)
    net = MLP([3, 4], activation="identity", output_activation="identity", seed=1)
    X = rng.normal(size=(5, 3))
    np.testing.assert_allclose(dense_forward._reference(X, net.weights[0], net.biases[0]),
                               net.forward(X))


@pytest.mark.parametrize("wrong, fragment", [
    (lambda X, W, b: X @ W.T + b, "transpose of W"),
    (lambda X, W, b: W @ X + b, "`W @ X`"),
    (lambda X, W, b: X @ W, "forgot the bias"),
    (lambda X, W, b: np.maximum(X @ W + b, 0.0), "ReLU"),
    (lambda X, W, b: np.tanh(X @ W + b), "wrong"),  # no declared mistake: entries named
    (lambda X, W, b: 1.0 / (1.0 + np.exp(-X @ W - b)), "sigmoid"),
    (lambda X, W, b: np.sum(X @ W + b, axis=0), "summed over the samples"),
    (lambda X, W, b: np.mean(X @ W + b, axis=0), "averaged over the samples"),
    (lambda X, W, b: X[0] @ W + b, "first sample only"),
    (lambda X, W, b: (X @ W + b).T, "transpose"),
    (lambda X, W, b: (X @ W + b).ravel(), "right numbers but has shape"),
    (lambda X, W, b: X @ W + b + 0j, "complex"),
    (lambda X, W, b: X[:8] @ W + b, "should have shape"),     # a hard-coded batch size
])
def test_dense_forward_mistakes(wrong, fragment):
    assert_mistake_caught(dense_forward, wrong, fragment, repeats=5)


def test_dense_forward_bias_as_a_column_raises_on_a_batch():
    result = assert_error(dense_forward, lambda X, W, b: X @ W + b.reshape(-1, 1), "ValueError")
    assert "b.reshape(-1, 1)" in result.details


def test_dense_forward_modifying_x_in_place():
    def bias_trick_in_place(X, W, b):
        X[:, 0] = 1.0  # overwrites the caller's data
        return X @ W + b
    assert_mistake_caught(dense_forward, bias_trick_in_place, "changed its input `X` in place")


def test_dense_forward_placeholder_and_errors():
    assert_unattempted(dense_forward, _template)
    assert_unattempted(dense_forward, ____)

    def typo(X, W, b):
        return X @ w + b  # noqa: F821
    result = assert_error(dense_forward, typo, "NameError")
    assert "return X @ w + b" in result.details


# --------------------------------------------------------------------------- xor_weights
W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
B1 = np.array([-0.5, -1.5])
W2 = np.array([[1.0], [-1.0]])
B2 = np.array([-0.5])


def test_xor_reference_computes_xor_with_mlp():
    weights, biases = reference_args(xor_weights)
    net = MLP.from_weights(weights, biases, activation="step", output_activation="step")
    np.testing.assert_array_equal(net.forward(structure.XOR_INPUTS).ravel(), [0, 1, 1, 0])
    result = assert_correct(xor_weights)
    assert "x1 x2 | XOR  | yours" in result.details


def test_xor_other_solutions_and_formats_pass():
    assert xor_weights.check((W1, W2), (B1, -0.5)).passed  # a scalar b2 is fine
    assert xor_weights.check([W1, W2], [B1.reshape(1, 2), B2.reshape(1, 1)]).passed  # rows
    # NOR and AND in the hidden layer, NOR at the output
    assert xor_weights.check([[[-1, 1], [-1, 1]], [[-1], [-1]]], [[0.5, -1.5], [0.5]]).passed
    # the hidden units in the other order
    assert xor_weights.check([W1[:, ::-1], W2[::-1]], [B1[::-1], B2]).passed


def test_xor_refuses_the_chapters_own_network():
    """The exercise asks for a network different from the chapter's AND(OR, NAND)."""
    chapter = ([[[1, -1], [1, -1]], [[1], [1]]], [[-0.5, 1.5], [-1.5]])
    r = assert_mistake_caught(xor_weights, args(*chapter), "it is the chapter's network")
    assert "OR and AND" in r.message and "1  1 |  0   |  0" in r.details
    # the same hidden functions with other numbers, and in the other order: still the chapter's
    assert_mistake_caught(xor_weights, args([[[-2, 2], [-2, 2]], [[1], [1]]], [[3, -1], [-1.5]]),
                          "chapter's network")


def test_xor_placeholder_and_shape_mistakes():
    assert_unattempted(xor_weights, [np.array([[1.0, ____], [1.0, 1.0]]), W2], [B1, B2])
    assert_unattempted(xor_weights, ____, ____)
    r = xor_weights.check([W1, W2.T], [B1, B2])
    assert r.status == "incorrect" and "(fan_in, fan_out)" in r.message
    r = xor_weights.check([W1, W2.ravel()], [B1, B2])
    assert r.status == "incorrect" and "column of shape (2, 1)" in r.message
    r = xor_weights.check([W1], [B1])
    assert r.status == "incorrect" and "two lists" in r.message
    r = xor_weights.check([W1, np.ones((3, 1))], [B1, B2])
    assert r.status == "incorrect" and "W2 should have shape (2, 1)" in r.message


def test_xor_thresholds_given_as_biases():
    r = assert_mistake_caught(xor_weights, args([W1, W2], [-B1, -B2]), "thresholds")
    assert "wrong for inputs (0, 0) and (1, 1)" in r.message
    assert "1  1 |  0   |  1   <- wrong" in r.details


def test_xor_transposed_first_layer():
    # hidden units OR (weights 1, 1) and NAND (weights -1, -1), given one row per unit
    rows_as_units = np.array([[1.0, 1.0], [-1.0, -1.0]])
    r = xor_weights.check([rows_as_units, [[1.0], [1.0]]], [[-0.5, 1.5], [-1.5]])
    assert r.status == "incorrect" and "W1 transposed" in r.message


@pytest.mark.parametrize("weights, biases, fragment", [
    ([W1, W2 + 0j], [B1, B2], "W2 is complex"),
    ([W1, W2], [[-0.5, np.nan], B2], "b1 contains NaN"),
    ([W1, W2], [[[-0.5], [-1.5]], B2], "b1 should have shape (2,)"),
    ([W1.ravel(), W2], [B1, B2], "W1 should have shape (2, 2)"),
    ([W1, [[1.0], [1.0]]], [B1, B2], "computes OR"),
    ([W1, W2], [B1, [0.5]], "1 for every input"),
    ([[[1, 1], [1, 1]], [[1], [1]]], [[-0.5, 1.5], [-1.5]], "computes OR"),
    ([[[1, 1], [1, 1]], [[1], [1]]], [[-0.5, -1.5], [-1.5]], "computes AND"),
])
def test_xor_catalogue(weights, biases, fragment):
    assert_mistake_caught(xor_weights, args(weights, biases), fragment)


def test_xor_named_functions_and_ties():
    r = xor_weights.check([W1, [[1.0], [0.0]]], [B1, B2])
    assert r.status == "incorrect" and "computes OR" in r.message
    r = xor_weights.check([W1, [[-1.0], [1.0]]], [B1, [0.5]])
    assert "XNOR" in r.message
    r = xor_weights.check([W1, W2], [[-1.0, -1.0], B2])  # unit 1 sits on its threshold
    assert r.status == "incorrect" and "exactly on its threshold" in r.message


# --------------------------------------------------------------------------- nand_weights
NAND = structure.nand_weights


def test_nand_reference_agrees_with_tlu():
    from mlpcourse.perceptron import tlu
    w, b = reference_args(NAND)
    np.testing.assert_array_equal(tlu(structure.XOR_INPUTS, w, b).ravel(), [1, 1, 1, 0])
    result = assert_correct(NAND)
    assert "x1 x2 | NAND | yours" in result.details
    assert_correct(NAND, [-2, -2], 3)
    assert_correct(NAND, np.array([[-1.0], [-1.0]]), np.array([1.5]))  # a column and (1,)
    assert_unattempted(NAND, ____, ____)
    assert_unattempted(NAND, [____, -1], 1.5)


@pytest.mark.parametrize("w, b, fragment", [
    ([1, 1], -1.5, "computes AND"),                    # AND, not NAND
    ([-1, -1], -1.5, "threshold"),                     # a threshold entered as the bias
    ([-1, -1], 2, "exactly on its threshold for input (1, 1)"),
    ([-1, -1], 0.5, "computes NOR"),
    ([1, 1], -0.5, "computes OR"),
    ([-1, 0], 0.5, "computes NOT x1"),
    ([-1, -1], [1.5, 1.5], "shape"),
    ([-1, -1, 1.5], 0, "w should have shape (2,)"),
    ([-1, -1], 1.5 + 0j, "complex"),
    ([np.nan, -1], 1.5, "NaN"),
])
def test_nand_catalogue(w, b, fragment):
    assert_mistake_caught(NAND, args(w, b), fragment)


# ------------------------------------------------------------------------ forward_shapes
def test_forward_shapes_agree_with_mlp():
    net = MLP([3, 5, 2], seed=0)
    trace = net.forward_trace(np.zeros((4, 3)))
    actual = {"X": trace.activations[0].shape}
    for i in (1, 2):
        actual.update({f"W{i}": net.weights[i - 1].shape, f"b{i}": net.biases[i - 1].shape,
                       f"Z{i}": trace.pre_activations[i - 1].shape, f"A{i}": trace.activations[i].shape})
    assert forward_shapes.expected == actual
    assert_correct(forward_shapes)


RIGHT_SHAPES = dict(structure._expected_shapes())


@pytest.mark.parametrize("change, fragment", [
    ({"W1": (5, 3)}, "(fan_out, fan_in)"),
    ({"W2": (2, 5)}, "W2 is stored (fan_in, fan_out) = (5, 2)"),
    ({"b1": (1, 5)}, "flat vector of shape (5,)"),
    ({"b1": (4, 5)}, "the same for every sample"),
    ({"Z1": (5, 4)}, "one row per sample"),
    ({"A2": (3, 2)}, "one row per sample (4 samples)"),
    ({"X": (3, 4)}, "one row per sample"),
    ({"Z2": (4, 5)}, "Z2 should have shape (4, 2)"),
    ({"b2": "2"}, "tuple of ints"),
])
def test_forward_shapes_mistakes_name_the_first_wrong_shape(change, fragment):
    assert_mistake_caught(forward_shapes, {**RIGHT_SHAPES, **change}, fragment)


def test_forward_shapes_blanks():
    assert_unattempted(forward_shapes, {name: ____ for name in RIGHT_SHAPES})
    partial = {**RIGHT_SHAPES, "Z2": ____, "A2": ____}
    result = assert_unattempted(forward_shapes, partial)
    assert "7 shapes you gave are right" in result.message and "Z2, A2" in result.message
    # a wrong shape is reported even while later ones are blank
    assert_mistake_caught(forward_shapes, {**partial, "W1": (5, 3)}, "(fan_in, fan_out)")


# ------------------------------------------------------------------------- step_gradient
def test_step_gradient_reveals_the_model_answer():
    result = assert_correct(step_gradient, "The step is flat, so the gradient is zero.")
    assert "derivative" in result.message and "[ ]" in result.details
    assert_unattempted(step_gradient, ____)
    assert_unattempted(step_gradient, "")
    assert "sigmoid" in step_gradient.solution().text
