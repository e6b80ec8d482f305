#!/usr/bin/python3
"""Pooled F1 of saved root probabilities at thresholds 0.30 to 0.90 (steps of 0.05), to see what choosing a threshold
on validation photos would buy. Reads PROBS/STEM.prob.png (`rootseg segment --probabilities`, probability x 255) and
TRUTH/STEM.* (root where grey >= 128); prints one line per threshold and the best. With THRESHOLD (one of those),
also each photo's F1, precision and recall there, and their mean and sample sd.
usage: /usr/bin/python3 scripts/threshold_sweep.py PROBS TRUTH [THRESHOLD]"""
import glob
import os
import sys

import numpy as np
from PIL import Image

probs_dir, truth_dir = sys.argv[1], sys.argv[2]
thresholds = [round(0.05 * i, 2) for i in range(6, 19)]
per_photo_at = thresholds.index(float(sys.argv[3])) if len(sys.argv) > 3 else None
tp, fp, fn = (np.zeros(len(thresholds)) for _ in range(3))
photos = []
for path in sorted(glob.glob(os.path.join(probs_dir, "*.prob.png"))):
    stem = os.path.basename(path)[:-len(".prob.png")]
    truth_path = glob.glob(os.path.join(truth_dir, stem + ".*"))[0]
    prob = np.asarray(Image.open(path).convert("L"), dtype=np.float32) / 255
    truth = np.asarray(Image.open(truth_path).convert("L")) >= 128
    for i, t in enumerate(thresholds):
        pred = prob > t
        counts = (pred & truth).sum(), (pred & ~truth).sum(), (~pred & truth).sum()
        tp[i] += counts[0]
        fp[i] += counts[1]
        fn[i] += counts[2]
        if i == per_photo_at:
            photos.append((stem, *counts))
f1 = 2 * tp / (2 * tp + fp + fn)
for t, f in zip(thresholds, f1):
    print(f"{t:.2f} {f:.4f}")
print("best", thresholds[int(np.argmax(f1))])
if photos:
    scores = np.array([(2 * a / (2 * a + b + c), a / (a + b), a / (a + c)) for _, a, b, c in photos])
    for (stem, *_), (f, p, r) in zip(photos, scores):
        print(f"{stem} F1 {f:.3f} precision {p:.3f} recall {r:.3f}")
    mean, sd = scores.mean(axis=0), scores.std(axis=0, ddof=1)
    print(f"per photo at {thresholds[per_photo_at]:.2f}: F1 {mean[0]:.3f} ± {sd[0]:.3f}, "
          f"precision {mean[1]:.3f} ± {sd[1]:.3f}, recall {mean[2]:.3f} ± {sd[2]:.3f}")
