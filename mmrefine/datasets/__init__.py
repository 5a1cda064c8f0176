from .boundary_patch_dataset import BoundaryPatchDataset
from .known_box_coco import (KnownBoxCocoDataset, anns_by_image, held_out_part, is_val_image, load_coco_json,
                             val_set_config)
from .openimages import OpenImagesMotorcycleDataset
from .transforms import (KeepOriginalImage, KeepOriginalMasks, LoadInstanceCrop, SampleBoundaryWindow,
                         SimulateCoarseMask)

__all__ = ['BoundaryPatchDataset', 'KnownBoxCocoDataset', 'OpenImagesMotorcycleDataset', 'KeepOriginalImage',
           'KeepOriginalMasks', 'LoadInstanceCrop', 'SampleBoundaryWindow', 'SimulateCoarseMask', 'anns_by_image',
           'held_out_part', 'is_val_image', 'load_coco_json', 'val_set_config']
