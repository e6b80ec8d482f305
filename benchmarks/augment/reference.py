#!/usr/bin/python3
"""Reference side of benchmarks/augment: the same two measurements as AugmentBenchmark.cs, with scipy, Pillow and
torchvision in the way the paper's reference code combines them (Smith et al. 2020, doi:10.1186/s13007-020-00563-0).

usage: reference.py REPEATS; prints "reference ELASTIC_TIMES | FULL_TIMES" (seconds per tile, one thread).
"""
import sys
import time

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter, map_coordinates
from skimage.exposure import rescale_intensity
from torchvision import transforms
import torch

torch.set_num_threads(1)
SIZE, PAD = 572, 60


def elastic(photo, annotation, alpha, sigma, rng):
    shape = (SIZE + 2 * PAD, SIZE + 2 * PAD)
    noise_rows = rng.uniform(-1.0, 1.0, size=shape)
    noise_cols = rng.uniform(-1.0, 1.0, size=shape)
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    indices = [rows + gaussian_filter(noise_rows, sigma, mode='reflect') * alpha,
               cols + gaussian_filter(noise_cols, sigma, mode='reflect') * alpha]
    padded = np.pad(photo, [(PAD, PAD), (PAD, PAD), (0, 0)], mode='reflect')
    out = np.empty_like(padded)
    for c in range(3):
        out[:, :, c] = map_coordinates(padded[:, :, c], indices, order=1)
    padded_annotation = np.pad(annotation, PAD, mode='reflect')
    out_annotation = map_coordinates(padded_annotation, indices, order=1)
    return out[PAD:-PAD, PAD:-PAD], np.round(out_annotation[PAD:-PAD, PAD:-PAD]).astype(np.int64)


def full(photo, annotation, rng, jitter):
    tile = rescale_intensity(photo.astype(np.float32), out_range=(0, 1))
    scale = rng.random()
    intensity = 0.4 + 0.6 * rng.random()
    tile, mask = elastic(tile, annotation, (200 + 2300 * scale) * intensity, 15 + 45 * scale, rng)
    tile = tile + rng.normal(0, abs(rng.normal(0, 0.09)), size=tile.shape)
    count = int(np.ceil(abs(rng.normal(0, 0.008)) * tile.size))
    for value in (1.0, 0.0):
        tile[np.floor(rng.random(count) * SIZE).astype(int), np.floor(rng.random(count) * SIZE).astype(int)] = value
    if rng.random() < 0.5:
        tile = np.fliplr(tile)
        mask = np.fliplr(mask)
    tile = tile - tile.min()
    tile = np.clip(np.round(tile / tile.max() * 255.0), 0, 255).astype(np.uint8)
    tile = np.asarray(jitter(Image.fromarray(tile, mode='RGB')))
    tile = rescale_intensity(tile.astype(np.float32), out_range=(0, 1)) - 0.5
    return np.moveaxis(tile, -1, 0).astype(np.float32), mask[92:-92, 92:-92] > 0


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rng = np.random.default_rng(1)
    photo = rng.integers(0, 256, size=(SIZE, SIZE, 3), dtype=np.uint8)
    annotation = np.zeros((SIZE, SIZE), dtype=np.float32)
    annotation[200:380, 250:258] = 1.0
    unit = photo.astype(np.float32) / 255.0
    jitter = transforms.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.2, hue=0.001)
    elastic_times, full_times = [], []
    for r in range(repeats + 1):
        start = time.perf_counter()
        elastic(unit, annotation, 945.0, 37.5, rng)
        middle = time.perf_counter()
        full(photo, annotation, rng, jitter)
        end = time.perf_counter()
        if r > 0:
            elastic_times.append(middle - start)
            full_times.append(end - middle)
    print('reference ' + ' '.join(f'{t:.5f}' for t in elastic_times) + ' | ' + ' '.join(f'{t:.5f}' for t in full_times))


if __name__ == '__main__':
    main()
