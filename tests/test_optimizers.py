"""Each optimizer checked against two steps computed by hand, state kept across calls."""
import numpy as np
import pytest

from mlpcourse import MLP
from mlpcourse.optimizers import OPTIMIZERS, SGD, Adam, Momentum, get_optimizer

P0 = [1.0, -2.0]
G1 = [0.5, -1.0]
G2 = [0.25, 0.5]
LR = 0.1

# Two steps of each optimizer from P0 with gradients G1 then G2, learning rate 0.1.
EXPECTED = {
    # p1 = p0 - 0.1 g1 = [0.95, -1.9];  p2 = p1 - 0.1 g2 = [0.925, -1.95]
    "sgd": ([0.95, -1.9], [0.925, -1.95]),
    # v1 = 0.9 * 0 - 0.1 g1 = [-0.05, 0.1];        p1 = p0 + v1 = [0.95, -1.9]
    # v2 = 0.9 v1 - 0.1 g2 = [-0.045 - 0.025, 0.09 - 0.05] = [-0.07, 0.04];  p2 = [0.88, -1.86]
    "momentum": ([0.95, -1.9], [0.88, -1.86]),
    # Nesterov: p <- p + 0.9 v_new - 0.1 g
    # p1 = [1 - 0.045 - 0.05, -2 + 0.09 + 0.1] = [0.905, -1.81]
    # p2 = [0.905 - 0.063 - 0.025, -1.81 + 0.036 - 0.05] = [0.817, -1.824]
    "nesterov": ([0.905, -1.81], [0.817, -1.824]),
    # Adam (beta1 0.9, beta2 0.999):
    # t=1: m = 0.1 g1 = [0.05, -0.1], v = 0.001 g1^2 = [0.00025, 0.001];
    #      m_hat = m / 0.1 = [0.5, -1], v_hat = v / 0.001 = [0.25, 1];
    #      p1 = p0 - 0.1 m_hat / sqrt(v_hat) = p0 - 0.1 [1, -1] = [0.9, -1.9]
    # t=2: m = 0.9 m + 0.1 g2 = [0.07, -0.04], v = 0.999 v + 0.001 g2^2 = [0.00031225, 0.001249]
    #      m_hat = m / (1 - 0.9^2) = [0.36842105, -0.21052632]
    #      v_hat = v / (1 - 0.999^2) = [0.1562031, 0.62481241], sqrt = [0.39522538, 0.79045076]
    #      p2 = p1 - 0.1 m_hat / sqrt(v_hat) = p1 - [0.09321796, -0.0266337]
    # (epsilon = 1e-8 is left out by hand; the implementation adds it to sqrt(v), not to
    # sqrt(v_hat), as in Kingma & Ba's efficient form: the results differ by ~1e-7)
    "adam": ([0.9, -1.9], [0.80678204, -1.8733663]),
}


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_two_steps_by_hand(name, dtype):
    assert name in EXPECTED, f"add a hand computation for {name!r}"
    opt = get_optimizer(name, LR)
    if name == "adam":
        assert (opt.beta1, opt.beta2) == (0.9, 0.999)
    p = np.array(P0, dtype=dtype)
    g1, g2 = np.array(G1, dtype=dtype), np.array(G2, dtype=dtype)
    rtol = 1e-5 if dtype == "float32" else 1e-6 if name == "adam" else 1e-12
    for g, expected in zip((g1, g2), EXPECTED[name]):
        g_before = g.copy()
        opt.step([p], [g])
        np.testing.assert_allclose(p, expected, rtol=rtol)
        np.testing.assert_array_equal(g, g_before)  # the gradients are not touched
        assert p.dtype == np.dtype(dtype)


def test_state_carries_over_between_fit_calls():
    """Two fits of one epoch with one optimizer object equal one fit of two epochs."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 3)), rng.normal(size=(20, 1))
    a, b = MLP([3, 4, 1], seed=0), MLP([3, 4, 1], seed=0)
    opt = Momentum(0.05)
    seeds = np.random.default_rng(1)
    a.fit(X, y, epochs=1, optimizer=opt, seed=seeds)
    a.fit(X, y, epochs=1, optimizer=opt, seed=seeds)
    b.fit(X, y, epochs=2, optimizer=Momentum(0.05), seed=np.random.default_rng(1))
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(wa, wb)


def test_unknown_optimizer_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'") as info:
        get_optimizer("rmsprop", 0.1)
    for name in OPTIMIZERS:
        assert name in str(info.value)


@pytest.mark.parametrize("make", [SGD, Momentum, Adam])
@pytest.mark.parametrize("lr", [0, -0.1, float("nan")])
def test_bad_learning_rate(make, lr):
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        make(lr)


def test_bad_hyperparameters():
    with pytest.raises(ValueError, match=r"momentum must be a number in \[0, 1\)"):
        Momentum(0.1, momentum=1.0)
    with pytest.raises(ValueError, match=r"beta2 must be a number in \[0, 1\)"):
        Adam(0.1, beta2=1.5)


@pytest.mark.parametrize("make", [Momentum, Adam, lambda lr: Momentum(lr, nesterov=True)])
def test_an_optimizer_reused_on_another_architecture_says_so(make):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    opt = make(0.01)
    MLP([2, 3, 1], seed=0).fit(X, y, epochs=1, optimizer=opt)
    for other in (MLP([2, 5, 1], seed=0), MLP([2, 3, 3, 1], seed=0)):
        with pytest.raises(ValueError, match=r"this .* optimizer holds state for parameters "
                                             r"of shapes \[\(2, 3\), \(3, 1\), \(3,\), "
                                             r"\(1,\)\] but was given parameters of shapes "
                                             r".*: an optimizer object belongs to one network; "
                                             r"make a new one, or call its reset\(\)"):
            other.fit(X, y, epochs=1, optimizer=opt)
    opt.reset()
    assert MLP([2, 5, 1], seed=0).fit(X, y, epochs=1, optimizer=opt).epochs == 1


@pytest.mark.parametrize("epsilon", [-1e-8, 0.0, float("nan"), float("inf")])
def test_adam_epsilon_must_be_a_positive_number(epsilon):
    with pytest.raises(ValueError, match="epsilon must be a finite number > 0"):
        Adam(0.01, epsilon=epsilon)


@pytest.mark.parametrize("make, match", [
    (lambda: Momentum(0.1, momentum=float("nan")), r"momentum must be a number in \[0, 1\)"),
    (lambda: Momentum(0.1, momentum="0.9"), r"momentum must be a number in \[0, 1\), got '0.9'"),
    (lambda: Adam(0.1, beta1="high"), r"beta1 must be a number in \[0, 1\)"),
])
def test_hyperparameters_of_the_wrong_kind(make, match):
    with pytest.raises((TypeError, ValueError), match=match):
        make()
