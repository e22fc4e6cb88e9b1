#!/usr/bin/env bash
# Installs what tools/netem needs (iptables with the NFQUEUE target, libnetfilter-queue headers, ping, iproute2,
# gcc); idempotent: does nothing when everything is present. Needs root and apt-get (Debian/Ubuntu); elsewhere it
# says what is missing and exits 0, so that the fidelity check then prints its one SKIP line.
set -euo pipefail
need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v iptables >/dev/null 2>&1 || need+=(iptables)
command -v ping >/dev/null 2>&1 || need+=(iputils-ping)
command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
[ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || need+=(libnetfilter-queue-dev)
if [ ${#need[@]} -eq 0 ]; then
  echo "netem dependencies: present"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "netem dependencies: missing ${need[*]} (needs root and apt-get; the fidelity check will skip)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
  { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
echo "netem dependencies: installed ${need[*]}"
