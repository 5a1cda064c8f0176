from .coarse_mask import LoadInstanceCrop, SampleBoundaryWindow, SimulateCoarseMask, degrade_mask
from .keep_original_image import KeepOriginalImage
from .keep_original_masks import KeepOriginalMasks

__all__ = ['KeepOriginalImage', 'KeepOriginalMasks', 'LoadInstanceCrop', 'SampleBoundaryWindow',
           'SimulateCoarseMask', 'degrade_mask']
