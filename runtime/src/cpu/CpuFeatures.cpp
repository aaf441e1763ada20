#include "cpu/CpuFeatures.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <cstdint>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(__aarch64__)
#include <sys/auxv.h>
#endif

namespace qcc::rt {

namespace {

#if defined(__x86_64__)
uint64_t xgetbv0() {
  uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (uint64_t(edx) << 32) | eax;
}

CpuFeatures detect() {
  CpuFeatures f;
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
    return f;
  const bool osxsave = ecx & (1u << 27);
  const bool avx = ecx & (1u << 28);
  // The AVX2 and AVX-VNNI paths are compiled for FMA too (their target
  // pragmas), so the path needs it.
  const bool fma = ecx & (1u << 12);
  if (!osxsave || !avx)
    return f;
  const uint64_t xcr0 = xgetbv0();
  const bool ymmSaved = (xcr0 & 0x6) == 0x6;   // SSE and AVX state
  const bool zmmSaved = (xcr0 & 0xE6) == 0xE6; // and opmask, ZMM state
  if (!ymmSaved || !__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
    return f;
  f.avx2 = fma && (ebx & (1u << 5));
  // The AVX-512 files are compiled for F, BW, VL and DQ (the affine adds'
  // vreduceps is DQ's): every CPU with VNNI on zmm has all four.
  const bool avx512f = ebx & (1u << 16), avx512dq = ebx & (1u << 17),
             avx512bw = ebx & (1u << 30), avx512vl = ebx & (1u << 31),
             vnni512 = ecx & (1u << 11);
  f.avx512Vnni = zmmSaved && f.avx2 && avx512f && avx512dq && avx512bw &&
                 avx512vl && vnni512;
  f.avx512Vbmi = f.avx512Vnni && (ecx & (1u << 1)) && (ecx & (1u << 6));
  unsigned eax1, ebx1, ecx1, edx1;
  if (__get_cpuid_count(7, 1, &eax1, &ebx1, &ecx1, &edx1))
    f.avxVnni = f.avx2 && (eax1 & (1u << 4));
  // AMX: tile and int8 support, the OS saving tile state (XCR0 bits 17 and
  // 18), and Linux's permission to use it, asked for once per process.
  const bool amxTile = edx & (1u << 24), amxInt8 = edx & (1u << 25);
  const bool tilesSaved = (xcr0 & (3ull << 17)) == (3ull << 17);
  if (f.avx512Vnni && amxTile && amxInt8 && tilesSaved) {
    constexpr long kArchReqXcompPerm = 0x1023, kXfeatureXtiledata = 18;
    f.amx = syscall(SYS_arch_prctl, kArchReqXcompPerm, kXfeatureXtiledata) == 0;
  }
  return f;
}
#elif defined(__aarch64__)
CpuFeatures detect() {
  // The bits of <asm/hwcap.h>, spelled out: older headers lack I8MM.
  constexpr unsigned long kHwcapAsimd = 1ul << 1, kHwcapAsimdDp = 1ul << 20;
  constexpr unsigned long kHwcap2I8mm = 1ul << 13;
  const unsigned long hwcap = getauxval(AT_HWCAP),
                      hwcap2 = getauxval(AT_HWCAP2);
  CpuFeatures f;
  f.neon = hwcap & kHwcapAsimd;
  f.dotprod = f.neon && (hwcap & kHwcapAsimdDp);
  f.i8mm = f.neon && (hwcap2 & kHwcap2I8mm);
  return f;
}
#else
CpuFeatures detect() { return {}; }
#endif

} // namespace

const CpuFeatures &cpuFeatures() {
  static const CpuFeatures features = detect();
  return features;
}

} // namespace qcc::rt
