"""Strip a training checkpoint to what known-box inference uses.

    python tools/slim_checkpoint.py work_dirs/.../iter_1500.pth mmrefine/checkpoints/NAME.pth

Keeps the model weights and a small plain ``meta`` (iteration, seed, config
name); drops the optimizer, scheduler and message hub. The result loads with
``torch.load(weights_only=True)``.
"""
import argparse
import os.path as osp
import sys

import torch

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
import mmrefine  # noqa: E402,F401  (safe loading of MMEngine checkpoints)
from mmrefine.utils import save_inference_checkpoint  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('src')
    p.add_argument('dst')
    args = p.parse_args()
    ckpt = torch.load(args.src, map_location='cpu', weights_only=True)
    save_inference_checkpoint(ckpt, args.dst)
    slim = torch.load(args.dst, map_location='cpu', weights_only=True)
    n = sum(v.numel() for v in slim['state_dict'].values())
    print(f'{args.dst}: {n / 1e6:.2f} M values, {osp.getsize(args.dst) / 2**20:.1f} MiB')


if __name__ == '__main__':
    main()
