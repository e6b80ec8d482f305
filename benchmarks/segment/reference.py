#!/usr/bin/python3
"""The PyTorch side of benchmarks/segment: the test-time tiling of Smith et al. 2020, "Segmentation of roots in soil
with U-Net" (doi:10.1186/s13007-020-0563-0), written from the paper's description in python3-torch as a user would run
it (default allocator, the system's BLAS, torch.set_num_threads): mirror-pad the photo, cut 572x572 tiles whose
388x388 centres cover it (last row and column moved back to the edge), scale each tile with scikit-image's
rescale_intensity to [0, 1] and subtract 0.5, run the U-Net, root where the softmax root probability > 0.5.

  reference.py make --photo OUT.png --weights OUT.pt --source JPG --width W --height H --net-width C --groups G
      writes the benchmark photo (a real photo mirrored out to W x H) and random He-initialised weights (seed 1).
  reference.py segment --photo PNG --weights PT --out MASK.png --threads T --net-width C --groups G
      segments and prints one JSON line: wall and CPU seconds (read, segment, write), peak resident memory (MiB).
  reference.py agree A.png B.png
      prints the fraction of pixels on which two masks agree.
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
from skimage import exposure, io

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unet"))
from unet_torch import UNetGN  # noqa: E402  (the same network as benchmarks/unet)

IN, OUT = 572, 388


def positions(size):
    # Output squares side by side; the last one ends at the edge.
    starts = [0]
    while starts[-1] + OUT < size:
        starts.append(min(starts[-1] + OUT, size - OUT))
    return starts


def segment(net, photo):
    height, width = photo.shape[:2]
    margin = (IN - OUT) // 2
    padded = np.pad(photo, ((margin, margin + max(0, OUT - height)), (margin, margin + max(0, OUT - width)), (0, 0)),
                    mode="reflect")
    mask = np.zeros((height, width), dtype=np.uint8)
    with torch.no_grad():
        for y in positions(height):
            for x in positions(width):
                tile = padded[y:y + IN, x:x + IN].astype(np.float32)
                tile = exposure.rescale_intensity(tile, out_range=(0, 1)) - 0.5
                batch = torch.from_numpy(np.ascontiguousarray(tile.transpose(2, 0, 1)))[None]
                root = torch.softmax(net(batch), 1)[0, 1].numpy()
                h, w = min(OUT, height - y), min(OUT, width - x)
                mask[y:y + h, x:x + w] = (root[:h, :w] > 0.5)
    return mask


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["make", "segment", "agree"])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--photo")
    parser.add_argument("--weights")
    parser.add_argument("--source")
    parser.add_argument("--out")
    parser.add_argument("--width", type=int, default=3991)
    parser.add_argument("--height", type=int, default=1842)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--net-width", type=int, default=64)
    parser.add_argument("--groups", type=int, default=32)
    args = parser.parse_args()

    if args.mode == "agree":
        a, b = (io.imread(f) > 0 for f in args.files)
        print(json.dumps({"agreement": float((a == b).mean()), "a_root": float(a.mean()), "b_root": float(b.mean())}))
        return
    if args.mode == "make":
        source = io.imread(args.source)[:, :, :3]
        h, w = source.shape[:2]
        photo = np.pad(source[:min(h, args.height), :min(w, args.width)],
                       ((0, max(0, args.height - h)), (0, max(0, args.width - w)), (0, 0)), mode="reflect")
        io.imsave(args.photo, photo, check_contrast=False)
        torch.manual_seed(1)
        torch.save(UNetGN(args.net_width, args.groups).state_dict(), args.weights)
        return

    torch.set_num_threads(args.threads)
    net = UNetGN(args.net_width, args.groups)
    net.load_state_dict(torch.load(args.weights))
    net.eval()
    start, cpu = time.perf_counter(), time.process_time()
    photo = io.imread(args.photo)[:, :, :3]
    mask = segment(net, photo)
    io.imsave(args.out, mask * 255, check_contrast=False)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mib": peak, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
