#!/bin/bash
# On the GPU machine, from the repository root, after scripts/gpu/pack.sh here:
#   EPOCHS=100 MAXS=200 ROWS=200000 WASM=3 GEN=200000 bash scripts/gpu/run.sh
# trains on tfjs's WebGPU backend over Dawn (and, with WASM=N, N epochs on one CPU thread beside it)
# and leaves the results in $OUT/dawn.json and $OUT/node.json, logs beside them; with GEN=rows it
# then times generation alone, whole and in parts (scripts/gpu/generation.ts), into $OUT/generation.json.
EPOCHS=${EPOCHS:-100} MAXS=${MAXS:-240} ROWS=${ROWS:-200000} CFG=${CFG:-'{}'} OUT=${OUT:-/tmp}
for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig
ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f $ICD ] && export VK_DRIVER_FILES=$ICD
export XDG_RUNTIME_DIR=/tmp
nvidia-smi -L; lscpu | grep 'Model name'
N=$(command -v node) || { xz -dc .gpu/node.xz > /tmp/node && chmod +x /tmp/node && N=/tmp/node; }
D=.gpu/node_modules/webgpu/dist/linux-x64/dawn.node
[ -f $D ] || xz -dk $D.xz
if [ -n "${WASM:-}" ]; then $N .gpu/bench.mjs node public/adult.csv "$WASM" 600 100000 > "$OUT/node.json" 2> "$OUT/node.log" & fi
timeout "${LIMIT:-500}" $N .gpu/bench.mjs dawn public/adult.csv "$EPOCHS" "$MAXS" "$ROWS" "$CFG" > "$OUT/dawn.json" 2> "$OUT/dawn.log"
echo "dawn exit $?"; grep -v '^$' "$OUT/dawn.log" | tail -25
wait; tail -3 "$OUT/node.log" 2>/dev/null
if [ -n "${GEN:-}" ]; then
  timeout 180 $N .gpu/generation.mjs dawn public/adult.csv 1 "$GEN" > "$OUT/generation.json" 2> "$OUT/generation.log"
  echo "generation exit $?"; grep -v '^$' "$OUT/generation.log" | tail -6
fi
