"""BLAS threads per product: one thread for small matrix products, two for large ones.

On two cores a second BLAS thread makes SimpleNet's first-layer products
about 1.7x faster but slows the small ones down (thread wake-up costs more
than the work). The trainer runs under one BLAS thread and the network asks
for more only around its wide products. Switching is one ctypes call (~1 µs).
"""

from __future__ import annotations

import os

WIDE_FLOPS = 4_000_000  # a product of at least this many multiply-adds gets the extra threads


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class BlasThreads:
    """Sets the OpenBLAS thread count quickly; does nothing where it cannot."""

    def __init__(self) -> None:
        self._set = None
        self.wide = min(2, _cores())
        try:
            from threadpoolctl import ThreadpoolController

            for lib in ThreadpoolController().lib_controllers:
                if lib.internal_api == "openblas":
                    self._set = lib.set_num_threads
                    break
        except Exception:  # threadpoolctl cannot see this BLAS: keep whatever it does
            self._set = None
        if self.wide < 2:
            self._set = None

    @property
    def active(self) -> bool:
        return self._set is not None

    def widen(self) -> None:
        self._set(self.wide)

    def narrow(self) -> None:
        self._set(1)


BLAS = BlasThreads()
