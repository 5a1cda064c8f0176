from .validate_before_train_hook import ValidateBeforeTrainHook

__all__ = ['ValidateBeforeTrainHook']
