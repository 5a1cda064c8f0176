"""Whole-or-nothing output files (mmrefine.utils.files) get ordinary permissions."""
import os
import stat

from mmrefine.evaluation import write_json_atomic
from mmrefine.utils import make_temp_file


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
