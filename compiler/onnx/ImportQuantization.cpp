// Quantization operators: QuantizeLinear, DequantizeLinear, and the
// QOperator form (QLinearConv, QLinearMatMul, MatMulInteger, ConvInteger,
// DynamicQuantizeLinear), all expressed as QDQ in qgraph so that one set of
// fusion patterns serves both forms:
//
//   QLinearConv(x, w, B)  ->  quantize(conv(dequantize x, dequantize w,
//                                           dequantize B at s_x * s_w))
//   MatMulInteger(a, b)   ->  linear(dequantize a, dequantize b) at scale 1:
//                             exact integers, an "accumulator" that an int32
//                             bias Add, a Cast to float, a scale Mul or an
//                             int32 graph output then read.
//
// Dynamic quantization is recognized as a pattern before translation (see
// findDynamicQuantizationPatterns).
#include "Importer.h"

#include "dialects/QuantTypeChecks.h"

using namespace mlir;
using ::onnx::NodeProto;
using ::onnx::TensorProto;

namespace qcc::onnx {
namespace {

/// The quantized type of inputs (scale, zero point) of a node for a tensor
/// of `shape` stored as `storage`; `zpIndex` may be absent (uint8, 0).
Type quantParams(Importer &im, const NodeProto &node, int scaleIndex,
                 int zpIndex, int32_t storage, int64_t axis,
                 ArrayRef<int64_t> shape) {
  DenseElementsAttr scale = im.constantInput(node, scaleIndex, "the scale");
  if (!scale)
    return nullptr;
  DenseElementsAttr zp;
  if (im.hasInput(node, zpIndex)) {
    zp = im.constantInput(node, zpIndex, "the zero point");
    if (!zp)
      return nullptr;
    int32_t zpType = im.input(node, zpIndex)->onnxType;
    if (zpType != storage) {
      im.error(node) << "the zero point is " << onnxTypeName(zpType)
                     << " but the quantized tensor is "
                     << onnxTypeName(storage);
      return nullptr;
    }
  }
  std::string why;
  Type q = quantizedType(im.ctx, scale, zp, storage, axis, shape, why);
  if (!q)
    im.error(node) << why;
  return q;
}

/// Scale 1 with the zero points of input `zpIndex` (MatMulInteger,
/// ConvInteger): dequantizing then gives exactly x - zp.
Type unitScaleParams(Importer &im, const NodeProto &node, int zpIndex,
                     int32_t storage, int64_t axis, ArrayRef<int64_t> shape) {
  DenseElementsAttr zp;
  if (im.hasInput(node, zpIndex)) {
    zp = im.constantInput(node, zpIndex, "the zero point");
    if (!zp)
      return nullptr;
    int32_t zpType = im.input(node, zpIndex)->onnxType;
    if (zpType != storage) {
      im.error(node) << "the zero point is " << onnxTypeName(zpType)
                     << " but its tensor is " << onnxTypeName(storage);
      return nullptr;
    }
  }
  auto scaleType = zp ? zp.getType().clone(Float32Type::get(im.ctx))
                      : RankedTensorType::get({}, Float32Type::get(im.ctx));
  auto scale = DenseElementsAttr::get(scaleType, 1.0f);
  std::string why;
  Type q = quantizedType(im.ctx, scale, zp, storage, axis, shape, why);
  if (!q)
    im.error(node) << why;
  return q;
}

/// The float value of input `i` dequantized as `q`: a constant becomes a
/// quantized constant, a value is viewed as `q`.
Value dequantized(Importer &im, const NodeProto &node, int i, Type q) {
  const Imported *x = im.input(node, i);
  if (!x || !q)
    return nullptr;
  Location l = im.loc(node);
  auto type = RankedTensorType::get(x->shape(), q);
  Value v;
  if (x->constant) {
    if (x->constant.getElementType() !=
        storageIntegerType(cast<quant::QuantizedType>(q))) {
      im.error(node) << "input " << i << " holds "
                     << x->constant.getElementType()
                     << " values, not the quantized type's storage";
      return nullptr;
    }
    v = qgraph::ConstantOp::create(im.b, l, type, x->constant);
  } else {
    if (cast<ShapedType>(x->value.getType()).getElementType().isF32()) {
      im.error(node) << "input " << i
                     << " is float; a quantized tensor was expected";
      return nullptr;
    }
    v = im.asQuantized(x->value, q, l);
  }
  return qgraph::DequantizeOp::create(im.b, l,
                                      type.clone(Float32Type::get(im.ctx)), v);
}

int32_t storageOf(const Imported &v) {
  if (v.value)
    if (auto q = getQuantizedElementType(v.value.getType()))
      return q.getStorageTypeIntegralWidth() == 32 ? TensorProto::INT32
             : q.isSigned()                        ? TensorProto::INT8
                                                   : TensorProto::UINT8;
  return v.onnxType;
}

LogicalResult importQuantizeLinear(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"axis", "saturate"})))
    return failure();
  const Imported *x = im.input(node, 0);
  if (!x)
    return failure();
  if (!im.input(node, 1))
    return failure();
  if (!im.input(node, 1)->constant)
    return im.error(node)
           << "the scale is computed at run time, and not by the dynamic "
              "quantization pattern qcc recognizes (ReduceMin/ReduceMax -> "
              "scale and zero point -> QuantizeLinear -> DequantizeLinear)";
  int32_t storage = im.hasInput(node, 2) && im.input(node, 2)
                        ? im.input(node, 2)->onnxType
                        : TensorProto::UINT8;
  Type q = quantParams(im, node, 1, 2, storage, im.intAttr(node, "axis", 1),
                       x->shape());
  if (!q)
    return failure();
  Location l = im.loc(node);
  Value v = im.tensor(*x, l);
  if (!cast<ShapedType>(v.getType()).getElementType().isF32())
    return im.error(node) << "quantizes a tensor that is not float";
  Value r = qgraph::QuantizeOp::create(
      im.b, l, cast<RankedTensorType>(v.getType()).clone(q), v);
  im.define(node, 0, r, storage);
  return success();
}

LogicalResult importDequantizeLinear(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"axis"})))
    return failure();
  const Imported *x = im.input(node, 0);
  if (!x || !im.input(node, 1))
    return failure();
  int32_t storage = storageOf(*x);
  Type q = quantParams(im, node, 1, 2, storage, im.intAttr(node, "axis", 1),
                       x->shape());
  Value v = dequantized(im, node, 0, q);
  if (!v)
    return failure();
  im.define(node, 0, v, TensorProto::FLOAT);
  return success();
}

LogicalResult importQLinearConv(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"auto_pad", "dilations", "group",
                                       "kernel_shape", "pads", "strides"})))
    return failure();
  const Imported *x = im.input(node, 0), *w = im.input(node, 3);
  if (!x || !w)
    return failure();
  Type qx = quantParams(im, node, 1, 2, storageOf(*x), 1, x->shape());
  Type qw = quantParams(im, node, 4, 5, storageOf(*w), 0, w->shape());
  Value xf = dequantized(im, node, 0, qx), wf = dequantized(im, node, 3, qw);
  if (!xf || !wf)
    return failure();
  Value bias;
  if (im.hasInput(node, 8)) {
    DenseElementsAttr b = im.constantInput(node, 8, "the bias");
    if (!b)
      return failure();
    // The bias is int32 at scale s_x * s_w, per output channel.
    QuantParams px = getQuantParams(cast<quant::QuantizedType>(qx));
    QuantParams pw = getQuantParams(cast<quant::QuantizedType>(qw));
    SmallVector<double> exact;
    for (double s : pw.scales)
      exact.push_back(px.scales[0] * s);
    auto i32 = IntegerType::get(im.ctx, 32);
    auto f32 = Float32Type::get(im.ctx);
    const int64_t lo = std::numeric_limits<int32_t>::min();
    const int64_t hi = std::numeric_limits<int32_t>::max();
    Type qb = exact.size() == 1
                  ? Type(quant::UniformQuantizedType::get(
                        quant::QuantizationFlags::Signed, i32, f32, exact[0], 0,
                        lo, hi))
                  : Type(quant::UniformQuantizedPerAxisType::get(
                        quant::QuantizationFlags::Signed, i32, f32, exact,
                        SmallVector<int64_t>(exact.size(), 0), 0, lo, hi));
    if (b.getElementType() != i32)
      return im.error(node) << "the bias must be int32";
    Location l = im.loc(node);
    Value k = qgraph::ConstantOp::create(
        im.b, l, RankedTensorType::get(b.getType().getShape(), qb), b);
    bias = qgraph::DequantizeOp::create(im.b, l, b.getType().clone(f32), k);
  }
  Value y = buildConv2d(im, node, xf, wf, bias);
  if (!y)
    return failure();
  const Imported *yzp = im.hasInput(node, 7) ? im.input(node, 7) : nullptr;
  int32_t storage = yzp ? yzp->onnxType : TensorProto::UINT8;
  auto yt = cast<RankedTensorType>(y.getType());
  Type qy = quantParams(im, node, 6, 7, storage, 1, yt.getShape());
  if (!qy)
    return failure();
  im.define(node, 0,
            qgraph::QuantizeOp::create(im.b, im.loc(node), yt.clone(qy), y),
            storage);
  return success();
}

LogicalResult importQLinearMatMul(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {})))
    return failure();
  const Imported *a = im.input(node, 0), *w = im.input(node, 3);
  if (!a || !w)
    return failure();
  Type qa = quantParams(im, node, 1, 2, storageOf(*a), 1, a->shape());
  // B is [K, N]: its per-column scales quantize axis 1.
  Type qw = quantParams(im, node, 4, 5, storageOf(*w), 1, w->shape());
  Value af = dequantized(im, node, 0, qa), wf = dequantized(im, node, 3, qw);
  if (!af || !wf)
    return failure();
  Value y = buildMatMul(im, node, af, wf);
  if (!y)
    return failure();
  const Imported *yzp = im.hasInput(node, 7) ? im.input(node, 7) : nullptr;
  int32_t storage = yzp ? yzp->onnxType : TensorProto::UINT8;
  auto yt = cast<RankedTensorType>(y.getType());
  Type qy = quantParams(im, node, 6, 7, storage, 1, yt.getShape());
  if (!qy)
    return failure();
  im.define(node, 0,
            qgraph::QuantizeOp::create(im.b, im.loc(node), yt.clone(qy), y),
            storage);
  return success();
}

/// MatMulInteger and ConvInteger: integer products at scale 1.
template <bool IsConv>
LogicalResult importIntegerProduct(Importer &im, const NodeProto &node) {
  if (failed(IsConv
                 ? im.checkAttributes(node, {"auto_pad", "dilations", "group",
                                             "kernel_shape", "pads", "strides"})
                 : im.checkAttributes(node, {})))
    return failure();
  const Imported *a = im.input(node, 0), *w = im.input(node, 1);
  if (!a || !w)
    return failure();
  if (a->value)
    if (const NodeProto *p = im.producer(node.input(0));
        p && p->op_type() == "DynamicQuantizeLinear")
      return im.error(node)
             << "reads DynamicQuantizeLinear but is not followed by the "
                "dynamic quantization pattern qcc recognizes (Cast to float, "
                "then Mul by the product of the two scales)";
  if (!w->constant)
    return im.error(node) << "the weight (input 1) must be a constant";
  // Weight zero points are per output channel: axis 0 of an OIHW
  // convolution weight, axis 1 (columns) of a [K, N] matrix.
  Type qa = unitScaleParams(im, node, 2, storageOf(*a), 1, a->shape());
  Type qw =
      unitScaleParams(im, node, 3, storageOf(*w), IsConv ? 0 : 1, w->shape());
  Value af = dequantized(im, node, 0, qa), wf = dequantized(im, node, 1, qw);
  if (!af || !wf)
    return failure();
  Value y = IsConv ? buildConv2d(im, node, af, wf, Value())
                   : buildMatMul(im, node, af, wf);
  if (!y)
    return failure();
  im.define(node, 0, y, TensorProto::INT32, /*accumulator=*/true);
  return success();
}

LogicalResult importDynamicQuantizeLinear(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {})))
    return failure();
  const Imported *x = im.input(node, 0);
  if (!x)
    return failure();
  Location l = im.loc(node);
  Value v = im.tensor(*x, l);
  auto t = cast<RankedTensorType>(v.getType());
  auto u8 = IntegerType::get(im.ctx, 8, IntegerType::Unsigned);
  auto op = qgraph::DynamicQuantizeLinearOp::create(
      im.b, l, t.clone(u8), RankedTensorType::get({}, Float32Type::get(im.ctx)),
      RankedTensorType::get({}, u8), v);
  im.define(node, 0, op.getOutput(), TensorProto::UINT8);
  im.define(node, 1, op.getScale(), TensorProto::FLOAT);
  im.define(node, 2, op.getZeroPoint(), TensorProto::UINT8);
  return success();
}

/// The scalar float operators of the dynamic pattern exist only inside it.
LogicalResult importPatternOnly(Importer &im, const NodeProto &node) {
  return im.error(node)
         << "is supported only inside the dynamic quantization pattern "
            "(ReduceMin/ReduceMax of a tensor -> scale and zero point -> "
            "QuantizeLinear -> DequantizeLinear), which this node is not part "
            "of";
}

} // namespace

void registerQuantizationOps(llvm::StringMap<OpImporter> &t) {
  t["QuantizeLinear"] = importQuantizeLinear;
  t["DequantizeLinear"] = importDequantizeLinear;
  t["QLinearConv"] = importQLinearConv;
  t["QLinearMatMul"] = importQLinearMatMul;
  t["MatMulInteger"] = importIntegerProduct<false>;
  t["ConvInteger"] = importIntegerProduct<true>;
  t["DynamicQuantizeLinear"] = importDynamicQuantizeLinear;
  for (const char *op : {"ReduceMin", "ReduceMax", "Min", "Max", "Sub", "Div",
                         "Equal", "Where", "Neg", "Round"})
    t[op] = importPatternOnly;
}

} // namespace qcc::onnx
