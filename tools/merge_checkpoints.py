"""Join a known-box detector checkpoint and a patch refiner checkpoint into one cascade checkpoint.

    python tools/merge_checkpoints.py DETECTOR.pth REFINER.pth CASCADE.pth

The result holds the weights only (``detector.*`` and ``refiner.*``), loads with
``torch.load(weights_only=True)`` and fits ``RefinedKnownBoxDetector`` configs.
"""
import argparse
import os.path as osp
import sys

import torch

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))
import mmrefine  # noqa: E402,F401  (safe loading of MMEngine checkpoints)
from mmrefine.utils import join_cascade_state, save_inference_checkpoint  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('detector')
    p.add_argument('refiner')
    p.add_argument('out')
    args = p.parse_args()
    det = torch.load(args.detector, map_location='cpu', weights_only=True)
    ref = torch.load(args.refiner, map_location='cpu', weights_only=True)
    state = join_cascade_state(det['state_dict'], ref['state_dict'])
    meta = dict(ref.get('meta', {}))
    save_inference_checkpoint(dict(state_dict=state, meta=meta), args.out,
                              detector=osp.basename(args.detector), refiner=osp.basename(args.refiner),
                              refiner_iter=int(meta.get('iter', -1)), detector_iter=int(det.get('meta', {}).get('iter', -1)))
    print(f'{args.out}: {sum(v.numel() for v in state.values()) / 1e6:.2f} M values, '
          f'{osp.getsize(args.out) / 2**20:.1f} MiB')


if __name__ == '__main__':
    main()
