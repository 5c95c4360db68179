# The PyTorch original of DigitsCnn.java, line for line (python3 digits_cnn.py; needs torch and numpy).
import pathlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset, random_split


class DigitsCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, 1, 1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, 1, 1)
        self.bn2 = nn.BatchNorm2d(32)
        self.fc = nn.Linear(32 * 2 * 2, 10)

    def forward(self, x):                                    # [N, 1, 8, 8]
        x = F.max_pool2d(self.bn1(self.conv1(x)).relu(), 2)  # [N, 16, 4, 4]
        x = F.max_pool2d(self.bn2(self.conv2(x)).relu(), 2)  # [N, 32, 2, 2]
        return self.fc(x.flatten(1, -1))                     # [N, 10] logits


def train(epochs):
    torch.manual_seed(0)
    csv = pathlib.Path(__file__).parents[4] / "kindling-tabular/src/main/resources/org/kindling/tabular/datasets/digits.csv"
    table = np.loadtxt(csv, delimiter=",", skiprows=1, dtype=np.float32)
    images = torch.from_numpy(table[:, :64]).div(16).reshape(-1, 1, 8, 8)  # pixels 0..16 → 0..1
    labels = torch.from_numpy(table[:, 64]).reshape(-1).to(torch.int64)
    dataset = TensorDataset(images, labels)
    split = random_split(dataset, [1437, 360], generator=torch.Generator().manual_seed(0))
    train_loader = DataLoader(split[0], 64, shuffle=True)
    val_loader = DataLoader(split[1], 360, shuffle=False)

    model = DigitsCnn()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

    accuracies = []
    for epoch in range(epochs):
        model.train()
        for x, y in train_loader:
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in val_loader:
                correct += model(x).argmax(1).eq(y).sum().item()
        accuracies.append(correct / 360)
    return accuracies


if __name__ == "__main__":
    for e, acc in enumerate(train(10)):
        print("epoch %2d  validation accuracy %.1f%%" % (e + 1, 100 * acc))
