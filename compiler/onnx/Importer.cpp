// The ONNX importer's driver: reads the protobuf, binds inputs and
// initializers, translates the nodes in order, and returns @main.
#include "compiler/onnx/OnnxImporter.h"

#include "Importer.h"
#include "dialects/QuantTypeChecks.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using ::onnx::NodeProto;
using ::onnx::TensorProto;

namespace qcc::onnx {

ArrayRef<int64_t> Imported::shape() const {
  if (value)
    return cast<ShapedType>(value.getType()).getShape();
  return constant.getType().getShape();
}

Importer::Importer(MLIRContext *ctx, const ::onnx::ModelProto &model)
    : ctx(ctx), b(ctx), model(model), graph(model.graph()) {
  for (const NodeProto &node : graph.node()) {
    for (const std::string &out : node.output())
      if (!out.empty())
        producers[out] = &node;
    for (const std::string &in : node.input())
      if (!in.empty())
        readers[in].push_back(&node);
  }
  for (const auto &out : graph.output())
    graphOutputs.insert(out.name());
}

Location Importer::loc(const NodeProto &node) const {
  std::string name = node.name();
  if (name.empty() && node.output_size())
    name = node.output(0);
  return NameLoc::get(StringAttr::get(ctx, name));
}

InFlightDiagnostic Importer::error(const NodeProto &node) const {
  return emitError(loc(node)) << node.op_type() << ": ";
}

bool Importer::hasInput(const NodeProto &node, int i) const {
  return i < node.input_size() && !node.input(i).empty();
}

const Imported *Importer::input(const NodeProto &node, int i) {
  if (!hasInput(node, i)) {
    error(node) << "input " << i << " is missing";
    return nullptr;
  }
  auto it = values.find(node.input(i));
  if (it == values.end()) {
    error(node) << "input '" << node.input(i)
                << "' is not produced by any node, input or initializer";
    return nullptr;
  }
  return &it->second;
}

DenseElementsAttr Importer::constantInput(const NodeProto &node, int i,
                                          StringRef what) {
  const Imported *v = input(node, i);
  if (!v)
    return {};
  if (!v->constant) {
    error(node) << what << " (input '" << node.input(i)
                << "') must be a constant known when compiling";
    return {};
  }
  return v->constant;
}

FailureOr<SmallVector<int64_t>> Importer::intsInput(const NodeProto &node,
                                                    int i, StringRef what) {
  DenseElementsAttr c = constantInput(node, i, what);
  if (!c)
    return failure();
  if (!isa<IntegerType>(c.getElementType()))
    return error(node) << what << " (input '" << node.input(i)
                       << "') must be integers, not "
                       << onnxTypeName(input(node, i)->onnxType);
  return toInts(c);
}

void Importer::define(const NodeProto &node, int i, Imported value) {
  if (i < node.output_size() && !node.output(i).empty())
    bind(node.output(i), value);
}

void Importer::define(const NodeProto &node, int i, Value value,
                      int32_t onnxType, bool accumulator) {
  Imported v;
  v.value = value;
  v.onnxType = onnxType;
  v.accumulator = accumulator;
  define(node, i, v);
}

Value Importer::tensor(const Imported &v, Location loc) {
  if (v.value)
    return v.value;
  return qgraph::ConstantOp::create(b, loc, v.constant);
}

Value Importer::asQuantized(Value v, Type quantizedType, Location loc) {
  auto type = cast<RankedTensorType>(v.getType());
  auto target = type.clone(quantizedType);
  if (type == target)
    return v;
  if (getQuantizedElementType(type))
    v = qint::StorageCastOp::create(
        b, loc, type.clone(storageIntegerType(getQuantizedElementType(type))),
        v);
  return qint::StorageCastOp::create(b, loc, target, v);
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

const ::onnx::AttributeProto *Importer::attribute(const NodeProto &node,
                                                  StringRef name) const {
  for (const auto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

int64_t Importer::intAttr(const NodeProto &node, StringRef name,
                          int64_t fallback) const {
  const auto *a = attribute(node, name);
  return a ? a->i() : fallback;
}

float Importer::floatAttr(const NodeProto &node, StringRef name,
                          float fallback) const {
  const auto *a = attribute(node, name);
  return a ? a->f() : fallback;
}

SmallVector<int64_t> Importer::intsAttr(const NodeProto &node,
                                        StringRef name) const {
  const auto *a = attribute(node, name);
  if (!a)
    return {};
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

LogicalResult Importer::checkAttributes(const NodeProto &node,
                                        ArrayRef<StringRef> known) {
  for (const auto &a : node.attribute())
    if (!llvm::is_contained(known, StringRef(a.name())))
      return error(node) << "attribute '" << a.name() << "' is not supported";
  return success();
}

ArrayRef<const NodeProto *> Importer::consumers(StringRef name) {
  auto it = readers.find(name);
  if (it == readers.end())
    return {};
  return it->second;
}

const NodeProto *Importer::producer(StringRef name) {
  return producers.lookup(name);
}

DenseElementsAttr Importer::peekConstant(StringRef name) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second.constant;
  const NodeProto *p = producer(name);
  if (!p || p->op_type() != "Constant")
    return {};
  const auto *value = attribute(*p, "value");
  if (!value || !value->has_t())
    return {};
  std::string why;
  return tensorValue(ctx, value->t(), why);
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

LogicalResult Importer::importInputs(Block *entry,
                                     SmallVectorImpl<StringRef> &names) {
  llvm::StringSet<> initializers;
  for (const TensorProto &t : graph.initializer()) {
    std::string why;
    DenseElementsAttr value = tensorValue(ctx, t, why);
    if (!value)
      return emitError(NameLoc::get(StringAttr::get(ctx, t.name())))
             << "initializer '" << t.name() << "': " << why;
    Imported v;
    v.constant = value;
    v.onnxType = t.data_type();
    values[t.name()] = v;
    initializers.insert(t.name());
  }
  for (const auto &in : graph.input()) {
    if (initializers.contains(in.name()))
      continue; // IR version < 4 lists initializers as inputs
    Location l = NameLoc::get(StringAttr::get(ctx, in.name()));
    if (!in.type().has_tensor_type())
      return emitError(l) << "input '" << in.name() << "' is not a tensor";
    const auto &tt = in.type().tensor_type();
    if (!tt.has_shape())
      return emitError(l) << "input '" << in.name()
                          << "' has no shape: qcc compiles static shapes "
                             "(export with fixed sizes)";
    Type element = elementType(ctx, tt.elem_type());
    if (!element || element.isInteger(64) || element.isInteger(1))
      return emitError(l) << "input '" << in.name() << "' has type "
                          << onnxTypeName(tt.elem_type())
                          << "; qcc takes float, uint8, int8 or int32 inputs";
    SmallVector<int64_t> shape;
    for (const auto &d : tt.shape().dim()) {
      if (!d.has_dim_value())
        return emitError(l)
               << "input '" << in.name() << "' has a dynamic dimension '"
               << d.dim_param()
               << "': qcc compiles static shapes (export with fixed sizes)";
      shape.push_back(d.dim_value());
    }
    BlockArgument arg =
        entry->addArgument(RankedTensorType::get(shape, element), l);
    names.push_back(in.name());
    Imported v;
    v.value = arg;
    v.onnxType = tt.elem_type();
    values[in.name()] = v;
  }
  return success();
}

LogicalResult Importer::importNode(const NodeProto &node) {
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return error(node) << "operators of domain '" << node.domain()
                       << "' are not supported";
  auto root = roots.find(&node);
  if (root != roots.end()) {
    b.setInsertionPointToEnd(b.getInsertionBlock());
    return root->second();
  }
  const auto &table = opImporters();
  auto it = table.find(node.op_type());
  if (it == table.end())
    return error(node) << "unsupported operator";
  b.setInsertionPointToEnd(b.getInsertionBlock());
  return it->second(*this, node);
}

OwningOpRef<ModuleOp> Importer::run() {
  Location modelLoc = UnknownLoc::get(ctx);
  int64_t opset = -1;
  for (const auto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  if (opset < 10 || opset > 21) {
    emitError(modelLoc) << "the model uses opset " << opset
                        << " of the default domain; qcc reads opsets 10 to 21";
    return nullptr;
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(modelLoc);
  b.setInsertionPointToEnd(module->getBody());
  auto func =
      func::FuncOp::create(b, modelLoc, "main", FunctionType::get(ctx, {}, {}));
  Block *entry = func.addEntryBlock();
  SmallVector<StringRef> inputNames, outputNames;
  if (failed(importInputs(entry, inputNames)))
    return nullptr;
  b.setInsertionPointToEnd(entry);
  findDynamicQuantizationPatterns(*this, graph);

  for (const NodeProto &node : graph.node()) {
    if (isAbsorbed(node))
      continue;
    if (failed(importNode(node)))
      return nullptr;
  }

  SmallVector<Value> results;
  for (const auto &out : graph.output()) {
    Location l = NameLoc::get(StringAttr::get(ctx, out.name()));
    auto it = values.find(out.name());
    if (it == values.end()) {
      emitError(l) << "output '" << out.name() << "' is not produced";
      return nullptr;
    }
    const Imported &v = it->second;
    Value r = tensor(v, l);
    auto type = cast<RankedTensorType>(r.getType());
    if (v.accumulator) {
      // An int32 accumulator leaves as int32: quantize with scale 1.
      auto i32 = IntegerType::get(ctx, 32);
      auto q = quant::UniformQuantizedType::get(
          quant::QuantizationFlags::Signed, i32, Float32Type::get(ctx), 1.0, 0,
          std::numeric_limits<int32_t>::min(),
          std::numeric_limits<int32_t>::max());
      r = qgraph::QuantizeOp::create(b, l, type.clone(q), r);
      r = qint::StorageCastOp::create(b, l, type.clone(i32), r);
    } else if (auto q = getQuantizedElementType(type)) {
      r = qint::StorageCastOp::create(b, l, type.clone(storageIntegerType(q)),
                                      r);
    }
    outputNames.push_back(out.name());
    results.push_back(r);
  }
  func::ReturnOp::create(b, modelLoc, results);
  func.setFunctionType(
      FunctionType::get(ctx, entry->getArgumentTypes(), TypeRange(results)));
  for (auto [i, name] : llvm::enumerate(inputNames))
    func.setArgAttr(i, "qcc.name", StringAttr::get(ctx, name));
  for (auto [i, name] : llvm::enumerate(outputNames))
    func.setResultAttr(i, "qcc.name", StringAttr::get(ctx, name));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> importOnnxFile(StringRef path, MLIRContext *ctx) {
  Location l = NameLoc::get(StringAttr::get(ctx, path));
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(l) << "cannot read '" << path
                 << "': " << buffer.getError().message();
    return nullptr;
  }
  ::onnx::ModelProto model;
  StringRef bytes = (*buffer)->getBuffer();
  if (bytes.size() > size_t(std::numeric_limits<int>::max()) ||
      !model.ParseFromArray(bytes.data(), int(bytes.size()))) {
    emitError(l) << "'" << path
                 << "' is not an ONNX model: the protobuf does not parse "
                    "(truncated or not an ONNX file)";
    return nullptr;
  }
  if (!model.has_graph() || model.ir_version() <= 0 ||
      model.opset_import_size() == 0) {
    emitError(l) << "'" << path
                 << "' is not an ONNX model: it has no graph, IR version or "
                    "opset";
    return nullptr;
  }
  return Importer(ctx, model).run();
}

const llvm::StringMap<OpImporter> &opImporters() {
  static const llvm::StringMap<OpImporter> table = [] {
    llvm::StringMap<OpImporter> t;
    registerTensorOps(t);
    registerNetworkOps(t);
    registerQuantizationOps(t);
    return t;
  }();
  return table;
}

} // namespace qcc::onnx
