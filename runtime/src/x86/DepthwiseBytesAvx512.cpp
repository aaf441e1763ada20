// Depthwise convolution with byte taps on AVX-512 VNNI, VBMI and VBMI2 (see
// ops/Depthwise.h): 16 channels per vector, one vpdpbusd per four taps
// across.
#include "ops/Depthwise.h"

#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see GemmAvx512Vnni
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512dq,avx512vnni",            \
                   "avx512vbmi,avx512vbmi2,avx2,fma,bmi2")
#include "ops/DepthwiseBytesFamily.h"
#include "x86/Avx512Requant.h"

namespace qcc::rt {
namespace {

struct DepthwiseBytesV512 : avx512::EpilogueV512 {
  static constexpr int kPixels = 8;
  /// 128 channels share their input lines, not 64: the stride-2 layer on
  /// 96x112x112 103.5 / 103.8 -> 97.5 / 98.8 us, MobileNetV2 1 % faster.
  static constexpr int kGroupBytes = 128;

  /// `n` channels, int8 offset to uint8; nothing past them is read.
  template <bool Signed> static I widen(const uint8_t *p, int n) {
    const I x = _mm512_cvtepu8_epi32(_mm_maskz_loadu_epi8(mask(n), p));
    return Signed ? _mm512_xor_si512(x, _mm512_set1_epi32(0x80)) : x;
  }
  template <bool Signed> static I widenFull(const uint8_t *p) {
    const I x = _mm512_cvtepu8_epi32(
        _mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
    return Signed ? _mm512_xor_si512(x, _mm512_set1_epi32(0x80)) : x;
  }
  /// quad >> 8 with the pixel's byte on top, in one instruction (VBMI2's
  /// vpshrdd): a shift and an or measured 15 % slower for the whole layer.
  static I slide(I quad, I pixel) { return _mm512_shrdi_epi32(quad, pixel, 8); }
  static I dotBytes(I acc, I x, I w) { return _mm512_dpbusd_epi32(acc, x, w); }
  /// Pixels in pairs: taps (w0, w1, w2, 0) become (0, w0, w1, w2).
  static constexpr bool kPairedPixels = true;
  static I tapsUp(I w) { return _mm512_slli_epi32(w, 8); }
  static void store(I *p, I v) { _mm512_store_si512(p, v); }

  /// Every second quad of 4 (or 2) blocks from 64 (32) bytes of a pixel: a
  /// byte permute (VBMI) per 32 channels and pixel pair, and an unpack per
  /// quad vector.
  static constexpr int kWideBlocks = 4;
  static I fillBytes(int32_t zeroPoint) {
    return _mm512_set1_epi8(char(zeroPoint));
  }
  template <bool Signed, int Blocks> static I wideBytes(const uint8_t *p) {
    const I x = Blocks == 4 ? _mm512_loadu_si512(p)
                            : _mm512_zextsi256_si512(_mm256_loadu_si256(
                                  reinterpret_cast<const __m256i *>(p)));
    return Signed ? _mm512_xor_si512(x, _mm512_set1_epi8(char(0x80))) : x;
  }
  /// Pixels a and b's bytes of channels 32h .. 32h + 31, paired so that the
  /// unpacks of 16-bit lanes give blocks 2h and 2h + 1 in order: 128-bit
  /// lane L holds the pairs of channels 4L .. 4L + 3 of block 2h, then of
  /// block 2h + 1.
  static I pairUp(I a, I b, int h) {
    return _mm512_permutex2var_epi8(a, pairIndex(h), b);
  }
  static I pairIndex(int h) {
    alignas(64) uint8_t index[64];
    for (int k = 0; k < 64; ++k) {
      const int lane = k / 16, r = k % 16;
      const int channel = 32 * h + 16 * (r / 8) + 4 * lane + r % 8 / 2;
      index[k] = uint8_t(channel + 64 * (r % 2));
    }
    return _mm512_load_si512(index);
  }
  static I quadsLow(I p, I q) { return _mm512_unpacklo_epi16(p, q); }
  static I quadsHigh(I p, I q) { return _mm512_unpackhi_epi16(p, q); }
};

} // namespace

DepthwiseRowsFn depthwiseBytesAvx512() {
  return family::depthwiseBytes<DepthwiseBytesV512>;
}

} // namespace qcc::rt
#pragma GCC pop_options
