#!/usr/bin/env bash
# Builds tools/ns3/star.cc against Debian's libns3-dev (ns-3 3.37) into $NS3_BUILD (default tools/ns3/.build,
# gitignored), installing the packages ns3 and libns3-dev first when they are missing (needs root and apt).
#   tools/ns3/build.sh           build if the binary is missing or older than star.cc; print its path
#   tools/ns3/build.sh check     exit 0 when ns-3 is usable here, else print one line "ns3: cannot simulate here: <reason>"
#                                and exit 3 (installs nothing)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=${NS3_BUILD:-$HERE/.build}
MODULES="ns3-core ns3-network ns3-internet ns3-point-to-point ns3-traffic-control ns3-applications"

cannot() { echo "ns3: cannot simulate here: $*"; exit 3; }

present() { pkg-config --exists $MODULES 2>/dev/null && command -v g++ >/dev/null 2>&1; }

if [ "${1:-}" = check ]; then
  command -v pkg-config >/dev/null 2>&1 || cannot "pkg-config is missing (run tools/ns3/build.sh as root to install)"
  present || cannot "libns3-dev (ns-3 3.37) or g++ is missing (run tools/ns3/build.sh as root to install)"
  exit 0
fi

if ! present; then
  [ "$(id -u)" = 0 ] || cannot "libns3-dev is missing and installing it needs root"
  command -v apt-get >/dev/null 2>&1 || cannot "libns3-dev is missing and there is no apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run may hold the lock: wait for it (up to 10 minutes).
  apt-get -o DPkg::Lock::Timeout=600 install -y ns3 libns3-dev g++ pkg-config >/dev/null ||
    { apt-get update >/dev/null && apt-get -o DPkg::Lock::Timeout=600 install -y ns3 libns3-dev g++ pkg-config >/dev/null; } ||
    cannot "apt-get install ns3 libns3-dev failed"
  present || cannot "libns3-dev installed but pkg-config cannot find $MODULES"
fi

binary="$BUILD/sasg-ns3-star"
if [ ! -x "$binary" ] || [ "$HERE/star.cc" -nt "$binary" ]; then
  mkdir -p "$BUILD"
  version=$(pkg-config --modversion ns3-core)
  # Debian's .pc files carry a broken include flag ("-I/usr\;") and name libgsl.so, which only libgsl-dev installs;
  # the headers are in /usr/include/ns3 and the ns-3 libraries already link their own dependencies.
  libs=$(pkg-config --libs-only-l $MODULES | tr ' ' '\n' | grep '^-lns3' | sort -u | tr '\n' ' ')
  g++ -std=c++17 -O2 -Wall -Wextra -Werror -DSASG_NS3_VERSION="\"$version\"" -I/usr/include \
    -o "$binary.tmp" "$HERE/star.cc" $libs
  mv "$binary.tmp" "$binary"
fi
echo "$binary"
