// qint operations as runtime calls: one descriptor each, laid out as the
// structs of qcc_runtime.h (field numbers in comments are theirs).
#include "passes/lowering/FunctionLowering.h"

#include "qcc/runtime/qcc_runtime.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace qcc::lowering {
namespace {

using Shape = FunctionLowering::WindowShape;

LogicalResult lowerFullyConnected(FunctionLowering &fl,
                                  qint::FullyConnectedOp op) {
  auto weight = fl.constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower: the weight is not a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = fl.constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower: the bias is not a constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType(), w = op.getWeight().getType();
  const int64_t k = w.getDimSize(1);
  auto wzp = fl.i32Array(loc, "weight_zp", op.getWeightZeroPoints());
  auto rq = fl.requantGlobals(op.getRequant().value_or(qint::RequantAttr()),
                              loc, "requant");
  Value desc = fl.descriptor(loc, "fc", fl.abi().fcDesc, [&](StructInit &s) {
    s.i32({0}, QCC_RT_OP_FULLY_CONNECTED)
        .i32({1}, dtypeCode(in))
        .i32({2}, dtypeCode(w))
        .i32({3}, dtypeCode(op.getType()))
        .i64({4}, in.getNumElements() / k)
        .i64({5}, k)
        .i64({6}, w.getDimSize(0))
        .address({7}, weight);
    bias ? s.address({8}, bias) : s.null({8});
    s.address({9}, wzp)
        .i32({10}, int64_t(op.getWeightZeroPoints().size()))
        .i32({11}, op.inputZeroPoint());
    FunctionLowering::fillRequant(s, {12}, rq);
  });
  fl.call("qcc_rt_fully_connected",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

LogicalResult lowerConv2d(FunctionLowering &fl, qint::Conv2dOp op) {
  auto weight = fl.constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower: the weight is not a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = fl.constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower: the bias is not a constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType(), w = op.getWeight().getType();
  auto out = op.getType();
  auto wzp = fl.i32Array(loc, "weight_zp", op.getWeightZeroPoints());
  auto rq = fl.requantGlobals(op.getRequant().value_or(qint::RequantAttr()),
                              loc, "requant");
  Shape shape{in.getDimSize(0), in.getDimSize(1),  in.getDimSize(2),
              in.getDimSize(3), out.getDimSize(1), out.getDimSize(2)};
  int64_t kernel[2] = {w.getDimSize(1), w.getDimSize(2)};
  Value desc =
      fl.descriptor(loc, "conv2d", fl.abi().conv2dDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_CONV2D)
            .i32({1}, dtypeCode(in))
            .i32({2}, dtypeCode(w))
            .i32({3}, dtypeCode(out));
        FunctionLowering::fillWindow(s, {4}, shape, kernel, op.getStrides(),
                                     op.getDilations(), op.getPads());
        s.i64({5}, w.getDimSize(0))
            .i64({6}, op.getGroups())
            .address({7}, weight);
        bias ? s.address({8}, bias) : s.null({8});
        s.address({9}, wzp)
            .i32({10}, int64_t(op.getWeightZeroPoints().size()))
            .i32({11}, op.inputZeroPoint());
        FunctionLowering::fillRequant(s, {12}, rq);
      });
  fl.call("qcc_rt_conv2d",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

LogicalResult lowerAdd(FunctionLowering &fl, qint::AddOp op) {
  Location loc = op.getLoc();
  auto a = fl.requantGlobals(op.getLhsRescale(), loc, "lhs");
  auto b = fl.requantGlobals(op.getRhsRescale(), loc, "rhs");
  auto o = fl.requantGlobals(op.getRequant(), loc, "requant");
  Value desc = fl.descriptor(loc, "add", fl.abi().addDesc, [&](StructInit &s) {
    s.i32({0}, QCC_RT_OP_ADD)
        .i32({1}, dtypeCode(op.getType()))
        .i64({2}, op.getType().getNumElements())
        .i32({3}, op.lhsZeroPoint())
        .i32({4}, op.rhsZeroPoint())
        .i32({5}, op.getLeftShift())
        .i32({6}, 0);
    FunctionLowering::fillRequant(s, {7}, a);
    FunctionLowering::fillRequant(s, {8}, b);
    FunctionLowering::fillRequant(s, {9}, o);
  });
  fl.call("qcc_rt_add",
          {fl.context(), desc, fl.ptrOf(op.getLhs()), fl.ptrOf(op.getRhs()),
           fl.ptrOf(op)},
          loc);
  return success();
}

LogicalResult lowerRequantize(FunctionLowering &fl, qint::RequantizeOp op) {
  Location loc = op.getLoc();
  auto rq = fl.requantGlobals(op.getRequant(), loc, "requant");
  Value desc = fl.descriptor(loc, "requantize", fl.abi().requantizeDesc,
                             [&](StructInit &s) {
                               s.i32({0}, QCC_RT_OP_REQUANTIZE)
                                   .i32({1}, dtypeCode(op.getInput().getType()))
                                   .i32({2}, dtypeCode(op.getType()))
                                   .i32({3}, op.inputZeroPoint())
                                   .i64({4}, op.getType().getNumElements());
                               FunctionLowering::fillRequant(s, {5}, rq);
                             });
  fl.call("qcc_rt_requantize",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

template <typename PoolOp>
LogicalResult lowerPool(FunctionLowering &fl, PoolOp op) {
  Location loc = op.getLoc();
  constexpr bool isAvg = std::is_same_v<PoolOp, qint::AvgPool2dOp>;
  qint::RequantAttr requant;
  int32_t zp = 0;
  bool includePad = false;
  if constexpr (isAvg) {
    requant = op.getRequant();
    zp = op.inputZeroPoint();
    includePad = op.getCountIncludePad();
  }
  auto rq = fl.requantGlobals(requant, loc, "requant");
  auto in = op.getInput().getType(), out = op.getType();
  Shape shape{in.getDimSize(0), in.getDimSize(1),  in.getDimSize(2),
              in.getDimSize(3), out.getDimSize(1), out.getDimSize(2)};
  Value desc = fl.descriptor(
      loc, isAvg ? "avg_pool2d" : "max_pool2d", fl.abi().pool2dDesc,
      [&](StructInit &s) {
        s.i32({0}, isAvg ? QCC_RT_OP_AVG_POOL2D : QCC_RT_OP_MAX_POOL2D)
            .i32({1}, dtypeCode(in));
        FunctionLowering::fillWindow(s, {2}, shape, op.getKernel(),
                                     op.getStrides(), op.getDilations(),
                                     op.getPads());
        s.i32({3}, includePad ? 1 : 0).i32({4}, zp);
        FunctionLowering::fillRequant(s, {5}, rq);
      });
  fl.call("qcc_rt_pool2d",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

} // namespace

LogicalResult lowerConcat(FunctionLowering &fl, Operation *op,
                          ValueRange inputValues, int64_t axis,
                          std::optional<ArrayRef<int32_t>> zeroPoints,
                          ArrayAttr requants) {
  Location loc = op->getLoc();
  auto out = cast<RankedTensorType>(op->getResult(0).getType());
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= out.getDimSize(d);
  SmallVector<int64_t> inner;
  SmallVector<Value> inputs;
  Type inputElement;
  for (Value v : inputValues) {
    auto t = cast<RankedTensorType>(v.getType());
    if (inputElement && t.getElementType() != inputElement)
      return op->emitError("cannot lower a concatenation of inputs of "
                           "different types");
    inputElement = t.getElementType();
    inner.push_back(t.getNumElements() / std::max<int64_t>(outer, 1));
    inputs.push_back(fl.ptrOf(v));
  }
  auto innerG = fl.i64Array(loc, "inner", inner);
  LLVM::GlobalOp zpsG, requantsG;
  if (requants) {
    zpsG = fl.i32Array(loc, "input_zp", *zeroPoints);
    SmallVector<FunctionLowering::RequantGlobals> rqs;
    for (auto [i, a] : llvm::enumerate(requants))
      rqs.push_back(fl.requantGlobals(cast<qint::RequantAttr>(a), loc,
                                      ("requant" + Twine(i)).str()));
    auto type = LLVM::LLVMArrayType::get(fl.abi().requant, rqs.size());
    requantsG = fl.dataStruct(loc, "requants", type, [&](StructInit &s) {
      for (auto [i, g] : llvm::enumerate(rqs))
        FunctionLowering::fillRequant(s, {int64_t(i)}, g);
    });
  }
  Value desc =
      fl.descriptor(loc, "concat", fl.abi().concatDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_CONCAT)
            .i32({1}, int64_t(inputs.size()))
            .i32({2}, dtypeCode(inputElement))
            .i32({3}, dtypeCode(out))
            .i64({4}, outer)
            .address({5}, innerG);
        zpsG ? s.address({6}, zpsG) : s.null({6});
        requantsG ? s.address({7}, requantsG) : s.null({7});
      });
  fl.call("qcc_rt_concat",
          {fl.context(), desc, fl.pointerArray(inputs, loc),
           fl.ptrOf(op->getResult(0))},
          loc);
  return success();
}

/// Any transpose, integer or float: element bytes and a permutation.
LogicalResult lowerTranspose(FunctionLowering &fl, Operation *op, Value input,
                             ArrayRef<int64_t> perm) {
  Location loc = op->getLoc();
  auto in = cast<RankedTensorType>(input.getType());
  if (in.getRank() > QCC_RT_MAX_RANK)
    return op->emitError("cannot lower a transpose of rank ")
           << in.getRank() << " (at most " << QCC_RT_MAX_RANK << ")";
  const int64_t bytes =
      tensorBytes(in) / std::max<int64_t>(in.getNumElements(), 1);
  Value desc = fl.descriptor(
      loc, "transpose", fl.abi().transposeDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_TRANSPOSE).i32({1}, in.getRank()).i64({2}, bytes);
        for (int64_t i = 0; i < QCC_RT_MAX_RANK; ++i) {
          s.i64({3, i}, i < in.getRank() ? in.getDimSize(i) : 1);
          s.i64({4, i}, i < in.getRank() ? perm[i] : i);
        }
      });
  fl.call("qcc_rt_transpose",
          {fl.context(), desc, fl.ptrOf(input), fl.ptrOf(op->getResult(0))},
          loc);
  return success();
}

namespace {

LogicalResult lowerDynamicFullyConnected(FunctionLowering &fl,
                                         qint::DynamicFullyConnectedOp op) {
  auto weight = fl.constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower: the weight is not a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = fl.constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower: the bias is not a constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType(), w = op.getWeight().getType();
  const int64_t k = w.getDimSize(1);
  auto wzp = fl.i32Array(loc, "weight_zp", op.getWeightZeroPoints());
  auto wscale = fl.f32Array(loc, "weight_scale", op.getWeightScales());
  Value desc = fl.descriptor(
      loc, "dynamic_fc", fl.abi().dynamicFcDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_DYNAMIC_FULLY_CONNECTED)
            .i32({1}, dtypeCode(w))
            .i64({2}, in.getNumElements() / k)
            .i64({3}, k)
            .i64({4}, w.getDimSize(0))
            .address({5}, weight)
            .address({6}, wzp)
            .address({7}, wscale);
        bias ? s.address({8}, bias) : s.null({8});
        s.i32({9}, int64_t(op.getWeightZeroPoints().size()))
            .i32({10}, int64_t(op.getWeightScales().size()))
            .i32({11}, op.getRelu() ? 1 : 0)
            .i32({12}, 0)
            .i32({13, 0}, op.getQmin())
            .i32({13, 1}, op.getQmax())
            .i32({13, 2}, op.getStorageMin())
            .i32({13, 3}, op.getStorageMax())
            .f32({13, 4}, op.getFallbackScale().convertToFloat())
            .i32({13, 5}, 0);
      });
  fl.call("qcc_rt_dynamic_fully_connected",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

} // namespace

std::optional<LogicalResult> lowerIntegerOp(FunctionLowering &fl,
                                            Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<LogicalResult>>(op)
      .Case(
          [&](qint::FullyConnectedOp o) { return lowerFullyConnected(fl, o); })
      .Case([&](qint::Conv2dOp o) { return lowerConv2d(fl, o); })
      .Case([&](qint::AddOp o) { return lowerAdd(fl, o); })
      .Case([&](qint::RequantizeOp o) { return lowerRequantize(fl, o); })
      .Case([&](qint::MaxPool2dOp o) { return lowerPool(fl, o); })
      .Case([&](qint::AvgPool2dOp o) { return lowerPool(fl, o); })
      .Case([&](qint::ConcatOp o) {
        std::optional<ArrayRef<int32_t>> zps;
        if (auto z = o.getInputZeroPoints())
          zps = *z;
        return lowerConcat(fl, o, o.getInputs(), o.getAxis(), zps,
                           o.getRequants().value_or(ArrayAttr()));
      })
      .Case([&](qint::TransposeOp o) {
        return lowerTranspose(fl, o, o.getInput(), o.getPermutation());
      })
      .Case([&](qint::DynamicFullyConnectedOp o) {
        return lowerDynamicFullyConnected(fl, o);
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace qcc::lowering
