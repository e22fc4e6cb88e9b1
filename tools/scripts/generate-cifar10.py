#!/usr/bin/env python3
"""Writes generated files in CIFAR-10's binary format (cifar-10-batches-bin/) for runs where real CIFAR is absent.

These are NOT CIFAR images: accuracy measured on them says the pipeline learns, not what CIFAR-10 gives.
Each record is 1 label byte + 3,072 pixel bytes (1,024 red, 1,024 green, 1,024 blue, row-major 32x32), and each
file holds the real files' 10,000 records (the reader checks the size). Class c (0..9) has a fixed pattern drawn
once from the seed: a mean colour per channel (uniform 32..95) plus a 4x4 grid of per-channel offsets (uniform
-24..24), each covering an 8x8 block, clipped to 0..127. An image of class c is that pattern shifted by a random
translation of -4..4 pixels in each direction (wrapping), plus independent uniform noise 0..127 per pixel
(so pixels lie in 0..254). Labels cycle 0..9 in a seeded random order within each file.

Usage: generate-cifar10.py ROOT [--train-per-batch N] [--test N] [--seed S]
Writes ROOT/cifar-10-batches-bin/data_batch_1..5.bin and test_batch.bin. Same arguments, same bytes.
"""
import argparse
import os
import random


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--train-per-batch", type=int, default=10000)
    parser.add_argument("--test", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    halve = bytes(i >> 1 for i in range(256))
    shifted = []
    for _ in range(10):
        means = [rng.uniform(32, 95) for _ in range(3)]
        grid = [[[rng.uniform(-24, 24) for _ in range(4)] for _ in range(4)] for _ in range(3)]
        plane = [[[min(127, max(0, int(means[ch] + grid[ch][y // 8][x // 8]))) for x in range(32)] for y in range(32)] for ch in range(3)]
        variants = []
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                raw = bytes(plane[ch][(y + dy) % 32][(x + dx) % 32] for ch in range(3) for y in range(32) for x in range(32))
                variants.append(int.from_bytes(raw, "big"))
        shifted.append(variants)

    def record(label: int) -> bytes:
        # Pattern bytes (0..127) plus noise bytes (0..127) added as one big integer: no byte carries into the next.
        pattern = shifted[label][rng.randrange(81)]
        noise = int.from_bytes(rng.randbytes(3072).translate(halve), "big")
        return bytes([label]) + (pattern + noise).to_bytes(3072, "big")

    folder = os.path.join(args.root, "cifar-10-batches-bin")
    os.makedirs(folder, exist_ok=True)
    files = [(f"data_batch_{i}.bin", args.train_per_batch) for i in range(1, 6)] + [("test_batch.bin", args.test)]
    for name, count in files:
        labels = [r % 10 for r in range(count)]
        rng.shuffle(labels)
        with open(os.path.join(folder, name), "wb") as handle:
            for label in labels:
                handle.write(record(label))
    print(f"wrote generated (not CIFAR) files to {folder}: {5 * args.train_per_batch} training, {args.test} test records")


if __name__ == "__main__":
    main()
