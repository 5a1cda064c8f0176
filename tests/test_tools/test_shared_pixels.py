import numpy as np

from ..helpers import load_tool


def test_shared_pixels_go_to_one_owner_per_rule():
    tool = load_tool('analysis/shared_pixels')
    probs = np.zeros((2, 4, 6), np.uint8)
    probs[0, :, :4] = 200  # object 0 claims columns 0-3, object 1 columns 2-5: columns 2-3 are shared
    probs[1, :, 2:] = 250
    gts = np.zeros((2, 4, 6), bool)
    gts[0, :, :3] = True  # truly, column 2 is object 0's and column 3 object 1's
    gts[1, :, 3:] = True
    boxes = np.array([[0, 0, 4, 4], [2, 0, 6, 4]], np.float32)  # equal areas: the first wins ties
    rules = tool.ownership_rules(probs, boxes, gts)
    assert np.array_equal(rules['as predicted'], probs >= 128)
    by_prob = rules['highest probability']
    assert not by_prob[0, :, 2:4].any() and by_prob[1, :, 2:4].all()
    low = rules['lowest probability']
    assert low[0, :, 2:4].all() and not low[1, :, 2:4].any()
    oracle = rules['true owner (oracle)']
    assert np.array_equal(oracle, gts)
    for rule in ('smallest box', 'largest box'):
        assert (rules[rule].sum(0) <= 1).all()  # every pixel has at most one owner


def test_box_rules_give_each_shared_pixel_to_the_box_it_lies_deeper_in():
    tool = load_tool('analysis/shared_pixels')
    probs = np.zeros((2, 4, 6), np.uint8)
    probs[0, :, :4] = 200
    probs[1, :, 2:] = 250
    boxes = np.array([[0, 0, 4, 4], [2, 0, 6, 4]], np.float32)
    depth = tool.box_depth(boxes, 4, 6)
    assert depth.shape == (2, 4, 6) and depth[0, 1, 5] < 0 and depth[1, 1, 5] > 0  # column 5 is outside box 0
    rules = tool.ownership_rules(probs, boxes, np.zeros((2, 4, 6), bool))
    for rule in ('deepest in its box', 'nearest box centre'):
        # rows 1-2 (away from the top and bottom sides): column 2 is deeper in box 0, column 3 in box 1
        owned = rules[rule]
        assert owned[0, 1:3, 2].all() and not owned[1, 1:3, 2].any()
        assert owned[1, 1:3, 3].all() and not owned[0, 1:3, 3].any()
        assert (owned.sum(0) <= 1).all()


def test_colour_rule_gives_shared_pixels_to_the_claimant_of_their_colour():
    tool = load_tool('analysis/shared_pixels')
    image = np.zeros((40, 60, 3), np.uint8)
    image[:, :30] = (0, 0, 220)    # object 0 is red (BGR), object 1 blue; the border lies at column 30
    image[:, 30:] = (220, 0, 0)
    image += np.random.default_rng(0).integers(0, 20, image.shape, dtype=np.uint8)
    probs = np.zeros((2, 40, 60), np.uint8)
    probs[0, :, :40] = 255         # both claim columns 20-39
    probs[1, :, 20:] = 255
    boxes = np.array([[0, 0, 40, 40], [20, 0, 60, 40]], np.float32)
    gts = np.zeros((2, 40, 60), bool)
    gts[0, :, :30] = True
    gts[1, :, 30:] = True
    owned = tool.ownership_rules(probs, boxes, gts, image)['colour (GrabCut)']
    assert np.array_equal(owned, gts)
