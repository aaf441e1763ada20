// Fully connected and convolution layers on the packed GEMM: the layer
// supplies the rows (a matrix, or the windows of an NHWC image gathered
// into the packing buffer) and where the outputs go.
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Depthwise.h"
#include "ops/Elementwise.h"
#include "ops/Prepared.h"

#include <cstring>
#include <vector>

namespace qcc::rt {

namespace {

const GemmKernels *kernelsFor(int32_t isa) {
  switch (isa) {
  case QCC_RT_ISA_AVX512_VNNI:
    return gemmKernelsAvx512Vnni();
  case QCC_RT_ISA_AVX_VNNI:
    return gemmKernelsAvxVnni();
  case QCC_RT_ISA_AVX2:
    return gemmKernelsAvx2();
  default:
    return nullptr;
  }
}

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
                       d.requant.rounding == QCC_RT_NO_REQUANT ? nullptr
                                                               : &d.requant};
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

  void pack(int64_t begin, int64_t end, const PackedRows &rows) const override {
    const int64_t k = int64_t(w.kernel_h) * w.kernel_w * cg;
    const int64_t pixels = w.out_h * w.out_w;
    // A window row of kernel_w * channels contiguous bytes: one copy.
    const bool contiguousRow = w.dilation_w == 1 && d.groups == 1;
    for (int64_t r = begin; r < end; ++r) {
      uint8_t *dst = rows.row(r - begin);
      const int64_t b = r / pixels, oy = (r % pixels) / w.out_w,
                    ox = r % w.out_w;
      const int64_t x0 = ox * w.stride_w - w.pad_left;
      for (int64_t ky = 0; ky < w.kernel_h; ++ky) {
        const int64_t iy = oy * w.stride_h + ky * w.dilation_h - w.pad_top;
        uint8_t *line = dst + ky * w.kernel_w * cg;
        if (iy < 0 || iy >= w.in_h) {
          std::memset(line, fill, size_t(w.kernel_w * cg));
          continue;
        }
        const uint8_t *src = in + ((b * w.in_h + iy) * w.in_w) * w.channels;
        if (contiguousRow && x0 >= 0 && x0 + w.kernel_w <= w.in_w) {
          std::memcpy(line, src + x0 * w.channels, size_t(w.kernel_w * cg));
          continue;
        }
        for (int64_t kx = 0; kx < w.kernel_w; ++kx) {
          const int64_t ix = x0 + kx * w.dilation_w;
          if (ix < 0 || ix >= w.in_w)
            std::memset(line + kx * cg, fill, size_t(cg));
          else
            std::memcpy(line + kx * cg, src + ix * w.channels + offset,
                        size_t(cg));
        }
      }
      if (flip)
        for (int64_t j = 0; j < k; ++j)
          dst[j] ^= 0x80;
      finishRow(rows, r - begin, k);
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
          d.requant.rounding == QCC_RT_NO_REQUANT ? nullptr : &rq};
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
  DepthwiseOp(DepthwiseRowsFn fn, int lanes, bool pairs16,
              const qcc_rt_conv2d_desc &d)
      : fn(fn), lanes(lanes), pairs16(pairs16), d(d) {}
  bool init() { return packDepthwise(d, lanes, pairs16, weights); }
  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *in = static_cast<const uint8_t *>(inputs[0]);
    auto *out = static_cast<uint8_t *>(output);
    auto body = [&](int64_t begin, int64_t end, int) {
      fn(weights, in, out, begin, end);
    };
    res.pool->parallelFor(d.window.batch * d.window.out_h, body);
  }

private:
  DepthwiseRowsFn fn;
  int lanes;
  bool pairs16;
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
  const GemmKernels *kernels = kernelsFor(isa);
  if (!kernels)
    return nullptr;
  int32_t kind;
  std::memcpy(&kind, desc, sizeof(kind));
  switch (kind) {
  case QCC_RT_OP_FULLY_CONNECTED:
    return make<FullyConnectedOp, qcc_rt_fc_desc>(*kernels, desc, ok);
  case QCC_RT_OP_CONV2D: {
    const auto &conv = *static_cast<const qcc_rt_conv2d_desc *>(desc);
    if (conv.groups > 1 && conv.groups == conv.window.channels &&
        conv.out_channels == conv.window.channels) {
      auto op =
          isa == QCC_RT_ISA_AVX512_VNNI
              ? std::make_unique<DepthwiseOp>(depthwiseAvx512(), 16, false,
                                              conv)
          : isa == QCC_RT_ISA_AVX_VNNI
              ? std::make_unique<DepthwiseOp>(depthwiseAvxVnni(), 8, false,
                                              conv)
              : std::make_unique<DepthwiseOp>(depthwiseAvx2(), 8, true, conv);
      ok = op->init();
      return ok ? std::move(op) : nullptr;
    }
    return make<Conv2dOp, qcc_rt_conv2d_desc>(*kernels, desc, ok);
  }
  case QCC_RT_OP_DYNAMIC_FULLY_CONNECTED:
    return prepareDynamicFc(
        *kernels, *static_cast<const qcc_rt_dynamic_fc_desc *>(desc), ok);
  case QCC_RT_OP_TRANSPOSE:
    return prepareTranspose(*static_cast<const qcc_rt_transpose_desc *>(desc));
  default:
    return prepareElementwiseOp(isa == QCC_RT_ISA_AVX512_VNNI
                                    ? *elementwiseAvx512()
                                    : *elementwiseAvx2(),
                                kind, desc, ok);
  }
}

} // namespace qcc::rt
