// The fusion patterns of --qcc-fuse-qdq, one family per file, and why an
// operation of each family was not fused.
#ifndef QCC_PASSES_FUSION_FUSIONPATTERNS_H
#define QCC_PASSES_FUSION_FUSIONPATTERNS_H

#include "passes/Numerics.h"

#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <string>

namespace qcc::fusion {

/// linear, conv2d, linear on a dynamically quantized input.
void populateLinearConvFusionPatterns(mlir::RewritePatternSet &patterns,
                                      Numerics numerics);
/// add, standalone relu/clip, quantize(dequantize(x)).
void populateElementwiseFusionPatterns(mlir::RewritePatternSet &patterns,
                                       Numerics numerics);
/// max and average pooling.
void populatePoolingFusionPatterns(mlir::RewritePatternSet &patterns,
                                   Numerics numerics);
/// concat, reshape, transpose.
void populateDataMovementFusionPatterns(mlir::RewritePatternSet &patterns,
                                        Numerics numerics);

/// Why `op` (of the family) was not fused, or nothing if it would fuse.
std::optional<std::string> whyNotFusedLinearConv(mlir::Operation *op,
                                                 Numerics numerics);
std::optional<std::string> whyNotFusedElementwise(mlir::Operation *op,
                                                  Numerics numerics);
std::optional<std::string> whyNotFusedPooling(mlir::Operation *op,
                                              Numerics numerics);
std::optional<std::string> whyNotFusedDataMovement(mlir::Operation *op,
                                                   Numerics numerics);

} // namespace qcc::fusion

#endif // QCC_PASSES_FUSION_FUSIONPATTERNS_H
