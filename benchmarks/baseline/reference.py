#!/usr/bin/python3
"""Reference side of benchmarks/baseline: the Frangi baseline objective evaluation in scikit-image.

Same pipeline and parameters as benchmarks/RootSeg.Benchmarks/BaselineBenchmark.cs: rgb2gray, the Frangi filter as
the paper's code runs it (scales 1, 2, 4, ..., 2**(max_sigma - 1), zero-padded Hessian of the inverted photo,
scikit-image 0.14's eigenvalue rule; paper_frangi of scripts/fixtures/baseline.py, the one definition the tests'
fixture also uses; beta=beta1, gamma=beta2, roots lighter than soil), threshold,
remove_small_objects(connectivity=1), F1 against the annotation (root where the largest channel >= 128, as RootSeg's
AnnotationMask reads it). Photos are read and converted to grey before timing, as in a search.
Usage: reference.py DATA_DIR COUNT REPEATS. Prints one line "skimage_s=... skimage_cpu_s=... mean_f1=..." with the
fastest wall time and the processor time of that evaluation.
"""
import os
import sys
import time

import numpy as np
from skimage import io
from skimage.color import rgb2gray
from skimage.morphology import remove_small_objects

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "fixtures"))
from baseline import paper_frangi  # noqa: E402

MAX_SIGMA, BETA1, BETA2, THRESHOLD, MIN_SIZE = 4, 0.5, 0.05, 0.1, 100


def stems(data):
    photos = {os.path.splitext(f)[0]: f for f in os.listdir(os.path.join(data, "photos"))}
    annotations = {os.path.splitext(f)[0]: f for f in os.listdir(os.path.join(data, "annotations"))}
    return sorted(s for s in photos if s in annotations), photos, annotations


def load(data, count):
    names, photos, annotations = stems(data)
    images = []
    for stem in names[:count]:
        grey = rgb2gray(io.imread(os.path.join(data, "photos", photos[stem])))
        truth = io.imread(os.path.join(data, "annotations", annotations[stem]))
        truth = (truth.max(axis=2) if truth.ndim == 3 else truth) >= 128
        images.append((grey, truth))
    return images


def evaluate(images):
    scores = []
    for grey, truth in images:
        vessel = paper_frangi(grey, MAX_SIGMA, BETA1, BETA2, bright_roots=True)
        mask = remove_small_objects(vessel > THRESHOLD, min_size=MIN_SIZE, connectivity=1)
        tp = np.count_nonzero(mask & truth)
        fp = np.count_nonzero(mask & ~truth)
        fn = np.count_nonzero(~mask & truth)
        scores.append(2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 1.0)
    return float(np.mean(scores))


def main():
    data, count, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    images = load(data, count)
    best = (float("inf"), 0.0)
    for _ in range(repeats):
        cpu = time.process_time()
        start = time.perf_counter()
        f1 = evaluate(images)
        wall = time.perf_counter() - start
        if wall < best[0]:
            best = (wall, time.process_time() - cpu)
    print(f"skimage_s={best[0]:.4f} skimage_cpu_s={best[1]:.4f} mean_f1={f1:.6f} images={len(images)}")


if __name__ == "__main__":
    main()
