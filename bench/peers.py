"""The same training runs in scikit-learn and PyTorch (peers for timing only)."""
import warnings

import numpy as np


def sklearn_fit(X, y, hidden_sizes, classifier, epochs, batch_size, learning_rate, seed=0):
    """Plain mini-batch SGD in scikit-learn's MLPRegressor/MLPClassifier (ReLU)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    model_cls = MLPClassifier if classifier else MLPRegressor
    model = model_cls(hidden_layer_sizes=hidden_sizes, activation="relu", solver="sgd",
                      momentum=0.0, nesterovs_momentum=False, alpha=0.0,
                      learning_rate="constant", learning_rate_init=learning_rate,
                      batch_size=batch_size, max_iter=epochs, shuffle=True, tol=0.0,
                      n_iter_no_change=10**9, early_stopping=False, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y.ravel() if not classifier else y)
    return model


def torch_available():
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def torch_fit(X, y, layer_sizes, classifier, epochs, batch_size, learning_rate, seed=0):
    """A plain PyTorch eager loop: nn.Sequential of Linear+ReLU, optim.SGD, CPU."""
    import torch
    from torch import nn
    dtype = torch.float64 if X.dtype == np.float64 else torch.float32
    torch.manual_seed(seed)
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:])):
        layers.append(nn.Linear(fan_in, fan_out))
        if i < len(layer_sizes) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers).to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=learning_rate)
    criterion = nn.CrossEntropyLoss() if classifier else nn.MSELoss()
    Xt = torch.from_numpy(X)
    yt = torch.from_numpy(y.astype(np.int64) if classifier else y)
    gen = torch.Generator().manual_seed(seed)
    n = len(X)
    for _ in range(epochs):
        order = torch.randperm(n, generator=gen)
        Xs, ys = Xt[order], yt[order]
        total = 0.0
        for start in range(0, n, batch_size):
            xb, yb = Xs[start:start + batch_size], ys[start:start + batch_size]
            opt.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
    return model


def torch_threads():
    import torch
    return torch.get_num_threads()
