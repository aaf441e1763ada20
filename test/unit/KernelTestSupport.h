// Shared pieces of the kernel tests: typed integer buffers with guard bytes,
// requantization parameters with their oracle (the rules of Requantize.h,
// never the kernels' helpers), a one-operation context for the C entry
// points, the validator's verdict as a string, and exact comparisons.
//
// The tests compute every expected value from the rule functions of
// Requantize.h with loops of their own; nothing here calls a kernel.
#ifndef QCC_TEST_UNIT_KERNELTESTSUPPORT_H
#define QCC_TEST_UNIT_KERNELTESTSUPPORT_H

#include "qcc/runtime/Requantize.h"
#include "qcc/runtime/qcc_runtime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace qcc::rt::test {

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

inline int32_t typeMin(int32_t t) {
  return t == QCC_RT_I8 ? -128 : t == QCC_RT_U8 ? 0 : kInt32Min;
}
inline int32_t typeMax(int32_t t) {
  return t == QCC_RT_I8 ? 127 : t == QCC_RT_U8 ? 255 : kInt32Max;
}
inline size_t typeBytes(int32_t t) {
  return t == QCC_RT_I8 || t == QCC_RT_U8 ? 1 : 4;
}
inline const char *typeName(int32_t t) {
  switch (t) {
  case QCC_RT_I8:
    return "s8";
  case QCC_RT_U8:
    return "u8";
  case QCC_RT_I32:
    return "s32";
  case QCC_RT_F32:
    return "f32";
  }
  return "unknown";
}
inline const char *ruleName(int32_t rounding) {
  switch (rounding) {
  case QCC_RT_ROUND_DOUBLE:
    return "double_round";
  case QCC_RT_ROUND_SINGLE:
    return "single_round";
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return "float_half_even";
  case QCC_RT_NO_REQUANT:
    return "no_requant";
  }
  return "unknown";
}

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

/// Bytes with a guard band on either side. Kernels write into data(); the
/// guards must keep their fill, so a write out of bounds is caught. A fresh
/// buffer is all fill, so an element a kernel forgets to write shows up as
/// a difference between two runs with different fills.
class Guarded {
public:
  static constexpr size_t kGuard = 64;

  Guarded(size_t bytes, uint8_t fill)
      : bytes_(bytes), fill_(fill), storage_(bytes + 2 * kGuard, fill) {}

  void *data() { return storage_.data() + kGuard; }
  const void *data() const { return storage_.data() + kGuard; }
  size_t size() const { return bytes_; }
  std::vector<uint8_t> payload() const {
    return {storage_.begin() + kGuard, storage_.begin() + kGuard + bytes_};
  }
  bool guardsIntact() const {
    for (size_t i = 0; i < kGuard; ++i)
      if (storage_[i] != fill_ || storage_[kGuard + bytes_ + i] != fill_)
        return false;
    return true;
  }

private:
  size_t bytes_;
  uint8_t fill_;
  std::vector<uint8_t> storage_;
};

/// A tensor of one of the ABI's integer types, with guard bytes.
class IntBuffer {
public:
  IntBuffer(int32_t type, int64_t count, uint8_t fill = 0)
      : type_(type), count_(count),
        bytes_(size_t(count) * typeBytes(type), fill) {}

  int32_t type() const { return type_; }
  int64_t count() const { return count_; }
  void *data() { return bytes_.data(); }
  const void *data() const { return bytes_.data(); }
  const Guarded &bytes() const { return bytes_; }

  int32_t get(int64_t i) const {
    const auto *p = static_cast<const uint8_t *>(bytes_.data());
    switch (type_) {
    case QCC_RT_I8:
      return int8_t(p[i]);
    case QCC_RT_U8:
      return p[i];
    default: {
      int32_t v;
      std::memcpy(&v, p + 4 * i, 4);
      return v;
    }
    }
  }
  void set(int64_t i, int32_t v) {
    auto *p = static_cast<uint8_t *>(bytes_.data());
    if (typeBytes(type_) == 1) {
      p[i] = uint8_t(v);
    } else {
      std::memcpy(p + 4 * i, &v, 4);
    }
  }

private:
  int32_t type_;
  int64_t count_;
  Guarded bytes_;
};

/// Same bytes, and guards intact on both; names the first difference.
inline ::testing::AssertionResult sameBytes(const Guarded &a,
                                            const Guarded &b) {
  if (!a.guardsIntact())
    return ::testing::AssertionFailure() << "first output's guard overwritten";
  if (!b.guardsIntact())
    return ::testing::AssertionFailure() << "second output's guard overwritten";
  if (a.size() != b.size())
    return ::testing::AssertionFailure() << "sizes differ";
  const std::vector<uint8_t> x = a.payload(), y = b.payload();
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i] != y[i])
      return ::testing::AssertionFailure()
             << "byte " << i << " differs: " << int(x[i]) << " vs "
             << int(y[i]);
  return ::testing::AssertionSuccess();
}

/// Float bit patterns equal (so -0 differs from +0 and NaN equals NaN).
inline bool sameFloatBits(float a, float b) {
  uint32_t x, y;
  std::memcpy(&x, &a, 4);
  std::memcpy(&y, &b, 4);
  return x == y;
}

/// A float tensor with guard bytes.
class FloatBuffer {
public:
  explicit FloatBuffer(int64_t count, uint8_t fill = 0)
      : count_(count), bytes_(size_t(count) * 4, fill) {}
  int64_t count() const { return count_; }
  float *data() { return static_cast<float *>(bytes_.data()); }
  const float *data() const {
    return static_cast<const float *>(bytes_.data());
  }
  float operator[](int64_t i) const { return data()[i]; }
  float &operator[](int64_t i) { return data()[i]; }
  const Guarded &bytes() const { return bytes_; }

private:
  int64_t count_;
  Guarded bytes_;
};

//===----------------------------------------------------------------------===//
// Requantization parameters and their oracle
//===----------------------------------------------------------------------===//

/// What the test tallies while it computes expected values, so that a test
/// can insist its edge inputs really reached the edges.
struct Coverage {
  int64_t outputs = 0;
  int64_t ties = 0;         ///< exact product exactly halfway, positive
  int64_t negativeTies = 0; ///< ... negative
  int64_t atClampMin = 0;   ///< saturated at the lower clamp
  int64_t atClampMax = 0;   ///< saturated at the upper clamp

  void add(const Coverage &o) {
    outputs += o.outputs;
    ties += o.ties;
    negativeTies += o.negativeTies;
    atClampMin += o.atClampMin;
    atClampMax += o.atClampMax;
  }
  std::string str() const {
    std::ostringstream s;
    s << outputs << " outputs, " << ties << "+" << negativeTies << " ties, "
      << atClampMin << "/" << atClampMax << " at clamp min/max";
    return s.str();
  }
};

/// The parameters of a qcc_rt_requant, owned, with the expected result of
/// an accumulator computed by the rules of Requantize.h.
struct RequantSpec {
  int32_t rounding = QCC_RT_ROUND_DOUBLE;
  std::vector<int32_t> multiplier, shift;
  std::vector<float> scale;
  int32_t zeroPoint = 0, clampMin = 0, clampMax = 0;

  /// One channel per real scale: quantizeMultiplier for the integer rules,
  /// float32 for the float rule.
  static RequantSpec make(int32_t rounding, const std::vector<double> &reals,
                          int32_t zeroPoint, int32_t clampMin,
                          int32_t clampMax) {
    RequantSpec r;
    r.rounding = rounding;
    r.zeroPoint = zeroPoint;
    r.clampMin = clampMin;
    r.clampMax = clampMax;
    for (double real : reals) {
      QuantizedMultiplier m;
      EXPECT_EQ(quantizeMultiplier(real, m), MultiplierError::None) << real;
      r.multiplier.push_back(m.multiplier);
      r.shift.push_back(m.shift);
      r.scale.push_back(float(real));
    }
    if (reals.empty()) { // the raw accumulator: channels still 1
      r.multiplier.push_back(0);
      r.shift.push_back(0);
      r.scale.push_back(0.0f);
    }
    return r;
  }

  int32_t channels() const { return int32_t(scale.size()); }

  /// The descriptor. It points only at the arrays its rule reads, so a
  /// kernel reading the other rule's parameters crashes.
  qcc_rt_requant desc() const {
    qcc_rt_requant d{};
    d.rounding = rounding;
    d.channels = channels();
    const bool integer =
        rounding == QCC_RT_ROUND_DOUBLE || rounding == QCC_RT_ROUND_SINGLE;
    d.multiplier = integer ? multiplier.data() : nullptr;
    d.shift = integer ? shift.data() : nullptr;
    d.scale = rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN ? scale.data() : nullptr;
    d.output_zero_point = zeroPoint;
    d.clamp_min = clampMin;
    d.clamp_max = clampMax;
    return d;
  }

  /// Whether acc lands exactly halfway between two integers under the
  /// channel's scale: exactly for the integer rules (acc * multiplier /
  /// 2^(31 - shift)), in float32 for the float rule (as it computes).
  int tieSign(int64_t c, int32_t acc) const {
    if (rounding == QCC_RT_NO_REQUANT)
      return 0;
    if (rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
      const float v = float(acc) * scale[c];
      return std::fabs(v - std::trunc(v)) == 0.5f ? (v > 0 ? 1 : -1) : 0;
    }
    const int e = 31 - shift[c];
    const int64_t p = int64_t(acc) * multiplier[c];
    const uint64_t mask = (uint64_t(1) << e) - 1;
    if ((uint64_t(p) & mask) != (uint64_t(1) << (e - 1)))
      return 0;
    return p > 0 ? 1 : -1;
  }

  /// The output value for accumulator acc of channel c (c is ignored per
  /// tensor), tallied into cov when given.
  int32_t expect(int64_t c, int32_t acc, Coverage *cov = nullptr) const {
    const int64_t i = channels() > 1 ? c : 0;
    int32_t out;
    if (rounding == QCC_RT_NO_REQUANT) {
      out = acc;
    } else {
      out = requantize(acc, Rounding(rounding), {multiplier[i], shift[i]},
                       scale[i], zeroPoint, clampMin, clampMax);
    }
    if (cov) {
      ++cov->outputs;
      const int t = tieSign(i, acc);
      cov->ties += t > 0;
      cov->negativeTies += t < 0;
      if (rounding != QCC_RT_NO_REQUANT) {
        cov->atClampMin += out == clampMin;
        cov->atClampMax += out == clampMax;
      }
    }
    return out;
  }
};

/// The input families of the kernel tests.
enum class Mode {
  Random,  ///< values over the whole type, random scales
  Extreme, ///< values and zero points at the ends, saturating scales
  Ties,    ///< small accumulators at power-of-two scales: exact halves
};

inline const char *modeName(Mode m) {
  return m == Mode::Random ? "random" : m == Mode::Extreme ? "extreme" : "ties";
}

/// That the edge inputs of `mode` reached the edges: ties of both signs,
/// and (with `clamps`) both clamp bounds.
inline void expectEdgesReached(Mode mode, const Coverage &cov,
                               bool clamps = true) {
  if (mode == Mode::Ties) {
    EXPECT_GT(cov.ties, 0) << cov.str();
    EXPECT_GT(cov.negativeTies, 0) << cov.str();
  }
  if (mode == Mode::Extreme && clamps) {
    EXPECT_GT(cov.atClampMin, 0) << cov.str();
    EXPECT_GT(cov.atClampMax, 0) << cov.str();
  }
}

/// A random real scale 2^e, e uniform in [lo, hi].
inline double randomScale(std::mt19937 &rng, double lo, double hi) {
  return std::exp2(std::uniform_real_distribution<double>(lo, hi)(rng));
}

inline int32_t randomInt(std::mt19937 &rng, int32_t lo, int32_t hi) {
  return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
}

//===----------------------------------------------------------------------===//
// The C entry points
//===----------------------------------------------------------------------===//

/// A context for a model of one operation (kept alive with the context).
class OneOpContext {
public:
  explicit OneOpContext(const void *desc) {
    ops_[0] = desc;
    info_ = {QCC_RT_ABI_VERSION, 1, ops_, 0};
    ctx_ = qcc_rt_context_create(&info_);
  }
  ~OneOpContext() { qcc_rt_context_destroy(ctx_); }
  OneOpContext(const OneOpContext &) = delete;
  OneOpContext &operator=(const OneOpContext &) = delete;

  qcc_rt_context *get() const { return ctx_; }
  explicit operator bool() const { return ctx_ != nullptr; }

private:
  const void *ops_[1];
  qcc_rt_model_info info_;
  qcc_rt_context *ctx_ = nullptr;
};

#if defined(__x86_64__)
/// The calling thread's tile configuration (64 zero bytes when its tiles
/// are released).
__attribute__((target("amx-tile"))) inline void
storeTileConfig(uint8_t (&cfg)[64]) {
  _tile_storeconfig(cfg);
}
#endif

/// Whether the calling thread holds no AMX tiles: an operation may keep
/// them configured between its kernel calls, never after it returns (the
/// caller's own AMX code, or another library's, would find them taken).
/// True where there is no AMX.
inline bool tilesReleased() {
#if defined(__x86_64__)
  if (!qcc_rt_isa_supported(QCC_RT_ISA_AMX))
    return true;
  alignas(64) uint8_t cfg[64];
  storeTileConfig(cfg);
  return std::all_of(cfg, cfg + 64, [](uint8_t b) { return b == 0; });
#else
  return true;
#endif
}

/// "" when a context accepts the descriptor, else qcc_rt_last_error().
inline std::string rejection(const void *desc) {
  OneOpContext ctx(desc);
  return ctx ? std::string() : std::string(qcc_rt_last_error());
}

/// The message a context gives for a malformed first operation.
inline std::string rejected(const char *why) {
  return std::string("operation descriptor 0: ") + why;
}

//===----------------------------------------------------------------------===//
// Windows
//===----------------------------------------------------------------------===//

/// A 2-D window geometry as the tests describe it; out_h/out_w follow from
/// the padding (floor), or with ceil_mode from ONNX/PyTorch's ceil rule
/// (the last window must start inside the image or the leading padding).
struct Geometry {
  const char *name;
  int64_t batch, inH, inW, channels;
  int32_t kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;
  bool ceilMode = false;

  static int64_t outSize(int64_t in, int32_t k, int32_t s, int32_t d,
                         int32_t p0, int32_t p1, bool ceil) {
    const int64_t span = in + p0 + p1 - (int64_t(k - 1) * d + 1);
    int64_t out = (ceil ? (span + s - 1) / s : span / s) + 1;
    if (ceil && (out - 1) * s >= in + p0)
      --out;
    return out;
  }
  int64_t outH() const { return outSize(inH, kh, sh, dh, pt, pb, ceilMode); }
  int64_t outW() const { return outSize(inW, kw, sw, dw, pl, pr, ceilMode); }

  qcc_rt_window window() const {
    qcc_rt_window w{};
    w.batch = batch;
    w.in_h = inH;
    w.in_w = inW;
    w.channels = channels;
    w.out_h = outH();
    w.out_w = outW();
    w.kernel_h = kh;
    w.kernel_w = kw;
    w.stride_h = sh;
    w.stride_w = sw;
    w.dilation_h = dh;
    w.dilation_w = dw;
    w.pad_top = pt;
    w.pad_left = pl;
    w.pad_bottom = pb;
    w.pad_right = pr;
    return w;
  }
};

//===----------------------------------------------------------------------===//
// Exact floats
//===----------------------------------------------------------------------===//

/// A random multiple of 2^-fracBits with |v| <= maxUnits * 2^-fracBits:
/// sums and products of a few hundred such values are exact in float32, so
/// float kernels can be checked bit for bit whatever their summation order.
inline float dyadic(std::mt19937 &rng, int maxUnits, int fracBits) {
  return std::ldexp(float(randomInt(rng, -maxUnits, maxUnits)), -fracBits);
}

} // namespace qcc::rt::test

#endif // QCC_TEST_UNIT_KERNELTESTSUPPORT_H
