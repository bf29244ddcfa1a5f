"""Class predictions and accuracy from network outputs."""
import numpy as np
import pytest

from mlpcourse.metrics import accuracy, predicted_classes


def test_predicted_classes():
    np.testing.assert_array_equal(predicted_classes([[0.2], [0.5], [0.9]]), [0, 1, 1])
    np.testing.assert_array_equal(predicted_classes([0.1, 0.7]), [0, 1])
    np.testing.assert_array_equal(predicted_classes([[0.1, 0.7, 0.2], [3, 1, 2]]), [1, 0])


def test_accuracy_from_probabilities_scores_and_labels():
    y = np.array([0, 1, 1, 0])
    assert accuracy(y, np.array([[0.1], [0.8], [0.4], [0.3]])) == 0.75
    assert accuracy(y.reshape(-1, 1), np.array([0.1, 0.8, 0.6, 0.3])) == 1.0
    assert accuracy(y, np.array([[2.0, 1.0], [0.0, 1.0], [1.0, 3.0], [1.0, 0.0]])) == 1.0
    assert accuracy(y, np.array([0, 1, 0, 0])) == 0.75
    assert accuracy(y, np.array([False, True, True, True])) == 0.75
    assert isinstance(accuracy(y, y), float)


def test_accuracy_checks_lengths():
    with pytest.raises(ValueError, match="y_true has 3 labels but the output has 2 rows"):
        accuracy([0, 1, 1], [[0.2], [0.9]])
