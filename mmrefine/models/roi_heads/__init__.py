from .known_box_roi_head import KnownBoxRoIHead, expand_boxes, jitter_boxes

__all__ = ['KnownBoxRoIHead', 'expand_boxes', 'jitter_boxes']
