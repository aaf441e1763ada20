// The lowering of one tensor function to calls of the runtime's C ABI:
// buffers, constants, descriptors. Used by --qcc-lower-to-runtime and by the
// op lowerings (LowerIntegerOps.cpp, LowerFloatOps.cpp).
#ifndef QCC_PASSES_LOWERING_FUNCTIONLOWERING_H
#define QCC_PASSES_LOWERING_FUNCTIONLOWERING_H

#include "dialects/QGraph/QGraphDialect.h"
#include "dialects/QInt/QIntDialect.h"
#include "passes/RuntimeAbi.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <optional>

namespace qcc::lowering {

/// State shared by the lowering of every function of a module.
struct ModuleLowering {
  ModuleLowering(mlir::ModuleOp module, llvm::StringRef prefix);

  /// Declares `name` as an external runtime function if it is not yet.
  void declareRuntime(llvm::StringRef name, mlir::TypeRange args,
                      mlir::TypeRange results);
  /// Lowers `f` after every function it calls.
  mlir::LogicalResult lower(mlir::func::FuncOp f,
                            llvm::SmallVectorImpl<mlir::Operation *> &stack);

  mlir::ModuleOp module;
  RuntimeAbi abi;
  GlobalEmitter globals;
  std::string prefix;
  /// Descriptors of every runtime call, for the model descriptor.
  llvm::SmallVector<mlir::LLVM::GlobalOp> descriptors;
  /// Arena bytes each lowered function needs, callees included.
  llvm::DenseMap<mlir::Operation *, int64_t> arenaEnd;
  /// Lowered function of each original one.
  llvm::DenseMap<mlir::Operation *, mlir::func::FuncOp> lowered;
};

/// The value whose buffer `v` shares: storage casts and reshapes move no
/// data.
mlir::Value rootOf(mlir::Value v);
bool isConstant(mlir::Operation *op);
/// The ABI's element type code of a tensor type (quantized: its storage).
int32_t dtypeCode(mlir::Type tensorOrElement);
int64_t tensorBytes(mlir::Type tensor);

class FunctionLowering {
public:
  FunctionLowering(ModuleLowering &m, mlir::func::FuncOp f)
      : b(f.getContext()), m(m), f(f) {}

  mlir::LogicalResult run();

  //===--------------------------------------------------------------------===//
  // For the op lowerings
  //===--------------------------------------------------------------------===//

  mlir::OpBuilder b;
  RuntimeAbi &abi() { return m.abi; }
  mlir::func::FuncOp original() { return f; }

  /// The buffer of `v`: an argument, an arena slot, an output, or the
  /// global of a constant (whose address is taken at first use).
  mlir::Value ptrOf(mlir::Value v);
  /// The global of a constant operand, or null if `v` is not constant.
  mlir::LLVM::GlobalOp constantGlobal(mlir::Value v, llvm::StringRef role);
  mlir::LLVM::GlobalOp i32Array(mlir::Location loc, llvm::StringRef role,
                                llvm::ArrayRef<int32_t> values);
  mlir::LLVM::GlobalOp i64Array(mlir::Location loc, llvm::StringRef role,
                                llvm::ArrayRef<int64_t> values);
  mlir::LLVM::GlobalOp f32Array(mlir::Location loc, llvm::StringRef role,
                                llvm::ArrayRef<float> values);
  /// A descriptor global listed in the model descriptor, and its address.
  mlir::Value descriptor(mlir::Location loc, llvm::StringRef role,
                         mlir::Type type,
                         const std::function<void(StructInit &)> &fill);
  /// A constant struct global that is data, not an operation descriptor.
  mlir::LLVM::GlobalOp
  dataStruct(mlir::Location loc, llvm::StringRef role, mlir::Type type,
             const std::function<void(StructInit &)> &fill);
  /// Calls a runtime entry point (declared on first use).
  void call(llvm::StringRef callee, mlir::ValueRange args, mlir::Location loc);
  mlir::Value i64(int64_t v, mlir::Location loc);
  /// A stack array of pointers, for entry points taking several inputs.
  mlir::Value pointerArray(mlir::ValueRange pointers, mlir::Location loc);
  mlir::Value context() { return ctx; }

  /// The globals of a requantization (null: the raw accumulator), created
  /// before the descriptor that points at them.
  struct RequantGlobals {
    qint::RequantAttr requant;
    mlir::LLVM::GlobalOp multiplier, shift, scale;
  };
  RequantGlobals requantGlobals(qint::RequantAttr rq, mlir::Location loc,
                                llvm::StringRef role);
  /// Fills a qcc_rt_requant at `at`.
  static void fillRequant(StructInit &s, llvm::SmallVector<int64_t> at,
                          const RequantGlobals &g);
  /// Fills a qcc_rt_window at `at`.
  struct WindowShape {
    int64_t batch, inH, inW, channels, outH, outW;
  };
  static void fillWindow(StructInit &s, llvm::SmallVector<int64_t> at,
                         const WindowShape &shape,
                         llvm::ArrayRef<int64_t> kernel,
                         llvm::ArrayRef<int64_t> strides,
                         llvm::ArrayRef<int64_t> dilations,
                         llvm::ArrayRef<int64_t> pads);

private:
  mlir::LogicalResult planMemory();
  mlir::LogicalResult emitOp(mlir::Operation *op);
  mlir::LogicalResult emitCall(mlir::func::CallOp op);
  void emitReturn(mlir::func::ReturnOp op);
  void emitPackedEntry(mlir::func::FuncOp entry, unsigned numPointers);
  std::string name(llvm::StringRef role);

  ModuleLowering &m;
  mlir::func::FuncOp f;
  mlir::Value ctx, arena;
  int64_t opIndex = 0;
  llvm::DenseMap<mlir::Value, mlir::Value> pointers;
  llvm::DenseMap<mlir::Value, mlir::LLVM::GlobalOp> constants;
  llvm::DenseMap<mlir::Value, int64_t> offsets;     // arena offset of a root
  llvm::DenseMap<mlir::Value, unsigned> outputSlot; // root written to output n
};

/// The lowering of a qint / qgraph operation, or nothing when the file does
/// not know the operation.
std::optional<mlir::LogicalResult> lowerIntegerOp(FunctionLowering &fl,
                                                  mlir::Operation *op);
std::optional<mlir::LogicalResult> lowerFloatOp(FunctionLowering &fl,
                                                mlir::Operation *op);
/// A transpose of any element type.
mlir::LogicalResult lowerTranspose(FunctionLowering &fl, mlir::Operation *op,
                                   mlir::Value input,
                                   llvm::ArrayRef<int64_t> perm);
/// A concatenation along `axis`: integer requantizing (zero points and
/// requants given) or copying any element type.
mlir::LogicalResult
lowerConcat(FunctionLowering &fl, mlir::Operation *op, mlir::ValueRange inputs,
            int64_t axis, std::optional<llvm::ArrayRef<int32_t>> zeroPoints,
            mlir::ArrayAttr requants);

} // namespace qcc::lowering

#endif // QCC_PASSES_LOWERING_FUNCTIONLOWERING_H
