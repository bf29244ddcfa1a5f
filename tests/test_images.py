"""mlpcourse.images (the bounding-box data set and drawing helpers) and mlpcourse.metrics.iou."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse.images import SHAPES, box_corners, boxes, draw_box, show_boxes  # noqa: E402
from mlpcourse.metrics import iou  # noqa: E402


@pytest.mark.parametrize("shape", SHAPES)
def test_shapes_ranges_and_seed(shape):
    images, targets = boxes(n_samples=50, size=12, shape=shape, seed=3)
    assert images.shape == (50, 12, 12) and targets.shape == (50, 4)
    corners = box_corners(targets)
    assert corners.min() >= 0 and corners.max() <= 1        # every box inside the image
    assert np.all((targets[:, 2:] >= 0.2) & (targets[:, 2:] <= 0.6))
    again, same = boxes(n_samples=50, size=12, shape=shape, seed=3)
    np.testing.assert_array_equal(images, again)
    np.testing.assert_array_equal(targets, same)
    other, _ = boxes(n_samples=50, size=12, shape=shape, seed=4)
    assert not np.allclose(images, other)


def test_rectangle_pixels_are_coverage_fractions():
    # Without noise, a rectangle's pixels sum to brightness * area in pixels, and its
    # brightness-weighted centroid is the box center to within half a pixel (partly covered
    # edge pixels count at their centers): the targets describe the image.
    images, targets = boxes(n_samples=20, size=16, noise=0.0, seed=0)
    area_pixels = targets[:, 2] * targets[:, 3] * 16 ** 2
    brightness = images.max(axis=(1, 2))
    np.testing.assert_allclose(images.sum(axis=(1, 2)), brightness * area_pixels, rtol=1e-9)
    centers = (np.arange(16) + 0.5) / 16
    weights = images / images.sum(axis=(1, 2), keepdims=True)
    centroid_x = (weights.sum(axis=1) * centers).sum(axis=1)
    centroid_y = (weights.sum(axis=2) * centers).sum(axis=1)
    np.testing.assert_allclose(centroid_x, targets[:, 0], atol=1 / 32)
    np.testing.assert_allclose(centroid_y, targets[:, 1], atol=1 / 32)


def test_blob_peaks_at_its_center():
    images, targets = boxes(n_samples=10, size=32, shape="blob", noise=0.0, seed=1)
    rows, cols = np.unravel_index(images.reshape(10, -1).argmax(axis=1), (32, 32))
    np.testing.assert_allclose((cols + 0.5) / 32, targets[:, 0], atol=1 / 32)
    np.testing.assert_allclose((rows + 0.5) / 32, targets[:, 1], atol=1 / 32)


@pytest.mark.parametrize("kwargs, fragment", [
    ({"shape": "circle"}, "shape must be one of"),
    ({"min_side": 0.7, "max_side": 0.5}, "min_side <= max_side"),
    ({"size": 2}, "size must be >= 4"),
    ({"noise": -1.0}, "noise must be"),
])
def test_bad_arguments(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        boxes(**kwargs)


def test_iou_worked_by_hand():
    # Box A: center (1, 1), 2 x 2 -> corners (0, 0)-(2, 2), area 4.
    # Box B: center (2, 2), 2 x 2 -> corners (1, 1)-(3, 3), area 4.
    # Overlap: (1, 1)-(2, 2), area 1. Union: 4 + 4 - 1 = 7. IoU = 1 / 7.
    assert iou([1, 1, 2, 2], [2, 2, 2, 2]) == pytest.approx(1 / 7)
    assert iou([1, 1, 2, 2], [1, 1, 2, 2]) == pytest.approx(1.0)
    assert iou([0, 0, 1, 1], [5, 5, 1, 1]) == 0.0                 # disjoint
    assert iou([0, 0, 1, 1], [1, 0, 1, 1]) == 0.0                 # touching edges
    assert iou([0, 0, 2, 2], [0, 0, 1, 1]) == pytest.approx(0.25)  # nested
    assert iou([0, 0, 0, 0], [0, 0, 0, 0]) == 0.0                 # empty boxes


def test_iou_is_vectorised_and_symmetric():
    rng = np.random.default_rng(0)
    a = np.column_stack([rng.uniform(0, 1, (30, 2)), rng.uniform(0.1, 0.5, (30, 2))])
    b = np.column_stack([rng.uniform(0, 1, (30, 2)), rng.uniform(0.1, 0.5, (30, 2))])
    values = iou(a, b)
    assert values.shape == (30,)
    np.testing.assert_allclose(values, [iou(x, y) for x, y in zip(a, b)])
    np.testing.assert_allclose(values, iou(b, a))
    assert np.all((values >= 0) & (values <= 1))
    assert iou(a[:, None, :], b[None, :, :]).shape == (30, 30)   # all pairs by broadcasting


def test_iou_rejects_bad_boxes():
    with pytest.raises(ValueError, match=r"\(\.\.\., 4\)"):
        iou([0, 0, 1], [0, 0, 1, 1])
    with pytest.raises(ValueError, match=">= 0"):
        iou([0, 0, -1, 1], [0, 0, 1, 1])


def test_drawing_helpers():
    images, targets = boxes(n_samples=5, size=10, seed=0)
    fig = show_boxes(images, targets, targets + 0.01, ncols=3, titles=list("abcde"))
    assert len(fig.axes[0].patches) == 2
    assert fig.axes[0].get_title() == "a"
    fig2, ax = plt.subplots()
    draw_box(ax, [0.5, 0.5, 0.2, 0.4])
    patch = ax.patches[0]
    assert patch.get_xy() == pytest.approx((0.4, 0.3))
    assert (patch.get_width(), patch.get_height()) == pytest.approx((0.2, 0.4))
    plt.close(fig)
    plt.close(fig2)
