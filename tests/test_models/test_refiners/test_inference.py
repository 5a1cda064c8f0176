"""The faster inference copy of a patch refiner (mmrefine.models.refiners.inference)."""
import torch

from mmrefine.models.refiners import fold_batch_norms, inference_refiner, refine_windows

from ...helpers import build_refiner


def trained_looking(model):
    """Random BatchNorm statistics and affine weights, so folding them is not a no-op."""
    torch.manual_seed(0)
    for name, buf in model.named_buffers():
        if name.endswith('running_mean'):
            buf.normal_(0, 0.5)
        elif name.endswith('running_var'):
            buf.uniform_(0.5, 2.0)
    for name, p in model.named_parameters():
        if 'bn' in name or 'norm' in name:
            p.data.normal_(1.0 if name.endswith('weight') else 0.0, 0.3)
    return model.eval()


def test_folded_channels_last_copy_computes_the_same(tmp_path):
    model = trained_looking(build_refiner(tmp_path))
    x = torch.rand(3, 4, 64, 64) * 4 - 2
    fast = inference_refiner(model)
    assert fast is not model
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in fast.modules())
    assert any(isinstance(m, torch.nn.BatchNorm2d) for m in model.modules())  # the original is untouched
    with torch.no_grad():
        ref = model._forward(x)
        out = fast._forward(x.contiguous(memory_format=torch.channels_last))
    assert torch.allclose(out, ref, atol=1e-4)
    inputs = (torch.rand(5, 4, 64, 64) * 255).numpy()
    with torch.no_grad():
        norm = (torch.from_numpy(inputs) - model.data_preprocessor.mean) / model.data_preprocessor.std
        expected = model._forward(norm).softmax(1)[:, 1].numpy()
    assert abs(refine_windows(model, inputs, batch=2) - expected).max() < 1e-4


def test_copy_is_cached_and_rebuilt_when_the_weights_change(tmp_path):
    model = trained_looking(build_refiner(tmp_path))
    fast = inference_refiner(model)
    assert inference_refiner(model) is fast
    state = {k: v.clone() for k, v in model.state_dict().items()}
    state['decode_head.conv_seg.weight'] += 1.0
    model.load_state_dict(state)
    rebuilt = inference_refiner(model)
    assert rebuilt is not fast
    assert torch.equal(rebuilt.decode_head.conv_seg.weight, model.decode_head.conv_seg.weight)


def test_training_mode_and_non_batch_norm_models_are_left_alone(tmp_path):
    model = build_refiner(tmp_path).train()
    assert inference_refiner(model) is model
    plain = torch.nn.Sequential(torch.nn.Conv2d(4, 2, 3)).eval()
    folded = fold_batch_norms(plain)
    assert folded is plain and isinstance(folded[0], torch.nn.Conv2d)
