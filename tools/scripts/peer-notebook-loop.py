#!/usr/bin/env python3
"""The SASG authors' simulation step loop (FC 784-512-10 on MNIST-format data, 10 workers, batch 10) written
plainly in PyTorch, as the peer that docs/benchmarks.md times `sasg` against.

Usage: peer-notebook-loop.py [--method sgd|sasg] [--epochs N] [--iterations N] [--data FOLDER]

It reads the same Fashion-MNIST IDX files as `sasg` (the Debian package's folder by default), normalises with the
MNIST statistics, splits the shuffled training set into 10 equal shards, and runs the notebook's loop shape on one
thread: per worker a DataLoader-style reshuffled minibatch, autograd forward and backward on the shared model (and, for
SASG after the D warm-up iterations, a second pass on a copy holding the worker's last-upload state), per-tensor top
1 % with error feedback, state copies on upload, the server's summed update and the history of the last D iterates
for the threshold. Test accuracy is computed every 100 iterations, as in the notebook (in blocks of 1,000 images).

Prints one line per method: seconds per epoch of the step loop, of the evaluations, and of both. Needs python3-torch
(Debian's package) and numpy; no torchvision.
"""

import argparse
import copy
import gzip
import os
import sys
import time

# One thread, also for the BLAS that Debian's torch calls (OpenBLAS when libopenblas0 is installed): set before import.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

WORKERS = 10
BATCH = 10
LR = 0.005
D = 10
KEEP = 0.01


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as file:
        data = file.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, prefix):
    def path(name):
        base = os.path.join(folder, f"{prefix}-{name}")
        return base + ".gz" if os.path.exists(base + ".gz") else base

    images = read_idx(path("images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255.0
    labels = read_idx(path("labels-idx1-ubyte")).astype(np.int64)
    images = (images - 0.1307) / 0.3081
    return torch.from_numpy(images), torch.from_numpy(labels)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 512)
        self.fc2 = torch.nn.Linear(512, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


class Shard:
    """A worker's data, reshuffled each epoch, drawn in batches of 10 (a DataLoader with shuffle=True)."""

    def __init__(self, x, y, generator):
        self.x, self.y, self.generator = x, y, generator
        self.order, self.at = None, len(x)

    def next(self):
        if self.at >= len(self.x):
            self.order, self.at = torch.randperm(len(self.x), generator=self.generator), 0
        index = self.order[self.at:self.at + BATCH]
        self.at += BATCH
        return self.x[index], self.y[index]


def top_k(tensor):
    flat = tensor.flatten()
    kept = max(1, int(np.floor(flat.numel() * KEEP)))
    _, index = torch.topk(flat.abs(), kept)
    mask = torch.zeros_like(flat)
    mask[index] = 1
    return (mask * flat).reshape(tensor.shape)


def squared_distance(a, b):
    return sum(((u - v) ** 2).sum().item() for u, v in zip(a, b))


def gradients(model, x, y):
    model.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    return [p.grad.detach().clone() for p in model.parameters()], loss.item()


def accuracy(model, x, y):
    with torch.no_grad():
        return sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(x), 1000)) / len(x)


def run(method, shards, test, iterations):
    torch.manual_seed(1)
    model = Net()
    shadow = Net()
    params = list(model.parameters())
    error = [[torch.zeros_like(p) for p in params] for _ in range(WORKERS)]
    stored = [[torch.zeros_like(p) for p in params] for _ in range(WORKERS)]
    snapshot = [copy.deepcopy(model.state_dict()) for _ in range(WORKERS)]
    delay = [0] * WORKERS
    history = []
    steps = evaluating = 0.0
    for k in range(iterations):
        start = time.perf_counter()
        total = [torch.zeros_like(p) for p in params]
        if method == "sasg" and k >= D:
            threshold = sum(squared_distance(history[i], history[i + 1]) for i in range(len(history) - 1))
            threshold /= 2 * LR * WORKERS ** 2
        for m in range(WORKERS):
            x, y = shards[m].next()
            fresh, _ = gradients(model, x, y)
            if method == "sgd":
                for t, g in zip(total, fresh):
                    t.add_(g, alpha=LR)
                continue
            upload = k < D
            if not upload:
                shadow.load_state_dict(snapshot[m])
                old, _ = gradients(shadow, x, y)
                upload = squared_distance(old, fresh) > threshold or delay[m] > D
            if upload:
                delay[m] = 1 if k >= D else delay[m]
                with torch.no_grad():
                    for i, g in enumerate(fresh):
                        v = LR * g + error[m][i]
                        stored[m][i] = top_k(v)
                        error[m][i] = v - stored[m][i]
                snapshot[m] = copy.deepcopy(model.state_dict())
            else:
                delay[m] += 1
            for t, s in zip(total, stored[m]):
                t.add_(s)
        with torch.no_grad():
            for p, t in zip(params, total):
                p.add_(t, alpha=-1)
            history.insert(0, [p.detach().clone() for p in params])
            del history[D:]
        steps += time.perf_counter() - start
        if (k + 1) % 100 == 0:
            start = time.perf_counter()
            accuracy(model, *test)
            evaluating += time.perf_counter() - start
    return steps, evaluating, accuracy(model, *test)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=["sgd", "sasg", "both"], default="both")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--iterations", type=int, help="overrides --epochs")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(1)
    x, y = load(args.data, "train")
    test = load(args.data, "t10k")
    order = np.random.default_rng(1).permutation(len(x))
    size = len(x) // WORKERS
    per_epoch = size // BATCH
    iterations = args.iterations or int(round(args.epochs * per_epoch))
    for method in (["sgd", "sasg"] if args.method == "both" else [args.method]):
        shards = [Shard(x[order[m * size:(m + 1) * size]], y[order[m * size:(m + 1) * size]],
                        torch.Generator().manual_seed(100 + m)) for m in range(WORKERS)]
        steps, evaluating, final = run(method, shards, test, iterations)
        epochs = iterations / per_epoch
        print(f"peer {method}: {iterations} iterations, {steps / epochs:.2f} s/epoch steps, "
              f"{evaluating / epochs:.2f} s/epoch evaluation, {(steps + evaluating) / epochs:.2f} s/epoch in all "
              f"(torch {torch.__version__}, {torch.get_num_threads()} thread, test accuracy {final:.4f})")


if __name__ == "__main__":
    sys.exit(main())
