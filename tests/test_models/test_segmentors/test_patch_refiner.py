"""The mmseg side of the refiner: built from a config through custom_imports."""
import torch

from ...helpers import build_refiner, load_into_wider_refiner


def batch(coarse):
    """(B, 4, 64, 64) normalised input with the given coarse probability."""
    model_in = torch.rand(2, 4, 64, 64) * 255
    model_in[:, 3] = coarse * 255
    return model_in


def test_untrained_head_reproduces_the_coarse_mask(tmp_path):
    model = build_refiner(tmp_path).train()  # BN on batch statistics: untrained running stats mean nothing
    assert type(model).__name__ == 'PatchRefiner'
    assert type(model.decode_head).__name__ == 'ResidualRefineHead'
    coarse = torch.zeros(64, 64)
    coarse[16:48, 10:40] = 1
    x = model.data_preprocessor(dict(inputs=list(batch(coarse)), data_samples=None))['inputs']
    with torch.no_grad():
        logits = model._forward(x)
    assert logits.shape == (2, 2, 64, 64)
    agree = (logits.argmax(1) == coarse.long()).float().mean()
    assert agree > 0.99


def test_loss_on_a_patch_batch(tmp_path):
    from mmengine.structures import PixelData

    from mmseg.structures import SegDataSample
    model = build_refiner(tmp_path).train()
    samples = []
    for _ in range(2):
        s = SegDataSample()
        s.gt_sem_seg = PixelData(data=torch.randint(0, 2, (1, 64, 64)))
        s.set_metainfo(dict(img_shape=(64, 64), ori_shape=(64, 64)))
        samples.append(s)
    data = model.data_preprocessor(dict(inputs=list(batch(torch.rand(64, 64))), data_samples=samples), True)
    losses = model.loss(data['inputs'], data['data_samples'])
    assert torch.isfinite(losses['decode.loss_ce'])
    losses['decode.loss_ce'].backward()


def test_a_narrower_checkpoint_loads_with_zero_weights_for_the_extra_channel(tmp_path):
    """A 4-channel refiner's weights load into a 5-channel one, which then computes the same function."""
    narrow = build_refiner(tmp_path).eval()
    wide = load_into_wider_refiner(tmp_path, narrow)
    first = wide.backbone.encoder[0][0].convs[0].conv.weight
    assert first.shape[1] == 5 and first[:, 4].abs().sum() == 0
    x = torch.rand(2, 5, 64, 64)
    with torch.no_grad():
        torch.testing.assert_close(wide._forward(x), narrow._forward(x[:, :4]))
