"""Speed and memory of known-box inference on this machine (prints measured numbers).

    python tools/benchmark.py [--config C] [--checkpoint K] [--repeats 5]

Case 1: a 640x480 image with 5 boxes, median time per box over repeats, with
        and without the cascade's refiner (the difference is what refining adds).
Case 2: a 4000x3000 image with 20 boxes (and with 100), peak resident memory of
        a fresh process that loads the image and the model and segments the boxes
        (the synthetic image is made beforehand, in this process).
"""
import argparse
import json
import os.path as osp
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))


def grid_boxes(w: int, h: int, n: int):
    cols = int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    bw, bh = w / cols, h / rows
    return np.array([[c * bw + 0.1 * bw, r * bh + 0.1 * bh, (c + 0.9) * bw, (r + 0.9) * bh]
                     for r in range(rows) for c in range(cols)][:n], np.float32)


def peak_rss_mb() -> float:
    """Peak resident memory of this process since it started (Linux ``VmHWM``: unlike ``ru_maxrss``, it
    does not carry over the parent's peak across fork and exec)."""
    try:
        with open('/proc/self/status') as f:
            return next(int(line.split()[1]) for line in f if line.startswith('VmHWM:')) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(args, w: int, h: int, n: int, repeats: int) -> dict:
    import torch
    from mmrefine.apis import init_segmenter, segment_boxes
    torch.set_num_threads(args.threads)
    model = init_segmenter(args.config, args.checkpoint, refine=not args.no_refine)
    image = np.load(args.image)
    assert image.shape[:2] == (h, w)
    boxes = grid_boxes(w, h, n)
    segment_boxes(model, image, boxes)  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        segment_boxes(model, image, boxes)
        times.append(time.perf_counter() - t0)
    times.sort()
    peak_mb = peak_rss_mb()
    return dict(image=f'{w}x{h}', boxes=n, median_s=times[len(times) // 2], ms_per_box=1000 * times[len(times) // 2] / n,
                peak_rss_mb=peak_mb)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--config')
    p.add_argument('--checkpoint')
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--no-refine', action='store_true', help=argparse.SUPPRESS)
    p.add_argument('--case', nargs=3, type=int, metavar=('W', 'H', 'N'), help=argparse.SUPPRESS)
    p.add_argument('--image', help=argparse.SUPPRESS)  # the case's image, a .npy file
    args = p.parse_args()
    if args.case:  # child process: one case, JSON on stdout
        print(json.dumps(run_case(args, *args.case, repeats=args.repeats)))
        return
    from mmrefine.testing import make_scene  # several GB for the large image: not in the measured process
    extra = sum([[f'--{k}', v] for k, v in (('config', args.config), ('checkpoint', args.checkpoint)) if v], [])
    per_box = {}
    with tempfile.TemporaryDirectory() as tmp:
        images = {}
        for w, h in ((640, 480), (4000, 3000)):
            images[w, h] = osp.join(tmp, f'{w}x{h}.npy')
            np.save(images[w, h], make_scene(0, (w, h), 3)[0])
        for w, h, n, reps, refine in ((640, 480, 5, args.repeats, True), (640, 480, 5, args.repeats, False),
                                      (4000, 3000, 20, 1, True), (4000, 3000, 100, 1, True)):
            flags = [] if refine else ['--no-refine']
            out = subprocess.run([sys.executable, __file__, '--case', str(w), str(h), str(n), '--image', images[w, h],
                                  '--repeats', str(reps), '--threads', str(args.threads), *flags, *extra],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            per_box.setdefault(r['image'], {})[refine] = r['ms_per_box']
            print(f"{r['image']:>10} {r['boxes']:>3} boxes{'' if refine else ' (--no-refine)'}: "
                  f"{r['median_s']:.3f} s per image, {r['ms_per_box']:.0f} ms per box, "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB")
    small = per_box['640x480']
    print(f'refinement adds {small[True] - small[False]:.0f} ms per box (640x480, 5 boxes)')

if __name__ == '__main__':
    main()
