"""Window placement and cutting (mmrefine.models.refiners.windows)."""
import numpy as np
import pytest

from mmrefine.models.refiners import boundary_band, crop_windows, scaled_crop, window_centres, window_weight

from ...helpers import disc


def test_boundary_band_is_the_contour_not_the_image_border():
    mask = np.zeros((20, 30), bool)
    mask[5:15, 0:10] = True  # touches the left border
    band = boundary_band(mask, 1)
    assert band[10, 9] and band[10, 10] and not band[10, 5]
    assert not band[10, 0]  # the image edge is no boundary
    assert not boundary_band(np.ones((8, 8), bool)).any()


def test_windows_cover_every_band_pixel():
    band = boundary_band(disc(), 1)
    size, stride = 32, 16
    centres = window_centres(band, size, stride)
    covered = np.zeros_like(band)
    for y, x in centres:
        covered[max(0, y - size // 2):y + size // 2, max(0, x - size // 2):x + size // 2] = True
    assert covered[band].all()
    assert len(window_centres(band, size, stride, max_windows=3)) == 3
    assert window_centres(np.zeros((5, 5), bool), 8, 4).shape == (0, 2)


def test_crop_windows_pads_beyond_the_edges():
    arr = np.arange(20 * 30, dtype=np.float32).reshape(20, 30)
    wins = crop_windows(arr, np.array([[10, 15], [0, 0]]), 8, fill=-1)
    assert wins.shape == (2, 8, 8)
    np.testing.assert_array_equal(wins[0], arr[6:14, 11:19])
    assert (wins[1][:4] == -1).all() and (wins[1][:, :4] == -1).all()
    np.testing.assert_array_equal(wins[1][4:, 4:], arr[0:4, 0:4])
    with pytest.raises(ValueError):
        crop_windows(arr, np.array([[-1, 3]]), 8)


def test_window_weight_is_one_in_the_middle_and_fades_out():
    w = window_weight(16)
    assert w[8, 8] == 1 and w[0, 0] < 0.1 and np.allclose(w, w.T)


def test_scaled_crop_cuts_exactly_or_shrinks_to_the_long_side():
    image = np.arange(40 * 60 * 3, dtype=np.uint8).reshape(40, 60, 3)
    mask = disc(40, 60, 20, 30, 12)
    img_c, (mask_c, ), s = scaled_crop(image, [mask], (10, 5, 50, 35), max_size=64)
    assert s == 1 and np.array_equal(img_c, image[5:35, 10:50])
    assert mask_c.dtype == np.float32 and np.array_equal(mask_c, mask[5:35, 10:50])
    img_c, (mask_c, prob_c), s = scaled_crop(image, [mask, mask * 0.5], (0, 0, 60, 40), max_size=30)
    assert s == 0.5 and img_c.shape == (20, 30, 3) and mask_c.shape == prob_c.shape == (20, 30)
    assert np.allclose(prob_c, mask_c * 0.5) and 0 < mask_c.mean() < 1


def test_scaled_crop_enlarges_a_small_crop_to_min_size_and_leaves_others():
    image = np.zeros((40, 60, 3), np.uint8)
    image[:, 30:] = 200
    mask = np.zeros((40, 60), bool)
    mask[:, 30:] = True
    img_c, (mask_c, ), s = scaled_crop(image, [mask], (20, 10, 40, 30), max_size=512, min_size=64)
    assert s == 3.2 and img_c.shape == (64, 64, 3) and mask_c.shape == (64, 64)
    # bilinear: the edge stays where it was (at 10 of 20 px -> 32 of 64), softened over a pixel or two
    assert (mask_c[:, :30] == 0).all() and (mask_c[:, 34:] == 1).all()
    assert img_c[0, 0, 0] == 0 and img_c[0, 63, 0] == 200
    _, _, s = scaled_crop(image, [mask], (0, 0, 60, 40), max_size=512, min_size=60)
    assert s == 1  # already long enough


def test_max_windows_keeps_the_cells_with_most_band_pixels():
    band = np.zeros((64, 64), bool)
    band[2, 2] = band[40, 40] = True  # two cells with one band pixel
    band[16:20, 48:52] = True  # one cell with sixteen
    assert window_centres(band, 16, 16).shape == (3, 2)
    np.testing.assert_array_equal(window_centres(band, 16, 16, max_windows=1), [[18, 50]])  # rounded mean
