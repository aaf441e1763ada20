// The output size of a 2-D window (convolution, pooling), shared by the
// qgraph (NCHW) and qint (NHWC) verifiers and the importer.
#ifndef QCC_DIALECTS_WINDOWGEOMETRY_H
#define QCC_DIALECTS_WINDOWGEOMETRY_H

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace qcc {

/// kernel [kh, kw], strides [sh, sw], dilations [dh, dw], pads [top, left,
/// bottom, right] (ONNX order).
struct Window {
  int64_t kernel[2] = {1, 1};
  int64_t strides[2] = {1, 1};
  int64_t dilations[2] = {1, 1};
  int64_t pads[4] = {0, 0, 0, 0};
};

/// Output size along dimension `d` (0: height, 1: width) of an input of
/// size `in`: floor((in + pad_begin + pad_end - dilated kernel) / stride) + 1,
/// or the ceiling with `ceil`. 0 or less when the window does not fit.
int64_t windowOutputSize(const Window &w, int d, int64_t in, bool ceil = false);

/// Whether every one of `out` windows along dimension `d` covers at least one
/// of the `in` input positions: with dilation, a window can fall entirely in
/// the padding, which a pooling cannot average or take the maximum of.
bool everyWindowSeesInput(const Window &w, int d, int64_t in, int64_t out);

/// Checks the window's attributes: two kernel, stride and dilation values,
/// four pads; all positive (pads non-negative), padding smaller than the
/// dilated kernel so that every output sees the input.
mlir::LogicalResult
verifyWindow(llvm::ArrayRef<int64_t> kernel, llvm::ArrayRef<int64_t> strides,
             llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> pads,
             llvm::function_ref<mlir::InFlightDiagnostic()> emitError,
             Window &out);

} // namespace qcc

#endif // QCC_DIALECTS_WINDOWGEOMETRY_H
