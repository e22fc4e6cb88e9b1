#!/usr/bin/env bash
# Installs what the Slurm sweep tests need (Debian's slurmctld slurmd slurm-client munge); idempotent. For .ci/run.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/slurm-local.sh" install
