from .grabcut import grabcut_band, grabcut_box, seeded_grabcut
from .inference import fold_batch_norms, inference_refiner
from .refine import RefineSettings, refine_crop, refine_mask, refine_windows
from .windows import (blend_windows, boundary_band, crop_region, crop_scale, crop_windows, refiner_window_input,
                      scaled_crop, window_centres, window_weight)

__all__ = ['RefineSettings', 'refine_crop', 'refine_mask', 'refine_windows', 'grabcut_band', 'grabcut_box',
           'seeded_grabcut', 'inference_refiner', 'fold_batch_norms', 'blend_windows', 'boundary_band',
           'crop_region', 'crop_scale', 'crop_windows', 'refiner_window_input', 'scaled_crop', 'window_centres',
           'window_weight']
