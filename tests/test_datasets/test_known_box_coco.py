import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmrefine.datasets import KnownBoxCocoDataset, load_coco_json
from mmrefine.errors import InputError


def test_loads_every_box_class_agnostic(synthetic_coco):
    ds = KnownBoxCocoDataset(data_root=synthetic_coco, ann_file='annotations.json',
                             data_prefix=dict(img='images/'), pipeline=[], set_name='syn')
    assert len(ds) == 4
    info = ds.get_data_info(0)
    assert info['ann_ids'] == [1, 2] and info['set_name'] == 'syn'
    assert all(i['bbox_label'] == 0 for i in info['instances'])


def test_split_by_id_and_field(synthetic_coco, tmp_path):
    kw = dict(data_root=synthetic_coco, ann_file='annotations.json', data_prefix=dict(img='images/'), pipeline=[])
    train = KnownBoxCocoDataset(subset='train', val_every=2, **kw)
    val = KnownBoxCocoDataset(subset='val', val_every=2, **kw)
    assert sorted(d['img_id'] for d in val) == [2, 4]
    assert sorted(d['img_id'] for d in train) == [1, 3]
    coco = json.load(open(f'{synthetic_coco}/annotations.json'))
    coco['images'][0]['sequence'] = 'bear'
    path = tmp_path / 'ann.json'
    path.write_text(json.dumps(coco))
    val = KnownBoxCocoDataset(ann_file=str(path), data_prefix=dict(img=f'{synthetic_coco}/images/'),
                              subset='val', val_if=('sequence', ['bear']), pipeline=[])
    assert [d['img_id'] for d in val] == [1]


def test_drop_composite_skips_flagged_annotations(synthetic_coco, tmp_path):
    coco = json.load(open(f'{synthetic_coco}/annotations.json'))
    first = coco['annotations'][0]  # one of image 1's two objects
    first['composite'] = True
    coco['annotations'][1]['composite'] = False
    path = tmp_path / 'ann.json'
    path.write_text(json.dumps(coco))
    kw = dict(ann_file=str(path), data_prefix=dict(img=f'{synthetic_coco}/images/'), pipeline=[])
    kept = KnownBoxCocoDataset(**kw)
    dropped = KnownBoxCocoDataset(drop_composite=True, **kw)
    assert kept.get_data_info(0)['ann_ids'] == [1, 2]
    assert dropped.get_data_info(0)['ann_ids'] == [2]
    assert len(dropped.get_data_info(0)['instances']) == 1
    assert [d['ann_ids'] for d in dropped][1:] == [d['ann_ids'] for d in kept][1:]


@pytest.mark.parametrize('section,field', [('images', 'file_name'), ('annotations', 'bbox'),
                                           ('annotations', 'image_id')])
def test_missing_field_is_named(synthetic_coco, tmp_path, section, field):
    coco = json.load(open(f'{synthetic_coco}/annotations.json'))
    del coco[section][1][field]
    path = tmp_path / 'bad.json'
    path.write_text(json.dumps(coco))
    with pytest.raises(InputError, match=f'{section}\\[1\\] is missing field "{field}"'):
        load_coco_json(str(path))


def test_not_json(tmp_path):
    path = tmp_path / 'bad.json'
    path.write_text('{"images": [')
    with pytest.raises(InputError, match='not valid JSON'):
        load_coco_json(str(path))


def test_val_set_config_finds_a_set_by_name_or_names_what_is_missing():
    from mmengine.config import Config

    from mmrefine.datasets import val_set_config
    from mmrefine.errors import InputError
    sets = [dict(type='KnownBoxCocoDataset', set_name='a'), dict(type='KnownBoxCocoDataset', set_name='b')]
    cfg = Config(dict(val_dataloader=dict(dataset=dict(type='ConcatDataset', datasets=sets))))
    assert val_set_config(cfg, 'b')['set_name'] == 'b'
    single = Config(dict(val_dataloader=dict(dataset=sets[0])))
    assert val_set_config(single, 'a')['set_name'] == 'a'
    with pytest.raises(InputError, match='c: no val dataset with this set_name'):
        val_set_config(cfg, 'c')


_json = st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=3),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
                     max_leaves=12)
_image = st.fixed_dictionaries({}, optional=dict(id=_json, file_name=_json, width=_json, height=_json))
_ann = st.fixed_dictionaries({}, optional=dict(id=_json, image_id=_json, bbox=_json | st.lists(_json, min_size=4,
                                                                                                max_size=4)))


@settings(max_examples=200, deadline=None)
@given(st.one_of(_json, st.fixed_dictionaries(dict(images=st.lists(_image | _json, max_size=3),
                                                   annotations=st.lists(_ann | _json, max_size=3)))))
def test_any_json_loads_or_is_an_input_error(tmp_path_factory, coco):
    path = tmp_path_factory.mktemp('fuzz') / 'ann.json'
    path.write_text(json.dumps(coco))
    try:
        coco = load_coco_json(str(path))
    except InputError as e:
        assert 'ann.json' in str(e) and '\n' not in str(e)
        return
    for img in coco['images']:  # what the tools rely on
        assert isinstance(img['id'], int) and isinstance(img['file_name'], str) and img['width'] > 0
    for ann in coco['annotations']:
        assert isinstance(ann['id'], int) and isinstance(ann['image_id'], int)
        assert all(math.isfinite(v) for v in ann['bbox'])


@pytest.mark.parametrize('section,field,value,msg', [
    ('images', 'id', '1', r'images\[1\]: field "id" must be an integer'),
    ('images', 'file_name', 3, r'image id 2: field "file_name"'),
    ('images', 'width', 0, r'image id 2: field "width" must be a positive integer'),
    ('annotations', 'id', True, r'annotations\[1\]: field "id" must be an integer'),
    ('annotations', 'image_id', [2], r'annotation id 2: field "image_id" must be an integer'),
    ('annotations', 'bbox', [1, 2, 'a', 4], r'annotation id 2: field "bbox" must be \[x, y, w, h\]')])
def test_wrong_field_type_is_named(synthetic_coco, tmp_path, section, field, value, msg):
    coco = json.load(open(f'{synthetic_coco}/annotations.json'))
    coco[section][1][field] = value
    path = tmp_path / 'bad.json'
    path.write_text(json.dumps(coco))
    with pytest.raises(InputError, match=msg):
        load_coco_json(str(path))


@pytest.mark.parametrize('section,what', [('images', 'image'), ('annotations', 'annotation')])
def test_repeated_id_is_named(synthetic_coco, tmp_path, section, what):
    coco = json.load(open(f'{synthetic_coco}/annotations.json'))
    coco[section].append(dict(coco[section][0]))
    path = tmp_path / 'bad.json'
    path.write_text(json.dumps(coco))
    with pytest.raises(InputError, match=f'bad.json: {what} id {coco[section][0]["id"]} appears twice'):
        load_coco_json(str(path))


def test_held_out_part_keeps_the_val_images_and_their_non_crowd_annotations(tmp_path):
    import json

    from mmengine.config import Config

    from mmrefine.datasets import held_out_part
    from mmrefine.testing import make_coco_set
    ann_file = make_coco_set(str(tmp_path / 's'), num_images=4)
    coco = json.loads(open(ann_file).read())
    coco['annotations'][-1]['iscrowd'] = 1  # on image 4, held out
    open(ann_file, 'w').write(json.dumps(coco))
    val = dict(type='KnownBoxCocoDataset', data_root=str(tmp_path / 's') + '/', ann_file='annotations.json',
               data_prefix=dict(img='images/'), subset='val', val_every=2, set_name='s')
    part, image_dir = held_out_part(Config(dict(val_dataloader=dict(dataset=val))), 's')
    assert [img['id'] for img in part['images']] == [2, 4]
    assert [a['image_id'] for a in part['annotations']] == [2, 2, 4]
    assert image_dir == str(tmp_path / 's') + '/images/' and part['categories'] == coco['categories']


def test_anns_by_image_keeps_the_input_order_within_each_image():
    from mmrefine.datasets import anns_by_image
    anns = [dict(id=1, image_id=7), dict(id=2, image_id=3), dict(id=3, image_id=7)]
    assert anns_by_image(anns) == {7: [anns[0], anns[2]], 3: [anns[1]]}
    assert anns_by_image([]) == {}
