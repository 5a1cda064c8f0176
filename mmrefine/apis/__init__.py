from .image_io import check_output_file, check_writable_dir, clip_boxes, read_image
from .inference import (DEFAULT_CHECKPOINT, DEFAULT_CONFIG, DETECTOR_CHECKPOINT, DETECTOR_CONFIG, init_segmenter,
                        load_config, segment_boxes)

__all__ = ['DEFAULT_CHECKPOINT', 'DEFAULT_CONFIG', 'DETECTOR_CHECKPOINT', 'DETECTOR_CONFIG', 'check_output_file',
           'check_writable_dir', 'clip_boxes', 'init_segmenter', 'load_config', 'read_image', 'segment_boxes']
