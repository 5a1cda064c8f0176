"""Reading JSON input with one-line errors; output files that appear whole or not at all."""
import json
import os
import tempfile
from typing import Callable

from ..errors import InputError


def read_json(path: str):
    """The parsed JSON in ``path``; ``InputError`` (one line, naming the file) if it cannot be read."""
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except OSError as err:
        raise InputError(f'{path}: cannot read ({err.strerror})') from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f'{path}: not valid JSON ({err})') from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def make_temp_file(folder: str, suffix: str = '') -> str:
    """Create an empty temporary file in ``folder`` and return its path.

    Write to it, then ``os.replace`` it onto the final name (same folder, so the
    rename is atomic). Unlike ``tempfile.mkstemp``'s private 0600 files, it gets
    the permissions of a normally created file (0666 minus the umask).
    """
    fd, tmp = tempfile.mkstemp(dir=folder, prefix='.tmp-', suffix=suffix)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())
    return tmp


def write_atomic(path: str, write: Callable[[str], None], suffix: str = '') -> None:
    """Make ``path`` whole or not at all: ``write(tmp)`` fills a temporary file in the same folder, which
    is then renamed onto ``path``; if ``write`` raises, the temporary file is removed."""
    tmp = make_temp_file(os.path.dirname(os.path.abspath(path)), suffix)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_json_atomic(obj, path: str) -> None:
    """Write JSON to ``path`` via a temporary file in the same folder, then rename."""

    def write(tmp: str) -> None:
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(obj, f)

    write_atomic(path, write, '.json')
