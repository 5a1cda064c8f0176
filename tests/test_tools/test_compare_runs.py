"""tools/analysis/compare_runs.py: paired per-set differences of two tools/test.py --out files."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ..helpers import load_tool


@pytest.fixture(scope='module')
def tool():
    return load_tool('analysis/compare_runs')


def _write(path, rows):
    """``rows``: (set, id, IoU, Boundary IoU) per instance, as tools/test.py --out writes them."""
    path.write_text(json.dumps([dict(set=s, id=i, image_id=1, category_id=1, score=1.0, iou=iou, boundary_iou=biou)
                                for s, i, iou, biou in rows]))
    return str(path)


def _run(tool, *paths):
    from mmrefine.utils.runner_cli import run_tool
    return run_tool(lambda: tool.main([str(p) for p in paths]))


def _table(text):
    return {line.split()[0]: line.split() for line in text.strip().splitlines()[1:]}


def test_gains_are_paired_by_set_and_id(tool, tmp_path, capsys):
    # the same ids in both sets: pairing by id alone would mix them up
    base = _write(tmp_path / 'base.json', [('a', 1, 0.5, 0.2), ('a', 2, 0.7, 0.4), ('b', 1, 0.9, 0.6)])
    run = _write(tmp_path / 'run.json', [('b', 1, 0.8, 0.7), ('a', 2, 0.8, 0.5), ('a', 1, 0.6, 0.3)])
    assert tool.main([run, base]) == 0
    rows = _table(capsys.readouterr().out)
    assert list(rows) == ['a', 'b', 'all']
    a = rows['a']
    assert a[1:4] == ['2', '0.7000', '0.6000'] and float(a[4]) == pytest.approx(0.1)
    # every pair of set a gains exactly 0.1: the interval has no width
    assert float(a[5].strip('[,')) == pytest.approx(0.1) and float(a[6].strip(']')) == pytest.approx(0.1)
    assert float(rows['b'][4]) == pytest.approx(-0.1)
    assert float(rows['all'][4]) == pytest.approx(0.1 / 3, abs=1e-4)
    assert float(rows['all'][5].strip('[,')) < 0 < float(rows['all'][6].strip(']'))  # 3 pairs decide nothing
    assert float(rows['b'][9]) == pytest.approx(0.1)  # Boundary IoU gain


@pytest.mark.parametrize('entries, says', [
    ([dict(set='a', id=1, iou=0.5)], 'entry 0 has no "boundary_iou"'),
    ([dict(set='a', id=1.5, iou=0.5, boundary_iou=0.1)], '"id" an integer or a string'),
    ([dict(set='a', id=1, iou='x', boundary_iou=0.1)], 'must be numbers'),
    ([dict(set='a', id=1, iou=0.5, boundary_iou=0.1)] * 2, 'entry 1 repeats id 1 of set a'),
    ({'set': 'a'}, 'expected a list'),
    ([], 'no results'),
])
def test_bad_files_are_one_line_errors(tool, tmp_path, capsys, entries, says):
    bad = tmp_path / 'bad.json'
    bad.write_text(json.dumps(entries))
    good = _write(tmp_path / 'good.json', [('a', 1, 0.5, 0.2)])
    with pytest.raises(SystemExit) as exit_info:
        _run(tool, bad, good)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert '\n' not in err and str(bad) in err and says in err


def test_runs_over_other_instances_are_refused(tool, tmp_path, capsys):
    base = _write(tmp_path / 'base.json', [('a', 1, 0.5, 0.2), ('a', 2, 0.5, 0.2)])
    run = _write(tmp_path / 'run.json', [('a', 1, 0.5, 0.2)])
    with pytest.raises(SystemExit) as exit_info:
        _run(tool, run, base)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert run in err and 'set a id 2' in err


def test_open_images_mask_paths_serve_as_ids(tool, tmp_path, capsys):
    # OpenImagesMotorcycleDataset answers each instance by its MaskPath, not a number
    base = _write(tmp_path / 'base.json', [('moto', 'x_m04_sv_1.png', 0.5, 0.2), ('moto', 'y.png', 0.9, 0.5)])
    run = _write(tmp_path / 'run.json', [('moto', 'y.png', 0.9, 0.5), ('moto', 'x_m04_sv_1.png', 0.7, 0.3)])
    assert tool.main([run, base]) == 0
    assert float(_table(capsys.readouterr().out)['moto'][4]) == pytest.approx(0.1)


@settings(max_examples=40, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                               max_size=5), max_leaves=12))
def test_any_json_runs_or_fails_cleanly(tool, tmp_path_factory, content):
    folder = tmp_path_factory.mktemp('fuzz')
    bad = folder / 'x.json'
    bad.write_text(json.dumps(content))
    good = _write(folder / 'good.json', [('a', 1, 0.5, 0.2)])
    try:
        _run(tool, bad, good)
    except SystemExit as exit_info:
        assert exit_info.code == 2
