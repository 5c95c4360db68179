"""Replays a list of SummaryWriter calls with PyTorch's own torch.utils.tensorboard.SummaryWriter.

Usage: python torch_write.py CALLS.json LOGDIR. CALLS.json is a list of objects, one per call:
  {"op": "scalar", "tag", "value", "step", "wall"}          -> add_scalar(tag, value, step, walltime=wall)
  {"op": "scalars", "tag", "values": {k: v}, "step", "wall"} -> add_scalars(tag, values, step, walltime=wall)
  {"op": "histogram", "tag", "values": [...], "step", "wall"} -> add_histogram(tag, np.array(values), step, walltime=wall)
  {"op": "text", "tag", "text", "step", "wall"}             -> add_text(tag, text, step, walltime=wall)
  {"op": "hparams", "hparams": {...}, "metrics": {...}, "run"} -> add_hparams(hparams, metrics, run_name=run)
Kindling's tests write the same calls with Kindling's SummaryWriter and compare the decoded events.
"""
import json
import sys

import numpy as np
from torch.utils.tensorboard import SummaryWriter


def main():
    with open(sys.argv[1]) as f:
        calls = json.load(f)
    with SummaryWriter(log_dir=sys.argv[2]) as w:
        for c in calls:
            op = c["op"]
            if op == "scalar":
                w.add_scalar(c["tag"], c["value"], c["step"], walltime=c["wall"])
            elif op == "scalars":
                w.add_scalars(c["tag"], c["values"], c["step"], walltime=c["wall"])
            elif op == "histogram":
                w.add_histogram(c["tag"], np.array(c["values"], dtype=np.float64), c["step"], walltime=c["wall"])
            elif op == "text":
                w.add_text(c["tag"], c["text"], c["step"], walltime=c["wall"])
            elif op == "hparams":
                w.add_hparams(c["hparams"], c["metrics"], run_name=c["run"])
            else:
                raise ValueError("unknown op " + op)


if __name__ == "__main__":
    main()
