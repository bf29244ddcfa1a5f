"""Explorers of the chapter "Backpropagation" about single gradients and single steps.

- :func:`descent_path` and :func:`draw_descent`: gradient descent on a loss surface of two
  parameters, with a learning rate up to divergence;
- :func:`nudge` and :func:`draw_nudge`: change one weight by ``Δw`` and compare the change
  of the loss with the gradient's prediction ``g Δw``;
- :func:`draw_saturation`: the local derivative of a sigmoid or tanh unit, and how little
  of an upstream gradient passes through a saturated unit.
"""
import numpy as np

from ..activations import ACTIVATIONS
from ..plots import CLASS_COLORS

#: A path stops when the parameters leave this radius (the steps diverged).
ESCAPE = 1e3


def descent_path(gradient, start, learning_rate, steps):
    """Points visited by gradient descent ``θ ← θ - η ∇L(θ)``, the start included.

    Parameters
    ----------
    gradient : callable
        ``gradient(theta) -> array`` of the shape of ``theta``.
    start : array-like
    learning_rate : float
        ``η > 0``.
    steps : int

    Returns
    -------
    ndarray of shape (k + 1, n_params)
        ``k = steps`` points after the start, fewer if the parameters leave the radius
        :data:`ESCAPE` (the run diverged: the last point is the first one outside).
    """
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")
    theta = np.asarray(start, dtype=np.float64)
    path = [theta]
    for _ in range(int(steps)):
        theta = theta - learning_rate * np.asarray(gradient(theta), dtype=np.float64)
        path.append(theta)
        if not np.all(np.abs(theta) < ESCAPE):
            break
    return np.array(path)


def critical_learning_rate(hessian):
    """``2 / λ_max``: the learning rate beyond which gradient descent on a quadratic
    with this Hessian (positive definite, shape (n, n)) diverges."""
    eigenvalues = np.linalg.eigvalsh(np.asarray(hessian, dtype=np.float64))
    if eigenvalues[0] <= 0:
        raise ValueError("the Hessian must be positive definite (a bowl), got eigenvalues "
                         f"{eigenvalues}")
    return 2.0 / eigenvalues[-1]


def draw_descent(grid, surface, path, loss, learning_rate, critical, names=("w", "b")):
    """The loss surface as contours with the path of gradient descent, and the loss per step.

    Parameters
    ----------
    grid : (ndarray, ndarray)
        The values of the two parameters along the axes, shapes (m,) and (k,).
    surface : ndarray of shape (k, m)
        The loss at every grid point (row: second parameter).
    path : ndarray of shape (steps + 1, 2)
        From :func:`descent_path`.
    loss : callable
        ``loss(theta) -> float``, to label the steps.
    learning_rate, critical : float
        The learning rate of the path, and :func:`critical_learning_rate`.

    Returns
    -------
    matplotlib Figure
    """
    import matplotlib.pyplot as plt

    fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(10, 4.2), width_ratios=[1.25, 1])
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.83, wspace=0.28)
    (g1, g2) = grid
    ax.contourf(g1, g2, np.log10(surface), levels=15, cmap="viridis_r")
    inside = np.all(np.abs(path) < ESCAPE, axis=1)
    shown = path[: int(np.argmin(inside)) + 1] if not inside.all() else path
    ax.plot(shown[:, 0], shown[:, 1], "o-", color="white", mec="k", ms=4, lw=1.2)
    ax.plot(*path[0], "s", color="white", mec="k", ms=9)
    ax.set(xlim=(g1[0], g1[-1]), ylim=(g2[0], g2[-1]), xlabel=f"weight ${names[0]}$",
           ylabel=f"bias ${names[1]}$", title="Loss surface and the steps")
    losses = np.array([loss(p) for p in path])
    ax_loss.semilogy(np.arange(len(path)), losses, "o-", color=CLASS_COLORS[0], ms=3)
    ax_loss.set(xlabel="step", ylabel="loss (log scale)", title="Loss after each step",
                xlim=(-0.5, len(path) - 0.5 if inside.all() else 30.5))
    diverged = not inside.all() or losses[-1] > losses[0]
    ratio = learning_rate / critical
    verdict = (f"DIVERGES: η is {ratio:.2f} × the limit 2/λ" if diverged
               else f"converges: η is {ratio:.2f} × the limit 2/λ")
    fig.suptitle(f"Learning rate η = {learning_rate:g}: {verdict}\n"
                 f"loss {losses[0]:.3g} at the start, {losses[-1]:.3g} after "
                 f"{len(path) - 1} steps", fontsize=12,
                 color=CLASS_COLORS[1] if diverged else "k")
    return fig


def nudge(loss, weights, index, deltas):
    """The change of the loss when one entry of ``weights`` moves by each ``Δw``.

    Parameters
    ----------
    loss : callable
        ``loss(weights) -> float``.
    weights : ndarray
        Not changed (each nudge works on a copy).
    index : tuple
        The entry to move.
    deltas : sequence of float

    Returns
    -------
    ndarray of shape (len(deltas),)
        ``loss(weights with entry + Δw) - loss(weights)``.
    """
    base = float(loss(weights))
    changes = []
    for delta in deltas:
        moved = np.array(weights, dtype=np.float64, copy=True)
        moved[index] += delta
        changes.append(float(loss(moved)) - base)
    return np.array(changes)


def draw_nudge(deltas, changes, gradient, delta, name):
    """The loss along one weight, the tangent ``g Δw``, and one nudge compared with it.

    Parameters
    ----------
    deltas, changes : ndarray
        A fine grid of ``Δw`` and the true ``ΔL`` on it (from :func:`nudge`).
    gradient : float
        ``∂L/∂w`` from backpropagation.
    delta : float
        The nudge shown (must be on the grid ``deltas``).
    name : str
        The weight's name, for the labels.
    """
    import matplotlib.pyplot as plt

    k = int(np.argmin(np.abs(deltas - delta)))
    true, predicted = changes[k], gradient * deltas[k]
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    fig.subplots_adjust(left=0.14, right=0.97, bottom=0.13, top=0.8)
    ax.plot(deltas, changes, color=CLASS_COLORS[0], lw=2, label="true change ΔL")
    ax.plot(deltas, gradient * deltas, "--", color=CLASS_COLORS[1], lw=2,
            label=f"gradient's prediction g Δw (g = {gradient:.3f})")
    ax.plot([deltas[k]] * 2, [predicted, true], color="k", lw=1)
    ax.plot(deltas[k], true, "o", color=CLASS_COLORS[0], mec="k", ms=8)
    ax.plot(deltas[k], predicted, "s", color=CLASS_COLORS[1], mec="k", ms=7)
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0, color="0.8", lw=0.8, zorder=0)
    ax.set(xlabel=f"nudge Δw of {name}", ylabel="change of the loss")
    ax.legend(loc="upper center", fontsize=9)
    gap = abs(true - predicted) / max(abs(true), 1e-12)
    ax.set_title(f"Δw = {deltas[k]:+g}: true ΔL = {true:+.4f}, g Δw = {predicted:+.4f}\n"
                 f"the prediction is off by {gap:.0%} of the true change", fontsize=11)
    return fig


SATURATING = ("sigmoid", "tanh")


def draw_saturation(activation, z, depth=5):
    """A unit's activation and local derivative at ``z``, and the gradient it lets through.

    Parameters
    ----------
    activation : {"sigmoid", "tanh"}
    z : float
        The pre-activation.
    depth : int
        Also show what is left of a gradient after ``depth`` such units in a row.
    """
    import matplotlib.pyplot as plt

    if activation not in SATURATING:
        raise ValueError(f"activation must be one of {SATURATING}, got {activation!r}")
    act = ACTIVATIONS[activation]
    grid = np.linspace(-8, 8, 401)
    slope = float(act.derivative(np.array([z]))[0])
    value = float(act.forward(np.array([z]))[0])
    fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(10, 3.9))
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.76, wspace=0.25)
    ax_f.plot(grid, act.forward(grid), color=CLASS_COLORS[0], lw=2)
    ax_f.plot(grid, value + slope * (grid - z), "--", color=CLASS_COLORS[1], lw=1.5,
              label=f"tangent, slope {slope:.4f}")
    ax_f.plot(z, value, "o", color=CLASS_COLORS[1], mec="k", ms=8)
    low = -1.2 if activation == "tanh" else -0.2
    ax_f.set(xlabel="z", ylabel=f"{activation}(z)", ylim=(low, 1.2),
             title=f"{activation}(z) and its tangent at z = {z:g}")
    ax_f.legend(loc="upper left", fontsize=9)
    ax_d.plot(grid, act.derivative(grid), color=CLASS_COLORS[0], lw=2)
    ax_d.plot(z, slope, "o", color=CLASS_COLORS[1], mec="k", ms=8)
    ax_d.set(xlabel="z", ylabel="local derivative", ylim=(-0.05, 1.1),
             title=f"its derivative: {slope:.4f} at z = {z:g}")
    fig.suptitle(f"A gradient of 1 arriving at this unit leaves it as {slope:.2g}; "
                 f"after {depth} such units in a row, {slope ** depth:.2g}", fontsize=12)
    return fig
