"""Symmetric units: find the hidden units that are exact copies of each other, merge them,
and measure how different the units of a layer really are.

A layer whose units start equal keeps them equal for ever (see "Initializing the weights").
:func:`identical_units` finds the copies, :func:`merge_identical_units` builds the equivalent
narrow network, and :func:`unit_distances` measures how far apart the units' responses are:
random initial weights make units that are not only distinct but different.
"""
import numpy as np

from .mlp import MLP


def identical_units(W, b=None, atol=0.0):
    """Group the units of a layer whose incoming weights (and biases) are identical.

    Parameters
    ----------
    W : array of shape (fan_in, fan_out)
        The layer's weights; column j holds the incoming weights of unit j.
    b : array of shape (fan_out,), optional
        The layer's biases; units must also share their bias to be identical.
    atol : float
        Largest absolute difference still counted as equal (0: exactly equal).

    Returns
    -------
    list of list of int
        Groups of unit indices, each sorted, in order of their first unit. A layer of
        copies gives one group; a layer of all different units gives ``fan_out`` groups.
    """
    W = np.asarray(W)
    if W.ndim != 2:
        raise ValueError(f"W must be 2-D (fan_in, fan_out), got shape {W.shape}")
    columns = W if b is None else np.vstack([W, np.asarray(b).reshape(1, -1)])
    if atol == 0:  # exact: group columns by their bytes (+ 0.0 makes -0.0 equal to 0.0)
        exact = {}
        for j, column in enumerate(np.ascontiguousarray(columns.T + 0.0)):
            exact.setdefault(column.tobytes(), []).append(j)
        return list(exact.values())
    groups, representatives = [], []
    for j in range(columns.shape[1]):
        for group, rep in zip(groups, representatives):
            if np.all(np.abs(columns[:, j] - rep) <= atol):
                group.append(j)
                break
        else:
            groups.append([j])
            representatives.append(columns[:, j])
    return groups


def merge_identical_units(net, atol=0.0):
    """Return the network with each group of identical hidden units merged into one unit.

    Every hidden layer keeps one unit per group of :func:`identical_units`; the outgoing
    weights of a group are summed, since its units all send the same value. The result
    computes the same function as ``net`` (up to rounding in the last digits).
    """
    weights = [w.copy() for w in net.weights]
    biases = [b.copy() for b in net.biases]
    for i in range(len(weights) - 1):
        groups = identical_units(weights[i], biases[i], atol)
        keep = [g[0] for g in groups]
        weights[i], biases[i] = weights[i][:, keep], biases[i][keep]
        weights[i + 1] = np.vstack([weights[i + 1][g].sum(axis=0) for g in groups])
    return MLP.from_weights(weights, biases, activation=net.activation,
                            output_activation=net.output_activation)


def unit_distances(responses):
    """Root-mean-square distance between the responses of every pair of units.

    Parameters
    ----------
    responses : array of shape (n_samples, n_units)
        A layer's activations on a batch (``net.forward_trace(X).activations[l]``).

    Returns
    -------
    array of shape (n_units, n_units)
        Entry (i, j) is sqrt(mean over samples of (a_i - a_j) ** 2); 0 on the diagonal and
        for units that are copies of each other.
    """
    A = np.asarray(responses, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"responses must be 2-D (n_samples, n_units), got shape {A.shape}")
    differences = A[:, :, None] - A[:, None, :]
    return np.sqrt(np.mean(differences ** 2, axis=0))


def independent_responses(responses, share=1e-3):
    """How many independent curves it takes to rebuild every unit's response.

    The number of principal components of the (centred) responses that each carry more
    than ``share`` of their total variance: 1 for a layer of copies, up to ``n_units`` for
    units that all do different work.

    Parameters
    ----------
    responses : array of shape (n_samples, n_units)
    share : float
        Smallest share of the variance that counts, in (0, 1).

    Returns
    -------
    int
    """
    A = np.asarray(responses, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"responses must be 2-D (n_samples, n_units), got shape {A.shape}")
    if not 0 < share < 1:
        raise ValueError(f"share must be between 0 and 1, got {share}")
    power = np.linalg.svd(A - A.mean(axis=0), compute_uv=False) ** 2
    total = power.sum()
    return int(np.sum(power > share * total)) if total > 0 else 0
