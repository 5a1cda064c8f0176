"""Output files that appear whole or not at all."""
import os
import tempfile


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
