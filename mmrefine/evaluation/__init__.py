from .functional import bootstrap_interval, boundary_iou, boundary_width, mask_boundary, mask_iou
from .metrics import MaskIoUMetric, encode_rle

__all__ = ['MaskIoUMetric', 'bootstrap_interval', 'boundary_iou', 'boundary_width', 'mask_boundary', 'mask_iou',
           'encode_rle']
