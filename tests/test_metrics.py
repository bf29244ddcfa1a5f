"""Class predictions and accuracy from network outputs."""
import numpy as np
import pytest

from mlpcourse.metrics import accuracy, mean_absolute_error, predicted_classes, rmse


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


def test_rmse_and_mae_match_scikit_learn_whatever_the_column_shape():
    from sklearn.metrics import mean_absolute_error as sk_mae, mean_squared_error
    rng = np.random.default_rng(0)
    y, p = rng.normal(size=(20, 1)), rng.normal(size=20)   # (n, 1) against (n,)
    assert rmse(y, p) == pytest.approx(np.sqrt(mean_squared_error(y.ravel(), p)))
    assert mean_absolute_error(y, p) == pytest.approx(sk_mae(y.ravel(), p))
    # worked by hand: errors 1 and -3 -> RMSE sqrt(5), MAE 2
    assert rmse([0, 0], [1, -3]) == pytest.approx(np.sqrt(5))
    assert mean_absolute_error([0, 0], [1, -3]) == 2


def test_rmse_refuses_mismatched_sizes():
    with pytest.raises(ValueError, match="y_true has 3 values but y_pred has 2"):
        rmse([1, 2, 3], [1, 2])
