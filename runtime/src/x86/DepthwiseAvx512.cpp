// Depthwise convolution on AVX-512 VNNI (see ops/Depthwise.h): 16 channels
// per vector, one vpdpwssd per tap.
#include "ops/Depthwise.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target(                                                            \
    "avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx2,fma,bmi2")
#include "ops/DepthwiseFamily.h"
#include "x86/Avx512Requant.h"

namespace qcc::rt {
namespace {

struct DepthwiseV512 : avx512::EpilogueV512 {
  static constexpr int kPixels = 8;
  static constexpr bool kWeightsInRegisters = true;

  /// `n` channels; nothing past them is read.
  template <bool Signed> static I widen(const uint8_t *p, int n) {
    const __m128i x = _mm_maskz_loadu_epi8(mask(n), p);
    return Signed ? _mm512_cvtepi8_epi32(x) : _mm512_cvtepu8_epi32(x);
  }
  template <bool Signed> static I widenFull(const uint8_t *p) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    return Signed ? _mm512_cvtepi8_epi32(x) : _mm512_cvtepu8_epi32(x);
  }
  static I dot(I acc, I w, I x) { return _mm512_dpwssd_epi32(acc, w, x); }
  static void store32(I *p, I v) { _mm512_store_si512(p, v); }
};

} // namespace

DepthwiseRowsFn depthwiseAvx512() { return family::depthwise<DepthwiseV512>; }

} // namespace qcc::rt
#pragma GCC pop_options
