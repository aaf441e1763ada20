// Permuting the elements of a constant at compile time.
#ifndef QCC_PASSES_TRANSPOSEELEMENTS_H
#define QCC_PASSES_TRANSPOSEELEMENTS_H

#include "mlir/IR/BuiltinAttributes.h"

namespace qcc {

/// `values` permuted: result dimension i is input dimension perm[i].
mlir::DenseElementsAttr transposeElements(mlir::DenseElementsAttr values,
                                          llvm::ArrayRef<int64_t> perm);

} // namespace qcc

#endif // QCC_PASSES_TRANSPOSEELEMENTS_H
