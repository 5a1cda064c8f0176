from .mask_iou import boundary_iou, boundary_width, mask_boundary, mask_iou

__all__ = ['boundary_iou', 'boundary_width', 'mask_boundary', 'mask_iou']
