#!/usr/bin/python3
"""scikit-image's side of benchmarks/imread: one untimed warm-up read, then REPEATS timed skimage.io.imread calls."""
import sys
import time

from skimage import io


def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    image = io.imread(path)
    print(f"imread: {path} is {image.shape} {image.dtype} in scikit-image", file=sys.stderr)
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        io.imread(path)
        seconds.append(time.perf_counter() - start)
    print("skimage " + " ".join(repr(s) for s in seconds))


if __name__ == "__main__":
    main()
