#!/usr/bin/python3
"""Reference side of the 'measure' benchmark: numpy/scipy trait and line-intersect measurement of real masks.

  reference.py prepare --data DIR --work DIR --images N   thresholds masks (grey >= 128), skeletonizes them
                                                          (scikit-image) and takes the distance transform (scipy);
                                                          writes raw arrays and manifest.json for both sides
  reference.py measure --work DIR --px-per-mm X --repeats R   times the numpy measurement (best of R per image),
                                                              writes reference.json
  reference.py compare --work DIR                             compares reference.json with rootseg.json
The numpy measurement is the array-wise implementation in scripts/fixtures/analysis.py.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
from scipy.ndimage import distance_transform_edt, label
from skimage.io import imread
from skimage.morphology import skeletonize

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "fixtures"))
from analysis import crossings, skeleton_links  # noqa: E402

GRIDS_MM = [10.0, 20.0, 40.0, 80.0]


def prepare(args):
    names = sorted(f for f in os.listdir(os.path.join(args.data, "annotations")) if f.endswith(".jpg"))[:args.images]
    manifest = []
    for name in names:
        grey = imread(os.path.join(args.data, "annotations", name), as_gray=True)
        grey = grey * 255 if grey.max() <= 1.0 else grey
        mask = grey >= 128
        skel = skeletonize(mask)
        edt = distance_transform_edt(mask).astype(np.float32)
        stem = os.path.splitext(name)[0]
        mask.astype(np.uint8).tofile(os.path.join(args.work, stem + ".mask.u8"))
        skel.astype(np.uint8).tofile(os.path.join(args.work, stem + ".skel.u8"))
        edt.astype("<f4").tofile(os.path.join(args.work, stem + ".edt.f32"))
        manifest.append({"name": stem, "width": int(mask.shape[1]), "height": int(mask.shape[0])})
    with open(os.path.join(args.work, "manifest.json"), "w") as f:
        json.dump(manifest, f)


def measure_one(mask, skel, edt, px_per_mm):
    degree, share, n_orth, n_diag = skeleton_links(skel)
    ys, xs = np.nonzero(skel)
    diam_mm = 2.0 * edt[ys, xs].astype(np.float64) / px_per_mm
    share_mm = share[ys, xs] / px_per_mm
    _, branch_points = label((degree >= 3) & skel, structure=np.ones((3, 3)))
    grids = []
    for spacing in GRIDS_MM:
        h, v, _, _ = crossings(mask, spacing * px_per_mm, 0.5)
        grids.append(h + v)
    return {
        "skeleton_pixels": int(skel.sum()),
        "length_mm": float((n_orth + np.sqrt(2) * n_diag) / px_per_mm),
        "area_px": int(mask.sum()),
        "mean_diameter_mm": float(diam_mm.mean()) if diam_mm.size else float("nan"),
        "volume_mm3": float(np.sum(np.pi * (diam_mm / 2) ** 2 * share_mm)),
        "tips": int(((degree == 1) & skel).sum()),
        "branch_points": int(branch_points),
        "crossings": grids,
    }


def measure(args):
    with open(os.path.join(args.work, "manifest.json")) as f:
        manifest = json.load(f)
    results = []
    for item in manifest:
        shape = (item["height"], item["width"])
        base = os.path.join(args.work, item["name"])
        mask = np.fromfile(base + ".mask.u8", dtype=np.uint8).reshape(shape).astype(bool)
        skel = np.fromfile(base + ".skel.u8", dtype=np.uint8).reshape(shape).astype(bool)
        edt = np.fromfile(base + ".edt.f32", dtype="<f4").reshape(shape)
        best = float("inf")
        for _ in range(args.repeats):
            start = time.perf_counter()
            values = measure_one(mask, skel, edt, args.px_per_mm)
            best = min(best, time.perf_counter() - start)
        results.append({"name": item["name"], "seconds": best, **values})
    with open(os.path.join(args.work, "reference.json"), "w") as f:
        json.dump(results, f)


def compare(args):
    with open(os.path.join(args.work, "reference.json")) as f:
        reference = {r["name"]: r for r in json.load(f)}
    with open(os.path.join(args.work, "rootseg.json")) as f:
        rootseg = {r["name"]: r for r in json.load(f)}
    assert reference.keys() == rootseg.keys(), "the two sides measured different images"
    exact = ["skeleton_pixels", "area_px", "tips", "branch_points", "crossings"]
    close = ["length_mm", "mean_diameter_mm", "volume_mm3"]
    mismatches = [f"{n}:{k}" for n in reference for k in exact if reference[n][k] != rootseg[n][k]]
    worst = max(abs(reference[n][k] - rootseg[n][k]) / max(abs(reference[n][k]), 1e-12)
                for n in reference for k in close)
    ours = sum(r["seconds"] for r in rootseg.values())
    theirs = sum(r["seconds"] for r in reference.values())
    print(json.dumps({
        "benchmark": "measure", "images": len(reference),
        "rootseg_s": round(ours, 4), "reference_s": round(theirs, 4), "rootseg_over_reference": round(ours / theirs, 3),
        "exact_mismatches": mismatches, "max_relative_difference": worst,
    }))
    return 0 if not mismatches and worst < 1e-9 else 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["prepare", "measure", "compare"])
    parser.add_argument("--data")
    parser.add_argument("--work", required=True)
    parser.add_argument("--images", type=int, default=8)
    parser.add_argument("--px-per-mm", type=float, default=300 / 25.4)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    return {"prepare": prepare, "measure": measure, "compare": compare}[args.step](args) or 0


if __name__ == "__main__":
    sys.exit(main())
