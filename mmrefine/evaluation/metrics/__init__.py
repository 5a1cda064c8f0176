from .mask_iou_metric import MaskIoUMetric, encode_rle, write_json_atomic

__all__ = ['MaskIoUMetric', 'encode_rle', 'write_json_atomic']
