#!/usr/bin/env bash
# netem.sh: an emulated star network in Linux network namespaces, and timed TCP uploads over it.
#
#   netem.sh check                 exit 0 if this machine can emulate (root, namespaces, veth, tbf, NFQUEUE, tools);
#                                  otherwise print one line "netem: cannot emulate here: <reason>" and exit 3
#   netem.sh build                 compile delayline and tcpuploads into $NETEM_BUILD (default tools/netem/.build)
#   netem.sh run [options]         bring a star up, run timed uploads from a plan, write results, tear it all down
#   netem.sh down PREFIX [M]       remove whatever a run with that name prefix left behind (processes, namespaces)
#
# Topology (PREFIX defaults to "nx" + this shell's PID, so parallel runs never collide; IP addresses repeat only
# inside each run's own namespaces, and no interface is ever created in the root namespace):
#   ${PREFIX}w<k> (eth0 10.78.<k+1>.2) --veth-- ${PREFIX}r (w<k> 10.78.<k+1>.1)      k = 0..M-1
#   ${PREFIX}r    (srv 10.78.200.1)    --veth-- ${PREFIX}d (rtr 10.78.200.2)
#   ${PREFIX}d    (srv 10.78.201.1)    --veth-- ${PREFIX}s (eth0 10.78.201.2)
# Links (--shaper delayline, the default): iptables NFQUEUE in the FORWARD hook of the delay namespace ${PREFIX}d and
# two delayline processes; this kernel has no sch_netem. Queue 0 (worker -> server) serializes each packet on its
# worker's uplink, then on the server's ingress link, each at its rate, and releases it D later (propagation follows
# serialization); queue 1 (server -> worker) delays by D. Departures follow a virtual clock, so a late wake-up of the
# delay line only shifts packets and the links lose no capacity (see delayline.c).
# --shaper tbf (the emulator before December 2026): each worker's uplink is a tbf on its eth0 egress and the server's
# ingress link a tbf on the router's srv egress, the delay lines only delay. A tbf whose watchdog timer fires late by
# more than its burst loses that time for good: on a virtual machine whose idle vCPUs halt, the 100 Mbit/s links ran
# 10-40 % slow. With the delay after both shapers a late delay line only shifts packets, whereas a delay line between
# two shapers of the same rate (the router's FORWARD hook, --delay-at router) turns every stall into idle time.
#
# run options:
#   --workers M            (required) number of workers, 1..64
#   --plan FILE            (required) one line per iteration, M sizes in bytes (-1 = skip)
#   --out DIR              (required) writes DIR/uploads.csv, DIR/probes.csv, DIR/environment.txt, DIR/netem.log
#                          (probes.csv: before every timed iteration one payload-free command and reply, whose time
#                          beyond 2D is the emulator's own overhead in this run; see tools/netem/tcpuploads.c)
#   --rate R               worker uplink rate, tc syntax (10mbit, 100mbit, 1gbit); default 100mbit
#   --server-rate R        the server's ingress rate (default: same as --rate; "none" = unshaped)
#   --delay-us D           one-way delay per direction in microseconds (default 0)
#   --pull                 the server asks one worker at a time (default: push, all at once)
#   --new-connection       a new TCP connection per upload (default: persistent connections)
#   --mtu N                1500 (default) or 9000
#   --shaper S             delayline (default; the environment variable NETEM_SHAPER sets it too) or tbf
#   --burst BYTES          tbf burst (--shaper tbf); default: one frame + 200 us at the rate, rounded up to 1 KiB
#   --limit BYTES          tbf queue limit of each worker uplink (--shaper tbf; default 4194304)
#   --server-limit BYTES   tbf queue limit of the server link (--shaper tbf; default 67108864: deep enough that M
#                          concurrent uploads never overflow it, the loss-free regime the simulator models; a 4 MB
#                          queue loses packets when 4 workers push 1.6 MB each at once, see docs/fidelity.md). The
#                          delay line's queue holds up to 131072 packets and never drops.
#   --cc NAME              congestion control set per socket (default cubic)
#   --warm BYTES           warm-up upload per worker, twice (default: 150 ms at the rate + 4 RTT, 64 KB..16 MB)
#   --gap-ms G             idle time between iterations (default 20)
#   --repeat R             run the plan R times (default 1)
#   --timeout S            bound on every process (default 900)
#   --delay-at WHERE       after-shaping (default, see the topology above) or router (the delay line in the router's
#                          FORWARD hook, between the worker uplinks and the server link: the placement before
#                          docs/fidelity.md's load study; kept to reproduce it)
#   --no-realtime          run the delay lines and TCP endpoints at normal priority (default: SCHED_FIFO 50 via
#                          chrt, so that other load on the machine does not delay their wake-ups); the environment
#                          variable NETEM_REALTIME=0 does the same (for callers such as sasg validate-network)
set -euo pipefail
trap "" PIPE  # a closed output pipe (the caller died) must not kill the script before it cleans up

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=${NETEM_BUILD:-$HERE/.build}

die() { echo "netem: $*" >&2; exit 2; }

cannot() { echo "netem: cannot emulate here: $*"; exit 3; }

check() {
  [ "$(id -u)" = 0 ] || cannot "not root (needs CAP_NET_ADMIN and CAP_SYS_ADMIN for ip netns and tc)"
  for tool in ip tc iptables ping gcc timeout chrt; do
    command -v "$tool" >/dev/null 2>&1 || cannot "'$tool' is missing (run tools/scripts/install-netem-deps.sh)"
  done
  [ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] ||
    cannot "libnetfilter-queue-dev is missing (run tools/scripts/install-netem-deps.sh)"
  local probe="nxprobe$$"
  ip netns add "$probe" 2>/dev/null || cannot "ip netns add fails (no network namespaces in this container?)"
  local ok=1 why=""
  ip -n "$probe" link add a0 type veth peer name a1 2>/dev/null || { ok=0; why="no veth"; }
  if [ $ok = 1 ]; then
    ip netns exec "$probe" tc qdisc add dev a0 root tbf rate 10mbit burst 4kb limit 64kb 2>/dev/null ||
      { ok=0; why="no tbf qdisc"; }
  fi
  if [ $ok = 1 ]; then
    ip netns exec "$probe" iptables -A FORWARD -j NFQUEUE --queue-num 0 2>/dev/null ||
      { ok=0; why="iptables NFQUEUE target unavailable"; }
  fi
  ip netns del "$probe" 2>/dev/null || true
  [ $ok = 1 ] || cannot "$why"
}

build() {
  mkdir -p "$BUILD"
  gcc -O2 -Wall -Wextra -Werror -o "$BUILD/delayline.tmp" "$HERE/delayline.c" -lnetfilter_queue -lnfnetlink
  gcc -O2 -Wall -Wextra -Werror -o "$BUILD/tcpuploads.tmp" "$HERE/tcpuploads.c"
  mv "$BUILD/delayline.tmp" "$BUILD/delayline"
  mv "$BUILD/tcpuploads.tmp" "$BUILD/tcpuploads"
}

# Rate in bit/s from tc syntax (bit, kbit, mbit, gbit; k/m/g = 1000).
rate_bps() {
  local r=${1,,}
  case "$r" in
    *gbit) echo $(( ${r%gbit} * 1000000000 )) ;;
    *mbit) echo $(( ${r%mbit} * 1000000 )) ;;
    *kbit) echo $(( ${r%kbit} * 1000 )) ;;
    *bit) echo $(( ${r%bit} )) ;;
    *) return 1 ;;
  esac
}

# Kills the processes a run started (by PID, from its state file), then deletes its namespaces.
teardown() {
  local state=$1
  [ -f "$state/pids" ] && while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$state/pids"
  sleep 0.2
  [ -f "$state/pids" ] && while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$state/pids"
  [ -f "$state/namespaces" ] && while read -r ns; do ip netns del "$ns" 2>/dev/null || true; done < "$state/namespaces"
  rm -rf "$state"
}

down_prefix() {
  local prefix=$1
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^${prefix}(r|d|s|w[0-9]+)$" || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    sleep 0.1
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}

run() {
  local m="" plan="" out="" rate=100mbit server_rate="" delay_us=0 pull=0 newconn=0 mtu=1500 burst="" \
    limit=4194304 server_limit=67108864 cc=cubic warm="" gap=20 repeat=1 timeout_s=900 realtime=${NETEM_REALTIME:-1} \
    delay_at=${NETEM_DELAY_AT:-after-shaping} shaper=${NETEM_SHAPER:-delayline}
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) m=$2; shift ;;
      --plan) plan=$2; shift ;;
      --out) out=$2; shift ;;
      --rate) rate=$2; shift ;;
      --server-rate) server_rate=$2; shift ;;
      --delay-us) delay_us=$2; shift ;;
      --pull) pull=1 ;;
      --new-connection) newconn=1 ;;
      --mtu) mtu=$2; shift ;;
      --shaper) shaper=$2; shift ;;
      --burst) burst=$2; shift ;;
      --limit) limit=$2; shift ;;
      --server-limit) server_limit=$2; shift ;;
      --cc) cc=$2; shift ;;
      --warm) warm=$2; shift ;;
      --gap-ms) gap=$2; shift ;;
      --repeat) repeat=$2; shift ;;
      --timeout) timeout_s=$2; shift ;;
      --no-realtime) realtime=0 ;;
      --delay-at) delay_at=$2; shift ;;
      *) die "unknown option '$1' (see the header of $0)" ;;
    esac
    shift
  done
  [[ "$m" =~ ^[0-9]+$ ]] && [ "$m" -ge 1 ] && [ "$m" -le 64 ] || die "--workers must be 1..64"
  [ -f "$plan" ] || die "--plan '$plan': no such file"
  [ -n "$out" ] || die "--out DIR is required"
  [ "$mtu" = 1500 ] || [ "$mtu" = 9000 ] || die "--mtu must be 1500 or 9000"
  [ "$delay_at" = after-shaping ] || [ "$delay_at" = router ] || die "--delay-at must be after-shaping or router"
  [ "$shaper" = delayline ] || [ "$shaper" = tbf ] || die "--shaper must be delayline or tbf"
  [ "$shaper" = tbf ] || [ "$delay_at" = after-shaping ] || die "--delay-at router needs --shaper tbf"
  local bps; bps=$(rate_bps "$rate") || die "--rate '$rate': write e.g. 10mbit, 100mbit or 1gbit"
  server_rate=${server_rate:-$rate}
  local server_bps=0
  if [ "$server_rate" != none ]; then server_bps=$(rate_bps "$server_rate") || die "--server-rate '$server_rate'"; fi
  [ "$shaper" = tbf ] || [ "$server_bps" != 0 ] || die "--server-rate none needs --shaper tbf"
  [[ "$delay_us" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--delay-us must be a non-negative number"
  local frame=$(( mtu + 14 ))
  [ -n "$burst" ] || burst=$(( ( (frame + bps / 8 * 200 / 1000000) + 1023 ) / 1024 * 1024 ))
  local gso=16384; [ "$mtu" = 9000 ] && gso=18000
  local rtt_s; rtt_s=$(awk -v d="$delay_us" 'BEGIN { printf "%.6f", 2 * d / 1e6 }')
  [ -n "$warm" ] || warm=$(awk -v b="$bps" -v r="$rtt_s" 'BEGIN { w = b / 8 * (0.15 + 4 * r);
    if (w < 65536) w = 65536; if (w > 16777216) w = 16777216; printf "%d", w }')
  # A checkout updated since the last build (a changed protocol between server and workers) must not run old binaries.
  [ -x "$BUILD/tcpuploads" ] && [ -x "$BUILD/delayline" ] \
    && [ "$BUILD/tcpuploads" -nt "$HERE/tcpuploads.c" ] && [ "$BUILD/delayline" -nt "$HERE/delayline.c" ] || build

  local prefix=${NETEM_PREFIX:-nx$$}
  local state; state=$(mktemp -d /tmp/netem-state.XXXXXX)
  trap "teardown '$state'" EXIT
  trap "teardown '$state'; exit 130" INT TERM HUP
  mkdir -p "$out"
  local log="$out/netem.log"; : > "$log"
  rm -f "$out/delayline.log" "$out/uploads.csv" "$out/probes.csv" "$out/environment.txt"  # a rerun into the same folder starts clean
  local router=${prefix}r server=${prefix}s delay=${prefix}d server_ip=10.78.201.2
  local rps_mask; rps_mask=$(printf %x $(( (1 << $(nproc)) - 1 )))

  addns() { ip netns add "$1"; echo "$1" >> "$state/namespaces"; ip -n "$1" link set lo up; }
  # The same RPS mask on every veth keeps each flow on one CPU's backlog: no reordering across the 2 CPUs.
  rps() { ip netns exec "$1" sh -c "echo $rps_mask > /sys/class/net/$2/queues/rx-0/rps_cpus"; }
  shape() { ip netns exec "$1" tc qdisc replace dev "$2" root tbf rate "$3" burst "$burst" limit "${4:-$limit}"; }
  # The delay lines are the links: they run above the TCP endpoints, which at equal SCHED_FIFO priority could hold
  # both CPUs while copying data at 1 Gbit/s and leave the links waiting.
  local rt=() line_rt=()
  [ "$realtime" = 1 ] && rt=(chrt -f 50) && line_rt=(chrt -f "${NETEM_LINE_PRIORITY:-60}")
  spawn() { # spawn NAMESPACE LOGFILE COMMAND...: background, PID recorded for teardown
    local ns=$1 file=$2; shift 2
    ip netns exec "$ns" timeout "$timeout_s" "${rt[@]}" "$@" >>"$file" 2>&1 &
    echo $! >> "$state/pids"
  }
  spawn_line() { # spawn_line NAMESPACE COMMAND...: a delay line, at its own priority
    local ns=$1; shift
    ip netns exec "$ns" timeout "$timeout_s" "${line_rt[@]}" "$@" >>"$out/delayline.log" 2>&1 &
    echo $! >> "$state/pids"
  }

  addns "$router"; addns "$delay"; addns "$server"
  ip netns exec "$router" sysctl -qw net.ipv4.ip_forward=1
  ip netns exec "$delay" sysctl -qw net.ipv4.ip_forward=1
  ip link add srv netns "$router" mtu "$mtu" type veth peer name rtr netns "$delay" mtu "$mtu"
  ip link add srv netns "$delay" mtu "$mtu" type veth peer name eth0 netns "$server" mtu "$mtu"
  ip -n "$router" addr add 10.78.200.1/24 dev srv
  ip -n "$delay" addr add 10.78.200.2/24 dev rtr
  ip -n "$delay" addr add 10.78.201.1/24 dev srv
  ip -n "$server" addr add "$server_ip/24" dev eth0
  ip -n "$router" link set srv up gso_max_size "$gso"
  ip -n "$delay" link set rtr up gso_max_size "$gso"
  ip -n "$delay" link set srv up gso_max_size "$gso"
  ip -n "$server" link set eth0 up
  ip -n "$router" route add 10.78.201.0/24 via 10.78.200.2
  ip -n "$delay" route add default via 10.78.200.1
  ip -n "$server" route add default via 10.78.201.1
  rps "$router" srv; rps "$delay" rtr; rps "$delay" srv; rps "$server" eth0
  ip netns exec "$server" sysctl -qw net.ipv4.tcp_rmem="4096 131072 67108864"
  for k in $(seq 0 $(( m - 1 ))); do
    local w=${prefix}w$k net="10.78.$(( k + 1 ))"
    addns "$w"
    ip link add "w$k" netns "$router" mtu "$mtu" type veth peer name eth0 netns "$w" mtu "$mtu"
    ip -n "$router" addr add "$net.1/24" dev "w$k"
    ip -n "$w" addr add "$net.2/24" dev eth0
    ip -n "$router" link set "w$k" up
    ip -n "$w" link set eth0 up gso_max_size "$gso"
    ip -n "$w" route add default via "$net.1"
    rps "$router" "w$k"; rps "$w" eth0
    ip netns exec "$w" sysctl -qw net.ipv4.tcp_wmem="4096 262144 67108864"
    ip netns exec "$w" sysctl -qw net.ipv4.tcp_slow_start_after_idle=0
    if [ "$shaper" = tbf ]; then shape "$w" eth0 "$rate"; fi
  done
  if [ "$shaper" = tbf ] && [ "$server_rate" != none ]; then shape "$router" srv "$server_rate" "$server_limit"; fi
  local hop=$delay lines=0
  [ "$delay_at" = router ] && hop=$router
  if [ "$shaper" = delayline ]; then
    spawn_line "$hop" "$BUILD/delayline" 0 "$delay_us" "$timeout_s" "$bps" "$server_bps" "$mtu"
    lines=1
  elif [ "$delay_us" != 0 ]; then
    spawn_line "$hop" "$BUILD/delayline" 0 "$delay_us" "$timeout_s"
    lines=1
  fi
  if [ "$delay_us" != 0 ]; then
    spawn_line "$hop" "$BUILD/delayline" 1 "$delay_us" "$timeout_s"
    lines=$(( lines + 1 ))
  fi
  if [ "$lines" != 0 ]; then
    for _ in $(seq 1 100); do [ "$(grep -c ready "$out/delayline.log" 2>/dev/null)" = "$lines" ] && break; sleep 0.02; done
    [ "$(grep -c ready "$out/delayline.log")" = "$lines" ] || die "the delay line did not start (see $out/delayline.log)"
    ip netns exec "$hop" iptables -A FORWARD -o srv -j NFQUEUE --queue-num 0
    [ "$delay_us" = 0 ] || ip netns exec "$hop" iptables -A FORWARD -i srv -j NFQUEUE --queue-num 1
  fi

  local ping_line
  ping_line=$(ip netns exec "${prefix}w0" timeout 20 ping -q -c 10 -i 0.05 "$server_ip" | grep -E '^rtt|^round-trip' || true)
  [ -n "$ping_line" ] || die "no ping reply from the server namespace (topology broken; see $log)"
  local rtt; rtt=$(echo "$ping_line" | sed -E 's/.*= ([0-9.]+)\/([0-9.]+)\/([0-9.]+).*/\1 \2 \3/')

  local load_before; load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  local opts=(--cc "$cc" --warm "$warm" --gap-ms "$gap" --repeat "$repeat" --timeout "$timeout_s")
  [ "$pull" = 1 ] && opts+=(--pull)
  [ "$newconn" = 1 ] && opts+=(--new-connection)
  cp "$plan" "$state/plan.txt"
  ip netns exec "$server" timeout "$timeout_s" "${rt[@]}" "$BUILD/tcpuploads" server 9100 "$m" "$state/plan.txt" \
    "$state/uploads.csv" "${opts[@]}" --probes "$state/probes.csv" >>"$log" 2>&1 &
  local server_pid=$!
  echo $server_pid >> "$state/pids"
  for k in $(seq 0 $(( m - 1 ))); do
    spawn "${prefix}w$k" "$log" "$BUILD/tcpuploads" worker "$server_ip" 9100 "$k" --cc "$cc" --timeout "$timeout_s"
  done
  local status=0
  wait "$server_pid" || status=$?
  [ "$status" = 0 ] || die "the upload server failed with status $status (see $log)"
  mv "$state/uploads.csv" "$out/uploads.csv"
  mv "$state/probes.csv" "$out/probes.csv"

  {
    echo "kernel=$(uname -r)"
    echo "cpus=$(nproc)"
    echo "workers=$m"
    echo "mode=$([ "$pull" = 1 ] && echo pull || echo push)"
    echo "connection=$([ "$newconn" = 1 ] && echo new || echo persistent)"
    echo "rate_bps=$bps"
    echo "server_rate=$server_rate"
    echo "delay_us=$delay_us"
    echo "mtu=$mtu"
    echo "shaper=$shaper"
    if [ "$shaper" = tbf ]; then
      echo "tbf_burst_bytes=$burst"
      echo "tbf_limit_bytes=$limit"
      echo "server_tbf_limit_bytes=$server_limit"
    fi
    echo "gso_max_size=$gso"
    echo "rps_mask=$rps_mask"
    echo "congestion_control=$cc"
    echo "host_default_cc=$(sysctl -n net.ipv4.tcp_congestion_control)"
    echo "server_tcp_rmem=$(ip netns exec "$server" sysctl -n net.ipv4.tcp_rmem | tr '\t' ' ')"
    echo "worker_tcp_wmem=$(ip netns exec "${prefix}w0" sysctl -n net.ipv4.tcp_wmem | tr '\t' ' ')"
    echo "worker_slow_start_after_idle=0"
    echo "warm_bytes=$warm"
    echo "gap_ms=$gap"
    echo "delay_at=$delay_at"
    echo "realtime_priority=$([ "$realtime" = 1 ] && echo "SCHED_FIFO 50, delay lines ${NETEM_LINE_PRIORITY:-60}" || echo none)"
    echo "repeat=$repeat"
    echo "ping_rtt_ms_min_avg_max=$rtt"
    echo "loadavg_before=$load_before"
    echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$out/environment.txt"
  teardown "$state"
  trap - EXIT INT TERM HUP
  if [ -f "$out/delayline.log" ]; then grep 'packets' "$out/delayline.log" | sed 's/^/delayline_stats=/' >> "$out/environment.txt" || true; fi
}

case "${1:-}" in
  check) check ;;
  build) build ;;
  run) shift; check; run "$@" ;;
  down) [ -n "${2:-}" ] || die "usage: netem.sh down PREFIX"; down_prefix "$2" ;;
  *) sed -n '2,40p' "$0" >&2; exit 2 ;;
esac
