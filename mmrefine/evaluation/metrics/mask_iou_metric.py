"""Mean mask IoU and Boundary IoU over known instances, per data set."""
from collections import OrderedDict, defaultdict
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger
from pycocotools import mask as mask_utils

from mmdet.registry import METRICS

from ...utils.files import write_json_atomic
from ..functional import boundary_iou, mask_iou


def encode_rle(mask: np.ndarray) -> dict:
    """COCO RLE of a ``(H, W)`` binary mask with a utf-8 ``counts`` string."""
    rle = mask_utils.encode(np.asfortranarray(mask.astype(np.uint8)))
    rle['counts'] = rle['counts'].decode('utf-8')
    return rle


@METRICS.register_module()
class MaskIoUMetric(BaseMetric):
    """Mean IoU and mean Boundary IoU of one predicted mask per known box.

    Ground truth comes from ``ori_gt_masks`` in each sample's metainfo (see
    ``KeepOriginalMasks``); predictions from ``pred_instances.masks``
    ``(N, H, W)`` in the same order. Results are reported over all instances
    (``mIoU``, ``mBIoU``) and per ``set_name`` (``<set>/mIoU`` ...).

    Args:
        boundary_ratio: band width as a fraction of the image diagonal.
        dump_path: if set, also write predictions as a COCO results list
            (``id`` = annotation id; ``iou``, ``boundary_iou`` and the dev set's
            name, ``set``, per entry: ``tools/analysis/compare_runs.py`` pairs
            two such files).
    """

    default_prefix: Optional[str] = 'mask'

    def __init__(self,
                 boundary_ratio: float = 0.02,
                 dump_path: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.boundary_ratio = boundary_ratio
        self.dump_path = dump_path

    def process(self, data_batch: dict, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            gt = sample.get('ori_gt_masks')
            if gt is None:
                raise KeyError('MaskIoUMetric needs "ori_gt_masks": add KeepOriginalMasks after '
                               'LoadAnnotations and "ori_gt_masks" to PackDetInputs.meta_keys')
            pred = sample['pred_instances']['masks']
            pred = pred.cpu().numpy() if hasattr(pred, 'cpu') else np.asarray(pred)
            if pred.dtype != bool:
                pred = pred >= (128 if pred.dtype == np.uint8 else 0.5)
            if len(pred) != len(gt):
                raise ValueError(f'{sample.get("img_path")}: {len(pred)} predicted masks for {len(gt)} boxes')
            ann_ids = sample.get('ann_ids') or [None] * len(gt)
            boxes = sample['pred_instances']['bboxes']
            boxes = boxes.cpu().numpy() if hasattr(boxes, 'cpu') else np.asarray(boxes)
            instances = []
            for k in range(len(gt)):
                result = dict(set=sample.get('set_name', 'all'),
                              iou=mask_iou(pred[k], gt[k]),
                              biou=boundary_iou(pred[k], gt[k], self.boundary_ratio))
                if self.dump_path:
                    x0, y0, x1, y1 = (float(v) for v in boxes[k])
                    result['entry'] = dict(id=ann_ids[k], image_id=sample.get('img_id'), category_id=1,
                                           bbox=[x0, y0, x1 - x0, y1 - y0], score=1.0,
                                           segmentation=encode_rle(pred[k]),
                                           iou=result['iou'], boundary_iou=result['biou'], set=result['set'])
                instances.append(result)
            # one result per sample: MMEngine keeps only as many results as the dataset has samples
            self.results.append(instances)

    def compute_metrics(self, results: List[List[dict]]) -> Dict[str, float]:
        logger = MMLogger.get_current_instance()
        results = [r for instances in results for r in instances]
        by_set = defaultdict(list)
        for r in results:
            by_set[r['set']].append(r)
        metrics = OrderedDict()
        metrics['mIoU'] = float(np.mean([r['iou'] for r in results])) if results else 0.0
        metrics['mBIoU'] = float(np.mean([r['biou'] for r in results])) if results else 0.0
        lines = [f'{"set":<32}{"instances":>10}{"mIoU":>8}{"mBIoU":>8}']
        for name in sorted(by_set):
            rs = by_set[name]
            metrics[f'{name}/mIoU'] = float(np.mean([r['iou'] for r in rs]))
            metrics[f'{name}/mBIoU'] = float(np.mean([r['biou'] for r in rs]))
            lines.append(f'{name:<32}{len(rs):>10}{metrics[f"{name}/mIoU"]:>8.4f}{metrics[f"{name}/mBIoU"]:>8.4f}')
        lines.append(f'{"all":<32}{len(results):>10}{metrics["mIoU"]:>8.4f}{metrics["mBIoU"]:>8.4f}')
        logger.info('Known-box mask quality:\n' + '\n'.join(lines))
        if self.dump_path:
            write_json_atomic([r['entry'] for r in results], self.dump_path)
            logger.info(f'predictions written to {self.dump_path}')
        return metrics
