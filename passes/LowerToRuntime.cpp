// Lowers tensor functions to calls into the qcc runtime's C ABI.
//
// A function `f(inputs) -> outputs` on tensors becomes
// `<prefix>f(ctx, input pointers..., output pointers...)`; each operation
// becomes one call `qcc_rt_<kernel>(ctx, &descriptor, in, out)` whose
// descriptor is a constant global laid out as the runtime's struct.
//
// Memory: each tensor an operation produces lives in the context's arena at
// an offset fixed here (ArenaPlanner: by size, at the lowest 64-byte aligned
// offset free for the tensor's lifetime, storage casts aliasing their input).
// A tensor the function returns is written straight into the caller's output
// buffer; one returned twice, or a returned argument or constant, is copied.
// A function that calls another places its buffers above the callee's arena.
// Constants become internal globals.
//
// Refuses (errors naming the operation): arguments and results that are not
// tensors of static shape, functions of more than one block, recursion, calls
// of functions without a body, operations with no runtime kernel, weights and
// biases that are not dense constants, an empty prefix.
#include "dialects/QuantTypeChecks.h"
#include "passes/ArenaPlanner.h"
#include "passes/Passes.h"
#include "passes/RuntimeAbi.h"
#include "qcc/runtime/qcc_runtime.h"

#include "mlir/IR/SymbolTable.h"

namespace qcc {
#define GEN_PASS_DEF_QCCLOWERTORUNTIME
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

constexpr int64_t kArenaAlignment = 64;

Type storageElement(Type t) {
  Type e = getElementTypeOrSelf(t);
  if (auto q = dyn_cast<quant::QuantizedType>(e))
    return storageIntegerType(q);
  return e;
}

int32_t dtypeCode(Type t) {
  Type e = storageElement(t);
  if (e.isF32())
    return QCC_RT_F32;
  auto it = cast<IntegerType>(e);
  if (it.getWidth() == 32)
    return QCC_RT_I32;
  return it.isUnsigned() ? QCC_RT_U8 : QCC_RT_I8;
}

int64_t tensorBytes(Type t) {
  auto shaped = cast<ShapedType>(t);
  return shaped.getNumElements() *
         int64_t(storageElement(t).getIntOrFloatBitWidth() / 8);
}

/// The value whose buffer `v` shares: storage casts change no data.
Value rootOf(Value v) {
  while (auto c = v.getDefiningOp<qint::StorageCastOp>())
    v = c.getInput();
  return v;
}

bool isConstant(Operation *op) {
  return isa_and_nonnull<qgraph::ConstantOp, qint::ConstantOp>(op);
}

ElementsAttr constantValue(Operation *op) {
  if (auto c = dyn_cast<qgraph::ConstantOp>(op))
    return c.getValue();
  return cast<qint::ConstantOp>(op).getValue();
}

/// State shared by the lowering of every function of a module.
struct ModuleLowering {
  ModuleOp module;
  RuntimeAbi abi;
  GlobalEmitter globals;
  std::string prefix;
  /// Descriptors of every runtime call, for the model descriptor.
  SmallVector<LLVM::GlobalOp> descriptors;
  /// Arena bytes each lowered function needs, callees included.
  DenseMap<Operation *, int64_t> arenaEnd;
  /// Lowered function of each original one.
  DenseMap<Operation *, func::FuncOp> lowered;

  ModuleLowering(ModuleOp module, StringRef prefix)
      : module(module), abi(module.getContext()), globals(module),
        prefix(prefix) {}

  /// Declares `name` as an external runtime function if it is not yet.
  void declareRuntime(StringRef name, TypeRange args, TypeRange results) {
    if (SymbolTable::lookupSymbolIn(module, name))
      return;
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto f = func::FuncOp::create(
        b, module.getLoc(), name,
        FunctionType::get(module.getContext(), args, results));
    f.setPrivate();
  }

  LogicalResult lower(func::FuncOp f, SmallVectorImpl<Operation *> &stack);
};

/// Lowers the body of one function into a new function.
class FunctionLowering {
public:
  FunctionLowering(ModuleLowering &m, func::FuncOp f) : m(m), f(f) {}

  LogicalResult run();

private:
  LogicalResult planMemory();
  LogicalResult emitOp(Operation *op);
  LogicalResult emitFullyConnected(qint::FullyConnectedOp op);
  LogicalResult emitQuantizeOrDequantize(Operation *op, bool quantize);
  LogicalResult emitLinearF32(qgraph::LinearOp op);
  LogicalResult emitCall(func::CallOp op);
  void emitReturn(func::ReturnOp op);
  void emitPackedEntry(func::FuncOp entry, unsigned numPointers);

  /// The buffer of `v`: an argument, an arena slot, an output, or the
  /// global of a constant (whose address is taken here, at first use).
  Value ptrOf(Value v);
  LLVM::GlobalOp constantGlobal(Value v, StringRef what);
  std::string name(StringRef what) {
    return ("__qcc_" + f.getName() + "_op" + Twine(opIndex) + "_" + what).str();
  }
  void call(StringRef callee, ValueRange args, Location loc);
  Value i64(int64_t v, Location loc) {
    return LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                    b.getI64IntegerAttr(v));
  }

  ModuleLowering &m;
  func::FuncOp f;
  OpBuilder b{f.getContext()};
  Value ctx, arena;
  int64_t opIndex = 0;
  DenseMap<Value, Value> pointers;
  DenseMap<Value, LLVM::GlobalOp> constants;
  DenseMap<Value, int64_t> offsets;     // arena offset of an op result
  DenseMap<Value, unsigned> outputSlot; // op result written to output #n
};

LogicalResult FunctionLowering::planMemory() {
  Block &body = f.front();
  DenseMap<Operation *, int64_t> index;
  for (auto [i, op] : llvm::enumerate(body))
    index[&op] = int64_t(i);

  // A result of the function written in place: the first return of each
  // value the function computes.
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (auto [j, v] : llvm::enumerate(ret.getOperands())) {
    Value r = rootOf(v);
    Operation *def = r.getDefiningOp();
    if (def && !isConstant(def) && !outputSlot.count(r))
      outputSlot[r] = unsigned(j);
  }

  std::vector<BufferRequest> requests;
  SmallVector<Value> values;
  DenseMap<Value, size_t> requestOf;
  int64_t base = 0;
  for (Operation &op : body) {
    if (auto call = dyn_cast<func::CallOp>(op)) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
          f, call.getCalleeAttr());
      base = std::max(base, m.arenaEnd.lookup(callee));
    }
    for (Value operand : op.getOperands()) {
      auto it = requestOf.find(rootOf(operand));
      if (it != requestOf.end())
        requests[it->second].last = index[&op];
    }
    if (isConstant(&op) || isa<qint::StorageCastOp>(op))
      continue;
    for (Value r : op.getResults()) {
      if (outputSlot.count(r))
        continue;
      requestOf[r] = requests.size();
      values.push_back(r);
      requests.push_back({tensorBytes(r.getType()), index[&op], index[&op]});
    }
  }
  ArenaPlan plan = planArena(requests, base, kArenaAlignment);
  for (auto [i, v] : llvm::enumerate(values))
    offsets[v] = plan.offsets[i];
  m.arenaEnd[f] = plan.size;
  return success();
}

LogicalResult FunctionLowering::run() {
  if (!f.getBody().hasOneBlock())
    return f.emitError("cannot lower a function of more than one block");
  for (Type t : llvm::concat<const Type>(f.getFunctionType().getInputs(),
                                         f.getFunctionType().getResults()))
    if (!isa<RankedTensorType>(t) || !cast<ShapedType>(t).hasStaticShape())
      return f.emitError("cannot lower an argument or result of type ")
             << t << ": qcc needs tensors of static shape";
  // Operation verifiers carry static argument shapes through the body.
  if (failed(planMemory()))
    return failure();

  // (ctx, inputs..., outputs...) -> (), all pointers.
  MLIRContext *context = f.getContext();
  auto numPointers = f.getNumArguments() + f.getNumResults();
  SmallVector<Type> argTypes(1 + numPointers, m.abi.ptr);
  OpBuilder mb = OpBuilder::atBlockEnd(m.module.getBody());
  auto entry =
      func::FuncOp::create(mb, f.getLoc(), m.prefix + f.getName().str(),
                           FunctionType::get(context, argTypes, {}));
  m.lowered[f] = entry;
  Block *block = entry.addEntryBlock();
  b.setInsertionPointToStart(block);
  ctx = block->getArgument(0);
  for (auto [i, arg] : llvm::enumerate(f.getArguments()))
    pointers[arg] = block->getArgument(1 + i);
  if (!offsets.empty()) {
    m.declareRuntime("qcc_rt_arena", {m.abi.ptr}, {m.abi.ptr});
    arena = func::CallOp::create(b, f.getLoc(), "qcc_rt_arena", m.abi.ptr, ctx)
                .getResult(0);
  }
  for (auto [r, slot] : outputSlot)
    pointers[r] = block->getArgument(1 + f.getNumArguments() + slot);

  for (Operation &op : f.front()) {
    if (failed(emitOp(&op)))
      return failure();
    ++opIndex;
  }
  emitPackedEntry(entry, numPointers);
  return success();
}

Value FunctionLowering::ptrOf(Value v) {
  Value r = rootOf(v);
  if (Value p = pointers.lookup(r))
    return p;
  auto g = constantGlobal(r, "constant");
  assert(g && "every tensor has a buffer or is a constant");
  Value p = LLVM::AddressOfOp::create(b, r.getLoc(), g);
  pointers[r] = p;
  return p;
}

void FunctionLowering::call(StringRef callee, ValueRange args, Location loc) {
  m.declareRuntime(callee, TypeRange(args), {});
  func::CallOp::create(b, loc, callee, TypeRange{}, args);
}

LLVM::GlobalOp FunctionLowering::constantGlobal(Value v, StringRef what) {
  Value r = rootOf(v);
  if (auto g = constants.lookup(r))
    return g;
  Operation *def = r.getDefiningOp();
  if (!isConstant(def))
    return nullptr;
  auto values = dyn_cast<DenseElementsAttr>(constantValue(def));
  if (!values)
    return nullptr;
  auto g = m.globals.data(def->getLoc(), name(what), values);
  constants[r] = g;
  return g;
}

LogicalResult FunctionLowering::emitOp(Operation *op) {
  Location loc = op->getLoc();
  // Results get their buffers: the output pointer or an arena slot.
  for (Value r : op->getResults()) {
    if (pointers.count(r) || isConstant(op) || isa<qint::StorageCastOp>(op))
      continue;
    auto it = offsets.find(r);
    if (it == offsets.end())
      continue;
    pointers[r] = LLVM::GEPOp::create(
        b, loc, m.abi.ptr, b.getI8Type(), arena,
        ArrayRef<LLVM::GEPArg>{LLVM::GEPArg(int32_t(it->second))});
  }

  if (isConstant(op)) {
    if (!isa<DenseElementsAttr>(constantValue(op)))
      return op->emitError("cannot lower a constant that is not dense");
    return success(); // a global, made where it is first used
  }
  if (isa<qint::StorageCastOp>(op))
    return success();
  if (auto fc = dyn_cast<qint::FullyConnectedOp>(op))
    return emitFullyConnected(fc);
  if (isa<qgraph::QuantizeOp>(op))
    return emitQuantizeOrDequantize(op, /*quantize=*/true);
  if (isa<qgraph::DequantizeOp>(op))
    return emitQuantizeOrDequantize(op, /*quantize=*/false);
  if (auto linear = dyn_cast<qgraph::LinearOp>(op))
    return emitLinearF32(linear);
  if (auto relu = dyn_cast<qgraph::ReluOp>(op)) {
    auto count = cast<ShapedType>(relu.getType()).getNumElements();
    call("qcc_rt_relu_f32",
         {ctx, i64(count, loc), ptrOf(relu.getInput()), ptrOf(relu)}, loc);
    return success();
  }
  if (auto c = dyn_cast<func::CallOp>(op))
    return emitCall(c);
  if (auto ret = dyn_cast<func::ReturnOp>(op)) {
    emitReturn(ret);
    return success();
  }
  return op->emitError("cannot lower '")
         << op->getName() << "': the qcc runtime has no kernel for it";
}

LogicalResult FunctionLowering::emitFullyConnected(qint::FullyConnectedOp op) {
  auto weight = constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower: the weight is not a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower: the bias is not a constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType(), w = op.getWeight().getType();
  qint::RequantAttr rq = op.getRequant();
  auto wzp =
      m.globals.i32Array(loc, name("weight_zp"), op.getWeightZeroPoints());
  LLVM::GlobalOp mult, shift, scale;
  if (rq.isIntegerOnly()) {
    mult = m.globals.i32Array(loc, name("multiplier"),
                              rq.getMultiplier().asArrayRef());
    shift = m.globals.i32Array(loc, name("shift"), rq.getShift().asArrayRef());
  } else {
    scale = m.globals.f32Array(loc, name("scale"), rq.getScale().asArrayRef());
  }
  auto desc = m.globals.structure(
      loc, name("fc"), m.abi.fcDesc, LLVM::Linkage::Internal,
      [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_FULLY_CONNECTED)
            .i32({1}, dtypeCode(in))
            .i32({2}, dtypeCode(w))
            .i32({3}, dtypeCode(op.getType()))
            .i64({4}, in.getDimSize(0))
            .i64({5}, in.getDimSize(1))
            .i64({6}, w.getDimSize(0))
            .address({7}, weight);
        bias ? s.address({8}, bias) : s.null({8});
        s.address({9}, wzp)
            .i32({10}, int64_t(op.getWeightZeroPoints().size()))
            .i32({11}, op.inputZeroPoint());
        const int64_t r = RuntimeAbi::FcRequant;
        s.i32({r, 0}, int64_t(rq.getRounding()))
            .i32({r, 1}, rq.getNumChannels());
        mult ? s.address({r, 2}, mult) : s.null({r, 2});
        shift ? s.address({r, 3}, shift) : s.null({r, 3});
        scale ? s.address({r, 4}, scale) : s.null({r, 4});
        s.i32({r, 5}, rq.getZeroPoint())
            .i32({r, 6}, rq.getClampMin())
            .i32({r, 7}, rq.getClampMax())
            .i32({r, 8}, 0);
      });
  m.descriptors.push_back(desc);
  call("qcc_rt_fully_connected",
       {ctx, LLVM::AddressOfOp::create(b, loc, desc), ptrOf(op.getInput()),
        ptrOf(op.getResult())},
       loc);
  return success();
}

LogicalResult FunctionLowering::emitQuantizeOrDequantize(Operation *op,
                                                         bool quantize) {
  Location loc = op->getLoc();
  Value input = op->getOperand(0), result = op->getResult(0);
  auto qtensor =
      cast<RankedTensorType>(quantize ? result.getType() : input.getType());
  QuantParams p = getQuantParams(getQuantizedElementType(qtensor));
  int64_t inner = 1;
  if (p.axis >= 0)
    for (int64_t d = p.axis + 1; d < qtensor.getRank(); ++d)
      inner *= qtensor.getDimSize(d);
  SmallVector<float> scales(p.scales.begin(), p.scales.end());
  SmallVector<int32_t> zps(p.zeroPoints.begin(), p.zeroPoints.end());
  auto scaleG = m.globals.f32Array(loc, name("scale"), scales);
  auto zpG = m.globals.i32Array(loc, name("zero_point"), zps);
  auto desc = m.globals.structure(
      loc, name(quantize ? "quantize" : "dequantize"), m.abi.quantDesc,
      LLVM::Linkage::Internal, [&](StructInit &s) {
        s.i32({0}, quantize ? QCC_RT_OP_QUANTIZE : QCC_RT_OP_DEQUANTIZE)
            .i32({1}, dtypeCode(qtensor))
            .i64({2}, qtensor.getNumElements())
            .i64({3}, int64_t(scales.size()))
            .i64({4}, inner)
            .address({5}, scaleG)
            .address({6}, zpG)
            .i32({7}, p.storageMin)
            .i32({8}, p.storageMax);
      });
  m.descriptors.push_back(desc);
  call(quantize ? "qcc_rt_quantize" : "qcc_rt_dequantize",
       {ctx, LLVM::AddressOfOp::create(b, loc, desc), ptrOf(input),
        ptrOf(result)},
       loc);
  return success();
}

LogicalResult FunctionLowering::emitLinearF32(qgraph::LinearOp op) {
  auto weight = constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower this float linear: its weight is not "
                        "a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower this float linear: its bias is not a "
                        "constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType();
  auto desc = m.globals.structure(
      loc, name("linear_f32"), m.abi.linearDesc, LLVM::Linkage::Internal,
      [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_LINEAR_F32)
            .i32({1}, 0)
            .i64({2}, in.getDimSize(0))
            .i64({3}, in.getDimSize(1))
            .i64({4}, op.getWeight().getType().getDimSize(0))
            .address({5}, weight);
        bias ? s.address({6}, bias) : s.null({6});
      });
  m.descriptors.push_back(desc);
  call("qcc_rt_linear_f32",
       {ctx, LLVM::AddressOfOp::create(b, loc, desc), ptrOf(op.getInput()),
        ptrOf(op.getResult())},
       loc);
  return success();
}

LogicalResult FunctionLowering::emitCall(func::CallOp op) {
  auto callee =
      SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(f, op.getCalleeAttr());
  func::FuncOp target = callee ? m.lowered.lookup(callee) : func::FuncOp();
  if (!target)
    return op.emitError("cannot lower a call to @")
           << op.getCallee() << ": not a function of this module";
  SmallVector<Value> args{ctx};
  for (Value v : op.getOperands())
    args.push_back(ptrOf(v));
  for (Value v : op.getResults())
    args.push_back(ptrOf(v));
  func::CallOp::create(b, op.getLoc(), target, args);
  return success();
}

void FunctionLowering::emitReturn(func::ReturnOp op) {
  Location loc = op.getLoc();
  Block *block = b.getInsertionBlock();
  for (auto [j, v] : llvm::enumerate(op.getOperands())) {
    Value r = rootOf(v);
    auto slot = outputSlot.find(r);
    if (slot != outputSlot.end() && slot->second == j)
      continue;
    Value out = block->getArgument(1 + f.getNumArguments() + j);
    call("qcc_rt_copy",
         {ctx, i64(tensorBytes(v.getType()), loc), ptrOf(v), out}, loc);
  }
  func::ReturnOp::create(b, loc);
}

/// <entry>_packed(ctx, void **pointers): the same call with its pointers in
/// an array, so that a JIT can call a function of any signature.
void FunctionLowering::emitPackedEntry(func::FuncOp entry,
                                       unsigned numPointers) {
  Location loc = entry.getLoc();
  OpBuilder mb = OpBuilder::atBlockEnd(m.module.getBody());
  auto packed = func::FuncOp::create(
      mb, loc, (entry.getName() + "_packed").str(),
      FunctionType::get(f.getContext(), {m.abi.ptr, m.abi.ptr}, {}));
  Block *block = packed.addEntryBlock();
  OpBuilder pb = OpBuilder::atBlockBegin(block);
  SmallVector<Value> args{block->getArgument(0)};
  for (unsigned i = 0; i < numPointers; ++i) {
    Value slot = LLVM::GEPOp::create(
        pb, loc, m.abi.ptr, m.abi.ptr, block->getArgument(1),
        ArrayRef<LLVM::GEPArg>{LLVM::GEPArg(int32_t(i))});
    args.push_back(LLVM::LoadOp::create(pb, loc, m.abi.ptr, slot));
  }
  func::CallOp::create(pb, loc, entry, args);
  func::ReturnOp::create(pb, loc);
}

/// Lowers `f` after every function it calls.
LogicalResult ModuleLowering::lower(func::FuncOp f,
                                    SmallVectorImpl<Operation *> &stack) {
  if (lowered.count(f))
    return success();
  if (llvm::is_contained(stack, f.getOperation()))
    return f.emitError("cannot lower a recursive function");
  stack.push_back(f);
  WalkResult calls = f.walk([&](func::CallOp call) {
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        f, call.getCalleeAttr());
    if (callee && !callee.isDeclaration() && failed(lower(callee, stack)))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  stack.pop_back();
  if (calls.wasInterrupted())
    return failure();
  return FunctionLowering(*this, f).run();
}

struct LowerToRuntimePass
    : qcc::impl::QccLowerToRuntimeBase<LowerToRuntimePass> {
  using QccLowerToRuntimeBase::QccLowerToRuntimeBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (prefix.empty()) {
      module.emitError("qcc-lower-to-runtime needs a non-empty prefix");
      return signalPassFailure();
    }
    SmallVector<func::FuncOp> funcs;
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isDeclaration())
        funcs.push_back(f);

    ModuleLowering m(module, prefix);
    SmallVector<Operation *> stack;
    for (func::FuncOp f : funcs)
      if (failed(m.lower(f, stack)))
        return signalPassFailure();

    int64_t arenaSize = 0;
    for (func::FuncOp f : funcs) {
      arenaSize = std::max(arenaSize, m.arenaEnd.lookup(f));
      f.erase();
    }
    Location loc = module.getLoc();
    auto ops = m.globals.pointerArray(loc, "__qcc_ops", m.descriptors);
    m.globals.structure(loc, prefix + "model", m.abi.modelInfo,
                        LLVM::Linkage::External, [&](StructInit &s) {
                          s.i32({0}, QCC_RT_ABI_VERSION)
                              .i32({1}, int64_t(m.descriptors.size()))
                              .address({2}, ops)
                              .i64({3}, arenaSize);
                        });
  }
};

} // namespace
