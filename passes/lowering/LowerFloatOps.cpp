// qgraph operations as runtime calls: the float work that remains when
// fusion could not make an operation integer-only (and that
// --qcc-verify-integer-only reports), the boundary conversions, and run-time
// quantization.
#include "passes/lowering/FunctionLowering.h"

#include "dialects/QuantTypeChecks.h"
#include "qcc/runtime/qcc_runtime.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace qcc::lowering {
namespace {

using Shape = FunctionLowering::WindowShape;

LogicalResult lowerQuantizeOrDequantize(FunctionLowering &fl, Operation *op,
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
  auto scaleG = fl.f32Array(loc, "scale", scales);
  auto zpG = fl.i32Array(loc, "zero_point", zps);
  Value desc = fl.descriptor(loc, quantize ? "quantize" : "dequantize",
                             fl.abi().quantDesc, [&](StructInit &s) {
                               s.i32({0}, quantize ? QCC_RT_OP_QUANTIZE
                                                   : QCC_RT_OP_DEQUANTIZE)
                                   .i32({1}, dtypeCode(qtensor))
                                   .i64({2}, qtensor.getNumElements())
                                   .i64({3}, int64_t(scales.size()))
                                   .i64({4}, inner)
                                   .address({5}, scaleG)
                                   .address({6}, zpG)
                                   .i32({7}, p.storageMin)
                                   .i32({8}, p.storageMax);
                             });
  fl.call(quantize ? "qcc_rt_quantize" : "qcc_rt_dequantize",
          {fl.context(), desc, fl.ptrOf(input), fl.ptrOf(result)}, loc);
  return success();
}

LogicalResult lowerLinear(FunctionLowering &fl, qgraph::LinearOp op) {
  auto weight = fl.constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower this float linear: its weight is not "
                        "a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = fl.constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower this float linear: its bias is not a "
                        "constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType();
  Value desc =
      fl.descriptor(loc, "linear_f32", fl.abi().linearDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_LINEAR_F32)
            .i32({1}, 0)
            .i64({2}, in.getDimSize(0))
            .i64({3}, in.getDimSize(1))
            .i64({4}, op.getWeight().getType().getDimSize(0))
            .address({5}, weight);
        bias ? s.address({6}, bias) : s.null({6});
      });
  fl.call("qcc_rt_linear_f32",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

LogicalResult lowerConv2d(FunctionLowering &fl, qgraph::Conv2dOp op) {
  auto weight = fl.constantGlobal(op.getWeight(), "weight");
  if (!weight)
    return op.emitError("cannot lower this float convolution: its weight is "
                        "not a constant");
  LLVM::GlobalOp bias;
  if (op.getBias() && !(bias = fl.constantGlobal(op.getBias(), "bias")))
    return op.emitError("cannot lower this float convolution: its bias is "
                        "not a constant");
  Location loc = op.getLoc();
  auto in = op.getInput().getType(), w = op.getWeight().getType();
  auto out = op.getType();
  Shape shape{in.getDimSize(0), in.getDimSize(2),  in.getDimSize(3),
              in.getDimSize(1), out.getDimSize(2), out.getDimSize(3)};
  int64_t kernel[2] = {w.getDimSize(2), w.getDimSize(3)};
  auto rq = fl.requantGlobals({}, loc, "requant");
  Value desc =
      fl.descriptor(loc, "conv2d_f32", fl.abi().conv2dDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_CONV2D_F32)
            .i32({1}, QCC_RT_F32)
            .i32({2}, QCC_RT_F32)
            .i32({3}, QCC_RT_F32);
        FunctionLowering::fillWindow(s, {4}, shape, kernel, op.getStrides(),
                                     op.getDilations(), op.getPads());
        s.i64({5}, w.getDimSize(0))
            .i64({6}, op.getGroups())
            .address({7}, weight);
        bias ? s.address({8}, bias) : s.null({8});
        s.null({9}).i32({10}, 0).i32({11}, 0);
        FunctionLowering::fillRequant(s, {12}, rq);
      });
  fl.call("qcc_rt_conv2d",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

template <typename PoolOp>
LogicalResult lowerPool(FunctionLowering &fl, PoolOp op) {
  Location loc = op.getLoc();
  constexpr bool isAvg = std::is_same_v<PoolOp, qgraph::AvgPool2dOp>;
  bool includePad = false;
  if constexpr (isAvg)
    includePad = op.getCountIncludePad();
  auto in = op.getInput().getType(), out = op.getType();
  Shape shape{in.getDimSize(0), in.getDimSize(2),  in.getDimSize(3),
              in.getDimSize(1), out.getDimSize(2), out.getDimSize(3)};
  auto rq = fl.requantGlobals({}, loc, "requant");
  Value desc = fl.descriptor(
      loc, isAvg ? "avg_pool2d_f32" : "max_pool2d_f32", fl.abi().pool2dDesc,
      [&](StructInit &s) {
        s.i32({0}, isAvg ? QCC_RT_OP_AVG_POOL2D_F32 : QCC_RT_OP_MAX_POOL2D_F32)
            .i32({1}, QCC_RT_F32);
        FunctionLowering::fillWindow(s, {2}, shape, op.getKernel(),
                                     op.getStrides(), op.getDilations(),
                                     op.getPads());
        s.i32({3}, includePad ? 1 : 0).i32({4}, 0);
        FunctionLowering::fillRequant(s, {5}, rq);
      });
  fl.call("qcc_rt_pool2d",
          {fl.context(), desc, fl.ptrOf(op.getInput()), fl.ptrOf(op)}, loc);
  return success();
}

/// NumPy broadcasting as strides: an operand dimension of 1 (or missing on
/// the left) repeats with stride 0.
SmallVector<int64_t> broadcastStrides(RankedTensorType operand,
                                      RankedTensorType result) {
  const int64_t rank = result.getRank(), offset = rank - operand.getRank();
  SmallVector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (int64_t i = operand.getRank() - 1; i >= 0; --i) {
    const int64_t d = operand.getDimSize(i);
    strides[offset + i] = d == 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

template <typename BinaryOp>
LogicalResult lowerBinary(FunctionLowering &fl, BinaryOp op) {
  Location loc = op.getLoc();
  auto out = op.getType();
  if (out.getRank() > QCC_RT_MAX_RANK)
    return op.emitError("cannot lower a broadcast of rank ") << out.getRank();
  auto a = broadcastStrides(op.getLhs().getType(), out);
  auto b = broadcastStrides(op.getRhs().getType(), out);
  constexpr bool isAdd = std::is_same_v<BinaryOp, qgraph::AddOp>;
  Value desc = fl.descriptor(loc, isAdd ? "add_f32" : "mul_f32",
                             fl.abi().binaryDesc, [&](StructInit &s) {
                               s.i32({0}, QCC_RT_OP_BINARY_F32)
                                   .i32({1}, isAdd ? 0 : 1)
                                   .i32({2}, out.getRank())
                                   .i32({3}, 0);
                               for (int64_t i = 0; i < QCC_RT_MAX_RANK; ++i) {
                                 const bool in = i < out.getRank();
                                 s.i64({4, i}, in ? out.getDimSize(i) : 1)
                                     .i64({5, i}, in ? a[i] : 0)
                                     .i64({6, i}, in ? b[i] : 0);
                               }
                             });
  fl.call("qcc_rt_binary_f32",
          {fl.context(), desc, fl.ptrOf(op.getLhs()), fl.ptrOf(op.getRhs()),
           fl.ptrOf(op)},
          loc);
  return success();
}

LogicalResult lowerClip(FunctionLowering &fl, Operation *op, float lo,
                        float hi) {
  Location loc = op->getLoc();
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  Value desc =
      fl.descriptor(loc, "clip_f32", fl.abi().clipDesc, [&](StructInit &s) {
        s.i32({0}, QCC_RT_OP_CLIP_F32)
            .i32({1}, 0)
            .i64({2}, type.getNumElements())
            .f32({3}, lo)
            .f32({4}, hi);
      });
  fl.call("qcc_rt_clip_f32",
          {fl.context(), desc, fl.ptrOf(op->getOperand(0)),
           fl.ptrOf(op->getResult(0))},
          loc);
  return success();
}

/// The descriptor of run-time quantization with the given range.
Value dynamicQuantizeDesc(FunctionLowering &fl, Location loc, int64_t count,
                          int32_t qmin, int32_t qmax, int32_t smin,
                          int32_t smax, float fallback) {
  return fl.descriptor(loc, "dynamic_quantize", fl.abi().dynamicQuantizeDesc,
                       [&](StructInit &s) {
                         s.i32({0}, QCC_RT_OP_DYNAMIC_QUANTIZE)
                             .i32({1}, QCC_RT_U8)
                             .i64({2}, count)
                             .i32({3, 0}, qmin)
                             .i32({3, 1}, qmax)
                             .i32({3, 2}, smin)
                             .i32({3, 3}, smax)
                             .f32({3, 4}, fallback)
                             .i32({3, 5}, 0);
                       });
}

} // namespace

std::optional<LogicalResult> lowerFloatOp(FunctionLowering &fl, Operation *op) {
  const float inf = std::numeric_limits<float>::infinity();
  return llvm::TypeSwitch<Operation *, std::optional<LogicalResult>>(op)
      .Case([&](qgraph::QuantizeOp o) {
        return lowerQuantizeOrDequantize(fl, o, true);
      })
      .Case([&](qgraph::DequantizeOp o) {
        return lowerQuantizeOrDequantize(fl, o, false);
      })
      .Case([&](qgraph::LinearOp o) { return lowerLinear(fl, o); })
      .Case([&](qgraph::Conv2dOp o) { return lowerConv2d(fl, o); })
      .Case([&](qgraph::MaxPool2dOp o) { return lowerPool(fl, o); })
      .Case([&](qgraph::AvgPool2dOp o) { return lowerPool(fl, o); })
      .Case([&](qgraph::AddOp o) { return lowerBinary(fl, o); })
      .Case([&](qgraph::MulOp o) { return lowerBinary(fl, o); })
      .Case([&](qgraph::ReluOp o) { return lowerClip(fl, o, 0.0f, inf); })
      .Case([&](qgraph::ClipOp o) {
        return lowerClip(fl, o, o.getMin().convertToFloat(),
                         o.getMax().convertToFloat());
      })
      .Case([&](qgraph::ConcatOp o) {
        return lowerConcat(fl, o, o.getInputs(), o.getAxis(), std::nullopt,
                           ArrayAttr());
      })
      .Case([&](qgraph::TransposeOp o) {
        return lowerTranspose(fl, o, o.getInput(), o.getPermutation());
      })
      .Case([&](qgraph::DynamicQuantizeOp o) {
        Location loc = o.getLoc();
        Value desc = dynamicQuantizeDesc(fl, loc, o.getType().getNumElements(),
                                         o.getQmin(), o.getQmax(),
                                         o.getStorageMin(), o.getStorageMax(),
                                         o.getFallbackScale().convertToFloat());
        fl.call("qcc_rt_dynamic_quantize",
                {fl.context(), desc, fl.ptrOf(o.getInput()), fl.ptrOf(o)}, loc);
        return success();
      })
      .Case([&](qgraph::DynamicQuantizeLinearOp o) {
        Location loc = o.getLoc();
        Value desc = dynamicQuantizeDesc(
            fl, loc, o.getInput().getType().getNumElements(), 0, 255, 0, 255,
            1.0f);
        fl.call("qcc_rt_dynamic_quantize_linear",
                {fl.context(), desc, fl.ptrOf(o.getInput()),
                 fl.ptrOf(o.getOutput()), fl.ptrOf(o.getScale()),
                 fl.ptrOf(o.getZeroPoint())},
                loc);
        return success();
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace qcc::lowering
