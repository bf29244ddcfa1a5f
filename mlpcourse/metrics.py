"""Small evaluation helpers shared by the chapters."""
import numpy as np


def predicted_classes(output):
    """Class labels from network outputs: threshold 0.5 for one column, argmax otherwise."""
    output = np.asarray(output)
    if output.ndim == 2 and output.shape[1] > 1:
        return output.argmax(axis=1)
    return (output.reshape(-1) >= 0.5).astype(int)


def accuracy(y_true, output):
    """Fraction of samples whose predicted class (from ``output``) equals ``y_true``.

    ``y_true`` holds integer labels of shape (n,) (or (n, 1)); ``output`` is the network's
    output (probabilities or scores), or already predicted labels of shape (n,).
    """
    y_true = np.asarray(y_true).reshape(-1)
    output = np.asarray(output)
    pred = output.astype(int) if output.ndim == 1 and output.dtype.kind in "iub" else \
        predicted_classes(output)
    if pred.shape != y_true.shape:
        raise ValueError(f"y_true has {y_true.shape[0]} labels but the output has "
                         f"{pred.shape[0]} rows")
    return float(np.mean(pred == y_true))
