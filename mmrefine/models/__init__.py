from .backbones import EfficientNetLite, EfficientNetLiteUNet
from .decode_heads import ResidualRefineHead
from .detectors import KnownBoxMaskRCNN, RefinedKnownBoxDetector
from .refiners import RefineSettings, refine_mask
from .roi_heads import KnownBoxRoIHead
from .segmentors import PatchRefiner

__all__ = ['EfficientNetLite', 'EfficientNetLiteUNet', 'KnownBoxMaskRCNN', 'KnownBoxRoIHead', 'PatchRefiner',
           'RefinedKnownBoxDetector', 'RefineSettings', 'ResidualRefineHead', 'refine_mask']
