// Depthwise convolution on AVX-512 VNNI (see ops/Depthwise.h): 16 channels
// per vector, one vpdpwssd per tap, or per two with pair taps
// (ops/DepthwisePairsFamily.h). The kernels for weights that do not fit
// byte taps, and for CPUs without VBMI (Cascade Lake).
#include "ops/Depthwise.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target(                                                            \
    "avx512f,avx512bw,avx512vl,avx512dq,avx512vnni,avx2,fma,bmi2")
#include "ops/DepthwisePairsFamily.h"
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

  // Pair taps.
  using Bytes = __m128i;
  static Bytes pixelBytes(const uint8_t *p, int n) {
    return _mm_maskz_loadu_epi8(mask(n), p);
  }
  static Bytes fullBytes(const uint8_t *p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
  }
  static Bytes fillBytes(int32_t zeroPoint) {
    return _mm_set1_epi8(char(zeroPoint));
  }
  /// Lane j: (a's byte j, b's byte j), each extended to 16 bits.
  template <bool Signed> static I pairOf(Bytes a, Bytes b) {
    const __m256i bytes =
        _mm256_set_m128i(_mm_unpackhi_epi8(a, b), _mm_unpacklo_epi8(a, b));
    return Signed ? _mm512_cvtepi8_epi16(bytes) : _mm512_cvtepu8_epi16(bytes);
  }
  /// lo's w' (zero above) below hi's.
  static I pairWeights(I lo, I hi) {
    return _mm512_or_si512(lo, _mm512_slli_epi32(hi, 16));
  }
};

} // namespace

DepthwiseRowsFn depthwiseAvx512() {
  return family::depthwiseWithPairs<DepthwiseV512>;
}

} // namespace qcc::rt
#pragma GCC pop_options
