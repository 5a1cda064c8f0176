import importlib.util
import os.path as osp

import numpy as np

from ..helpers import REPO


def _tool():
    spec = importlib.util.spec_from_file_location('shared_pixels', osp.join(REPO, 'tools', 'analysis',
                                                                             'shared_pixels.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shared_pixels_go_to_one_owner_per_rule():
    tool = _tool()
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
