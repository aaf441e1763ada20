// Depthwise convolution with byte taps on AArch64 with the dot-product
// instructions (see ops/Depthwise.h and ops/DepthwiseBytesFamily.h): 4
// channels per vector, one sdot per four taps across, on int8 inputs
// (uint8 ones offset by -128).
#include "arm/NeonRequant.h"

#pragma GCC push_options
#pragma GCC target("arch=armv8.2-a+dotprod")
#include "ops/DepthwiseBytesFamily.h"

namespace qcc::rt {
namespace {

struct DepthwiseBytesV128 : neon::EpilogueV128 {
  static constexpr int kPixels = 4;
  static constexpr int kGroupBytes = 64;
  static constexpr bool kPairedPixels = false; ///< not measured on ARM
  static constexpr int kWideBlocks = 1;        ///< not measured on ARM

  /// `n` (<= 4) channels as int8, one per lane (uint8 offset by -128; the
  /// lanes' upper bytes are not read); nothing past them is read.
  template <bool Signed> static I widen(const uint8_t *p, int n) {
    uint32_t bytes = channelBytes<uint32_t>(p, n);
    if constexpr (!Signed)
      bytes ^= 0x80808080u;
    const uint8x8_t x = vreinterpret_u8_u32(vdup_n_u32(bytes));
    return vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(vmovl_u8(x))));
  }
  template <bool Signed> static I widenFull(const uint8_t *p) {
    return widen<Signed>(p, kLanes);
  }
  /// quad >> 8 with the pixel's byte on top (shift right, then shift left
  /// and insert).
  static I slide(I quad, I pixel) {
    const uint32x4_t down = vshrq_n_u32(vreinterpretq_u32_s32(quad), 8);
    return vreinterpretq_s32_u32(
        vsliq_n_u32(down, vreinterpretq_u32_s32(pixel), 24));
  }
  static I dotBytes(I acc, I x, I w) {
    return vdotq_s32(acc, vreinterpretq_s8_s32(x), vreinterpretq_s8_s32(w));
  }
  static void store(I *p, I v) { vst1q_s32(reinterpret_cast<int32_t *>(p), v); }
};

} // namespace

DepthwiseRowsFn depthwiseBytesDotprod() {
  return family::depthwiseBytes<DepthwiseBytesV128>;
}

} // namespace qcc::rt
#pragma GCC pop_options
