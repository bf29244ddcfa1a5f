"""mlpcourse.playground.capture: the picture of the whole widget is drawn from the widget as
it stands (every control, its value, the figure) and its alt text names the controls."""
import io

import numpy as np
import pytest
from PIL import Image

from mlpcourse.playground.capture import describe_controls, widget_picture


def test_the_picture_shows_the_widget_as_it_stands(pg):
    pg.set(learning_rate=0.05, dataset="xor")
    pg.step(3)
    picture = widget_picture(pg, width=900, scale=2)
    image = Image.open(io.BytesIO(picture.png))
    assert image.format == "PNG" and image.mode == "P"
    assert image.width == round(picture.width * 2) and 600 < picture.width <= 912
    for phrase in ("Learning rate: 0.05", "Data: XOR", "button ▶ Play", "the figure",
                   "Show test data checked", "Batch size slider at 10"):
        assert phrase in picture.alt
    html = picture._repr_html_()
    assert html.startswith("<img") and f'width="{round(picture.width)}"' in html


def test_the_figure_in_the_picture_is_the_live_figure_at_twice_the_resolution(pg):
    picture = widget_picture(pg, scale=2)
    image = np.asarray(Image.open(io.BytesIO(picture.png)).convert("RGB"))
    live = np.asarray(Image.open(io.BytesIO(pg.image.value)).convert("RGB"))
    # the live frame is 800 x 384 CSS pixels; the picture holds it drawn at 2x
    assert image.shape[1] >= 2 * live.shape[1] and image.shape[0] > 2 * live.shape[0]


def test_every_control_is_described_in_reading_order(pg):
    phrases = describe_controls(pg.widget)
    assert phrases.index("button ⟲ Reset") < phrases.index("Data: Circle") \
        < phrases.index("the figure") < phrases.index("a text box for code")
    assert sum(p.startswith("button ") for p in phrases) >= 12


def test_a_control_it_cannot_draw_is_named_in_the_error(pg):
    import ipywidgets as w
    pg.widget.children = (*pg.widget.children, w.ColorPicker(description="Colour"))
    with pytest.raises(TypeError, match="ColorPicker"):
        widget_picture(pg)
