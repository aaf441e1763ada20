// Dynamically quantized fully connected layers on the packed GEMM. The
// input's range is measured (one pass over the floats), then the GEMM's
// row packer quantizes each row as it packs it: the quantized input never
// goes to memory as a whole. The weights are packed once, for the zero
// point 0; the run's zero point za adds -za * colSum[n] + K * za * zw[n] to
// column n, then the float epilogue of the reference:
//   out = float(acc) * (x_scale * w_scale[n]) + bias[n]  [relu]
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Prepared.h"
#include "reference/Storage.h"

#include <vector>

namespace qcc::rt {

namespace {

/// Float rows quantized with (scale, zeroPoint) into packed uint8 rows.
class QuantizingRows final : public RowPacker {
public:
  QuantizingRows(const float *x, int64_t k, float scale, int32_t zeroPoint,
                 const qcc_rt_dynamic_range &range)
      : x(x), k(k), scale(scale), zeroPoint(zeroPoint), range(range),
        flip(range.storage_min < 0) {}
  void pack(int64_t begin, int64_t end, const PackedRows &rows) const override {
    for (int64_t r = begin; r < end; ++r) {
      uint8_t *dst = rows.row(r - begin);
      const float *src = x + r * k;
      for (int64_t j = 0; j < k; ++j) {
        const int32_t q = quantizeValue(src[j], scale, zeroPoint,
                                        range.storage_min, range.storage_max);
        dst[j] = uint8_t(flip ? q + 128 : q);
      }
      finishRow(rows, r - begin, k);
    }
  }

private:
  const float *x;
  int64_t k;
  float scale;
  int32_t zeroPoint;
  const qcc_rt_dynamic_range &range;
  bool flip;
};

class DynamicFcOp final : public PreparedOp {
public:
  DynamicFcOp(const GemmKernels &kernels, const qcc_rt_dynamic_fc_desc &d)
      : kernels(kernels), d(d) {}

  bool init() {
    const bool signedInput = d.range.storage_min < 0;
    GemmWeightsDesc wd{d.n,
                       d.k,
                       d.weight_type,
                       d.weight,
                       d.weight_zero_point,
                       d.weight_zero_point_count,
                       nullptr,
                       signedInput ? QCC_RT_I8 : QCC_RT_U8,
                       signedInput ? -128 : 0, // za' = 0 when packing
                       QCC_RT_I32,
                       nullptr};
    if (!packWeights(wd, chooseShape(kernels, d.m, d.n), weights))
      return false;
    colSum.assign(size_t(d.n), 0);
    zw.assign(size_t(d.n), 0);
    const bool uint8Weights = d.weight_type == QCC_RT_U8;
    for (int64_t c = 0; c < d.n; ++c) {
      const int32_t z =
          d.weight_zero_point[d.weight_zero_point_count > 1 ? c : 0];
      zw[size_t(c)] = uint8Weights ? z - 128 : z;
      for (int64_t j = 0; j < d.k; ++j)
        colSum[size_t(c)] += loadInt(d.weight, d.weight_type, c * d.k + j) -
                             (uint8Weights ? 128 : 0);
    }
    acc.assign(size_t(d.m * d.n), 0);
    return true;
  }
  size_t scratchBytes() const override { return gemmScratchBytes(weights); }

  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *x = static_cast<const float *>(inputs[0]);
    auto *out = static_cast<float *>(output);
    float lo, hi, xs;
    int32_t xzp;
    measureRange(x, d.m * d.k, lo, hi);
    dynamicQuantParams(lo, hi, dynamicRangeOf(d.range), xs, xzp);
    QuantizingRows rows(x, d.k, xs, xzp, d.range);
    runGemm(kernels, {&weights, &rows, d.m, acc.data(), d.n}, *res.pool,
            res.scratch);
    const int64_t za = xzp + (d.range.storage_min < 0 ? 128 : 0);
    for (int64_t n = 0; n < d.n; ++n) {
      const int32_t delta =
          wrapToInt32(-za * colSum[size_t(n)] + d.k * za * zw[size_t(n)]);
      const float scale = xs * d.weight_scale[d.weight_scale_count > 1 ? n : 0];
      const float bias = d.bias ? d.bias[n] : 0.0f;
      for (int64_t m = 0; m < d.m; ++m) {
        const int32_t a =
            int32_t(uint32_t(acc[size_t(m * d.n + n)]) + uint32_t(delta));
        float v = float(a) * scale + bias;
        if (d.activation == 1 && v < 0.0f)
          v = 0.0f;
        out[m * d.n + n] = v;
      }
    }
  }

private:
  const GemmKernels &kernels;
  qcc_rt_dynamic_fc_desc d;
  PackedWeights weights;
  std::vector<int64_t> colSum, zw;
  mutable std::vector<int32_t> acc; // one run at a time per context
};

} // namespace

std::unique_ptr<PreparedOp> prepareDynamicFc(const GemmKernels &kernels,
                                             const qcc_rt_dynamic_fc_desc &d,
                                             bool &ok) {
  auto op = std::make_unique<DynamicFcOp>(kernels, d);
  ok = op->init();
  return ok ? std::move(op) : nullptr;
}

} // namespace qcc::rt
