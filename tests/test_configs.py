import glob
import os.path as osp

import pytest
from mmengine.config import Config

from .helpers import REPO

CONFIGS = sorted(p for p in glob.glob(osp.join(REPO, 'configs', '**', '*.py'), recursive=True)
                 if '_base_' not in p)


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: osp.relpath(p, osp.join(REPO, 'configs')))
def test_every_config_parses_and_builds_its_model(path):
    import mmrefine  # noqa: F401
    from mmdet.registry import MODELS
    from mmdet.utils import register_all_modules
    from mmseg.registry import MODELS as SEG_MODELS

    from mmrefine.apis.inference import without_init_cfg
    register_all_modules(init_default_scope=True)
    cfg = Config.fromfile(path)
    scope = cfg.get('default_scope', 'mmdet')
    registry = SEG_MODELS if scope == 'mmseg' else MODELS
    model = registry.build(dict(without_init_cfg(cfg.model), _scope_=scope))
    assert sum(p.numel() for p in model.parameters()) > 0
