"""Whole-or-nothing output files (mmrefine.utils.files) get ordinary permissions."""
import os
import stat
from pathlib import Path

import pytest

from mmrefine.errors import InputError
from mmrefine.utils import make_temp_file, read_json, write_atomic, write_json_atomic


def test_output_files_get_the_umask_permissions_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        tmp = make_temp_file(str(tmp_path), '.png')
        assert stat.S_IMODE(os.stat(tmp).st_mode) == 0o644
        out = tmp_path / 'results.json'
        write_json_atomic([{'id': 1}], str(out))
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o644
        assert out.read_text() == '[{"id": 1}]'
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([os.path.basename(tmp), 'results.json'])


def test_read_json_names_the_file_in_one_line(tmp_path):
    good = tmp_path / 'ok.json'
    good.write_text('[1, 2]')
    assert read_json(str(good)) == [1, 2]
    with pytest.raises(InputError, match=r'missing\.json: cannot read'):
        read_json(str(tmp_path / 'missing.json'))
    (tmp_path / 'bad.json').write_text('{bad')
    with pytest.raises(InputError, match=r'bad\.json: not valid JSON') as err:
        read_json(str(tmp_path / 'bad.json'))
    assert '\n' not in str(err.value)


def test_write_atomic_leaves_nothing_when_the_write_fails(tmp_path):
    def fail(tmp):
        with open(tmp, 'w') as f:
            f.write('partial')
        raise OSError('disk full')

    with pytest.raises(OSError, match='disk full'):
        write_atomic(str(tmp_path / 'out.png'), fail, '.png')
    assert list(tmp_path.iterdir()) == []
    write_atomic(str(tmp_path / 'out.txt'), lambda tmp: Path(tmp).write_text('whole'))
    assert [p.name for p in tmp_path.iterdir()] == ['out.txt'] and (tmp_path / 'out.txt').read_text() == 'whole'
