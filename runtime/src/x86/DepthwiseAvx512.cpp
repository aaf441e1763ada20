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

struct DepthwiseV512 {
  using I = __m512i;
  using Params = avx512::ColumnParams;
  static constexpr int kLanes = 16, kPixels = 8;
  static constexpr bool kFoldedForms = true;

  static __mmask16 mask(int n) {
    return n >= 16 ? __mmask16(0xffff) : __mmask16((1u << n) - 1);
  }
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
  static I load(const void *p) { return _mm512_load_si512(p); }
  static void store32(I *p, I v) { _mm512_store_si512(p, v); }
  static I set1(int32_t v) { return _mm512_set1_epi32(v); }
  static Params params(const Epilogue &e, int64_t col, bool folded) {
    return avx512::loadParams(e, col, folded);
  }
  template <int Rule, bool LeftShift, int Out>
  static void requantStore(const Epilogue &e, const Params &p, I x,
                           uint8_t *out, int n) {
    avx512::requantizeStore<Rule, LeftShift, Out>(e, p, x, out, mask(n));
  }
};

} // namespace

DepthwiseRowsFn depthwiseAvx512() { return family::depthwise<DepthwiseV512>; }

} // namespace qcc::rt
#pragma GCC pop_options
