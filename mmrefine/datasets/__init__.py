from .known_box_coco import KnownBoxCocoDataset, load_coco_json
from .openimages import OpenImagesMotorcycleDataset
from .transforms import KeepOriginalMasks

__all__ = ['KnownBoxCocoDataset', 'OpenImagesMotorcycleDataset', 'KeepOriginalMasks', 'load_coco_json']
