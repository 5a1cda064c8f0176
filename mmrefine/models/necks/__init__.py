from .lazy_fpn import LazyPyramid, extract_roi_features, lazy_fpn, supports_lazy

__all__ = ['LazyPyramid', 'extract_roi_features', 'lazy_fpn', 'supports_lazy']
