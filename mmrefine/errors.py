"""User-facing errors: one line, exit code 2, no traceback in the tools."""


class InputError(Exception):
    """Bad user input (file, box or field); the message names the culprit."""

    exit_code = 2


class MissingPackageError(InputError, ImportError):
    """A package the config needs is not installed; the message names the ``pip install`` that adds it."""
