// Constants, casts and data movement: Constant, ConstantOfShape, Identity,
// Cast, Flatten, Reshape, Concat, Transpose.
#include "Importer.h"

#include "dialects/QuantTypeChecks.h"

#include "mlir/IR/TypeUtilities.h"

#include <numeric>

using namespace mlir;
using ::onnx::NodeProto;
using ::onnx::TensorProto;

namespace qcc::onnx {
namespace {

int64_t product(ArrayRef<int64_t> dims) {
  return std::accumulate(dims.begin(), dims.end(), int64_t(1),
                         std::multiplies<int64_t>());
}

/// `v` with element type `onnxType` (a numeric conversion of a constant).
DenseElementsAttr convertConstant(MLIRContext *ctx, DenseElementsAttr v,
                                  int32_t onnxType) {
  auto type = v.getType().clone(elementType(ctx, onnxType));
  if (onnxType == TensorProto::FLOAT) {
    SmallVector<float> out;
    for (double d : toDoubles(v))
      out.push_back(float(d));
    return DenseElementsAttr::get(type, ArrayRef<float>(out));
  }
  SmallVector<APInt> out;
  unsigned width = type.getElementType().getIntOrFloatBitWidth();
  bool fromFloat = isa<FloatType>(v.getElementType());
  for (double d : toDoubles(v)) {
    // ONNX Cast of a float to an integer truncates toward zero.
    int64_t i = fromFloat ? int64_t(std::trunc(d)) : int64_t(d);
    out.push_back(APInt(width, uint64_t(i), /*isSigned=*/true,
                        /*implicitTrunc=*/true));
  }
  return DenseElementsAttr::get(type, out);
}

LogicalResult importConstant(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"value", "value_float", "value_floats",
                                       "value_int", "value_ints"})))
    return failure();
  Imported v;
  MLIRContext *ctx = im.ctx;
  if (const auto *a = im.attribute(node, "value")) {
    std::string why;
    v.constant = tensorValue(ctx, a->t(), why);
    if (!v.constant)
      return im.error(node) << why;
    v.onnxType = a->t().data_type();
  } else if (const auto *a = im.attribute(node, "value_float")) {
    v.constant = DenseElementsAttr::get(
        RankedTensorType::get({}, Float32Type::get(ctx)), a->f());
    v.onnxType = TensorProto::FLOAT;
  } else if (const auto *a = im.attribute(node, "value_floats")) {
    SmallVector<float> f(a->floats().begin(), a->floats().end());
    v.constant = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(f.size())}, Float32Type::get(ctx)),
        ArrayRef<float>(f));
    v.onnxType = TensorProto::FLOAT;
  } else if (const auto *a = im.attribute(node, "value_int")) {
    v.constant = DenseElementsAttr::get(
        RankedTensorType::get({}, IntegerType::get(ctx, 64)), int64_t(a->i()));
    v.onnxType = TensorProto::INT64;
  } else if (const auto *a = im.attribute(node, "value_ints")) {
    SmallVector<int64_t> i(a->ints().begin(), a->ints().end());
    v.constant = DenseElementsAttr::get(
        RankedTensorType::get({int64_t(i.size())}, IntegerType::get(ctx, 64)),
        ArrayRef<int64_t>(i));
    v.onnxType = TensorProto::INT64;
  } else {
    return im.error(node) << "has no value";
  }
  im.define(node, 0, v);
  return success();
}

LogicalResult importConstantOfShape(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"value"})))
    return failure();
  auto dims = im.intsInput(node, 0, "the shape");
  if (failed(dims))
    return failure();
  SmallVector<int64_t> shape = *dims;
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return im.error(node) << "dimension " << d << " is negative";
    if (d > 0 && count > (int64_t(1) << 31) / d)
      return im.error(node)
             << "shape " << shapeText(shape) << " has more than 2^31 elements";
    count *= d;
  }
  Imported v;
  v.onnxType = TensorProto::FLOAT;
  DenseElementsAttr fill = DenseElementsAttr::get(
      RankedTensorType::get({1}, Float32Type::get(im.ctx)), 0.0f);
  if (const auto *a = im.attribute(node, "value")) {
    std::string why;
    fill = tensorValue(im.ctx, a->t(), why);
    if (!fill || fill.getNumElements() != 1)
      return im.error(node) << "value must be one element";
    v.onnxType = a->t().data_type();
  }
  v.constant = DenseElementsAttr::get(
      RankedTensorType::get(shape, fill.getElementType()),
      fill.getValues<Attribute>()[0]);
  im.define(node, 0, v);
  return success();
}

LogicalResult importIdentity(Importer &im, const NodeProto &node) {
  const Imported *in = im.input(node, 0);
  if (!in)
    return failure();
  im.define(node, 0, *in);
  return success();
}

/// Pad with zero pads is an identity (PyTorch exports one before every
/// AvgPool2d); padding that changes the shape is not supported.
LogicalResult importPad(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"mode", "pads"})))
    return failure();
  const Imported *in = im.input(node, 0);
  if (!in)
    return failure();
  SmallVector<int64_t> pads = im.intsAttr(node, "pads"); // opset < 11
  if (im.hasInput(node, 1)) {
    auto padsInput = im.intsInput(node, 1, "the pads");
    if (failed(padsInput))
      return failure();
    pads = *padsInput;
  }
  if (llvm::any_of(pads, [](int64_t p) { return p != 0; }))
    return im.error(node) << "padding " << shapeText(pads)
                          << " is not supported; only the zero padding that "
                             "changes nothing";
  im.define(node, 0, *in);
  return success();
}

/// The ONNX type a value's elements are stored as.
int32_t storedOnnxType(const Imported &v) {
  if (!v.value)
    return v.onnxType;
  Type e = mlir::getElementTypeOrSelf(v.value.getType());
  if (auto q = dyn_cast<quant::QuantizedType>(e))
    return q.getStorageTypeIntegralWidth() == 32 ? TensorProto::INT32
           : q.isSigned()                        ? TensorProto::INT8
                                                 : TensorProto::UINT8;
  return v.onnxType;
}

LogicalResult importCast(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"to", "saturate"})))
    return failure();
  const Imported *in = im.input(node, 0);
  if (!in)
    return failure();
  const int32_t to = int32_t(im.intAttr(node, "to", 0));
  if (in->constant) {
    if (!elementType(im.ctx, to) || to == TensorProto::BOOL)
      return im.error(node)
             << "cast to " << onnxTypeName(to) << " is not supported";
    Imported v;
    v.constant = convertConstant(im.ctx, in->constant, to);
    v.onnxType = to;
    im.define(node, 0, v);
    return success();
  }
  // An accumulator holds exact integers in float already.
  if (in->accumulator && to == TensorProto::FLOAT) {
    im.define(node, 0, in->value, TensorProto::FLOAT);
    return success();
  }
  // The Cast exporters write after QuantizeLinear changes nothing.
  if (storedOnnxType(*in) == to) {
    im.define(node, 0, *in);
    return success();
  }
  return im.error(node) << "cast of " << onnxTypeName(storedOnnxType(*in))
                        << " values to " << onnxTypeName(to)
                        << " is not supported (qcc takes casts that change "
                           "nothing, casts of constants, and the cast of a "
                           "MatMulInteger/ConvInteger result to float)";
}

/// A value or constant with a new shape.
LogicalResult defineReshaped(Importer &im, const NodeProto &node,
                             const Imported &in, ArrayRef<int64_t> shape) {
  if (product(shape) != product(in.shape()))
    return im.error(node) << "cannot reshape " << product(in.shape())
                          << " elements into " << product(shape);
  Imported v = in;
  if (in.constant) {
    DenseElementsAttr c = in.constant;
    v.constant = c.reshape(c.getType().clone(shape));
  } else {
    auto type = cast<RankedTensorType>(in.value.getType());
    if (isa<quant::UniformQuantizedPerAxisType>(type.getElementType()))
      return im.error(node) << "cannot reshape a tensor quantized per axis";
    v.value = qgraph::ReshapeOp::create(im.b, im.loc(node), type.clone(shape),
                                        in.value);
  }
  im.define(node, 0, v);
  return success();
}

LogicalResult importFlatten(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"axis"})))
    return failure();
  const Imported *in = im.input(node, 0);
  if (!in)
    return failure();
  ArrayRef<int64_t> shape = in->shape();
  int64_t axis = im.intAttr(node, "axis", 1);
  if (axis < 0)
    axis += int64_t(shape.size());
  if (axis < 0 || axis > int64_t(shape.size()))
    return im.error(node) << "axis " << axis << " is outside the rank "
                          << shape.size();
  int64_t flat[2] = {product(shape.take_front(axis)),
                     product(shape.drop_front(axis))};
  return defineReshaped(im, node, *in, flat);
}

LogicalResult importReshape(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"allowzero"})))
    return failure();
  const Imported *in = im.input(node, 0);
  if (!in)
    return failure();
  auto shapeInput = im.intsInput(node, 1, "the shape");
  if (failed(shapeInput))
    return failure();
  SmallVector<int64_t> shape = *shapeInput;
  const bool allowZero = im.intAttr(node, "allowzero", 0) != 0;
  int64_t known = 1, inferred = -1;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (d == 0 && !allowZero) {
      if (i >= in->shape().size())
        return im.error(node) << "dimension " << i << " copies a dimension "
                              << "the input does not have";
      d = in->shape()[i];
    }
    if (d == -1) {
      if (inferred >= 0)
        return im.error(node) << "more than one dimension is -1";
      inferred = int64_t(i);
      continue;
    }
    if (d < 0)
      return im.error(node) << "dimension " << d << " is negative";
    known *= d;
  }
  if (inferred >= 0) {
    if (known == 0 || product(in->shape()) % known)
      return im.error(node) << "cannot infer the -1 dimension";
    shape[inferred] = product(in->shape()) / known;
  }
  return defineReshaped(im, node, *in, shape);
}

LogicalResult importConcat(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"axis"})))
    return failure();
  SmallVector<Value> inputs;
  for (int i = 0; i < node.input_size(); ++i) {
    const Imported *in = im.input(node, i);
    if (!in)
      return failure();
    Value v = im.tensor(*in, im.loc(node));
    if (!cast<ShapedType>(v.getType()).getElementType().isF32())
      return im.error(node) << "concatenation of "
                            << cast<ShapedType>(v.getType()).getElementType()
                            << " tensors is not supported (QDQ graphs "
                               "concatenate dequantized floats)";
    inputs.push_back(v);
  }
  if (inputs.empty())
    return im.error(node) << "has no inputs";
  auto first = cast<RankedTensorType>(inputs[0].getType());
  int64_t rank = first.getRank();
  int64_t axis = im.intAttr(node, "axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    return im.error(node) << "axis is outside the rank " << rank;
  SmallVector<int64_t> shape(first.getShape());
  shape[axis] = 0;
  for (Value v : inputs) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != rank)
      return im.error(node) << "inputs have different ranks";
    shape[axis] += t.getDimSize(axis);
  }
  Value r = qgraph::ConcatOp::create(im.b, im.loc(node), first.clone(shape),
                                     inputs, axis);
  im.define(node, 0, r, TensorProto::FLOAT);
  return success();
}

LogicalResult importTranspose(Importer &im, const NodeProto &node) {
  if (failed(im.checkAttributes(node, {"perm"})))
    return failure();
  const Imported *in = im.input(node, 0);
  if (!in)
    return failure();
  ArrayRef<int64_t> shape = in->shape();
  SmallVector<int64_t> perm = im.intsAttr(node, "perm");
  if (perm.empty())
    for (int64_t i = int64_t(shape.size()) - 1; i >= 0; --i)
      perm.push_back(i);
  if (perm.size() != shape.size())
    return im.error(node) << "perm has " << perm.size() << " entries for rank "
                          << shape.size();
  SmallVector<int64_t> outShape;
  SmallVector<bool> seen(shape.size(), false);
  for (int64_t p : perm) {
    if (p < 0 || p >= int64_t(shape.size()) || seen[p])
      return im.error(node) << "perm is not a permutation";
    seen[p] = true;
    outShape.push_back(shape[p]);
  }
  Value v = im.tensor(*in, im.loc(node));
  auto type = cast<RankedTensorType>(v.getType());
  Type element = type.getElementType();
  if (auto axis = dyn_cast<quant::UniformQuantizedPerAxisType>(element)) {
    int32_t moved =
        int32_t(llvm::find(perm, axis.getQuantizedDimension()) - perm.begin());
    element = quant::UniformQuantizedPerAxisType::get(
        axis.getFlags(), axis.getStorageType(), axis.getExpressedType(),
        axis.getScales(), axis.getZeroPoints(), moved, axis.getStorageTypeMin(),
        axis.getStorageTypeMax());
  }
  Imported out = *in;
  out.constant = {};
  out.value = qgraph::TransposeOp::create(
      im.b, im.loc(node), RankedTensorType::get(outShape, element), v, perm);
  im.define(node, 0, out);
  return success();
}

} // namespace

void registerTensorOps(llvm::StringMap<OpImporter> &t) {
  t["Constant"] = importConstant;
  t["ConstantOfShape"] = importConstantOfShape;
  t["Identity"] = importIdentity;
  t["Pad"] = importPad;
  t["Cast"] = importCast;
  t["Flatten"] = importFlatten;
  t["Reshape"] = importReshape;
  t["Concat"] = importConcat;
  t["Transpose"] = importTranspose;
}

} // namespace qcc::onnx
