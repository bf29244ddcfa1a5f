"""mlpcourse.estimators: scikit-learn's own estimator checks, plus the workflows a learner uses
(Pipeline with StandardScaler, cross_val_score, GridSearchCV, clone)."""
import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification, make_regression
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from mlpcourse import MLP
from mlpcourse.estimators import MLPClassifier, MLPRegressor

# Fewer epochs than the defaults keep the ~100 checks within a few seconds; the checks that
# measure quality (check_classifiers_train, check_regressors_train) still pass with these.
CHECKED = [MLPRegressor(hidden_layer_sizes=(16,), epochs=40, random_state=0),
           MLPClassifier(hidden_layer_sizes=(16,), epochs=40, random_state=0)]

# Every check that cannot apply to these estimators, with the reason. The list is empty:
# all of scikit-learn's checks pass. Checks about sample_weight, partial_fit, sparse input
# and multi-label targets are not generated at all, because the estimators do not accept
# sample_weight or partial_fit and declare (by the default tags) that they take neither
# sparse input nor multi-label targets; scikit-learn then checks that such input is refused
# with a clear error (check_estimator_sparse_*, check_classifiers_regression_target, ...).
EXPECTED_FAILED = {}

# scikit-learn itself skips two checks per estimator in this environment (reported by pytest
# as SKIPPED, with these reasons):
# - check_array_api_input: "SCIPY_ARRAY_API is not set". The estimators compute with numpy
#   only and do not declare array API support (tags.array_api_support is False).
# - check_{regressor,classifier}_data_not_an_array: "pandas is not installed". The check
#   first runs with scikit-learn's _NotAnArray wrapper and passes; only its pandas half is
#   skipped. test_data_not_an_array_without_pandas below runs the first half explicitly.

def expected_failed_checks(estimator):
    return EXPECTED_FAILED.get(type(estimator).__name__, {})


@parametrize_with_checks(CHECKED, expected_failed_checks=expected_failed_checks)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


@pytest.mark.parametrize("estimator", CHECKED, ids=lambda e: type(e).__name__)
def test_data_not_an_array_without_pandas(estimator):
    from sklearn.utils.estimator_checks import check_estimators_data_not_an_array
    X, y = make_classification(n_samples=60, n_features=3, n_informative=2, n_redundant=0,
                               random_state=0)
    check_estimators_data_not_an_array(type(estimator).__name__, estimator, X, y, "NotAnArray")


# --------------------------------------------------------------------------- workflows
@pytest.fixture(scope="module")
def regression_data():
    X, y = make_regression(n_samples=160, n_features=4, noise=5.0, random_state=0)
    return X * [1, 10, 100, 0.1] + [0, 5, -50, 1], y   # features on very different scales


def test_pipeline_with_scaler(regression_data):
    X, y = regression_data
    model = make_pipeline(StandardScaler(), MLPRegressor(epochs=100, random_state=0))
    model.fit(X[:120], y[:120])
    assert model.score(X[120:], y[120:]) > 0.9
    assert model.predict(X[:3]).shape == (3,)


def test_cross_val_score(regression_data):
    X, y = regression_data
    model = make_pipeline(StandardScaler(), MLPRegressor(epochs=60, random_state=0))
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.shape == (3,) and scores.min() > 0.8


def test_grid_search(regression_data):
    X, y = regression_data
    pipe = make_pipeline(StandardScaler(), MLPRegressor(epochs=40, random_state=0))
    search = GridSearchCV(pipe, {"mlpregressor__hidden_layer_sizes": [(2,), (32,)],
                                 "mlpregressor__learning_rate": [0.01, 0.03]}, cv=2)
    search.fit(X, y)
    assert search.best_params_["mlpregressor__hidden_layer_sizes"] in [(2,), (32,)]
    assert search.best_score_ > 0.8


def test_clone_keeps_params_and_drops_fit(regression_data):
    X, y = regression_data
    model = MLPRegressor(hidden_layer_sizes=(8, 4), loss="huber", random_state=3).fit(X, y)
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert not hasattr(twin, "coefs_")
    with pytest.raises(NotFittedError):
        twin.predict(X)


def test_random_state_makes_fit_repeatable(regression_data):
    X, y = regression_data
    a = MLPRegressor(epochs=5, random_state=1).fit(X, y).predict(X)
    b = MLPRegressor(epochs=5, random_state=1).fit(X, y).predict(X)
    c = MLPRegressor(epochs=5, random_state=2).fit(X, y).predict(X)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_shapes_follow_y_and_mlp_roundtrip(regression_data):
    X, y = regression_data
    Y = np.column_stack([y, -y])
    model = MLPRegressor(hidden_layer_sizes=(6,), epochs=3, random_state=0).fit(X, Y)
    assert model.predict(X).shape == (len(X), 2)
    assert model.n_features_in_ == 4 and model.n_outputs_ == 2
    assert [w.shape for w in model.coefs_] == [(4, 6), (6, 2)]
    assert [b.shape for b in model.intercepts_] == [(6,), (2,)]
    net = model.to_mlp()
    assert isinstance(net, MLP) and net.layer_sizes == (4, 6, 2)
    np.testing.assert_allclose(net.predict(X) * model.y_scale_ + model.y_mean_, model.predict(X))
    column = MLPRegressor(epochs=2, random_state=0).fit(X, y.reshape(-1, 1))
    assert column.predict(X).shape == (len(X), 1)   # like LinearRegression
    assert len(model.loss_curve_) == model.n_iter_ == 3


def test_loss_curve_is_the_objective_with_the_penalty(regression_data):
    X, y = regression_data
    plain = MLPRegressor(hidden_layer_sizes=(6,), epochs=3, random_state=0).fit(X, y)
    assert plain.loss_curve_ == plain.history_.loss
    model = MLPRegressor(hidden_layer_sizes=(6,), epochs=3, l2=0.01, random_state=0).fit(X, y)
    history = model.history_
    assert all(p > 0 for p in history.penalty)
    np.testing.assert_allclose(model.loss_curve_,
                               np.add(history.loss, history.penalty), rtol=1e-12)


def test_standardize_y_off_with_positive_output():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, (200, 1))
    y = np.exp(2 * X[:, 0])                          # positive targets
    model = MLPRegressor(output_activation="softplus", standardize_y=False, epochs=150,
                         random_state=0).fit(X, y)
    assert np.all(model.predict(rng.uniform(-3, 3, (50, 1))) > 0)
    assert model.score(X, y) > 0.9


def test_pickle_roundtrip(regression_data):
    X, y = regression_data
    model = MLPRegressor(epochs=2, random_state=0).fit(X, y)
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(again.predict(X), model.predict(X))


@pytest.mark.parametrize("params, fragment", [
    ({"loss": "cross_entropy"}, "loss must be one of 'mse', 'mae', 'huber'"),
    ({"activation": "relux"}, "activation must be one of"),
    ({"activation": "step"}, "cannot be trained"),
    ({"output_activation": "softmax"}, "output_activation must be one of"),
    ({"hidden_layer_sizes": (8, 0)}, "hidden_layer_sizes[1] must be >= 1"),
    ({"learning_rate": -1.0}, "learning_rate must be a finite number > 0"),
    ({"epochs": 0}, "epochs must be >= 1"),
    ({"optimizer": "adamw"}, "optimizer must be one of"),
])
def test_bad_hyperparameters_raise_clear_errors(regression_data, params, fragment):
    X, y = regression_data
    with pytest.raises(ValueError) as info:
        MLPRegressor(**params).fit(X, y)
    assert fragment in str(info.value)


def test_bad_data_raises_clear_errors(regression_data):
    X, y = regression_data
    model = MLPRegressor(epochs=1, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="X has 3 features, but MLPRegressor is expecting 4"):
        model.predict(X[:, :3])
    with pytest.raises(ValueError, match="NaN"):
        MLPRegressor().fit(np.where(X > 2, np.nan, X), y)
    with pytest.raises(ValueError, match="one class"):
        MLPClassifier().fit(X, np.zeros(len(X)))


def test_classifier_labels_and_probabilities():
    X, y = make_classification(n_samples=200, n_features=5, n_informative=3, n_classes=3,
                               random_state=0)
    names = np.array(["cat", "dog", "eel"])[y]
    model = MLPClassifier(epochs=60, random_state=0).fit(X, names)
    assert list(model.classes_) == ["cat", "dog", "eel"]
    proba = model.predict_proba(X)
    assert proba.shape == (200, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert set(model.predict(X)) <= set(names)
    assert model.score(X, names) > 0.8
    binary = MLPClassifier(epochs=60, random_state=0).fit(X, y == 1)
    assert binary.predict_proba(X).shape == (200, 2)
