// Transposes that are, once size-1 dimensions are dropped and dimensions
// that stay neighbours are merged, a batch of 2-D transposes (NCHW <->
// NHWC are [n][c][h*w] <-> [n][h*w][c]): blocked so that both sides stay in
// cache. Any other permutation keeps the reference kernel.
#include "ThreadPool.h"
#include "ops/Elementwise.h"
#include "ops/Prepared.h"

#include <cstring>

namespace qcc::rt {

namespace {

class BatchedTransposeOp final : public PreparedOp {
public:
  BatchedTransposeOp(const ElementwiseKernels &kernels, int64_t batch,
                     int64_t rows, int64_t cols, int64_t bytes)
      : kernels(kernels), batch(batch), rows(rows), cols(cols), bytes(bytes) {}

  void run(const RunResources &res, const void *const *in,
           void *out) const override {
    const auto *src = static_cast<const uint8_t *>(in[0]);
    auto *dst = static_cast<uint8_t *>(out);
    if (rows >= 2 && rows <= 4 && (bytes == 1 || bytes == 4)) {
      fewRows(res, src, dst);
      return;
    }
    const int64_t blocks = batch * ((rows + kBlock - 1) / kBlock);
    auto body = [&](int64_t begin, int64_t end, int) {
      for (int64_t t = begin; t < end; ++t) {
        const int64_t b = t / ((rows + kBlock - 1) / kBlock);
        const int64_t r0 = t % ((rows + kBlock - 1) / kBlock) * kBlock;
        const uint8_t *s = src + b * rows * cols * bytes;
        uint8_t *d = dst + b * rows * cols * bytes;
        const int64_t r1 = r0 + kBlock < rows ? r0 + kBlock : rows;
        for (int64_t c0 = 0; c0 < cols; c0 += kBlock) {
          const int64_t c1 = c0 + kBlock < cols ? c0 + kBlock : cols;
          if (bytes == 1)
            block<1>(s, d, r0, r1, c0, c1);
          else if (bytes == 4)
            block<4>(s, d, r0, r1, c0, c1);
          else
            blockAny(s, d, r0, r1, c0, c1);
        }
      }
    };
    if (rows * cols * batch * bytes < (1 << 16))
      body(0, blocks, 0);
    else
      res.pool->parallelFor(blocks, body);
  }

private:
  static constexpr int64_t kBlock = 32;

  /// [rows][cols] -> [cols][rows] with 2 to 4 rows (NCHW -> NHWC of an
  /// image's 3 colour planes): the blocks above would run one short row
  /// each, so the path's vector kernel interleaves the rows instead.
  void fewRows(const RunResources &res, const uint8_t *src,
               uint8_t *dst) const {
    constexpr int64_t kColumns = 4096;
    const int64_t parts = (cols + kColumns - 1) / kColumns;
    auto body = [&](int64_t begin, int64_t end, int) {
      for (int64_t t = begin; t < end; ++t) {
        const int64_t b = t / parts, c0 = t % parts * kColumns;
        const int64_t c1 = c0 + kColumns < cols ? c0 + kColumns : cols;
        const uint8_t *s = src + b * rows * cols * bytes;
        uint8_t *d = dst + b * rows * cols * bytes;
        kernels.interleaveRows(s, d, int(rows), int(bytes), cols, c0, c1);
      }
    };
    if (rows * cols * batch * bytes < (1 << 16))
      body(0, batch * parts, 0);
    else
      res.pool->parallelFor(batch * parts, body);
  }

  template <int Bytes>
  void block(const uint8_t *s, uint8_t *d, int64_t r0, int64_t r1, int64_t c0,
             int64_t c1) const {
    for (int64_t c = c0; c < c1; ++c)
      for (int64_t r = r0; r < r1; ++r)
        std::memcpy(d + (c * rows + r) * Bytes, s + (r * cols + c) * Bytes,
                    Bytes);
  }
  void blockAny(const uint8_t *s, uint8_t *d, int64_t r0, int64_t r1,
                int64_t c0, int64_t c1) const {
    for (int64_t c = c0; c < c1; ++c)
      for (int64_t r = r0; r < r1; ++r)
        std::memcpy(d + (c * rows + r) * bytes, s + (r * cols + c) * bytes,
                    size_t(bytes));
  }

  const ElementwiseKernels &kernels;
  int64_t batch, rows, cols, bytes;
};

} // namespace

std::unique_ptr<PreparedOp>
prepareTranspose(const qcc_rt_transpose_desc &d,
                 const ElementwiseKernels &kernels) {
  // The input dimensions larger than 1, renumbered in input order.
  int64_t renumber[QCC_RT_MAX_RANK];
  int64_t kept = 0;
  for (int32_t i = 0; i < d.rank; ++i)
    renumber[i] = d.in_shape[i] == 1 ? -1 : kept++;
  // In output order, merged where consecutive input dimensions stay
  // consecutive (they are neighbours in memory on both sides).
  int64_t dims[QCC_RT_MAX_RANK], sizes[QCC_RT_MAX_RANK];
  int n = 0;
  for (int32_t i = 0; i < d.rank; ++i) {
    const int64_t dim = renumber[d.perm[i]];
    if (dim < 0)
      continue;
    if (n && dims[n - 1] + 1 == dim) {
      sizes[n - 1] *= d.in_shape[d.perm[i]];
      dims[n - 1] = dim;
      continue;
    }
    dims[n] = dim;
    sizes[n] = d.in_shape[d.perm[i]];
    ++n;
  }
  if (n <= 1) { // the same order: a copy
    int64_t count = 1;
    for (int32_t i = 0; i < d.rank; ++i)
      count *= d.in_shape[i];
    return std::make_unique<BatchedTransposeOp>(kernels, 1, 1, count,
                                                d.element_bytes);
  }
  // The merged input order is the dims sorted; output order is dims as is.
  if (n == 2 && dims[0] > dims[1])
    return std::make_unique<BatchedTransposeOp>(kernels, 1, sizes[1], sizes[0],
                                                d.element_bytes);
  if (n == 3 && dims[0] < dims[1] && dims[0] < dims[2] && dims[1] > dims[2])
    return std::make_unique<BatchedTransposeOp>(kernels, sizes[0], sizes[2],
                                                sizes[1], d.element_bytes);
  return nullptr;
}

} // namespace qcc::rt
