// What the CPU (and the OS, which must save the wide registers) supports,
// read once: cpuid and xgetbv on x86-64, the kernel's hardware capabilities
// (getauxval) on AArch64.
#ifndef QCC_RUNTIME_CPU_CPUFEATURES_H
#define QCC_RUNTIME_CPU_CPUFEATURES_H

namespace qcc::rt {

struct CpuFeatures {
  bool avx2 = false;
  bool avxVnni = false;    ///< VEX vpdpbusd on ymm
  bool avx512Vnni = false; ///< with AVX-512 F, BW, VL
  bool avx512Vbmi = false; ///< and VBMI, VBMI2 (vpermt2b, vpshrdd)
  bool amx = false;  ///< AMX tiles and int8, enabled by the OS for this process
  bool neon = false; ///< AArch64 Advanced SIMD
  bool dotprod = false; ///< udot/sdot (FEAT_DotProd)
  bool i8mm = false;    ///< usmmla/smmla (FEAT_I8MM)
};

const CpuFeatures &cpuFeatures();

} // namespace qcc::rt

#endif // QCC_RUNTIME_CPU_CPUFEATURES_H
