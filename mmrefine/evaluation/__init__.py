from .functional import boundary_iou, boundary_width, mask_boundary, mask_iou
from .metrics import MaskIoUMetric, encode_rle, write_json_atomic

__all__ = ['MaskIoUMetric', 'boundary_iou', 'boundary_width', 'mask_boundary', 'mask_iou',
           'encode_rle', 'write_json_atomic']
