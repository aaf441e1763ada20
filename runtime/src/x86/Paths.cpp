#include "ops/Paths.h"
#include "cpu/CpuFeatures.h"
#include "ops/Elementwise.h"

namespace qcc::rt {

const PathKernels *pathKernels(int32_t isa) {
  // Byte taps make their quads with VBMI and VBMI2, which AVX-512 VNNI
  // CPUs without them (Cascade Lake) lack; they keep the 16-bit kernel.
  static const DepthwiseRowsFn depthwiseBytes =
      cpuFeatures().avx512Vbmi ? depthwiseBytesAvx512() : nullptr;
  static const PathKernels avx512{gemmKernelsAvx512Vnni(),
                                  gemmKernelsAvx512Vnni(),
                                  depthwiseAvx512(),
                                  16,
                                  false,
                                  elementwiseAvx512(),
                                  depthwiseBytes,
                                  ByteTaps::kUint8Inputs};
  // AMX is AVX-512 with the AMX GEMM (few rows and short k keep AVX-512:
  // gemmSmall).
  static const PathKernels amx = [] {
    PathKernels p = avx512;
    p.gemm = gemmKernelsAmx();
    return p;
  }();
  static const PathKernels avxVnni{gemmKernelsAvxVnni(),
                                   gemmKernelsAvxVnni(),
                                   depthwiseAvxVnni(),
                                   8,
                                   false,
                                   elementwiseAvx2(),
                                   depthwiseBytesAvxVnni(),
                                   ByteTaps::kUint8Inputs};
  static const PathKernels avx2{
      gemmKernelsAvx2(), gemmKernelsAvx2(), depthwiseAvx2(), 8, false,
      elementwiseAvx2()};
  switch (isa) {
  case QCC_RT_ISA_AMX:
    return &amx;
  case QCC_RT_ISA_AVX512_VNNI:
    return &avx512;
  case QCC_RT_ISA_AVX_VNNI:
    return &avxVnni;
  case QCC_RT_ISA_AVX2:
    return &avx2;
  default:
    return nullptr;
  }
}

} // namespace qcc::rt
