#include "gemm/Gemm.h"

#include "reference/Storage.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace qcc::rt {

void AlignedFree::operator()(void *p) const { std::free(p); }

template <typename T> AlignedArray<T> alignedArray(size_t count) {
  const size_t bytes = (count * sizeof(T) + 63) / 64 * 64;
  void *p = std::aligned_alloc(64, bytes ? bytes : 64);
  if (p)
    std::memset(p, 0, bytes ? bytes : 64);
  return AlignedArray<T>(static_cast<T *>(p));
}
template AlignedArray<int8_t> alignedArray<int8_t>(size_t);
template AlignedArray<uint8_t> alignedArray<uint8_t>(size_t);
template AlignedArray<int32_t> alignedArray<int32_t>(size_t);
template AlignedArray<float> alignedArray<float>(size_t);
template AlignedArray<int64_t> alignedArray<int64_t>(size_t);

namespace {
int64_t roundUp(int64_t x, int64_t m) { return (x + m - 1) / m * m; }

/// floor(a / b) for b > 0.
int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && a < 0 ? 1 : 0);
}

/// Where column c's 64-bit values go in the split layout (Epilogue).
int64_t splitIndex(int64_t c, int lanes) {
  const int64_t lane = c % lanes;
  return c / lanes * lanes + (lane % 2) * (lanes / 2) + lane / 2;
}

/// Epilogue::shiftAfterHigh, where every shift64 is 32 or more.
bool shiftsAfterHigh(Epilogue &e, int64_t columns) {
  for (int64_t c = 0; c < columns; ++c)
    if (e.shift64[c] < 32)
      return true;
  e.shiftAfterHigh = alignedArray<int32_t>(size_t(columns));
  if (!e.shiftAfterHigh)
    return false;
  for (int64_t c = 0; c < columns; ++c)
    e.shiftAfterHigh[c] = int32_t(e.shift64[splitIndex(c, e.lanes)] - 32);
  return true;
}

/// Epilogue::foldedZeroPoint and its addends, where the conditions Gemm.h
/// gives hold for every column: shift64 >= 32 is shiftAfterHigh's (which
/// also rules out a multiplier of 1 or more); with the correction for
/// negative products, accumulators under 2^30.
bool foldZeroPoint(Epilogue &e, int64_t columns, int64_t accumulatorBound) {
  const bool is8Bit = e.outputType == QCC_RT_U8 || e.outputType == QCC_RT_I8;
  if (!is8Bit || !e.shiftAfterHigh || e.clampMax != storageMax(e.outputType))
    return true;
  for (int64_t c = 0; c < columns; ++c)
    if (e.shift64[c] > 53)
      return true;
  const bool doubled =
      e.rounding == QCC_RT_ROUND_DOUBLE && !e.clampsNegatives();
  if (doubled && accumulatorBound >= (int64_t(1) << 30))
    return true;
  e.add64WithZeroPoint = alignedArray<int64_t>(size_t(columns));
  if (!e.add64WithZeroPoint)
    return false;
  for (int64_t c = 0; c < columns; ++c)
    e.add64WithZeroPoint[c] =
        (e.add64[c] + int64_t(e.zeroPoint) * (int64_t(1) << e.shift64[c]))
        << (doubled ? 1 : 0);
  if (doubled) {
    e.negativeBelow = alignedArray<int32_t>(size_t(columns));
    if (!e.negativeBelow)
      return false;
    for (int64_t c = 0; c < columns; ++c) {
      const int64_t m = e.mul64[splitIndex(c, e.lanes)];
      // m = 0: p is never negative, and no |x| < 2^30 is below -2^30.
      // Every negativeBelow is then in [-2^30, 0], so x - negativeBelow
      // fits in int32 and its sign is the correction's.
      e.negativeBelow[c] =
          m > 0 ? int32_t(floorDiv(-(int64_t(1) << 30) - 1, m) + 1)
                : -(int32_t(1) << 30);
    }
  }
  e.foldedZeroPoint = true;
  return true;
}
} // namespace

bool expandEpilogue(const qcc_rt_requant *requant, int32_t outputType,
                    int64_t n, int64_t columns, int lanes,
                    int64_t accumulatorBound, Epilogue &e) {
  qcc_rt_requant raw{};
  raw.rounding = QCC_RT_NO_REQUANT;
  raw.clamp_min = std::numeric_limits<int32_t>::min();
  raw.clamp_max = std::numeric_limits<int32_t>::max();
  const qcc_rt_requant &r = requant ? *requant : raw;
  e.rounding = r.rounding;
  e.lanes = lanes;
  e.outputType = outputType;
  e.zeroPoint = r.output_zero_point;
  e.clampMin = r.clamp_min;
  e.clampMax = r.clamp_max;
  const int64_t lo = int64_t(r.clamp_min) - r.output_zero_point;
  const int64_t hi = int64_t(r.clamp_max) - r.output_zero_point;
  const int64_t i32min = std::numeric_limits<int32_t>::min();
  const int64_t i32max = std::numeric_limits<int32_t>::max();
  e.lowBeforeZeroPoint = int32_t(lo < i32min ? i32min : lo);
  e.highBeforeZeroPoint = int32_t(hi > i32max ? i32max : hi);
  // The reference computes float(qmin - zeroPoint) in int32.
  e.floatLow = float(int32_t(r.clamp_min - r.output_zero_point));
  e.floatHigh = float(int32_t(r.clamp_max - r.output_zero_point));
  if (r.rounding == QCC_RT_NO_REQUANT)
    return true;
  if (r.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN) {
    e.scale = alignedArray<float>(size_t(columns));
    if (!e.scale)
      return false;
    bool folds = (outputType == QCC_RT_U8 || outputType == QCC_RT_I8) &&
                 e.clampMax == storageMax(outputType);
    for (int64_t c = 0; c < columns; ++c) { // padding repeats channel 0
      e.scale[c] = r.scale[r.channels > 1 && c < n ? c : 0];
      folds &= e.scale[c] <= kFoldedFloatScaleMax;
    }
    e.foldedZeroPoint = folds;
    return true;
  }
  e.mul64 = alignedArray<int64_t>(size_t(columns));
  e.add64 = alignedArray<int64_t>(size_t(columns));
  e.neg64 = alignedArray<int64_t>(size_t(columns));
  e.shift64 = alignedArray<int64_t>(size_t(columns));
  e.leftShift = alignedArray<int32_t>(size_t(columns));
  if (!e.mul64 || !e.add64 || !e.neg64 || !e.shift64 || !e.leftShift)
    return false;
  for (int64_t c = 0; c < columns; ++c) {
    const int64_t i = r.channels > 1 && c < n ? c : 0;
    const int32_t shift = r.shift[i];
    const int64_t at = splitIndex(c, lanes);
    e.mul64[at] = r.multiplier[i];
    e.leftShift[c] = shift > 0 ? shift : 0;
    e.anyLeftShift |= shift > 0;
    if (r.rounding == QCC_RT_ROUND_SINGLE) {
      const int s = 31 - shift;
      e.add64[at] = int64_t(1) << (s - 1);
      e.neg64[at] = 0;
      e.shift64[at] = s;
    } else {
      const int rightShift = shift < 0 ? -shift : 0;
      e.add64[at] = (int64_t(1) << 30) +
                    (rightShift ? int64_t(1) << (30 + rightShift) : 0);
      e.neg64[at] = rightShift ? int64_t(1) << 31 : 0;
      e.shift64[at] = 31 + rightShift;
    }
  }
  return shiftsAfterHigh(e, columns) &&
         foldZeroPoint(e, columns, accumulatorBound);
}

bool packWeights(const GemmWeightsDesc &d, const GemmShape &shape,
                 PackedWeights &out) {
  out.shape = shape;
  out.n = d.n;
  out.k = d.k;
  out.kPadded = roundUp(d.k, shape.kAlign > 4 ? shape.kAlign : 4);
  out.panels = (d.n + shape.nr - 1) / shape.nr;
  const int64_t columns = out.panels * shape.nr;
  const bool wideWeights = shape.kGroup == 2; // vpmaddwd: int16 weights
  const size_t elementBytes = wideWeights ? 2 : 1;
  out.data = alignedArray<int8_t>(size_t(columns * out.kPadded) * elementBytes);
  out.biasAdj = alignedArray<int32_t>(size_t(columns));
  if (!out.data || !out.biasAdj)
    return false;

  const bool uint8Weights = d.weightType == QCC_RT_U8;
  out.inputSigned = d.inputType == QCC_RT_I8;
  out.inputZeroPoint = d.inputZeroPoint + (out.inputSigned ? 128 : 0);
  const int64_t za = out.inputZeroPoint;
  // w' and zw' are int8-range values; unsigned packing adds 128 to both
  // (the products with the row's zero point cancel the same way).
  const int32_t offset = shape.unsignedWeights ? 128 : 0;
  bool anyZeroPoint = false;
  std::vector<int32_t> zw(size_t(d.n));
  for (int64_t c = 0; c < d.n; ++c) {
    const int32_t z = d.weightZeroPoints[d.weightZeroPointCount > 1 ? c : 0];
    zw[size_t(c)] = (uint8Weights ? z - 128 : z) + offset;
    anyZeroPoint |= zw[size_t(c)] != 0;
  }
  if (anyZeroPoint) {
    out.zeroPoints = alignedArray<int32_t>(size_t(columns));
    if (!out.zeroPoints)
      return false;
  }
  const auto *w8 = static_cast<const uint8_t *>(d.weight);
  const int nr = shape.nr, g = shape.kGroup;
  int64_t bound = 0;
  for (int64_t c = 0; c < d.n; ++c) {
    const int64_t panel = c / nr, col = c % nr;
    int64_t colSum = 0, colAbs = 0;
    for (int64_t kk = 0; kk < d.k; ++kk) {
      const int32_t v = (uint8Weights ? int32_t(w8[c * d.k + kk]) - 128
                                      : int32_t(int8_t(w8[c * d.k + kk]))) +
                        offset;
      colSum += v;
      colAbs += std::abs(v - zw[size_t(c)]);
      const int64_t at =
          panel * out.kPadded * nr + (kk / g) * nr * g + col * g + kk % g;
      if (wideWeights)
        reinterpret_cast<int16_t *>(out.data.get())[at] = int16_t(v);
      else
        out.data[at] = int8_t(uint8_t(v)); // the byte of v, either way
    }
    const int64_t bias = d.bias ? d.bias[c] : 0;
    bound = std::max(bound, accumulatorBound(colAbs, bias));
    // Modulo 2^32, as the reference accumulator.
    out.biasAdj[c] = wrapToInt32(bias - za * colSum + d.k * za * zw[size_t(c)]);
    if (anyZeroPoint)
      out.zeroPoints[c] = zw[size_t(c)];
  }
  if (!expandEpilogue(d.requant, d.outputType, d.n, columns, shape.lanes, bound,
                      out.epilogue))
    return false;
  // On AMX only where k <= 512: beside the long tile runs of ResNet-18's 3x3
  // layers (k >= 576) the folded float form's denser float work slowed the
  // whole inference by 3-7 %, its unchanged operations too (the core's
  // clock after an inference measured 2-6 % lower), while the layers of
  // smaller k gain from it (docs/performance.md).
  if (out.epilogue.rounding == QCC_RT_ROUND_FLOAT_HALF_EVEN &&
      shape.kAlign == kAmxTileBytes && d.k > kAmxFloatFoldMaxK)
    out.epilogue.foldedZeroPoint = false;
  return true;
}

void finishRow(const PackedRows &rows, int64_t i, int64_t k) {
  uint8_t *row = rows.row(i);
  // At most 63 bytes (to whole AMX tiles), usually fewer than 4: not worth
  // a call to memset. (kPadded in a local: the byte stores may alias it.)
  const int64_t kPadded = rows.kPadded;
  int64_t j = k;
  for (; j + 8 <= kPadded; j += 8)
    std::memset(row + j, 0, 8);
  for (; j < kPadded; ++j)
    row[j] = 0;
  if (rows.needSums) {
    int32_t sum = 0;
    for (int64_t j = 0; j < k; ++j)
      sum += row[j];
    rows.rowSums[i] = sum;
  }
  if (rows.wide) {
    // In place, from the end: element j's two bytes, at 2j, lie past every
    // byte not yet read. In chunks of 16 through a copy, which the compiler
    // vectorizes (one element at a time, the widening was 12 % of a 1x1
    // layer with k = 16 on AVX2).
    auto *wide = reinterpret_cast<int16_t *>(row);
    int64_t j = kPadded;
    for (; j >= 16; j -= 16) {
      uint8_t chunk[16];
      std::memcpy(chunk, row + j - 16, sizeof(chunk));
      for (int t = 0; t < 16; ++t)
        wide[j - 16 + t] = int16_t(chunk[t]);
    }
    for (--j; j >= 0; --j)
      wide[j] = int16_t(row[j]);
  }
}

void MatrixRows::pack(int64_t begin, int64_t end,
                      const PackedRows &rows) const {
  for (int64_t r = begin; r < end; ++r) {
    uint8_t *dst = rows.row(r - begin);
    const uint8_t *src = a + r * stride;
    if (flip)
      for (int64_t j = 0; j < k; ++j)
        dst[j] = uint8_t(src[j] ^ 0x80);
    else
      std::memcpy(dst, src, size_t(k));
    finishRow(rows, r - begin, k);
  }
}

} // namespace qcc::rt
