// The LLVM-dialect mirror of the runtime's C ABI (qcc_runtime.h): descriptor
// struct types, and builders of constant globals laid out as those structs.
// Field order and types follow qcc_runtime.h exactly; the runtime pins its
// offsets with static_asserts, and the end-to-end tests call through it.
#ifndef QCC_PASSES_RUNTIMEABI_H
#define QCC_PASSES_RUNTIMEABI_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include <functional>

namespace qcc {

struct RuntimeAbi {
  explicit RuntimeAbi(mlir::MLIRContext *ctx);

  mlir::Type i32, i64, f32, ptr;
  mlir::LLVM::LLVMStructType requant;        ///< qcc_rt_requant
  mlir::LLVM::LLVMStructType window;         ///< qcc_rt_window
  mlir::LLVM::LLVMStructType dynamicRange;   ///< qcc_rt_dynamic_range
  mlir::LLVM::LLVMStructType fcDesc;         ///< qcc_rt_fc_desc
  mlir::LLVM::LLVMStructType quantDesc;      ///< qcc_rt_quant_desc
  mlir::LLVM::LLVMStructType linearDesc;     ///< qcc_rt_linear_f32_desc
  mlir::LLVM::LLVMStructType conv2dDesc;     ///< qcc_rt_conv2d_desc
  mlir::LLVM::LLVMStructType addDesc;        ///< qcc_rt_add_desc
  mlir::LLVM::LLVMStructType requantizeDesc; ///< qcc_rt_requantize_desc
  mlir::LLVM::LLVMStructType pool2dDesc;     ///< qcc_rt_pool2d_desc
  mlir::LLVM::LLVMStructType concatDesc;     ///< qcc_rt_concat_desc
  mlir::LLVM::LLVMStructType transposeDesc;  ///< qcc_rt_transpose_desc
  mlir::LLVM::LLVMStructType dynamicFcDesc;  ///< qcc_rt_dynamic_fc_desc
  mlir::LLVM::LLVMStructType
      dynamicQuantizeDesc;               ///< qcc_rt_dynamic_quantize_desc
  mlir::LLVM::LLVMStructType binaryDesc; ///< qcc_rt_binary_f32_desc
  mlir::LLVM::LLVMStructType clipDesc;   ///< qcc_rt_clip_f32_desc
  mlir::LLVM::LLVMStructType modelInfo;  ///< qcc_rt_model_info
};

/// Fills the initializer region of a constant struct global.
class StructInit {
public:
  StructInit(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type);

  StructInit &i32(llvm::ArrayRef<int64_t> pos, int64_t v);
  StructInit &f32(llvm::ArrayRef<int64_t> pos, float v);
  StructInit &i64(llvm::ArrayRef<int64_t> pos, int64_t v);
  StructInit &address(llvm::ArrayRef<int64_t> pos, mlir::LLVM::GlobalOp g);
  StructInit &null(llvm::ArrayRef<int64_t> pos);
  mlir::Value value() const { return agg; }

private:
  StructInit &set(llvm::ArrayRef<int64_t> pos, mlir::Value v);
  mlir::OpBuilder &b;
  mlir::Location loc;
  mlir::Value agg;
};

/// Creates the module's constant globals, with names unique in the module.
class GlobalEmitter {
public:
  explicit GlobalEmitter(mlir::ModuleOp module);

  /// An internal constant array holding `values` flattened (any integer
  /// signedness becomes signless bits), aligned to 64 bytes.
  mlir::LLVM::GlobalOp data(mlir::Location loc, llvm::StringRef name,
                            mlir::DenseElementsAttr values);
  mlir::LLVM::GlobalOp i32Array(mlir::Location loc, llvm::StringRef name,
                                llvm::ArrayRef<int32_t> values);
  mlir::LLVM::GlobalOp f32Array(mlir::Location loc, llvm::StringRef name,
                                llvm::ArrayRef<float> values);
  /// A constant struct global initialized by `fill`.
  mlir::LLVM::GlobalOp structure(mlir::Location loc, llvm::StringRef name,
                                 mlir::Type type, mlir::LLVM::Linkage linkage,
                                 const std::function<void(StructInit &)> &fill);
  /// A constant array of pointers to `globals` (null when empty).
  mlir::LLVM::GlobalOp
  pointerArray(mlir::Location loc, llvm::StringRef name,
               llvm::ArrayRef<mlir::LLVM::GlobalOp> globals);

private:
  std::string unique(llvm::StringRef name);
  mlir::ModuleOp module;
  mlir::OpBuilder builder;
  llvm::StringMap<int> used;
};

} // namespace qcc

#endif // QCC_PASSES_RUNTIMEABI_H
