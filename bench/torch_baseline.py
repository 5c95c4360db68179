#!/usr/bin/env python3
"""PyTorch side of the kindling-bench-v1 suite (bench/WORKLOADS.md).

    python3 bench/torch_baseline.py --threads N [--only W1,W2,W3,W3-infer,W4,K1,W5,W6] [--probes]
                                    [--torch-threads M] [--warm-s 2.0]

Writes one JSON line per workload to stdout, with the keys of Kindling's runner
(kindling-bench .../workloads/Report.java). Runs under PyTorch 1.13 and 2.x.
"""
import argparse
import json
import math
import os
import sys
import time

SUITE = "kindling-bench-v1"
SEED = 1234
ALL = ["W1", "W2", "W3", "W3-infer", "W4", "K1", "W5", "W6"]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, required=True, help="compute threads for every pool")
    p.add_argument("--only", default="W1,W2,W3,W3-infer,W4,K1", help="comma list out of " + ",".join(ALL))
    p.add_argument("--probes", action="store_true", help="also the per-op probes P1, P1g, P2, P3")
    p.add_argument("--torch-threads", type=int, help="OpenMP threads if fewer than --threads (BLAS keeps --threads)")
    p.add_argument("--warm-s", type=float, default=2.0, help="least warm-up seconds per workload")
    return p.parse_args()


ARGS = parse_args()
OMP_THREADS = ARGS.torch_threads or ARGS.threads
# The pools read these when torch is imported, so they are set first. Debian's OpenBLAS keeps its own
# pool at all cores unless told, whatever torch.set_num_threads says.
os.environ["OMP_NUM_THREADS"] = str(OMP_THREADS)
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)
os.environ["MKL_NUM_THREADS"] = str(ARGS.threads)

import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(OMP_THREADS)
IMPL = "pytorch-" + torch.__version__.split("+")[0]
CONFIG = "omp=%d,blas=%d" % (OMP_THREADS, ARGS.threads)


# ------------------------------------------------------------------ output

def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def emit(workload, **fields):
    line = {"suite": SUITE, "impl": IMPL, "workload": workload, "threads": ARGS.threads, "config": CONFIG}
    line.update(fields)
    line["loadavg"] = loadavg()
    print(json.dumps(line), flush=True)


def blas_name():
    """MKL in the official wheels; Debian's build uses whichever libblas.so.3 the system provides."""
    if torch.backends.mkl.is_available():
        return "MKL"
    try:
        import ctypes
        lib = ctypes.CDLL("libblas.so.3")
        lib.openblas_get_config.restype = ctypes.c_char_p
        return lib.openblas_get_config().decode()
    except (OSError, AttributeError):
        return "not OpenBLAS (reference BLAS?)"


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


# ------------------------------------------------------------------ timing

def warm_up(step, least_steps, least_seconds):
    """Runs step until both limits are reached; returns how many steps that took."""
    start, done = time.perf_counter(), 0
    while done < least_steps or time.perf_counter() - start < least_seconds:
        step()
        done += 1
    return done


def time_blocks(block, count):
    """Seconds of each of `count` timed calls of block."""
    out = []
    for _ in range(count):
        t = time.perf_counter()
        block()
        out.append(time.perf_counter() - t)
    return out


def timing_fields(per_unit, unit, steps_per_sample, warmup_steps, batch, flop):
    m = median(per_unit)
    return dict(unit=unit, median=m, min=min(per_unit), max=max(per_unit), n_samples=len(per_unit),
                steps_per_sample=steps_per_sample, warmup_steps=warmup_steps,
                samples_per_s=batch / m if batch else None, gflops=flop / m / 1e9 if flop else None)


def run_steps(name, step, least_warm, samples, per_sample, batch, flop, sanity, unit="s/step", extra=None):
    """The common shape of W1, W3, W3-infer, W4, W5, W6: warm up, then timed blocks of `per_sample` steps."""
    first = sanity()
    warm = warm_up(step, least_warm, ARGS.warm_s)

    def block():
        for _ in range(per_sample):
            step()

    seconds = time_blocks(block, samples)
    fields = timing_fields([s / per_sample for s in seconds], unit, per_sample, warm, batch, flop)
    fields.update(loss_first=first, loss_last=sanity())
    if extra:
        fields.update(extra())
    emit(name, **fields)


# ------------------------------------------------------------------ models

def mlp(*sizes):
    layers = []
    for i in range(len(sizes) - 1):
        if i:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    return nn.Sequential(*layers)


def train_flop(batch, *sizes):
    products = [a * b for a, b in zip(sizes, sizes[1:])]
    return 2 * batch * (2 * sum(products) + sum(products[1:]))


def infer_flop(batch, *sizes):
    return 2 * batch * sum(a * b for a, b in zip(sizes, sizes[1:]))


def trainer(model, loss_fn, lr, momentum=0.0):
    """The timed unit: forward, loss, zero_grad (to None), backward, step."""
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)

    def step(x, y):
        loss = loss_fn(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    return step


def mse_of(model, x, y):
    with torch.no_grad():
        return nn.functional.mse_loss(model(x), y).item()


def cross_entropy_of(model, x, c):
    model.eval()
    with torch.no_grad():
        value = nn.functional.cross_entropy(model(x), c).item()
    model.train()
    return value


class Cycle:
    """Batch i of n, then i + 1, wrapping around: the in-order batches of W3 and W5."""

    def __init__(self, n):
        self.n, self.i = n, -1

    def next(self):
        self.i = (self.i + 1) % self.n
        return self.i


# ------------------------------------------------------------------ W1 - W4

def w1():
    torch.manual_seed(SEED)
    x = (torch.rand(1000, 1) * 2 - 1) * math.pi
    y = torch.sin(x) + 0.05 * torch.randn(1000, 1)
    model = mlp(1, 64, 1)
    step = trainer(model, nn.MSELoss(), 0.01)
    run_steps("W1", lambda: step(x, y), 100, 11, 200, 1000, train_flop(1000, 1, 64, 1),
              lambda: mse_of(model, x, y))


def w2():
    torch.manual_seed(SEED)
    n, batch, steps = 10000, 32, 313
    x = torch.randn(n, 13)
    w = torch.randn(13, 1)
    y = x @ w / math.sqrt(13) + 0.1 * torch.randn(n, 1)
    model = mlp(13, 64, 64, 1)
    step = trainer(model, nn.MSELoss(), 0.01, momentum=0.9)
    order = torch.Generator().manual_seed(SEED)

    def epoch():
        perm = torch.randperm(n, generator=order)
        for i in range(steps):
            rows = perm[i * batch:(i + 1) * batch]
            step(x[rows], y[rows])

    first = mse_of(model, x, y)
    warm = warm_up(epoch, 1, ARGS.warm_s)
    seconds = time_blocks(epoch, 7)
    flop = train_flop(batch, 13, 64, 64, 1) * (steps - 1) + train_flop(n - (steps - 1) * batch, 13, 64, 64, 1)
    fields = timing_fields(seconds, "s/epoch", steps, warm * steps, n, flop)
    fields.update(s_per_step=fields["median"] / steps, loss_first=first, loss_last=mse_of(model, x, y))
    emit("W2", **fields)


W3_SIZES = (256, 512, 512, 10)
W3_SHARED = {}


def w3_data():
    if "x" not in W3_SHARED:
        torch.manual_seed(SEED)
        x = torch.randn(25600, 256)
        classes = torch.randint(0, 10, (25600,))
        y = nn.functional.one_hot(classes, 10).float()
        W3_SHARED.update(x=x, y=y, model=mlp(*W3_SIZES))
    return W3_SHARED["x"], W3_SHARED["y"], W3_SHARED["model"]


def w3():
    x, y, model = w3_data()
    step = trainer(model, nn.MSELoss(), 0.01)
    batches = Cycle(200)

    def one():
        i = batches.next() * 128
        step(x[i:i + 128], y[i:i + 128])

    run_steps("W3", one, 20, 5, 200, 128, train_flop(128, *W3_SIZES),
              lambda: mse_of(model, x[:128], y[:128]))


def w3_infer():
    x, _, model = w3_data()
    batches = Cycle(200)
    last = {}

    def one():
        i = batches.next() * 128
        last["out"] = model(x[i:i + 128])

    with torch.no_grad():
        run_steps("W3-infer", one, 20, 5, 200, 128, infer_flop(128, *W3_SIZES), lambda: None,
                  unit="s/forward", extra=lambda: {"checksum": float(last["out"][0, 0])})


def w4():
    torch.manual_seed(SEED)
    x = torch.randn(256, 1024)
    y = torch.randn(256, 1024)
    sizes = (1024, 4096, 4096, 1024)
    model = mlp(*sizes)
    step = trainer(model, nn.MSELoss(), 0.001)
    run_steps("W4", lambda: step(x, y), 2, 5, 10, 256, train_flop(256, *sizes), lambda: mse_of(model, x, y))


# ------------------------------------------------------------------ K1

def k1():
    torch.manual_seed(SEED)
    for n, count in ((256, 400), (512, 50), (1024, 8), (2048, 2)):
        a = torch.rand(n, n) * 2 - 1
        b = torch.rand(n, n) * 2 - 1
        c = torch.empty(n, n)

        def block():
            for _ in range(count):
                torch.mm(a, b, out=c)

        warm = warm_up(block, 1, 0.5)
        rates = [2.0 * n ** 3 * count / s / 1e9 for s in time_blocks(block, 7)]
        emit("K1-%d" % n, unit="GFLOP/s", median=median(rates), min=min(rates), max=max(rates),
             n_samples=len(rates), steps_per_sample=count, warmup_steps=warm * count)


# ------------------------------------------------------------------ W5, W6 (not run by Kindling yet)

def conv_flop(batch, c_in, c_out, k, h, w):
    return 2 * batch * h * w * c_out * c_in * k * k


def w5():
    torch.manual_seed(SEED)
    x = torch.randn(1920, 1, 8, 8)
    c = torch.randint(0, 10, (1920,))
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128, 10))
    step = trainer(model, nn.CrossEntropyLoss(), 0.05, momentum=0.9)
    batches = Cycle(30)

    def one():
        i = batches.next() * 64
        step(x[i:i + 64], c[i:i + 64])

    forward = conv_flop(64, 1, 16, 3, 8, 8) + conv_flop(64, 16, 32, 3, 4, 4) + 2 * 64 * 128 * 10
    run_steps("W5", one, 20, 5, 60, 64, 3 * forward, lambda: cross_entropy_of(model, x[:64], c[:64]))


def w6():
    torch.manual_seed(SEED)
    x = torch.randn(64, 3, 32, 32)
    c = torch.randint(0, 10, (64,))
    model = nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(4096, 10))
    step = trainer(model, nn.CrossEntropyLoss(), 0.01, momentum=0.9)
    forward = (conv_flop(64, 3, 32, 3, 32, 32) + conv_flop(64, 32, 32, 3, 32, 32)
               + conv_flop(64, 32, 64, 3, 16, 16) + conv_flop(64, 64, 64, 3, 16, 16) + 2 * 64 * 4096 * 10)
    run_steps("W6", lambda: step(x, c), 2, 5, 5, 64, 3 * forward, lambda: cross_entropy_of(model, x, c))


# ------------------------------------------------------------------ probes

def probe(name, count, op, note):
    def block():
        for _ in range(count):
            op()

    warm_up(block, 1, 1.0)
    micros = [s / count * 1e6 for s in time_blocks(block, 7)]
    emit(name, unit="us/op", median=median(micros), min=min(micros), max=max(micros), n_samples=7,
         steps_per_sample=count, note=note)


def probes():
    torch.manual_seed(SEED)
    a, b = torch.rand(1), torch.rand(1)
    probe("P1", 100000, lambda: a + b, "c = a + b on 1-element tensors, no grad")
    a_grad = torch.rand(1, requires_grad=True)
    probe("P1g", 100000, lambda: a_grad + b, "c = a + b, a.requires_grad (graph recorded, no backward)")
    lin, x1 = nn.Linear(1, 1), torch.rand(1, 1)
    probe("P2", 10000, lambda: lin(x1).sum().backward(), "Linear(1,1) forward + sum + backward on [1,1]")
    x, y = torch.rand(1, 1), torch.rand(1, 1)
    step = trainer(mlp(1, 64, 1), nn.MSELoss(), 0.01)
    probe("P3", 2000, lambda: step(x, y), "W1 training step with batch 1 (op sequence, ~no arithmetic)")


RUN = {"W1": w1, "W2": w2, "W3": w3, "W3-infer": w3_infer, "W4": w4, "K1": k1, "W5": w5, "W6": w6}


def main():
    wanted = [w.strip() for w in ARGS.only.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in RUN]
    if unknown:
        sys.exit("unknown workload(s) %s; known: %s" % (", ".join(unknown), ", ".join(ALL)))
    print(json.dumps({"suite": SUITE, "impl": IMPL, "workload": "_meta", "threads": ARGS.threads,
                      "torch_threads": torch.get_num_threads(), "blas": blas_name(),
                      "python": sys.version.split()[0], "loadavg": loadavg()}), flush=True)
    for name in wanted:
        RUN[name]()
    if ARGS.probes:
        probes()


if __name__ == "__main__":
    main()
