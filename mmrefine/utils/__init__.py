from .checkpoint import allow_mmengine_checkpoints, read_state_dict, save_inference_checkpoint

__all__ = ['allow_mmengine_checkpoints', 'read_state_dict', 'save_inference_checkpoint']
