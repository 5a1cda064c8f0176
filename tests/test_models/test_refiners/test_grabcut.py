"""GrabCut from a box and over a mask's uncertain band (mmrefine.models.refiners.grabcut)."""
import numpy as np

from mmrefine.evaluation import mask_iou
from mmrefine.models.refiners import RefineSettings, grabcut_band, grabcut_box, refine_mask

from ...helpers import EdgeOracle, disc


def two_tone(mask, seed=0):
    rng = np.random.default_rng(seed)
    image = rng.integers(20, 70, mask.shape + (3, )).astype(np.uint8)
    image[mask] = rng.integers(170, 230, (int(mask.sum()), 3))
    return image


def test_uncertain_pixels_follow_the_colours_and_confident_ones_stay():
    gt = disc()
    image = two_tone(gt)
    prob = np.where(disc(r=28), 1.0, 0.0).astype(np.float32)  # 7 px too small...
    ring = disc(r=40) & ~disc(r=28)
    prob[ring] = 0.4  # ...and unsure in a ring around its edge
    out = grabcut_band(image, prob, (40, 20, 120, 100), max_size=200, iterations=2)
    assert mask_iou(out >= 0.5, gt) > 0.97 > mask_iou(prob >= 0.5, gt)
    assert np.array_equal(out[~ring], prob[~ring])  # only the unsure pixels change
    assert set(np.unique(out[ring])) <= {0.0, 1.0}


def test_an_enlarged_crop_maps_back_to_full_resolution():
    gt = disc(60, 80, 30, 40, 10)
    image = two_tone(gt)
    prob = np.where(disc(60, 80, 30, 40, 6), 1.0, 0.0).astype(np.float32)
    ring = disc(60, 80, 30, 40, 14) & ~disc(60, 80, 30, 40, 6)
    prob[ring] = 0.4
    out = grabcut_band(image, prob, (30, 20, 51, 41), max_size=200, iterations=2, min_size=96)
    assert out.shape == gt.shape and mask_iou(out >= 0.5, gt) > 0.9 > mask_iou(prob >= 0.5, gt)
    assert np.array_equal(out[~ring], prob[~ring]) and set(np.unique(out[ring])) <= {0.0, 1.0}


def test_nothing_unsure_or_no_area_leaves_the_probabilities():
    gt = disc()
    image = two_tone(gt)
    prob = gt.astype(np.float32)
    assert np.array_equal(grabcut_band(image, prob, (40, 20, 120, 100)), prob)
    assert np.array_equal(grabcut_band(image, prob, (50, 50, 50, 80)), prob)  # zero-width box


def test_refine_mask_runs_grabcut_only_when_asked():
    gt = disc()
    image = two_tone(gt)
    coarse = np.full(gt.shape, 0.0, np.float32)
    coarse[disc(r=33)] = 0.3  # unsure in a ring (and rather thinking it is background)...
    coarse[disc(r=22)] = 1.0  # ...around a sure core
    # one window only: most of the unsure disc is left for GrabCut
    off = refine_mask(EdgeOracle(), image, coarse, (40, 20, 120, 100), RefineSettings(window=32, max_windows=1))
    on = refine_mask(EdgeOracle(), image, coarse, (40, 20, 120, 100),
                     RefineSettings(window=32, max_windows=1, grabcut=2))
    unsure_off = ((off > 0.2) & (off < 0.8)).sum()
    assert unsure_off > 0 and ((on > 0.2) & (on < 0.8)).sum() == 0
    assert mask_iou(on >= 0.5, gt) >= mask_iou(off >= 0.5, gt)


def test_the_same_input_gives_the_same_labels_whatever_ran_before():
    import cv2

    from mmrefine.testing import make_scene
    image, masks = make_scene(3, (320, 240), 1)
    prob = cv2.GaussianBlur(masks[0].astype(np.float32), (0, 0), 6)  # a wide unsure band on a textured scene
    ys, xs = np.nonzero(masks[0])
    box = (xs.min(), ys.min(), xs.max(), ys.max())
    first = grabcut_band(image, prob, box)
    for _ in range(3):  # GrabCut's k-means draws from OpenCV's global generator, which these calls advance
        assert np.array_equal(grabcut_band(image, prob, box), first)


def test_grabcut_from_a_box_finds_a_contrasting_object_in_it():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 60, (100, 140, 3)).astype(np.uint8)
    gt = np.zeros((100, 140), bool)
    gt[30:70, 40:100] = True
    image[gt] = rng.integers(180, 255, (int(gt.sum()), 3))
    mask = grabcut_box(image, (30, 20, 110, 80))
    assert mask_iou(mask, gt) > 0.9 and not mask[:, :30].any()  # nothing left of the box
    # a box covering the whole image leaves GrabCut no background: an empty mask, not an exception
    whole = grabcut_box(image, (0, 0, 140, 100))
    assert whole.shape == gt.shape and not whole.any()


def test_grabcut_from_a_box_gives_the_same_mask_whatever_ran_before():
    import cv2

    from mmrefine.testing import make_scene
    image, objects = make_scene(3, (320, 240), 2)  # a scene where unseeded GrabCut differs from call to call
    ys, xs = np.nonzero(objects[0])
    box = (xs.min() - 8, ys.min() - 8, xs.max() + 8, ys.max() + 8)
    found = []
    for state in range(5):  # as if other code had left OpenCV's global generator in different states
        cv2.setRNGSeed(state)
        found.append(grabcut_box(image, box))
    assert all(np.array_equal(m, found[0]) for m in found[1:])
