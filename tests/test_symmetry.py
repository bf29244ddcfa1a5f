"""mlpcourse.symmetry: units that are copies, merging them, and how different units are."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.initializers import constant
from mlpcourse.symmetry import (identical_units, independent_responses, merge_identical_units,
                                unit_distances)


def test_identical_units_groups_columns_and_biases():
    W = np.array([[1.0, 2.0, 1.0, 1.0],
                  [3.0, 4.0, 3.0, 3.0]])
    b = np.array([0.0, 0.0, 0.0, 1.0])
    assert identical_units(W) == [[0, 2, 3], [1]]
    assert identical_units(W, b) == [[0, 2], [1], [3]]
    assert identical_units(np.array([[0.0, -0.0]])) == [[0, 1]]
    near = W + np.array([0, 0, 1e-12, 0])
    assert identical_units(near, b) == [[0], [1], [2], [3]]
    assert identical_units(near, b, atol=1e-9) == [[0, 2], [1], [3]]
    with pytest.raises(ValueError, match="2-D"):
        identical_units(np.zeros(3))


def test_constant_init_trains_into_copies_equal_to_a_narrow_network():
    X = np.linspace(-1, 1, 40).reshape(-1, 1)
    y = np.sin(3 * X)
    net = MLP([1, 8, 8, 1], activation="tanh", init=constant(0.1))
    net.fit(X, y, epochs=30, batch_size=8, learning_rate=0.05, seed=0)
    for W, b in zip(net.weights[:-1], net.biases[:-1]):
        assert len(identical_units(W, b)) == 1
    narrow = merge_identical_units(net)
    assert narrow.layer_sizes == (1, 1, 1, 1)
    np.testing.assert_allclose(narrow.predict(X), net.predict(X), rtol=0, atol=1e-12)


def test_merge_keeps_a_random_network_unchanged():
    net = MLP([2, 5, 3, 1], activation="relu", seed=0)
    merged = merge_identical_units(net)
    assert merged.layer_sizes == net.layer_sizes
    X = np.random.default_rng(1).normal(size=(6, 2))
    np.testing.assert_allclose(merged.predict(X), net.predict(X))


def test_unit_distances_by_hand():
    A = np.array([[0.0, 1.0, 0.0],
                  [2.0, 1.0, 2.0]])
    D = unit_distances(A)
    # units 0 and 2 are copies; 0 and 1 differ by (-1, 1): RMS 1
    np.testing.assert_allclose(D, [[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    with pytest.raises(ValueError, match="2-D"):
        unit_distances(np.zeros(3))


def test_independent_responses_counts_the_shapes_a_layer_uses():
    x = np.linspace(-1, 1, 101)[:, None]
    assert independent_responses(np.hstack([x, 2 * x, -x])) == 1       # one shape, rescaled
    assert independent_responses(np.hstack([x, x ** 2, np.sin(5 * x)])) == 3
    assert independent_responses(np.zeros((5, 4))) == 0                 # nothing varies
    tiny = np.hstack([x, x + 1e-3 * x ** 2])                             # a 1e-7 share
    assert independent_responses(tiny) == 1
    assert independent_responses(tiny, share=1e-9) == 2
    with pytest.raises(ValueError, match="share"):
        independent_responses(x, share=1.5)


def test_a_constant_start_trains_copies_with_one_independent_response():
    X = np.linspace(-1, 1, 40).reshape(-1, 1)
    net = MLP([1, 6, 1], activation="tanh", init=constant(0.3))
    net.fit(X, np.sin(3 * X), epochs=20, batch_size=8, learning_rate=0.05, seed=0)
    assert independent_responses(net.forward_trace(X).activations[1]) == 1
    random = MLP([1, 6, 1], activation="tanh", init="glorot_uniform", seed=0)
    random.biases[0] = np.linspace(-1, 1, 6)            # units that switch at different x
    assert independent_responses(random.forward_trace(X).activations[1]) > 1
    assert np.all(unit_distances(net.forward_trace(X).activations[1]) < 1e-12)
