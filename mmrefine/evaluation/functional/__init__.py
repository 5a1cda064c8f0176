from .bootstrap import bootstrap_interval
from .mask_iou import boundary_iou, boundary_width, mask_boundary, mask_iou

__all__ = ['bootstrap_interval', 'boundary_iou', 'boundary_width', 'mask_boundary', 'mask_iou']
