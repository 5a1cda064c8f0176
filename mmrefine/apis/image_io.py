"""Reading user images and boxes, with one-line errors for bad input."""
import os
import tempfile
from typing import Sequence

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import InputError

#: what PIL's decoders raise on a bad file (they fail in many ways)
DECODE_ERRORS = (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError, EOFError,
                 IndexError, TypeError, KeyError, MemoryError)


def read_image(path: str) -> np.ndarray:
    """Load an image as ``(H, W, 3)`` uint8 BGR, upright.

    EXIF orientation is applied; grayscale, palette, RGBA (alpha dropped),
    CMYK and 16-bit images are converted. ``InputError`` if unreadable.
    """
    try:
        with Image.open(path) as im:
            im.load()
            im = ImageOps.exif_transpose(im)
            if im.mode in ('I;16', 'I;16B', 'I;16L', 'I', 'F'):
                arr = np.asarray(im, dtype=np.float64)
                top = 65535.0 if im.mode.startswith('I;16') or arr.max() > 255 else 255.0
                gray = np.clip(arr / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
                rgb = np.repeat(gray[..., None], 3, axis=2)
            else:
                rgb = np.asarray(im.convert('RGB'))
    except FileNotFoundError:
        raise InputError(f'{path}: no such file') from None
    except IsADirectoryError:
        raise InputError(f'{path}: is a directory, not an image') from None
    except DECODE_ERRORS as err:
        reason = str(err).split('\n')[0] or type(err).__name__
        raise InputError(f'{path}: cannot read image ({reason})') from None
    if rgb.ndim != 3 or rgb.shape[0] == 0 or rgb.shape[1] == 0:
        raise InputError(f'{path}: image is empty')
    return np.ascontiguousarray(rgb[..., ::-1])


def clip_boxes(boxes: Sequence[Sequence[float]], width: int, height: int, names: Sequence[str]) -> np.ndarray:
    """Clip xyxy boxes to the image; ``InputError`` naming any box with no area or outside the image.

    A box that overlaps the image by less than a pixel on a side (a sub-pixel
    annotation) is widened there to one pixel around its centre, inside the image.

    Args:
        boxes: ``N`` boxes ``(x0, y0, x1, y1)`` in pixels.
        width, height: image size.
        names: how to call each box in an error, e.g. ``'box 2'``.

    Returns:
        ``(N, 4)`` float32 array of clipped boxes.
    """
    arr = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    for name, box in zip(names, arr):
        if not np.all(np.isfinite(box)):
            raise InputError(f'{name}: coordinates must be finite numbers, got {box.tolist()}')
        if box[2] <= box[0] or box[3] <= box[1]:
            raise InputError(f'{name} {box.tolist()}: zero or negative area (need x1 > x0 and y1 > y0)')
        if box[2] <= 0 or box[3] <= 0 or box[0] >= width or box[1] >= height:
            raise InputError(f'{name} {box.tolist()}: lies outside the {width}x{height} image')
    clipped = arr.copy()
    for lo, size in ((0, width), (1, height)):
        start, end = clipped[:, lo].clip(0, size), clipped[:, lo + 2].clip(0, size)
        thin = end - start < 1  # a sub-pixel overlap: one pixel around its centre, inside the image
        centre = ((start + end) / 2).clip(0.5, size - 0.5)
        clipped[:, lo] = np.where(thin, centre - 0.5, start)
        clipped[:, lo + 2] = np.where(thin, centre + 0.5, end)
    return clipped.astype(np.float32)


def check_writable_dir(folder: str) -> None:
    """Create ``folder`` if needed; ``InputError`` if it cannot hold new files."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as err:
        raise InputError(f'{folder}: cannot create output folder ({err.strerror})') from None
    try:  # os.access is no help for root; really try
        fd, probe = tempfile.mkstemp(dir=folder, prefix='.probe-')
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise InputError(f'{folder}: output folder is not writable ({err.strerror})') from None


def check_output_file(path: str) -> None:
    """Before any work, for a tool's ``--out`` file: ``InputError`` if ``path`` is a folder or its folder
    (created if needed) cannot hold new files."""
    if os.path.isdir(path):
        raise InputError(f'{path}: is a directory; --out needs a file name')
    check_writable_dir(os.path.dirname(os.path.abspath(path)))
