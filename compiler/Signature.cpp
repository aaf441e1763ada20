#include "compiler/Signature.h"

#include "dialects/QuantTypeChecks.h"
#include "passes/IntegerOnly.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace qcc {

const char *elementTypeName(ElementType t) {
  switch (t) {
  case ElementType::I8:
    return "int8";
  case ElementType::U8:
    return "uint8";
  case ElementType::I32:
    return "int32";
  case ElementType::F32:
    return "float32";
  }
  return "?";
}

const char *elementCType(ElementType t) {
  switch (t) {
  case ElementType::I8:
    return "int8_t";
  case ElementType::U8:
    return "uint8_t";
  case ElementType::I32:
    return "int32_t";
  case ElementType::F32:
    return "float";
  }
  return "void";
}

size_t elementBytes(ElementType t) {
  return t == ElementType::I8 || t == ElementType::U8 ? 1 : 4;
}

int64_t TensorInfo::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string TensorInfo::describe() const {
  std::string s = elementTypeName(type);
  s += "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

static TensorInfo tensorInfo(Type type, std::string name) {
  TensorInfo info;
  info.name = std::move(name);
  auto shaped = cast<ShapedType>(type);
  info.shape.assign(shaped.getShape().begin(), shaped.getShape().end());
  Type e = shaped.getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(e)) {
    QuantParams p = getQuantParams(q);
    info.scales = std::vector<double>(p.scales.begin(), p.scales.end());
    info.zeroPoints =
        std::vector<int64_t>(p.zeroPoints.begin(), p.zeroPoints.end());
    e = storageIntegerType(q);
  }
  if (e.isF32())
    info.type = ElementType::F32;
  else if (e.getIntOrFloatBitWidth() == 32)
    info.type = ElementType::I32;
  else
    info.type = e.isUnsignedInteger() ? ElementType::U8 : ElementType::I8;
  return info;
}

static std::string nameOf(DictionaryAttr attrs, const char *fallback,
                          unsigned i) {
  if (attrs)
    if (auto name = attrs.getAs<StringAttr>("qcc.name"))
      return name.str();
  return fallback + std::to_string(i);
}

std::vector<FunctionSignature> collectSignatures(ModuleOp module) {
  std::vector<FunctionSignature> out;
  for (auto f : module.getOps<func::FuncOp>()) {
    if (f.isDeclaration() || !f.isPublic())
      continue;
    FunctionSignature sig;
    sig.name = f.getName().str();
    sig.isIoWrapper = isIoWrapper(f);
    if (auto core = f->getAttrOfType<StringAttr>(kIntegerCoreAttr))
      sig.coreOf = core.str();
    FunctionType type = f.getFunctionType();
    for (unsigned i = 0; i < type.getNumInputs(); ++i)
      sig.inputs.push_back(tensorInfo(type.getInput(i),
                                      nameOf(f.getArgAttrDict(i), "input", i)));
    for (unsigned i = 0; i < type.getNumResults(); ++i)
      sig.outputs.push_back(tensorInfo(
          type.getResult(i), nameOf(f.getResultAttrDict(i), "output", i)));
    out.push_back(std::move(sig));
  }
  return out;
}

const FunctionSignature *
defaultEntry(const std::vector<FunctionSignature> &functions) {
  const FunctionSignature *only = nullptr;
  for (const auto &f : functions) {
    if (f.name == "main")
      return &f;
    if (!f.coreOf.empty())
      continue;
    if (only)
      return nullptr;
    only = &f;
  }
  return only;
}

} // namespace qcc
