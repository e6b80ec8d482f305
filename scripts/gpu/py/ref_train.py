#!/usr/bin/env python3
"""PyTorch side of the training benchmark of scripts/gpu/bench, on any device.

The paper's training loop (Smith et al. 2020, doi:10.1186/s13007-020-00563-0) as a PyTorch user would run it on a
GPU: UNetGN of benchmarks/train/reference.py (width 64, GroupNorm 32), 572x572 tiles of its synthetic photo in
batches of 4, augmented on the CPU by a DataLoader with WORKERS processes (the augmentation of
benchmarks/augment/reference.py), SGD with Nesterov momentum 0.99, lr 0.01, weight decay 1e-5, loss Dice + 0.3 x
cross-entropy. Steps run for --seconds after --warmup steps; then, with --pure-seconds, the same steps on one batch
kept on the device (the network's own speed, without loading). Prints one JSON line:
tiles_per_second (with augmentation), pure_tiles_per_second, steps, workers, device.
"""
import argparse
import importlib.util
import json
import os
import time

import torch
from torch.utils.data import DataLoader

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "train_reference", os.path.join(HERE, "..", "..", "..", "benchmarks", "train", "reference.py"))
REFERENCE = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(REFERENCE)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--pure-seconds", type=float, default=8)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--max-steps", type=int, default=100000)
    args = parser.parse_args()
    device = torch.device(args.device)
    torch.manual_seed(1)
    photo, annotation = REFERENCE.synthetic(1400, 1200, 1)
    tiles = 4 * min(args.max_steps + args.warmup, 4000)
    loader = DataLoader(REFERENCE.Tiles(photo, annotation, tiles), batch_size=4, shuffle=True,
                        num_workers=args.workers, persistent_workers=False, pin_memory=device.type == "cuda")
    net = REFERENCE.UNetGN(args.width, min(32, args.width)).to(device).train()
    optimiser = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.99, nesterov=True, weight_decay=1e-5)

    def step(x, y):
        optimiser.zero_grad()
        loss = REFERENCE.combined_loss(net(x), y)
        loss.backward()
        optimiser.step()
        return loss

    steps, start, batch = 0, None, None
    for index, (x, y) in enumerate(loader):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        batch = (x, y)
        step(x, y)
        if index + 1 == args.warmup:
            sync(device)
            start = time.perf_counter()
        elif start is not None:
            steps += 1
            if time.perf_counter() - start >= args.seconds or steps >= args.max_steps:
                break
    sync(device)
    seconds = time.perf_counter() - start
    result = {"tiles_per_second": 4 * steps / seconds, "steps": steps, "seconds": seconds, "workers": args.workers,
              "device": str(device), "width": args.width, "torch": torch.__version__}
    if args.pure_seconds > 0:
        pure, begin = 0, time.perf_counter()
        while time.perf_counter() - begin < args.pure_seconds and pure < args.max_steps:
            step(*batch)
            pure += 1
            if pure % 8 == 0:
                sync(device)
        sync(device)
        result["pure_tiles_per_second"] = 4 * pure / (time.perf_counter() - begin)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
