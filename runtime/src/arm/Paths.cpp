#include "ops/Paths.h"
#include "cpu/CpuFeatures.h"
#include "ops/Elementwise.h"

namespace qcc::rt {

const PathKernels *pathKernels(int32_t isa) {
  // The elementwise operations are the same on the three paths: they have
  // no dot products. Depthwise with byte taps uses sdot: on the dotprod
  // path, and on the i8mm one where the CPU has dotprod too (Armv8.6 has
  // both; an Armv8.2 core may have I8MM alone).
  static const DepthwiseRowsFn i8mmDepthwiseBytes =
      cpuFeatures().dotprod ? depthwiseBytesDotprod() : nullptr;
  static const PathKernels neon{
      gemmKernelsNeon(), gemmKernelsNeon(), depthwiseNeon(), 4, true,
      elementwiseNeon()};
  static const PathKernels dotprod{gemmKernelsDotprod(),
                                   gemmKernelsDotprod(),
                                   depthwiseNeon(),
                                   4,
                                   true,
                                   elementwiseNeon(),
                                   depthwiseBytesDotprod(),
                                   ByteTaps::kInt8Inputs};
  static const PathKernels i8mm{
      gemmKernelsI8mm(), gemmKernelsI8mm(),  depthwiseNeon(),      4, true,
      elementwiseNeon(), i8mmDepthwiseBytes, ByteTaps::kInt8Inputs};
  switch (isa) {
  case QCC_RT_ISA_NEON:
    return &neon;
  case QCC_RT_ISA_DOTPROD:
    return &dotprod;
  case QCC_RT_ISA_I8MM:
    return &i8mm;
  default:
    return nullptr;
  }
}

} // namespace qcc::rt
