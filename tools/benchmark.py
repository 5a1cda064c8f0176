"""Speed and memory of known-box inference on this machine (prints measured numbers).

    python tools/benchmark.py [--config C] [--checkpoint K] [--repeats 5]

Case 1: a 640x480 image with 5 boxes, median time per box over repeats, with
        and without the cascade's refiner, run in turns by one process (what
        refining adds is the median of the paired differences, so that the
        machine's load drifting during the run counts on both sides).
Case 2: a 4000x3000 image with 20 boxes (and with 100), peak resident memory of
        a fresh process that loads the image and the model and segments the boxes
        (the synthetic image is made beforehand, in this process).
"""
import argparse
import json
import os
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


def machine_line(threads: int, cpuinfo: str = '/proc/cpuinfo') -> str:
    """What the timings are measured on: CPU model, cores, torch and the threads each case runs with
    (speed differs between hosts of one machine kind)."""
    import torch
    try:
        with open(cpuinfo) as f:
            model = next((line.split(':', 1)[1].strip() for line in f if line.startswith('model name')), '?')
    except OSError:
        model = '?'
    return f'CPU: {model}, {os.cpu_count()} cores, torch {torch.__version__}, {threads} threads'


def time_runs(model, image: np.ndarray, boxes: np.ndarray, modes: list, repeats: int) -> dict:
    """Seconds per ``segment_boxes`` call in each mode (``'refined'``, ``'coarse'``: the cascade's refiner
    on or off), the modes taking turns in ABBA order; the first call of each is a warm-up."""
    from mmrefine.apis import segment_boxes
    times = {m: [] for m in modes}
    for r in range(-1, repeats):
        for m in (modes if r % 2 == 0 else modes[::-1]):
            if hasattr(model, 'enabled'):
                model.enabled = m == 'refined'
            t0 = time.perf_counter()
            segment_boxes(model, image, boxes)
            if r >= 0:
                times[m].append(time.perf_counter() - t0)
    return times


def run_case(args, w: int, h: int, n: int, repeats: int) -> dict:
    import torch
    from mmrefine.apis import init_segmenter
    torch.set_num_threads(args.threads)
    model = init_segmenter(args.config, args.checkpoint)
    image = np.load(args.image)
    assert image.shape[:2] == (h, w)
    # a cascade is timed with and without its refiner when asked; a detector has no refiner to switch
    modes = ['refined', 'coarse'] if args.paired and hasattr(model, 'enabled') else ['refined']
    times = time_runs(model, image, grid_boxes(w, h, n), modes, repeats)
    result = dict(image=f'{w}x{h}', boxes=n, peak_rss_mb=peak_rss_mb(),
                  median_s={m: float(np.median(t)) for m, t in times.items()})
    if len(modes) == 2:
        result['refine_median_s'] = float(np.median(np.subtract(times['refined'], times['coarse'])))
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--config')
    p.add_argument('--checkpoint')
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--paired', action='store_true', help=argparse.SUPPRESS)
    p.add_argument('--case', nargs=3, type=int, metavar=('W', 'H', 'N'), help=argparse.SUPPRESS)
    p.add_argument('--image', help=argparse.SUPPRESS)  # the case's image, a .npy file
    args = p.parse_args()
    if args.case:  # child process: one case, JSON on stdout
        print(json.dumps(run_case(args, *args.case, repeats=args.repeats)))
        return
    from mmrefine.testing import make_scene  # several GB for the large image: not in the measured process
    extra = sum([[f'--{k}', v] for k, v in (('config', args.config), ('checkpoint', args.checkpoint)) if v], [])
    print(machine_line(args.threads))
    with tempfile.TemporaryDirectory() as tmp:
        images = {}
        for w, h in ((640, 480), (4000, 3000)):
            images[w, h] = osp.join(tmp, f'{w}x{h}.npy')
            np.save(images[w, h], make_scene(0, (w, h), 3)[0])
        for w, h, n, reps, paired in ((640, 480, 5, args.repeats, True), (4000, 3000, 20, 1, False),
                                      (4000, 3000, 100, 1, False)):
            out = subprocess.run([sys.executable, __file__, '--case', str(w), str(h), str(n), '--image', images[w, h],
                                  '--repeats', str(reps), '--threads', str(args.threads),
                                  *(['--paired'] if paired else []), *extra],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            for mode, sec in r['median_s'].items():  # one process: one peak memory, shown once
                tail = f", peak RSS {r['peak_rss_mb']:.0f} MB" if mode == 'refined' else ''
                print(f"{r['image']:>10} {r['boxes']:>3} boxes{' (--no-refine)' if mode == 'coarse' else ''}: "
                      f"{sec:.3f} s per image, {1000 * sec / n:.0f} ms per box{tail}")
            if 'refine_median_s' in r:
                print(f"refinement adds {1000 * r['refine_median_s'] / n:.0f} ms per box ({r['image']}, {n} boxes; "
                      f"median of {reps} paired runs)")


if __name__ == '__main__':
    main()
