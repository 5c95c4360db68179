#!/usr/bin/env python3
"""Whole-job workload E1 (bench/WORKLOADS.md), PyTorch side: the job `./kindling train` does by default.

    python3 bench/e2e/tutorial_job.py OUT_DIR      (THREADS=n sets torch's thread count, default 1)

sin(x) + noise on 1,000 points, 800 to train and 200 held out; MyModel 1 -> 64 -> 1 with ReLU;
2,000 full-batch epochs of MSELoss and SGD(lr=0.05) with a validation loss each epoch; loss and
prediction plots as PNG and SVG with Matplotlib; the weights saved. Time it as a whole process.
"""
import math
import os
import sys
import time

started = time.perf_counter()

import matplotlib  # noqa: E402

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402


class MyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = nn.Linear(1, 64)
        self.layer2 = nn.Linear(64, 1)

    def forward(self, x):
        return self.layer2(torch.relu(self.layer1(x)))


def save_both(fig, out, name):
    fig.savefig(os.path.join(out, name + ".png"), dpi=100)
    fig.savefig(os.path.join(out, name + ".svg"))
    plt.close(fig)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    torch.manual_seed(42)
    x = torch.rand(1000, 1) * 2 * math.pi - math.pi
    y = torch.sin(x) + 0.05 * torch.randn(1000, 1)
    order = torch.randperm(1000)
    x_train, y_train = x[order[:800]], y[order[:800]]
    x_val, y_val = x[order[800:]], y[order[800:]]

    model = MyModel()
    criterion = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    train_loss, val_loss = [], []
    for _ in range(2000):
        loss = criterion(model(x_train), y_train)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        train_loss.append(loss.item())
        with torch.no_grad():
            val_loss.append(criterion(model(x_val), y_val).item())
    with torch.no_grad():
        predicted = model(x_val)

    fig, ax = plt.subplots()
    ax.plot(train_loss, label="train")
    ax.plot(val_loss, label="validation")
    ax.set(yscale="log", xlabel="epoch", ylabel="MSE")
    ax.legend()
    save_both(fig, out, "loss")

    fig, ax = plt.subplots()
    ax.scatter(y_val.numpy(), predicted.numpy(), s=8)
    ax.plot([-1, 1], [-1, 1], "k--")
    ax.set(xlabel="true", ylabel="predicted")
    save_both(fig, out, "predictions")

    torch.save(model.state_dict(), os.path.join(out, "model.pt"))
    print("train %.5f, validation %.5f, %.2f s" % (train_loss[-1], val_loss[-1], time.perf_counter() - started))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "e2e-out")
