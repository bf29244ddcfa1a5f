"""mlpcourse.figures.stepthrough: the steps carry the network's own numbers, every weight and
gradient is labelled, and backward steps colour the connections by what they label."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse import MLP  # noqa: E402
from mlpcourse.figures.stepthrough import _fmt, backprop_steps, draw_step  # noqa: E402


@pytest.fixture(scope="module")
def example():
    net = MLP([2, 3, 1], activation="tanh", seed=3)
    x, y = np.array([0.5, -1.0]), 1.0
    grads = net.backward(net.forward_trace(x[None]), [[y]], loss="mse")
    return net, x, y, grads, backprop_steps(net, x, y)


def _labels(matrix, vector):
    stacked = np.vstack([matrix, np.reshape(vector, (1, -1))])
    return {(i, j): _fmt(stacked[i, j]) for i, j in np.ndindex(stacked.shape)}


def test_eight_steps_forward_then_backward(example):
    *_, steps = example
    assert [s.phase for s in steps] == ["forward"] * 4 + ["backward"] * 4


def test_every_weight_is_labelled_in_the_forward_pass(example):
    net, _, _, _, steps = example
    for step, layer in [(2, 0), (4, 1)]:
        expected = _labels(net.weights[layer], net.biases[layer])
        shown = {(i, j): t for (lay, i, j), t in steps[step - 1].edge_text.items()
                 if lay == layer}
        assert shown == expected
        np.testing.assert_allclose(steps[step - 1].edge_values[layer][:-1], net.weights[layer])


def test_backward_steps_show_and_colour_the_gradients(example):
    _, _, _, grads, steps = example
    for step, layer in [(6, 1), (8, 0)]:
        expected = _labels(grads.weight_grads[layer], grads.bias_grads[layer])
        shown = {(i, j): t for (lay, i, j), t in steps[step - 1].edge_text.items()
                 if lay == layer}
        assert shown == expected
        colour_by = steps[step - 1].edge_values[layer]
        np.testing.assert_allclose(colour_by[:-1], grads.weight_grads[layer])
        np.testing.assert_allclose(colour_by[-1], grads.bias_grads[layer])


def test_the_x1_to_h3_weight_and_gradient_are_shown(example):
    # the connection the review found hidden: x1 -> h3 (layer 0, source 0, target 2)
    net, _, _, grads, steps = example
    assert steps[1].edge_text[(0, 0, 2)] == _fmt(net.weights[0][0, 2])
    assert steps[7].edge_text[(0, 0, 2)] == _fmt(grads.weight_grads[0][0, 2])


def test_numbers_in_the_text_match_the_backward_pass(example):
    net, x, y, grads, steps = example
    out = net.forward(x[None])[0, 0]
    assert f"2 (ŷ − y) = {_fmt(2 * (out - y))}" in steps[4].explanation
    assert _fmt(grads.deltas[0][0, 2]) in steps[6].explanation
    assert steps[6].node_text[(1, 2)] == f"δ={_fmt(grads.deltas[0][0, 2])}"


def test_gradient_is_input_times_error(example):
    # the rule the explorer teaches: dW[i, j] = (value entering) * (error of the unit fed)
    net, x, _, grads, _ = example
    np.testing.assert_allclose(grads.weight_grads[0], np.outer(x, grads.deltas[0][0]))


def test_draw_every_step_and_refuse_bad_input(example):
    net, x, y, _, steps = example
    for k in (1, 7):
        fig = draw_step(steps, k)
        assert f"Step {k} of 8" in fig._suptitle.get_text()
        plt.close(fig)
    with pytest.raises(ValueError, match="between 1 and 8"):
        draw_step(steps, 9)
    with pytest.raises(ValueError, match="one hidden layer"):
        backprop_steps(MLP([2, 3, 3, 1], activation="tanh"), x, y)
    with pytest.raises(ValueError, match="tanh hidden layer"):
        backprop_steps(MLP([2, 3, 1], activation="relu"), x, y)
