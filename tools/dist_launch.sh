#!/usr/bin/env bash
# What tools/dist_train.sh and tools/dist_test.sh share: run a tool of tools/ on GPUS processes per machine
# through torch.distributed.run, with MMEngine's pytorch launcher.
#   bash tools/dist_launch.sh TOOL GPUS [tool arguments]
# NNODES, NODE_RANK, MASTER_ADDR and PORT set the machines (defaults: one machine, port 29500); PYTHON the
# interpreter (default: .venv/bin/python if there is one).
set -eu
TOOL=$1
GPUS=$2
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python )}
exec "$PYTHON" -m torch.distributed.run \
    --nnodes="${NNODES:-1}" --node_rank="${NODE_RANK:-0}" --master_addr="${MASTER_ADDR:-127.0.0.1}" \
    --nproc_per_node="$GPUS" --master_port="${PORT:-29500}" \
    "tools/$TOOL" "${@:3}" --launcher pytorch
