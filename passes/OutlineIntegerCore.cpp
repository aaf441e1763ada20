// Splits each function f into an integer core and a float boundary wrapper.
//
//   f(x) = dequantize(g(quantize(x)))   =>   f_core = g,
//                                            f(x) =
//                                            dequantize(f_core(quantize(x)))
//
// An argument moves into the core as its quantized type when every use of it
// is a quantize to one and the same type; a result moves when it is a
// dequantize. The wrapper keeps f's name and signature and is marked
// `qcc.io_wrapper`.
//
// Refuses: declarations, functions of more than one block, wrappers, and
// functions with no quantized argument or result (nothing to move); a
// function whose `_core` name is taken is left as it is, with a warning.
#include "passes/IntegerOnly.h"
#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace qcc {
#define GEN_PASS_DEF_QCCOUTLINEINTEGERCORE
#include "passes/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;

namespace {

/// The quantized type every use of `arg` quantizes it to, or null.
Type quantizedArgType(BlockArgument arg) {
  Type type;
  if (arg.use_empty())
    return nullptr;
  for (Operation *user : arg.getUsers()) {
    auto q = dyn_cast<qgraph::QuantizeOp>(user);
    if (!q || (type && q.getType() != type))
      return nullptr;
    type = q.getType();
  }
  return type;
}

/// Splits `f`; returns false when there is nothing to split.
bool outline(func::FuncOp f, SymbolTable &symbols) {
  if (f.isDeclaration() || isIoWrapper(f) || !f.getBody().hasOneBlock())
    return false;
  Block &body = f.front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());

  SmallVector<Type> argTypes, resultTypes;
  SmallVector<bool> argMoves, resultMoves;
  for (BlockArgument arg : body.getArguments()) {
    Type q = quantizedArgType(arg);
    argMoves.push_back(bool(q));
    argTypes.push_back(q ? q : arg.getType());
  }
  SmallVector<Location> resultLocs;
  for (Value v : ret.getOperands()) {
    auto dq = v.getDefiningOp<qgraph::DequantizeOp>();
    resultMoves.push_back(bool(dq));
    resultTypes.push_back(dq ? dq.getInput().getType() : v.getType());
    resultLocs.push_back(dq ? dq.getLoc() : ret.getLoc());
  }
  if (llvm::none_of(argMoves, [](bool b) { return b; }) &&
      llvm::none_of(resultMoves, [](bool b) { return b; }))
    return false;
  std::string coreName = (f.getName() + "_core").str();
  if (symbols.lookup(coreName)) {
    f.emitWarning("not split into an integer core: @")
        << coreName << " already exists";
    return false;
  }

  // The core: f's body with the boundary conversions removed.
  auto core = cast<func::FuncOp>(f->clone());
  core.setName(coreName);
  core->setAttr(kIntegerCoreAttr, StringAttr::get(f.getContext(), f.getName()));
  Block &coreBody = core.front();
  for (auto [i, arg] : llvm::enumerate(coreBody.getArguments())) {
    if (!argMoves[i])
      continue;
    for (Operation *user : llvm::make_early_inc_range(arg.getUsers())) {
      user->getResult(0).replaceAllUsesWith(arg);
      user->erase();
    }
    arg.setType(argTypes[i]);
  }
  auto coreRet = cast<func::ReturnOp>(coreBody.getTerminator());
  for (auto [i, operand] : llvm::enumerate(coreRet->getOpOperands())) {
    if (!resultMoves[i])
      continue;
    auto dq = operand.get().getDefiningOp<qgraph::DequantizeOp>();
    operand.set(dq.getInput());
    if (dq->use_empty())
      dq->erase();
  }
  core.setFunctionType(
      FunctionType::get(f.getContext(), argTypes, resultTypes));
  symbols.insert(core, std::next(Block::iterator(f)));

  // The wrapper: quantize, call, dequantize.
  Block *wrapper = new Block();
  for (BlockArgument arg : body.getArguments())
    wrapper->addArgument(arg.getType(), arg.getLoc());
  OpBuilder b(f.getContext());
  b.setInsertionPointToStart(wrapper);
  SmallVector<Value> callArgs;
  for (auto [i, arg] : llvm::enumerate(wrapper->getArguments())) {
    Value v = arg;
    if (argMoves[i]) {
      Location loc = (*body.getArgument(i).getUsers().begin())->getLoc();
      v = qgraph::QuantizeOp::create(b, loc, argTypes[i], arg);
    }
    callArgs.push_back(v);
  }
  auto call = func::CallOp::create(b, f.getLoc(), core, callArgs);
  SmallVector<Value> results;
  for (auto [i, r] : llvm::enumerate(call.getResults())) {
    Value v = r;
    if (resultMoves[i])
      v = qgraph::DequantizeOp::create(b, resultLocs[i],
                                       ret.getOperand(i).getType(), r);
    results.push_back(v);
  }
  func::ReturnOp::create(b, ret.getLoc(), results);

  body.dropAllDefinedValueUses();
  body.erase();
  f.getBody().push_back(wrapper);
  f->setAttr(kIoWrapperAttr, UnitAttr::get(f.getContext()));
  return true;
}

struct OutlineIntegerCorePass
    : qcc::impl::QccOutlineIntegerCoreBase<OutlineIntegerCorePass> {
  void runOnOperation() override {
    SymbolTable symbols(getOperation());
    SmallVector<func::FuncOp> funcs(getOperation().getOps<func::FuncOp>());
    for (func::FuncOp f : funcs)
      outline(f, symbols);
  }
};

} // namespace
