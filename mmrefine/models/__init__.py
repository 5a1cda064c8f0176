from .backbones import EfficientNetLite
from .detectors import KnownBoxMaskRCNN
from .roi_heads import KnownBoxRoIHead

__all__ = ['EfficientNetLite', 'KnownBoxMaskRCNN', 'KnownBoxRoIHead']
