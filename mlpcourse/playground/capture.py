"""A picture of the whole playground widget, drawn from the widget itself (for the static book).

The static book cannot run the live widget, yet its readers should see the interface the
page describes. :func:`widget_picture` walks the ipywidgets tree of a
:class:`~mlpcourse.playground.widget.Playground` (boxes, buttons, drop-downs, sliders, check
boxes, text) and draws each control with its current label and value in a plain
Jupyter-like style, with the live figure rendered at the picture's resolution. A control
added to the widget appears in the picture without any change here.
"""
import base64
import html
import io
import re

_FONT, _GAP, _ROW = 13, 6, 28      # CSS pixels: font size, gap between controls, row height
_INK, _MUTED, _EDGE, _FACE = (33, 33, 33), (117, 117, 117), (158, 158, 158), (238, 238, 238)


class _Pen:
    """Fonts and measuring at ``scale`` device pixels per CSS pixel."""

    def __init__(self, scale):
        from matplotlib import font_manager
        from PIL import ImageFont
        self.scale = scale
        path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
        bold = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans",
                                                                 weight="bold"))
        self.fonts = {False: ImageFont.truetype(path, _FONT * scale),
                      True: ImageFont.truetype(bold, _FONT * scale)}

    def width(self, text, bold=False):
        return self.fonts[bold].getlength(text) / self.scale


def _text(widget):
    """The plain text of an HTML or Label widget (tags dropped, entities decoded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", widget.value)).split())


def _em(length, default):
    """A CSS width such as ``"7em"`` in pixels; ``default`` for anything else."""
    match = re.fullmatch(r"([\d.]+)em", str(length or ""))
    return float(match.group(1)) * _FONT if match else default


class _Node:
    """A laid-out control: its size in CSS pixels and how to draw it at (x, y)."""

    def __init__(self, width, height, paint, children=()):
        self.width, self.height, self.paint, self.children = width, height, paint, children


def _leaf(widget, pen, available, figure_png):
    """Size and painter of one control, by its type name (a table of painters)."""
    kind = type(widget).__name__
    label = getattr(widget, "description", "")
    if kind in ("Button", "ToggleButton"):
        width = _em(widget.layout.width, pen.width(label) + 24)
        pressed = kind == "ToggleButton" and widget.value
        return _Node(width, _ROW, lambda d, x, y, w=width: _button(d, pen, x, y, w, label,
                                                                   pressed))
    if kind == "Dropdown":
        shown = widget.label or ""
        lead = pen.width(label) + 8 if label else 0
        width = lead + max(pen.width(t) for t, _ in widget.options) + 34
        return _Node(width, _ROW, lambda d, x, y: _dropdown(d, pen, x, y, lead, width, label,
                                                            shown))
    if kind == "IntSlider":
        lead, value = pen.width(label) + 8, str(widget.value)
        width = lead + 6 + 162 + pen.width(value) + 10
        return _Node(width, _ROW, lambda d, x, y: _slider(d, pen, x, y, lead, widget, value))
    if kind == "Checkbox":
        width = 22 + pen.width(label)
        return _Node(width, _ROW, lambda d, x, y: _checkbox(d, pen, x, y, label, widget.value))
    if kind in ("HTML", "Label"):
        text, bold = _text(widget), "<b>" in getattr(widget, "value", "")
        if not text:
            return _Node(0, 0, lambda *a: None)
        return _Node(pen.width(text, bold) + 4, _ROW,
                     lambda d, x, y: _write(d, pen, x, y + _ROW / 2, text, bold=bold))
    if kind == "Image":
        from PIL import Image
        image = Image.open(io.BytesIO(figure_png)).convert("RGB")
        width, height = image.width / pen.scale, image.height / pen.scale
        return _Node(width, height, lambda d, x, y: d.image.paste(
            image, (round(x * pen.scale), round(y * pen.scale))))
    if kind == "Textarea":
        height = _em(widget.layout.height, 100)
        return _Node(available, height, lambda d, x, y: _textarea(d, pen, x, y, available,
                                                                  height, widget))
    raise TypeError(f"widget_picture cannot draw a {kind} widget")


def _layout(widget, pen, available, figure_png):
    """Lay out ``widget`` within ``available`` CSS pixels of width (boxes wrap if asked)."""
    kind = type(widget).__name__
    if kind not in ("VBox", "HBox", "Box"):
        return _leaf(widget, pen, available, figure_png)
    nodes = [_layout(c, pen, available, figure_png) for c in widget.children]
    nodes = [n for n in nodes if n.height]
    if kind == "VBox":
        width = max((n.width for n in nodes), default=0)
        placed, y = [], 0
        for n in nodes:
            placed.append((0, y, n))
            y += n.height + _GAP
        return _Node(width, max(y - _GAP, 0), None, placed)
    wrap = "wrap" in str(widget.layout.flex_flow or "")
    lines, line = [], []
    for n in nodes:
        if wrap and line and sum(m.width + _GAP for m in line) + n.width > available:
            lines.append(line)
            line = []
        line.append(n)
    lines.append(line)
    placed, y, width = [], 0, 0
    for line in lines:
        height, x = max((n.height for n in line), default=0), 0
        for n in line:
            placed.append((x, y + (height - n.height) / 2, n))
            x += n.width + _GAP
        width, y = max(width, x - _GAP), y + height + _GAP
    return _Node(width, max(y - _GAP, 0), None, placed)


class _Canvas:
    """A PIL image and its ImageDraw (the painters call the drawing methods on it)."""

    def __init__(self, image):
        from PIL import ImageDraw
        self.image, self.draw = image, ImageDraw.Draw(image)

    def __getattr__(self, name):
        return getattr(self.draw, name)


def _draw(node, draw, x, y):
    if node.paint:
        node.paint(draw, x, y)
    for dx, dy, child in node.children:
        _draw(child, draw, x + dx, y + dy)


# ----------------------------------------------------------------------------- painters
def _box(d, pen, x, y, w, h, fill, outline=None):
    s = pen.scale
    d.rectangle([x * s, y * s, (x + w) * s, (y + h) * s], fill=fill, outline=outline,
                width=s)


def _write(d, pen, x, y, text, fill=_INK, bold=False, anchor="lm"):
    d.text((x * pen.scale, y * pen.scale), text, font=pen.fonts[bold], fill=fill,
           anchor=anchor)


def _button(d, pen, x, y, w, label, pressed):
    _box(d, pen, x, y + 1, w, _ROW - 2, (189, 189, 189) if pressed else _FACE)
    _write(d, pen, x + w / 2, y + _ROW / 2, label, anchor="mm")


def _dropdown(d, pen, x, y, lead, width, label, shown):
    if label:
        _write(d, pen, x, y + _ROW / 2, label)
    _box(d, pen, x + lead, y + 2, width - lead, _ROW - 4, (255, 255, 255), _EDGE)
    _write(d, pen, x + lead + 6, y + _ROW / 2, shown)
    _write(d, pen, x + width - 14, y + _ROW / 2, "▾", anchor="mm")


def _slider(d, pen, x, y, lead, widget, value):
    _write(d, pen, x, y + _ROW / 2, widget.description)
    left, mid = x + lead + 6, y + _ROW / 2
    _box(d, pen, left, mid - 2, 150, 4, (210, 210, 210))
    span = max(widget.max - widget.min, 1)
    knob = left + 150 * (widget.value - widget.min) / span
    s = pen.scale
    d.ellipse([(knob - 7) * s, (mid - 7) * s, (knob + 7) * s, (mid + 7) * s],
              fill=(255, 255, 255), outline=_EDGE, width=s)
    _write(d, pen, left + 162, mid, value)


def _checkbox(d, pen, x, y, label, value):
    _box(d, pen, x + 1, y + _ROW / 2 - 7, 14, 14, (25, 118, 210) if value else (255, 255, 255),
         _EDGE)
    if value:
        _write(d, pen, x + 8, y + _ROW / 2, "✓", fill=(255, 255, 255), anchor="mm")
    _write(d, pen, x + 22, y + _ROW / 2, label)


def _textarea(d, pen, x, y, width, height, widget):
    _box(d, pen, x, y, width - 2, height, (255, 255, 255), _EDGE)
    text = widget.value or widget.placeholder
    for k, line in enumerate(text.splitlines()[:int(height // 18) - 1]):
        _write(d, pen, x + 6, y + 14 + 18 * k, line, fill=_INK if widget.value else _MUTED)


# ----------------------------------------------------------------------------- the picture
class Picture:
    """A PNG picture with alt text; displays as an ``<img>`` of its CSS width."""

    def __init__(self, png, width, alt):
        self.png, self.width, self.alt = png, width, alt

    def _repr_html_(self):
        data = base64.b64encode(self.png).decode("ascii")
        return (f'<img class="mlpcourse-playground-picture" src="data:image/png;base64,'
                f'{data}" width="{round(self.width)}" alt="{html.escape(self.alt)}" '
                'style="max-width:100%;height:auto">')


def describe_controls(widget):
    """The controls of a widget tree in reading order, as short phrases for alt text."""
    kind = type(widget).__name__
    if kind in ("VBox", "HBox", "Box"):
        return [p for c in widget.children for p in describe_controls(c)]
    label = getattr(widget, "description", "")
    phrases = {"Button": f"button {label}",
               "ToggleButton": f"{label} {'on' if getattr(widget, 'value', 0) else 'off'}",
               "Dropdown": f"{label or 'menu'}: {getattr(widget, 'label', '')}",
               "IntSlider": f"{label} slider at {getattr(widget, 'value', '')}",
               "Checkbox": f"{label} {'checked' if getattr(widget, 'value', 0) else 'unchecked'}",
               "Image": "the figure", "Textarea": "a text box for code"}
    if kind in ("HTML", "Label"):
        return [_text(widget)] if _text(widget) else []
    return [phrases[kind]] if kind in phrases else []


def widget_picture(pg, width=900, scale=2, colours=256):
    """Draw the whole widget of playground ``pg`` as it stands: a :class:`Picture`.

    Parameters
    ----------
    pg : Playground
    width : int
        Width available to the widget, in CSS pixels (rows that may wrap wrap there).
    scale : int
        Device pixels per CSS pixel: 2 stays sharp on high-DPI screens.
    colours : int
        Colours of the palette the PNG is saved with (smaller files).
    """
    from PIL import Image

    from .figure import LiveFigure
    figure = LiveFigure(pg.trainer, pg.figure.resolution, dpi=pg.figure.dpi * scale,
                        size=pg.figure.size)
    pen = _Pen(scale)
    root = _layout(pg.widget, pen, width, figure.update(pg.trainer, pg.view))
    size = (round((root.width + 2 * _GAP) * scale), round((root.height + 2 * _GAP) * scale))
    image = Image.new("RGB", size, (255, 255, 255))
    _draw(root, _Canvas(image), _GAP, _GAP)
    buf = io.BytesIO()
    image.quantize(colours, dither=Image.Dither.NONE).save(buf, format="png", optimize=True)
    alt = ("Picture of the playground widget as the live notebook shows it, from top to "
           "bottom: " + "; ".join(describe_controls(pg.widget)) + ".")
    return Picture(buf.getvalue(), root.width + 2 * _GAP, alt)
