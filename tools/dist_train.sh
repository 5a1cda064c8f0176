#!/usr/bin/env bash
# Train on several GPUs (or processes) of one or more machines, as in mmdet:
#   bash tools/dist_train.sh CONFIG GPUS [tools/train.py options]
# NNODES, NODE_RANK, MASTER_ADDR and PORT set the machines (defaults: one machine, port 29500).
set -eu
CONFIG=$1
GPUS=$2
NNODES=${NNODES:-1}
NODE_RANK=${NODE_RANK:-0}
PORT=${PORT:-29500}
MASTER_ADDR=${MASTER_ADDR:-"127.0.0.1"}
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python )}
exec "$PYTHON" -m torch.distributed.run \
    --nnodes="$NNODES" --node_rank="$NODE_RANK" --master_addr="$MASTER_ADDR" \
    --nproc_per_node="$GPUS" --master_port="$PORT" \
    tools/train.py "$CONFIG" --launcher pytorch "${@:3}"
