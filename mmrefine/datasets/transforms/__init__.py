from .keep_original_masks import KeepOriginalMasks

__all__ = ['KeepOriginalMasks']
