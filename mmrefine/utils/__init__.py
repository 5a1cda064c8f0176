from .checkpoint import (allow_mmengine_checkpoints, check_state_dict, join_cascade_state, load_state_dict_file,
                         read_state_dict, save_inference_checkpoint, split_cascade_state)
from .files import make_temp_file, read_json, write_atomic, write_json_atomic
from .inference_copy import cached_inference_copy
from .masks import clear_outside_box, mask_extent
from .values import is_finite_number, is_integer

__all__ = ['allow_mmengine_checkpoints', 'cached_inference_copy', 'check_state_dict', 'clear_outside_box',
           'is_finite_number', 'is_integer', 'join_cascade_state', 'load_state_dict_file', 'make_temp_file',
           'mask_extent', 'read_json', 'read_state_dict', 'save_inference_checkpoint', 'split_cascade_state',
           'write_atomic', 'write_json_atomic']
