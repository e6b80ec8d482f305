#!/usr/bin/python3
"""How wide the hand-traced roots are against the predicted ones, and whether pixel F1 is lost to width or to
position: widths (2 x the distance transform on the skeleton, percentiles) of the traced and the predicted masks,
pooled F1 with the predictions shifted by up to 4 pixels (a systematic offset of the tracing would show as a best
shift other than 0,0), and pooled F1 when the predicted skeleton is redrawn at traced-line widths.
Reads PRED/STEM.png (`rootseg segment`) and TRUTH/STEM.* (root where grey >= 128) for the stems of PRED, or of the
split's test list when SPLIT is given; writes JSON on standard output.
usage: /usr/bin/python3 scripts/label_width.py PRED TRUTH [SPLIT]"""
import glob
import json
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage
from skimage.morphology import binary_dilation, disk, skeletonize

SHIFT = 4
pred_dir, truth_dir = sys.argv[1], sys.argv[2]
if len(sys.argv) > 3:
    stems = json.load(open(sys.argv[3]))["test"]
else:
    stems = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(pred_dir, "*.png")) if ".prob" not in p)


def mask(path):
    return np.asarray(Image.open(path).convert("L")) >= 128


def widths(m):
    return 2 * ndimage.distance_transform_edt(m)[skeletonize(m)]


def counts(pred, truth):
    return np.array([(pred & truth).sum(), (pred & ~truth).sum(), (~pred & truth).sum()], dtype=np.float64)


def f1(c):
    return round(float(2 * c[0] / (2 * c[0] + c[1] + c[2])), 4)


redraws = {
    "skeleton": lambda s: s,
    "skeleton + 4-neighbours (3 px)": lambda s: binary_dilation(s, disk(1)),
    "skeleton + 3x3 square (3 px)": lambda s: binary_dilation(s, np.ones((3, 3), bool)),
    "skeleton + disk 2 (5 px)": lambda s: binary_dilation(s, disk(2)),
}
truth_widths, pred_widths = [], []
shifted = np.zeros((2 * SHIFT + 1, 2 * SHIFT + 1, 3))
redrawn = {name: np.zeros(3) for name in redraws}
raw = np.zeros(3)
best_shifts = {}
for stem in stems:
    pred = mask(os.path.join(pred_dir, stem + ".png"))
    truth = mask(glob.glob(os.path.join(truth_dir, stem + ".*"))[0])
    truth_widths.append(widths(truth))
    pred_widths.append(widths(pred))
    raw += counts(pred, truth)
    inner = truth[SHIFT:-SHIFT, SHIFT:-SHIFT]
    h, w = pred.shape
    best = (-1.0, None)
    for dy in range(-SHIFT, SHIFT + 1):
        for dx in range(-SHIFT, SHIFT + 1):
            c = counts(pred[SHIFT + dy:h - SHIFT + dy, SHIFT + dx:w - SHIFT + dx], inner)
            shifted[dy + SHIFT, dx + SHIFT] += c
            best = max(best, (f1(c), (dy, dx)))
    best_shifts[stem] = best[1]
    skeleton = skeletonize(pred)
    for name, redraw in redraws.items():
        redrawn[name] += counts(redraw(skeleton), truth)

pooled_shift = [[f1(shifted[i, j]) for j in range(2 * SHIFT + 1)] for i in range(2 * SHIFT + 1)]
best_index = np.unravel_index(np.argmax(np.array(pooled_shift)), (2 * SHIFT + 1, 2 * SHIFT + 1))
percentiles = [10, 50, 90]
print(json.dumps({
    "photos": len(stems),
    "width_px_percentiles": {
        "percentiles": percentiles,
        "traced": np.percentile(np.concatenate(truth_widths), percentiles).round(2).tolist(),
        "predicted": np.percentile(np.concatenate(pred_widths), percentiles).round(2).tolist(),
    },
    "f1_pooled": f1(raw),
    "f1_pooled_best_shift": {"dy_dx": [int(best_index[0]) - SHIFT, int(best_index[1]) - SHIFT],
                             "f1": pooled_shift[best_index[0]][best_index[1]]},
    "best_shift_per_photo": {k: list(v) for k, v in best_shifts.items()},
    "f1_pooled_by_shift_rows_dy_cols_dx": pooled_shift,
    "f1_pooled_skeleton_redrawn": {name: f1(c) for name, c in redrawn.items()},
}, indent=1))
