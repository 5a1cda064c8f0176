"""Known-box inference: image + boxes in, one mask per box out."""
import copy
import os.path as osp
from typing import Optional, Union

import numpy as np
import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.dataset import Compose

from mmdet.registry import MODELS
from mmdet.structures.bbox import HorizontalBoxes
from mmdet.utils import register_all_modules

from ..errors import InputError
from ..utils.checkpoint import read_state_dict

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
# the known-box detector alone (coarse masks; what fine-tuning trains)
DETECTOR_CONFIG = osp.join(REPO_ROOT, 'configs', 'known_box', 'known-box-mask-rcnn_effnet-lite0_fpn_dev-sets.py')
DETECTOR_CHECKPOINT = osp.join(REPO_ROOT, 'mmrefine', 'checkpoints', 'known-box-mask-rcnn_effnet-lite0.pth')
# the shipped default: the detector cascaded with the boundary refiner
DEFAULT_CONFIG = osp.join(REPO_ROOT, 'configs', 'refiner', 'known-box-mask-rcnn_effnet-lite0_unet-refiner_dev-sets.py')
DEFAULT_CHECKPOINT = osp.join(REPO_ROOT, 'mmrefine', 'checkpoints', 'known-box-mask-rcnn_effnet-lite0_unet-refiner.pth')
# transforms that read files; inference feeds arrays instead
_FILE_TRANSFORMS = ('LoadImageFromFile', 'LoadAnnotations', 'KeepOriginalMasks', 'KeepOriginalImage')


def load_config(config: Union[str, Config, None] = None) -> Config:
    """Config from a path (default: the shipped model's) with its imports resolved.

    Its ``pretty_text`` (what a runner logs and dumps to its work dir, three
    times per run) is not re-formatted with yapf: that took 6-10 s each time
    for these configs.
    """
    path = config or DEFAULT_CONFIG
    if isinstance(path, Config):
        return path
    if not osp.isfile(path):
        raise InputError(f'{path}: config file not found')
    try:
        cfg = Config.fromfile(path)
    except Exception as err:  # config files are Python: report, don't trace
        raise InputError(f'{path}: cannot parse config ({type(err).__name__}: {err})') from None
    # Config.fromfile(path, format_python_code=False) drops the flag for plain (non-lazy) configs (mmengine 0.10)
    object.__setattr__(cfg, '_format_python_code', False)
    return cfg


def init_segmenter(config: Union[str, Config, None] = None, checkpoint: Optional[str] = None,
                   device: str = 'cpu', refine: bool = True, cfg_options: Optional[dict] = None) -> nn.Module:
    """Build a known-box model and load its weights (defaults: the shipped model).

    ``refine=False`` switches a cascade's refiner off (coarse masks only).
    ``cfg_options`` overrides config settings (a tool's ``--cfg-options``), as
    mmdet's ``init_detector`` does; a given ``Config`` is left unchanged.
    ``InputError`` if the model cannot be built from the config (e.g. a mistyped
    ``--cfg-options`` key) or the checkpoint is missing, corrupt or made for another model.
    """
    import mmrefine  # noqa: F401  (registers the modules)
    register_all_modules(init_default_scope=True)
    cfg = load_config(config)
    if cfg_options:
        cfg = copy.deepcopy(cfg)
        cfg.merge_from_dict(cfg_options)
    checkpoint = checkpoint or DEFAULT_CHECKPOINT
    try:
        model = MODELS.build(without_init_cfg(cfg.model))
    except Exception as err:  # the config's (or an override's) mistake: report, don't trace
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(f'{cfg.filename}: cannot build the model ({message})') from None
    state = read_state_dict(checkpoint, model, cfg.filename)  # one-line errors for bad files
    model.load_state_dict(state, strict=False)  # extra keys (e.g. a training-only head) are fine
    if hasattr(model, 'enabled'):
        model.enabled = refine
    model.cfg = cfg
    return model.to(device).eval()


def without_init_cfg(model_cfg: dict) -> dict:
    """Copy of a model config whose backbones load nothing (weights come from a checkpoint)."""
    model_cfg = copy.deepcopy(model_cfg)
    for part in (model_cfg, model_cfg.get('detector') or {}):
        if isinstance(part.get('backbone'), dict):
            part['backbone'].pop('init_cfg', None)
    return model_cfg


def _inference_pipeline(cfg: Config) -> Compose:
    steps = cfg.get('test_pipeline') or [dict(type='Resize', scale=(800, 600), keep_ratio=True),
                                         dict(type='PackDetInputs')]
    # the full-resolution image travels along for a refiner
    steps = [dict(type='KeepOriginalImage')] + [copy.deepcopy(s) for s in steps if s['type'] not in _FILE_TRANSFORMS]
    for s in steps:
        if s['type'] == 'PackDetInputs':
            s['meta_keys'] = ('img_id', 'img_path', 'ori_shape', 'img_shape', 'scale_factor', 'ori_img')
    return Compose(steps)


@torch.no_grad()
def segment_boxes(model: nn.Module, image: np.ndarray, boxes: np.ndarray,
                  return_probs: bool = False) -> np.ndarray:
    """Segment each known box of one image.

    Args:
        model: from ``init_segmenter``.
        image: ``(H, W, 3)`` uint8 BGR.
        boxes: ``(N, 4)`` xyxy pixel boxes, already clipped to the image.
        return_probs: return ``uint8`` probabilities (0..255) instead of masks.

    Returns:
        ``(N, H, W)`` bool masks (or uint8 probabilities), in box order.
    """
    h, w = image.shape[:2]
    boxes = np.ascontiguousarray(boxes, dtype=np.float32).reshape(-1, 4)  # any strides (e.g. boxes[::-1])
    if len(boxes) == 0:
        return np.zeros((0, h, w), dtype=np.uint8 if return_probs else bool)
    pipeline = getattr(model, 'inference_pipeline', None)
    if pipeline is None:  # built once per model
        pipeline = model.inference_pipeline = _inference_pipeline(model.cfg)
    data = dict(img=image, img_id=0, img_path='', ori_shape=(h, w), img_shape=(h, w),
                gt_bboxes=HorizontalBoxes(torch.from_numpy(boxes)),
                gt_bboxes_labels=np.zeros(len(boxes), dtype=np.int64),
                gt_ignore_flags=np.zeros(len(boxes), dtype=bool))
    data = pipeline(data)
    batch = dict(inputs=[data['inputs']], data_samples=[data['data_samples']])
    # a cascade has its own threshold; a plain detector keeps it in its RoI head's test_cfg
    holder = model if hasattr(model, 'mask_thr_binary') else model.roi_head.test_cfg
    old_thr = holder.mask_thr_binary
    holder.mask_thr_binary = -1 if return_probs else old_thr
    try:
        with torch.no_grad():
            sample = model.test_step(batch)[0]
    finally:
        holder.mask_thr_binary = old_thr
    return sample.pred_instances.masks.cpu().numpy()
