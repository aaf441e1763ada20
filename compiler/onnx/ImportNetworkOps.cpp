// The float layers between quantize and dequantize: Gemm, MatMul, Conv,
// Add, Mul, Relu, Clip, MaxPool, AveragePool, GlobalAveragePool.
#include "Importer.h"
#include <cmath>

#include "dialects/QuantTypeChecks.h"
#include "dialects/WindowGeometry.h"

#include "mlir/Dialect/Traits.h"

#include <limits>

using namespace mlir;
using ::onnx::NodeProto;
using ::onnx::TensorProto;

namespace qcc::onnx {
namespace {

/// A float operand: a float value or constant.
Value floatOperand(Importer &im, const NodeProto &node, int i) {
  const Imported *in = im.input(node, i);
  if (!in)
    return nullptr;
  Value v = im.tensor(*in, im.loc(node));
  if (!cast<ShapedType>(v.getType()).getElementType().isF32()) {
    im.error(node) << "input " << i << " is "
                   << cast<ShapedType>(v.getType()).getElementType()
                   << "; a float tensor was expected (dequantize quantized "
                      "values first)";
    return nullptr;
  }
  return v;
}

/// [K, N] -> [N, K] as a qgraph.transpose (folded later for constants).
Value transposed(Importer &im, Location loc, Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  Type element = t.getElementType();
  return qgraph::TransposeOp::create(
      im.b, loc,
      RankedTensorType::get({t.getDimSize(1), t.getDimSize(0)}, element), v,
      ArrayRef<int64_t>{1, 0});
}

LogicalResult importGemm(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"alpha", "beta", "transA", "transB"})))
    return failure();
  if (im.floatAttr(node, "alpha", 1.0f) != 1.0f)
    return im.error(node) << "alpha != 1 is not supported";
  if (im.intAttr(node, "transA", 0) != 0)
    return im.error(node) << "transA = 1 is not supported";
  Location l = im.loc(node);
  Value a = floatOperand(im, node, 0), w = floatOperand(im, node, 1);
  if (!a || !w)
    return failure();
  auto at = cast<RankedTensorType>(a.getType());
  if (at.getRank() != 2 || cast<ShapedType>(w.getType()).getRank() != 2)
    return im.error(node) << "A and B must be matrices";
  auto wt = cast<ShapedType>(w.getType());
  bool transB = im.intAttr(node, "transB", 0) != 0;
  int64_t wk = wt.getDimSize(transB ? 1 : 0);
  if (wk != at.getDimSize(1))
    return im.error(node) << "shapes do not match: A "
                          << shapeText(at.getShape()) << " has "
                          << at.getDimSize(1) << " columns, B"
                          << (transB ? "^T " : " ") << "has " << wk << " rows";
  if (!transB)
    w = transposed(im, l, w);
  int64_t n = cast<ShapedType>(w.getType()).getDimSize(0);
  Value bias;
  if (im.hasInput(node, 2)) {
    if (im.floatAttr(node, "beta", 1.0f) != 1.0f)
      return im.error(node) << "beta != 1 is not supported";
    bias = floatOperand(im, node, 2);
    if (!bias)
      return failure();
    auto bt = cast<RankedTensorType>(bias.getType());
    if (bt.getNumElements() != n ||
        (bt.getRank() == 2 && bt.getDimSize(1) != n) || bt.getRank() > 2)
      return im.error(node)
             << "C " << bt << " is not a bias of " << n << " values";
    if (bt.getRank() != 1)
      bias = qgraph::ReshapeOp::create(im.b, l, bt.clone({n}), bias);
  }
  auto type = at.clone({at.getDimSize(0), n});
  Value y = qgraph::LinearOp::create(im.b, l, type, a, w, bias);
  im.define(node, 0, y, TensorProto::FLOAT);
  return success();
}

LogicalResult importMatMul(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {})))
    return failure();
  Value a = floatOperand(im, node, 0), w = floatOperand(im, node, 1);
  if (!a || !w)
    return failure();
  Value y = buildMatMul(im, node, a, w);
  if (!y)
    return failure();
  im.define(node, 0, y, TensorProto::FLOAT);
  return success();
}

/// Window attributes of a 2-D Conv or pool; `kernel` filled from the weight
/// for Conv when the attribute is absent.
LogicalResult
windowAttributes(Importer &im, const NodeProto &node, ArrayRef<int64_t> inShape,
                 SmallVector<int64_t> &kernel, SmallVector<int64_t> &strides,
                 SmallVector<int64_t> &pads, SmallVector<int64_t> &dilations) {
  if (inShape.size() != 4)
    return im.error(node) << "only 2-D images (NCHW, rank 4) are supported";
  if (const auto *ap = im.attribute(node, "auto_pad")) {
    if (ap->s() != "NOTSET" && ap->s() != "VALID")
      return im.error(node) << "auto_pad = " << ap->s()
                            << " is not supported (give explicit pads)";
  }
  SmallVector<int64_t> k = im.intsAttr(node, "kernel_shape");
  if (!k.empty())
    kernel = k;
  if (kernel.size() != 2)
    return im.error(node) << "kernel_shape must have 2 values";
  strides = im.intsAttr(node, "strides");
  if (strides.empty())
    strides = {1, 1};
  dilations = im.intsAttr(node, "dilations");
  if (dilations.empty())
    dilations = {1, 1};
  pads = im.intsAttr(node, "pads");
  if (pads.empty())
    pads = {0, 0, 0, 0};
  // ONNX pads are [top, left, bottom, right] for 2-D: begins, then ends.
  Window w;
  return verifyWindow(
      kernel, strides, dilations, pads, [&] { return im.error(node); }, w);
}

SmallVector<int64_t> windowOutput(ArrayRef<int64_t> in, int64_t channels,
                                  ArrayRef<int64_t> kernel,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> pads,
                                  ArrayRef<int64_t> dilations, bool ceil) {
  Window w;
  for (int d = 0; d < 2; ++d) {
    w.kernel[d] = kernel[d];
    w.strides[d] = strides[d];
    w.dilations[d] = dilations[d];
  }
  for (int i = 0; i < 4; ++i)
    w.pads[i] = pads[i];
  return {in[0], channels, windowOutputSize(w, 0, in[2], ceil),
          windowOutputSize(w, 1, in[3], ceil)};
}

LogicalResult importConv(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"auto_pad", "dilations", "group",
                                       "kernel_shape", "pads", "strides"})))
    return failure();
  Value x = floatOperand(im, node, 0), w = floatOperand(im, node, 1);
  if (!x || !w)
    return failure();
  Value bias;
  if (im.hasInput(node, 2) && !(bias = floatOperand(im, node, 2)))
    return failure();
  Value y = buildConv2d(im, node, x, w, bias);
  if (!y)
    return failure();
  im.define(node, 0, y, TensorProto::FLOAT);
  return success();
}

template <typename PoolOp>
LogicalResult importPool(Importer &im, const NodeProto &node, bool global) {
  if (global ? failed(im.checkAttributes(node, {}))
             : failed(im.checkAttributes(
                   node,
                   {"auto_pad", "ceil_mode", "count_include_pad", "dilations",
                    "kernel_shape", "pads", "storage_order", "strides"})))
    return failure();
  if (im.intAttr(node, "storage_order", 0) != 0)
    return im.error(node) << "storage_order = 1 is not supported";
  if (node.output_size() > 1 && !node.output(1).empty())
    return im.error(node) << "the Indices output is not supported";
  Value x = floatOperand(im, node, 0);
  if (!x)
    return failure();
  auto xt = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> kernel, strides, pads, dilations;
  if (global) {
    if (xt.getRank() != 4)
      return im.error(node) << "only 2-D images (NCHW, rank 4) are supported";
    kernel = {xt.getDimSize(2), xt.getDimSize(3)};
    strides = {1, 1};
    pads = {0, 0, 0, 0};
    dilations = {1, 1};
  } else if (failed(windowAttributes(im, node, xt.getShape(), kernel, strides,
                                     pads, dilations))) {
    return failure();
  }
  const bool ceil = im.intAttr(node, "ceil_mode", 0) != 0;
  SmallVector<int64_t> out = windowOutput(
      xt.getShape(), xt.getDimSize(1), kernel, strides, pads, dilations, ceil);
  if (out[2] < 1 || out[3] < 1)
    return im.error(node) << "the window does not fit in the input " << xt;
  auto op = PoolOp::create(im.b, im.loc(node), xt.clone(out), x, kernel,
                           strides, dilations, pads);
  if (ceil)
    op.setCeilMode(true);
  if constexpr (std::is_same_v<PoolOp, qgraph::AvgPool2dOp>)
    if (im.intAttr(node, "count_include_pad", 0) != 0)
      op.setCountIncludePad(true);
  im.define(node, 0, op.getResult(), TensorProto::FLOAT);
  return success();
}

/// Add or Mul. An int32 constant added to an accumulator (QOperator graphs:
/// MatMulInteger + int32 bias) is dequantized at scale 1.
template <typename BinaryOp>
LogicalResult importBinary(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {})))
    return failure();
  Location l = im.loc(node);
  const Imported *a = im.input(node, 0), *c = im.input(node, 1);
  if (!a || !c)
    return failure();
  bool accumulator = false;
  auto operand = [&](const Imported &v) -> Value {
    if (v.accumulator) {
      accumulator = true;
      return v.value;
    }
    if (v.constant && v.onnxType == TensorProto::INT32 &&
        std::is_same_v<BinaryOp, qgraph::AddOp>) {
      auto q = quant::UniformQuantizedType::get(
          quant::QuantizationFlags::Signed, IntegerType::get(im.ctx, 32),
          Float32Type::get(im.ctx), 1.0, 0, std::numeric_limits<int32_t>::min(),
          std::numeric_limits<int32_t>::max());
      auto type = v.constant.getType();
      Value k = qgraph::ConstantOp::create(im.b, l, type.clone(q), v.constant);
      return qgraph::DequantizeOp::create(
          im.b, l, type.clone(Float32Type::get(im.ctx)), k);
    }
    return im.tensor(v, l);
  };
  Value x = operand(*a), y = operand(*c);
  for (Value v : {x, y})
    if (!cast<ShapedType>(v.getType()).getElementType().isF32())
      return im.error(node) << "operands of type "
                            << cast<ShapedType>(v.getType()).getElementType()
                            << " are not supported";
  if (accumulator && std::is_same_v<BinaryOp, qgraph::MulOp>)
    return im.error(node) << "multiplying an int32 accumulator is only "
                             "supported after its Cast to float";
  SmallVector<int64_t> shape;
  auto xt = cast<RankedTensorType>(x.getType());
  if (!OpTrait::util::getBroadcastedShape(
          xt.getShape(), cast<ShapedType>(y.getType()).getShape(), shape))
    return im.error(node) << "shapes " << x.getType() << " and " << y.getType()
                          << " do not broadcast";
  Value r = BinaryOp::create(im.b, l, xt.clone(shape), x, y);
  im.define(node, 0, r, accumulator ? TensorProto::INT32 : TensorProto::FLOAT,
            accumulator);
  return success();
}

LogicalResult importRelu(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {})))
    return failure();
  Value x = floatOperand(im, node, 0);
  if (!x)
    return failure();
  im.define(node, 0, qgraph::ReluOp::create(im.b, im.loc(node), x),
            TensorProto::FLOAT);
  return success();
}

LogicalResult importClip(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"min", "max"})))
    return failure();
  Value x = floatOperand(im, node, 0);
  if (!x)
    return failure();
  float lo = im.floatAttr(node, "min", -std::numeric_limits<float>::infinity());
  float hi = im.floatAttr(node, "max", std::numeric_limits<float>::infinity());
  for (int i : {1, 2}) {
    if (!im.hasInput(node, i))
      continue;
    DenseElementsAttr bound =
        im.constantInput(node, i, i == 1 ? "the minimum" : "the maximum");
    if (!bound)
      return failure();
    if (bound.getNumElements() != 1)
      return im.error(node) << "bounds must be scalars";
    (i == 1 ? lo : hi) = float(toDoubles(bound)[0]);
  }
  if (std::isnan(lo) || std::isnan(hi))
    return im.error(node) << "a bound is NaN";
  if (lo > hi)
    return im.error(node) << "min " << lo << " exceeds max " << hi;
  auto op = qgraph::ClipOp::create(im.b, im.loc(node), x.getType(), x,
                                   im.b.getF32FloatAttr(lo),
                                   im.b.getF32FloatAttr(hi));
  im.define(node, 0, op.getResult(), TensorProto::FLOAT);
  return success();
}

} // namespace

Value buildMatMul(Importer &im, const NodeProto &node, Value a, Value w) {
  Location l = im.loc(node);
  auto at = cast<RankedTensorType>(a.getType());
  auto wt = cast<RankedTensorType>(w.getType());
  if (wt.getRank() != 2 || at.getRank() < 2) {
    im.error(node) << "supports A of rank 2 or more times a matrix B, not "
                   << at << " x " << wt;
    return nullptr;
  }
  int64_t k = at.getDimSize(at.getRank() - 1), n = wt.getDimSize(1);
  if (wt.getDimSize(0) != k) {
    im.error(node) << "shapes do not match: A " << shapeText(at.getShape())
                   << " has " << k << " columns, B " << shapeText(wt.getShape())
                   << " has " << wt.getDimSize(0) << " rows";
    return nullptr;
  }
  int64_t m = at.getNumElements() / std::max<int64_t>(k, 1);
  if (at.getRank() != 2)
    a = qgraph::ReshapeOp::create(im.b, l, at.clone({m, k}), a);
  Value y = qgraph::LinearOp::create(im.b, l, at.clone({m, n}), a,
                                     transposed(im, l, w), Value());
  SmallVector<int64_t> shape(at.getShape());
  shape.back() = n;
  if (at.getRank() != 2)
    y = qgraph::ReshapeOp::create(im.b, l, at.clone(shape), y);
  return y;
}

Value buildConv2d(Importer &im, const NodeProto &node, Value x, Value w,
                  Value bias) {
  auto xt = cast<RankedTensorType>(x.getType());
  auto wt = cast<RankedTensorType>(w.getType());
  if (wt.getRank() != 4) {
    im.error(node) << "only 2-D convolutions are supported";
    return nullptr;
  }
  SmallVector<int64_t> kernel{wt.getDimSize(2), wt.getDimSize(3)}, strides,
      pads, dilations;
  if (failed(windowAttributes(im, node, xt.getShape(), kernel, strides, pads,
                              dilations)))
    return nullptr;
  if (kernel[0] != wt.getDimSize(2) || kernel[1] != wt.getDimSize(3)) {
    im.error(node) << "kernel_shape differs from the weight's " << wt;
    return nullptr;
  }
  SmallVector<int64_t> out = windowOutput(
      xt.getShape(), wt.getDimSize(0), kernel, strides, pads, dilations, false);
  if (out[2] < 1 || out[3] < 1) {
    im.error(node) << "the kernel does not fit in the input " << xt;
    return nullptr;
  }
  return qgraph::Conv2dOp::create(im.b, im.loc(node), xt.clone(out), x, w, bias,
                                  strides, pads, dilations,
                                  im.intAttr(node, "group", 1));
}

void registerNetworkOps(llvm::StringMap<OpImporter> &t) {
  t["Gemm"] = importGemm;
  t["MatMul"] = importMatMul;
  t["Conv"] = importConv;
  t["Add"] = importBinary<qgraph::AddOp>;
  t["Mul"] = importBinary<qgraph::MulOp>;
  t["Relu"] = importRelu;
  t["Clip"] = importClip;
  t["MaxPool"] = [](Importer &im, const NodeProto &n) {
    return importPool<qgraph::MaxPool2dOp>(im, n, false);
  };
  t["AveragePool"] = [](Importer &im, const NodeProto &n) {
    return importPool<qgraph::AvgPool2dOp>(im, n, false);
  };
  t["GlobalAveragePool"] = [](Importer &im, const NodeProto &n) {
    return importPool<qgraph::AvgPool2dOp>(im, n, true);
  };
}

} // namespace qcc::onnx
