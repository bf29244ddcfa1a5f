"""Figures as compact PNG images that stay sharp on high-DPI screens.

A figure embedded in a page is drawn with ``PIXEL_RATIO`` (2) image pixels per CSS pixel,
the density of a "retina" laptop or a phone, and shown at its CSS size: ``figsize * dpi``
pixels of the page, as before, but twice as sharp. Twice the pixels would cost about twice
the bytes, so the image is then reduced to at most 256 colours (a palette PNG, with
Pillow): a line plot has a few dozen colours plus their anti-aliased edges, and a 2x
palette PNG is smaller than the 1x full-colour PNG it replaces.

Used by :mod:`mlpcourse.explorers` for every explorer frame. matplotlib and Pillow are
imported when a figure is rendered.
"""
from __future__ import annotations

import io
import struct

__all__ = ["figure_to_png", "palette_png", "png_size", "PIXEL_RATIO", "DEFAULT_DPI", "MAX_COLORS"]

#: CSS pixels per inch of a figure on the page (its size there is ``figsize * DEFAULT_DPI``).
DEFAULT_DPI = 72
#: Image pixels per CSS pixel: 2 keeps figures sharp on high-DPI screens.
PIXEL_RATIO = 2
#: Colours of the palette PNG (256 is the most a palette holds).
MAX_COLORS = 256

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """``(width, height)`` in pixels of PNG bytes, read from the IHDR header.

    >>> png_size(bytes.fromhex("89504e470d0a1a0a0000000d49484452000000100000000a"))
    (16, 10)
    """
    if len(png) < 24 or not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("not PNG data: expected the PNG signature and an IHDR header")
    return struct.unpack(">II", png[16:24])


def palette_png(png: bytes, max_colors: int = MAX_COLORS) -> bytes:
    """Re-encode PNG bytes as a palette PNG of at most ``max_colors`` colours.

    Flat colours (backgrounds, a line's colour) are kept exactly; an opaque image gets a
    palette without alpha, a transparent one keeps its transparency."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    image.load()
    if image.mode == "RGBA" and image.getextrema()[3][0] == 255:
        image = image.convert("RGB")  # opaque: keep the palette free of alpha
    # Fast octree keeps the few flat colours of a plot exactly; no dithering, which would
    # add noise to flat areas and bytes to the file.
    quantized = image.quantize(colors=max_colors, method=Image.Quantize.FASTOCTREE,
                               dither=Image.Dither.NONE)
    out = io.BytesIO()
    quantized.save(out, format="PNG", optimize=True)
    return out.getvalue()


def figure_to_png(fig, dpi: float = DEFAULT_DPI, *, pixel_ratio: float = PIXEL_RATIO,
                  max_colors: int | None = MAX_COLORS) -> bytes:
    """Render a matplotlib ``Figure`` to PNG bytes and close it (so it is not shown twice).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : float, default 72
        CSS pixels per inch: the figure is meant to be shown ``figsize * dpi`` CSS pixels
        wide (:func:`png_size` divided by ``pixel_ratio``).
    pixel_ratio : float, default 2
        Image pixels per CSS pixel; the image is ``figsize * dpi * pixel_ratio`` pixels.
    max_colors : int or None, default 256
        Reduce the image to a palette of at most this many colours (2 to 256); ``None``
        keeps full colour.

    Returns
    -------
    bytes
        The PNG file, without a "Software" entry (identical figures give identical bytes).
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"the draw function must return a matplotlib Figure, got {type(fig)!r}")
    if not pixel_ratio > 0:
        raise ValueError(f"pixel_ratio must be positive, got {pixel_ratio!r}")
    if max_colors is not None and not 2 <= max_colors <= 256:
        raise ValueError(f"max_colors must be between 2 and 256 (or None), got {max_colors!r}")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi * pixel_ratio, metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    png = buf.getvalue()
    return png if max_colors is None else palette_png(png, max_colors)
