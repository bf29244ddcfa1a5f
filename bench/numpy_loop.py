"""The floor a numpy package can reach: a minimal, hand-written mini-batch SGD loop.

Written plainly, the way a learner would after the backpropagation chapter: shuffle each
epoch, forward pass, loss, backward pass, SGD step. It does the same work as
``MLP.fit(..., optimizer="sgd")`` and nothing else.
"""
import numpy as np


def train(X, y, weights, biases, hidden="relu", output="mse", epochs=10, batch_size=32,
          learning_rate=0.01, seed=0):
    """Train the given weight and bias lists in place; return the mean loss of each epoch.

    ``hidden`` is "relu" or "tanh"; ``output`` is "mse" (identity output, y of shape (n, k)),
    "bce" (sigmoid output, 0/1 targets of shape (n, 1)) or "ce" (softmax output, integer
    labels of shape (n,)).
    """
    if output == "ce":
        onehot = np.zeros((len(y), weights[-1].shape[1]), dtype=X.dtype)
        onehot[np.arange(len(y)), y] = 1
        y = onehot
    rng = np.random.default_rng(seed)
    lr = X.dtype.type(learning_rate)
    n, L = len(X), len(weights)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        Xs, ys = X[order], y[order]
        total = 0.0
        for start in range(0, n, batch_size):
            xb, yb = Xs[start:start + batch_size], ys[start:start + batch_size]
            # forward
            acts, zs = [xb], []
            for i in range(L):
                z = acts[-1] @ weights[i] + biases[i]
                zs.append(z)
                if i < L - 1:
                    acts.append(np.maximum(z, 0) if hidden == "relu" else np.tanh(z))
            z = zs[-1]
            # loss and its gradient with respect to the output pre-activation
            if output == "mse":
                r = z - yb
                loss = np.mean(r * r)
                delta = r * X.dtype.type(2 / r.size)
            elif output == "bce":
                p = 1 / (1 + np.exp(-z))
                loss = np.mean(np.maximum(z, 0) - z * yb + np.log1p(np.exp(-np.abs(z))))
                delta = (p - yb) * X.dtype.type(1 / p.size)
            else:
                shifted = z - z.max(axis=1, keepdims=True)
                e = np.exp(shifted)
                s = e.sum(axis=1, keepdims=True)
                loss = -np.sum(yb * (shifted - np.log(s))) / len(z)
                delta = (e / s - yb) * X.dtype.type(1 / len(z))
            total += float(loss) * len(xb)
            # backward and step
            for i in range(L - 1, -1, -1):
                gW = acts[i].T @ delta
                gb = delta.sum(axis=0)
                if i > 0:
                    da = delta @ weights[i].T
                    delta = da * (zs[i - 1] > 0) if hidden == "relu" else da * (1 - acts[i] ** 2)
                weights[i] -= lr * gW
                biases[i] -= lr * gb
        losses.append(total / n)
    return losses
