#!/usr/bin/env python3
"""Writes the CSV of whole-job workload D1 (bench/WORKLOADS.md).

    python3 bench/e2e/make_csv.py OUT.csv [ROWS]      (default 1,000,000 rows, about 190 MB)

Columns x0..x19 are standard normal, y = x . w + 0.1 * noise for a fixed random w; seed 0.
Written in blocks, so memory stays small whatever ROWS is.
"""
import sys

import numpy as np

FEATURES = 20
BLOCK = 100_000


def main(path, rows):
    rng = np.random.RandomState(0)
    w = rng.randn(FEATURES)
    header = ",".join(["x%d" % i for i in range(FEATURES)] + ["y"])
    with open(path, "w") as f:
        f.write(header + "\n")
        for start in range(0, rows, BLOCK):
            n = min(BLOCK, rows - start)
            x = rng.randn(n, FEATURES).astype(np.float32)
            y = x @ w + 0.1 * rng.randn(n)
            np.savetxt(f, np.column_stack([x, y]), delimiter=",", fmt="%.6g")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "csv-1m.csv", int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
