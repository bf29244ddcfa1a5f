"""Tests of mlpcourse.rendering: 2x-pixel, palette PNG figures that keep what they show."""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from mlpcourse.rendering import MAX_COLORS, figure_to_png, png_size  # noqa: E402


def line_figure(transparent=False):
    """A 4 x 2.5 inch figure with two anti-aliased curves, text and a colour map."""
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(4, 2.5))
    z = np.linspace(-4, 4, 200)
    ax.plot(z, np.tanh(z), lw=2)
    ax.plot(z, 1 - np.tanh(z) ** 2, lw=2, ls="--")
    ax.set_title("tanh and its derivative")
    ax2.imshow(np.linspace(0, 1, 64).reshape(8, 8), cmap="cividis")
    if transparent:
        fig.patch.set_alpha(0)
    return fig


def pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"), dtype=float)


def test_png_size_reads_the_header():
    png = figure_to_png(line_figure(), dpi=50, pixel_ratio=1)
    assert png_size(png) == Image.open(io.BytesIO(png)).size == (200, 125)  # 4 x 2.5 in x 50


@pytest.mark.parametrize("data", [b"", b"GIF89a" + bytes(30), b"\x89PNG\r\n\x1a\n" + bytes(16)])
def test_png_size_rejects_other_data(data):
    with pytest.raises(ValueError, match="not PNG data"):
        png_size(data)


def test_two_image_pixels_per_css_pixel():
    # 4 x 2.5 inches at 72 CSS px per inch = 288 x 180 CSS px; twice that in image pixels
    assert png_size(figure_to_png(line_figure())) == (576, 360)
    assert png_size(figure_to_png(line_figure(), dpi=40, pixel_ratio=1.5)) == (240, 150)


def test_palette_png_is_smaller_and_looks_the_same():
    full = figure_to_png(line_figure(), max_colors=None)
    palette = figure_to_png(line_figure())
    image = Image.open(io.BytesIO(palette))
    assert image.mode == "P" and len(image.getcolors(MAX_COLORS + 1)) <= MAX_COLORS
    assert len(palette) < 0.6 * len(full)
    diff = np.abs(pixels(palette) - pixels(full))
    # on average under 1 level of 255 per channel, and no pixel changes visibly much
    assert diff.mean() < 1.0 and np.percentile(diff, 99.9) < 24


def test_palette_keeps_flat_colours_exact():
    """The white background and the curve's pure colour survive quantisation unchanged."""
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.axhspan(0, 1, color="#0072B2")
    ax.set_axis_off()
    fig.subplots_adjust(0, 0, 1, 1)
    ax.set_ylim(0, 2)
    rgb = pixels(figure_to_png(fig, dpi=50))[..., :3]
    assert (rgb[-1, 50] == [0x00, 0x72, 0xB2]).all()  # bottom half: the span
    assert (rgb[0, 50] == [255, 255, 255]).all()      # top half: the figure background


def test_transparent_figure_stays_transparent():
    alpha = pixels(figure_to_png(line_figure(transparent=True)))[..., 3]
    assert alpha.min() == 0 and alpha.max() >= 250


def test_same_figure_same_bytes():
    assert figure_to_png(line_figure()) == figure_to_png(line_figure())


def test_figure_is_closed():
    before = set(plt.get_fignums())
    figure_to_png(line_figure())
    assert set(plt.get_fignums()) == before


@pytest.mark.parametrize("kwargs, match", [({"pixel_ratio": 0}, "pixel_ratio"),
                                           ({"max_colors": 1}, "max_colors"),
                                           ({"max_colors": 300}, "max_colors")])
def test_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        figure_to_png(line_figure(), **kwargs)


def test_not_a_figure_raises():
    with pytest.raises(TypeError, match="Figure"):
        figure_to_png("a picture")
