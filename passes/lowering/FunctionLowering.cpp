#include "passes/lowering/FunctionLowering.h"

#include "dialects/QuantTypeChecks.h"
#include "passes/ArenaPlanner.h"
#include "qcc/runtime/qcc_runtime.h"

#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace qcc::lowering {

constexpr int64_t kArenaAlignment = 64;

ModuleLowering::ModuleLowering(ModuleOp module, StringRef prefix)
    : module(module), abi(module.getContext()), globals(module),
      prefix(prefix) {}

void ModuleLowering::declareRuntime(StringRef name, TypeRange args,
                                    TypeRange results) {
  if (SymbolTable::lookupSymbolIn(module, name))
    return;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  auto f = func::FuncOp::create(
      b, module.getLoc(), name,
      FunctionType::get(module.getContext(), args, results));
  f.setPrivate();
}

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

//===----------------------------------------------------------------------===//
// Types and aliases
//===----------------------------------------------------------------------===//

static Type storageElement(Type t) {
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

Value rootOf(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (!isa<qint::StorageCastOp, qint::ReshapeOp, qgraph::ReshapeOp>(def))
      break;
    v = def->getOperand(0);
  }
  return v;
}

bool isConstant(Operation *op) {
  return isa_and_nonnull<qgraph::ConstantOp, qint::ConstantOp>(op);
}

static bool isAlias(Operation *op) {
  return isa<qint::StorageCastOp, qint::ReshapeOp, qgraph::ReshapeOp>(op);
}

static ElementsAttr constantValue(Operation *op) {
  if (auto c = dyn_cast<qgraph::ConstantOp>(op))
    return c.getValue();
  return cast<qint::ConstantOp>(op).getValue();
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

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
    if (isConstant(&op) || isAlias(&op))
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

//===----------------------------------------------------------------------===//
// The function
//===----------------------------------------------------------------------===//

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

std::string FunctionLowering::name(StringRef role) {
  return ("__qcc_" + f.getName() + "_op" + Twine(opIndex) + "_" + role).str();
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

LLVM::GlobalOp FunctionLowering::constantGlobal(Value v, StringRef role) {
  Value r = rootOf(v);
  if (auto g = constants.lookup(r))
    return g;
  Operation *def = r.getDefiningOp();
  if (!isConstant(def))
    return nullptr;
  auto values = dyn_cast<DenseElementsAttr>(constantValue(def));
  if (!values)
    return nullptr;
  auto g = m.globals.data(def->getLoc(), name(role), values);
  constants[r] = g;
  return g;
}

LLVM::GlobalOp FunctionLowering::i32Array(Location loc, StringRef role,
                                          ArrayRef<int32_t> values) {
  return m.globals.i32Array(loc, name(role), values);
}

LLVM::GlobalOp FunctionLowering::i64Array(Location loc, StringRef role,
                                          ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get({int64_t(values.size())}, b.getI64Type());
  return m.globals.data(loc, name(role), DenseElementsAttr::get(type, values));
}

LLVM::GlobalOp FunctionLowering::f32Array(Location loc, StringRef role,
                                          ArrayRef<float> values) {
  return m.globals.f32Array(loc, name(role), values);
}

Value FunctionLowering::descriptor(
    Location loc, StringRef role, Type type,
    const std::function<void(StructInit &)> &fill) {
  auto g =
      m.globals.structure(loc, name(role), type, LLVM::Linkage::Internal, fill);
  m.descriptors.push_back(g);
  return LLVM::AddressOfOp::create(b, loc, g);
}

LLVM::GlobalOp
FunctionLowering::dataStruct(Location loc, StringRef role, Type type,
                             const std::function<void(StructInit &)> &fill) {
  return m.globals.structure(loc, name(role), type, LLVM::Linkage::Internal,
                             fill);
}

void FunctionLowering::call(StringRef callee, ValueRange args, Location loc) {
  m.declareRuntime(callee, TypeRange(args), {});
  func::CallOp::create(b, loc, callee, TypeRange{}, args);
}

Value FunctionLowering::i64(int64_t v, Location loc) {
  return LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                  b.getI64IntegerAttr(v));
}

Value FunctionLowering::pointerArray(ValueRange values, Location loc) {
  Value array = LLVM::AllocaOp::create(b, loc, m.abi.ptr, m.abi.ptr,
                                       i64(int64_t(values.size()), loc));
  for (auto [i, v] : llvm::enumerate(values)) {
    Value slot =
        LLVM::GEPOp::create(b, loc, m.abi.ptr, m.abi.ptr, array,
                            ArrayRef<LLVM::GEPArg>{LLVM::GEPArg(int32_t(i))});
    LLVM::StoreOp::create(b, loc, v, slot);
  }
  return array;
}

FunctionLowering::RequantGlobals
FunctionLowering::requantGlobals(qint::RequantAttr rq, Location loc,
                                 StringRef role) {
  RequantGlobals g;
  g.requant = rq;
  if (!rq)
    return g;
  if (rq.isIntegerOnly()) {
    g.multiplier = i32Array(loc, (role + "_multiplier").str(),
                            rq.getMultiplier().asArrayRef());
    g.shift =
        i32Array(loc, (role + "_shift").str(), rq.getShift().asArrayRef());
  } else {
    g.scale =
        f32Array(loc, (role + "_scale").str(), rq.getScale().asArrayRef());
  }
  return g;
}

void FunctionLowering::fillRequant(StructInit &s, SmallVector<int64_t> at,
                                   const RequantGlobals &g) {
  auto field = [&](int64_t i) {
    SmallVector<int64_t> p(at);
    p.push_back(i);
    return p;
  };
  qint::RequantAttr rq = g.requant;
  if (!rq) {
    s.i32(field(0), QCC_RT_NO_REQUANT).i32(field(1), 1);
    s.null(field(2)).null(field(3)).null(field(4));
    s.i32(field(5), 0).i32(field(6), std::numeric_limits<int32_t>::min());
    s.i32(field(7), std::numeric_limits<int32_t>::max()).i32(field(8), 0);
    return;
  }
  s.i32(field(0), int64_t(rq.getRounding())).i32(field(1), rq.getNumChannels());
  g.multiplier ? s.address(field(2), g.multiplier) : s.null(field(2));
  g.shift ? s.address(field(3), g.shift) : s.null(field(3));
  g.scale ? s.address(field(4), g.scale) : s.null(field(4));
  s.i32(field(5), rq.getZeroPoint())
      .i32(field(6), rq.getClampMin())
      .i32(field(7), rq.getClampMax())
      .i32(field(8), 0);
}

void FunctionLowering::fillWindow(StructInit &s, SmallVector<int64_t> at,
                                  const WindowShape &w,
                                  ArrayRef<int64_t> kernel,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> dilations,
                                  ArrayRef<int64_t> pads) {
  auto field = [&](int64_t i) {
    SmallVector<int64_t> p(at);
    p.push_back(i);
    return p;
  };
  s.i64(field(0), w.batch)
      .i64(field(1), w.inH)
      .i64(field(2), w.inW)
      .i64(field(3), w.channels)
      .i64(field(4), w.outH)
      .i64(field(5), w.outW)
      .i32(field(6), kernel[0])
      .i32(field(7), kernel[1])
      .i32(field(8), strides[0])
      .i32(field(9), strides[1])
      .i32(field(10), dilations[0])
      .i32(field(11), dilations[1])
      .i32(field(12), pads[0])
      .i32(field(13), pads[1])
      .i32(field(14), pads[2])
      .i32(field(15), pads[3]);
}

//===----------------------------------------------------------------------===//
// Operations
//===----------------------------------------------------------------------===//

LogicalResult FunctionLowering::emitOp(Operation *op) {
  Location loc = op->getLoc();
  // Results get their buffers: the output pointer or an arena slot.
  if (!isConstant(op) && !isAlias(op)) {
    for (Value r : op->getResults()) {
      if (pointers.count(r))
        continue;
      auto it = offsets.find(r);
      if (it == offsets.end())
        continue;
      pointers[r] = LLVM::GEPOp::create(
          b, loc, m.abi.ptr, b.getI8Type(), arena,
          ArrayRef<LLVM::GEPArg>{LLVM::GEPArg(int32_t(it->second))});
    }
  }
  if (isConstant(op)) {
    if (!isa<DenseElementsAttr>(constantValue(op)))
      return op->emitError("cannot lower a constant that is not dense");
    return success(); // a global, made where it is first used
  }
  if (isAlias(op))
    return success();
  if (auto c = dyn_cast<func::CallOp>(op))
    return emitCall(c);
  if (auto ret = dyn_cast<func::ReturnOp>(op)) {
    emitReturn(ret);
    return success();
  }
  if (auto r = lowerIntegerOp(*this, op))
    return *r;
  if (auto r = lowerFloatOp(*this, op))
    return *r;
  return op->emitError("cannot lower '")
         << op->getName() << "': the qcc runtime has no kernel for it";
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

} // namespace qcc::lowering
