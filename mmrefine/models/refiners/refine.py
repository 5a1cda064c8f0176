"""Refine one coarse mask with a patch refiner, window by window along its boundary."""
from dataclasses import dataclass, fields
from typing import Optional, Sequence

import numpy as np
import torch
import torch.nn as nn

from ...utils import clear_outside_box
from .grabcut import grabcut_band
from .inference import inference_refiner
from .windows import (blend_windows, boundary_band, crop_region, refiner_window_input, resize, scaled_crop,
                      window_centres)


@dataclass
class RefineSettings:
    """How ``refine_mask`` places and blends windows (README, "Settings that matter").

    Attributes:
        window: window side, pixels of the (possibly downscaled) crop.
        stride: grid step for window centres (``window // 2``: half overlap).
        margin: the box is grown by this fraction on each side before cropping.
        max_size: the crop is scaled down to this long side if larger.
        min_size: the crop is scaled up to this long side if smaller (0: never),
            so that small objects fill windows as the training crops did.
        max_windows: at most this many windows per object and iteration.
        iterations: refine the refined mask again this many times in all.
        uncertain: pixels with ``uncertain < p < 1 - uncertain`` also get windows.
        batch: windows per forward pass.
        grabcut: GrabCut iterations that then decide the pixels still uncertain
            (``grabcut_band``; 0: off).
        grabcut_size: GrabCut runs on the box + margin scaled down to this long side.
        grabcut_min_size: ... and scaled up to this long side if shorter (0: never).
        binary_input: the refiner sees the coarse mask's 0.5 level (0 or 1)
            instead of its probability, and windows follow that contour only;
            refined windows are still blended into the probability, so the
            GrabCut step still finds where the coarse model was unsure.
        others: the refiner has a 5th input channel: where the image's other
            known objects lie (the 0.5 level of their coarse masks), so it can
            tell which object owns the pixels two masks claim.
        clip_to_box: nothing outside the known box is part of the object
            (``clear_outside_box``).
    """

    window: int = 64
    stride: int = 32
    margin: float = 0.1
    max_size: int = 512
    min_size: int = 0
    max_windows: int = 64
    iterations: int = 1
    uncertain: float = 0.2
    batch: int = 64
    grabcut: int = 0
    grabcut_size: int = 160
    grabcut_min_size: int = 0
    binary_input: bool = False
    others: bool = False
    clip_to_box: bool = True

    @classmethod
    def from_dict(cls, cfg: Optional[dict]) -> 'RefineSettings':
        cfg = dict(cfg or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(cfg) - known - {'enabled'})
        if unknown:
            raise ValueError(f'unknown refine setting(s): {", ".join(unknown)}')
        return cls(**{k: v for k, v in cfg.items() if k in known})


@torch.no_grad()
def refine_windows(refiner: nn.Module, inputs: np.ndarray, batch: int = 64) -> np.ndarray:
    """Foreground probabilities of raw refiner inputs.

    Args:
        refiner: a ``PatchRefiner`` (its data preprocessor normalises); in eval
            mode it runs as ``inference_refiner`` (BatchNorm folded, channels-last).
        inputs: ``(K, 4, S, S)`` float32, image 0..255 + coarse x 255.
    Returns:
        ``(K, S, S)`` float32 in [0, 1].
    """
    dp = refiner.data_preprocessor
    net = inference_refiner(refiner)
    device = dp.mean.device if getattr(dp, '_enable_normalize', False) else torch.device('cpu')
    out = []
    for i in range(0, len(inputs), batch):
        x = torch.from_numpy(inputs[i:i + batch]).to(device)
        if getattr(dp, '_enable_normalize', False):
            x = (x - dp.mean) / dp.std
        logits = net._forward(x.contiguous(memory_format=torch.channels_last))
        out.append(logits.softmax(dim=1)[:, 1].float().cpu().numpy())
    return np.concatenate(out) if out else np.zeros((0, ) + inputs.shape[2:], np.float32)


def refine_crop(refiner: nn.Module, image: np.ndarray, prob: np.ndarray, settings: RefineSettings,
                others: Optional[np.ndarray] = None) -> np.ndarray:
    """Refine ``prob`` ``(h, w)`` over ``image`` ``(h, w, 3)`` (both already cropped and scaled); ``others``
    ``(h, w)``, the other objects' map, is the refiner's 5th channel when given."""
    for _ in range(settings.iterations):
        band = boundary_band(prob, 1)
        if settings.uncertain > 0 and not settings.binary_input:
            band |= (prob > settings.uncertain) & (prob < 1 - settings.uncertain)
        centres = window_centres(band, settings.window, settings.stride, settings.max_windows)
        if len(centres) == 0:
            break
        seen = (prob >= 0.5).astype(np.float32) if settings.binary_input else prob
        refined = refine_windows(refiner, refiner_window_input(image, seen, centres, settings.window, others),
                                 settings.batch)
        prob, _ = blend_windows(prob, refined, centres)
    return prob


def refine_mask(refiner: nn.Module, image: np.ndarray, coarse: np.ndarray, box: Sequence[float],
                settings: Optional[RefineSettings] = None, others: Optional[np.ndarray] = None) -> np.ndarray:
    """Refine one object's coarse mask.

    Args:
        refiner: a ``PatchRefiner``, in eval mode.
        image: ``(H, W, 3)`` uint8 BGR, full resolution.
        coarse: ``(H, W)`` probabilities: float in [0, 1], uint8 0..255, or bool.
        box: the object's known box, xyxy pixels.
        others: ``(H, W)`` bool or 0/1: where the image's other known objects
            lie (their coarse masks); needed by a refiner trained with it
            (``RefineSettings.others``), ignored otherwise.
    Returns:
        ``(H, W)`` float32 probabilities; outside the box, 0 (``clip_to_box``, the default) or ``coarse``.
    """
    settings = settings or RefineSettings()
    h, w = image.shape[:2]
    if coarse.dtype == np.uint8:
        prob = coarse.astype(np.float32) / 255.0
    else:
        prob = coarse.astype(np.float32)
    x0, y0, x1, y1 = crop_region(box, settings.margin, h, w)
    if x1 <= x0 or y1 <= y0:  # the box lies outside the image
        return clear_outside_box(prob, box) if settings.clip_to_box else prob
    use_others = settings.others
    if use_others and others is None:
        others = np.zeros((h, w), bool)  # a lone object
    maps = [prob, others] if use_others else [prob]  # scaled_crop crops, then makes float32
    img_c, maps_c, s = scaled_crop(image, maps, (x0, y0, x1, y1), settings.max_size, settings.min_size)
    others_c = (maps_c[1] >= 0.5).astype(np.float32) if use_others else None
    refined = refine_crop(refiner, img_c, maps_c[0], settings, others_c)
    if s != 1:  # back to full resolution
        refined = resize(refined, (x1 - x0, y1 - y0))
    prob[y0:y1, x0:x1] = refined
    if settings.grabcut > 0 and settings.uncertain > 0:
        prob = grabcut_band(image, prob, box, settings.uncertain, settings.grabcut_size, settings.grabcut,
                            settings.margin, settings.grabcut_min_size)
    return clear_outside_box(prob, box) if settings.clip_to_box else prob
