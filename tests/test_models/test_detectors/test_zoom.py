import torch

from mmrefine.models.detectors.zoom import crop_windows, zoom_windows


def test_zoom_windows_centre_each_roi_in_a_square_frame():
    rois = torch.tensor([[0, 10., 20., 50., 40.], [1, 100., 0., 110., 30.]])
    windows, zoomed = zoom_windows(rois, 96, 1.5)
    # square windows 1.5x the long side, about the RoI's centre
    assert torch.allclose(windows, torch.tensor([[0, 0., 0., 60., 60.], [1, 82.5, -7.5, 127.5, 37.5]]))
    # in the 96 px frame the long side is 64 px, centred
    assert torch.allclose(zoomed, torch.tensor([[0, 16., 32., 80., 64.], [1, 37.3333, 16., 58.6667, 80.]]),
                          atol=1e-3)


def test_crop_windows_sample_bilinearly_and_pad_with_zeros():
    # a ramp image: bilinear sampling of a linear function is exact
    ys, xs = torch.meshgrid(torch.arange(40.), torch.arange(60.), indexing='ij')
    image = torch.stack([xs, ys, xs + ys])[None]  # (1, 3, 40, 60)
    windows = torch.tensor([[0, 10., 10., 20., 20.]])
    crop = crop_windows(image, windows, 20)  # 2x: samples at 10.25, 10.75, ... pixel-centre coordinates
    assert crop.shape == (1, 3, 20, 20)
    expected = 10 + (torch.arange(20.) + 0.5) / 2 - 0.5  # pixel i's centre lies at i + 0.5
    assert torch.allclose(crop[0, 0, 3], expected) and torch.allclose(crop[0, 1, :, 3], expected)
    outside = crop_windows(image, torch.tensor([[0, -30., -30., -10., -10.]]), 8)
    assert outside.abs().max() == 0
