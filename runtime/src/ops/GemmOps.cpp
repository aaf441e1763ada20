// Fully connected and convolution layers on the packed GEMM: the layer
// supplies the rows (a matrix, or the windows of an NHWC image gathered
// into the packing buffer) and where the outputs go.
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Depthwise.h"
#include "ops/Elementwise.h"
#include "ops/Paths.h"
#include "ops/Prepared.h"

#include <cstring>
#include <vector>

namespace qcc::rt {

namespace {

class FullyConnectedOp final : public PreparedOp {
public:
  FullyConnectedOp(const GemmKernels &kernels, const qcc_rt_fc_desc &d)
      : kernels(kernels), d(d) {}
  bool init() {
    GemmWeightsDesc wd{d.n,
                       d.k,
                       d.weight_type,
                       d.weight,
                       d.weight_zero_point,
                       d.weight_zero_point_count,
                       static_cast<const int32_t *>(d.bias),
                       d.input_type,
                       d.input_zero_point,
                       d.output_type,
                       requantOrRaw(d.requant)};
    return packWeights(wd, chooseShape(kernels, d.m, d.n), weights);
  }
  size_t scratchBytes() const override { return gemmScratchBytes(weights); }
  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    MatrixRows rows(inputs[0], d.k, d.k, d.input_type);
    runGemm(kernels, {&weights, &rows, d.m, output, d.n}, *res.pool,
            res.scratch);
  }

private:
  const GemmKernels &kernels;
  qcc_rt_fc_desc d;
  PackedWeights weights;
};

/// Copies n bytes with a few fixed-size moves (overlapping at the end): the
/// pieces of a window are a few to a few hundred bytes, where a call to
/// memcpy costs more than the copy.
inline void copyBytes(uint8_t *d, const uint8_t *s, int64_t n) {
  if (n >= 16) {
    int64_t i = 0;
    for (; i + 16 <= n; i += 16)
      std::memcpy(d + i, s + i, 16);
    if (i < n)
      std::memcpy(d + n - 16, s + n - 16, 16);
  } else if (n >= 8) {
    std::memcpy(d, s, 8);
    std::memcpy(d + n - 8, s + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(d, s, 4);
    std::memcpy(d + n - 4, s + n - 4, 4);
  } else {
    for (int64_t i = 0; i < n; ++i)
      d[i] = s[i];
  }
}

/// The windows of one group of an NHWC convolution as rows: row r is output
/// pixel r (batch, y, x), its window's channels of group `group` in
/// (ky, kx, c) order, as the OHWI weights are; padding reads the input zero
/// point.
class WindowRows final : public RowPacker {
public:
  WindowRows(const qcc_rt_conv2d_desc &d, const void *input, int64_t group)
      : d(d), w(d.window), in(static_cast<const uint8_t *>(input)),
        cg(d.window.channels / d.groups), offset(group * cg),
        flip(d.input_type == QCC_RT_I8), fill(uint8_t(d.input_zero_point)) {}

  /// A 1x1 convolution of stride 1 without padding reads pixels in place.
  const uint8_t *direct(int64_t begin, int64_t kPadded) const override {
    const bool pointwise = w.kernel_h == 1 && w.kernel_w == 1 &&
                           w.stride_h == 1 && w.stride_w == 1 &&
                           w.pad_top == 0 && w.pad_left == 0 &&
                           w.pad_bottom == 0 && w.pad_right == 0 &&
                           w.in_h == w.out_h && w.in_w == w.out_w;
    return pointwise && d.groups == 1 && !flip && w.channels == kPadded
               ? in + begin * w.channels
               : nullptr;
  }

  void pack(int64_t begin, int64_t end, const PackedRows &rows) const override {
    // Locals: the byte stores below may alias anything, so fields read
    // through `w` would be reloaded at every use.
    const int64_t kh = w.kernel_h, kw = w.kernel_w, sh = w.stride_h,
                  sw = w.stride_w, dh = w.dilation_h, dw = w.dilation_w,
                  pt = w.pad_top, pl = w.pad_left, ih = w.in_h, iw = w.in_w,
                  oh = w.out_h, ow = w.out_w, c = w.channels, g = cg,
                  off = offset;
    const int64_t k = kh * kw * g, line = kw * g;
    const bool contiguousRow = dw == 1 && d.groups == 1;
    const uint8_t *input = in;
    const uint8_t zp = fill;
    const bool flipBytes = flip;
    // The output columns whose windows are inside the image's columns.
    const int64_t insideBegin = (pl + sw - 1) / sw;
    const int64_t insideEnd = iw - 1 - (kw - 1) * dw + pl >= 0
                                  ? (iw - 1 - (kw - 1) * dw + pl) / sw + 1
                                  : 0;
    // A run of the rows at a time: the pixels of one output row, ky outside
    // so that the inner loop is one copy of a constant size per pixel.
    for (int64_t r = begin; r < end;) {
      const int64_t b = r / (oh * ow), oy = (r / ow) % oh, ox0 = r % ow;
      const int64_t count = end - r < ow - ox0 ? end - r : ow - ox0;
      uint8_t *first = rows.row(r - begin);
      const int64_t rowBytes = rows.rowBytes();
      for (int64_t ky = 0; ky < kh; ++ky) {
        const int64_t iy = oy * sh + ky * dh - pt;
        uint8_t *dst = first + ky * line;
        if (iy < 0 || iy >= ih) {
          for (int64_t i = 0; i < count; ++i, dst += rowBytes)
            std::memset(dst, zp, size_t(line));
          continue;
        }
        const uint8_t *src = input + ((b * ih + iy) * iw) * c;
        for (int64_t i = 0; i < count; ++i, dst += rowBytes) {
          const int64_t ox = ox0 + i, x0 = ox * sw - pl;
          if (contiguousRow && ox >= insideBegin && ox < insideEnd) {
            copyBytes(dst, src + x0 * c, line);
            continue;
          }
          for (int64_t kx = 0; kx < kw; ++kx) {
            const int64_t ix = x0 + kx * dw;
            if (ix < 0 || ix >= iw)
              std::memset(dst + kx * g, zp, size_t(g));
            else
              copyBytes(dst + kx * g, src + ix * c + off, g);
          }
        }
      }
      for (int64_t i = 0; i < count; ++i) {
        if (flipBytes) {
          uint8_t *row = first + i * rowBytes;
          for (int64_t j = 0; j < k; ++j)
            row[j] ^= 0x80;
        }
        finishRow(rows, r - begin + i, k);
      }
      r += count;
    }
  }

private:
  const qcc_rt_conv2d_desc &d;
  const qcc_rt_window &w;
  const uint8_t *in;
  int64_t cg, offset;
  bool flip;
  uint8_t fill;
};

class Conv2dOp final : public PreparedOp {
public:
  Conv2dOp(const GemmKernels &kernels, const qcc_rt_conv2d_desc &d)
      : kernels(kernels), d(d) {}
  bool init() {
    const qcc_rt_window &win = d.window;
    const int64_t groups = d.groups, og = d.out_channels / groups;
    const int64_t k =
        int64_t(win.kernel_h) * win.kernel_w * (win.channels / groups);
    const int64_t m = win.batch * win.out_h * win.out_w;
    const GemmShape shape = chooseShape(kernels, m, og);
    weights.resize(size_t(groups));
    const size_t wBytes = 1;
    std::vector<int32_t> zps;
    for (int64_t g = 0; g < groups; ++g) {
      // Group g: output channels [g * og, (g + 1) * og).
      const int32_t *zp = d.weight_zero_point;
      int32_t zpCount = d.weight_zero_point_count;
      if (zpCount > 1) {
        zp += g * og;
        zpCount = int32_t(og);
      }
      qcc_rt_requant rq = d.requant;
      if (rq.channels > 1) {
        rq.channels = int32_t(og);
        if (rq.multiplier)
          rq.multiplier += g * og;
        if (rq.shift)
          rq.shift += g * og;
        if (rq.scale)
          rq.scale += g * og;
      }
      GemmWeightsDesc wd{
          og,
          k,
          d.weight_type,
          static_cast<const uint8_t *>(d.weight) + g * og * k * wBytes,
          zp,
          zpCount,
          d.bias ? static_cast<const int32_t *>(d.bias) + g * og : nullptr,
          d.input_type,
          d.input_zero_point,
          d.output_type,
          requantOrRaw(rq)};
      if (!packWeights(wd, shape, weights[size_t(g)]))
        return false;
    }
    return true;
  }
  size_t scratchBytes() const override {
    return gemmScratchBytes(weights.front());
  }
  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const qcc_rt_window &win = d.window;
    const int64_t m = win.batch * win.out_h * win.out_w;
    const int64_t og = d.out_channels / d.groups;
    const size_t outBytes = d.output_type == QCC_RT_I32 ? 4 : 1;
    for (int64_t g = 0; g < d.groups; ++g) {
      WindowRows rows(d, inputs[0], g);
      runGemm(kernels,
              {&weights[size_t(g)], &rows, m,
               static_cast<uint8_t *>(output) + g * og * outBytes,
               d.out_channels},
              *res.pool, res.scratch);
    }
  }

private:
  const GemmKernels &kernels;
  qcc_rt_conv2d_desc d;
  std::vector<PackedWeights> weights;
};

class DepthwiseOp final : public PreparedOp {
public:
  DepthwiseOp(const PathKernels &path, const qcc_rt_conv2d_desc &d)
      : fn(path.depthwise), bytesFn(path.depthwiseBytes),
        byteTaps(bytesFn ? path.byteTaps : ByteTaps::kNone),
        lanes(path.depthwiseLanes), int32Weights(path.depthwiseInt32Weights),
        d(d) {}
  bool init() {
    if (!packDepthwise(d, lanes, int32Weights, byteTaps, weights))
      return false;
    if (weights.byteTaps)
      fn = bytesFn;
    return true;
  }
  size_t scratchBytes() const override {
    return depthwiseScratchBytes(weights);
  }
  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *in = static_cast<const uint8_t *>(inputs[0]);
    auto *out = static_cast<uint8_t *>(output);
    auto body = [&](int64_t begin, int64_t end, int thread) {
      fn(weights, in, out, begin, end, res.scratch[thread]);
    };
    res.pool->parallelFor(d.window.batch * d.window.out_h, body);
  }

private:
  DepthwiseRowsFn fn, bytesFn;
  ByteTaps byteTaps;
  int lanes;
  bool int32Weights;
  qcc_rt_conv2d_desc d;
  DepthwiseWeights weights;
};

template <typename Op, typename Desc>
std::unique_ptr<PreparedOp> make(const GemmKernels &kernels, const void *desc,
                                 bool &ok) {
  auto op = std::make_unique<Op>(kernels, *static_cast<const Desc *>(desc));
  ok = op->init();
  if (!ok)
    return nullptr;
  return op;
}

} // namespace

std::unique_ptr<PreparedOp> prepareOp(int32_t isa, const void *desc, bool &ok) {
  ok = true;
  const PathKernels *path = pathKernels(isa);
  if (!path)
    return nullptr;
  int32_t kind;
  std::memcpy(&kind, desc, sizeof(kind));
  // AMX tiles have 16 rows and 64 bytes of k: fewer rows go to AVX-512
  // VNNI, which streams the weights as fast, and so does a k shorter than
  // a tile, whose padding and per-tile overhead cost more than the tiles
  // gain. Below two tiles of k, AMX pays only where the columns fill its
  // 64-wide panels. Measured on MobileNetV2's 1x1 layers (amx, 1 thread):
  // k = 16 and 32 run faster on AVX-512 (k = 16 to 96 channels 171 against
  // 242 us); k = 64 and 96 to 384 and 576 channels on AMX (19.5 -> 12.5 us,
  // 38 -> 21 us); k = 96 to 24 channels on AVX-512 (40 against 48 us).
  auto forShape = [&](int64_t m, int64_t k, int64_t n) -> const GemmKernels & {
    const bool amx = m >= 16 && k >= 64 && (k >= 128 || n >= 64);
    return amx ? *path->gemm : *path->gemmSmall;
  };
  switch (kind) {
  case QCC_RT_OP_FULLY_CONNECTED: {
    const auto &fc = *static_cast<const qcc_rt_fc_desc *>(desc);
    return make<FullyConnectedOp, qcc_rt_fc_desc>(forShape(fc.m, fc.k, fc.n),
                                                  desc, ok);
  }
  case QCC_RT_OP_CONV2D: {
    const auto &conv = *static_cast<const qcc_rt_conv2d_desc *>(desc);
    if (conv.groups > 1 && conv.groups == conv.window.channels &&
        conv.out_channels == conv.window.channels) {
      auto op = std::make_unique<DepthwiseOp>(*path, conv);
      ok = op->init();
      return ok ? std::move(op) : nullptr;
    }
    const GemmKernels &chosen =
        forShape(conv.window.batch * conv.window.out_h * conv.window.out_w,
                 int64_t(conv.window.kernel_h) * conv.window.kernel_w *
                     (conv.window.channels / conv.groups),
                 conv.out_channels / conv.groups);
    // Windows read in place where the kernels can. On AMX, from
    // bands of input columns: a 7x7 layer on 3 channels, 459 us gathered,
    // 251 us in bands (541 us on AVX-512 in place); 3x3 on 64 channels,
    // 142 -> 111 us. MobileNetV2's 3x3 on 3 channels (k = 27) keeps
    // AVX-512, 134 us in place against 189 us in bands.
    if (auto op = preparePaddedConv(chosen, conv, ok); op || !ok)
      return op;
    if (auto op = prepareBandConv(chosen, conv, ok); op || !ok)
      return op;
    if (auto op = prepareInPlaceConv(chosen, conv, ok); op || !ok)
      return op;
    return make<Conv2dOp, qcc_rt_conv2d_desc>(chosen, desc, ok);
  }
  case QCC_RT_OP_DYNAMIC_FULLY_CONNECTED: {
    const auto &fc = *static_cast<const qcc_rt_dynamic_fc_desc *>(desc);
    return prepareDynamicFc(forShape(fc.m, fc.k, fc.n), fc, ok);
  }
  case QCC_RT_OP_TRANSPOSE:
    return prepareTranspose(*static_cast<const qcc_rt_transpose_desc *>(desc),
                            *path->elementwise);
  default:
    return prepareElementwiseOp(*path->elementwise, kind, desc, ok);
  }
}

} // namespace qcc::rt
