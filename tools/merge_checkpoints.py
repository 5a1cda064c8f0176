"""Join a known-box detector checkpoint and a patch refiner checkpoint into one cascade checkpoint.

    python tools/merge_checkpoints.py DETECTOR.pth REFINER.pth CASCADE.pth

Either input may itself be a cascade checkpoint: its ``detector.*`` (or ``refiner.*``) part is taken,
so ``DETECTOR.pth mmrefine/checkpoints/<cascade>.pth`` puts a new detector in front of the shipped
refiner. The result holds the weights only (``detector.*`` and ``refiner.*``), loads with
``torch.load(weights_only=True)`` and fits ``RefinedKnownBoxDetector`` configs.
"""
import argparse
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))


def main(argv=None) -> None:
    import mmrefine  # noqa: F401  (safe loading of MMEngine checkpoints)
    from mmrefine.errors import InputError
    from mmrefine.utils import join_cascade_state, save_inference_checkpoint
    from mmrefine.utils.checkpoint import load_checkpoint_file, split_cascade_state

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('detector', help='detector (or cascade) checkpoint')
    p.add_argument('refiner', help='refiner (or cascade) checkpoint')
    p.add_argument('out')
    args = p.parse_args(argv)
    det_state, det_meta = load_checkpoint_file(args.detector)
    ref_state, meta = load_checkpoint_file(args.refiner)
    det, _ = split_cascade_state(det_state)
    det_part, ref = split_cascade_state(ref_state)
    if ref is None:
        ref = det_part  # a plain refiner checkpoint
    if not ref:
        raise InputError(f'{args.refiner}: a cascade checkpoint without refiner weights')
    if any(k.startswith('refiner.') for k in det):
        raise InputError(f'{args.detector}: holds refiner weights, not a detector')
    state = join_cascade_state(det, ref)
    save_inference_checkpoint(dict(state_dict=state, meta=meta), args.out,
                              detector=osp.basename(args.detector), refiner=osp.basename(args.refiner),
                              refiner_iter=int(meta.get('iter', -1)), detector_iter=int(det_meta.get('iter', -1)))
    print(f'{args.out}: {sum(v.numel() for v in state.values()) / 1e6:.2f} M values, '
          f'{osp.getsize(args.out) / 2**20:.1f} MiB')


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
