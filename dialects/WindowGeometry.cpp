#include "dialects/WindowGeometry.h"

using namespace mlir;

namespace qcc {

int64_t windowOutputSize(const Window &w, int d, int64_t in, bool ceil) {
  const int64_t span = (w.kernel[d] - 1) * w.dilations[d] + 1;
  const int64_t room = in + w.pads[d] + w.pads[d + 2] - span;
  if (room < 0)
    return 0;
  if (!ceil)
    return room / w.strides[d] + 1;
  int64_t out = (room + w.strides[d] - 1) / w.strides[d] + 1;
  // The last window must start inside the image or its leading padding
  // (PyTorch, ONNX Runtime, ONNX opset 19): one starting in the trailing
  // padding would see no element.
  if ((out - 1) * w.strides[d] >= in + w.pads[d])
    --out;
  return out;
}

bool everyWindowSeesInput(const Window &w, int d, int64_t in, int64_t out) {
  for (int64_t o = 0; o < out; ++o) {
    bool seen = false;
    for (int64_t k = 0; k < w.kernel[d] && !seen; ++k) {
      const int64_t i = o * w.strides[d] + k * w.dilations[d] - w.pads[d];
      seen = i >= 0 && i < in;
    }
    if (!seen)
      return false;
  }
  return true;
}

LogicalResult verifyWindow(ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                           ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads,
                           function_ref<InFlightDiagnostic()> emitError,
                           Window &out) {
  if (kernel.size() != 2 || strides.size() != 2 || dilations.size() != 2 ||
      pads.size() != 4)
    return emitError() << "expects 2 kernel sizes, 2 strides, 2 dilations and "
                          "4 pads [top, left, bottom, right]";
  for (int d = 0; d < 2; ++d) {
    if (kernel[d] < 1 || strides[d] < 1 || dilations[d] < 1)
      return emitError() << "kernel, strides and dilations must be positive";
    out.kernel[d] = kernel[d];
    out.strides[d] = strides[d];
    out.dilations[d] = dilations[d];
  }
  for (int i = 0; i < 4; ++i) {
    const int64_t span = (kernel[i % 2] - 1) * dilations[i % 2] + 1;
    if (pads[i] < 0 || pads[i] >= span)
      return emitError() << "pad " << pads[i]
                         << " is negative or not smaller than the window ("
                         << span << ")";
    out.pads[i] = pads[i];
  }
  return success();
}

} // namespace qcc
