#!/usr/bin/python3
"""The PyTorch side of benchmarks/unet: the paper's U-Net (Smith et al. 2020, doi:10.1186/s13007-020-00563-0) in
python3-torch as a user would run it (default allocator, the system's BLAS, torch.set_num_threads), timing an
inference forward pass and a training step (forward, Dice + 0.3 cross-entropy, backward, SGD with Nesterov
momentum 0.99, learning rate 0.01, weight decay 1e-5).

It serves rounds on request, like the RootSeg side: after set-up and one warm-up step it prints "ready"; each line
"N" on standard input runs N forward passes and N training steps and prints "fwd S1 ... train S1 ..." (seconds).
"""
import argparse
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def stage(cin, cout, kernel, groups, transposed=False):
    conv = nn.ConvTranspose2d(cin, cout, kernel, stride=2) if transposed else nn.Conv2d(cin, cout, kernel)
    return [conv, nn.ReLU(), nn.GroupNorm(groups, cout)]


class Down(nn.Module):
    def __init__(self, c, g):
        super().__init__()
        self.pool = nn.MaxPool2d(2)
        self.conv1 = nn.Sequential(*stage(c, 2 * c, 3, g))
        self.conv2 = nn.Sequential(*stage(2 * c, 2 * c, 3, g))

    def forward(self, x):
        return self.conv2(self.conv1(self.pool(x)))


class Up(nn.Module):
    def __init__(self, c, g):
        super().__init__()
        h = c // 2
        self.conv1 = nn.Sequential(*stage(c, h, 2, g, transposed=True))
        self.conv2 = nn.Sequential(*stage(c, h, 3, g))
        self.conv3 = nn.Sequential(*stage(h, h, 3, g))

    def forward(self, x, skip):
        up = self.conv1(x)
        top = (skip.shape[2] - up.shape[2]) // 2
        left = (skip.shape[3] - up.shape[3]) // 2
        cropped = skip[:, :, top:top + up.shape[2], left:left + up.shape[3]]
        return self.conv3(self.conv2(torch.cat([cropped, up], 1)))


class UNetGN(nn.Module):
    def __init__(self, w=64, g=32):
        super().__init__()
        self.conv_in = nn.Sequential(*stage(3, w, 3, g), *stage(w, w, 3, g))
        self.down1, self.down2, self.down3, self.down4 = (Down(w * k, g) for k in (1, 2, 4, 8))
        self.up1, self.up2, self.up3, self.up4 = (Up(w * k, g) for k in (16, 8, 4, 2))
        self.conv_out = nn.Sequential(*stage(w, 2, 1, 2))
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.kaiming_normal_(m.weight)

    def forward(self, x):
        x0 = self.conv_in(x)
        x1 = self.down1(x0)
        x2 = self.down2(x1)
        x3 = self.down3(x2)
        x = self.down4(x3)
        x = self.up1(x, x3)
        x = self.up2(x, x2)
        x = self.up3(x, x1)
        x = self.up4(x, x0)
        return self.conv_out(x)


def paper_loss(logits, target):
    p = torch.softmax(logits, 1)[:, 1]
    y = target.float()
    dice = 1 - 2 * (p * y).sum() / (p.sum() + y.sum())
    return dice + 0.3 * F.cross_entropy(logits, target)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=572)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--groups", type=int, default=32)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    net = UNetGN(args.width, args.groups)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.99, weight_decay=1e-5, nesterov=True)
    x = torch.rand((1, 3, args.size, args.size)) - 0.5
    out = args.size - 184
    target = (torch.rand((1, out, out)) < 0.1).long()

    def forward():
        start = time.perf_counter()
        with torch.no_grad():
            net(x)
        return time.perf_counter() - start

    def train():
        start = time.perf_counter()
        optimizer.zero_grad()
        loss = paper_loss(net(x), target)
        loss.backward()
        optimizer.step()
        return time.perf_counter() - start

    forward()
    train()
    print(f"ready threads={torch.get_num_threads()} torch={torch.__version__}", flush=True)
    for line in sys.stdin:
        n = int(line)
        fwd = [forward() for _ in range(n)]
        trn = [train() for _ in range(n)]
        print("fwd " + " ".join(map(repr, fwd)) + " train " + " ".join(map(repr, trn)), flush=True)


if __name__ == "__main__":
    main()
