"""A question whose answer is an unfitted scikit-learn pipeline: a scaler and an MLP.

The check first verifies that the model is what the task asks for (scaling steps from
``sklearn.preprocessing``, then exactly ``mlpcourse.estimators.MLPRegressor`` with at least
one hidden layer and a nonlinear activation: a network without one is linear regression in
disguise). It then fits a clone once per seed in ``seeds`` (the learner's ``random_state`` is
replaced, so that a lucky seed does not pass) within a time limit per fit, and compares the
mean validation RMSE with ``target``, a figure stated against a baseline measured on the
same split (``baseline()``, e.g. linear regression), whose score the messages quote.
"""
import numpy as np

from ._guard import BoundedText, LearnerTimeout, captured_output
from ._guard import time_limit as guard_time
from ._question import Question
from ._run import locate

SCALERS = ("StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler")


class PipelineQuestion(Question):
    """Pass ``make_pipeline(<scaler>, MLPRegressor(...))``; it must beat ``target``.

    Parameters
    ----------
    name : str
    data : callable
        ``data() -> (X_train, X_val, y_train, y_val)``.
    baseline : callable
        ``baseline()`` -> an unfitted scikit-learn model: the trivial model to beat.
    baseline_name : str
        How the messages call it ("linear regression").
    target : float
        The mean validation RMSE to get below.
    reference : callable
        ``reference()`` -> the unfitted pipeline of the solution.
    seeds : sequence of int
        The ``random_state`` values the model is fitted with.
    time_limit : float
        Seconds per fit.
    """

    kind = "model"

    def __init__(self, name, *, data, baseline, baseline_name, target, reference,
                 seeds=(0, 1, 2), time_limit=30.0, **kwargs):
        super().__init__(name, **kwargs)
        self.data, self.baseline, self.baseline_name = data, baseline, baseline_name
        self.target, self.seeds, self.time_limit = target, tuple(seeds), time_limit
        self._reference = reference
        self._baseline_score = None

    @property
    def _reference_args(self):  # built on demand: scikit-learn is imported only when needed
        return (self._reference(),)

    @_reference_args.setter
    def _reference_args(self, value):  # the base class sets it; the property computes it
        pass

    def baseline_score(self):
        """The baseline's validation RMSE on the same split (measured once per session)."""
        if self._baseline_score is None:
            X_train, X_val, y_train, y_val = self.data()
            model = self.baseline().fit(X_train, y_train.ravel())
            self._baseline_score = _rmse(model.predict(X_val), y_val)
        return self._baseline_score

    def grade(self, model):
        problem = structure_problem(model)
        if problem:
            return self.incorrect(problem)
        from sklearn.base import clone
        X_train, X_val, y_train, y_val = self.data()
        scores, printed = [], ""
        for seed in self.seeds:
            fitted = clone(model)
            fitted.steps[-1][1].set_params(random_state=seed)
            sink = BoundedText()
            try:
                with captured_output(sink), guard_time(self.time_limit):
                    fitted.fit(X_train, y_train.ravel())
            except LearnerTimeout:
                return self.incorrect(
                    f"Fitting your pipeline took longer than {self.time_limit:g} seconds, so "
                    "the check stopped it. Fewer epochs or fewer units train faster (this data "
                    "set has 264 training samples).")
            except Exception as exc:  # noqa: BLE001 - the learner's settings made fit fail
                return self.error(f"Fitting your pipeline (random_state={seed}) raised an "
                                  "exception.", locate(exc))
            scores.append(_rmse(fitted.predict(X_val), y_val))
            printed = printed or sink.summary()
        result = self._verdict(scores)
        result.details = "\n".join(filter(None, [result.details, printed]))
        return result

    def _verdict(self, scores):
        base = self.baseline_score()
        each = ", ".join(f"{s:.1f}" for s in scores)
        seeds = ", ".join(map(str, self.seeds))
        mean = float(np.mean(scores))
        if not np.isfinite(mean):
            return self.incorrect("Your pipeline's validation predictions are not finite: the "
                                  "training diverged. Lower the learning rate.")
        where = (f"Validation RMSE {mean:.1f} on average over random_state {seeds} ({each}); "
                 f"{self.baseline_name} scores {base:.1f} on the same split, and the target is "
                 f"below {self.target:g}.")
        if mean < self.target:
            return self.correct(f"{where} Keep the test set for one final measurement.")
        advice = ("With 264 training patients a network overfits quickly: look at the "
                  "learning curves, and try fewer epochs, a smaller learning rate or an `l2` "
                  "penalty.")
        if mean < base:
            advice = ("Your network beats the baseline, but not by enough to be sure it is "
                      "more than chance. " + advice)
        return self.incorrect(f"{where} {advice}")


def _rmse(prediction, y):
    return float(np.sqrt(np.mean((np.ravel(prediction) - np.ravel(y)) ** 2)))


def structure_problem(model):
    """A message if ``model`` is not a pipeline of scalers and a course MLPRegressor."""
    from sklearn.pipeline import Pipeline

    from mlpcourse.estimators import MLPRegressor
    final = model.steps[-1][1] if isinstance(model, Pipeline) else model
    if type(final) is not MLPRegressor:
        kind = type(final)
        if kind.__name__ == "MLPRegressor" and not isinstance(final, MLPRegressor):
            return (f"Your model ends with {kind.__module__}.MLPRegressor. This exercise asks "
                    "for the course's own: `from mlpcourse.estimators import MLPRegressor`.")
        return (f"The last step must be an `mlpcourse.estimators.MLPRegressor` itself, not "
                f"{kind.__name__}.")
    if not isinstance(model, Pipeline):
        return ("That is the regressor alone. The features come in very different units "
                "(years, mmHg, mg/dL): put a scaler in front of it, "
                "`make_pipeline(StandardScaler(), MLPRegressor(...))`.")
    others = [type(step).__name__ for _, step in model.steps[:-1]]
    odd = [name for name in others if name not in SCALERS]
    if odd:
        return (f"Your pipeline has a {odd[0]} step. This exercise asks for a scaler "
                f"({', '.join(SCALERS)}) followed by the MLPRegressor, nothing else.")
    if not others:
        return ("Your pipeline has no scaling step. The features come in very different units "
                "(years, mmHg, mg/dL); add `StandardScaler()` before the regressor.")
    sizes = final.get_params()["hidden_layer_sizes"]
    if not sizes or any(int(s) < 1 for s in np.atleast_1d(sizes)):
        return (f"Your MLPRegressor has no hidden layer (hidden_layer_sizes={sizes!r}): that "
                "is linear regression, the baseline itself. Give it at least one hidden layer.")
    if final.get_params()["activation"] == "identity":
        return ("With activation='identity' every layer is linear, and so is the whole "
                "network: it is linear regression in disguise. Use a nonlinear activation "
                "such as 'relu' or 'tanh'.")
    return None
