"""The initialization chapter's exercises: references pass, planted mistakes are named, and
the placeholder reports "unattempted"."""
import numpy as np
import pytest

from mlpcourse.exercises import ____, initialization
from mlpcourse.exercises.testing import (assert_correct, assert_error, assert_mistake_caught,
                                         assert_unattempted, assert_well_formed, questions_in)


def test_every_question_is_well_formed():
    questions = questions_in(initialization)
    assert len(questions) >= 5
    assert sum(q.kind == "function" for q in questions) >= 3
    for q in questions:
        assert_well_formed(q)


# ------------------------------------------------------------------------------ he_normal
def test_he_normal_reference_and_equivalents():
    q = initialization.he_normal
    assert_correct(q)
    assert_correct(q, lambda fi, fo, rng: rng.standard_normal((fi, fo)) * np.sqrt(2 / fi))
    assert_correct(q, lambda fi, fo, rng, dtype="float32":
                   rng.normal(0, np.sqrt(2 / fi), (fi, fo)).astype(dtype))


@pytest.mark.parametrize("wrong, fragment", [
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fo), (fi, fo)), "fan_out"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(1 / fi), (fi, fo)), "factor 2"),
    (lambda fi, fo, rng: rng.normal(0, 2 / fi, (fi, fo)), "standard deviation"),
    (lambda fi, fo, rng: rng.normal(0, 2 / np.sqrt(fi), (fi, fo)), "sqrt(2)"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fo, fi)), "transposed"),
    (lambda fi, fo, rng: np.random.normal(0, np.sqrt(2 / fi), (fi, fo)), "np.random"),
    (lambda fi, fo, rng: rng.uniform(-np.sqrt(6 / fi), np.sqrt(6 / fi), (fi, fo)), "uniformly"),
    (lambda fi, fo, rng: rng.normal(0.1, np.sqrt(2 / fi), (fi, fo)), "mean"),
    (lambda fi, fo, rng: np.zeros((fi, fo)), "symmetric"),
    (lambda fi, fo, rng: rng.normal(0, 0.05, (fi, fo)), "variance of your weights is off"),
])
def test_he_normal_mistakes(wrong, fragment):
    assert_mistake_caught(initialization.he_normal, wrong, fragment)


def test_he_normal_placeholder_body_and_errors():
    q = initialization.he_normal

    def template(fan_in, fan_out, rng):
        return ____

    assert_unattempted(q, template)
    assert_error(q, lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / fi), (fi, fo)).reshape(3),
                 "ValueError")
    assert_mistake_caught(q, q.reference(400, 100, np.random.default_rng(0)), "function itself")


# ------------------------------------------------------------------------- glorot_uniform
def _uniform(limit):
    return lambda fi, fo, rng: rng.uniform(-limit(fi, fo), limit(fi, fo), (fi, fo))


def test_glorot_uniform_reference():
    assert_correct(initialization.glorot_uniform)
    assert_correct(initialization.glorot_uniform,
                   lambda fi, fo, rng: (2 * rng.random((fi, fo)) - 1) * np.sqrt(6 / (fi + fo)))


@pytest.mark.parametrize("wrong, fragment", [
    (_uniform(lambda fi, fo: np.sqrt(6 / fi)), "fan_in alone"),
    (_uniform(lambda fi, fo: np.sqrt(6 / fo)), "fan_out alone"),
    (_uniform(lambda fi, fo: np.sqrt(2 / (fi + fo))), "r**2 / 3"),
    (_uniform(lambda fi, fo: np.sqrt(3 / (fi + fo))), "half of what"),
    (_uniform(lambda fi, fo: 6 / (fi + fo)), "square root is missing"),
    (_uniform(lambda fi, fo: 1 / np.sqrt(fi)), "old heuristic"),
    (lambda fi, fo, rng: rng.normal(0, np.sqrt(2 / (fi + fo)), (fi, fo)), "normally"),
    (lambda fi, fo, rng: rng.uniform(0, np.sqrt(6 / (fi + fo)), (fi, fo)), "symmetric around 0"),
    (lambda fi, fo, rng: rng.uniform(-1, 1, (fo, fi)) * np.sqrt(6 / (fi + fo)), "transposed"),
])
def test_glorot_uniform_mistakes(wrong, fragment):
    assert_mistake_caught(initialization.glorot_uniform, wrong, fragment)


# ------------------------------------------------------------------------- relu_depth_std
def test_relu_depth_std():
    q = initialization.relu_depth_std
    assert q.answer == pytest.approx(1.28 ** 5)  # sqrt(256 * 0.1**2 / 2) ** 10 = 3.436
    assert_correct(q)
    assert_correct(q, 3.44)
    assert_mistake_caught(q, 2.56 ** 5, "factor 1/2")
    assert_mistake_caught(q, 1.28 ** 10, "square root")
    assert_mistake_caught(q, 12.8 ** 5, "variance")
    assert_mistake_caught(q, 1.28 ** 5.5, "not 11")


def test_relu_depth_std_agrees_with_a_measurement():
    from mlpcourse.signal import signal_statistics

    ratios = []
    for seed in range(16):  # one network varies by about 15%: average several
        stats = signal_statistics("normal", "relu", depth=11, width=256, n_samples=100, seed=seed,
                                  scale=0.1 / 0.05)  # "normal" has std 0.05
        ratios.append(stats.activation_std[10] / stats.activation_std[0])
    assert np.mean(ratios) == pytest.approx(initialization.relu_depth_std.answer, rel=0.15)


# -------------------------------------------------------------------- count_distinct_units
def test_count_distinct_units():
    q = initialization.count_distinct_units
    assert_correct(q)
    assert_correct(q, lambda W, b: len({tuple(W[:, j]) + (b[j],) for j in range(W.shape[1])}))
    assert_mistake_caught(q, lambda W, b: len(np.unique(W, axis=0)), "rows of W")
    assert_mistake_caught(q, lambda W, b: np.unique(W, axis=1).shape[1], "biases too")
    assert_mistake_caught(q, lambda W, b: W.shape[1], "number of units")

    def in_place(W, b):
        W.sort(axis=0)
        return np.unique(np.vstack([W, b]), axis=1).shape[1]

    assert_mistake_caught(q, in_place, "in place")


# ------------------------------------------------------------------------ choice and think
def test_scheme_choices():
    assert_correct(initialization.scheme_for_tanh)
    assert_correct(initialization.scheme_for_relu)
    assert_mistake_caught(initialization.scheme_for_tanh, "c", "saturation")
    assert_mistake_caught(initialization.scheme_for_tanh, "a", "identical")
    assert_mistake_caught(initialization.scheme_for_relu, "b", "halves")
    assert_mistake_caught(initialization.scheme_for_relu, "d", "layer size")


def test_zero_biases_reveals_the_model_answer():
    result = assert_correct(initialization.zero_biases, "the weights differ")
    assert "deltas" in result.message + result.details
