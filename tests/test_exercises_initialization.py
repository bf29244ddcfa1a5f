"""The initialization chapter's exercises (mlpcourse/exercises/initialization.py and the
initializer checker, _initializer.py and _goodness.py).

For each checked question: the reference passes on many fresh checks, and a catalogue of
plausible wrong answers, written the way a learner would, is refused with its own message.
The false-failure probability of the statistical checks is computed from their constants.
"""
import math

import numpy as np
import pytest

from mlpcourse.exercises import ____, initialization
from mlpcourse.exercises import _goodness as goodness
from mlpcourse.exercises import _initializer as init_check
from mlpcourse.exercises.testing import (
    assert_correct, assert_error, assert_mistake_caught, assert_passes_repeatedly,
    assert_unattempted, assert_well_formed, fixed_trials, questions_in,
)

HE, GLOROT = initialization.he_normal, initialization.glorot_uniform


def test_every_question_is_well_formed():
    questions = questions_in(initialization)
    assert len(questions) >= 5
    assert sum(q.kind == "function" for q in questions) >= 3
    for q in questions:
        assert_well_formed(q)


# ------------------------------------------------------------------- goodness of fit
def test_ks_distance_against_worked_examples():
    # one point at 0 against N(0, 1): the empirical CDF jumps from 0 to 1 where Phi = 0.5
    assert goodness.ks_distance(np.array([0.0]), goodness.normal_cdf) == pytest.approx(0.5)
    # four points at the quartiles of U(-sqrt 3, sqrt 3): F = 1/8, 3/8, 5/8, 7/8 -> D = 1/8
    x = (np.array([1, 3, 5, 7]) / 8 * 2 - 1) * math.sqrt(3)
    assert goodness.ks_distance(x, goodness.uniform_cdf) == pytest.approx(1 / 8)
    assert goodness.normal_cdf(1.0) == pytest.approx(0.841344746, abs=goodness.CDF_ERROR)


def test_truncated_normal_matches_its_definition():
    assert goodness.truncation_variance(2.0) == pytest.approx(0.8796256610342398 ** 2)
    x = np.linspace(-3, 3, 13)
    cdf = goodness.truncated_normal_cdf(x)
    s = 1 / 0.8796256610342398  # the underlying normal's standard deviation
    assert cdf[0] == 0 and cdf[-1] == 1 and np.all(np.diff(cdf) >= 0)
    assert goodness.truncated_normal_cdf(0.0) == pytest.approx(0.5)
    # below the cut, the CDF is Phi rescaled to the kept mass
    kept = math.erf(2 / math.sqrt(2))
    inside = np.abs(x) < 2 * s
    expected = (goodness.normal_cdf(x[inside] / s) - (1 - kept) / 2) / kept
    np.testing.assert_allclose(cdf[inside], expected)
    rng = np.random.default_rng(0)
    w = rng.normal(size=400_000) * s
    w = w[np.abs(w) <= 2 * s]
    assert np.var(w) == pytest.approx(1.0, rel=0.01)


def test_ks_distance_agrees_with_scipy():
    stats = pytest.importorskip("scipy.stats")  # installed with scikit-learn
    z = np.random.default_rng(1).normal(size=5000)
    assert goodness.ks_distance(z, goodness.normal_cdf) == pytest.approx(
        stats.kstest(z, "norm").statistic, abs=goodness.CDF_ERROR)
    x = np.linspace(-12, 12, 2001)
    np.testing.assert_allclose(goodness.normal_cdf(x), stats.norm.cdf(x), atol=goodness.CDF_ERROR)


def test_the_dkw_threshold_holds_for_right_draws():
    """The bound behind the distribution test: right draws exceed it rarely (alpha = 1e-2
    here, so that the test can see it; the checker uses 1e-8)."""
    rng = np.random.default_rng(2)
    n, alpha = 2000, 1e-2
    eps = goodness.ks_threshold(n, alpha)
    exceed = [goodness.ks_distance(rng.normal(size=n), goodness.normal_cdf) > eps
              for _ in range(300)]
    assert sum(exceed) <= 6  # expected at most 3 of 300


def _gaussian_tail(k):
    return math.erfc(k / math.sqrt(2))


def _chernoff_chi2(n, t):
    """P(|S/n - 1| > t) for S ~ chi-square(n): both Chernoff tails."""
    upper = math.exp(-n / 2 * (t - math.log1p(t)))
    lower = math.exp(-n / 2 * (-t - math.log1p(-t)))
    return upper + lower


def _bernstein(n, t, variance, bound):
    return 2 * math.exp(-n * t ** 2 / (2 * (variance + bound * t / 3)))


def test_the_false_failure_probability_of_an_initializer_check_is_below_one_in_a_million():
    """Union bound over the three shapes of one check, for each accepted distribution."""
    n = min(lo_in * lo_out for (lo_in, _), (lo_out, _) in init_check.SHAPE_RANGES)
    assert n >= 40_000
    k, rtol = init_check.MEAN_SIGMAS * 0.99, init_check.VARIANCE_RTOL  # sample std ~ true std
    ks = init_check.KS_ALPHA
    # normal: exact Gaussian tail for the mean, Chernoff for the sample variance
    normal = 3 * (_gaussian_tail(k) + _chernoff_chi2(n, rtol)) + ks
    # uniform on [-sqrt 3, sqrt 3] (variance 1): w**2 in [0, 3], Var(w**2) = 9/5 - 1 = 0.8
    uniform = 3 * (_bernstein(n, k / math.sqrt(n), 1.0, math.sqrt(3))
                   + _bernstein(n, rtol, 0.8, 3.0)) + ks
    # truncated normal (variance 1, cut at 2 / 0.8796 = 2.27): Var(w**2) = kurtosis - 1
    cut = 2 / math.sqrt(goodness.truncation_variance(2.0))
    z = np.random.default_rng(3).normal(size=2_000_000) * (cut / 2)
    z = z[np.abs(z) <= cut]
    truncated = 3 * (_bernstein(n, k / math.sqrt(n), 1.0, cut)
                     + _bernstein(n, rtol, float(np.var(z ** 2)) * 1.05, cut ** 2)) + ks
    assert max(normal, uniform, truncated) < 1e-6, (normal, uniform, truncated)


# ------------------------------------------------------------------------------ he_normal
def _truncated_he(fan_in, fan_out, rng):
    """Keras' he_normal: a normal cut at two standard deviations, rescaled."""
    std = np.sqrt(2 / fan_in) / 0.87962566
    w = rng.normal(0.0, std, size=(fan_in, fan_out))
    bad = np.abs(w) > 2 * std
    while bad.any():
        w[bad] = rng.normal(0.0, std, size=bad.sum())
        bad = np.abs(w) > 2 * std
    return w


def test_he_normal_reference_and_equivalents_pass_on_many_checks():
    assert_passes_repeatedly(HE, times=8)
    assert_correct(HE, lambda fi, fo, rng: rng.standard_normal((fi, fo)) * np.sqrt(2 / fi))
    assert_correct(HE, lambda fi, fo, rng, dtype="float32":
                   rng.normal(0, np.sqrt(2 / fi), (fi, fo)).astype(dtype))
    result = assert_passes_repeatedly(HE, _truncated_he, times=3)
    assert "truncated at two standard deviations" in result.message


def _truncated_uncorrected(fan_in, fan_out, rng):
    std = np.sqrt(2 / fan_in)
    return np.clip(rng.normal(0.0, std, size=(fan_in, fan_out)), -2 * std, 2 * std) * 0 + \
        _truncated_he(fan_in, fan_out, rng) * 0.87962566


HE_CATALOGUE = [
    # the formula
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fo), (fi, fo)), "fan_out"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(1 / fi), (fi, fo)), "LeCun"),
    (lambda fi, fo, rng: rng.normal(0, 2 / fi, (fi, fo)), "standard deviation 2 / fan_in"),
    (lambda fi, fo, rng: rng.normal(0, 2 / np.sqrt(fi), (fi, fo)), "sqrt(2)"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / (fi + fo)), (fi, fo)), "Glorot"),
    (_truncated_uncorrected, "0.774"),
    # a parameter that never varies: a scale computed once for one layer
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / 400), (fi, fo)), "fixed number"),
    # the shape and the generator
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fo, fi)), "transposed"),
    (lambda fi, fo, rng: np.random.normal(0, np.sqrt(2 / fi), (fi, fo)), "did not draw from"),
    (lambda fi, fo, rng: np.random.default_rng(0).normal(0, np.sqrt(2 / fi), (fi, fo)),
     "did not draw from"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo))
     + np.random.normal(0, 1e-4, (fi, fo)), "generators seeded alike"),
    (lambda fi, fo, rng: (rng.random(), np.random.default_rng(7).normal(
        0, np.sqrt(2 / fi), (fi, fo)))[1], "differently seeded generators"),
    # the distribution
    (lambda fi, fo, rng: rng.uniform(-np.sqrt(6 / fi), np.sqrt(6 / fi), (fi, fo)), "uniformly"),
    (lambda fi, fo, rng: rng.laplace(0, np.sqrt(1 / fi), (fi, fo)), "heavier tails"),
    (lambda fi, fo, rng: rng.logistic(0, np.sqrt(6 / fi) / np.pi, (fi, fo)), "heavier tails"),
    (lambda fi, fo, rng: rng.standard_t(8, (fi, fo)) * np.sqrt(2 / fi * 6 / 8), "heavier tails"),
    (lambda fi, fo, rng: rng.choice([-1.0, 1.0], (fi, fo)) * np.sqrt(2 / fi), "only 2 different"),
    (lambda fi, fo, rng: rng.normal(0.1, np.sqrt(2 / fi), (fi, fo)), "mean"),
    (lambda fi, fo, rng: np.zeros((fi, fo)), "symmetric start"),
    # the type and the values
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo)) + 0j, "complex"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo)) * np.nan, "NaN"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo)) > 0, "boolean"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo)).tolist()[0], "shape"),
]


@pytest.mark.parametrize("wrong, fragment", HE_CATALOGUE)
def test_he_normal_catalogue(wrong, fragment):
    with fixed_trials(HE, 11):  # a statistical message is certain only on fixed trials
        assert_mistake_caught(HE, wrong, fragment)
    assert_mistake_caught(HE, wrong, "")  # and on fresh ones it is refused


def test_he_normal_placeholder_body_and_errors():
    def template(fan_in, fan_out, rng):
        return ____

    assert_unattempted(HE, template)
    assert_error(HE, lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo)).reshape(3),
                 "ValueError")
    assert_mistake_caught(HE, HE._reference(400, 100, np.random.default_rng(0)), "function itself")
    assert_mistake_caught(HE, lambda fan_in, rng: rng.normal(size=fan_in), "takes (fan_in, rng)")


# ------------------------------------------------------------------------- glorot_uniform
def _uniform(limit):
    return lambda fi, fo, rng: rng.uniform(-limit(fi, fo), limit(fi, fo), (fi, fo))


def test_glorot_uniform_reference_passes_on_many_checks():
    assert_passes_repeatedly(GLOROT, times=8)
    assert_correct(GLOROT, lambda fi, fo, rng: (2 * rng.random((fi, fo)) - 1) * np.sqrt(6 / (fi + fo)))


GLOROT_CATALOGUE = [
    (_uniform(lambda fi, fo: np.sqrt(6 / fi)), "fan_in alone"),
    (_uniform(lambda fi, fo: np.sqrt(6 / fo)), "fan_out alone"),
    (_uniform(lambda fi, fo: np.sqrt(2 / (fi + fo))), "r**2 / 3"),
    (_uniform(lambda fi, fo: np.sqrt(3 / (fi + fo))), "half of what"),
    (_uniform(lambda fi, fo: 6 / (fi + fo)), "square root is missing"),
    (_uniform(lambda fi, fo: 1 / np.sqrt(fi)), "old heuristic"),
    (_uniform(lambda fi, fo: np.sqrt(6 / 500)), "fixed number"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / (fi + fo)), (fi, fo)), "normally"),
    (lambda fi, fo, rng: rng.choice([-1.0, 1.0], (fi, fo)) * np.sqrt(2 / (fi + fo)),
     "only 2 different values"),
    (lambda fi, fo, rng: rng.choice(np.linspace(-1, 1, 5), (fi, fo)) * np.sqrt(4 / (fi + fo)),
     "only 5 different values"),
    (lambda fi, fo, rng: rng.uniform(0, np.sqrt(6 / (fi + fo)), (fi, fo)), "symmetric around 0"),
    (lambda fi, fo, rng: rng.uniform(-1, 1, (fo, fi)) * np.sqrt(6 / (fi + fo)), "transposed"),
    (lambda fi, fo, rng: np.random.uniform(-1, 1, (fi, fo)) * np.sqrt(6 / (fi + fo)),
     "did not draw from"),
    (lambda fi, fo, rng: rng.uniform(-1, 1, (fi, fo)) * np.sqrt(6 / (fi + fo)) + 0j, "complex"),
]


@pytest.mark.parametrize("wrong, fragment", GLOROT_CATALOGUE)
def test_glorot_uniform_catalogue(wrong, fragment):
    with fixed_trials(GLOROT, 12):
        assert_mistake_caught(GLOROT, wrong, fragment)
    assert_mistake_caught(GLOROT, wrong, "")


def test_glorot_uniform_limit_is_enforced():
    def with_outliers(fi, fo, rng):
        w = rng.uniform(-1, 1, (fi, fo)) * np.sqrt(6 / (fi + fo))
        w[0, 0] = 3 * np.sqrt(6 / (fi + fo))  # one weight beyond the limit
        return w
    assert_mistake_caught(GLOROT, with_outliers, "beyond the limit")


# ------------------------------------------------------------------------- relu_depth_std
RELU = initialization.relu_depth_std


def test_relu_depth_std():
    assert RELU._answer == pytest.approx(1.28 ** 5)  # sqrt(256 * 0.1**2 / 2) ** 10 = 3.436
    assert_correct(RELU)
    assert_correct(RELU, 3.44)
    assert_unattempted(RELU, ____)


@pytest.mark.parametrize("answer, fragment", [
    (2.56 ** 5, "factor 1/2"),
    (1.28 ** 10, "square root"),
    (12.8 ** 5, "variance"),
    (1.28 ** 5.5, "not 11"),
    (1.28 ** 4.5, "not 9"),
    (3.67, "measured value"),         # the measurement, where the prediction is asked for
    (3.1, "measured value"),
    (1.0, "not the expected value"),
    (3.44 + 0j, "complex"),
    (float("nan"), "NaN"),
    ("3.44", "text"),
])
def test_relu_depth_std_catalogue(answer, fragment):
    assert_mistake_caught(RELU, answer, fragment)


def test_relu_depth_std_agrees_with_a_measurement():
    from mlpcourse.signal import signal_statistics

    ratios = []
    for seed in range(16):  # one network varies by about 15%: average several
        stats = signal_statistics("normal", "relu", depth=11, width=256, n_samples=100, seed=seed,
                                  scale=0.1 / 0.05)  # "normal" has std 0.05
        ratios.append(stats.activation_std[10] / stats.activation_std[0])
    assert np.mean(ratios) == pytest.approx(RELU._answer, rel=0.15)
    assert not RELU.check(float(np.mean(ratios))).passed  # the measurement is not the answer


# -------------------------------------------------------------------- count_distinct_units
COUNT = initialization.count_distinct_units


def test_count_distinct_units_reference_and_equivalents():
    assert_passes_repeatedly(COUNT, times=30)
    assert_correct(COUNT, lambda W, b: len({tuple(W[:, j]) + (b[j],) for j in range(W.shape[1])}))
    assert_correct(COUNT, lambda W, b: float(np.unique(np.column_stack([W.T, b]), axis=0).shape[0]))


def _sorts_in_place(W, b):
    W.sort(axis=0)
    return np.unique(np.vstack([W, b]), axis=1).shape[1]


COUNT_CATALOGUE = [
    (lambda W, b: len(np.unique(W, axis=0)), "rows of W"),
    (lambda W, b: np.unique(W, axis=1).shape[1], "biases too"),
    (lambda W, b: W.shape[1], "number of units"),
    (lambda W, b: np.unique(np.vstack([W, b]), axis=0).shape[0], "compared rows"),
    (lambda W, b: len(set(b)), "distinct biases only"),
    (lambda W, b: len(np.unique(W.sum(axis=0))), "sums of the columns"),
    (lambda W, b: len(np.unique(W.sum(axis=0) + b)), "column sum plus bias"),
    (lambda W, b: len({tuple(W[:, j]) for j in range(W.shape[1])}), "biases too"),
    (_sorts_in_place, "in place"),
    (lambda W, b: np.unique(np.vstack([W, b]), axis=1).shape[1] + 0j, "complex"),
    (lambda W, b: np.unique(np.vstack([W, b]), axis=1).shape, "shape"),
    (lambda W: W.shape[1], "takes (W)"),
]


@pytest.mark.parametrize("wrong, fragment", COUNT_CATALOGUE)
def test_count_distinct_units_catalogue(wrong, fragment):
    assert_mistake_caught(COUNT, wrong, fragment, repeats=5)


# ------------------------------------------------------------------------ choice and think
@pytest.mark.parametrize("question, answer, fragment", [
    (initialization.scheme_for_tanh, "c", "saturation"),
    (initialization.scheme_for_tanh, "a", "identical"),
    (initialization.scheme_for_tanh, "d", "layer size"),
    (initialization.scheme_for_tanh, ["b", "c"], "exactly one"),
    (initialization.scheme_for_tanh, "e", "not one of the options"),
    (initialization.scheme_for_tanh, 2, "not one of the options"),
    (initialization.scheme_for_relu, "b", "halves"),
    (initialization.scheme_for_relu, "d", "layer size"),
    (initialization.scheme_for_relu, "a", "identical"),
    (initialization.scheme_for_relu, ["c", "b"], "exactly one"),
    (initialization.scheme_for_relu, "He", "not one of the options"),
])
def test_scheme_choices_catalogue(question, answer, fragment):
    assert_correct(question)
    assert_mistake_caught(question, answer, fragment)


def test_zero_biases_reveals_the_model_answer():
    result = assert_correct(initialization.zero_biases, "the weights differ")
    assert "deltas" in result.message + result.details
