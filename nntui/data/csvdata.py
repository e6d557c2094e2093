"""Your own data from a CSV file: header, delimiter and task detected, target chosen, features standardized.

A first row that is text where the rows below are numbers is a header. The
target is the last column unless named (or indexed, negative from the end).
A text target, or one with at most 20 distinct whole numbers, means
classification; any other numeric target means regression. A target of more
than MAX_CLASSES distinct values is refused as classification. Features are
standardized with the training split's mean and std, kept on the Dataset, and
so is a regression target (the trainer reports errors in the target's units).
A file over MAX_CSV_BYTES, or one with NUL bytes in its start, is refused
before it is parsed. Every mistake in the file becomes a one-sentence DataError.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nntui.data.dataset import CLASSIFICATION, REGRESSION, TASKS, Dataset
from nntui.data.errors import DataError, file_error
from nntui.data.split import split_indices

MAX_GUESSED_CLASSES = 20
# More classes than this is refused: a CSV target with more distinct values is a
# number to predict (or the wrong column), and a softmax that wide trains badly.
MAX_CLASSES = 100
MAX_CSV_BYTES = 256 * 2**20
SNIFF_BYTES = 64 * 2**10
DELIMITERS = ",;\t"
DEFAULT_TEST_SPLIT = 0.2


@dataclass(frozen=True)
class Table:
    """The cells of a CSV file as text: column names, rows, and each row's line number in the file."""

    path: Path
    names: tuple[str, ...]
    rows: list[list[str]]
    lines: list[int]

    def where(self, row: int, column: int) -> str:
        return f"{self.path.name}, line {self.lines[row]}, column {self.names[column]!r}"


def load_csv(path: str, *, target: str | int | None = None, task: str | None = None,
             test_split: float | None = None, seed: int = 0) -> Dataset:
    """A Dataset from the CSV file at `path`, split with a seeded shuffle (stratified by class)."""
    table = read_table(Path(path))
    t = target_column(table, target)
    features = [j for j in range(len(table.names)) if j != t]
    X = numeric_block(table, features)
    task = choose_task(table, t, task)
    y, class_names = class_labels(table, t) if task == CLASSIFICATION else (numeric_block(table, [t]), ())
    groups = y if task == CLASSIFICATION else np.zeros(len(y), np.int64)
    train, test = split_indices(groups, DEFAULT_TEST_SPLIT if test_split is None else test_split,
                                np.random.default_rng(seed))
    X, x_mean, x_std = standardized(X, train)
    y_mean = y_std = None
    if task == REGRESSION:
        y, y_mean, y_std = standardized(y, train)
    return Dataset(
        name=table.path.name, task=task, X_train=X[train], y_train=y[train], X_test=X[test], y_test=y[test],
        n_classes=len(class_names), class_names=class_names, feature_names=tuple(table.names[j] for j in features),
        image_shape=None, source=f"your CSV file {table.path}", x_mean=x_mean, x_std=x_std,
        y_mean=y_mean, y_std=y_std, target_name=table.names[t],
    )


def standardized(values: np.ndarray, train: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values - mean) / std as float32, with the mean and std of the `train` rows (a constant column: std 1)."""
    mean = values[train].mean(axis=0)
    std = values[train].std(axis=0)
    std[std == 0] = 1.0
    return ((values - mean) / std).astype(np.float32), mean.astype(np.float32), std.astype(np.float32)


def read_table(path: Path) -> Table:
    """The non-blank rows of the file, header split off; DataError if empty, header-only or ragged."""
    text = _read_text(path)
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    rows, lines = [], []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for cells in reader:
            cells = [c.strip() for c in cells]
            if any(cells):
                rows.append(cells)
                lines.append(reader.line_num)
    except csv.Error as e:
        raise DataError(f"{path.name} is not a valid CSV file (line {reader.line_num}: {e})") from None
    if not rows:
        raise DataError(f"{path.name} is empty: it needs a row per sample")
    width = len(rows[0])
    for cells, line in zip(rows, lines):
        if len(cells) != width:
            raise DataError(f"{path.name}, line {line} has {len(cells)} values but line {lines[0]} has {width}; "
                            "every row needs the same number of columns")
    if width < 2:
        raise DataError(f"{path.name} has a single column; it needs one or more feature columns and a target")
    if _has_header(rows):
        if len(rows) == 1:
            raise DataError(f"{path.name} has a header but no data rows")
        names = tuple(name or f"column {j + 1}" for j, name in enumerate(rows[0]))
        return Table(path, names, rows[1:], lines[1:])
    return Table(path, tuple(f"column {j + 1}" for j in range(width)), rows, lines)


def _read_text(path: Path) -> str:
    """The file's text, after checks that read at most its first SNIFF_BYTES: its size, then no NUL bytes."""
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise DataError(f"{path} is {size / 2**30:.1f} GiB; nntui reads CSV files of up to "
                            f"{MAX_CSV_BYTES / 2**20:.0f} MiB into memory")
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
            if b"\0" in head:
                raise DataError(f"{path} holds NUL bytes, so it is a binary file, not CSV text")
            data = head + f.read(max(0, size - len(head)) + 1)
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{path} is not a UTF-8 text file; save it as CSV text") from None
    except OSError as e:
        raise file_error(path, e, "a CSV file") from None


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _has_header(rows: list[list[str]]) -> bool:
    """True if some first-row cell is text where most cells below it are numbers (or nothing is below)."""
    for j, cell in enumerate(rows[0]):
        if _is_number(cell):
            continue
        below = [_is_number(r[j]) for r in rows[1:]]
        if not below or sum(below) > len(below) / 2:
            return True
    return False


def target_column(table: Table, target: str | int | None) -> int:
    """Index of the target column: by name, else by index (negative from the end); the last by default."""
    n = len(table.names)
    if target is None:
        return n - 1
    if str(target) in table.names:
        return table.names.index(str(target))
    try:
        index = int(target)
    except ValueError:
        raise DataError(f"{table.path.name} has no column {str(target)!r}; "
                        f"its columns are {', '.join(table.names)}") from None
    if not -n <= index < n:
        raise DataError(f"target column index {index} is out of range: {table.path.name} has {n} columns "
                        f"(0..{n - 1}, or -1..-{n} from the end)")
    return index % n


def numeric_block(table: Table, columns: list[int]) -> np.ndarray:
    """The given columns as float64 (n, len(columns)); DataError naming the first bad or non-finite cell."""
    try:
        block = np.array([[float(row[j]) for j in columns] for row in table.rows], dtype=np.float64)
    except ValueError:
        raise DataError(_first_bad_cell(table, columns)) from None
    bad = np.argwhere(~np.isfinite(block))
    if len(bad):
        i, k = bad[0]
        raise DataError(f"{table.where(i, columns[k])} is {table.rows[i][columns[k]]!r}; "
                        "NaN and infinite values are not allowed, remove or fill them")
    return block


def _first_bad_cell(table: Table, columns: list[int]) -> str:
    i, j = next((i, j) for i, row in enumerate(table.rows) for j in columns if not _is_number(row[j]))
    cell = table.rows[i][j]
    if not cell:
        return f"{table.where(i, j)} is empty; fill in or remove missing values"
    return f"{table.where(i, j)} holds {cell!r}, which is not a number"


def choose_task(table: Table, t: int, task: str | None) -> str:
    """`task` if given (checked), else classification for text or few whole numbers, else regression."""
    values = [row[t] for row in table.rows]
    numeric = all(_is_number(v) for v in values)
    if task is not None:
        if task not in TASKS:
            raise DataError(f"--task must be classification or regression (got {task!r})")
        if task == REGRESSION and not numeric:
            text = next(v for v in values if not _is_number(v))
            raise DataError(f"target column {table.names[t]!r} holds text ({text!r}), "
                            "so it cannot be a regression target")
        return task
    if not numeric:
        return CLASSIFICATION
    distinct = {float(v) for v in values}
    few_whole = len(distinct) <= MAX_GUESSED_CLASSES and all(v.is_integer() for v in distinct)
    return CLASSIFICATION if few_whole else REGRESSION


def class_labels(table: Table, t: int) -> tuple[np.ndarray, tuple[str, ...]]:
    """int64 class indices and the class names, sorted (numerically when every label is a number)."""
    values = [row[t] for row in table.rows]
    numeric = all(_is_number(v) for v in values)
    if numeric:
        numbers = numeric_block(table, [t])[:, 0]
        uniques, y = np.unique(numbers, return_inverse=True)
        names = tuple(str(int(v)) if v.is_integer() else repr(float(v)) for v in uniques)
    else:
        uniques, y = np.unique(np.array(values), return_inverse=True)
        names = tuple(str(v) for v in uniques)
    if len(names) < 2:
        raise DataError(f"target column {table.names[t]!r} has only one class ({names[0]!r}); "
                        "classification needs two or more")
    if len(names) > MAX_CLASSES:
        hint = "for a numeric target use --task regression" if numeric else "is --target the right column?"
        raise DataError(f"target column {table.names[t]!r} has {len(names)} distinct values, more classes than "
                        f"nntui trains on ({MAX_CLASSES}); {hint}")
    return y.astype(np.int64), names
