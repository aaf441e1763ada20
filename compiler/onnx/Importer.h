// The ONNX importer's state and its op translations, shared by the files
// that implement them (one file per family of operators).
#ifndef QCC_COMPILER_ONNX_IMPORTER_H
#define QCC_COMPILER_ONNX_IMPORTER_H

#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QInt/QIntDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include "onnx/onnx_pb.h"

#include <functional>
#include <optional>

namespace qcc::onnx {

/// What an ONNX value name stands for in the function being built.
struct Imported {
  /// A tensor of the function; null for a compile-time constant.
  mlir::Value value;
  /// Known at compile time: initializers, Constant, and what folds from them.
  mlir::DenseElementsAttr constant;
  /// The ONNX element type (onnx::TensorProto::DataType).
  int32_t onnxType = 0;
  /// The value holds an int32 accumulator of MatMulInteger / ConvInteger
  /// (computed as exact integers on dequantized values of scale 1).
  bool accumulator = false;

  llvm::ArrayRef<int64_t> shape() const;
};

class Importer {
public:
  Importer(mlir::MLIRContext *ctx, const ::onnx::ModelProto &model);

  /// Builds the module; null after an error diagnostic.
  mlir::OwningOpRef<mlir::ModuleOp> run();

  //===--------------------------------------------------------------------===//
  // Used by the op translations
  //===--------------------------------------------------------------------===//

  mlir::MLIRContext *ctx;
  mlir::OpBuilder b;

  /// The location of a node: its name, or its first output's.
  mlir::Location loc(const ::onnx::NodeProto &node) const;
  /// An error naming the node and its operator.
  mlir::InFlightDiagnostic error(const ::onnx::NodeProto &node) const;

  /// Input `i` of a node; error when absent (or optional and absent).
  const Imported *input(const ::onnx::NodeProto &node, int i);
  bool hasInput(const ::onnx::NodeProto &node, int i) const;
  /// A compile-time constant input, or an error saying it must be one.
  /// Input `i` as compile-time integers (shapes, pads); an error naming
  /// `what` when it is not a constant integer tensor.
  mlir::FailureOr<llvm::SmallVector<int64_t>>
  intsInput(const ::onnx::NodeProto &node, int i, llvm::StringRef what);
  mlir::DenseElementsAttr constantInput(const ::onnx::NodeProto &node, int i,
                                        llvm::StringRef what);
  /// The value a name is bound to, or null.
  const Imported *lookup(llvm::StringRef name) const {
    auto it = values.find(name);
    return it == values.end() ? nullptr : &it->second;
  }
  void bind(llvm::StringRef name, Imported value) { values[name] = value; }
  /// Binds output `i` of the node.
  void define(const ::onnx::NodeProto &node, int i, Imported value);
  void define(const ::onnx::NodeProto &node, int i, mlir::Value value,
              int32_t onnxType, bool accumulator = false);

  /// The tensor of an imported value, materializing a constant if needed.
  mlir::Value tensor(const Imported &v, mlir::Location loc);

  // Attributes.
  const ::onnx::AttributeProto *attribute(const ::onnx::NodeProto &node,
                                          llvm::StringRef name) const;
  int64_t intAttr(const ::onnx::NodeProto &node, llvm::StringRef name,
                  int64_t fallback) const;
  float floatAttr(const ::onnx::NodeProto &node, llvm::StringRef name,
                  float fallback) const;
  llvm::SmallVector<int64_t> intsAttr(const ::onnx::NodeProto &node,
                                      llvm::StringRef name) const;
  /// Errors on an attribute the translation does not know, so that nothing
  /// a model asks for is silently ignored.
  mlir::LogicalResult checkAttributes(const ::onnx::NodeProto &node,
                                      llvm::ArrayRef<llvm::StringRef> known);

  /// The nodes that read a value.
  llvm::ArrayRef<const ::onnx::NodeProto *> consumers(llvm::StringRef name);
  /// The node that writes a value, or null (graph input, initializer).
  const ::onnx::NodeProto *producer(llvm::StringRef name);
  /// Marks a node as translated as part of another's pattern.
  void absorb(const ::onnx::NodeProto &node) { absorbed.insert(&node); }
  bool isAbsorbed(const ::onnx::NodeProto &node) const {
    return absorbed.contains(&node);
  }
  /// The compile-time constant a value name holds, looking through the
  /// nodes that fold (for pattern matching before translation).
  mlir::DenseElementsAttr peekConstant(llvm::StringRef name);
  bool isGraphOutput(llvm::StringRef name) const {
    return graphOutputs.contains(name);
  }
  /// Makes `node` the root of a recognized pattern: `translate` replaces its
  /// translation.
  void setRoot(const ::onnx::NodeProto &node,
               std::function<mlir::LogicalResult()> translate) {
    roots[&node] = std::move(translate);
  }

  /// Keeps quantized-dialect values consistent: `v` (quantized of another
  /// quantization, or plain integers) viewed as `type`.
  mlir::Value asQuantized(mlir::Value v, mlir::Type quantizedType,
                          mlir::Location loc);

private:
  /// Adds the graph inputs as `entry`'s arguments; their ONNX names go to
  /// `names`.
  mlir::LogicalResult
  importInputs(mlir::Block *entry,
               llvm::SmallVectorImpl<llvm::StringRef> &names);
  mlir::LogicalResult importNode(const ::onnx::NodeProto &node);
  void findPatterns();

  const ::onnx::ModelProto &model;
  const ::onnx::GraphProto &graph;
  llvm::StringMap<Imported> values;
  llvm::StringMap<const ::onnx::NodeProto *> producers;
  llvm::StringMap<llvm::SmallVector<const ::onnx::NodeProto *, 2>> readers;
  llvm::DenseSet<const ::onnx::NodeProto *> absorbed;
  llvm::DenseMap<const ::onnx::NodeProto *,
                 std::function<mlir::LogicalResult()>>
      roots;
  llvm::StringSet<> graphOutputs;
};

/// Translation of one operator type.
using OpImporter =
    std::function<mlir::LogicalResult(Importer &, const ::onnx::NodeProto &)>;

/// The translations, by operator type (default domain).
const llvm::StringMap<OpImporter> &opImporters();

/// Float layers shared by the QDQ and QOperator translations: a 2-D
/// convolution (weight OIHW) and A x B with B [K, N] (A of rank 2 or more).
mlir::Value buildConv2d(Importer &im, const ::onnx::NodeProto &node,
                        mlir::Value x, mlir::Value w, mlir::Value bias);
mlir::Value buildMatMul(Importer &im, const ::onnx::NodeProto &node,
                        mlir::Value a, mlir::Value b);

// Families of translations, each in its own file.
void registerTensorOps(llvm::StringMap<OpImporter> &table);
void registerNetworkOps(llvm::StringMap<OpImporter> &table);
void registerQuantizationOps(llvm::StringMap<OpImporter> &table);

/// Patterns recognized before translation, whose nodes are then absorbed:
/// the scalar subgraph with which a dynamically quantized graph measures its
/// activations, and DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul.
void findDynamicQuantizationPatterns(Importer &importer,
                                     const ::onnx::GraphProto &graph);

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// The MLIR element type of an ONNX data type (uint8 is ui8), or null.
mlir::Type elementType(mlir::MLIRContext *ctx, int32_t onnxType);
const char *onnxTypeName(int32_t onnxType);
/// "[2, 3]", for messages.
std::string shapeText(llvm::ArrayRef<int64_t> shape);

/// A TensorProto's values; on a malformed tensor (size, or a uint8/int8
/// value stored out of its type's range) returns null and says why.
mlir::DenseElementsAttr tensorValue(mlir::MLIRContext *ctx,
                                    const ::onnx::TensorProto &t,
                                    std::string &why);

/// Reads a constant as doubles / int64 (any numeric type).
llvm::SmallVector<double> toDoubles(mlir::DenseElementsAttr a);
llvm::SmallVector<int64_t> toInts(mlir::DenseElementsAttr a);

/// The quantized type for scales and zero points (scalars, or 1-D along
/// `axis` of a tensor of rank `rank`); error text in `why` when the scales
/// are not positive and finite, or the types are not supported.
mlir::Type quantizedType(mlir::MLIRContext *ctx, mlir::DenseElementsAttr scale,
                         mlir::DenseElementsAttr zeroPoint, int32_t storageType,
                         int64_t axis, llvm::ArrayRef<int64_t> shape,
                         std::string &why);

} // namespace qcc::onnx

#endif // QCC_COMPILER_ONNX_IMPORTER_H
