import torch

from mmrefine.utils.inference_copy import cached_inference_copy


def test_copy_is_made_once_per_weights_and_never_touches_the_model():
    model = torch.nn.Linear(2, 2).train()
    calls = []

    def make(copy):
        calls.append(copy)
        copy.weight.data.zero_()
        return copy

    fast = cached_inference_copy(model, make)
    assert fast is not model and not fast.training and model.training
    assert cached_inference_copy(model, make) is fast and len(calls) == 1
    assert model.weight.abs().sum() > 0  # the copy was changed, not the model
    with torch.no_grad():
        model.weight += 1  # an in-place write changes the fingerprint
    assert cached_inference_copy(model, make) is not fast and len(calls) == 2
