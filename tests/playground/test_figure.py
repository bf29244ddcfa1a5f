"""mlpcourse.playground.figure: what the live figure draws."""
import numpy as np


def test_unit_heatmaps_are_painted_into_the_frame(pg):
    import io

    from PIL import Image
    frame = np.asarray(Image.open(io.BytesIO(pg.image.value)))
    s = pg.figure.network.side
    for (x0, y0), block in pg.figure.network.blocks:
        np.testing.assert_array_equal(frame[y0:y0 + s, x0:x0 + s, :3], block)
