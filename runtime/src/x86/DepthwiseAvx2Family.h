// Depthwise convolution on 256-bit vectors (see ops/Depthwise.h): 8
// channels per vector, vpdpwssd on ymm (AVX-VNNI) or vpmaddwd and an add
// (AVX2); with byte taps, vpdpbusd on ymm (AVX-VNNI only: AVX2's vpmaddubsw
// saturates). Included by one translation unit per path, after its target
// pragma.
#ifndef QCC_RUNTIME_X86_DEPTHWISEAVX2FAMILY_H
#define QCC_RUNTIME_X86_DEPTHWISEAVX2FAMILY_H

#include "ops/DepthwiseBytesFamily.h"
#include "ops/DepthwiseFamily.h"
#include "ops/DepthwisePairsFamily.h"
#include "x86/Avx2AddInPlace.h"
#include "x86/Avx2Requant.h"

namespace qcc::rt::avx2 {
namespace {

/// The bytes of `n` (<= 8) channels in the low lanes of a vector: a whole
/// block straight from memory (the widening takes it as its operand), a
/// partial one through a register.
inline __m128i bytesOf(const uint8_t *p, int n) {
  if (n >= 8)
    return _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
  return _mm_cvtsi64_si128(int64_t(channelBytes<uint64_t>(p, n)));
}

template <bool Vnni> struct DepthwiseV256 : EpilogueV256 {
  static constexpr int kPixels = 4;
  static constexpr bool kWeightsInRegisters = false; ///< 16 ymm registers

  /// `n` (<= 8) channels; nothing past them is read.
  template <bool Signed> static I widen(const uint8_t *p, int n) {
    const __m128i x = bytesOf(p, n);
    return Signed ? _mm256_cvtepi8_epi32(x) : _mm256_cvtepu8_epi32(x);
  }
  template <bool Signed> static I widenFull(const uint8_t *p) {
    return widen<Signed>(p, kLanes);
  }
  static I dot(I acc, I w, I x) {
    if constexpr (Vnni)
      return _mm256_dpwssd_avx_epi32(acc, w, x);
    else {
      addInPlace(acc, _mm256_madd_epi16(w, x));
      return acc;
    }
  }
  static void store32(I *p, I v) { _mm256_store_si256(p, v); }

  // Pair taps (ops/DepthwisePairsFamily.h).
  using Bytes = __m128i;
  static Bytes pixelBytes(const uint8_t *p, int n) { return bytesOf(p, n); }
  static Bytes fullBytes(const uint8_t *p) { return bytesOf(p, kLanes); }
  static Bytes fillBytes(int32_t zeroPoint) {
    return _mm_set1_epi8(char(zeroPoint));
  }
  /// Lane j: (a's byte j, b's byte j), each extended to 16 bits.
  template <bool Signed> static I pairOf(Bytes a, Bytes b) {
    const __m128i bytes = _mm_unpacklo_epi8(a, b);
    return Signed ? _mm256_cvtepi8_epi16(bytes) : _mm256_cvtepu8_epi16(bytes);
  }
  /// lo's w' (zero above) below hi's.
  static I pairWeights(I lo, I hi) {
    return _mm256_or_si256(lo, _mm256_slli_epi32(hi, 16));
  }
};

/// Byte taps (ops/DepthwiseBytesFamily.h) with AVX-VNNI.
struct DepthwiseBytesV256 : EpilogueV256 {
  static constexpr int kPixels = 4;
  static constexpr int kGroupBytes = 64;
  static constexpr bool kPairedPixels = false; ///< not measured on AVX-VNNI
  static constexpr int kWideBlocks = 1; ///< no byte permutes across lanes

  /// `n` (<= 8) channels, int8 offset to uint8; nothing past them is read.
  template <bool Signed> static I widen(const uint8_t *p, int n) {
    const I x = _mm256_cvtepu8_epi32(bytesOf(p, n));
    return Signed ? _mm256_xor_si256(x, _mm256_set1_epi32(0x80)) : x;
  }
  template <bool Signed> static I widenFull(const uint8_t *p) {
    return widen<Signed>(p, kLanes);
  }
  /// quad >> 8 with the pixel's byte on top.
  static I slide(I quad, I pixel) {
    return _mm256_or_si256(_mm256_srli_epi32(quad, 8),
                           _mm256_slli_epi32(pixel, 24));
  }
  static I dotBytes(I acc, I x, I w) {
    return _mm256_dpbusd_avx_epi32(acc, x, w);
  }
  static void store(I *p, I v) { _mm256_store_si256(p, v); }
};

} // namespace
} // namespace qcc::rt::avx2

#endif // QCC_RUNTIME_X86_DEPTHWISEAVX2FAMILY_H
