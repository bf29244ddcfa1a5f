"""Exercises of the chapter "Regression MLPs" (book/regression.ipynb).

``output_design`` (a choice: output neurons and activation), ``mse_gradient`` (the MSE and
its gradient, checked against finite differences), ``huber_loss`` (a function), ``box_iou``
(a function), ``beat_the_baseline`` (a scikit-learn MLP pipeline that must beat linear
regression's validation error on the diabetes data) and ``outlier_pull`` (think).
"""
import numpy as np

from ._choice import ChoiceQuestion
from ._function import FunctionQuestion
from ._model import PipelineQuestion
from ._question import Mistake
from ._think import ThinkQuestion

# --------------------------------------------------------------------------- output_design
output_design = ChoiceQuestion(
    "output_design",
    {"a": "1 output neuron with no activation (identity)",
     "b": "1 output neuron with a softplus activation",
     "c": "2 output neurons with a sigmoid activation",
     "d": "1 output neuron with a sigmoid activation"},
    "b",
    prompt="A network reads a weather station's sensors and predicts tomorrow's rainfall in "
           "millimetres: one number, never negative, often near 0 and sometimes over 50. The "
           "network must never predict negative rain. Which output layer fits?",
    explanations={
        "a": "One neuron is right, but an identity output can take any value, including "
             "negative rainfall, which the task rules out.",
        "b": "Right: one number needs one output neuron, and softplus is positive and "
             "unbounded above, like rainfall. (ReLU would also be positive, but its gradient "
             "is 0 wherever it outputs 0, so dry days would teach it nothing.)",
        "c": "One number needs one output neuron, not two; and a sigmoid stays below 1, far "
             "from rainfall of 50 mm.",
        "d": "One neuron is right, but a sigmoid stays between 0 and 1: it cannot predict "
             "50 mm unless you rescale the targets by a known maximum, and rainfall has none.",
    },
    hints=["Count the numbers to predict first: that is the number of output neurons.",
           "Then ask which range the output must cover: any sign, positive, or a fixed "
           "interval such as [0, 1].",
           "Rainfall is positive with no upper limit: which activation is positive and "
           "unbounded, with a gradient everywhere?"],
    solution="One output neuron (one number) with softplus: log(1 + exp(z)) is always positive, "
             "has no upper bound and has a non-zero gradient everywhere. Identity could "
             "predict negative rain, a sigmoid cannot exceed 1, and ReLU stops learning for "
             "every sample where it outputs 0.",
)


# ---------------------------------------------------------------------------- mse_gradient
def _mse_and_gradient(y, p):
    y = np.reshape(y, p.shape)
    r = p - y
    return float(np.mean(r ** 2)), 2 * r / r.size


def _mse_numerical(y, p):
    from mlpcourse.gradcheck import numerical_gradient
    y = np.reshape(y, p.shape)
    p = np.array(p, dtype=np.float64)
    value = float(np.mean((p - y) ** 2))
    return value, numerical_gradient(lambda q: float(np.mean((q - y) ** 2)), p)


def _mse_inputs(outputs, flat_y=False):
    """Random predictions with ``outputs`` columns (a range: drawn) and as many targets."""
    def make(rng):
        k = int(rng.integers(*outputs))
        n = int(rng.choice([m for m in range(2, 10) if m != k]))
        p = rng.normal(size=(n, k))
        y = rng.normal(size=(n,) if flat_y else (n, k))
        return {"y": y, "p": p}
    return make


def _mse_broadcast(y, p):
    r = p - y                      # (n, 1) - (n,) broadcasts to (n, n)
    return float(np.mean(r ** 2)), 2 * r / r.size


def _mse_sum(y, p):
    r = p - np.reshape(y, p.shape)
    return float(np.sum(r ** 2)), 2 * r


def _mse_per_sample(y, p):
    r = p - np.reshape(y, p.shape)
    return float(np.sum(r ** 2) / r.shape[0]), 2 * r / r.shape[0]


def _mse_no_two(y, p):
    r = p - np.reshape(y, p.shape)
    return float(np.mean(r ** 2)), r / r.size


def _mse_sign(y, p):
    r = p - np.reshape(y, p.shape)
    return float(np.mean(r ** 2)), -2 * r / r.size


mse_gradient = FunctionQuestion(
    "mse_gradient", _mse_and_gradient,
    # one output, several outputs, and targets of shape (n,) against predictions (n, 1)
    [_mse_inputs((1, 2)), _mse_inputs((2, 5)), _mse_inputs((1, 2), flat_y=True),
     _mse_inputs((2, 5))],
    numerical=_mse_numerical, output_names=("loss", "grad"),
    mistakes=[
        Mistake(_mse_broadcast, "`y` has shape (n,) but `p` has shape (n, 1), so `p - y` "
                "broadcast into an (n, n) matrix of every prediction minus every target. "
                "Reshape the targets to the predictions' shape first."),
        Mistake(_mse_sum, "You summed the squared errors instead of averaging them: the loss "
                "and its gradient grow with the number of elements. Divide by the number of "
                "elements (`r.size`), in the gradient too."),
        Mistake(_mse_per_sample, "You divided by the number of samples n only. This MSE "
                "averages over all n * k elements (every sample and every output), so divide "
                "by `r.size`."),
        Mistake(_mse_no_two, "The gradient is half of what it should be: the derivative of "
                "r**2 is 2 r. Keep the factor 2."),
        Mistake(_mse_sign, "The gradient points the wrong way: the derivative of (p - y)**2 "
                "with respect to p is +2 (p - y)."),
    ],
    prompt="Write `mse_and_gradient(y, p)` returning the mean squared error over all elements "
           "and its gradient with respect to the predictions `p` (shape (n, k)). The targets "
           "`y` have shape (n, k), or (n,) when k = 1.",
    hints=["The residual is r = p - y; the loss is the mean of r**2 over every element.",
           "Each element appears once in the mean, so dL/dp_ij = 2 r_ij / N with N the number "
           "of elements. Watch the shapes: what is `p - y` when y has shape (n,)?",
           "`y = y.reshape(p.shape); r = p - y; return np.mean(r**2), 2 * r / r.size`"],
    solution="With N = n k elements, L = (1/N) sum r_ij**2 and dL/dp_ij = 2 r_ij / N. Reshape y "
             "to p's shape first: (n, 1) - (n,) silently broadcasts to (n, n).",
    solution_code="def mse_and_gradient(y, p):\n"
                  "    y = np.reshape(y, p.shape)\n"
                  "    r = p - y\n"
                  "    return np.mean(r ** 2), 2 * r / r.size",
)


# ------------------------------------------------------------------------------ huber_loss
def _huber(y, p, delta):
    from mlpcourse.losses import huber
    return huber(np.asarray(y, dtype=float), np.asarray(p, dtype=float), delta)


def _huber_inputs(outputs):
    """Random residuals on both sides of a random ``delta`` (never 1), with ``outputs``
    columns (a range: drawn)."""
    def make(rng):
        n, k = int(rng.integers(6, 13)), int(rng.integers(*outputs))
        delta = float(rng.choice([rng.uniform(0.3, 0.8), rng.uniform(1.3, 2.5)]))
        y = rng.normal(size=(n, k))
        r = rng.normal(scale=1.5 * delta, size=(n, k))
        r.flat[:2] = rng.choice([-1.0, 1.0], 2) * delta * np.array([0.5, 2.0])  # both pieces
        return {"y": y, "p": y + r, "delta": delta}
    return make


def _huber_parts(y, p, delta):
    r = np.abs(p - y)
    return r, r <= delta


def _huber_no_half(y, p, delta):
    r, small = _huber_parts(y, p, delta)
    return float(np.mean(np.where(small, r ** 2, delta * (r - delta / 2))))


def _huber_jump(y, p, delta):
    r, small = _huber_parts(y, p, delta)
    return float(np.mean(np.where(small, 0.5 * r ** 2, delta * r)))


def _huber_swapped(y, p, delta):
    r, small = _huber_parts(y, p, delta)
    return float(np.mean(np.where(~small, 0.5 * r ** 2, delta * (r - delta / 2))))


def _huber_sum(y, p, delta):
    r, small = _huber_parts(y, p, delta)
    return float(np.sum(np.where(small, 0.5 * r ** 2, delta * (r - delta / 2))))


def _huber_delta_one(y, p, delta):
    return _huber(y, p, 1.0)


huber_loss = FunctionQuestion(
    "huber_loss", _huber,
    [_huber_inputs((1, 2)), _huber_inputs((2, 4)), _huber_inputs((1, 4))],
    mistakes=[
        Mistake(_huber_no_half, "The quadratic part is missing its factor 1/2: Huber uses "
                "r**2 / 2 for small errors, so that its slope r meets the linear part's slope "
                "delta at |r| = delta."),
        Mistake(_huber_jump, "For large errors you used delta * |r|, which jumps at |r| = "
                "delta. Subtract delta**2 / 2 so the two pieces meet: delta * (|r| - delta / 2)."),
        Mistake(_huber_swapped, "The two pieces are swapped: the quadratic piece is for "
                "small errors (|r| <= delta), the linear piece for large ones."),
        Mistake(_huber_sum, "You summed over the elements; the loss is their mean."),
        Mistake(_huber_delta_one, "Your function ignores `delta` (it behaves as if delta = 1). "
                "Use the `delta` argument for the threshold and in the linear piece."),
    ],
    prompt="Write `huber(y, p, delta)`: the mean over all elements of r**2 / 2 where "
           "|r| <= delta and delta * (|r| - delta / 2) elsewhere, with r = p - y.",
    hints=["Compute the absolute residuals a = |p - y| once, then choose a piece per element.",
           "`np.where(condition, small_piece, large_piece)` picks elementwise.",
           "`a = np.abs(p - y)`, then "
           "`np.mean(np.where(a <= delta, 0.5 * a**2, delta * (a - 0.5 * delta)))`"],
    solution="Quadratic near zero (like the MSE, smooth at 0) and linear beyond delta (like "
             "the MAE, so an outlier's pull is capped at delta). The pieces meet with the same "
             "value and slope at |r| = delta.",
    solution_code="def huber(y, p, delta):\n"
                  "    a = np.abs(p - y)\n"
                  "    return np.mean(np.where(a <= delta, 0.5 * a**2,\n"
                  "                            delta * (a - 0.5 * delta)))",
)


# -------------------------------------------------------------------------------- box_iou
def _iou(box_a, box_b):
    from mlpcourse.metrics import iou
    return iou(box_a, box_b)


def _random_boxes(rng, n):
    return np.column_stack([rng.uniform(0.2, 0.8, (n, 2)), rng.uniform(0.1, 0.5, (n, 2))])


def _iou_random(rng):
    n = int(rng.integers(3, 13))
    return {"box_a": _random_boxes(rng, n), "box_b": _random_boxes(rng, n)}


def _iou_sized(n):
    return lambda rng: {"box_a": _random_boxes(rng, n), "box_b": _random_boxes(rng, n)}


def _iou_edge_cases(rng):
    a = np.array([[0.5, 0.5, 0.2, 0.2],    # identical boxes: 1
                  [0.2, 0.2, 0.2, 0.2],    # disjoint in x and in y: 0
                  [0.5, 0.5, 0.4, 0.4],    # nested: area ratio 0.25
                  [0.3, 0.5, 0.2, 0.4],    # side by side, overlapping in x
                  [0.2, 0.5, 0.2, 0.2]])   # disjoint in x only: 0
    b = np.array([[0.5, 0.5, 0.2, 0.2],
                  [0.8, 0.8, 0.2, 0.2],
                  [0.5, 0.5, 0.2, 0.2],
                  [0.45, 0.5, 0.3, 0.2],
                  [0.7, 0.5, 0.2, 0.2]])
    return {"box_a": a, "box_b": b}


def _overlap(box_a, box_b, clip=True, corner=False):
    a, b = np.asarray(box_a, float), np.asarray(box_b, float)
    if corner:   # (x, y) read as the top-left corner
        lo_a, hi_a, lo_b, hi_b = a[:, :2], a[:, :2] + a[:, 2:], b[:, :2], b[:, :2] + b[:, 2:]
    else:
        lo_a, hi_a = a[:, :2] - a[:, 2:] / 2, a[:, :2] + a[:, 2:] / 2
        lo_b, hi_b = b[:, :2] - b[:, 2:] / 2, b[:, :2] + b[:, 2:] / 2
    side = np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b)
    if clip:
        side = np.clip(side, 0, None)
    return side[:, 0] * side[:, 1], a[:, 2] * a[:, 3], b[:, 2] * b[:, 3]


def _iou_no_clip(box_a, box_b):
    inter, area_a, area_b = _overlap(box_a, box_b, clip=False)
    return inter / (area_a + area_b - inter)


def _iou_corner(box_a, box_b):
    inter, area_a, area_b = _overlap(box_a, box_b, corner=True)
    return inter / (area_a + area_b - inter)


def _iou_sum_of_areas(box_a, box_b):
    inter, area_a, area_b = _overlap(box_a, box_b)
    return inter / (area_a + area_b)


def _iou_intersection(box_a, box_b):
    return _overlap(box_a, box_b)[0]


box_iou = FunctionQuestion(
    "box_iou", _iou, [_iou_random, _iou_edge_cases, _iou_random],
    loop_free=(_iou_sized(4), _iou_sized(64),
               "Your function gives the right IoUs, but it loops over the boxes in Python (a "
               "`for` loop, a comprehension, `map` or `np.vectorize`): the exercise asks for "
               "whole-array operations. Compute the corners of all boxes at once from the "
               "columns (`box[:, :2]`, `box[:, 2:]`), then use `np.minimum`, `np.maximum` and "
               "`np.clip` on whole arrays."),
    mistakes=[
        Mistake(_iou_no_clip, "For boxes apart in both x and y, both overlap lengths are "
                "negative and their product is positive: a 'ghost' intersection. Clip each "
                "overlap length at 0 before multiplying."),
        Mistake(_iou_corner, "You read (x, y) as the top-left corner, but the boxes are "
                "(center x, center y, width, height): a box spans cx - w/2 to cx + w/2."),
        Mistake(_iou_sum_of_areas, "The union is area_a + area_b minus the intersection "
                "(otherwise the overlap is counted twice, and identical boxes score 0.5)."),
        Mistake(_iou_intersection, "That is the intersection's area; divide it by the area "
                "of the union."),
    ],
    prompt="Write `iou(box_a, box_b)` for arrays of n boxes each, shape (n, 4), rows "
           "(center x, center y, width, height); return the n IoU values, shape (n,).",
    hints=["Turn each box into its corners: x from cx - w/2 to cx + w/2, the same for y.",
           "The overlap along x is min(right edges) - max(left edges), or 0 if that is "
           "negative; the same along y. The intersection is their product.",
           "union = w_a h_a + w_b h_b - intersection, and IoU = intersection / union. Use "
           "`np.maximum`, `np.minimum` and `np.clip(..., 0, None)` on whole columns."],
    solution="Corners from centers, overlap lengths clipped at 0, intersection = their "
             "product, union = sum of the areas minus the intersection. IoU is 1 for a "
             "perfect box and 0 for a disjoint one, whatever the boxes' size.",
    solution_code="def iou(box_a, box_b):\n"
                  "    lo_a = box_a[:, :2] - box_a[:, 2:] / 2\n"
                  "    hi_a = box_a[:, :2] + box_a[:, 2:] / 2\n"
                  "    lo_b = box_b[:, :2] - box_b[:, 2:] / 2\n"
                  "    hi_b = box_b[:, :2] + box_b[:, 2:] / 2\n"
                  "    side = np.clip(np.minimum(hi_a, hi_b) - np.maximum(lo_a, lo_b), 0, None)\n"
                  "    inter = side[:, 0] * side[:, 1]\n"
                  "    union = box_a[:, 2] * box_a[:, 3] + box_b[:, 2] * box_b[:, 3] - inter\n"
                  "    return inter / union",
)


# ----------------------------------------------------------------------- beat_the_baseline
def diabetes_split():
    """The chapter's split of the raw diabetes data (6 arrays, as ``train_val_test_split``).

    scikit-learn's diabetes data in its original units (``load_diabetes(scaled=False)``),
    split 60/20/20 by :func:`mlpcourse.datasets.train_val_test_split` with seed 0; y has
    shape (n, 1).
    """
    from sklearn.datasets import load_diabetes

    from mlpcourse.datasets import train_val_test_split
    data = load_diabetes(scaled=False)
    return train_val_test_split(data.data, data.target.reshape(-1, 1), val_size=0.2,
                                test_size=0.2, seed=0)


def _split():
    X_train, X_val, _, y_train, y_val, _ = diabetes_split()
    return X_train, X_val, y_train, y_val


def _linear_baseline():
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    return make_pipeline(StandardScaler(), LinearRegression())


def _beat_reference():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from mlpcourse.estimators import MLPRegressor
    return make_pipeline(StandardScaler(), MLPRegressor(
        hidden_layer_sizes=(16,), learning_rate=0.003, epochs=100, l2=0.03, random_state=0))


beat_the_baseline = PipelineQuestion(
    "beat_the_baseline", data=_split, baseline=_linear_baseline,
    baseline_name="linear regression (standardized features)", target=57.0,
    reference=_beat_reference,
    prompt="Linear regression on standardized features scores a validation RMSE of 58.0 on "
           "the chapter's diabetes split. Build a pipeline of a scaler and an "
           "`mlpcourse.estimators.MLPRegressor` with at least one hidden layer that beats it "
           "clearly: the check fits your unfitted pipeline on the training split with "
           "random_state 0, 1 and 2, and the mean validation RMSE must be below 57.",
    hints=["Start from `make_pipeline(StandardScaler(), MLPRegressor())` and check it: the "
           "defaults (32 units, learning rate 0.01, 200 epochs) overfit this small data set.",
           "The learning curves in the chapter reach their lowest validation loss early. "
           "Fewer epochs, a smaller learning rate and an `l2` penalty all hold the network "
           "back from memorising the 264 training patients.",
           "`MLPRegressor(hidden_layer_sizes=(16,), learning_rate=0.003, epochs=100, "
           "l2=0.03)` after a `StandardScaler()` does it."],
    solution="A small network trained briefly, with a weight penalty: 264 patients are few, so "
             "the default 32-unit network trained for 200 epochs at learning rate 0.01 "
             "memorises the training set (validation RMSE about 75). Sixteen hidden units, "
             "learning rate 0.003, 100 epochs and l2=0.03 reach about 56 over seeds 0 to 2, "
             "two points better than linear regression's 58.0. On this data the relation is "
             "close to linear, so the gain of a network is small.",
    solution_code="from sklearn.pipeline import make_pipeline\n"
                  "from sklearn.preprocessing import StandardScaler\n"
                  "from mlpcourse.estimators import MLPRegressor\n\n"
                  "model = make_pipeline(StandardScaler(), MLPRegressor(\n"
                  "    hidden_layer_sizes=(16,), learning_rate=0.003, epochs=100, l2=0.03))",
)


# ---------------------------------------------------------------------------- outlier_pull
outlier_pull = ThinkQuestion(
    "outlier_pull",
    "With the MSE, a sample's gradient is proportional to its residual, so one point that is "
    "3 units off pulls thirty times harder than a point 0.1 off, and a few outliers drag the "
    "whole curve towards them: the MSE is minimised by the mean, which outliers move. With "
    "the MAE every residual pulls with the same strength (only its sign counts), so the fit "
    "follows the median, which a few outliers barely move. Huber pulls like the MSE for "
    "residuals below delta and like the MAE beyond, so its robustness depends on delta.",
    key_points=["the MSE gradient grows with the residual; the MAE gradient does not",
                "MSE fits the mean, MAE the median; outliers move the mean",
                "Huber caps each residual's pull at delta"],
    prompt="Why does the network trained with the MSE bend towards the outliers while the one "
           "trained with the MAE does not? Answer in terms of the gradients.",
    hints=["Compare the gradient of r**2 and of |r| for a residual of 0.1 and of 3."],
)
