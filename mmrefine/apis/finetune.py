"""Fine-tune the known-box model on a small set of one's own masks."""
import copy
import glob
import os.path as osp
from typing import Dict, List, Optional, Sequence, Tuple

from mmengine.config import Config

from ..errors import InputError
from ..utils import is_integer
from .inference import DEFAULT_CHECKPOINT, DETECTOR_CHECKPOINT, REPO_ROOT, load_config

FINETUNE_CONFIG = osp.join(REPO_ROOT, 'configs', 'finetune',
                           'known-box-mask-rcnn_effnet-lite0_fpn_openimages-motorcycle.py')
_OI_SUFFIX = '-annotations-object-segmentation.csv'


def dataset_config(data_dir: str, class_name: str = 'Motorcycle', split: Optional[str] = None) -> dict:
    """Dataset settings (no pipeline) for an Open Images layout folder or a COCO folder.

    Open Images: ``<split>-annotations-object-segmentation.csv`` (+ images, masks,
    class descriptions), one class. COCO: ``annotations.json`` + ``images/``, all
    categories as one class.
    """
    if not osp.isdir(data_dir):
        raise InputError(f'{data_dir}: data folder not found')
    root = osp.abspath(data_dir) + '/'
    splits = sorted(osp.basename(p)[:-len(_OI_SUFFIX)] for p in glob.glob(osp.join(root, '*' + _OI_SUFFIX)))
    if splits:
        if split is None:
            if len(splits) > 1:
                raise InputError(f'{data_dir}: several Open Images splits ({", ".join(splits)}); choose one '
                                 'with --split')
            split = splits[0]
        elif split not in splits:
            raise InputError(f'{data_dir}: no {split}{_OI_SUFFIX}')
        return dict(type='OpenImagesMotorcycleDataset', data_root=root, split=split, class_name=class_name,
                    set_name='finetune')
    if osp.isfile(osp.join(root, 'annotations.json')) and osp.isdir(osp.join(root, 'images')):
        from ..datasets import load_coco_json
        load_coco_json(osp.join(root, 'annotations.json'))  # names a missing field before training
        return dict(type='KnownBoxCocoDataset', data_root=root, ann_file='annotations.json',
                    data_prefix=dict(img='images/'), set_name='finetune')
    raise InputError(f'{data_dir}: neither an Open Images layout (*{_OI_SUFFIX}) '
                     'nor a COCO folder (annotations.json + images/)')


def usable_images(data_cfg: dict) -> List[int]:
    """Indices of the images of a dataset that have at least one usable instance."""
    from mmdet.registry import DATASETS
    from mmdet.utils import register_all_modules

    import mmrefine  # noqa: F401
    register_all_modules(init_default_scope=True)
    dataset = DATASETS.build(dict(copy.deepcopy(data_cfg), pipeline=[], test_mode=True, serialize_data=False))
    return [i for i in range(len(dataset)) if dataset.get_data_info(i)['instances']]


def image_ids(data_cfg: dict, indices: Sequence[int]) -> List:
    """The ``img_id`` of each dataset index (COCO image ids; Open Images ImageIDs)."""
    from mmdet.registry import DATASETS

    dataset = DATASETS.build(dict(copy.deepcopy(data_cfg), pipeline=[], test_mode=True, serialize_data=False))
    return [dataset.get_data_info(i)['img_id'] for i in indices]


def every_nth_id(pool: Sequence[int], ids: Sequence, every: int) -> List[int]:
    """Images of ``pool`` whose integer image id is divisible by ``every``.

    Used to cross-validate only on images a starting model never trained on
    (mmrefine's dev split holds out every 3rd motorcycle id). ``InputError`` if
    an id is not an integer (Open Images ImageIDs are hex strings).
    """
    out = []
    for i, img_id in zip(pool, ids):
        if not is_integer(img_id):
            raise InputError(f'image id {img_id!r} is not an integer: --test-every needs a COCO folder')
        if img_id % every == 0:
            out.append(i)
    return out


def split_train_val(pool: Sequence[int], val_every: int = 5, min_images: int = 5) -> Tuple[List[int], List[int]]:
    """Every ``val_every``-th image of ``pool`` is held out to pick the best iteration
    (none when the pool has fewer than ``min_images`` images)."""
    pool = list(pool)
    if len(pool) < min_images or val_every < 2:
        return pool, []
    val = pool[::val_every]
    return [i for i in pool if i not in set(val)], val


def prepare_start(checkpoint: Optional[str], work_dir: str, config: Optional[str] = None) -> Tuple[str, Optional[dict]]:
    """Check the starting weights; return a detector checkpoint to train from and the
    refiner weights to carry over (``None`` for a plain detector checkpoint).

    A cascade checkpoint (``detector.*`` + ``refiner.*``, the shipped default)
    has its detector part written to ``work_dir/start_detector.pth``.
    ``InputError`` for a missing, corrupt or incompatible file.
    """
    import os

    import torch
    from mmdet.registry import MODELS

    from ..utils import check_state_dict, load_state_dict_file, split_cascade_state
    from .inference import without_init_cfg
    checkpoint = checkpoint or DEFAULT_CHECKPOINT
    cfg = load_config(config or FINETUNE_CONFIG)
    detector, refiner = split_cascade_state(load_state_dict_file(checkpoint))
    check_state_dict(detector, MODELS.build(without_init_cfg(cfg.model)), checkpoint, osp.basename(cfg.filename))
    if refiner is None:
        return checkpoint, None
    os.makedirs(work_dir, exist_ok=True)
    path = osp.join(work_dir, 'start_detector.pth')
    torch.save(dict(state_dict=detector), path)
    return path, refiner


def finetune_config(data_cfg: dict,
                    work_dir: str,
                    train_indices: Sequence[int],
                    val_indices: Sequence[int],
                    checkpoint: Optional[str] = None,
                    iters: Optional[int] = None,
                    seed: int = 0,
                    config: Optional[str] = None) -> Config:
    """The fine-tune config (default: the shipped recipe) pointed at ``data_cfg``.

    Without ``val_indices`` the last iteration is kept; otherwise the best one on
    them, the starting weights included.
    """
    cfg = copy.deepcopy(load_config(config or FINETUNE_CONFIG))
    cfg.work_dir = work_dir
    cfg.load_from = checkpoint or DETECTOR_CHECKPOINT
    cfg.randomness = dict(seed=seed)
    train = cfg.train_dataloader
    # indices count images before filtering: keep filtering off (they are usable ones already)
    train.dataset = dict(copy.deepcopy(data_cfg), indices=list(train_indices), pipeline=train.dataset.pipeline,
                         filter_cfg=None)
    train.batch_size = min(train.batch_size, len(train_indices))
    if iters is not None:
        cfg.train_cfg.max_iters = iters
        cfg.param_scheduler = [s for s in cfg.param_scheduler if s.get('end', 0) <= iters] or [
            dict(type='ConstantLR', factor=1.0, by_epoch=False)]
    max_iters = cfg.train_cfg.max_iters
    cfg.train_cfg.val_interval = min(cfg.train_cfg.val_interval, max_iters)
    if val_indices:
        for loader in ('val_dataloader', 'test_dataloader'):
            cfg[loader].dataset = dict(copy.deepcopy(data_cfg), indices=list(val_indices), test_mode=True,
                                       pipeline=cfg[loader].dataset.pipeline)
    else:  # nothing to validate on: keep the last iteration
        cfg.val_dataloader = cfg.val_cfg = cfg.val_evaluator = None
        cfg.train_cfg.pop('val_interval')
        cfg.custom_hooks = [h for h in cfg.get('custom_hooks', []) if h['type'] != 'ValidateBeforeTrainHook']
        cfg.default_hooks.checkpoint = dict(type='CheckpointHook', by_epoch=False, interval=max_iters,
                                            save_last=True, max_keep_ckpts=1)
    return cfg


def run_finetune(cfg: Config, out: str, refiner: Optional[dict] = None) -> Dict[str, object]:
    """Train ``cfg`` and write its best (or last) weights to ``out`` for inference.

    With ``refiner`` weights, ``out`` is a cascade checkpoint (``detector.*`` +
    ``refiner.*``) for the default cascade config.

    Returns ``iter`` (0 = the starting weights were best), ``score`` (held-out
    mIoU of the kept weights, ``None`` without a held-out part) and ``start_score``.
    """
    import torch
    from mmengine.runner import Runner

    from ..utils import join_cascade_state, save_inference_checkpoint

    runner = Runner.from_cfg(cfg)
    runner.train()
    hooks = {type(h).__name__: h for h in runner.hooks}
    best_path = getattr(hooks['CheckpointHook'], 'best_ckpt_path', None)
    if best_path is None:  # no validation: the last checkpoint
        best_path = osp.join(cfg.work_dir, f'iter_{cfg.train_cfg.max_iters}.pth')
    ckpt = torch.load(best_path, map_location='cpu', weights_only=True)
    if refiner is not None:
        ckpt = dict(ckpt, state_dict=join_cascade_state(ckpt['state_dict'], refiner))
    save_inference_checkpoint(ckpt, out, finetuned_from=osp.basename(str(cfg.load_from)))
    start = getattr(hooks.get('ValidateBeforeTrainHook'), 'start_metrics', {})
    best = runner.message_hub.get_info('best_score')
    return dict(iter=int(ckpt.get('meta', {}).get('iter', -1)),
                score=None if best is None else float(best),
                start_score=start.get('mask/finetune/mIoU'))


def evaluate_checkpoint(cfg: Config, checkpoint: str, data_cfg: dict, indices: Sequence[int], work_dir: str,
                        dump_path: Optional[str] = None) -> Dict[str, float]:
    """``tools/test.py`` on some images of ``data_cfg``: ``{'mIoU': .., 'mBIoU': ..}``.

    ``dump_path`` also writes the masks as COCO results with per-instance scores.
    """
    from mmengine.runner import Runner

    cfg = copy.deepcopy(cfg)
    cfg.work_dir = work_dir
    cfg.load_from = checkpoint
    cfg.test_dataloader.dataset = dict(copy.deepcopy(data_cfg), indices=list(indices), test_mode=True,
                                       pipeline=cfg.test_pipeline)
    cfg.test_evaluator = dict(type='MaskIoUMetric', dump_path=dump_path)
    cfg.custom_hooks = []
    metrics = Runner.from_cfg(cfg).test()
    return dict(mIoU=float(metrics['mask/mIoU']), mBIoU=float(metrics['mask/mBIoU']))
