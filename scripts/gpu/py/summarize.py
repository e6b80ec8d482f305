#!/usr/bin/env python3
"""summary.json of scripts/gpu/bench: every record of BENCH/records.tsv, the JSON outputs of the reference scripts
and of `rootseg evaluate`, and the issue's ratios (segmentation photos/s, RootSeg over PyTorch training tiles/s).

usage: summarize.py BENCH_DIR OUT_JSON
"""
import json
import os
import sys


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


def load(path):
    try:
        with open(path) as f:
            text = f.read().strip()
        if text.startswith("{\n"):
            return json.loads(text)
        # The reference scripts print one JSON line among the bench's "+ command" lines.
        return json.loads([line for line in text.splitlines() if line.startswith("{")][-1])
    except (OSError, ValueError, IndexError):
        return None


def main():
    bench, out = sys.argv[1:3]
    summary = {"records": {}}
    with open(os.path.join(bench, "records.tsv")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            summary["records"][key] = number(value)
    for name in ("py_segment", "agree_fp32_py", "agree_bf16_py", "agree_bf16_fp32", "py_train"):
        summary[name] = load(os.path.join(bench, name + ".json"))
    evaluation = load(os.path.join(bench, "evaluation.json"))
    if isinstance(evaluation, dict):
        summary["evaluation"] = evaluation.get("pooled", evaluation)
    r = summary["records"]
    py_seg, py_train = summary["py_segment"] or {}, summary["py_train"] or {}
    figures = {
        "rootseg_fp32_photos_per_second": r.get("rs_fp32_photos_per_second"),
        "rootseg_bf16_photos_per_second": r.get("rs_bf16_photos_per_second"),
        "pytorch_paper_tiling_photos_per_second": py_seg.get("photos_per_second"),
        "agreement_fp32_vs_pytorch": (summary["agree_fp32_py"] or {}).get("agreement"),
        "agreement_bf16_vs_pytorch": (summary["agree_bf16_py"] or {}).get("agreement"),
        "agreement_bf16_vs_fp32": (summary["agree_bf16_fp32"] or {}).get("agreement"),
        # The progress line comes every 60 s of training: a short throughput run may end before one, and the
        # accuracy run (the paper's recipe unless TRAIN_ARGS says otherwise) then gives the figure.
        "rootseg_train_tiles_per_second": r.get("rs_train_tiles_per_second") or (
            r.get("accuracy_train_tiles_per_second") if r.get("train_args") == "(paper recipe)" else None),
        "pytorch_train_tiles_per_second": py_train.get("tiles_per_second"),
        "pytorch_train_pure_tiles_per_second": py_train.get("pure_tiles_per_second"),
    }
    try:
        figures["train_ratio"] = figures["rootseg_train_tiles_per_second"] / figures["pytorch_train_tiles_per_second"]
    except (TypeError, ZeroDivisionError):
        figures["train_ratio"] = None
    summary["figures"] = figures
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(summary, f, indent=1)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
