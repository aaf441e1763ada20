// An operation made ready for one SIMD path when the context is created:
// weights packed, tables built. The entry points run it instead of the
// reference kernel.
#ifndef QCC_RUNTIME_OPS_PREPARED_H
#define QCC_RUNTIME_OPS_PREPARED_H

#include "qcc/runtime/qcc_runtime.h"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace qcc::rt {

class ThreadPool;

/// What a run may use: the pool, and one scratch buffer per thread (of the
/// largest scratchBytes() of the model's operations).
struct RunResources {
  ThreadPool *pool;
  uint8_t *const *scratch;
};

class PreparedOp {
public:
  virtual ~PreparedOp() = default;
  /// Scratch each thread needs.
  virtual size_t scratchBytes() const { return 0; }
  /// inputs: the kernel's inputs in the order of its entry point.
  virtual void run(const RunResources &res, const void *const *inputs,
                   void *output) const = 0;
};

/// The prepared form of `desc` for `isa`, or null when the reference
/// kernel serves (or the path has nothing better for this operation).
/// `ok` is false when memory ran out.
std::unique_ptr<PreparedOp> prepareOp(int32_t isa, const void *desc, bool &ok);

/// The output rows of a batch of images in blocks of at most `maxRows`
/// rows within one image each, as even as can be; where the images are
/// fewer than the threads, as many blocks per image as the threads or a
/// multiple (but no more than its rows), so that every thread gets some.
/// Block i is rows [first(i), last(i)) of image image(i).
struct RowBlocks {
  int64_t rows, perImage;
  RowBlocks(int64_t rows, int64_t maxRows, int64_t batch, int64_t threads)
      : rows(rows), perImage((rows + maxRows - 1) / maxRows) {
    if (batch < threads) {
      const int64_t spread = (perImage + threads - 1) / threads * threads;
      perImage = spread < rows ? spread : rows;
    }
  }
  int64_t count(int64_t batch) const { return batch * perImage; }
  int64_t image(int64_t i) const { return i / perImage; }
  int64_t first(int64_t i) const { return i % perImage * rows / perImage; }
  int64_t last(int64_t i) const { return (i % perImage + 1) * rows / perImage; }
};

/// Whether the weight zero points leave w' = w - zw as the packed weights
/// (int8 with 0, uint8 with 128): the in-place convolutions make no row
/// sums.
inline bool neutralWeightZeroPoints(const qcc_rt_conv2d_desc &d) {
  const int32_t neutral = d.weight_type == QCC_RT_U8 ? 128 : 0;
  for (int32_t i = 0; i < d.weight_zero_point_count; ++i)
    if (d.weight_zero_point[i] != neutral)
      return false;
  return true;
}

/// A convolution reading its windows in place (ops/InPlaceConv.cpp: few
/// input channels, or small windows), or null when `kernels` or the layer does
/// not allow it. `ok` is false when memory ran out.
struct GemmKernels;
std::unique_ptr<PreparedOp> prepareInPlaceConv(const GemmKernels &kernels,
                                               const qcc_rt_conv2d_desc &d,
                                               bool &ok);

/// A convolution of few input channels whose windows are read in place from
/// a band of input rows laid out column by column (ops/BandConv.cpp), or
/// null when `kernels` or the layer does not allow it. `ok` is false when
/// memory ran out.
std::unique_ptr<PreparedOp> prepareBandConv(const GemmKernels &kernels,
                                            const qcc_rt_conv2d_desc &d,
                                            bool &ok);

/// A convolution of stride 1 whose windows are read in place from a padded
/// copy of the input, tap row by tap row (ops/PaddedConv.cpp), or null when
/// `kernels` or the layer does not allow it. `ok` is false when memory ran
/// out.
std::unique_ptr<PreparedOp> preparePaddedConv(const GemmKernels &kernels,
                                              const qcc_rt_conv2d_desc &d,
                                              bool &ok);

struct ElementwiseKernels;
/// A transpose that is a batch of 2-D transposes (or a copy), or null; of 2
/// to 4 rows with the path's ElementwiseKernels::interleaveRows.
std::unique_ptr<PreparedOp> prepareTranspose(const qcc_rt_transpose_desc &d,
                                             const ElementwiseKernels &kernels);

struct GemmKernels;
/// A dynamically quantized fully connected layer on the packed GEMM.
std::unique_ptr<PreparedOp> prepareDynamicFc(const GemmKernels &kernels,
                                             const qcc_rt_dynamic_fc_desc &d,
                                             bool &ok);

/// The prepared add, requantize, pooling, quantize or dequantize (integer
/// kinds), or null.
std::unique_ptr<PreparedOp> prepareElementwiseOp(const ElementwiseKernels &k,
                                                 int32_t kind, const void *desc,
                                                 bool &ok);

} // namespace qcc::rt

#endif // QCC_RUNTIME_OPS_PREPARED_H
