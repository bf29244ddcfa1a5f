"""Seeded, offline data sets and preprocessing."""
import numpy as np
import pytest

from mlpcourse import datasets

CLASSIFICATION = {"xor": datasets.xor, "moons": datasets.moons, "circles": datasets.circles,
                  "spirals": datasets.spirals, "gaussians": datasets.gaussians}


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_sets_are_seeded(name):
    make = CLASSIFICATION[name]
    X, y = make(n_samples=60, seed=3)
    X2, y2 = make(n_samples=60, seed=3)
    X3, _ = make(n_samples=60, seed=4)
    assert X.shape == (60, 2) and y.shape == (60,) and y.dtype.kind in "iu"
    assert set(np.unique(y)) == {0, 1}
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, X3)


def test_spirals_with_more_classes_and_xor_labels():
    X, y = datasets.spirals(90, n_classes=3, seed=0)
    assert np.bincount(y).tolist() == [30, 30, 30]
    X, y = datasets.xor(100, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    X, y = datasets.xor_table()
    assert X.shape == (4, 2) and y.tolist() == [0, 1, 1, 0]


def test_sine():
    X, y = datasets.sine(50, noise=0.0, seed=1)
    assert X.shape == y.shape == (50, 1)
    assert np.all(np.diff(X[:, 0]) >= 0)
    np.testing.assert_allclose(y, np.sin(X))
    assert not np.array_equal(datasets.sine(50, seed=1)[1], datasets.sine(50, seed=2)[1])


def test_diabetes_is_offline_and_shaped():
    X, y, names = datasets.diabetes()
    assert X.shape == (442, 10) and y.shape == (442, 1) and len(names) == 10


def test_standardize_uses_training_statistics_only():
    rng = np.random.default_rng(0)
    X_train, X_test = rng.normal(5, 3, (100, 2)), rng.normal(5, 3, (20, 2))
    S_train, S_test = datasets.standardize(X_train, X_test)
    np.testing.assert_allclose(S_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(S_train.std(axis=0), 1)
    np.testing.assert_allclose(S_test, (X_test - X_train.mean(0)) / X_train.std(0))
    assert datasets.standardize(X_train).shape == (100, 2)


def test_train_val_test_split():
    X, y = datasets.moons(200, seed=0)
    parts = datasets.train_val_test_split(X, y, val_size=0.2, test_size=0.25, seed=1,
                                          stratify=True)
    X_tr, X_val, X_te, y_tr, y_val, y_te = parts
    assert (len(X_tr), len(X_val), len(X_te)) == (110, 40, 50)
    assert len(y_tr) == 110 and abs(y_val.mean() - 0.5) < 0.05
    again = datasets.train_val_test_split(X, y, val_size=0.2, test_size=0.25, seed=1,
                                          stratify=True)
    assert all(np.array_equal(a, b) for a, b in zip(parts, again))
    with pytest.raises(ValueError, match="val_size \\+ test_size must be < 1"):
        datasets.train_val_test_split(X, y, val_size=0.5, test_size=0.5)


@pytest.mark.parametrize("make", [datasets.xor, datasets.moons, datasets.sine])
def test_bad_arguments(make):
    with pytest.raises(ValueError, match="noise must be a finite number >= 0"):
        make(noise=-1.0)
    with pytest.raises((TypeError, ValueError), match="n_samples must be"):
        make(n_samples=0)


def test_add_outliers_shifts_the_chosen_fraction_only():
    _, y = datasets.sine(120, noise=0.1, seed=0)
    y_dirty, index = datasets.add_outliers(y, fraction=0.1, shift=(2, 4), seed=3)
    assert index.shape == (12,) and np.all(np.diff(index) > 0)
    shift = (y_dirty - y).ravel()
    assert np.all((shift[index] >= 2) & (shift[index] <= 4))
    assert np.all(np.delete(shift, index) == 0)
    again, index_again = datasets.add_outliers(y, fraction=0.1, shift=(2, 4), seed=3)
    assert np.array_equal(again, y_dirty) and np.array_equal(index, index_again)
    assert not np.array_equal(datasets.add_outliers(y, seed=4)[1], index)
    # y is left alone; a tiny fraction still corrupts one sample; negative shifts push down
    assert np.array_equal(y, datasets.sine(120, noise=0.1, seed=0)[1])
    assert datasets.add_outliers(y, fraction=0.001, seed=0)[1].shape == (1,)
    low, idx = datasets.add_outliers(y, shift=(-3, -1), seed=0)
    assert np.all((low - y)[idx] <= -1)


@pytest.mark.parametrize("kwargs, message", [
    ({"fraction": 1.0}, "fraction must be below 1"),
    ({"fraction": 0.0}, "fraction must be a finite number > 0"),
    ({"shift": (4, 2)}, "low <= high"),
    ({"shift": (2, np.nan)}, "shift\\[1\\] must be a finite real number"),
])
def test_add_outliers_refuses_bad_settings(kwargs, message):
    y = np.zeros((10, 1))
    with pytest.raises((ValueError, TypeError), match=message):
        datasets.add_outliers(y, **kwargs)
    with pytest.raises(ValueError, match="n_samples, n_outputs"):
        datasets.add_outliers(np.zeros(10))


def test_decay_is_positive_sorted_seeded_and_follows_the_exponential():
    t, y = datasets.decay(2000, noise=0.15, seed=0)
    assert t.shape == y.shape == (2000, 1) and np.all(y > 0) and np.all(np.diff(t[:, 0]) >= 0)
    assert t.min() >= 0 and t.max() <= 4
    # log y = log 3 - 1.2 t + noise: a straight line in t, residual std 0.15
    slope, intercept = np.polyfit(t[:, 0], np.log(y[:, 0]), 1)
    assert slope == pytest.approx(-1.2, abs=0.02) and intercept == pytest.approx(np.log(3), abs=0.03)
    assert np.std(np.log(y[:, 0]) - (intercept + slope * t[:, 0])) == pytest.approx(0.15, abs=0.01)
    np.testing.assert_allclose(datasets.decay(5, noise=0.0, seed=1)[1],
                               3 * np.exp(-1.2 * datasets.decay(5, noise=0.0, seed=1)[0]))
    assert np.array_equal(datasets.decay(10, seed=3)[1], datasets.decay(10, seed=3)[1])
    with pytest.raises(ValueError, match="level"):
        datasets.decay(10, level=-1)


def test_digits_are_offline_scaled_and_labelled():
    X, y = datasets.digits()
    assert X.shape == (1797, 64) and y.shape == (1797,) and y.dtype.kind == "i"
    assert X.min() == 0 and X.max() == 1
    assert sorted(np.unique(y).tolist()) == list(range(10))
