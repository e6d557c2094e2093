"""DataError: the one exception a user's data mistake becomes."""

from __future__ import annotations


class DataError(ValueError):
    """One clear sentence for the user; the CLI prints it on stderr and exits 2."""


def file_error(path, error: OSError, kind: str) -> DataError:
    """One sentence for an OSError met reading `path`, where `kind` says what the file should be ("a CSV file")."""
    if isinstance(error, FileNotFoundError):
        return DataError(f"no such file: {path}")
    if isinstance(error, IsADirectoryError):
        return DataError(f"{path} is a directory, not {kind}")
    if isinstance(error, PermissionError):
        return DataError(f"cannot read {path}: permission denied")
    return DataError(f"cannot read {path}: {error.strerror or error}")
