// The inputs and outputs of a model's functions, as their callers see them:
// what `qcc run` reads and writes, and what the AOT header declares.
#ifndef QCC_COMPILER_SIGNATURE_H
#define QCC_COMPILER_SIGNATURE_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
}

namespace qcc {

enum class ElementType { I8, U8, I32, F32 };

const char *elementTypeName(ElementType t); ///< "int8", "uint8", ...
const char *elementCType(ElementType t);    ///< "int8_t", "uint8_t", ...
size_t elementBytes(ElementType t);

struct TensorInfo {
  std::string name;
  ElementType type = ElementType::F32;
  std::vector<int64_t> shape;
  /// For a quantized integer tensor: how its values map to reals.
  std::vector<double> scales;
  std::vector<int64_t> zeroPoints;

  int64_t numElements() const;
  size_t bytes() const { return size_t(numElements()) * elementBytes(type); }
  /// "float32[4,16]"
  std::string describe() const;
};

struct FunctionSignature {
  std::string name;
  std::vector<TensorInfo> inputs, outputs;
  /// The float wrapper around an integer core (see --qcc-outline-integer-core).
  bool isIoWrapper = false;
  /// The integer core of `coreOf`, or empty.
  std::string coreOf;
};

/// Signatures of the public functions with bodies, before lowering. Names
/// come from `qcc.name` argument and result attributes, else input<i> and
/// output<i>.
std::vector<FunctionSignature> collectSignatures(mlir::ModuleOp module);

/// The function `qcc run` calls when none is named: `main` if present, else
/// the only function that is not an integer core. Null if ambiguous.
const FunctionSignature *
defaultEntry(const std::vector<FunctionSignature> &functions);

} // namespace qcc

#endif // QCC_COMPILER_SIGNATURE_H
