// The prepared forms of add, requantize, pooling, quantize and dequantize
// on the vector kernels of ops/Elementwise.h, split over the thread pool.
#include "ThreadPool.h"
#include "ops/Elementwise.h"
#include "ops/Prepared.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace qcc::rt {

bool broadcastEpilogue(const qcc_rt_requant &r, int32_t outputType, int lanes,
                       Epilogue &e) {
  qcc_rt_requant one = r;
  one.channels = 1;
  // Any int32 input: no bound on the accumulators.
  return expandEpilogue(&one, outputType, 1, lanes, lanes,
                        std::numeric_limits<int64_t>::max(), e);
}

void affineAdd(const qcc_rt_add_desc &d, AddParams &p) {
  auto factor = [](const qcc_rt_requant &r) {
    return std::ldexp(double(r.multiplier[0]), r.shift[0] - 31);
  };
  const double out = std::ldexp(factor(d.output), d.left_shift);
  const double rA = factor(d.a_rescale) * out, rB = factor(d.b_rescale) * out;
  p.affineA = float(rA);
  p.affineB = float(rB);
  p.affineFixed = float(d.output.output_zero_point - rA * d.a_zero_point -
                        rB * d.b_zero_point);
}

namespace {

/// Below this many items a loop is not worth waking the other threads.
constexpr int64_t kMinItemsPerThread = 4096;

template <typename F>
void split(ThreadPool &pool, int64_t items, int64_t itemCost, F &&f) {
  if (items * itemCost < 2 * kMinItemsPerThread || pool.size() == 1) {
    f(0, items, 0);
    return;
  }
  pool.parallelFor(items, f);
}

bool is8Bit(int32_t t) { return t == QCC_RT_U8 || t == QCC_RT_I8; }

class AddOp final : public PreparedOp {
public:
  AddOp(const ElementwiseKernels &k, const qcc_rt_add_desc &d) : k(k), d(d) {}
  bool init() {
    p.desc = &d;
    if (d.output.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
      const float rA = d.a_rescale.scale[0], rB = d.b_rescale.scale[0];
      p.fixed = float(d.output.output_zero_point) -
                (rA * float(d.a_zero_point) + rB * float(d.b_zero_point));
    } else if (!broadcastEpilogue(d.a_rescale, QCC_RT_I32, k.lanes, p.a) ||
               !broadcastEpilogue(d.b_rescale, QCC_RT_I32, k.lanes, p.b) ||
               !broadcastEpilogue(d.output, d.type, k.lanes, p.out)) {
      return false;
    }
    // The float rule's vector path is faster than the lookups (MobileNetV2's
    // add of 75 thousand elements, AMD EPYC: 12 against 57 us profiled).
    if (d.count < kTableMinCount ||
        d.output.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN)
      return true;
    std::vector<uint8_t> a(65536), b(65536);
    for (size_t i = 0; i < 65536; ++i) {
      a[i] = uint8_t(i >> 8);
      b[i] = uint8_t(i);
    }
    if (!makeTable(a, b))
      return false;
    checkAffine(a, b);
    return true;
  }
  void run(const RunResources &res, const void *const *in,
           void *out) const override {
    split(*res.pool, d.count, 1, [&](int64_t b, int64_t e, int) {
      if (affine)
        k.addByAffine(p, in[0], in[1], out, b, e);
      else
        (p.table ? k.addByTable : k.add)(p, in[0], in[1], out, b, e);
    });
  }

private:
  /// Adds of at least this many elements in an integer rule take the
  /// affine form or look their outputs up: the add of every pair of input
  /// bytes, made once by the same kernel, costs 65536 elements' worth when
  /// the context is created and 64 KB. (MobileNetV2's adds of 7840
  /// elements, AMD EPYC: 5.8 us on the vector path, 4.2-4.7 in the affine
  /// form, profiled.)
  static constexpr int64_t kTableMinCount = 4096;

  /// The table of every pair of bytes `a` and `b` hold, made by `add`.
  bool makeTable(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b) {
    table = alignedArray<uint8_t>(65536 + kAddTableSlack);
    if (!table)
      return false;
    k.add(p, a.data(), b.data(), table.get(), 0, 65536);
    p.table = table.get();
    return true;
  }

  /// Whether addByAffine gives the table's byte for every pair, with at
  /// most 1 in kAffineMaxLookups of them looked up; sets `affine` if so.
  /// Away from the halves the float form of the rule's affine function
  /// rounds as the rule does, about 3 times as fast as the table's gathers
  /// (200 thousand elements in L1/L2, AMD EPYC: 0.59 against 1.64-1.83
  /// cycles an element). Scales in simple ratios put many pairs on the halves
  /// (sA / sOut = 1/2: half of them); those keep the table.
  void checkAffine(const std::vector<uint8_t> &a,
                   const std::vector<uint8_t> &b) {
    affineAdd(d, p);
    std::vector<uint8_t> check(65536);
    const int64_t looked =
        k.addByAffine(p, a.data(), b.data(), check.data(), 0, 65536);
    affine = looked <= 65536 / kAffineMaxLookups &&
             std::memcmp(check.data(), table.get(), 65536) == 0;
  }

  const ElementwiseKernels &k;
  qcc_rt_add_desc d;
  AddParams p;
  AlignedArray<uint8_t> table;
  bool affine = false;
};

class RequantizeOp final : public PreparedOp {
public:
  RequantizeOp(const ElementwiseKernels &k, const qcc_rt_requantize_desc &d)
      : k(k), d(d) {}
  bool init() {
    p.desc = &d;
    return broadcastEpilogue(d.requant, d.output_type, k.lanes, p.rule);
  }
  void run(const RunResources &res, const void *const *in,
           void *out) const override {
    split(*res.pool, d.count, 1, [&](int64_t b, int64_t e, int) {
      k.requantize(p, in[0], out, b, e);
    });
  }

private:
  const ElementwiseKernels &k;
  qcc_rt_requantize_desc d;
  RequantizeParams p;
};

/// Concatenation with a requantization per input: each input's piece of a
/// row is a requantize over that many elements.
class ConcatOp final : public PreparedOp {
public:
  ConcatOp(const ElementwiseKernels &k, const qcc_rt_concat_desc &d)
      : k(k), d(d) {}
  bool init() {
    inner.assign(d.inner_elements, d.inner_elements + d.num_inputs);
    pieces.resize(size_t(d.num_inputs));
    params.resize(size_t(d.num_inputs));
    for (int32_t i = 0; i < d.num_inputs; ++i) {
      qcc_rt_requantize_desc &r = pieces[size_t(i)];
      r.kind = QCC_RT_OP_REQUANTIZE;
      r.input_type = d.input_type;
      r.output_type = d.output_type;
      r.input_zero_point = d.input_zero_points[i];
      r.count = inner[size_t(i)];
      r.requant = d.requants[i];
      params[size_t(i)].desc = &r;
      if (!broadcastEpilogue(r.requant, d.output_type, k.lanes,
                             params[size_t(i)].rule))
        return false;
      row += inner[size_t(i)];
    }
    return true;
  }
  void run(const RunResources &res, const void *const *in,
           void *out) const override {
    const size_t inBytes = d.input_type == QCC_RT_I32 ? 4 : 1;
    const size_t outBytes = d.output_type == QCC_RT_I32 ? 4 : 1;
    split(*res.pool, d.outer, row, [&](int64_t b, int64_t e, int) {
      for (int64_t o = b; o < e; ++o) {
        int64_t at = o * row;
        for (size_t i = 0; i < inner.size(); ++i) {
          const int64_t n = inner[i];
          k.requantize(params[i],
                       static_cast<const uint8_t *>(in[i]) + o * n * inBytes,
                       static_cast<uint8_t *>(out) + at * outBytes, 0, n);
          at += n;
        }
      }
    });
  }

private:
  const ElementwiseKernels &k;
  qcc_rt_concat_desc d;
  std::vector<int64_t> inner;
  std::vector<qcc_rt_requantize_desc> pieces;
  std::vector<RequantizeParams> params;
  int64_t row = 0;
};

class PoolOp final : public PreparedOp {
public:
  PoolOp(const ElementwiseKernels &k, const qcc_rt_pool2d_desc &d)
      : k(k), d(d) {}
  bool init() {
    p.desc = &d;
    if (d.kind != QCC_RT_OP_AVG_POOL2D)
      return true;
    p.divisors.resize(size_t(d.requant.channels));
    for (int32_t i = 0; i < d.requant.channels; ++i) {
      qcc_rt_requant r = d.requant;
      r.channels = 1;
      if (r.multiplier)
        r.multiplier += i;
      if (r.shift)
        r.shift += i;
      if (r.scale)
        r.scale += i;
      if (!broadcastEpilogue(r, d.type, k.lanes, p.divisors[size_t(i)]))
        return false;
    }
    return true;
  }
  void run(const RunResources &res, const void *const *in,
           void *out) const override {
    const qcc_rt_window &w = d.window;
    const int64_t pixels = w.batch * w.out_h * w.out_w;
    const int64_t cost = int64_t(w.kernel_h) * w.kernel_w * w.channels;
    auto fn = d.kind == QCC_RT_OP_MAX_POOL2D ? k.maxPool : k.avgPool;
    split(*res.pool, pixels, cost,
          [&](int64_t b, int64_t e, int) { fn(p, in[0], out, b, e); });
  }

private:
  const ElementwiseKernels &k;
  qcc_rt_pool2d_desc d;
  PoolParams p;
};

class QuantOp final : public PreparedOp {
public:
  QuantOp(const ElementwiseKernels &k, const qcc_rt_quant_desc &d)
      : k(k), d(d) {}
  void run(const RunResources &res, const void *const *in,
           void *out) const override {
    split(*res.pool, d.count, 1, [&](int64_t b, int64_t e, int) {
      if (d.kind == QCC_RT_OP_QUANTIZE)
        k.quantize(d, static_cast<const float *>(in[0]), out, b, e);
      else
        k.dequantize(d, in[0], static_cast<float *>(out), b, e);
    });
  }

private:
  const ElementwiseKernels &k;
  qcc_rt_quant_desc d;
};

template <typename Op, typename Desc>
std::unique_ptr<PreparedOp> makeInit(const ElementwiseKernels &k,
                                     const void *desc, bool &ok) {
  auto op = std::make_unique<Op>(k, *static_cast<const Desc *>(desc));
  ok = op->init();
  return ok ? std::move(op) : nullptr;
}

} // namespace

std::unique_ptr<PreparedOp> prepareElementwiseOp(const ElementwiseKernels &k,
                                                 int32_t kind, const void *desc,
                                                 bool &ok) {
  ok = true;
  switch (kind) {
  case QCC_RT_OP_ADD:
    return makeInit<AddOp, qcc_rt_add_desc>(k, desc, ok);
  case QCC_RT_OP_REQUANTIZE: {
    const auto &d = *static_cast<const qcc_rt_requantize_desc *>(desc);
    if (!is8Bit(d.output_type))
      return nullptr;
    return makeInit<RequantizeOp, qcc_rt_requantize_desc>(k, desc, ok);
  }
  case QCC_RT_OP_MAX_POOL2D:
  case QCC_RT_OP_AVG_POOL2D:
    return makeInit<PoolOp, qcc_rt_pool2d_desc>(k, desc, ok);
  case QCC_RT_OP_CONCAT: {
    // Copies stay memcpy (the reference); requantized pieces of 8-bit
    // values run on the vector requantize.
    const auto &d = *static_cast<const qcc_rt_concat_desc *>(desc);
    if (!d.requants || !is8Bit(d.output_type))
      return nullptr;
    return makeInit<ConcatOp, qcc_rt_concat_desc>(k, desc, ok);
  }
  case QCC_RT_OP_QUANTIZE:
  case QCC_RT_OP_DEQUANTIZE: {
    const auto &d = *static_cast<const qcc_rt_quant_desc *>(desc);
    if (d.channels != 1 || !is8Bit(d.type))
      return nullptr; // per-axis and int32: the reference
    return std::make_unique<QuantOp>(k, d);
  }
  default:
    return nullptr;
  }
}

} // namespace qcc::rt
