// Depthwise convolution on AArch64 Advanced SIMD (see ops/Depthwise.h and
// ops/DepthwiseFamily.h): 4 channels per vector, one 32-bit multiply-add
// (mla) per tap with the weights packed sign-extended to 32 bits.
#include "arm/NeonRequant.h"
#include "ops/DepthwiseFamily.h"

namespace qcc::rt {
namespace {

struct DepthwiseV128 : neon::EpilogueV128 {
  static constexpr int kPixels = 4;
  static constexpr bool kWeightsInRegisters = true;

  /// `n` (<= 4) channels; nothing past them is read.
  template <bool Signed> static I widen(const uint8_t *p, int n) {
    const uint8x8_t x =
        vreinterpret_u8_u32(vdup_n_u32(channelBytes<uint32_t>(p, n)));
    if constexpr (Signed)
      return vmovl_s16(vget_low_s16(vmovl_s8(vreinterpret_s8_u8(x))));
    else
      return vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(vmovl_u8(x))));
  }
  template <bool Signed> static I widenFull(const uint8_t *p) {
    return widen<Signed>(p, kLanes);
  }
  static I dot(I acc, I w, I x) { return vmlaq_s32(acc, w, x); }
  static void store32(I *p, I v) {
    vst1q_s32(reinterpret_cast<int32_t *>(p), v);
  }
};

} // namespace

DepthwiseRowsFn depthwiseNeon() { return family::depthwise<DepthwiseV128>; }

} // namespace qcc::rt
