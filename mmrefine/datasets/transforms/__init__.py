from .coarse_mask import (LoadInstanceCrop, SampleBoundaryWindow, SimulateCoarseMask, decode_segmentation,
                          degrade_mask)
from .keep_original_image import KeepOriginalImage
from .keep_original_masks import KeepOriginalMasks
from .paste_occluder import PasteOccluder

__all__ = ['KeepOriginalImage', 'KeepOriginalMasks', 'LoadInstanceCrop', 'PasteOccluder', 'SampleBoundaryWindow',
           'SimulateCoarseMask', 'decode_segmentation', 'degrade_mask']
