"""Score the starting weights before the first training iteration."""
from mmengine.hooks import Hook

from mmdet.registry import HOOKS


@HOOKS.register_module()
class ValidateBeforeTrainHook(Hook):
    """Run the validation loop once before training starts.

    With ``CheckpointHook(save_best=...)`` the starting weights (``load_from``)
    then compete for "best" too, so fine-tuning on tiny data can never return
    a model that scores worse on the held-out images than the one it started
    from. Its priority is below ``CheckpointHook`` so that hook is ready first.
    """

    priority = 'LOWEST'

    def __init__(self) -> None:
        self.start_metrics: dict = {}  # what the starting weights scored

    def before_train(self, runner) -> None:
        if runner.val_loop is not None and runner.iter == 0:
            self.start_metrics = dict(runner.val_loop.run())
