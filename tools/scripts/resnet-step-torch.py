#!/usr/bin/env python3
"""One SASG worker step on ResNet18 (CIFAR form) and ResNet-20 in plain PyTorch: the peer of `sasg`'s
ResNetStepBenchmarks (tests/Benchmarks/Learning), recorded beside it in docs/benchmarks.md.

Usage: resnet-step-torch.py [--model resnet18|resnet20|both] [--batch 32] [--repeats N] [--warmup N]

The step is what the SASG notebooks do per worker: zero the gradients, forward a batch of random 3x32x32 images in
training mode (batch norm moves its running statistics), mean cross-entropy, backward, then per parameter tensor top
1 % with error feedback (memory += lr * g; k = max(1, floor(0.01 n)); torch.topk of |memory|; the kept values
gathered; those entries zeroed in the memory). The networks are the ones `sasg` builds: ResNet18 as in the SASG
authors' sasg-dis/tasks/cifar_architectures/resnet.py (1x1 conv + BN shortcuts), ResNet-20 with He et al.'s option A
shortcuts (every second pixel, zero channels). One thread for torch, OpenMP and the BLAS, set before torch loads.

Prints two lines per model, the whole step and the gradient alone (zero_grad, forward, backward): parameters, then the
median, mean and minimum seconds of --repeats timed runs after --warmup untimed ones. Needs Debian's python3-torch (1.13); no torchvision.
"""

import argparse
import os
import statistics
import sys
import time

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride, zero_pad):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.stride = stride
        self.pad = 0
        self.shortcut = None
        if stride != 1 or in_planes != planes:
            if zero_pad:
                self.pad = (planes - in_planes) // 2
            else:
                self.shortcut = nn.Sequential(
                    nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.shortcut is not None:
            short = self.shortcut(x)
        elif self.stride != 1 or self.pad:
            short = F.pad(x[:, :, ::self.stride, ::self.stride], (0, 0, 0, 0, self.pad, self.pad))
        else:
            short = x
        return F.relu(out + short)


class ResNet(nn.Module):
    def __init__(self, widths, blocks, zero_pad, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, widths[0], 3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        layers = []
        in_planes = widths[0]
        for i, planes in enumerate(widths):
            stride = 1 if i == 0 else 2
            stage = []
            for b in range(blocks):
                stage.append(BasicBlock(in_planes, planes, stride if b == 0 else 1, zero_pad))
                in_planes = planes
            layers.append(nn.Sequential(*stage))
        self.layers = nn.ModuleList(layers)
        self.linear = nn.Linear(widths[-1], classes)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        for stage in self.layers:
            out = stage(out)
        out = F.adaptive_avg_pool2d(out, (1, 1)).flatten(1)
        return self.linear(out)


def build(name):
    if name == "resnet18":
        return ResNet([64, 128, 256, 512], 2, zero_pad=False)
    return ResNet([16, 32, 64], 3, zero_pad=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["resnet18", "resnet20", "both"], default="both")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(1)
    names = ["resnet20", "resnet18"] if args.model == "both" else [args.model]
    for name in names:
        torch.manual_seed(1)
        model = build(name)
        model.train()
        params = list(model.parameters())
        ks = [max(1, int(0.01 * p.numel())) for p in params]
        memory = [torch.zeros(p.numel()) for p in params]
        generator = torch.Generator().manual_seed(2)
        x = torch.randn(args.batch, 3, 32, 32, generator=generator)
        y = torch.randint(10, (args.batch,), generator=generator)
        lr = 0.01

        def gradient():
            model.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()

        def step():
            gradient()
            kept = 0
            with torch.no_grad():
                for p, m, k in zip(params, memory, ks):
                    m.add_(p.grad.reshape(-1), alpha=lr)
                    _, indices = torch.topk(m.abs(), k)
                    values = m.gather(0, indices)
                    m.index_fill_(0, indices, 0)
                    kept += values.numel()
            return kept

        count = sum(p.numel() for p in params)
        for label, work in (("step", step), ("gradient only", gradient)):
            for _ in range(args.warmup):
                work()
            times = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                work()
                times.append(time.perf_counter() - start)
            print(f"torch {name} {label}: {count} parameters, batch {args.batch}, median {statistics.median(times):.4f} s, "
                  f"mean {statistics.mean(times):.4f} s, min {min(times):.4f} s over {args.repeats} "
                  f"(torch {torch.__version__}, {torch.get_num_threads()} thread)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
