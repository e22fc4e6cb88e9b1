#!/usr/bin/env python3
"""Export a PyTorch model as a TorchScript file that Sasg trains ("kind": "torchscript"; docs/models.md).

    python3 tools/scripts/export-torchscript.py my_model.py:Net --input-shape 1 28 28 --output net.pt

MODEL is FILE.py:NAME or package.module:NAME, where NAME is an nn.Module class or a function that returns a module,
called without arguments. The module is compiled with torch.jit.script (or torch.jit.trace with --trace, for code
TorchScript cannot compile), saved with torch.jit.save, loaded back and checked: the loaded module must give the
same output as the original on a batch of two samples of --input-shape. Works with Debian's python3-torch
(apt-get install python3-torch; run it with /usr/bin/python3 if another python3 comes first on PATH).
"""

import argparse
import copy
import importlib
import importlib.util
import pathlib
import sys

try:
    import torch
except ImportError:
    sys.exit("export-torchscript: PyTorch is not installed; on Debian: sudo apt-get install python3-torch")


def load_factory(spec):
    if ":" not in spec:
        sys.exit(f"export-torchscript: MODEL must be FILE.py:NAME or module:NAME, not '{spec}'")
    where, name = spec.rsplit(":", 1)
    if where.endswith(".py"):
        path = pathlib.Path(where)
        if not path.is_file():
            sys.exit(f"export-torchscript: file '{where}' does not exist")
        module_spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.path.insert(0, str(path.resolve().parent))
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(where)
    if not hasattr(module, name):
        sys.exit(f"export-torchscript: '{where}' has no '{name}'")
    return getattr(module, name)


def main():
    parser = argparse.ArgumentParser(description="Export a PyTorch model as TorchScript for Sasg.")
    parser.add_argument("model", help="FILE.py:NAME or module:NAME (an nn.Module class or a function returning one)")
    parser.add_argument("--input-shape", type=int, nargs="+", required=True,
                        help="one sample's shape without the batch dimension, e.g. 1 28 28 (Sasg's model.inputShape)")
    parser.add_argument("--output", required=True, help="the TorchScript file to write")
    parser.add_argument("--weights", help="a state_dict saved with torch.save(model.state_dict(), path) to load first")
    parser.add_argument("--float64", action="store_true", help="save float64 parameters (then write \"precision\": \"float64\")")
    parser.add_argument("--trace", action="store_true", help="use torch.jit.trace instead of torch.jit.script")
    parser.add_argument("--seed", type=int, default=0, help="torch.manual_seed before the model is built (default 0)")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    model = load_factory(args.model)()
    if not isinstance(model, torch.nn.Module):
        sys.exit(f"export-torchscript: '{args.model}' gave a {type(model).__name__}, not an nn.Module")
    if args.weights:
        model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model = model.double() if args.float64 else model.float()
    dtype = torch.float64 if args.float64 else torch.float32
    example = torch.randn(2, *args.input_shape, dtype=dtype)

    # A scripted module switches between training and evaluation mode as Sasg asks; a traced one keeps the mode it
    # was traced in (training), so it is compared in that mode, on a copy whose running statistics may change.
    reference = copy.deepcopy(model)
    reference.train(args.trace)
    with torch.no_grad():
        expected = reference(example)
    model.train()
    scripted = torch.jit.trace(model, example) if args.trace else torch.jit.script(model)
    scripted.save(args.output)

    loaded = torch.jit.load(args.output)
    loaded.train(args.trace)
    with torch.no_grad():
        got = loaded(example)
    if not isinstance(got, torch.Tensor):
        sys.exit("export-torchscript: forward must return one tensor (the logits, or one value per sample for mse)")
    if not torch.allclose(got, expected, rtol=1e-5, atol=1e-6):
        sys.exit("export-torchscript: the saved module's output differs from the model's; try --trace or check forward")

    names = [name for name, _ in loaded.named_parameters()]
    count = sum(p.numel() for p in loaded.parameters())
    buffers = [name for name, _ in loaded.named_buffers()]
    shape = ", ".join(str(s) for s in args.input_shape)
    print(f"wrote {args.output}: {len(names)} parameter tensors, {count} parameters ({dtype}), "
          f"output {list(got.shape)} for a batch of 2")
    if buffers:
        print(f"buffers (not trained, not sent; see docs/models.md): {', '.join(buffers)}")
    modal = (torch.nn.modules.batchnorm._BatchNorm, torch.nn.Dropout)
    if args.trace and any(isinstance(m, modal) for m in model.modules()):
        print("warning: a traced module keeps training mode: batch norm uses batch statistics and dropout stays on "
              "in Sasg's evaluation too; export without --trace if torch.jit.script can compile the model")
    precision = "float64" if args.float64 else "float32"
    print(f'scenario: "model": {{ "kind": "torchscript", "path": "{args.output}", '
          f'"inputShape": [{shape}], "precision": "{precision}" }}')


if __name__ == "__main__":
    main()
