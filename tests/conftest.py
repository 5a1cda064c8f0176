import os
import os.path as osp
import sys

import pytest

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, REPO)
os.environ.setdefault('OMP_NUM_THREADS', '2')


@pytest.fixture(scope='session')
def repo_root() -> str:
    return REPO


@pytest.fixture(scope='session')
def synthetic_coco(tmp_path_factory) -> str:
    """A tiny COCO folder (4 images, 2 objects each); returns the folder."""
    from mmrefine.testing import make_coco_set
    folder = str(tmp_path_factory.mktemp('synthetic'))
    make_coco_set(folder, num_images=4, seed=1)
    return folder
