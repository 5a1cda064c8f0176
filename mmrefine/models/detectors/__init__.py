from .known_box_mask_rcnn import KnownBoxMaskRCNN
from .refined_known_box_detector import RefinedKnownBoxDetector

__all__ = ['KnownBoxMaskRCNN', 'RefinedKnownBoxDetector']
