# Sourced by .ci/run and ./run: puts Node >= 22 and the pinned pnpm first on PATH,
# fetching them from the npm registry into a cache folder outside the repo when the
# machine lacks them, and installs Chromium from the system's packages when missing.
# shellcheck shell=bash
heard_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
heard_cache=${HEARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/heard}
node_version=22.23.3
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$heard_root/package.json")

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  case "$(uname -m)" in x86_64) node_arch=x64 ;; aarch64|arm64) node_arch=arm64 ;; *) node_arch=$(uname -m) ;; esac
  node_dir="$heard_cache/node-$node_version"
  if [ ! -x "$node_dir/node_modules/node-linux-$node_arch/bin/node" ]; then
    echo "toolchain: fetching Node $node_version from the npm registry into $node_dir"
    npm install --silent --no-save --no-audit --no-fund --prefix "$node_dir" "node-linux-$node_arch@$node_version" >/dev/null
  fi
  export PATH="$node_dir/node_modules/node-linux-$node_arch/bin:$PATH"
fi

if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  pnpm_dir="$heard_cache/pnpm-$pnpm_version"
  if [ ! -x "$pnpm_dir/node_modules/.bin/pnpm" ]; then
    echo "toolchain: fetching pnpm $pnpm_version from the npm registry into $pnpm_dir"
    npm install --silent --no-save --no-audit --no-fund --prefix "$pnpm_dir" "pnpm@$pnpm_version" >/dev/null
  fi
  export PATH="$pnpm_dir/node_modules/.bin:$PATH"
fi

if ! command -v chromium >/dev/null 2>&1 && [ -z "${HEARD_CHROMIUM:-}" ]; then
  echo "toolchain: installing Chromium from the system's packages"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
echo "toolchain: node $(node --version), pnpm $(pnpm --version), $(chromium --version 2>/dev/null || echo "chromium at ${HEARD_CHROMIUM:-?}")"
