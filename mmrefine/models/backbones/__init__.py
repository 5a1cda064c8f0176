from .efficientnet_lite import EfficientNetLite
from .lite_unet import EfficientNetLiteUNet

__all__ = ['EfficientNetLite', 'EfficientNetLiteUNet']
