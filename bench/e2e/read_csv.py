#!/usr/bin/env python3
"""Whole-job workload D1's PyTorch side (bench/WORKLOADS.md): pandas read_csv, then torch.from_numpy
of the features and the target as float32, timed from before read_csv to after the tensors exist.
Prints one JSON line; run it under /usr/bin/time -v for the peak resident memory.

    python3 bench/e2e/read_csv.py FILE.csv [TARGET]      (default target y)
"""
import json
import sys
import time


def main(path, target):
    import numpy as np
    import pandas as pd
    import torch

    start = time.perf_counter()
    frame = pd.read_csv(path)
    features = torch.from_numpy(frame.drop(columns=[target]).to_numpy(dtype=np.float32))
    targets = torch.from_numpy(frame[[target]].to_numpy(dtype=np.float32))
    seconds = time.perf_counter() - start
    print(json.dumps({"workload": "D1", "side": "pytorch", "rows": int(features.shape[0]),
                      "features": int(features.shape[1]), "seconds": round(seconds, 4),
                      "target_sum": float(targets.double().sum()), "pandas": pd.__version__,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "y")
