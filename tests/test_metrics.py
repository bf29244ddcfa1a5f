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
    with pytest.raises(ValueError, match=r"y_true has shape \(3,\) but y_pred has shape \(2,\)"):
        rmse([1, 2, 3], [1, 2])


# ----------------------------------------------------------------- refuse instead of guessing
def test_float_class_labels_are_labels_not_probabilities():
    """[0., 1., 2.] are three class labels: thresholding them at 0.5 would turn 2 into 1."""
    y = np.array([0, 1, 2, 2])
    assert accuracy(y, np.array([0.0, 1.0, 2.0, 1.0])) == 0.75
    assert accuracy(y.astype(float), np.array([0, 1, 2, 2])) == 1.0
    assert accuracy(y.astype(float).reshape(-1, 1), np.array([[0.0], [1.0], [2.0], [2.0]])) \
        == 1.0


@pytest.mark.parametrize("y_true, output, error, match", [
    (["cat", "dog"], [0, 1], TypeError, r"y_true holds strings \('cat', 'dog'\); accuracy "
                                        r"compares integer class labels"),
    ([0, 1], np.array(["0", "1"]), TypeError, r"output holds strings"),
    ([0.5, 1.0], [0, 1], ValueError, r"y_true holds 0.5, which is not a class label"),
    ([-1, 1], [0, 1], ValueError, r"y_true holds -1, which is not a class label"),
    ([0, 1, 1], [[-2.3], [0.7], [4.1]], ValueError,
     r"output holds values from -2.3 to 4.1 that are neither class labels nor "
     r"probabilities in \[0, 1\]"),
    ([0, 1], [0.2, 1.7], ValueError, r"neither class labels nor probabilities"),
    (np.eye(3), [0, 1, 2], ValueError, r"y_true has shape \(3, 3\): pass integer class "
                                       r"labels of shape \(n_samples,\)"),
    ([0, 1], np.zeros((2, 2, 2)), ValueError, r"output has shape \(2, 2, 2\)"),
])
def test_accuracy_refuses_what_it_would_have_to_guess(y_true, output, error, match):
    with pytest.raises(error, match=match):
        accuracy(y_true, output)


def test_predicted_classes_refuses_a_single_column_of_scores():
    with pytest.raises(ValueError, match=r"output holds values from -1 to 3"):
        predicted_classes([[-1.0], [3.0]])


@pytest.mark.parametrize("metric", [rmse, mean_absolute_error])
def test_regression_metrics_refuse_arrays_of_different_shapes(metric):
    Y = np.arange(6.0).reshape(2, 3)
    with pytest.raises(ValueError, match=r"y_true has shape \(2, 3\) but y_pred has shape "
                                         r"\(3, 2\)"):
        metric(Y, Y.T)
    with pytest.raises(ValueError, match=r"shape \(1, 4\) but y_pred has shape \(4,\)"):
        metric(np.ones((1, 4)), np.ones(4))
    with pytest.raises(TypeError, match="y_true must hold numbers"):
        metric(["a", "b"], [1.0, 2.0])
    assert metric(Y, Y) == 0.0
    assert metric(np.ones((4, 1)), np.ones(4)) == metric(np.ones(4), np.ones((4, 1))) == 0.0
