from .known_box_mask_rcnn import KnownBoxMaskRCNN

__all__ = ['KnownBoxMaskRCNN']
