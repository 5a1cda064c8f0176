from .hooks import ValidateBeforeTrainHook

__all__ = ['ValidateBeforeTrainHook']
