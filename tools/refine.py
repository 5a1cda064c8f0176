"""Refine the masks of any model with mmrefine's cascade.

    python tools/refine.py --coco GT.json --images DIR --masks IN.json --out OUT.json
                           [--config C] [--checkpoint K] [--iterations N] [--cfg-options K=V ...]
                           [--mode auto|refine|fuse] [--fuse] [--grabcut N] [--probs DIR]

IN.json is a COCO results list whose entries carry the ``id`` of the GT.json
annotation they answer; its box (``bbox``) is the object's known box. OUT.json
has the same entries, in the same order, with refined ``segmentation`` (RLE,
utf-8 counts). Input masks are binary (COCO RLE or polygons); with ``--probs
DIR`` each entry's probability map ``DIR/<id>.png`` (one channel, 8-bit 0..255
or 16-bit 0..65535 for 0..1, the image's size) is refined instead of its
segmentation, and the 0.5 level of the map counts as its mask. Bad input gives
a one-line error, exit code 2 and no output file.

Modes (per mask):

- ``refine``: the boundary patch refiner works along the input mask's boundary.
  An empty mask has no boundary and stays empty.
- ``fuse`` (also ``--fuse``): the cascade segments the same box too; its answer
  stands where it is confident (probability below 0.2 or at least 0.8), the
  input mask's elsewhere (``fuse_masks``); the refiner then works along that
  mask's boundary.
- ``auto`` (default): ``refine`` for a mask that spans its known box (each side
  within 2 % of the box side or 2 px, ``box_consistent``), ``fuse`` for one that
  stops short of a side or runs past it, or is empty: such a mask is wrong
  somewhere, and a second opinion helps it (README and docs/dev_log.md, "Other models' masks").

The cascade's last step, GrabCut on the pixels still unsure, follows the
cascade's config (``refine_cfg.grabcut``) for fused masks, which are mostly the
cascade's own, and is off for refined ones (GrabCut lowers near-perfect
inputs; README); ``--grabcut N`` sets it for all.
"""
import argparse
import dataclasses
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))  # run from a checkout without install

MODES = ('auto', 'refine', 'fuse')


def parse_args(argv=None) -> argparse.Namespace:
    from mmengine.config import DictAction
    p = argparse.ArgumentParser(description='Refine the masks of a COCO results list')
    p.add_argument('--coco', required=True, help='COCO annotations: images and the known boxes')
    p.add_argument('--images', required=True, help='folder of the images named in --coco')
    p.add_argument('--masks', required=True, help='COCO results list of coarse masks ("id" = annotation id)')
    p.add_argument('--out', required=True, help='COCO results JSON to write')
    p.add_argument('--config', help='cascade config (default: the shipped model)')
    p.add_argument('--checkpoint', help='cascade weights (default: the shipped model)')
    p.add_argument('--iterations', type=int, help='refinement passes (default: from the config)')
    p.add_argument('--cfg-options', nargs='+', action=DictAction, metavar='KEY=VALUE',
                   help='override config settings, e.g. model.refine_cfg.window=96')
    p.add_argument('--mode', choices=MODES, default='auto',
                   help='refine the input masks, fuse them with the cascade\'s own, or (auto, default) fuse only '
                        'those that do not span their known box')
    p.add_argument('--fuse', action='store_true', help='the same as --mode fuse')
    p.add_argument('--grabcut', type=int, metavar='N',
                   help='GrabCut iterations on the pixels still unsure after refining, for every mask (default: '
                        'the config\'s for fused masks, off for refined ones)')
    p.add_argument('--probs', metavar='DIR',
                   help='folder of probability maps, DIR/<id>.png for every entry (8- or 16-bit grayscale), '
                        'refined instead of the entries\' binary masks')
    p.add_argument('--device', default='cpu')
    args = p.parse_args(argv)
    if args.fuse:
        args.mode = 'fuse'
    if args.iterations is not None and args.iterations < 1:
        p.error('--iterations must be at least 1')
    if args.grabcut is not None and args.grabcut < 0:
        p.error('--grabcut must be 0 or more')
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    import numpy as np
    from mmengine.utils import ProgressBar

    from mmrefine.apis import check_output_file, clip_boxes, init_segmenter, read_image, segment_boxes
    from mmrefine.apis.refine_results import (box_consistent, check_results, fuse_masks, group_by_image,
                                              read_probability)
    from mmrefine.datasets import load_coco_json
    from mmrefine.datasets.transforms import decode_segmentation
    from mmrefine.errors import InputError
    from mmrefine.evaluation import encode_rle
    from mmrefine.models.refiners import refine_mask
    from mmrefine.utils import read_json, write_json_atomic

    coco = load_coco_json(args.coco)
    entries = read_json(args.masks)
    by_id = check_results(args.masks, entries, coco, args.coco)
    images = {img['id']: img for img in coco['images']}
    groups = group_by_image(by_id, coco)
    if args.probs:  # every map is checked before minutes of work start
        if not osp.isdir(args.probs):
            raise InputError(f'{args.probs}: no such folder (--probs)')
        for image_id, anns in groups.items():
            img = images[image_id]
            for ann in anns:
                read_probability(osp.join(args.probs, f'{ann["id"]}.png'), img['height'], img['width'])
    check_output_file(args.out)
    model = init_segmenter(args.config, args.checkpoint, device=args.device, cfg_options=args.cfg_options)
    if not hasattr(model, 'refiner'):
        raise InputError(f'{args.config}: not a cascade config (no refiner)')
    if args.iterations:
        model.settings.iterations = args.iterations
    # other models' masks (binary, or maps from --probs) are refined as they come, and the cascade's own
    # probabilities for fusing are those these settings were measured with (docs/dev_log.md, "Binary or soft")
    model.settings.binary_input = False
    grabcut = model.settings.grabcut if args.grabcut is None else args.grabcut
    settings = dict(refined=dataclasses.replace(model.settings, grabcut=args.grabcut or 0),
                    fused=dataclasses.replace(model.settings, grabcut=grabcut))
    # the cascade's own masks (for fusing) come without GrabCut: the input mask decides where it is unsure
    model.settings.grabcut = 0
    refined, counts = {}, dict(refined=0, fused=0, empty=0)
    bar = ProgressBar(len(groups), file=sys.stderr)
    try:
        for image_id, anns in groups.items():
            img = images[image_id]
            image = read_image(osp.join(args.images, img['file_name']))
            h, w = image.shape[:2]
            if (h, w) != (img['height'], img['width']):
                raise InputError(f'{args.images}/{img["file_name"]}: image is {h}x{w} but {args.coco} says '
                                 f'{img["height"]}x{img["width"]}')
            xyxy = [[a['bbox'][0], a['bbox'][1], a['bbox'][0] + a['bbox'][2], a['bbox'][1] + a['bbox'][3]]
                    for a in anns]
            boxes = clip_boxes(xyxy, w, h, [f'{args.coco}: annotation id {a["id"]} bbox' for a in anns])
            masks = []
            for ann in anns:
                if args.probs:
                    masks.append(read_probability(osp.join(args.probs, f'{ann["id"]}.png'), h, w))
                    continue
                try:
                    masks.append(decode_segmentation(by_id[ann['id']]['segmentation'], h, w))
                except Exception as err:  # pycocotools reports malformed RLE in many ways
                    raise InputError(f'{args.masks}: id {ann["id"]}: cannot decode segmentation ({err})') from None
            fuse = [args.mode == 'fuse' or (args.mode == 'auto' and not box_consistent(m >= 0.5, b))
                    for m, b in zip(masks, boxes)]
            own = segment_boxes(model, image, boxes[np.array(fuse)], return_probs=True) if any(fuse) else []
            own = iter(own)
            for ann, box, mask, fused in zip(anns, boxes, masks, fuse):
                if fused:
                    mask = fuse_masks(mask, next(own).astype('float32') / 255)
                if (mask >= 0.5).any():
                    how = 'fused' if fused else 'refined'
                    mask = refine_mask(model.refiner, image, mask.astype('float32'), box, settings[how]) >= 0.5
                    counts[how] += 1
                else:
                    mask = mask >= 0.5
                    counts['empty'] += 1
                refined[ann['id']] = (encode_rle(mask), int(mask.sum()))  # kept small: RLE
            bar.update()
    finally:
        sys.stderr.write('\n')
    out = []
    for e in entries:
        rle, area = refined[e['id']]
        entry = dict(e, segmentation=rle)
        if 'area' in e:
            entry['area'] = area
        out.append(entry)
    write_json_atomic(out, args.out)
    note = f', {counts["empty"]} empty (left empty)' if counts['empty'] else ''
    print(f'{len(out)} masks: {counts["refined"]} refined, {counts["fused"]} fused with the cascade and refined'
          f'{note} -> {args.out}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
