from .known_box_visualization_hook import KnownBoxVisualizationHook
from .validate_before_train_hook import ValidateBeforeTrainHook

__all__ = ['KnownBoxVisualizationHook', 'ValidateBeforeTrainHook']
