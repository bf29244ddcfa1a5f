"""Small evaluation helpers shared by the chapters."""
import numpy as np


def _numbers(values, name):
    """``values`` as an array of numbers; strings and objects raise TypeError."""
    arr = np.asarray(values)
    if arr.dtype.kind in "USO":
        shown = ", ".join(repr(str(x)) for x in arr.ravel()[:2])
        raise TypeError(f"{name} holds strings ({shown}); accuracy compares integer class "
                        "labels: encode them first, for example with classes, y = "
                        "np.unique(y, return_inverse=True)" if arr.dtype.kind in "US" else
                        f"{name} must hold numbers, got an array of dtype {arr.dtype}")
    return arr


def _whole(arr):
    """True if every value could be a class label: a whole number >= 0."""
    whole = arr.dtype.kind in "biu" or bool(np.all(arr == np.round(arr)))
    return whole and (arr.size == 0 or arr.min() >= 0)


def _labels(y_true):
    y = _numbers(y_true, "y_true")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"y_true has shape {y.shape}: pass integer class labels of shape "
                         "(n_samples,) (for one-hot rows, y_true.argmax(axis=1))")
    if not _whole(y):
        bad = y[(y != np.round(y)) | (y < 0)][0]
        raise ValueError(f"y_true holds {bad:g}, which is not a class label: accuracy needs "
                         "integer class labels (0, 1, 2, ...)")
    return y.astype(np.int64)


def predicted_classes(output):
    """Class labels from network outputs, shape (n_samples,).

    Several columns (scores or probabilities): the argmax of each row. One column, or a
    1-D array: labels if every value is a whole number >= 0, else probabilities of class 1,
    thresholded at 0.5. Anything else (a single column of scores outside [0, 1], say the
    logits of an identity output) is refused rather than thresholded at a guess.
    """
    out = _numbers(output, "output")
    if out.ndim == 2 and out.shape[1] > 1:
        return out.argmax(axis=1)
    if out.ndim == 2:
        out = out[:, 0]
    if out.ndim != 1:
        raise ValueError(f"output has shape {out.shape}: pass the network's output of shape "
                         "(n_samples, n_outputs) or predicted labels of shape (n_samples,)")
    if _whole(out):
        return out.astype(np.int64)
    if out.min() < 0 or out.max() > 1:
        raise ValueError(f"output holds values from {out.min():g} to {out.max():g} that are "
                         "neither class labels nor probabilities in [0, 1]: pass a sigmoid "
                         "output, or predicted labels")
    return (out >= 0.5).astype(np.int64)


def accuracy(y_true, output):
    """Fraction of samples whose predicted class (from ``output``) equals ``y_true``.

    ``y_true`` holds integer labels of shape (n,) (or (n, 1); floats that are whole
    numbers are labels too); ``output`` is the network's output (probabilities or scores),
    or already predicted labels, as :func:`predicted_classes` reads it. Strings, fractional
    labels and outputs that fit neither reading raise an error.
    """
    y_true = _labels(y_true)
    pred = predicted_classes(output)
    if pred.shape != y_true.shape:
        raise ValueError(f"y_true has {y_true.shape[0]} labels but the output has "
                         f"{pred.shape[0]} rows")
    return float(np.mean(pred == y_true))


def _paired(y_true, y_pred):
    """Both arrays as float arrays of the same shape; (n,) against (n, 1) is accepted, any
    other difference of shape is refused (never reshaped, never broadcast)."""
    arrays = []
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        arr = np.asarray(values)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{name} must hold numbers, got an array of dtype {arr.dtype}")
        arrays.append(arr.astype(float))
    a, b = arrays
    if a.shape == b.shape:
        return a, b
    short, long = sorted((a.shape, b.shape), key=len)
    if len(short) != 1 or long != (short[0], 1):
        raise ValueError(f"y_true has shape {a.shape} but y_pred has shape {b.shape}: they "
                         "must match ((n,) against (n, 1) is allowed)")
    return a.reshape(-1), b.reshape(-1)


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
