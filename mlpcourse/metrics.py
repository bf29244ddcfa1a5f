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


def _paired(y_true, y_pred):
    """Both arrays as float arrays of y_true's shape; (n,) against (n, 1) never broadcasts."""
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_pred.size != y_true.size:
        raise ValueError(f"y_true has {y_true.size} values but y_pred has {y_pred.size}")
    return y_true, y_pred.reshape(y_true.shape)


def rmse(y_true, y_pred):
    """Root mean squared error, in the units of the targets (e.g. for (n,) or (n, 1) arrays)."""
    y_true, y_pred = _paired(y_true, y_pred)
    return float(np.sqrt(np.mean((y_pred - y_true) ** 2)))


def mean_absolute_error(y_true, y_pred):
    """Mean absolute error, in the units of the targets."""
    y_true, y_pred = _paired(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true)))


def iou(box_a, box_b):
    """Intersection over union of boxes given as ``(center x, center y, width, height)``.

    Vectorised: ``box_a`` and ``box_b`` are arrays of shape (..., 4) that broadcast against
    each other; the result has the broadcast shape without the last axis (a float for two
    single boxes). IoU is 1 for identical boxes and 0 for disjoint ones (and for two empty
    boxes). See "Regression MLPs".
    """
    a = np.asarray(box_a, dtype=float)
    b = np.asarray(box_b, dtype=float)
    if a.shape[-1:] != (4,) or b.shape[-1:] != (4,):
        raise ValueError("boxes must have shape (..., 4) holding (center x, center y, width, "
                         f"height); got shapes {a.shape} and {b.shape}")
    if np.any(a[..., 2:] < 0) or np.any(b[..., 2:] < 0):
        raise ValueError("box widths and heights must be >= 0")
    half_a, half_b = a[..., 2:] / 2, b[..., 2:] / 2
    low = np.maximum(a[..., :2] - half_a, b[..., :2] - half_b)
    high = np.minimum(a[..., :2] + half_a, b[..., :2] + half_b)
    overlap = np.clip(high - low, 0, None)
    inter = overlap[..., 0] * overlap[..., 1]
    union = a[..., 2] * a[..., 3] + b[..., 2] * b[..., 3] - inter
    result = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return float(result) if result.ndim == 0 else result
