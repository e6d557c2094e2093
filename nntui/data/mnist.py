"""MNIST and Fashion-MNIST: which files they are, where to find them on disk, and loading them.

Each data folder is searched at <dir>/<name>/ and then <dir>/ itself, for the
four IDX files gzipped or not. MNIST and Fashion-MNIST use the same file
names, so a folder whose labels file is the other set's (by MD5) is skipped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from nntui.data.dataset import CLASSIFICATION, Dataset, DatasetInfo, pixel_names
from nntui.data.errors import DataError
from nntui.data.idx import read_images_and_labels
from nntui.data.paths import resolve_data_dirs

# role → file name as published (gzip)
FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}


def name_variants(gz_name: str) -> tuple[str, ...]:
    """The names a file may have on disk: gzipped, un-gzipped, and the old dotted un-gzipped form."""
    raw = gz_name.removesuffix(".gz")
    return gz_name, raw, raw.replace("-idx", ".idx")


@dataclass(frozen=True)
class IdxSet:
    """A downloadable IDX dataset with the official train/test split."""

    name: str
    title: str
    source: str
    md5: dict[str, str]  # file name → MD5 of the gzip file
    mirrors: tuple[str, ...]  # base URLs the four files sit under
    class_names: tuple[str, ...]
    output_name: str  # what a class is ("digit")
    n_train: int = 60_000
    n_test: int = 10_000

    @property
    def fetch_command(self) -> str:
        return f"nntui datasets fetch {self.name}"

    def find(self, data_dir: str | None = None) -> dict[str, Path] | None:
        """role → path of each file, from the first folder that holds all four, or None."""
        for folder in search_folders(self, resolve_data_dirs(data_dir)):
            found = {role: _existing(folder, gz) for role, gz in FILES.items()}
            if all(found.values()) and not self._is_other_set(found["train_labels"]):
                return found
        return None

    def _is_other_set(self, labels: Path) -> bool:
        """True when the labels file is, byte for byte, another registered set's."""
        if labels.suffix != ".gz":
            return False
        try:
            digest = md5_of(labels)
        except OSError:
            return False  # loading it will say what is wrong
        return any(digest == s.md5[FILES["train_labels"]] for s in IDX_SETS if s is not self)

    def info(self, data_dir: str | None = None) -> DatasetInfo:
        found = self.find(data_dir)
        available = (f"files in {found['train_images'].parent}" if found
                     else f"not downloaded: run `{self.fetch_command}`")
        return DatasetInfo(
            name=self.name, task=CLASSIFICATION, n_inputs=784, n_outputs=len(self.class_names), image_shape=(28, 28),
            n_train=self.n_train, n_test=self.n_test, source=self.source, available=available,
            description=self.title,
        )

    def load(self, *, seed: int = 0, noise: float | None = None, test_split: float | None = None,
             data_dir: str | None = None) -> Dataset:
        """The official split, images uint8 (n, 784); DataError naming the fetch command when files are missing."""
        if noise is not None or test_split is not None:
            raise DataError(f"{self.name} is real data with its own train/test split; "
                            "--noise and --test-split apply to generated sets and CSV files only")
        found = self.find(data_dir)
        if found is None:
            looked = ", ".join(str(f) for f in search_folders(self, resolve_data_dirs(data_dir)))
            raise DataError(f"{self.title} files not found (looked in {looked}); "
                            f"run `{self.fetch_command}` or pass --data-dir DIR")
        k = len(self.class_names)
        X_train, y_train, shape = read_images_and_labels(found["train_images"], found["train_labels"], k)
        X_test, y_test, test_shape = read_images_and_labels(found["test_images"], found["test_labels"], k)
        if shape != test_shape:
            raise DataError(f"{self.title} train images are {shape} but test images are {test_shape}")
        return Dataset(
            name=self.name, task=CLASSIFICATION, X_train=X_train, y_train=y_train, X_test=X_test, y_test=y_test,
            n_classes=k, class_names=self.class_names, feature_names=pixel_names(shape), image_shape=shape,
            source=f"{self.source}; files in {found['train_images'].parent}", x_scale=1 / 255,
            target_name=self.output_name,
        )


def search_folders(spec: IdxSet, dirs: list[Path]) -> list[Path]:
    """<dir>/<name>/ then <dir>/ for each data folder, in order."""
    return [folder for d in dirs for folder in (d / spec.name, d)]


def _existing(folder: Path, gz_name: str) -> Path | None:
    for name in name_variants(gz_name):
        if (folder / name).is_file():
            return folder / name
    return None


def md5_of(path: Path) -> str:
    """Hex MD5 of a file, read in chunks."""
    digest = hashlib.md5()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


MNIST = IdxSet(
    name="mnist",
    title="MNIST",
    source="MNIST handwritten digits (LeCun, Cortes, Burges), CC BY-SA 3.0",
    md5={
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    },
    mirrors=(
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ),
    class_names=tuple(str(d) for d in range(10)),
    output_name="digit",
)

FASHION_MNIST = IdxSet(
    name="fashion-mnist",
    title="Fashion-MNIST",
    source="Fashion-MNIST clothing images (Zalando Research), MIT licence",
    md5={
        "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
        "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
        "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
    },
    mirrors=(
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
    ),
    class_names=("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
    output_name="clothing",
)

IDX_SETS = (MNIST, FASHION_MNIST)
