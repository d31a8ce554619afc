#!/bin/bash
# Packs the Node bench for a GPU machine that has neither Node nor npm: bundles of
# src/bench/node.ts and scripts/gpu/generation.ts, tfjs's WASM binaries, this machine's Node binary, Dawn's Node addon and
# the Vulkan loader (.deb files). Carry `.gpu` and `.gl` to that machine and run scripts/gpu/run.sh there.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .gpu/node_modules/webgpu/dist/linux-x64 .gl
grep -qx '/.gpu/' .git/info/exclude || echo /.gpu/ >> .git/info/exclude
grep -qx '/.gl/' .git/info/exclude || echo /.gl/ >> .git/info/exclude
banner="import {createRequire} from 'module'; import {fileURLToPath} from 'url'; import {dirname} from 'path'; const require = createRequire(import.meta.url); const __filename = fileURLToPath(import.meta.url); const __dirname = dirname(__filename);"
for entry in src/bench/node.ts:bench scripts/gpu/generation.ts:generation; do
  npx esbuild "${entry%%:*}" --bundle --platform=node --format=esm --target=node20 --external:webgpu --outfile=".gpu/${entry##*:}.mjs" --banner:js="$banner"
done
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm .gpu/
cp node_modules/webgpu/index.js node_modules/webgpu/package.json .gpu/node_modules/webgpu/
xz -T0 -9 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/node_modules/webgpu/dist/linux-x64/dawn.node.xz
xz -T0 -9 -c "$(command -v node)" > .gpu/node.xz
if ! ls .gl/libvulkan1_*.deb > /dev/null 2>&1; then
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  mkdir -p /tmp/amd64/partial
  apt-get $o update > /dev/null
  (cd .gl && apt-get $o download libvulkan1)
fi
du -sh .gpu .gl
