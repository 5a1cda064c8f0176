"""tools/dist_train.sh and tools/dist_test.sh hand their arguments to torch.distributed.run as mmdet's do.

The launch itself needs GPUs (MMEngine's ``pytorch`` launcher sets a CUDA device), so a stand-in
interpreter (``PYTHON``) records the command instead of running it.
"""
import os
import subprocess

from ..helpers import REPO


def recorded_command(tmp_path, script, *args, **env):
    fake = tmp_path / 'python'
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$RECORD"\n')
    fake.chmod(0o755)
    record = tmp_path / 'argv.txt'
    proc = subprocess.run(['bash', os.path.join('tools', script), *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHON=str(fake), RECORD=str(record), **env))
    assert proc.returncode == 0, proc.stderr
    return record.read_text().splitlines()


def test_dist_train_runs_train_py_with_the_pytorch_launcher(tmp_path):
    argv = recorded_command(tmp_path, 'dist_train.sh', 'configs/x.py', 4, '--work-dir', 'w', '--cfg-options',
                            'train_cfg.max_iters=10', PORT='29611')
    assert argv[:2] == ['-m', 'torch.distributed.run']
    assert '--nproc_per_node=4' in argv and '--master_port=29611' in argv and '--nnodes=1' in argv
    assert argv[argv.index('tools/train.py'):] == [
        'tools/train.py', 'configs/x.py', '--work-dir', 'w', '--cfg-options', 'train_cfg.max_iters=10',
        '--launcher', 'pytorch']


def test_dist_test_runs_test_py_with_the_pytorch_launcher(tmp_path):
    argv = recorded_command(tmp_path, 'dist_test.sh', 'configs/x.py', 'model.pth', 2, '--out', 'p.json',
                            NNODES='2', NODE_RANK='1', MASTER_ADDR='10.0.0.1')
    assert '--nproc_per_node=2' in argv and '--nnodes=2' in argv and '--node_rank=1' in argv
    assert '--master_addr=10.0.0.1' in argv and '--master_port=29500' in argv
    assert argv[argv.index('tools/test.py'):] == [
        'tools/test.py', 'configs/x.py', 'model.pth', '--out', 'p.json', '--launcher', 'pytorch']
