from .hooks import KnownBoxVisualizationHook, ValidateBeforeTrainHook

__all__ = ['KnownBoxVisualizationHook', 'ValidateBeforeTrainHook']
