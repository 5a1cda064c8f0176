from .known_box_roi_head import KnownBoxRoIHead, box_context_maps, expand_boxes, gt_boxes, jitter_boxes

__all__ = ['KnownBoxRoIHead', 'box_context_maps', 'expand_boxes', 'gt_boxes', 'jitter_boxes']
