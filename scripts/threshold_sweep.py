#!/usr/bin/python3
"""Pooled F1 of saved root probabilities at thresholds 0.30 to 0.90 (steps of 0.05), to see what choosing a threshold
on validation photos would buy. Reads PROBS/STEM.prob.png (`rootseg segment --probabilities`, probability x 255) and
TRUTH/STEM.* (root where grey >= 128); prints one line per threshold and the best.
usage: /usr/bin/python3 scripts/threshold_sweep.py PROBS TRUTH"""
import glob
import os
import sys

import numpy as np
from PIL import Image

probs_dir, truth_dir = sys.argv[1], sys.argv[2]
thresholds = [round(0.05 * i, 2) for i in range(6, 19)]
tp, fp, fn = (np.zeros(len(thresholds)) for _ in range(3))
for path in sorted(glob.glob(os.path.join(probs_dir, "*.prob.png"))):
    stem = os.path.basename(path)[:-len(".prob.png")]
    truth_path = glob.glob(os.path.join(truth_dir, stem + ".*"))[0]
    prob = np.asarray(Image.open(path).convert("L"), dtype=np.float32) / 255
    truth = np.asarray(Image.open(truth_path).convert("L")) >= 128
    for i, t in enumerate(thresholds):
        pred = prob > t
        tp[i] += (pred & truth).sum()
        fp[i] += (pred & ~truth).sum()
        fn[i] += (~pred & truth).sum()
f1 = 2 * tp / (2 * tp + fp + fn)
for t, f in zip(thresholds, f1):
    print(f"{t:.2f} {f:.4f}")
print("best", thresholds[int(np.argmax(f1))])
