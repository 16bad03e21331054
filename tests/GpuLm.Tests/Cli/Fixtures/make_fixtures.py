"""Writes the .npy fixtures that NpyTests reads, with NumPy itself.

Run from anywhere: python3 make_fixtures.py  (writes next to this script).
The values follow formulas that NpyTests recomputes in C#:
  floats: i * 0.1 - 0.35 for flat index i (float32 files round that double),
  int32:  i * 7 - 20,
  int64:  i * 1000 - 2500.
Files saved with np.save use the oldest format that fits (1.0), which is what
the writer must reproduce byte for byte.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def floats(shape, dtype="<f8"):
    n = int(np.prod(shape, dtype=np.int64))
    return (np.arange(n, dtype=np.float64) * 0.1 - 0.35).astype(dtype).reshape(shape)


def save(name, array):
    np.save(os.path.join(HERE, name), array)


def save_version(name, array, version):
    with open(os.path.join(HERE, name), "wb") as f:
        np.lib.format.write_array(f, array, version=version)


save("f8_1d.npy", floats((5,)))
save("f8_2d.npy", floats((3, 4)))
save("f8_3d.npy", floats((2, 3, 4)))
save("f4_2d.npy", floats((3, 4), "<f4"))
save("i4_1d.npy", (np.arange(6, dtype="<i4") * 7 - 20))
save("i8_2d.npy", (np.arange(6, dtype="<i8") * 1000 - 2500).reshape(2, 3))
save("f8_0d.npy", np.array(3.25))
save("f8_empty.npy", np.zeros((0, 3)))
save("i4_empty.npy", np.zeros((2, 0, 4), dtype="<i4"))
save_version("f8_2d_v2.npy", floats((3, 4)), (2, 0))
save_version("f8_2d_v3.npy", floats((3, 4)), (3, 0))
save("f8_fortran.npy", np.asfortranarray(floats((2, 3))))
save("f8_bigendian.npy", floats((3,), ">f8"))
np.save(os.path.join(HERE, "object.npy"), np.array([1, "a"], dtype=object), allow_pickle=True)
