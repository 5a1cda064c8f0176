"""load_config and init_segmenter: config text, config overrides and one-line errors."""
import copy

import pytest
from mmengine.config import Config

from mmrefine.apis import DEFAULT_CONFIG, init_segmenter, load_config
from mmrefine.errors import InputError


def test_config_text_is_dumped_without_yapf_and_parses_back(monkeypatch):
    import mmengine.config.config as config_module

    def no_yapf(*args, **kwargs):
        raise AssertionError('yapf was called')

    monkeypatch.setattr(config_module, 'FormatCode', no_yapf)
    cfg = copy.deepcopy(load_config(DEFAULT_CONFIG))  # a runner keeps a deep copy
    assert Config.fromstring(cfg.pretty_text, '.py').to_dict() == cfg.to_dict()


def test_cfg_options_override_a_copy_of_the_config():
    cfg = load_config(DEFAULT_CONFIG)
    model = init_segmenter(cfg, cfg_options={'model.refine_cfg.iterations': 2, 'model.mask_thr_binary': 0.7})
    assert model.settings.iterations == 2 and model.mask_thr_binary == 0.7
    assert cfg.model.refine_cfg.iterations == 1 and 'mask_thr_binary' not in cfg.model  # the caller's is unchanged


def test_a_config_that_cannot_build_names_the_file():
    with pytest.raises(InputError, match=r'unet-refiner_dev-sets\.py: cannot build the model .*iteration'):
        init_segmenter(cfg_options={'model.refine_cfg.iteration': 2})
