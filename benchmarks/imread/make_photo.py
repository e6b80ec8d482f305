#!/usr/bin/python3
"""Makes the benchmark's 4608x2592 JPEG (the paper's camera size) in a temporary folder, never in the repository.

It tiles a real minirhizotron photo, mirrored so the seams are continuous, to keep a photo's texture (and so its
entropy-coded size); without one it falls back to smoothed noise. Quality 95 with 4:2:0 chroma, as cameras write.
"""
import sys

import numpy as np
from PIL import Image, ImageFilter

WIDTH, HEIGHT = 4608, 2592


def main():
    out, source = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    if source:
        photo = np.asarray(Image.open(source).convert("RGB"))
        row = np.concatenate([photo, photo[:, ::-1]], axis=1)
        tiled = np.concatenate([row, row[::-1]], axis=0)
        reps = (-(-HEIGHT // tiled.shape[0]), -(-WIDTH // tiled.shape[1]), 1)
        pixels = np.tile(tiled, reps)[:HEIGHT, :WIDTH]
    else:
        noise = np.random.default_rng(1).integers(0, 256, (HEIGHT, WIDTH, 3), dtype=np.uint8)
        pixels = np.asarray(Image.fromarray(noise).filter(ImageFilter.GaussianBlur(1.5)))
    Image.fromarray(np.ascontiguousarray(pixels)).save(out, quality=95, subsampling=2)
    print(f"imread: made {out} ({WIDTH}x{HEIGHT}) from {source or 'smoothed noise'}", file=sys.stderr)


if __name__ == "__main__":
    main()
