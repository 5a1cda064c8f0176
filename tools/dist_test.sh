#!/usr/bin/env bash
# Test on several GPUs, as in mmdet: bash tools/dist_test.sh CONFIG CHECKPOINT GPUS [tools/test.py options]
# (NNODES, NODE_RANK, MASTER_ADDR and PORT as there; see tools/dist_launch.sh)
set -eu
exec bash "$(dirname "$0")/dist_launch.sh" test.py "$3" "$1" "$2" "${@:4}"
