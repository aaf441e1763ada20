#include "passes/TransposeElements.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace qcc {

DenseElementsAttr transposeElements(DenseElementsAttr values,
                                    ArrayRef<int64_t> perm) {
  auto type = values.getType();
  ArrayRef<int64_t> shape = type.getShape();
  const int64_t rank = int64_t(shape.size());
  SmallVector<int64_t> outShape, inStrides(rank, 1);
  for (int64_t i = rank - 2; i >= 0; --i)
    inStrides[i] = inStrides[i + 1] * shape[i + 1];
  for (int64_t p : perm)
    outShape.push_back(shape[p]);
  auto outType = type.clone(outShape);
  if (values.isSplat())
    return values.resizeSplat(outType);

  // Permute the raw bytes: any element type of whole bytes.
  const int64_t bytes = int64_t(type.getElementTypeBitWidth() / 8);
  ArrayRef<char> in = values.getRawData();
  std::vector<char> out(in.size());
  SmallVector<int64_t> index(rank, 0);
  const int64_t count = type.getNumElements();
  for (int64_t o = 0; o < count; ++o) {
    int64_t from = 0;
    for (int64_t d = 0; d < rank; ++d)
      from += index[d] * inStrides[perm[d]];
    std::memcpy(out.data() + o * bytes, in.data() + from * bytes,
                size_t(bytes));
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < outShape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(outType, out);
}

} // namespace qcc
