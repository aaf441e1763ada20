// The epilogue of a GEMM tile on any vector width: the accumulators of a
// tile (int32, [rows][nr]) plus the bias and zero-point terms, requantized
// and stored, V::kLanes columns at a time. V: V::I, V::kLanes, V::load
// (aligned), V::add, V::minusProduct (x - zw * rowSum), V::Params /
// V::params / V::requantStore (the rule and the store of `n` lanes) and
// V::kFoldedForms. Included by each path's epilogue header after its target
// pragma.
#ifndef QCC_RUNTIME_GEMM_EPILOGUEFAMILY_H
#define QCC_RUNTIME_GEMM_EPILOGUEFAMILY_H

#include "gemm/Gemm.h"
#include "reference/Storage.h"

namespace qcc::rt::family {
namespace {

/// A tile's accumulators plus the bias, unless the kernel started them from
/// it (BiasAdded).
template <class V, bool BiasAdded>
typename V::I withBias(typename V::I acc, typename V::I bias) {
  if constexpr (BiasAdded)
    return acc;
  else
    return V::add(acc, bias);
}

/// A folded form on a whole panel of NV vectors whose clamp is the output
/// type's range: row by row, each row's vectors stored together
/// (V::requantStoreRow, which saturates by packing). AVX-512 only, the one
/// path with folded forms.
template <class V, int Rule, int Out, int NV, bool BiasAdded>
void finishPackedRows(const PackedWeights &w, const PackedRows &rows,
                      int64_t row, int rowCount, int64_t panel,
                      const int32_t *acc, uint8_t *out, int64_t outStride) {
  constexpr int nr = NV * V::kLanes;
  const int64_t firstCol = panel * nr;
  typename V::Params params[NV];
  typename V::I bias[NV], zw[NV];
  for (int v = 0; v < NV; ++v) {
    params[v] = V::params(w.epilogue, firstCol + v * V::kLanes, true);
    bias[v] = V::load(w.biasAdj.get() + firstCol + v * V::kLanes);
    zw[v] = w.zeroPoints
                ? V::load(w.zeroPoints.get() + firstCol + v * V::kLanes)
                : bias[v];
  }
  for (int r = 0; r < rowCount; ++r) {
    typename V::I x[NV];
    for (int v = 0; v < NV; ++v) {
      x[v] = withBias<V, BiasAdded>(V::load(acc + r * nr + v * V::kLanes),
                                    bias[v]);
      if (w.zeroPoints)
        x[v] = V::minusProduct(x[v], zw[v], rows.rowSums[row + r]);
    }
    V::template requantStoreRow<Rule, Out, NV>(params, x, out + r * outStride);
  }
}

/// The same on a panel of one vector: four rows at a time, as the
/// depthwise kernels store four pixels (V::requantStorePixels; 1x1 32 ->
/// 16 on 112x112: 45-49 -> 41-43.5 us).
template <class V, int Rule, int Out, bool BiasAdded>
void finishPackedColumn(const PackedWeights &w, const PackedRows &rows,
                        int64_t row, int rowCount, int64_t panel,
                        const int32_t *acc, uint8_t *out, int64_t outStride) {
  const int64_t col = panel * V::kLanes;
  const typename V::Params params = V::params(w.epilogue, col, true);
  const typename V::I bias = V::load(w.biasAdj.get() + col);
  const typename V::I zw =
      w.zeroPoints ? V::load(w.zeroPoints.get() + col) : bias;
  auto input = [&](int r) {
    typename V::I x =
        withBias<V, BiasAdded>(V::load(acc + r * V::kLanes), bias);
    if (w.zeroPoints)
      x = V::minusProduct(x, zw, rows.rowSums[row + r]);
    return x;
  };
  int r = 0;
  for (; r + 4 <= rowCount; r += 4) {
    typename V::I x[4];
    for (int i = 0; i < 4; ++i)
      x[i] = input(r + i);
    V::template requantStorePixels<Rule, Out>(params, x, out + r * outStride,
                                              outStride);
  }
  for (; r < rowCount; ++r)
    V::template requantStore<Rule, false, Out>(w.epilogue, params, input(r),
                                               out + r * outStride, V::kLanes);
}

template <class V, int Rule, bool LeftShift, int Out, bool BiasAdded>
void finishAs(const PackedWeights &w, const PackedRows &rows, int64_t row,
              int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
              int64_t outStride) {
  const Epilogue &e = w.epilogue;
  const int nr = w.shape.nr;
  const int64_t firstCol = panel * nr;
  const int64_t cols = w.n - firstCol < nr ? w.n - firstCol : nr;
  constexpr size_t outBytes = Out == kInt32 ? 4 : 1;
  constexpr bool folded = Out == kFoldedU8 || Out == kFoldedS8;
  if constexpr (folded) {
    if (cols == nr && e.clampMin == storageMin(e.outputType)) {
      switch (nr / V::kLanes) {
      case 1:
        return finishPackedColumn<V, Rule, Out, BiasAdded>(
            w, rows, row, rowCount, panel, acc, out, outStride);
      case 2:
        return finishPackedRows<V, Rule, Out, 2, BiasAdded>(
            w, rows, row, rowCount, panel, acc, out, outStride);
      case 3:
        return finishPackedRows<V, Rule, Out, 3, BiasAdded>(
            w, rows, row, rowCount, panel, acc, out, outStride);
      case 4:
        return finishPackedRows<V, Rule, Out, 4, BiasAdded>(
            w, rows, row, rowCount, panel, acc, out, outStride);
      default:
        break;
      }
    }
  }
  for (int v = 0; v * V::kLanes < nr; ++v) {
    const int64_t col = firstCol + v * V::kLanes;
    const int64_t left = cols - v * V::kLanes;
    if (left <= 0)
      break;
    const int n = left >= V::kLanes ? V::kLanes : int(left);
    const auto bias = V::load(w.biasAdj.get() + col);
    const typename V::Params params = V::params(e, col, folded);
    const int32_t *tile = acc + v * V::kLanes;
    uint8_t *dst = out + v * V::kLanes * outBytes;
    if (w.zeroPoints) {
      const auto zw = V::load(w.zeroPoints.get() + col);
      for (int r = 0; r < rowCount; ++r)
        V::template requantStore<Rule, LeftShift, Out>(
            e, params,
            V::minusProduct(
                withBias<V, BiasAdded>(V::load(tile + r * nr), bias), zw,
                rows.rowSums[row + r]),
            dst + r * outStride * outBytes, n);
    } else {
      for (int r = 0; r < rowCount; ++r)
        V::template requantStore<Rule, LeftShift, Out>(
            e, params, withBias<V, BiasAdded>(V::load(tile + r * nr), bias),
            dst + r * outStride * outBytes, n);
    }
  }
}

/// Rows [row, row + rowCount) of a tile against panel `panel`, from their
/// accumulators at `acc`, to `out` (outStride elements between rows).
/// BiasAdded: the accumulators hold the bias already.
template <class V, bool BiasAdded = false>
void finish(const PackedWeights &w, const PackedRows &rows, int64_t row,
            int rowCount, int64_t panel, const int32_t *acc, uint8_t *out,
            int64_t outStride) {
  withRuleAndForm<V::kFoldedForms, V::kHighHalves>(
      w.epilogue, [&](auto rule, auto left, auto form) {
        finishAs<V, decltype(rule)::value, decltype(left)::value,
                 decltype(form)::value, BiasAdded>(w, rows, row, rowCount,
                                                   panel, acc, out, outStride);
      });
}

} // namespace
} // namespace qcc::rt::family

#endif // QCC_RUNTIME_GEMM_EPILOGUEFAMILY_H
