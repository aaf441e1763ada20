#!/usr/bin/env bash
# One model compiled ahead of time for aarch64 (qcc compile --target
# aarch64-linux-gnu), linked with the cross-built runtime and a generic C
# driver, run under qemu: on `-cpu max` (the best path, i8mm, and the
# dotprod path forced) and on `-cpu cortex-a53` (Armv8.0 NEON only). Every
# output must equal, bit for bit, what the x86 build (qcc run) gives.
#
#   aot-model.sh QCC AARCH64_RUNTIME_LIB RUNTIME_INCLUDE DRIVER_C MODEL_DIR
#                NUMERICS WORK_DIR [--check-refusal]
#
# --check-refusal: also check that forcing a path the CPU lacks (i8mm on
# the Cortex-A53) is refused with a message, not run.
set -euo pipefail
qcc=$1 lib=$2 include=$3 driver=$4 dir=$5 numerics=$6 work=$7
refusal=${8:-}
qemu=(qemu-aarch64 -L /usr/aarch64-linux-gnu)

rm -rf "$work"
mkdir -p "$work"
inputs=()
while [ -f "$dir/input_${#inputs[@]}.bin" ]; do
  inputs+=("$dir/input_${#inputs[@]}.bin")
done

"$qcc" compile "$dir/model.onnx" --numerics "$numerics" \
  --target aarch64-linux-gnu --prefix m_ -o "$work/model.o" \
  2> "$work/compile.log" || { cat "$work/compile.log"; exit 1; }
machine=$(aarch64-linux-gnu-readelf -h "$work/model.o" | sed -n 's/^ *Machine: *//p')
[ "$machine" = AArch64 ] || { echo "not an aarch64 object: '$machine'"; exit 1; }
outputs=$(sed -n 's/^#define M_MAIN_OUTPUTS \([0-9]*\)$/\1/p' "$work/model.h")
[ -n "$outputs" ] || { echo "no M_MAIN_OUTPUTS in the header"; exit 1; }

aarch64-linux-gnu-gcc -O1 -I "$include" -include "$work/model.h" \
  -DMODEL_INFO=m_model -DMODEL_ENTRY=m_main_packed \
  -DMODEL_INPUTS=M_MAIN_INPUTS -DMODEL_OUTPUTS=M_MAIN_OUTPUTS \
  "$driver" "$work/model.o" "$lib" -lstdc++ -lm -lpthread -o "$work/driver"

# x86: the same model through the JIT.
x86=()
for ((i = 0; i < outputs; ++i)); do x86+=(--output "$work/x86_$i.bin"); done
in_args=()
for f in "${inputs[@]}"; do in_args+=(--input "$f"); done
"$qcc" run "$dir/model.onnx" --numerics "$numerics" "${in_args[@]}" \
  "${x86[@]}" --print 0 > "$work/x86.log" 2>&1 ||
  { cat "$work/x86.log"; exit 1; }

run() { # NAME CPU ISA
  local name=$1 cpu=$2 isa=$3 outs=() i
  for ((i = 0; i < outputs; ++i)); do
    outs+=("$(stat -c %s "$work/x86_$i.bin"):$work/${name}_$i.bin")
  done
  QCC_ISA=$isa "${qemu[@]}" -cpu "$cpu" "$work/driver" "${inputs[@]}" \
    "${outs[@]}" 2> "$work/$name.log" || { cat "$work/$name.log"; exit 1; }
  for ((i = 0; i < outputs; ++i)); do
    cmp "$work/x86_$i.bin" "$work/${name}_$i.bin" ||
      { echo "$name: output $i differs from x86 ($(cat "$work/$name.log"))"; exit 1; }
  done
  echo "$name: $(cat "$work/$name.log"), $outputs output(s) equal to x86"
}
run max max ""
run max-dotprod max dotprod
run cortex-a53 cortex-a53 ""
grep -q "i8mm path" "$work/max.log" || { echo "max did not run i8mm"; exit 1; }
grep -q "neon path" "$work/cortex-a53.log" ||
  { echo "cortex-a53 did not run neon"; exit 1; }

if [ "$refusal" = --check-refusal ]; then
  if QCC_ISA=i8mm "${qemu[@]}" -cpu cortex-a53 "$work/driver" "${inputs[@]}" \
      "$(stat -c %s "$work/x86_0.bin"):$work/refused.bin" 2> "$work/refused.log"; then
    echo "i8mm ran on a Cortex-A53"; exit 1
  fi
  grep -q "the i8mm path is not supported by this CPU" "$work/refused.log" ||
    { echo "unexpected refusal: $(cat "$work/refused.log")"; exit 1; }
  echo "cortex-a53 with QCC_ISA=i8mm: refused ($(cat "$work/refused.log"))"
fi
