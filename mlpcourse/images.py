"""A seeded synthetic image data set for bounding-box regression, and helpers to draw boxes.

Each image is a small grayscale square of Gaussian noise with one bright object on it: an
axis-aligned rectangle (anti-aliased: a pixel's value is the fraction of it the rectangle
covers) or an elliptical Gaussian blob. The target is the object's bounding box
``(center x, center y, width, height)`` in fractions of the image side, so every coordinate
lies in [0, 1]: x grows to the right (columns), y grows downwards (rows), as in image
coordinates. See "Regression MLPs".
"""
import numpy as np

from ._validation import check_positive_float, check_positive_int, make_rng

SHAPES = ("rectangle", "blob")
BOX_COLUMNS = ("center x", "center y", "width", "height")


def _coverage(lo, hi, size):
    """Fraction of each of ``size`` unit pixels on [0, 1] covered by [lo, hi]: shape (n, size)."""
    edges = np.arange(size + 1) / size
    left = np.maximum(edges[None, :-1], lo[:, None])
    right = np.minimum(edges[None, 1:], hi[:, None])
    return np.clip(right - left, 0, None) * size


def _blob(cx, cy, w, h, size):
    """Gaussian blobs whose box (center +- 2 standard deviations) is (cx, cy, w, h)."""
    centers = (np.arange(size) + 0.5) / size
    gx = np.exp(-0.5 * ((centers[None, :] - cx[:, None]) / (w[:, None] / 4)) ** 2)
    gy = np.exp(-0.5 * ((centers[None, :] - cy[:, None]) / (h[:, None] / 4)) ** 2)
    return gy[:, :, None] * gx[:, None, :]


def boxes(n_samples=1000, size=16, shape="rectangle", noise=0.1, min_side=0.2, max_side=0.6,
          seed=0):
    """Images with one object each, and the object's bounding box.

    Parameters
    ----------
    n_samples : int
        Number of images.
    size : int
        Side of each square image, in pixels.
    shape : {"rectangle", "blob"}
        The object: a filled rectangle, or an elliptical Gaussian blob whose box reaches
        two standard deviations from its center.
    noise : float
        Standard deviation of the Gaussian pixel noise (the object's brightness is 0.6 to 1).
    min_side, max_side : float
        Range of the box's width and height, in fractions of the image side (0 < min <= max <= 1).
    seed : int, None or numpy.random.Generator

    Returns
    -------
    images : ndarray of shape (n_samples, size, size)
        Pixel values; flatten with ``images.reshape(n_samples, -1)`` to feed an MLP.
    targets : ndarray of shape (n_samples, 4)
        ``(center x, center y, width, height)`` of each box, in [0, 1].

    Examples
    --------
    >>> images, targets = boxes(n_samples=3, size=8, seed=0)
    >>> images.shape, targets.shape
    ((3, 8, 8), (3, 4))
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    size = check_positive_int(size, "size", minimum=4)
    noise = check_positive_float(noise, "noise", allow_zero=True)
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {SHAPES}, got {shape!r}")
    if not 0 < min_side <= max_side <= 1:
        raise ValueError(f"need 0 < min_side <= max_side <= 1, got min_side={min_side}, "
                         f"max_side={max_side}")
    rng = make_rng(seed)
    w = rng.uniform(min_side, max_side, n_samples)
    h = rng.uniform(min_side, max_side, n_samples)
    cx = rng.uniform(w / 2, 1 - w / 2)
    cy = rng.uniform(h / 2, 1 - h / 2)
    brightness = rng.uniform(0.6, 1.0, n_samples)
    if shape == "rectangle":
        cover_x = _coverage(cx - w / 2, cx + w / 2, size)
        cover_y = _coverage(cy - h / 2, cy + h / 2, size)
        objects = cover_y[:, :, None] * cover_x[:, None, :]
    else:
        objects = _blob(cx, cy, w, h, size)
    images = brightness[:, None, None] * objects + noise * rng.standard_normal(objects.shape)
    return images, np.column_stack([cx, cy, w, h])


def box_corners(box):
    """``(cx, cy, w, h)`` -> ``(x_min, y_min, x_max, y_max)``, for arrays of shape (..., 4)."""
    box = np.asarray(box, dtype=float)
    cx, cy, w, h = np.moveaxis(box, -1, 0)
    return np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=-1)


def draw_box(ax, box, color="#2ca02c", label=None, linestyle="-", linewidth=1.5):
    """Draw one box ``(cx, cy, w, h)`` (fractions of the image) as an outline on ``ax``.

    The image must be shown with ``extent=(0, 1, 1, 0)`` (see :func:`show_image`) so that
    axis coordinates are fractions of the side, y pointing down.
    """
    from matplotlib.patches import Rectangle
    x0, y0, x1, y1 = box_corners(box)
    ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=color,
                           linestyle=linestyle, linewidth=linewidth, label=label))
    return ax


def show_image(ax, image, title=None):
    """Show one grayscale image on ``ax`` with coordinates in fractions of its side."""
    ax.imshow(image, cmap="gray", extent=(0, 1, 1, 0), vmin=-0.2, vmax=1.2,
              interpolation="nearest")
    ax.set(xlim=(0, 1), ylim=(1, 0), xticks=[], yticks=[])
    if title:
        ax.set_title(title, fontsize=9)
    return ax


def show_boxes(images, true_boxes, predicted_boxes=None, ncols=6, titles=None, size=1.6):
    """A grid of images with their true boxes (green) and predicted boxes (dashed orange).

    Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt
    n = len(images)
    nrows = int(np.ceil(n / ncols))
    height = (size + 0.25) * nrows + 0.4             # room for each row's titles
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, height), squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        if i >= n:
            ax.set_axis_off()
            continue
        show_image(ax, images[i], titles[i] if titles is not None else None)
        draw_box(ax, true_boxes[i], label="true box")
        if predicted_boxes is not None:
            draw_box(ax, predicted_boxes[i], color="#ff7f0e", linestyle="--",
                     label="predicted box")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False)
    fig.tight_layout(rect=(0, 0.06 if nrows < 3 else 0.03, 1, 1))
    return fig
