#!/usr/bin/python3
"""The fast recipe's training step in python3-torch (the libtorch 1.13 the shim links) in float32 and in bfloat16
autocast, NCHW and channels-last: the reference for the bf16 row of README "Training recipes".

A same-padded U-Net with batch norm (RootSeg's unet-same, here width W and depth D from the environment, default 8
and 5), batches of 4 random 576x576 tiles, AdamW, cross-entropy on float32 logits. The 2x2 transposed convolutions
run in float32 either inside autocast or outside it ("bf16-castup"), as RootSeg's shim does on the CPU.

usage: W=8 D=5 /usr/bin/python3 benchmarks/train/precision_reference.py   (2 threads; prints one line per variant,
the fastest of three timed steps after a warm-up)
"""
import os
import time

import torch
import torch.nn as nn

torch.set_num_threads(2)
WIDTH, DEPTH = int(os.environ.get("W", "8")), int(os.environ.get("D", "5"))


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.n1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.n2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        return torch.relu(self.n2(self.c2(torch.relu(self.n1(self.c1(x))))))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        channels = 3
        self.enc, self.up, self.dec = nn.ModuleList(), nn.ModuleList(), nn.ModuleList()
        for level in range(DEPTH + 1):
            self.enc.append(Block(channels, WIDTH << level))
            channels = WIDTH << level
        for level in range(DEPTH - 1, -1, -1):
            self.up.append(nn.ConvTranspose2d(2 * (WIDTH << level), WIDTH << level, 2, stride=2))
            self.dec.append(Block(2 * (WIDTH << level), WIDTH << level))
        self.out = nn.Conv2d(WIDTH, 2, 1)

    def forward(self, x, up_in_fp32=False):
        skips = []
        x = self.enc[0](x)
        for level in range(1, DEPTH + 1):
            skips.append(x)
            x = self.enc[level](nn.functional.max_pool2d(x, 2))
        for i, level in enumerate(range(DEPTH - 1, -1, -1)):
            if up_in_fp32:
                with torch.autocast("cpu", enabled=False):
                    up = self.up[i](x.float())
            else:
                up = self.up[i](x)
            x = self.dec[i](torch.cat([skips[level], up.to(skips[level].dtype)], 1))
        return self.out(x)


def main():
    net = Net()
    optimizer = torch.optim.AdamW(net.parameters(), 2e-3)
    x = torch.randn(4, 3, 576, 576)
    y = torch.randint(0, 2, (4, 576, 576))
    for channels_last in (False, True):
        if channels_last:
            net = net.to(memory_format=torch.channels_last)
            x = x.contiguous(memory_format=torch.channels_last)
        for mode in ("fp32", "bf16", "bf16-castup"):
            times = []
            for _ in range(4):
                start = time.time()
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=mode != "fp32"):
                    logits = net(x, up_in_fp32=mode == "bf16-castup")
                    loss = nn.functional.cross_entropy(logits.float(), y)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                times.append(time.time() - start)
            print(f"width {WIDTH} depth {DEPTH} channels_last={channels_last} {mode}: step {min(times[1:]):.3f} s", flush=True)


if __name__ == "__main__":
    main()
