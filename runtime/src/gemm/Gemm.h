// Quantized GEMM on packed weights, the engine of the fully connected and
// convolution kernels of every SIMD path.
//
//   out[m][n] = requant_n(bias[n] + sum_k (a[m][k] - za) * (w[n][k] - zw[n]))
//
// is computed as
//
//   S[m][n] + biasAdj[n] - zw'[n] * rowSum[m],
//   S = sum_k a'[m][k] * w'[n][k],  a' = a as uint8 (int8 input: a + 128),
//   w' = w as int8 (uint8 weights: w - 128), zw' likewise,
//   biasAdj[n] = bias[n] - za' * colSum[n] + K * za' * zw'[n],
//   rowSum[m] = sum_k a'[m][k], colSum[n] = sum_k w'[n][k],
//
// all modulo 2^32 as the reference accumulator is: the same bits. S is what
// vpdpbusd (uint8 x int8, no saturation) computes; the AVX2 path gets it
// from exact 16-bit products. Weights are packed once, when the context is
// created; activations are packed row by row as the GEMM runs, which is also
// where a convolution gathers its windows (im2col into the packing buffer).
#ifndef QCC_RUNTIME_GEMM_GEMM_H
#define QCC_RUNTIME_GEMM_GEMM_H

#include "qcc/runtime/qcc_runtime.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

namespace qcc::rt {

class ThreadPool;

/// Memory aligned to 64 bytes.
struct AlignedFree {
  void operator()(void *p) const;
};
template <typename T> using AlignedArray = std::unique_ptr<T[], AlignedFree>;
template <typename T> AlignedArray<T> alignedArray(size_t count);

/// How a SIMD path wants its weights: panels of `nr` output channels, k in
/// groups of `kGroup` bytes (4 for vpdpbusd, 2 for vpmaddwd); within a panel
/// [k / kGroup][nr][kGroup]. The kernel that multiplies them has `mr` rows.
struct GemmShape {
  int mr = 1;
  int nr = 16;
  int kGroup = 4;
  int lanes = 16; ///< int32 lanes of the kernels' vectors
  int kAlign = 4; ///< k padded to a multiple of this (64 for AMX tiles)
  /// Time per multiply-add relative to the path's first shape, measured:
  /// thin tiles load more per multiply-add.
  float cost = 1;
  /// Weights packed as uint8 w' + 128, with zero points zw' + 128 (so the
  /// row sums are always made): for kernels that multiply unsigned bytes
  /// only (ARM's udot, and umull without widening to 16 bits).
  bool unsignedWeights = false;
  /// Whether chunks of a single row tile suit this shape when the weights
  /// fit in L2 and a panel and a row tile do not fit in L1 together: the
  /// tile's rows then stay in L1 while every panel streams by from L2 (AMX
  /// loads such weights with a hint not to keep them in L1). Otherwise a
  /// chunk holds many tiles and each panel is read by all of them.
  bool singleTileChunks = false;
};

/// The output rule of every column, expanded per column and padded to whole
/// panels, in the forms the vector epilogues use.
///
/// Both integer rules become one 64-bit computation per column. With p =
/// x * multiplier (x the accumulator, shifted left first when the TFLite
/// shift is positive):
///
///   out = (p + add - (p < -2^30 ? neg : 0)) >> shift64   (arithmetic)
///
/// Single rounding: add = 2^(s-1), neg = 0, shift64 = s = 31 - shift, then
/// saturation to int32. Double rounding, right shift e = -shift:
/// SaturatingRoundingDoublingHighMul is y = floor((p + 2^30) / 2^31) (the
/// two nudges and the truncating division come to that for a positive
/// multiplier), and RoundingDivideByPOT(y, e) is floor((y + 2^(e-1)) / 2^e)
/// for y >= 0 and floor((y + 2^(e-1) - 1) / 2^e) for y < 0; since
/// floor(floor(q) + c) / n) = floor((q + c) / n) for integers c, n, that is
/// add = 2^30 + 2^(30+e), neg = 2^31, shift64 = 31 + e (e > 0), and add =
/// 2^30, neg = 0, shift64 = 31 for e = 0. y < 0 exactly when p < -2^30.
/// The 64-bit arrays are split by vector: for each `lanes` columns, the
/// even columns' values, then the odd columns', as the even and odd 32-bit
/// lanes of a vector widen to 64 bits.
///
/// Where the lower clamp is at or above the zero point (lowBeforeZeroPoint
/// >= 0: a fused ReLU, or an unsigned output whose zero point is 0), the
/// correction for p < -2^30 can go: add < 2^shift64, so without it every
/// p < 0 still gives a result <= 0, and the clamp turns that into its lower
/// bound as it does the exact result (kRoundDoubleClampsNegatives).
///
/// The zero point can join the addend: floor((t + zp 2^shift64) / 2^shift64)
/// = floor(t / 2^shift64) + zp. That is the reference's saturate(out + zp)
/// when |out| <= 2^30, which holds for shift64 >= 32 (|p| < 2^62), and the
/// sum stays in 64 bits for shift64 <= 53. With clampMax the type's
/// maximum, a saturating narrowing store then does the upper clamp, and
/// max(., clampMin) is all that is left after the shift (foldedZeroPoint,
/// add64WithZeroPoint).
///
/// The float rule folds the same way: round(clamp(v, lo, hi)) =
/// clamp(round(v), lo, hi) for integer bounds, so cvtps2dq(float(x) * scale)
/// + zp, max(., clampMin) and the saturating store are the reference's
/// result wherever the conversion and the addition cannot overflow: every
/// scale <= 1 - 2^-22 keeps |float(x) * scale| <= 2^31 - 2^9 + 2^6 for any
/// int32 x (kFoldedFloatScaleMax; larger scales keep the float clamp, and
/// so do AMX's tiles past kAmxFloatFoldMaxK: packWeights).
///
/// Where every shift64 is 32 or more, floor(t / 2^shift64) = floor(floor(t
/// / 2^32) / 2^(shift64 - 32)), and the first floor is t's high 32 bits: the
/// even and odd lanes merge by their high halves before one 32-bit shift
/// (shiftAfterHigh), instead of after two 64-bit ones. The folded form
/// (shift64 >= 32 always) does so on AVX-512; AVX2, which builds each
/// 64-bit arithmetic shift from five instructions, wherever it can
/// (kFromHighHalves).
///
/// Folded double rounding with the correction for negative products
/// (clampsNegatives() false) computes 2t = 2x * m + 2 add - 2^32 [p < -2^30]
/// instead of t: floor(t / 2^s) = floor(2t / 2^(s+1)), and the correction
/// is then 1 off the high half, which one masked 32-bit subtraction takes
/// instead of a compare and a subtraction on each 64-bit half. For m > 0,
/// p < -2^30 exactly when x < negativeBelow = floor((-2^30 - 1) / m) + 1, a
/// compare of the accumulators themselves. 2x fits in int32 and 2t in 64
/// bits only for |x| < 2^30: the packers bound |x| from the weights and the
/// bias (accumulatorBound), and layers past it are not folded. Every
/// negativeBelow is in [-2^30, 0] (-2^30 where m = 0), so x - negativeBelow
/// fits in int32 too, and its sign is the comparison's.
/// add64WithZeroPoint then holds 2 add (shiftAfterHigh stays shift64 - 32).
struct Epilogue {
  int32_t rounding = 0; ///< QCC_RT_ROUND_* or QCC_RT_NO_REQUANT
  int32_t outputType = QCC_RT_U8;
  int lanes = 16;                  ///< the vector width of the split arrays
  AlignedArray<int64_t> mul64;     ///< integer rules, split
  AlignedArray<int64_t> add64;     ///< integer rules, split
  AlignedArray<int64_t> neg64;     ///< double rounding, split
  AlignedArray<int64_t> shift64;   ///< integer rules, split
  AlignedArray<int32_t> leftShift; ///< double rounding with a shift > 0
  AlignedArray<float> scale;       ///< float rule
  bool anyLeftShift = false;       ///< some shift > 0 (multiplier >= 1)
  /// The store's saturation clamps the top and only max(., clampMin) is
  /// left (8-bit output; see above): the integer rules' zero point is in
  /// add64WithZeroPoint, the float rule's added after the conversion.
  bool foldedZeroPoint = false;
  AlignedArray<int64_t> add64WithZeroPoint; ///< split, when folded
  /// Folded double rounding with the correction: x < negativeBelow[c]
  /// exactly when p < -2^30 (see above; not split); null otherwise.
  AlignedArray<int32_t> negativeBelow;
  /// shift64 - 32, not split; only when every shift64 is 32 or more (no
  /// multiplier is then 1 or more).
  AlignedArray<int32_t> shiftAfterHigh;
  int32_t zeroPoint = 0;
  int32_t clampMin = 0, clampMax = 255;
  /// clamp(scaled, lo, hi) + zeroPoint equals the reference's
  /// clamp(saturate(scaled + zeroPoint), clampMin, clampMax) without
  /// overflow: lo = max(clampMin - zp, INT32_MIN), hi likewise.
  int32_t lowBeforeZeroPoint = 0, highBeforeZeroPoint = 0;
  /// The float rule's bounds: float(clampMin - zp), float(clampMax - zp).
  float floatLow = 0, floatHigh = 0;

  /// Negative products end at the lower clamp, whatever their rounding.
  bool clampsNegatives() const { return lowBeforeZeroPoint >= 0; }
};

/// The epilogues' rule for QCC_RT_ROUND_DOUBLE where the clamp takes every
/// negative result (Epilogue::clampsNegatives): no correction for negative
/// products. Not a QCC_RT_* value: it never leaves the vector epilogues.
constexpr int kRoundDoubleClampsNegatives = 100;

/// Added to an integer epilogue rule where the shifts are taken from the
/// high halves (Epilogue::shiftAfterHigh), for the paths that ask for it
/// (withRuleAndForm's HighHalves).
constexpr int kFromHighHalves = 1000;
constexpr bool fromHighHalves(int rule) { return rule >= kFromHighHalves; }
/// The rule without kFromHighHalves.
constexpr int baseRule(int rule) {
  return fromHighHalves(rule) ? rule - kFromHighHalves : rule;
}

/// The largest float-rule scale that folds (Epilogue::foldedZeroPoint).
constexpr float kFoldedFloatScaleMax = 1.0f - 0x1p-22f;
/// The bytes of k in an AMX tile row (GemmShape::kAlign of the AMX shapes),
/// and the largest k for which AMX's tiles fold the float rule
/// (packWeights).
constexpr int kAmxTileBytes = 64;
constexpr int64_t kAmxFloatFoldMaxK = 512;

/// Whether an epilogue rule is double rounding, with or without the
/// correction for negative products.
constexpr bool isDoubleRounding(int rule) {
  return baseRule(rule) == QCC_RT_ROUND_DOUBLE ||
         baseRule(rule) == kRoundDoubleClampsNegatives;
}

/// How a kernel writes its outputs: int32; bytes clamped by the rule; or
/// bytes with the zero point in the addend and the top clamped by a
/// saturating store (Epilogue::foldedZeroPoint), uint8 or int8.
enum OutputForm { kInt32, kBytes, kFoldedU8, kFoldedS8 };

/// The form of `e`'s outputs on a kernel with or without the folded forms.
inline int outputForm(const Epilogue &e, bool foldedForms) {
  if (e.outputType == QCC_RT_I32)
    return kInt32;
  if (!foldedForms || !e.foldedZeroPoint)
    return kBytes;
  return e.outputType == QCC_RT_I8 ? kFoldedS8 : kFoldedU8;
}

/// Calls f(Rule, LeftShift, Out), each a std::integral_constant, with the
/// instance of the vector epilogue that serves `e`: its rule, whether some
/// multiplier is 1 or more, and its output form (the folded ones when the
/// kernel has them, FoldedForms; a multiplier of 1 or more never folds).
/// HighHalves: integer rules take kFromHighHalves where they can.
template <bool FoldedForms, bool HighHalves = false, typename F>
void withRuleAndForm(const Epilogue &e, F &&f) {
  using Int32 = std::integral_constant<int, kInt32>;
  using Bytes = std::integral_constant<int, kBytes>;
  auto forms = [&](auto rule, auto left) {
    const int form = outputForm(e, FoldedForms && !left);
    if constexpr (FoldedForms && !decltype(left)::value) {
      if (form == kFoldedS8)
        return f(rule, left, std::integral_constant<int, kFoldedS8>());
      if (form == kFoldedU8)
        return f(rule, left, std::integral_constant<int, kFoldedU8>());
    }
    if (form == kInt32)
      return f(rule, left, Int32());
    f(rule, left, Bytes());
  };
  auto integer = [&](auto rule) {
    constexpr int kRule = decltype(rule)::value;
    if (e.anyLeftShift)
      forms(rule, std::true_type());
    else if (HighHalves && e.shiftAfterHigh)
      forms(std::integral_constant<int, kRule + kFromHighHalves>(),
            std::false_type());
    else
      forms(rule, std::false_type());
  };
  switch (e.rounding) {
  case QCC_RT_NO_REQUANT:
    return f(std::integral_constant<int, QCC_RT_NO_REQUANT>(),
             std::false_type(), Int32());
  case QCC_RT_ROUND_FLOAT_HALF_EVEN:
    return forms(std::integral_constant<int, QCC_RT_ROUND_FLOAT_HALF_EVEN>(),
                 std::false_type());
  case QCC_RT_ROUND_SINGLE:
    return integer(std::integral_constant<int, QCC_RT_ROUND_SINGLE>());
  default:
    if (e.clampsNegatives())
      return integer(
          std::integral_constant<int, kRoundDoubleClampsNegatives>());
    return integer(std::integral_constant<int, QCC_RT_ROUND_DOUBLE>());
  }
}

/// A layer descriptor's requantization as the packers take it: null for the
/// raw accumulator (QCC_RT_NO_REQUANT).
inline const qcc_rt_requant *requantOrRaw(const qcc_rt_requant &r) {
  return r.rounding == QCC_RT_NO_REQUANT ? nullptr : &r;
}

/// The epilogue of `n` columns (channels) padded to `columns`, split for
/// vectors of `lanes` int32; a null requantization is the raw accumulator.
/// accumulatorBound: no column's accumulator (bias included, before any
/// wrap to int32) exceeds it in magnitude.
bool expandEpilogue(const qcc_rt_requant *requant, int32_t outputType,
                    int64_t n, int64_t columns, int lanes,
                    int64_t accumulatorBound, Epilogue &e);

/// The accumulatorBound of a column: 255 (the most |a - za| can be) times
/// the sum of |w - zw| over its k, plus |bias|.
inline int64_t accumulatorBound(int64_t sumAbsWeights, int64_t bias) {
  return 255 * sumAbsWeights + (bias < 0 ? -bias : bias);
}

/// Weights up to this size stay in L2 (2 MB here) beside the rows and
/// outputs of a chunk, so they can be read again for every chunk.
constexpr int64_t kL2WeightBytes = 1024 * 1024;
/// Weights a thread reads beyond this size cannot stay in L2 from one call
/// to the next (PackedRows::prefetchPanels).
constexpr int64_t kL2StreamedBytes = 1536 * 1024;

struct PackedWeights {
  GemmShape shape;
  int64_t n = 0, k = 0;
  int64_t kPadded = 0; ///< k rounded up to kGroup
  int64_t panels = 0;
  AlignedArray<int8_t> data;     ///< panels * kPadded * nr (kGroup interleave)
  AlignedArray<int32_t> biasAdj; ///< panels * nr
  AlignedArray<int32_t> zeroPoints; ///< zw' per column, or null when all 0
  Epilogue epilogue;
  int32_t inputZeroPoint = 0; ///< za' (after the int8 -> uint8 shift)
  bool inputSigned = false;   ///< a is int8: packing adds 128

  /// The packed weights' size in bytes for the int8 kernels (AVX2's int16
  /// weights take twice that): what the cache budgets weigh.
  int64_t bytes() const { return panels * kPadded * shape.nr; }
};

/// Weights [n][k] of `weightType` (U8 or I8) with zero points (one or one
/// per column), an optional int32 bias, the input's zero point and type,
/// and the requantization; packed for `shape`.
struct GemmWeightsDesc {
  int64_t n, k;
  int32_t weightType;
  const void *weight;
  const int32_t *weightZeroPoints;
  int32_t weightZeroPointCount;
  const int32_t *bias;
  int32_t inputType;
  int32_t inputZeroPoint;
  int32_t outputType;
  const qcc_rt_requant *requant;
};
bool packWeights(const GemmWeightsDesc &desc, const GemmShape &shape,
                 PackedWeights &out);

/// The weights of an ungrouped convolution as a GEMM's: `weights`, its
/// [out_channels][k] bytes laid out in the order its kernels read k.
inline GemmWeightsDesc convWeightsDesc(const qcc_rt_conv2d_desc &d,
                                       const void *weights, int64_t k) {
  return {d.out_channels,
          k,
          d.weight_type,
          weights,
          d.weight_zero_point,
          d.weight_zero_point_count,
          static_cast<const int32_t *>(d.bias),
          d.input_type,
          d.input_zero_point,
          d.output_type,
          requantOrRaw(d.requant)};
}

/// One packed activation row per output row: kPadded values of a' (bytes,
/// or 16-bit for the AVX2 path's vpmaddwd), then the row sums. Filled by a
/// RowPacker, consumed by the kernels.
struct PackedRows {
  uint8_t *data = nullptr; ///< rows * rowBytes()
  int32_t *rowSums = nullptr;
  int64_t kPadded = 0;
  bool wide = false;     ///< 16-bit elements
  bool needSums = false; ///< the weights have zero points: fill rowSums
  /// A chunk of one row tile (GemmShape::singleTileChunks): each panel
  /// streams by once, so the kernels may keep it out of L1.
  bool singleTile = false;
  /// The weights this thread reads outgrow the L2 (kL2StreamedBytes), so
  /// they come from L3 at each call: kernels may prefetch the next panel
  /// (x86/GemmAmx.cpp).
  bool prefetchPanels = false;
  /// Room for the int32 accumulators of every row against one panel, for
  /// kernels that block k (chunk rows x nr).
  int32_t *accumulators = nullptr;
  /// 2 * rowBytes() bytes of scratch for GemmKernels::finishChunk.
  uint8_t *spare = nullptr;
  int64_t rowBytes() const { return kPadded * (wide ? 2 : 1); }
  uint8_t *row(int64_t i) const { return data + i * rowBytes(); }
};

/// Completes a row whose first k bytes hold a': zero padding to kPadded,
/// its sum, and the widening to 16 bits when `rows.wide`.
void finishRow(const PackedRows &rows, int64_t i, int64_t k);

/// Gathers rows [begin, end) of the activation matrix into `rows` (row
/// `begin` at index 0): a' = a as uint8, zero-padded to kPadded, with their
/// sums. A fully connected layer copies rows; a convolution gathers windows.
class RowPacker {
public:
  virtual ~RowPacker() = default;
  virtual void pack(int64_t begin, int64_t end,
                    const PackedRows &rows) const = 0;
  /// When the rows already are packed rows of `kPadded` bytes in memory
  /// (uint8, k a multiple of 4, consecutive): row `begin` itself, so that
  /// the kernels read it in place. Null otherwise.
  virtual const uint8_t *direct(int64_t /*begin*/, int64_t /*kPadded*/) const {
    return nullptr;
  }
};

/// Rows of a row-major [m][k] matrix of `type` (U8 or I8).
class MatrixRows final : public RowPacker {
public:
  MatrixRows(const void *a, int64_t k, int64_t stride, int32_t type)
      : a(static_cast<const uint8_t *>(a)), k(k), stride(stride),
        flip(type == QCC_RT_I8) {}
  void pack(int64_t begin, int64_t end, const PackedRows &rows) const override;
  const uint8_t *direct(int64_t begin, int64_t kPadded) const override {
    return !flip && stride == k && k == kPadded ? a + begin * stride : nullptr;
  }

private:
  const uint8_t *a;
  int64_t k, stride;
  bool flip;
};

/// The work of one GEMM call: `m` rows, outputs at `out` with `outStride`
/// elements between rows (columns [0, n) of the packed weights go to
/// out[row * outStride + col]).
struct GemmCall {
  const PackedWeights *weights;
  const RowPacker *rows;
  int64_t m;
  void *out;
  int64_t outStride;
};

/// Scratch one thread needs for `weights`: packed rows of a chunk.
size_t gemmScratchBytes(const PackedWeights &weights);

/// Rows read in place: `runs` runs of `count` rows, row i of run j at
/// data + j * runStride + i * stride (bytes), its outputs from out + j *
/// outRunStride + i * outStride (elements).
///
/// A row's k bytes are `taps` pieces of kPadded / taps bytes (a whole number
/// of 64-byte tiles), piece t at + t * tapPitch: one piece per tap row of a
/// window read from an image in place. With `width` > 0 the rows are the
/// pixels of a padded image, `width` a row, of which the first `valid` are
/// outputs: row i is stored at out + ((i / width) * valid + i % width) *
/// outStride when i % width < valid, and computed but not stored otherwise.
struct RowRuns {
  const uint8_t *data = nullptr;
  int64_t stride = 0, count = 0;
  int64_t runs = 1, runStride = 0;
  int64_t outStride = 0, outRunStride = 0;
  int64_t taps = 1, tapPitch = 0;
  int64_t width = 0, valid = 0;
  /// PackedRows::prefetchPanels.
  bool prefetchPanels = false;
};

/// When kernels may read an activation matrix's rows in place instead of
/// packing them.
enum class DirectRows {
  kNever,      ///< they want a layout of their own
  kWholeTiles, ///< when every tile of the chunk is whole rows of the matrix
               ///< (they read a partial tile's missing rows too) and the
               ///< rows start on cache lines
  kAlways,     ///< they never read past the chunk's last row
};

/// The kernels of one SIMD path.
struct GemmKernels {
  /// The tile shapes, the one for many rows and many columns first; the
  /// others for few rows (m <= 8) or few columns (a 1x1 convolution to 16
  /// or 24 channels).
  GemmShape shapes[4];
  int shapeCount;
  bool wideRows; ///< activations as 16-bit values
  /// Whether rows already in memory as packed rows are read in place.
  DirectRows directRows;
  /// Computes rows [0, rowCount) of `rows` against panel `panel` and writes
  /// them, through the epilogue, to out (first row at out).
  void (*tiles)(const PackedWeights &w, const PackedRows &rows,
                int64_t rowCount, int64_t panel, void *out, int64_t outStride);
  /// Rows read in place from the input image, for convolutions of few
  /// input channels or small windows (ops/InPlaceConv.cpp); null when the
  /// path has none.
  /// Row i's k values are, for each tap row ky (kh <= 64), the segment
  /// bytes at taps[ky] + i * step or, where step is 0, at taps[i * kh + ky]
  /// (a pointer per row, so that rows read in place and rows gathered at
  /// the image's edges share tiles); the weights were packed with k = kh *
  /// segment. The weights must have no zero points (no row sums are made).
  void (*windowTiles)(const PackedWeights &w, const uint8_t *const *taps,
                      int64_t kh, int64_t segment, int64_t step,
                      int64_t rowCount, int64_t panel, void *out,
                      int64_t outStride);
  /// Rearranges a chunk's packed rows (rows [0, rowCount) and the rest of
  /// their last tile) once, after packing and before the panels; null when
  /// the kernels read rows as packed.
  void (*finishChunk)(const PackedRows &rows, int64_t rowCount) = nullptr;
  /// The rows of `runs` read in place, kPadded bytes each, in one piece or
  /// RowRuns::taps (k past the weights' k meets weights of zero) and, for a
  /// partial last tile of a run, the rows after the run's last (computed,
  /// never stored), so the caller keeps them readable. The weights must
  /// have no zero points. Null when the path has none (ops/BandConv.cpp,
  /// ops/PaddedConv.cpp).
  void (*strideTiles)(const PackedWeights &w, const RowRuns &runs,
                      int64_t panel, void *out) = nullptr;
  /// Ends the calling thread's run of calls to the functions above, which
  /// may keep state between calls (AMX keeps its tiles configured): every
  /// caller calls it after its last call of a task, before the thread runs
  /// anything else. Null when the path keeps no state.
  void (*endTiles)() = nullptr;
};

/// Calls kernels.endTiles, if the path has one, when it goes out of scope.
class TileRun {
public:
  explicit TileRun(const GemmKernels &kernels) : kernels(kernels) {}
  ~TileRun() {
    if (kernels.endTiles)
      kernels.endTiles();
  }
  TileRun(const TileRun &) = delete;
  TileRun &operator=(const TileRun &) = delete;

private:
  const GemmKernels &kernels;
};

// x86 (x86/): AVX-512 VNNI, AVX-VNNI, AVX2, AMX.
const GemmKernels *gemmKernelsAvx512Vnni();
const GemmKernels *gemmKernelsAvxVnni();
const GemmKernels *gemmKernelsAvx2();
const GemmKernels *gemmKernelsAmx();
// AArch64 (arm/): Armv8.0 NEON, dotprod, i8mm.
const GemmKernels *gemmKernelsNeon();
const GemmKernels *gemmKernelsDotprod();
const GemmKernels *gemmKernelsI8mm();

/// Runs a GEMM with `kernels` over `pool`; `scratch[t]` is thread t's
/// buffer of gemmScratchBytes(weights).
void runGemm(const GemmKernels &kernels, const GemmCall &call, ThreadPool &pool,
             uint8_t *const *scratch);

/// The shape to pack a layer of `m` rows and `n` columns for.
GemmShape chooseShape(const GemmKernels &kernels, int64_t m, int64_t n);

} // namespace qcc::rt

#endif // QCC_RUNTIME_GEMM_GEMM_H
