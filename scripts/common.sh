# Shared by scripts/demo and scripts/test: install what is missing, then
# configure and build. Sourced, not run.
set -euo pipefail

QCC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QCC_BUILD=${QCC_BUILD:-$QCC_ROOT/build}
LLVM_PREFIX=/usr/lib/llvm-22

# Debian packages the build and the tests need.
QCC_PACKAGES=(
  g++ cmake ninja-build ccache python3
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  googletest libgtest-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  libbenchmark-dev libdnnl-dev libxnnpack-dev libpthreadpool-dev
  g++-aarch64-linux-gnu qemu-user
  nodejs # runs bench/onnxruntime/time_model.cjs in the qcc-bench tests
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

qcc_install_packages() {
  local missing=() p
  for p in "${QCC_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  log "installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
}

qcc_build() {
  if [ ! -f "$QCC_BUILD/build.ninja" ]; then
    log "configuring $QCC_BUILD"
    cmake -G Ninja -S "$QCC_ROOT" -B "$QCC_BUILD" \
      -DCMAKE_BUILD_TYPE=Release \
      -DMLIR_DIR="$LLVM_PREFIX/lib/cmake/mlir" \
      -DLLVM_DIR="$LLVM_PREFIX/lib/cmake/llvm"
  fi
  log "building"
  cmake --build "$QCC_BUILD"
}
