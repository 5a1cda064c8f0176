"""Segment objects from known boxes.

COCO mode (one mask per annotation of GT.json, from its ``bbox``):
    python tools/predict.py --coco GT.json --images DIR --out PRED.json [--config C] [--checkpoint K] [--no-refine]
Single image (mask PNGs + overlay):
    python tools/predict.py IMAGE --box X0 Y0 X1 Y1 [--box ...] --out-dir D [--no-refine]
Either form takes ``--cfg-options KEY=VALUE ...`` to override the config, as
``tools/test.py`` does (e.g. ``model.refine_cfg.iterations=2``).

Without --config/--checkpoint the shipped default model is used: the known-box
Mask R-CNN cascaded with the boundary refiner; ``--no-refine`` returns the
coarse masks. Bad input gives a one-line error and exit code 2, and no output
files.
"""
import argparse
import os
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.dirname(osp.abspath(__file__))))


def parse_args(argv=None) -> argparse.Namespace:
    from mmengine.config import DictAction
    parser = argparse.ArgumentParser(description='Segment objects from known boxes')
    parser.add_argument('image', nargs='?', help='single image to segment (with --box and --out-dir)')
    parser.add_argument('--box', nargs=4, type=float, action='append', metavar=('X0', 'Y0', 'X1', 'Y1'),
                        help='a box in pixels; repeat for several objects')
    parser.add_argument('--out-dir', help='folder for mask_NNN.png and overlay.png (single image)')
    parser.add_argument('--coco', help='COCO annotations whose bbox fields are the boxes')
    parser.add_argument('--images', help='folder of the images named in --coco')
    parser.add_argument('--out', help='COCO results JSON to write (COCO mode)')
    parser.add_argument('--config', help='model config (default: the shipped model)')
    parser.add_argument('--checkpoint', help='model weights (default: the shipped model)')
    parser.add_argument('--no-refine', action='store_true',
                        help="coarse masks only: skip the cascade's boundary refiner")
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, metavar='KEY=VALUE',
                        help='override config settings, e.g. model.refine_cfg.iterations=2')
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args(argv)
    coco_mode = args.coco is not None
    if coco_mode and (args.images is None or args.out is None):
        parser.error('--coco needs --images and --out')
    if not coco_mode and (args.image is None or not args.box or args.out_dir is None):
        parser.error('give IMAGE --box X0 Y0 X1 Y1 --out-dir D, or --coco GT.json --images DIR --out PRED.json')
    return args


def build_model(args):
    """The model of ``--config`` (default: the shipped one) with ``--cfg-options`` applied."""
    from mmrefine.apis import init_segmenter

    return init_segmenter(args.config, args.checkpoint, device=args.device, refine=not args.no_refine,
                          cfg_options=args.cfg_options)


def predict_coco(args) -> int:
    from mmengine.utils import ProgressBar

    from mmrefine.apis import check_output_file
    from mmrefine.datasets import anns_by_image, load_coco_json
    from mmrefine.errors import InputError
    from mmrefine.utils import write_json_atomic

    coco = load_coco_json(args.coco)
    check_output_file(args.out)
    anns_of = anns_by_image(coco['annotations'])
    known = {img['id'] for img in coco['images']}
    for image_id in anns_of:
        if image_id not in known:
            raise InputError(f'{args.coco}: annotation id {anns_of[image_id][0]["id"]} '
                             f'refers to unknown image_id {image_id}')
    model = build_model(args)
    results = []
    bar = ProgressBar(len(coco['images']), file=sys.stderr)
    try:
        for img in coco['images']:
            segment_image_anns(args, model, img, anns_of.get(img['id'], []), results)
            bar.update()
    finally:
        sys.stderr.write('\n')  # end the progress bar's line, also before an error
    write_json_atomic(results, args.out)
    print(f'{len(results)} masks written to {args.out}', file=sys.stderr)
    return 0


def segment_image_anns(args, model, img: dict, anns: list, results: list) -> None:
    """Append one COCO result per annotation of one image to ``results``."""
    from mmrefine.apis import clip_boxes, read_image, segment_boxes
    from mmrefine.evaluation import encode_rle

    if not anns:
        return
    path = osp.join(args.images, img['file_name'])
    image = read_image(path)
    h, w = image.shape[:2]
    xyxy = [[a['bbox'][0], a['bbox'][1], a['bbox'][0] + a['bbox'][2], a['bbox'][1] + a['bbox'][3]] for a in anns]
    boxes = clip_boxes(xyxy, w, h, [f'{args.coco}: annotation id {a["id"]} bbox' for a in anns])
    masks = segment_boxes(model, image, boxes)
    for ann, box, mask in zip(anns, boxes, masks):
        x0, y0, x1, y1 = (float(v) for v in box)
        results.append(dict(id=ann['id'], image_id=img['id'], category_id=ann.get('category_id', 1),
                            bbox=[x0, y0, x1 - x0, y1 - y0], score=1.0, segmentation=encode_rle(mask)))


def overlay(image, masks, boxes):
    """BGR image with coloured masks and box outlines."""
    import cv2
    import numpy as np
    out = image.astype(np.float32)
    rng = np.random.default_rng(0)
    for mask, box in zip(masks, boxes):
        colour = rng.integers(60, 256, size=3).astype(np.float32)
        out[mask] = out[mask] * 0.45 + colour * 0.55
        out = np.ascontiguousarray(out)
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        cv2.rectangle(out, (x0, y0), (x1 - 1, y1 - 1), colour.tolist(), 2)
    return out.clip(0, 255).astype(np.uint8)


def predict_image(args) -> int:
    import cv2

    from mmrefine.apis import check_writable_dir, clip_boxes, read_image, segment_boxes
    from mmrefine.errors import InputError
    from mmrefine.utils import make_temp_file

    # check the input before the (slower) model is built
    image = read_image(args.image)
    h, w = image.shape[:2]
    boxes = clip_boxes(args.box, w, h, [f'box {i + 1}' for i in range(len(args.box))])
    check_writable_dir(args.out_dir)
    names = [f'mask_{i:03d}.png' for i in range(len(boxes))] + ['overlay.png']
    for name in names:  # found only when renaming, after other files are in place
        if osp.isdir(osp.join(args.out_dir, name)):
            raise InputError(f'{osp.join(args.out_dir, name)}: is a directory; cannot write {name} there')
    model = build_model(args)
    masks = segment_boxes(model, image, boxes)
    # write everything to temporaries first, then rename: no partial output on failure
    staged = []
    try:
        for i, name in enumerate(names):
            # one image at a time: N full-size copies of the masks at once would double the memory
            arr = masks[i].astype('uint8') * 255 if i < len(masks) else overlay(image, masks, boxes)
            tmp = make_temp_file(args.out_dir, '.png')
            staged.append((tmp, osp.join(args.out_dir, name)))
            if not cv2.imwrite(tmp, arr):
                raise OSError(f'cannot write {name}')
        for tmp, final in staged:
            os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            if osp.exists(tmp):
                os.unlink(tmp)
    for i, (box, mask) in enumerate(zip(boxes, masks)):
        print(f'box {i + 1} {[round(float(v), 1) for v in box]}: {int(mask.sum())} px -> mask_{i:03d}.png')
    print(f'overlay -> {osp.join(args.out_dir, "overlay.png")}')
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    return predict_coco(args) if args.coco else predict_image(args)


if __name__ == '__main__':
    from mmrefine.utils.runner_cli import run_tool
    sys.exit(run_tool(main))
