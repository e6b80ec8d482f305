#!/usr/bin/python3
"""PyTorch side of the allocator benchmark: the same network and training step as AllocatorBenchmark.cs.

Prints one line "steps_ms=a,b,c,...". Run under LD_PRELOAD=libjemalloc.so.2 to time PyTorch on jemalloc.
"""
import argparse
import os
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--steps", type=int, default=8)
parser.add_argument("--size", type=int, default=252)
parser.add_argument("--width", type=int, default=32)
parser.add_argument("--batch", type=int, default=1)
args = parser.parse_args()

torch.set_num_threads(os.cpu_count())
torch.manual_seed(0)
w = args.width
net = nn.Sequential(
    nn.Conv2d(3, w, 3), nn.ReLU(), nn.GroupNorm(8, w),
    nn.Conv2d(w, w, 3), nn.ReLU(), nn.GroupNorm(8, w),
    nn.MaxPool2d(2),
    nn.Conv2d(w, 2 * w, 3), nn.ReLU(), nn.GroupNorm(8, 2 * w),
    nn.Conv2d(2 * w, 2 * w, 3), nn.ReLU(), nn.GroupNorm(8, 2 * w),
    nn.ConvTranspose2d(2 * w, w, 2, stride=2),
    nn.Conv2d(w, w, 3), nn.ReLU(), nn.GroupNorm(8, w),
    nn.Conv2d(w, 2, 1))
sgd = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.99, weight_decay=1e-5, nesterov=True)
x = torch.randn((args.batch, 3, args.size, args.size), generator=torch.Generator().manual_seed(1))
out = ((args.size - 4) // 2 - 4) * 2 - 2
target = torch.randint(0, 2, (args.batch, out, out), generator=torch.Generator().manual_seed(2))
times = []
for step in range(args.steps + 2):
    if step == 2:
        usage_start = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    sgd.zero_grad()
    loss = F.cross_entropy(net(x), target)
    loss.backward()
    sgd.step()
    if step >= 2:
        times.append((time.perf_counter() - start) * 1000)
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = (usage.ru_utime + usage.ru_stime - usage_start.ru_utime - usage_start.ru_stime) * 1000 / args.steps
faults = (usage.ru_minflt - usage_start.ru_minflt) / args.steps
print(f"threads={torch.get_num_threads()} steps_ms=" + ",".join(f"{t:.1f}" for t in times)
      + f" cpu_ms_per_step={cpu:.0f} minor_faults_per_step={faults:.0f}")
