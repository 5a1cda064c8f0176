import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from mmrefine.apis import check_writable_dir, clip_boxes, read_image
from mmrefine.errors import InputError


def _rgb(h=20, w=30):
    img = np.zeros((h, w, 3), np.uint8)
    img[..., 0] = 200  # red in RGB
    return img


def test_reads_rgb_as_bgr(tmp_path):
    Image.fromarray(_rgb()).save(tmp_path / 'a.png')
    img = read_image(str(tmp_path / 'a.png'))
    assert img.shape == (20, 30, 3) and img.dtype == np.uint8
    assert img[0, 0].tolist() == [0, 0, 200]


@pytest.mark.parametrize('mode', ['L', 'RGBA', 'P', 'LA', 'CMYK'])
def test_converts_other_modes(tmp_path, mode):
    path = tmp_path / ('a.tif' if mode == 'CMYK' else 'a.png')
    Image.fromarray(_rgb()).convert(mode).save(path)
    img = read_image(str(path))
    assert img.shape == (20, 30, 3) and img.dtype == np.uint8


def test_sixteen_bit_is_scaled(tmp_path):
    arr = np.full((10, 12), 65535, np.uint16)
    arr[0, 0] = 0
    Image.fromarray(arr).save(tmp_path / 'a.png')
    img = read_image(str(tmp_path / 'a.png'))
    assert img.shape == (10, 12, 3)
    assert img[5, 5].tolist() == [255, 255, 255] and img[0, 0].tolist() == [0, 0, 0]


def test_exif_rotation_is_applied(tmp_path):
    im = Image.fromarray(_rgb(20, 30))
    exif = im.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    im.save(tmp_path / 'a.jpg', exif=exif)
    assert read_image(str(tmp_path / 'a.jpg')).shape == (30, 20, 3)


def test_corrupt_and_missing_files(tmp_path):
    (tmp_path / 'bad.jpg').write_bytes(b'not an image at all')
    with pytest.raises(InputError, match='bad.jpg: cannot read image'):
        read_image(str(tmp_path / 'bad.jpg'))
    with pytest.raises(InputError, match='no such file'):
        read_image(str(tmp_path / 'none.jpg'))
    Image.fromarray(_rgb(200, 200)).save(tmp_path / 'full.jpg')
    data = (tmp_path / 'full.jpg').read_bytes()
    (tmp_path / 'cut.jpg').write_bytes(data[:len(data) // 2])
    with pytest.raises(InputError, match='cut.jpg: cannot read image'):
        read_image(str(tmp_path / 'cut.jpg'))


def test_boxes_are_clipped():
    out = clip_boxes([[-10, -5, 50, 40]], 30, 20, ['box 1'])
    assert out.tolist() == [[0, 0, 30, 20]]


def test_sub_pixel_boxes_are_widened_to_one_pixel_inside_the_image():
    out = clip_boxes([[10, 4, 10.5, 12], [-3, 2, 0.25, 6], [29.8, 19.6, 31, 25]], 30, 20, ['a', 'b', 'c'])
    assert out.tolist() == [[9.75, 4, 10.75, 12], [0, 2, 1, 6], [29, 19, 30, 20]]


@pytest.mark.parametrize('box,msg', [([5, 5, 5, 10], 'zero or negative area'),
                                     ([10, 5, 2, 8], 'zero or negative area'),
                                     ([40, 40, 50, 50], 'lies outside'),
                                     ([-9, 2, 0, 6], 'lies outside'),  # touches the image, no overlap
                                     ([0, 0, float('nan'), 5], 'finite')])
def test_bad_boxes_are_named(box, msg):
    with pytest.raises(InputError, match=f'box 2.*{msg}'):
        clip_boxes([[0, 0, 5, 5], box], 30, 20, ['box 1', 'box 2'])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), min_size=4, max_size=4))
def test_fuzzed_boxes_clip_or_fail_cleanly(box):
    try:
        out = clip_boxes([box], 64, 48, ['box 1'])
    except InputError as err:
        assert str(err).startswith('box 1')
        return
    x0, y0, x1, y1 = out[0]
    assert 0 <= x0 < x1 <= 64 and 0 <= y0 < y1 <= 48


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=0, max_size=300))
def test_fuzzed_bytes_never_crash(tmp_path_factory, data):
    path = tmp_path_factory.mktemp('fuzz') / 'x.jpg'
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_image(str(path))


def test_unwritable_output_folder(tmp_path):
    (tmp_path / 'file').write_text('x')
    with pytest.raises(InputError, match='cannot create output folder'):
        check_writable_dir(str(tmp_path / 'file' / 'sub'))


def test_output_file_checks(tmp_path):
    from mmrefine.apis import check_output_file
    check_output_file(str(tmp_path / 'new' / 'out.json'))  # its folder is made
    assert (tmp_path / 'new').is_dir() and not (tmp_path / 'new' / 'out.json').exists()
    with pytest.raises(InputError, match='is a directory; --out needs a file name'):
        check_output_file(str(tmp_path / 'new'))
