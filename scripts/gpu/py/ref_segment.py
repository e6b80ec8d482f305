#!/usr/bin/env python3
"""PyTorch side of the segmentation benchmark of scripts/gpu/bench, on any device.

The test-time tiling of Smith et al. 2020, "Segmentation of roots in soil with U-Net" (Plant Methods 16:13,
doi:10.1186/s13007-020-00563-0) as a PyTorch user would run it on a GPU: mirror-pad the photo, cut 572x572 tiles
whose 388x388 centres cover it (last row and column moved back to the image edge), scale each tile with
scikit-image's rescale_intensity to [0, 1] and subtract 0.5, run the U-Net of benchmarks/unet/unet_torch.py, root
where the softmax root probability exceeds 0.5.

  ref_segment.py make --out DIR --count N --width W --height H --sources PHOTO... [--weights PT --net-width C]
      N photos of W x H made by laying real photos side by side and cropping (each from another offset), saved as
      JPEG (quality 95); with --weights, also random He-initialised U-Net weights (seed 1) as a state dict.
  ref_segment.py segment --weights PT --in DIR --out DIR [--device D] [--limit N] [--batch B] [--net-width C]
      segments the first N photos of DIR (sorted) into DIR/STEM.png and prints one JSON line: photos, seconds
      (reading, tiling, network, writing; after a one-tile warm-up), photos_per_second.
  ref_segment.py agree A_DIR B_DIR
      prints one JSON line: the share of pixels on which the masks of the same stem agree, over the stems in both.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from PIL import Image
from skimage import exposure

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "benchmarks", "unet"))
from unet_torch import UNetGN  # noqa: E402  (the network of benchmarks/unet, whose weights RootSeg reads)

IN, OUT = 572, 388


def starts(size):
    """Left or top edges of the output squares: side by side, the last one ending at the image edge."""
    edges = [0]
    while edges[-1] + OUT < size:
        edges.append(min(edges[-1] + OUT, size - OUT))
    return edges


def read_rgb(path):
    return np.asarray(Image.open(path).convert("RGB"))


def segment(net, photo, device, batch):
    height, width = photo.shape[:2]
    margin = (IN - OUT) // 2
    padded = np.pad(photo, ((margin, margin + max(0, OUT - height)), (margin, margin + max(0, OUT - width)), (0, 0)),
                    mode="reflect")
    corners = [(y, x) for y in starts(height) for x in starts(width)]
    mask = np.zeros((height, width), dtype=bool)
    with torch.no_grad():
        for first in range(0, len(corners), batch):
            chunk = corners[first:first + batch]
            tiles = [exposure.rescale_intensity(padded[y:y + IN, x:x + IN].astype(np.float32), out_range=(0, 1)) - 0.5
                     for y, x in chunk]
            inputs = torch.from_numpy(np.stack(tiles).transpose(0, 3, 1, 2).copy()).to(device)
            root = (torch.softmax(net(inputs), 1)[:, 1] > 0.5).cpu().numpy()
            for (y, x), tile in zip(chunk, root):
                h, w = min(OUT, height - y), min(OUT, width - x)
                mask[y:y + h, x:x + w] = tile[:h, :w]
    return mask


def make(args):
    os.makedirs(args.out, exist_ok=True)
    sources = [read_rgb(p) for p in sorted(args.sources)]
    rng = np.random.default_rng(1)
    for i in range(args.count):
        a, b = sources[i % len(sources)], sources[(i + 1) % len(sources)]
        rows = min(a.shape[0], b.shape[0])
        strip = np.concatenate([a[:rows], b[:rows]], axis=1)
        while strip.shape[1] < args.width:
            strip = np.concatenate([strip, strip[:, ::-1]], axis=1)
        while strip.shape[0] < args.height:
            strip = np.concatenate([strip, strip[::-1]], axis=0)
        y = int(rng.integers(0, strip.shape[0] - args.height + 1))
        x = int(rng.integers(0, strip.shape[1] - args.width + 1))
        Image.fromarray(np.ascontiguousarray(strip[y:y + args.height, x:x + args.width])).save(
            os.path.join(args.out, f"big{i:03d}.jpg"), quality=95)
    if args.weights:
        torch.manual_seed(1)
        torch.save(UNetGN(args.net_width, args.groups).state_dict(), args.weights)


def run(args):
    device = torch.device(args.device)
    net = UNetGN(args.net_width, args.groups)
    net.load_state_dict(torch.load(args.weights, map_location="cpu"))
    net.to(device).eval()
    os.makedirs(args.out, exist_ok=True)
    photos = sorted(f for f in os.listdir(args.input) if f.lower().endswith((".jpg", ".jpeg", ".png")))[:args.limit]
    with torch.no_grad():
        net(torch.zeros(1, 3, IN, IN, device=device))
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for name in photos:
        mask = segment(net, read_rgb(os.path.join(args.input, name)), device, args.batch)
        Image.fromarray(mask).save(os.path.join(args.out, os.path.splitext(name)[0] + ".png"))
    seconds = time.perf_counter() - start
    print(json.dumps({"photos": len(photos), "seconds": seconds, "photos_per_second": len(photos) / seconds,
                      "batch": args.batch, "device": str(device), "torch": torch.__version__,
                      "cudnn_benchmark": torch.backends.cudnn.benchmark}))


def agree(args):
    stems = lambda d: {os.path.splitext(f)[0]: os.path.join(d, f) for f in os.listdir(d) if f.endswith(".png")}
    a, b = stems(args.files[0]), stems(args.files[1])
    same = total = 0
    for stem in sorted(set(a) & set(b)):
        x = np.asarray(Image.open(a[stem]).convert("L")) >= 128
        y = np.asarray(Image.open(b[stem]).convert("L")) >= 128
        same += int((x == y).sum())
        total += x.size
    print(json.dumps({"masks": len(set(a) & set(b)), "pixels": total,
                      "agreement": same / total if total else None}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["make", "segment", "agree"])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--out")
    parser.add_argument("--in", dest="input")
    parser.add_argument("--sources", nargs="*", default=[])
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--width", type=int, default=3991)
    parser.add_argument("--height", type=int, default=1842)
    parser.add_argument("--weights")
    parser.add_argument("--net-width", type=int, default=64)
    parser.add_argument("--groups", type=int, default=32)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=1)
    args = parser.parse_args()
    {"make": make, "segment": run, "agree": agree}[args.mode](args)


if __name__ == "__main__":
    main()
