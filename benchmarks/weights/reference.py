#!/usr/bin/python3
"""Reference side of the 'weights' benchmark (see run): PyTorch's own torch.save/torch.load, and the safetensors
layout written and read by the hand-made Python code of scripts/fixtures/weights.py (python3-safetensors is not
packaged in Debian 12, so the Rust-backed library is not the reference here).

  reference.py make DIR   writes DIR/unet.pt (zip), DIR/unet_legacy.pt, DIR/unet.safetensors: the state dict of
                          the U-Net of Smith et al. 2020 (64..1024 channels, GroupNorm), about 31 M float32 values
  reference.py time DIR   times each operation (best of 3) and prints one JSON line of seconds
"""
import collections
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "fixtures"))
import weights  # noqa: E402  (the hand-made safetensors reader and writer)


def unet_state_dict():
    """Names and shapes of the paper's U-Net: two 3x3 conv + GroupNorm(32) per level, 2x2 up-convolutions."""
    torch.manual_seed(0)
    state = collections.OrderedDict()

    def conv_block(prefix, cin, cout):
        for i, c in enumerate((cin, cout)):
            state[f"{prefix}.conv{i}.weight"] = torch.randn(cout, c, 3, 3) * 0.01
            state[f"{prefix}.conv{i}.bias"] = torch.randn(cout) * 0.01
            state[f"{prefix}.norm{i}.weight"] = torch.ones(cout)
            state[f"{prefix}.norm{i}.bias"] = torch.zeros(cout)

    widths = [64, 128, 256, 512, 1024]
    cin = 3
    for level, width in enumerate(widths):
        conv_block(f"down{level}", cin, width)
        cin = width
    for level in range(3, -1, -1):
        width = widths[level]
        state[f"up{level}.upconv.weight"] = torch.randn(widths[level + 1], width, 2, 2) * 0.01
        state[f"up{level}.upconv.bias"] = torch.randn(width) * 0.01
        conv_block(f"up{level}", 2 * width, width)
    state["out.conv.weight"] = torch.randn(2, 64, 1, 1)
    state["out.conv.bias"] = torch.zeros(2)
    state["out.norm.weight"] = torch.ones(2)
    state["out.norm.bias"] = torch.zeros(2)
    return state


def best(action, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    state = unet_state_dict()
    if mode == "make":
        torch.save(state, os.path.join(folder, "unet.pt"))
        torch.save(state, os.path.join(folder, "unet_legacy.pt"), _use_new_zipfile_serialization=False)
        weights.write_safetensors(os.path.join(folder, "unet.safetensors"), state, {"format": "pt"}, list(state))
        print(f"{sum(t.numel() for t in state.values())} values in {len(state)} tensors")
        return
    out = os.path.join(folder, "py_out")
    print(json.dumps({
        "read_zip": best(lambda: torch.load(os.path.join(folder, "unet.pt"))),
        "read_legacy": best(lambda: torch.load(os.path.join(folder, "unet_legacy.pt"))),
        "read_safetensors": best(lambda: weights.read_safetensors(os.path.join(folder, "unet.safetensors"))),
        "write_zip": best(lambda: torch.save(state, out + ".pt")),
        "write_safetensors": best(lambda: weights.write_safetensors(out + ".safetensors", state, {"format": "pt"},
                                                                    list(state))),
    }))


if __name__ == "__main__":
    main()
