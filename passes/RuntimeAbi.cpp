#include "passes/RuntimeAbi.h"

#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace qcc {

static LLVM::LLVMStructType identified(MLIRContext *ctx, StringRef name,
                                       ArrayRef<Type> body) {
  auto type = LLVM::LLVMStructType::getIdentified(ctx, name);
  if (!type.isInitialized())
    (void)type.setBody(body, /*isPacked=*/false);
  return type;
}

RuntimeAbi::RuntimeAbi(MLIRContext *ctx) {
  i32 = IntegerType::get(ctx, 32);
  i64 = IntegerType::get(ctx, 64);
  f32 = Float32Type::get(ctx);
  ptr = LLVM::LLVMPointerType::get(ctx);
  requant = identified(ctx, "qcc_rt_requant",
                       {i32, i32, ptr, ptr, ptr, i32, i32, i32, i32});
  window = identified(ctx, "qcc_rt_window",
                      {i64, i64, i64, i64, i64, i64, i32, i32, i32, i32, i32,
                       i32, i32, i32, i32, i32});
  dynamicRange =
      identified(ctx, "qcc_rt_dynamic_range", {i32, i32, i32, i32, f32, i32});
  fcDesc = identified(
      ctx, "qcc_rt_fc_desc",
      {i32, i32, i32, i32, i64, i64, i64, ptr, ptr, ptr, i32, i32, requant});
  conv2dDesc = identified(
      ctx, "qcc_rt_conv2d_desc",
      {i32, i32, i32, i32, window, i64, i64, ptr, ptr, ptr, i32, i32, requant});
  addDesc = identified(
      ctx, "qcc_rt_add_desc",
      {i32, i32, i64, i32, i32, i32, i32, requant, requant, requant});
  requantizeDesc = identified(ctx, "qcc_rt_requantize_desc",
                              {i32, i32, i32, i32, i64, requant});
  pool2dDesc = identified(ctx, "qcc_rt_pool2d_desc",
                          {i32, i32, window, i32, i32, requant});
  concatDesc = identified(ctx, "qcc_rt_concat_desc",
                          {i32, i32, i32, i32, i64, ptr, ptr, ptr});
  auto rankArray = LLVM::LLVMArrayType::get(i64, 6);
  transposeDesc = identified(ctx, "qcc_rt_transpose_desc",
                             {i32, i32, i64, rankArray, rankArray});
  dynamicFcDesc = identified(ctx, "qcc_rt_dynamic_fc_desc",
                             {i32, i32, i64, i64, i64, ptr, ptr, ptr, ptr, i32,
                              i32, i32, i32, dynamicRange});
  dynamicQuantizeDesc = identified(ctx, "qcc_rt_dynamic_quantize_desc",
                                   {i32, i32, i64, dynamicRange});
  binaryDesc =
      identified(ctx, "qcc_rt_binary_f32_desc",
                 {i32, i32, i32, i32, rankArray, rankArray, rankArray});
  clipDesc = identified(ctx, "qcc_rt_clip_f32_desc", {i32, i32, i64, f32, f32});
  quantDesc = identified(ctx, "qcc_rt_quant_desc",
                         {i32, i32, i64, i64, i64, ptr, ptr, i32, i32});
  linearDesc = identified(ctx, "qcc_rt_linear_f32_desc",
                          {i32, i32, i64, i64, i64, ptr, ptr});
  modelInfo = identified(ctx, "qcc_rt_model_info", {i32, i32, ptr, i64});
}

//===----------------------------------------------------------------------===//
// StructInit
//===----------------------------------------------------------------------===//

StructInit::StructInit(OpBuilder &b, Location loc, Type type)
    : b(b), loc(loc), agg(LLVM::UndefOp::create(b, loc, type)) {}

StructInit &StructInit::set(ArrayRef<int64_t> pos, Value v) {
  agg = LLVM::InsertValueOp::create(b, loc, agg, v, pos);
  return *this;
}

StructInit &StructInit::i32(ArrayRef<int64_t> pos, int64_t v) {
  return set(pos, LLVM::ConstantOp::create(b, loc, b.getI32Type(),
                                           b.getI32IntegerAttr(int32_t(v))));
}

StructInit &StructInit::f32(ArrayRef<int64_t> pos, float v) {
  return set(pos, LLVM::ConstantOp::create(b, loc, b.getF32Type(),
                                           b.getF32FloatAttr(v)));
}

StructInit &StructInit::i64(ArrayRef<int64_t> pos, int64_t v) {
  return set(pos, LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                           b.getI64IntegerAttr(v)));
}

StructInit &StructInit::address(ArrayRef<int64_t> pos, LLVM::GlobalOp g) {
  return set(pos, LLVM::AddressOfOp::create(b, loc, g));
}

StructInit &StructInit::null(ArrayRef<int64_t> pos) {
  return set(pos, LLVM::ZeroOp::create(
                      b, loc, LLVM::LLVMPointerType::get(b.getContext())));
}

//===----------------------------------------------------------------------===//
// GlobalEmitter
//===----------------------------------------------------------------------===//

GlobalEmitter::GlobalEmitter(ModuleOp module)
    : module(module), builder(module.getBodyRegion()) {
  builder.setInsertionPointToEnd(module.getBody());
}

std::string GlobalEmitter::unique(StringRef name) {
  std::string candidate = name.str();
  while (SymbolTable::lookupSymbolIn(module, candidate))
    candidate = (name + "_" + Twine(++used[name])).str();
  return candidate;
}

LLVM::GlobalOp GlobalEmitter::data(Location loc, StringRef name,
                                   DenseElementsAttr values) {
  Type element = values.getElementType();
  if (auto it = dyn_cast<IntegerType>(element); it && !it.isSignless()) {
    element = IntegerType::get(it.getContext(), it.getWidth());
    values = values.bitcast(element);
  }
  int64_t count = values.getNumElements();
  values = values.reshape(RankedTensorType::get({count}, element));
  auto type = LLVM::LLVMArrayType::get(element, count);
  return LLVM::GlobalOp::create(builder, loc, type, /*isConstant=*/true,
                                LLVM::Linkage::Internal, unique(name), values,
                                /*alignment=*/64);
}

LLVM::GlobalOp GlobalEmitter::i32Array(Location loc, StringRef name,
                                       ArrayRef<int32_t> values) {
  auto type =
      RankedTensorType::get({int64_t(values.size())}, builder.getI32Type());
  return data(loc, name, DenseElementsAttr::get(type, values));
}

LLVM::GlobalOp GlobalEmitter::f32Array(Location loc, StringRef name,
                                       ArrayRef<float> values) {
  auto type =
      RankedTensorType::get({int64_t(values.size())}, builder.getF32Type());
  return data(loc, name, DenseElementsAttr::get(type, values));
}

LLVM::GlobalOp
GlobalEmitter::structure(Location loc, StringRef name, Type type,
                         LLVM::Linkage linkage,
                         const std::function<void(StructInit &)> &fill) {
  auto global = LLVM::GlobalOp::create(builder, loc, type, /*isConstant=*/true,
                                       linkage, unique(name), Attribute(),
                                       /*alignment=*/8);
  // A builder of its own: `fill` may create further globals meanwhile.
  OpBuilder b(module.getContext());
  b.createBlock(&global.getInitializerRegion());
  StructInit s(b, loc, type);
  fill(s);
  LLVM::ReturnOp::create(b, loc, s.value());
  return global;
}

LLVM::GlobalOp GlobalEmitter::pointerArray(Location loc, StringRef name,
                                           ArrayRef<LLVM::GlobalOp> globals) {
  auto ptr = LLVM::LLVMPointerType::get(builder.getContext());
  auto type =
      LLVM::LLVMArrayType::get(ptr, std::max<size_t>(globals.size(), 1));
  return structure(loc, name, type, LLVM::Linkage::Internal,
                   [&](StructInit &s) {
                     if (globals.empty())
                       s.null({0});
                     for (auto [i, g] : llvm::enumerate(globals))
                       s.address({int64_t(i)}, g);
                   });
}

} // namespace qcc
