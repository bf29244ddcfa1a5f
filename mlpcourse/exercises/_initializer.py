"""A question whose answer is a weight initializer ``init(fan_in, fan_out, rng)``.

Every check draws three layer shapes afresh (``SHAPE_RANGES``: fan_in > fan_out in one,
fan_in < fan_out in the others; 40,000 weights or more each) and checks, in order: the
shape; real, finite numbers; not all equal; that the draw comes from ``rng`` (same seed,
same weights; another seed, other weights; ``rng`` advanced); the mean; the variance, per
shape (a known slip is named); and the whole distribution, with a Kolmogorov-Smirnov test of
all draws pooled (``_goodness``).

False failures of the right initializer, per check (computed in
``tests/test_exercises_initialization.py`` from the constants below):

- the mean: |mean| > 6 standard errors, P < 3e-9 per shape for a normal draw;
- the variance: outside +-5% with at least 40,000 draws, P < 4e-11 per shape (Chernoff
  bound for a normal draw);
- the distribution: the DKW bound with ``KS_ALPHA``, P <= 1e-8 for the pooled draws;

in all below 2e-8 for a normal draw, and below 2e-7 for a uniform or truncated normal one
(Bernstein bounds, looser than the truth), so below 1e-6 in every case.

The distribution test pools 60,000 weights of each shape, scaled by the expected standard
deviation; its threshold is about 0.0075. A heavy-tailed draw
(Laplace, logistic, Student's t with 10 degrees of freedom or fewer), a uniform one for a
normal scheme and a two-point one are at KS distance 0.016 or more from the target.
"""
import numpy as np

from ._compare import numeric_problem
from ._goodness import FAMILIES, excess_kurtosis, ks_distance, ks_threshold, tail_fraction
from ._placeholder import contains_placeholder
from ._question import Question, Revealing
from ._run import arity_problem, call, current_time_limit, failure_report
from ._trials import trial_rng

VARIANCE_RTOL = 0.05  # a draw of 40,000+ weights estimates its variance within about 0.7%
MEAN_SIGMAS = 6  # the mean may be this many standard errors away from 0
KS_ALPHA = 1e-8  # false-failure probability of the distribution test
KS_PER_SHAPE = 60_000  # weights of each shape in the pooled distribution test
#: ranges of (fan_in, fan_out) of the three trial shapes. Fan_in, fan_out and their sum
#: fall in disjoint ranges, far enough apart that a variance computed from a fixed number,
#: or from the wrong fan, is wrong on at least two shapes by more than VARIANCE_RTOL.
SHAPE_RANGES = (((100, 130), (400, 480)), ((560, 680), (150, 190)), ((230, 290), (800, 960)))


def trial_shapes(rng):
    """Three (fan_in, fan_out) drawn from ``SHAPE_RANGES``, 40,000 to 280,000 weights each."""
    return [(int(rng.integers(lo_in, hi_in + 1)), int(rng.integers(lo_out, hi_out + 1)))
            for (lo_in, hi_in), (lo_out, hi_out) in SHAPE_RANGES]


class InitializerQuestion(Question):
    """The learner writes ``init(fan_in, fan_out, rng)``; large draws are checked.

    Parameters
    ----------
    name : str
    reference : callable
        The right initializer.
    variance : callable
        ``variance(fan_in, fan_out)``, the variance of the weights.
    family : {"normal", "uniform"}
        The distribution; for "normal" a normal truncated at two standard deviations (with
        the right variance) is accepted too.
    limit : callable, optional
        ``limit(fan_in, fan_out)``: no weight may exceed it in absolute value.
    slips : sequence of (callable, str)
        ``(variance_function, message)``: a variance that matches one of these on every
        shape is reported with its message.
    time_limit : float, optional
        Seconds per call (default: the session's limit).
    """

    kind = "function"
    reference = Revealing()
    variance = Revealing()  # the formula is the answer: reading it counts as viewing it
    limit = Revealing()

    def __init__(self, name, reference, *, variance, family, limit=None, slips=(),
                 time_limit=None, **kwargs):
        super().__init__(name, **kwargs)
        self.reference = reference
        self.variance, self.family, self.limit = variance, family, limit
        self.slips = tuple(slips)
        self.time_limit = time_limit
        self._seed = None  # tests may fix the trial shapes (testing.fixed_trials)
        self.reference_args = (reference,)

    def grade(self, fn):
        if not callable(fn):
            return self.incorrect(f"Pass your function itself, e.g. "
                                  f"`{self.name}.check({self.name})`, without calling it.")
        problem = arity_problem(fn, ["fan_in", "fan_out", "rng"],
                                f"{self.name}(fan_in, fan_out, rng)")
        if problem:
            return self.incorrect(problem)
        rng = trial_rng(self._seed)
        shapes = trial_shapes(rng)
        draws, self._printed = [], ""
        for fan_in, fan_out in shapes:
            seed = int(rng.integers(2 ** 32))
            where = f"With fan_in={fan_in}, fan_out={fan_out}"
            w, problem = self._draw(fn, fan_in, fan_out, seed)
            if isinstance(problem, str):
                return self.incorrect(problem, where + ".")
            if problem is not None:  # a Result: unattempted, an error, a timeout
                problem.details = f"{where}.\n{problem.details}".strip()
                return problem
            draws.append(w)
        result = self._judge_draws(draws, shapes)
        result.details = "\n".join(filter(None, [result.details, self._printed]))
        return result

    def _draw(self, fn, fan_in, fan_out, seed):
        """``(weights, None)`` if one draw is well formed, else ``(None, message or Result)``."""
        inputs = {"fan_in": fan_in, "fan_out": fan_out, "rng": np.random.default_rng(seed)}
        outcome = call(fn, inputs, self.time_limit)
        self._printed = self._printed or outcome.printed
        if isinstance(outcome.error, NotImplementedError) or (
                not outcome.failed and contains_placeholder(outcome.value)):
            return None, self.unattempted("Your function still returns the placeholder: write "
                                          "its body, then check again.")
        if outcome.failed:
            status, message, details = failure_report(
                outcome, f"{self.name}(fan_in, fan_out, rng)", current_time_limit(self.time_limit))
            message = "Your function raised an exception." if status == "error" and \
                not outcome.exited else message
            return None, (self.error if status == "error" else self.incorrect)(message, details)
        problem = numeric_problem(outcome.value, "Your array of weights")
        if problem:
            return None, problem
        w = np.asarray(outcome.value, dtype=float)
        if w.shape != (fan_in, fan_out):
            return None, _shape_message(w.shape, fan_in, fan_out)
        if float(w.std()) == 0:
            return None, ("All your weights are equal: that is the symmetric start this chapter "
                          "warns about.")
        return w, self._rng_problem(fn, w, fan_in, fan_out, seed) or _mean_problem(w)

    def _rng_problem(self, fn, w, fan_in, fan_out, seed):
        """A message if the draw does not come from the generator passed in."""
        rng = np.random.default_rng(seed)
        again = call(fn, {"fan_in": fan_in, "fan_out": fan_out, "rng": rng}, self.time_limit)
        if not again.failed and again.given["rng"].bit_generator.state == rng.bit_generator.state:
            return ("Your function did not draw from the generator `rng` it was given (its "
                    "state did not move). Use `rng.normal(...)` or `rng.uniform(...)`, not "
                    "`np.random` or a generator of your own, so that a seed reproduces a network.")
        if again.failed or np.shape(again.value) != w.shape or not np.array_equal(
                np.asarray(again.value, dtype=float), w, equal_nan=True):
            return ("Called twice with generators seeded alike, your function gave different "
                    "weights. Draw every number from `rng` (`rng.normal`, `rng.uniform`), not "
                    "from `np.random`, so that a seed reproduces a network.")
        other = call(fn, {"fan_in": fan_in, "fan_out": fan_out,
                          "rng": np.random.default_rng(seed + 1)}, self.time_limit)
        if not other.failed and np.shape(other.value) == w.shape and np.array_equal(
                np.asarray(other.value, dtype=float), w):
            return ("Two differently seeded generators gave the same weights: your function "
                    "draws from a generator of its own. Draw from `rng`, the one it is given.")
        return None

    def _judge_draws(self, draws, shapes):
        variances = [float(np.var(w)) for w in draws]
        expected = [self._variance(fi, fo) for fi, fo in shapes]
        if not all(_close(v, e) for v, e in zip(variances, expected)):
            return self.incorrect(self._variance_message(variances, expected, shapes),
                                  _shapes_text(shapes))
        z = np.concatenate([w.ravel()[:KS_PER_SHAPE] / np.sqrt(e) for w, e in zip(draws, expected)])
        threshold = ks_threshold(z.size, KS_ALPHA)
        fits = []
        for label, cdf in FAMILIES[self.family]:  # stop at the first that fits
            fits.append((label, ks_distance(z, cdf)))
            if fits[-1][1] <= threshold:
                break
        if min(d for _, d in fits) > threshold:
            return self.incorrect(self._shape_diagnosis(z, draws[0], fits, threshold),
                                  _shapes_text(shapes))
        if self._limit is not None:
            for w, (fi, fo) in zip(draws, shapes):
                peak, limit = float(np.abs(w).max()), self._limit(fi, fo)
                if peak > limit * (1 + 1e-9):
                    return self.incorrect(f"The variance is right, but some weights reach "
                                          f"{peak:.3g}, beyond the limit {limit:.3g} of this "
                                          "scheme.", f"fan_in={fi}, fan_out={fo}.")
        label = min(fits, key=lambda fit: fit[1])[0]
        return self.correct(f"Right: shape (fan_in, fan_out), draws from `rng`, centred on 0, "
                            f"the right variance on {len(shapes)} random layer shapes, and "
                            f"{label} (Kolmogorov-Smirnov test on {z.size:,} weights).",
                            _shapes_text(shapes))

    def _variance_message(self, variances, expected, shapes):
        for slip, message in self.slips:
            if all(_close(v, slip(fi, fo)) for v, (fi, fo) in zip(variances, shapes)):
                return message
        stds = np.sqrt(variances)
        if np.ptp(stds) <= 0.05 * stds.mean() and np.ptp(np.sqrt(expected)) > 0.2 * stds.mean():
            return (f"Your weights have the same spread (standard deviation {stds.mean():.3g}) "
                    "for every layer shape, but the right spread depends on the fans: did you "
                    "write a fixed number where `fan_in` or `fan_out` belongs?")
        ratios = ", ".join(f"{v / e:.3g} for {shape}" for v, e, shape
                           in zip(variances, expected, shapes))
        return ("The variance of your weights is off: it is (yours / expected) "
                f"{ratios} for (fan_in, fan_out). Check the formula of the variance, and "
                "whether numpy wants a standard deviation or a limit.")

    def _shape_diagnosis(self, z, first, fits, threshold):
        """Why the distribution is not the family's, in the learner's terms."""
        distinct = np.unique(first).size
        if distinct <= 10:
            return (f"Your weights take only {distinct} different values; a weight "
                    f"initializer draws from a continuous distribution ({self.family}).")
        own = z / z.std()
        d_normal, d_uniform = (ks_distance(own, FAMILIES[f][0][1]) for f in ("normal", "uniform"))
        if self.family == "normal" and d_uniform < d_normal:
            return ("Your weights look uniformly distributed (flat between two limits); this "
                    "scheme draws from a normal distribution: `rng.normal(0, std, size)`.")
        if self.family == "uniform" and d_normal < d_uniform:
            return ("Your weights look normally distributed (bell-shaped); this scheme draws "
                    "from a uniform distribution: `rng.uniform(-r, r, size)`.")
        tails, kurtosis = tail_fraction(own), excess_kurtosis(own)
        if self.family == "normal" and kurtosis > 0.3:
            return (f"Your weights have the right mean and variance but heavier tails than a "
                    f"normal distribution: {tails:.2%} of them lie beyond three standard "
                    "deviations, against 0.27% for a normal. Draw with `rng.normal`.")
        label, distance = min(fits, key=lambda fit: fit[1])
        return (f"Your weights have the right mean and variance, but they do not follow "
                f"{label}: their cumulative distribution is {distance:.3f} away from it at "
                f"worst, and a right draw of {z.size:,} weights stays within {threshold:.3f}.")


def _close(value, expected):
    return abs(value - expected) <= VARIANCE_RTOL * expected


def _shapes_text(shapes):
    return "Layer shapes (fan_in, fan_out) of this check: " + ", ".join(map(str, shapes)) + "."


def _shape_message(shape, fan_in, fan_out):
    if shape == (fan_out, fan_in):
        return (f"Your array has shape {shape}, that is (fan_out, fan_in): transposed. In "
                "this course a layer's weights are (fan_in, fan_out), since Z = X @ W.")
    return f"Your array has shape {shape}; a layer's weights have shape (fan_in, fan_out)."


def _mean_problem(w):
    std, mean = float(w.std()), float(w.mean())
    if abs(mean) > MEAN_SIGMAS * std / np.sqrt(w.size):
        return (f"Your weights have mean {mean:.3g}, not 0. The distribution must be symmetric "
                "around 0 (for a uniform: from -r to r, not from 0 to r).")
    return None
