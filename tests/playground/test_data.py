"""mlpcourse.playground.data: the data sets lie in the square, are seeded, and the features
are the functions of the coordinates they say."""
import numpy as np
import pytest

from mlpcourse.playground.data import DATASETS, DOMAIN, FEATURES, feature_map, make_data


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_data_set_lies_in_the_square_and_has_the_right_targets(name):
    data = make_data(name, noise=0.2, train_ratio=0.3, n_samples=100, seed=1)
    assert data.X_train.shape == (30, 2) and data.X_test.shape == (70, 2)
    X = np.vstack([data.X_train, data.X_test])
    assert np.all(np.abs(X) <= 1.3 * DOMAIN)
    if data.classification:
        assert set(np.unique(data.y_train)) <= {0, 1} and data.y_train.shape == (30,)
        assert len(np.unique(np.concatenate([data.y_train, data.y_test]))) == 2
    else:
        assert data.y_train.shape == (30, 1) and np.all(np.abs(data.y_train) < 3)


def test_data_are_seeded():
    a, b = make_data("spiral", seed=3), make_data("spiral", seed=3)
    assert np.array_equal(a.X_train, b.X_train)
    assert not np.array_equal(a.X_train, make_data("spiral", seed=4).X_train)


def test_feature_map_by_hand():
    X = np.array([[2.0, 3.0], [-1.0, 0.5]])
    F = feature_map(X, list(FEATURES))
    # x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2 of the first point: 2, 3, 4, 9, 6, sin 2, sin 3
    np.testing.assert_allclose(F[0], [2, 3, 4, 9, 6, np.sin(2), np.sin(3)])
    np.testing.assert_allclose(F[1, :5], [-1, 0.5, 1, 0.25, -0.5])
    with pytest.raises(ValueError, match="at least one input feature"):
        feature_map(X, [])
