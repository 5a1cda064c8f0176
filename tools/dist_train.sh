#!/usr/bin/env bash
# Train on several GPUs, as in mmdet: bash tools/dist_train.sh CONFIG GPUS [tools/train.py options]
# (NNODES, NODE_RANK, MASTER_ADDR and PORT as there; see tools/dist_launch.sh)
set -eu
exec bash "$(dirname "$0")/dist_launch.sh" train.py "$2" "$1" "${@:3}"
