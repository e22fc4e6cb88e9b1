#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, in one folder of its own, for tests and for trying
# `sasg sweep --engine slurm` (docs/cluster.md). Why each setting: docs/cluster.md, "Why these settings".
#
#   bash tools/slurm/slurm-local.sh install          # Debian packages (slurmctld slurmd slurm-client munge), idempotent
#   bash tools/slurm/slurm-local.sh up     [folder]  # install if missing, write the config, start munged, slurmctld, slurmd
#   bash tools/slurm/slurm-local.sh status [folder]  # which daemons of this cluster run; the node's state
#   bash tools/slurm/slurm-local.sh env    [folder]  # prints the export line for SLURM_CONF
#   bash tools/slurm/slurm-local.sh down   [folder]  # SIGTERM to the daemons this script started (by PID), then waits
#
# The folder defaults to /tmp/sasg-slurm. Everything lives there: etc/slurm.conf, the munge socket and key, the
# daemons' state, logs and PID files. `up` wipes the state (slurmctld -c) so every start is a fresh cluster. Nothing
# goes in /etc/slurm, and no systemd is needed. Needs root (slurmd runs jobs as their users). The tools find the
# cluster through SLURM_CONF=<folder>/etc/slurm.conf; `up` prints that line.
set -euo pipefail

command="${1:-}"
folder="${2:-${SASG_SLURM_DIR:-/tmp/sasg-slurm}}"
packages=(slurmctld slurmd slurm-client munge)

die() { echo "slurm-local: $*" >&2; exit 2; }

need_root() { [[ "$(id -u)" == 0 ]] || die "must run as root (slurmd starts jobs as their users); try: sudo bash $0 $command"; }

installed() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

install_packages() {
  need_root
  if installed; then
    echo "slurm-local: packages present (${packages[*]})"
    return 0
  fi
  command -v apt-get >/dev/null || die "apt-get not found: install ${packages[*]} with your package manager"
  # The packages' postinst scripts start their services; a policy-rc.d that denies them (exit 101) keeps this
  # machine's daemons ours to start. An existing policy-rc.d is left as it is.
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created=1
  fi
  trap 'if [[ $created == 1 ]]; then rm -f "$policy"; fi' RETURN
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null 2>"$folder.apt.log"; then
    apt-get update >/dev/null 2>>"$folder.apt.log" || true
    apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null 2>>"$folder.apt.log" \
      || die "apt-get install ${packages[*]} failed; see $folder.apt.log"
  fi
  rm -f "$folder.apt.log"
  echo "slurm-local: installed ${packages[*]}"
}

# A daemon is alive when /proc/PID/stat exists and its state is not Z (a killed daemon stays a zombie under PID 1
# for a few seconds, so kill -0 is not enough).
alive() {
  local pid="$1" state
  [[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
  state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

pid_of() { [[ -r "$folder/run/$1.pid" ]] && cat "$folder/run/$1.pid" || true; }

write_config() {
  local host cpus memory
  host="$(hostname -s)"
  cpus="${SASG_SLURM_CPUS:-$(nproc)}"
  # A bit below the free memory, in MB, so the node is never drained for having less than it advertises.
  memory="$(awk '/MemAvailable/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)"
  mkdir -p "$folder"/{etc,run,log,state/ctld,state/d,munge}
  cat >"$folder/etc/slurm.conf" <<EOF
# Written by tools/slurm/slurm-local.sh: a throw-away single-node cluster for tests (see docs/cluster.md).
ClusterName=sasg-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${SASG_SLURM_PORT:-6817}
SlurmdPort=$(( ${SASG_SLURM_PORT:-6817} + 1 ))
# munged runs as the munge user, with its socket here.
AuthType=auth/munge
CredType=cred/munge
# cred_expire: a requeued task may start cred_expire + 1 s later (121 s by default).
AuthInfo=socket=$folder/munge/munge.socket,cred_expire=10
StateSaveLocation=$folder/state/ctld
SlurmdSpoolDir=$folder/state/d
SlurmctldPidFile=$folder/run/slurmctld.pid
SlurmdPidFile=$folder/run/slurmd.pid
SlurmctldLogFile=$folder/log/slurmctld.log
SlurmdLogFile=$folder/log/slurmd.log
# No cgroups, no accounting database: a finished task's record is kept by squeue for MinJobAge seconds, and for
# good in the jobcomp file.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$folder/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
# Schedule a submission at once (the default waits 3 s).
SchedulerParameters=batch_sched_delay=0
# Lets SASG_SLURM_CPUS advertise more CPUs than exist (to test concurrency).
SlurmdParameters=config_overrides
MailProg=/bin/true
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munged() {
  chown munge:munge "$folder/munge"
  chmod 755 "$folder/munge"
  if [[ ! -s "$folder/munge/munge.key" ]]; then
    if [[ -r /etc/munge/munge.key ]]; then
      cp /etc/munge/munge.key "$folder/munge/munge.key"
    else
      dd if=/dev/urandom bs=1 count=1024 of="$folder/munge/munge.key" 2>/dev/null
    fi
    chown munge:munge "$folder/munge/munge.key"
    chmod 600 "$folder/munge/munge.key"
  fi
  # As root munged refuses ("PRNG seed dir is insecure"); as the munge user with every path in its own folder it runs.
  runuser -u munge -- /usr/sbin/munged --socket="$folder/munge/munge.socket" --key-file="$folder/munge/munge.key" \
    --pid-file="$folder/munge/munged.pid" --log-file="$folder/munge/munged.log" --seed-file="$folder/munge/munged.seed"
  cp "$folder/munge/munged.pid" "$folder/run/munged.pid"
  munge -n --socket="$folder/munge/munge.socket" | unmunge --socket="$folder/munge/munge.socket" >/dev/null \
    || die "munged does not answer on $folder/munge/munge.socket; see $folder/munge/munged.log"
}

wait_for() {
  local what="$1" seconds="$2" i
  shift 2
  for ((i = 0; i < seconds * 10; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  die "$what did not come up within $seconds s; see $folder/log"
}

node_idle() { sinfo -h -N -o '%T' | grep -Eq '^(idle|mixed|allocated)'; }

up() {
  need_root
  installed || install_packages
  if alive "$(pid_of slurmctld)" || alive "$(pid_of slurmd)" || alive "$(pid_of munged)"; then
    echo "slurm-local: already up in $folder"
    echo "export SLURM_CONF=$folder/etc/slurm.conf"
    return 0
  fi
  # A fresh cluster every time: a state folder left by a hard kill would carry orphan jobs (docs/cluster.md, "Why these settings").
  rm -rf "$folder/state" "$folder/log" "$folder/run"
  write_config
  export SLURM_CONF="$folder/etc/slurm.conf"
  start_munged
  /usr/sbin/slurmctld -c
  wait_for slurmctld 20 scontrol ping
  /usr/sbin/slurmd
  wait_for "the node" 20 node_idle
  echo "slurm-local: up in $folder (node $(hostname -s), $(sinfo -h -o '%c') CPUs)"
  echo "export SLURM_CONF=$folder/etc/slurm.conf"
}

stop_one() {
  local name="$1" pid i
  pid="$(pid_of "$name")"
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      echo "slurm-local: $name ($pid) did not stop on SIGTERM within 10 s; killed" >&2
    fi
  fi
  rm -f "$folder/run/$name.pid"
}

down() {
  [[ -d "$folder/run" ]] || { echo "slurm-local: nothing runs in $folder"; return 0; }
  stop_one slurmd
  stop_one slurmctld
  stop_one munged
  # slurmstepd processes of this cluster can outlive slurmd (after a hard kill of slurmd, or a step still reporting
  # when it stopped); they carry its SLURM_CONF, which is how only ours are found. A slurmstepd ignores SIGTERM
  # (seen here: it stayed asleep), so SIGKILL follows after 3 s.
  local pid stepds=() i
  for pid in $(grep -lsz "^SLURM_CONF=$folder/etc/slurm.conf\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3); do
    if [[ "$pid" != "$$" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == slurmstepd ]]; then
      stepds+=("$pid")
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${stepds[@]}"; do
    for ((i = 0; i < 30; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  echo "slurm-local: down ($folder)"
}

status() {
  local name pid running=0
  for name in munged slurmctld slurmd; do
    pid="$(pid_of "$name")"
    if alive "$pid"; then
      echo "$name: running (pid $pid)"
      running=$((running + 1))
    else
      echo "$name: stopped"
    fi
  done
  if alive "$(pid_of slurmctld)"; then
    SLURM_CONF="$folder/etc/slurm.conf" sinfo -N -o '%N %T %c' || true
  fi
  [[ $running == 3 ]]
}

case "$command" in
  install) install_packages ;;
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export SLURM_CONF=$folder/etc/slurm.conf" ;;
  *) die "usage: $0 install|up|down|status|env [folder]" ;;
esac
