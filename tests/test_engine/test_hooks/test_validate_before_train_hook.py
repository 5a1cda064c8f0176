"""ValidateBeforeTrainHook: the starting weights are scored once, before a fresh run's first iteration."""
from types import SimpleNamespace

from mmrefine.engine import ValidateBeforeTrainHook


def _runner(iteration: int, with_val: bool = True):
    calls = []
    loop = SimpleNamespace(run=lambda: calls.append(1) or {'mask/mIoU': 0.5}) if with_val else None
    return SimpleNamespace(iter=iteration, val_loop=loop), calls


def test_fresh_run_is_validated_once_and_the_scores_kept():
    hook = ValidateBeforeTrainHook()
    runner, calls = _runner(0)
    hook.before_train(runner)
    assert calls == [1] and hook.start_metrics == {'mask/mIoU': 0.5}


def test_resumed_run_or_no_val_loop_is_not_validated():
    hook = ValidateBeforeTrainHook()
    runner, calls = _runner(100)
    hook.before_train(runner)
    hook.before_train(_runner(0, with_val=False)[0])
    assert calls == [] and hook.start_metrics == {}
