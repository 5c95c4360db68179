"""Reads every run under a log folder with TensorBoard's own reader and prints what it found as JSON.

Usage: python read_events.py LOGDIR. A run is a folder holding event files, named by its path relative to
LOGDIR ("." for LOGDIR itself), as TensorBoard names runs. Used by Kindling's tests to check, value by value,
that TensorBoard reads what SummaryWriter wrote.
"""
import json
import os
import sys

from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.plugins.hparams import plugin_data_pb2
from google.protobuf import json_format

KEEP_ALL = {kind: 0 for kind in (ea.SCALARS, ea.HISTOGRAMS, ea.TENSORS, ea.COMPRESSED_HISTOGRAMS,
                                 ea.IMAGES, ea.AUDIO)}


def runs(root):
    for path, _, files in os.walk(root):
        if any(f.startswith("events.out.tfevents.") for f in files):
            yield path


def plugin_content(acc, plugin):
    try:
        return acc.PluginTagToContent(plugin)
    except KeyError:  # no tag of that plugin in this run
        return {}


def read_run(path):
    acc = ea.EventAccumulator(path, size_guidance=KEEP_ALL)
    acc.Reload()
    tags = acc.Tags()
    text_tags = set(plugin_content(acc, "text").keys())
    return {
        "file_version": acc.file_version,
        "scalars": {t: [[e.step, e.value] for e in acc.Scalars(t)] for t in tags[ea.SCALARS]},
        "histograms": {
            t: [{"step": e.step, "min": h.min, "max": h.max, "num": h.num, "sum": h.sum,
                 "sum_squares": h.sum_squares, "bucket_limit": list(h.bucket_limit), "bucket": list(h.bucket)}
                for e in acc.Histograms(t) for h in [e.histogram_value]]
            for t in tags[ea.HISTOGRAMS]},
        "texts": {t: [[e.step, [s.decode("utf-8") for s in e.tensor_proto.string_val]] for e in acc.Tensors(t)]
                  for t in tags[ea.TENSORS] if t in text_tags},
        "hparams": {t: json_format.MessageToDict(plugin_data_pb2.HParamsPluginData.FromString(content),
                                                 preserving_proto_field_name=True)
                    for t, content in plugin_content(acc, "hparams").items()},
    }


def main():
    root = sys.argv[1]
    out = {os.path.relpath(path, root): read_run(path) for path in sorted(runs(root))}
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
