"""Cascade: known-box detector -> boundary patch refiner."""
import copy
import warnings
from typing import Optional

import mmcv
import numpy as np
import torch
from torch import Tensor

from mmdet.models.detectors import BaseDetector
from mmdet.registry import MODELS
from mmdet.structures import SampleList

from ..refiners import RefineSettings, refine_mask


@MODELS.register_module()
class RefinedKnownBoxDetector(BaseDetector):
    """A known-box detector whose masks are refined along their boundary by a patch refiner.

    The detector (e.g. ``KnownBoxMaskRCNN``) gives one coarse probability map
    per known box; the refiner (an mmseg ``PatchRefiner``, built in mmseg's
    scope) corrects windows of the full-resolution image along each map's
    boundary, and the windows are blended back (``refine_mask``).

    Reads the full-resolution image from each data sample's ``ori_img``
    (``KeepOriginalImage`` before ``Resize``, ``ori_img`` in
    ``PackDetInputs.meta_keys``) or, failing that, from ``img_path``. Train the two parts with their own configs;
    this model only predicts.

    Args:
        detector: mmdet model config.
        refiner: mmseg model config (``_scope_='mmseg'`` is added if missing).
        refine_cfg: ``RefineSettings`` fields, plus ``enabled`` (False: coarse masks only).
        mask_thr_binary: threshold of the final masks; negative: ``uint8`` probabilities.
        data_preprocessor: default: the detector's.
    """

    def __init__(self,
                 detector: dict,
                 refiner: dict,
                 refine_cfg: Optional[dict] = None,
                 mask_thr_binary: float = 0.5,
                 data_preprocessor: Optional[dict] = None,
                 init_cfg: Optional[dict] = None) -> None:
        from mmseg.registry import MODELS as SEG_MODELS
        detector = copy.deepcopy(detector)
        if data_preprocessor is None:
            data_preprocessor = detector.get('data_preprocessor')
        super().__init__(data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.detector = MODELS.build(detector)
        refiner = dict(copy.deepcopy(refiner))
        refiner.setdefault('_scope_', 'mmseg')
        with warnings.catch_warnings():  # mmseg's advice on training losses does not apply here
            warnings.simplefilter('ignore', UserWarning)
            self.refiner = SEG_MODELS.build(refiner)
        self.refine_cfg = dict(refine_cfg or {})
        self.settings = RefineSettings.from_dict(self.refine_cfg)
        self.enabled = bool(self.refine_cfg.get('enabled', True))
        self.mask_thr_binary = mask_thr_binary

    def loss(self, batch_inputs: Tensor, batch_data_samples: SampleList) -> dict:
        raise NotImplementedError('RefinedKnownBoxDetector only predicts: train the detector and the refiner '
                                  'with their own configs')

    def _forward(self, batch_inputs: Tensor, batch_data_samples: SampleList):
        return self.detector._forward(batch_inputs, batch_data_samples)

    def extract_feat(self, batch_inputs: Tensor):
        return self.detector.extract_feat(batch_inputs)

    @staticmethod
    def _original_image(meta: dict) -> np.ndarray:
        """The full-resolution BGR image: ``ori_img``, or read again from ``img_path``."""
        image = meta.get('ori_img')
        if image is None and meta.get('img_path'):
            image = mmcv.imread(meta['img_path'], flag='color', channel_order='bgr')
        if image is None:
            raise KeyError('RefinedKnownBoxDetector needs the original image: "ori_img" (KeepOriginalImage) '
                           'or "img_path" in the data sample')
        return image

    @torch.no_grad()
    def predict(self, batch_inputs: Tensor, batch_data_samples: SampleList, rescale: bool = True) -> SampleList:
        """One (refined) mask per known box of each sample, in ``pred_instances.masks``."""
        test_cfg = self.detector.roi_head.test_cfg
        old_thr = test_cfg.mask_thr_binary
        # refining: uint8 probabilities from the detector; not refining: its final masks
        test_cfg.mask_thr_binary = -1 if self.enabled else self.mask_thr_binary
        try:
            samples = self.detector.predict(batch_inputs, batch_data_samples, rescale=rescale)
        finally:
            test_cfg.mask_thr_binary = old_thr
        if not self.enabled:
            return samples
        for sample in samples:
            probs = sample.pred_instances.masks.cpu().numpy()  # (N, H, W) uint8
            image = self._original_image(sample.metainfo) if len(probs) else None
            boxes = sample.pred_instances.bboxes.cpu().numpy()
            claims = self._claims(probs) if self.settings.others else None
            # one box at a time, each result written over its own coarse map (already read):
            # (N, H, W) full-resolution maps are large, so no second stack of them is made
            for i, box in enumerate(boxes):
                own = None if claims is None else claims > (probs[i] >= 128)
                probs[i] = self._final(refine_mask(self.refiner, image, probs[i], box, self.settings, own))
            masks = probs.view(bool) if self.mask_thr_binary >= 0 else probs
            sample.pred_instances.masks = torch.from_numpy(masks)
        return samples

    @staticmethod
    def _claims(probs: np.ndarray) -> np.ndarray:
        """``(H, W)`` int32: how many of the ``(N, H, W)`` uint8 coarse masks claim each pixel (p >= 0.5);
        box i's other objects lie where this count exceeds box i's own claim."""
        count = np.zeros(probs.shape[1:], np.int32)
        for p in probs:
            count += p >= 128
        return count

    def _final(self, prob: np.ndarray) -> np.ndarray:
        """``uint8`` mask (0 or 1), or probabilities (0..255) with a negative ``mask_thr_binary``."""
        if self.mask_thr_binary >= 0:
            return (prob >= self.mask_thr_binary).astype(np.uint8)
        return np.round(prob * 255).astype(np.uint8)
