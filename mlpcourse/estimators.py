"""scikit-learn-compatible estimators built on :class:`mlpcourse.MLP`.

:class:`MLPRegressor` and :class:`MLPClassifier` follow scikit-learn's estimator API
(``fit``/``predict``/``score``, ``get_params``/``set_params``, ``clone``, ``n_features_in_``,
``classes_``), so a network of this course drops into ``Pipeline(StandardScaler(), ...)``,
``cross_val_score`` and ``GridSearchCV``. Training is :meth:`mlpcourse.MLP.fit`; the fitted
parameters are kept as ``coefs_`` (fan_in, fan_out) and ``intercepts_`` (fan_out,), the
same names and shapes as scikit-learn's own ``MLPRegressor``. See "Regression MLPs".

This is the only module of the package that imports scikit-learn at import time.
"""
import numbers

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _validation as v
from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from .mlp import MLP
from .optimizers import OPTIMIZERS

REGRESSION_LOSSES = ("mse", "mae", "huber")

__all__ = ["MLPRegressor", "MLPClassifier", "REGRESSION_LOSSES"]


def _check_hidden_layer_sizes(sizes):
    """``(32,)``, ``[16, 8]``, ``()`` (no hidden layer) or an int -> tuple of ints."""
    if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
        sizes = (sizes,)
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise TypeError("hidden_layer_sizes must be a tuple of layer widths such as (32,) or "
                        f"(16, 8), got {sizes!r}") from None
    for i, size in enumerate(sizes):
        v.check_positive_int(size, f"hidden_layer_sizes[{i}]")
    return tuple(int(s) for s in sizes)


def _check_choice(value, valid, name):
    if value not in valid:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, valid))}; got {value!r}")
    return value


class _BaseMLP(BaseEstimator):
    """What both estimators share: hyperparameters, checks, the training run."""

    def _check_params(self):
        """Validate the hyperparameters (in ``fit``, as scikit-learn requires)."""
        self._hidden = _check_hidden_layer_sizes(self.hidden_layer_sizes)
        _check_choice(self.activation, HIDDEN_ACTIVATIONS, "activation")
        if self.activation == "step":
            raise ValueError("activation='step' cannot be trained by gradient descent (its "
                             "derivative is zero); use 'relu', 'tanh' or 'sigmoid'")
        _check_choice(self.optimizer, tuple(OPTIMIZERS), "optimizer")
        v.check_positive_float(self.learning_rate, "learning_rate")
        v.check_positive_int(self.epochs, "epochs")
        v.check_positive_int(self.batch_size, "batch_size")
        v.check_positive_float(self.l2, "l2", allow_zero=True)

    def _train(self, X, Y, output_activation, loss):
        """Build an MLP, train it on (X, Y) and store its parameters; return ``self``."""
        rng = check_random_state(self.random_state)
        init_seed, shuffle_seed = (int(s) for s in rng.randint(0, 2**31 - 1, size=2))
        sizes = [X.shape[1], *self._hidden, Y.shape[1]]
        net = MLP(sizes, activation=self.activation, output_activation=output_activation,
                  init="he_normal" if self.activation in ("relu", "leaky_relu", "elu")
                  else "glorot_uniform", seed=init_seed)
        history = net.fit(X, Y, loss=loss, epochs=self.epochs, batch_size=self.batch_size,
                          learning_rate=self.learning_rate, optimizer=self.optimizer,
                          seed=shuffle_seed, l2=self.l2, progress=bool(self.verbose))
        self.coefs_ = [w.copy() for w in net.weights]
        self.intercepts_ = [b.copy() for b in net.biases]
        self.history_ = history
        self.loss_curve_ = history.objective   # with the l2 penalty, as scikit-learn's
        self.n_iter_ = history.epochs
        self.n_layers_ = len(sizes)
        self.out_activation_ = output_activation
        return self

    def to_mlp(self):
        """The fitted network as an :class:`mlpcourse.MLP` (a new object on every call)."""
        check_is_fitted(self, "coefs_")
        return MLP.from_weights(self.coefs_, self.intercepts_, activation=self.activation,
                                output_activation=self.out_activation_)

    def _forward(self, X):
        check_is_fitted(self, "coefs_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return self.to_mlp().forward(X)


class MLPRegressor(RegressorMixin, _BaseMLP):
    """A multilayer perceptron for regression, trained with :meth:`mlpcourse.MLP.fit`.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default (32,)
        Units of each hidden layer; ``()`` gives a linear model.
    activation : str, default "relu"
        Hidden activation, a name in :data:`mlpcourse.activations.ACTIVATIONS`.
    output_activation : str, default "identity"
        "identity" for outputs of any sign and size; "softplus" or "relu" for positive ones.
    loss : {"mse", "mae", "huber"}, default "mse"
    optimizer : {"sgd", "momentum", "nesterov", "adam"}, default "adam"
    learning_rate : float, default 0.01
    epochs : int, default 200
    batch_size : int, default 32
    l2 : float, default 0.0
        Weight penalty ``l2 * sum W**2``.
    standardize_y : bool, default True
        Train on targets scaled to zero mean and unit variance (with the training mean and
        standard deviation) and map predictions back, like scikit-learn's
        ``TransformedTargetRegressor(regressor, transformer=StandardScaler())``. Keep it on
        with the identity output; turn it off for a positive output activation.
    random_state : int, RandomState or None, default None
        Seeds the initial weights and the shuffling; an int makes ``fit`` repeatable.
    verbose : bool, default False
        Show a progress bar over epochs.

    Attributes
    ----------
    coefs_, intercepts_ : list of ndarray
        Weights (fan_in, fan_out) and biases (fan_out,) of each layer.
    loss_curve_ : list of float
        Training objective per epoch: the data loss plus the ``l2`` penalty, the quantity
        minimised, as in scikit-learn's ``loss_curve_`` (on the standardized targets when
        ``standardize_y``). ``history_.loss`` and ``history_.penalty`` hold the two parts.
    n_features_in_, n_outputs_ : int
    y_mean_, y_scale_ : ndarray of shape (n_outputs,)
        The target statistics used by ``standardize_y`` (0 and 1 when it is off).

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> model = make_pipeline(StandardScaler(), MLPRegressor(random_state=0))  # doctest: +SKIP
    """

    def __init__(self, hidden_layer_sizes=(32,), activation="relu", output_activation="identity",
                 loss="mse", optimizer="adam", learning_rate=0.01, epochs=200, batch_size=32,
                 l2=0.0, standardize_y=True, random_state=None, verbose=False):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.output_activation = output_activation
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.l2 = l2
        self.standardize_y = standardize_y
        self.random_state = random_state
        self.verbose = verbose

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def fit(self, X, y):
        """Train on X of shape (n_samples, n_features) and y of shape (n_samples,) or
        (n_samples, n_outputs); returns ``self``."""
        self._check_params()
        _check_choice(self.loss, REGRESSION_LOSSES, "loss")
        outputs = tuple(n for n in ACTIVATIONS if n not in ("softmax", "step"))
        _check_choice(self.output_activation, outputs, "output_activation")
        X, y = validate_data(self, X, y, multi_output=True, y_numeric=True, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        self._y_ndim = y.ndim
        Y = y.reshape(len(y), -1)
        self.n_outputs_ = Y.shape[1]
        if self.standardize_y:
            self.y_mean_ = Y.mean(axis=0)
            scale = Y.std(axis=0)
            self.y_scale_ = np.where(scale > 0, scale, 1.0)
        else:
            self.y_mean_, self.y_scale_ = np.zeros(Y.shape[1]), np.ones(Y.shape[1])
        return self._train(X, (Y - self.y_mean_) / self.y_scale_, self.output_activation,
                           self.loss)

    def predict(self, X):
        """Predicted targets: (n_samples,) if ``fit`` got a 1-D y, else (n_samples, n_outputs)."""
        out = self._forward(X) * self.y_scale_ + self.y_mean_
        return out.ravel() if self._y_ndim == 1 else out


class MLPClassifier(ClassifierMixin, _BaseMLP):
    """A multilayer perceptron for classification: sigmoid output and binary cross-entropy
    for two classes, softmax and categorical cross-entropy for more.

    Parameters are those of :class:`MLPRegressor` without ``output_activation``, ``loss`` and
    ``standardize_y``. ``classes_`` holds the class labels (any sortable labels, such as
    strings); ``predict_proba`` returns one column per class, in the order of ``classes_``.
    """

    def __init__(self, hidden_layer_sizes=(32,), activation="relu", optimizer="adam",
                 learning_rate=0.01, epochs=200, batch_size=32, l2=0.0, random_state=None,
                 verbose=False):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.l2 = l2
        self.random_state = random_state
        self.verbose = verbose

    def fit(self, X, y):
        """Train on X of shape (n_samples, n_features) and labels y of shape (n_samples,)."""
        self._check_params()
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        self.classes_, codes = np.unique(y, return_inverse=True)
        k = len(self.classes_)
        if k < 2:
            raise ValueError(f"MLPClassifier needs samples of at least two classes, but y holds "
                             f"one class only ({self.classes_[0]!r})")
        if k == 2:
            return self._train(X, codes.reshape(-1, 1).astype(np.float64), "sigmoid",
                               "binary_crossentropy")
        Y = np.eye(k)[codes]
        return self._train(X, Y, "softmax", "categorical_crossentropy")

    def predict_proba(self, X):
        """Class probabilities of shape (n_samples, n_classes), columns ordered as ``classes_``."""
        out = self._forward(X)
        return np.column_stack([1 - out[:, 0], out[:, 0]]) if out.shape[1] == 1 else out

    def predict(self, X):
        """The most probable class label of each sample, shape (n_samples,)."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]
