#!/usr/bin/python3
"""Reference side of benchmarks/train: the paper's training step in python3-torch, run as a user would run it.

Smith et al. 2020 (doi:10.1186/s13007-020-00563-0): UNetGN of width 64, 572x572 tiles, batches of 4, SGD with
Nesterov momentum 0.99, weight decay 1e-5, loss Dice + 0.3 x cross-entropy, tiles augmented as the reference code
does (scipy map_coordinates elastic grid, noise, salt and pepper, flip, torchvision ColorJitter; the function of
benchmarks/augment/reference.py) by a torch DataLoader worker process, the default allocator, and
torch.set_num_threads(THREADS).

usage: reference.py STEPS [THREADS [WORKERS [WIDTH]]]; the first step is a warm-up; WIDTH (default 64) only
shrinks the network where the paper's is too slow to time; prints
"reference TILES_PER_SECOND SECONDS_PER_STEP".
"""
import importlib.util
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location('augment_reference', os.path.join(HERE, '..', 'augment', 'reference.py'))
AUGMENT = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(AUGMENT)
TILE, OUT, MARGIN = 572, 388, 92


def stage(cin, cout, kernel, groups, transposed=False):
    conv = nn.ConvTranspose2d(cin, cout, kernel, stride=2) if transposed else nn.Conv2d(cin, cout, kernel)
    return [conv, nn.ReLU(), nn.GroupNorm(groups, cout)]


class Down(nn.Module):
    def __init__(self, c, g):
        super().__init__()
        self.pool = nn.MaxPool2d(2)
        self.convs = nn.Sequential(*stage(c, 2 * c, 3, g), *stage(2 * c, 2 * c, 3, g))

    def forward(self, x):
        return self.convs(self.pool(x))


class Up(nn.Module):
    def __init__(self, c, g):
        super().__init__()
        self.up = nn.Sequential(*stage(c, c // 2, 2, g, transposed=True))
        self.convs = nn.Sequential(*stage(c, c // 2, 3, g), *stage(c // 2, c // 2, 3, g))

    def forward(self, x, skip):
        up = self.up(x)
        top = (skip.shape[2] - up.shape[2]) // 2
        left = (skip.shape[3] - up.shape[3]) // 2
        return self.convs(torch.cat([skip[:, :, top:top + up.shape[2], left:left + up.shape[3]], up], 1))


class UNetGN(nn.Module):
    def __init__(self, w=64, g=32):
        super().__init__()
        self.conv_in = nn.Sequential(*stage(3, w, 3, g), *stage(w, w, 3, g))
        self.downs = nn.ModuleList(Down(w * k, g) for k in (1, 2, 4, 8))
        self.ups = nn.ModuleList(Up(w * k, g) for k in (16, 8, 4, 2))
        self.conv_out = nn.Sequential(*stage(w, 2, 1, 2))
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.kaiming_normal_(m.weight)

    def forward(self, x):
        skips = [self.conv_in(x)]
        for down in self.downs:
            skips.append(down(skips[-1]))
        x = skips.pop()
        for up in self.ups:
            x = up(x, skips.pop())
        return self.conv_out(x)


def combined_loss(logits, target):
    ce = F.cross_entropy(logits, target)
    if target.sum() == 0:
        return ce
    root = torch.softmax(logits, 1)[:, 1]
    truth = target.float()
    dice = 1 - 2 * (root * truth).sum() / (root.sum() + truth.sum())
    return dice + 0.3 * ce


def synthetic(width, height, seed):
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width]
    root = ((xs + ys // 3) % 97 < 4) | (xs % 131 < 3)
    soil = rng.integers(50, 110, size=(height, width))
    photo = np.stack([np.where(root, 210 + rng.integers(0, 30, size=root.shape), soil),
                      np.where(root, 190 + rng.integers(0, 30, size=root.shape), soil - 10),
                      np.where(root, 170 + rng.integers(0, 30, size=root.shape), soil - 30)], -1).astype(np.uint8)
    return photo, root.astype(np.float32)


class Tiles(Dataset):
    """Random 572 tiles of the mirror-padded image whose 388 centre holds root, augmented per item."""

    def __init__(self, photo, annotation, count):
        self.photo = np.pad(photo, [(MARGIN, MARGIN), (MARGIN, MARGIN), (0, 0)], mode='reflect')
        self.annotation = np.pad(annotation, MARGIN, mode='reflect')
        rng = np.random.default_rng(3)
        self.corners = []
        while len(self.corners) < count:
            y = int(round(rng.random() * (self.photo.shape[0] - TILE)))
            x = int(round(rng.random() * (self.photo.shape[1] - TILE)))
            if self.annotation[y + MARGIN:y + MARGIN + OUT, x + MARGIN:x + MARGIN + OUT].sum() > 0:
                self.corners.append((y, x))
        self.jitter = transforms.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.2, hue=0.001)

    def __len__(self):
        return len(self.corners)

    def __getitem__(self, index):
        y, x = self.corners[index]
        rng = np.random.default_rng(index)
        tile, mask = AUGMENT.full(self.photo[y:y + TILE, x:x + TILE], self.annotation[y:y + TILE, x:x + TILE],
                                  rng, self.jitter)
        return torch.from_numpy(np.ascontiguousarray(tile)), torch.from_numpy(np.ascontiguousarray(mask)).long()


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    width = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    photo, annotation = synthetic(1400, 1200, 1)
    loader = DataLoader(Tiles(photo, annotation, 4 * steps), batch_size=4, shuffle=True, num_workers=workers)
    cnn = UNetGN(width, min(32, width))
    cnn.train()
    optimiser = torch.optim.SGD(cnn.parameters(), lr=0.01, momentum=0.99, nesterov=True, weight_decay=1e-5)
    ends = []
    start = time.perf_counter()
    for step, (x, y) in enumerate(loader):
        optimiser.zero_grad()
        outputs = cnn(x)
        loss = combined_loss(outputs, y)
        loss.backward()
        optimiser.step()
        ends.append(time.perf_counter())
        print(f'reference step {step + 1}: loss {loss.item():.4f}, {ends[-1] - start:.1f} s so far', file=sys.stderr)
    seconds = ends[-1] - ends[0]
    tiles = 4 * (len(ends) - 1)
    print(f'reference {tiles / seconds:.4f} {seconds / (len(ends) - 1):.3f}')


if __name__ == '__main__':
    main()
