#!/usr/bin/env bash
# Create or update the virtual environment at .venv (repository root) with the CPU OpenMMLab stack.
#
# The first run on a machine compiles mmcv 2.1.0 with its C++ ops (11 minutes measured on 2 cores; up to 23) and keeps
# the wheel in $MMREFINE_CACHE (default ~/.cache/mmrefine); later runs reuse it and take about 2 minutes,
# and a run with nothing changed returns in a second (a stamp of the requirement files is kept in .venv).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
PYTHON=${PYTHON:-python3}
CACHE=${MMREFINE_CACHE:-$HOME/.cache/mmrefine}
STAMP="$VENV/.mmrefine-stamp"
WANT=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-test.txt" "$ROOT/tools/setup_env.sh" "$ROOT/setup.py" 2>/dev/null | sha256sum | cut -c1-16)

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]]; then
    exit 0
fi

log() { echo "[setup_env] $*" >&2; }

[[ -x "$VENV/bin/python" ]] || { log "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
PY="$VENV/bin/python"
PIP=("$PY" -m pip --disable-pip-version-check -q)

pin_setuptools() {
    "${PIP[@]}" install "setuptools<70" 2>&1 | grep -v "dependency resolver\|requires setuptools" >&2 || true
    "$PY" -c 'import pkg_resources' 2>/dev/null || { log "could not install setuptools<70"; exit 1; }
}

# Build tools first: mmcv 2.1.0's setup.py imports pkg_resources, gone from setuptools >= 70.
log "installing torch (CPU) and build tools"
"${PIP[@]}" install torch==2.13.0 numpy wheel ninja psutil
pin_setuptools

# mmcv: no wheel on PyPI for this torch; compile once and cache the wheel per python/torch version.
TAG=$("$PY" -c 'import sys, torch; print(f"py{sys.version_info[0]}{sys.version_info[1]}-torch{torch.__version__}")')
WHEELS="$CACHE/wheels/$TAG"
mkdir -p "$WHEELS"
if ! "$PY" -c 'import mmcv, mmcv.ops; assert mmcv.__version__ == "2.1.0"' 2>/dev/null; then
    if ! ls "$WHEELS"/mmcv-2.1.0-*.whl >/dev/null 2>&1; then
        log "compiling mmcv 2.1.0 with ops (11-23 minutes on 2 cores; cached in $WHEELS afterwards)"
        TMPW=$(mktemp -d)
        MMCV_WITH_OPS=1 MAX_JOBS=${MAX_JOBS:-$(nproc)} \
            "${PIP[@]}" wheel --no-build-isolation --no-deps --no-cache-dir mmcv==2.1.0 -w "$TMPW"
        mv "$TMPW"/mmcv-2.1.0-*.whl "$WHEELS"/
        rm -rf "$TMPW"
    fi
    log "installing cached mmcv wheel"
    "${PIP[@]}" install --no-deps "$WHEELS"/mmcv-2.1.0-*.whl
fi

log "installing mmengine, mmdet, mmseg and the rest"
"${PIP[@]}" install -r "$ROOT/requirements.txt" -r "$ROOT/requirements-test.txt"
# torch 2.13 declares setuptools >= 77 and the line above may have upgraded it: pin it back (pip only warns
# about torch's declaration). mmengine imports pkg_resources at run time (setuptools < 70), and setuptools >= 80
# would turn the develop install below into a PEP 660 one.
pin_setuptools
# setup.py develop (not a PEP 660 editable wheel): mim finds the package, its configs and tools only through
# the egg-link this writes (setup.py then links them in as mmrefine/.mim)
"${PIP[@]}" install --no-deps --no-build-isolation --no-use-pep517 -e "$ROOT" || {
    log "this pip refuses setup.py develop: installing a PEP 660 editable instead (mim will not find mmrefine)"
    "${PIP[@]}" install --no-deps --no-build-isolation -e "$ROOT"
}

"$PY" -c 'import mmcv.ops, mmdet, mmseg, mmengine, mmrefine' || { log "import check failed"; exit 1; }
echo "$WANT" > "$STAMP"
log "done: $VENV"
