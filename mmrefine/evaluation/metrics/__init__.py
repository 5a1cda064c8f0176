from .mask_iou_metric import MaskIoUMetric, encode_rle

__all__ = ['MaskIoUMetric', 'encode_rle']
