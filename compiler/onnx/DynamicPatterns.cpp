// Dynamic quantization as exported graphs compute it, recognized before
// translation so that the scalar arithmetic becomes one operation:
//
// QDQ form (PyTorch's quantize_dynamic, written out; reduce_range gives
// qmax 127):
//   lo = Min(ReduceMin(x), 0); hi = Max(ReduceMax(x), 0)
//   d = Div(Sub(hi, lo), qmax); s = Where(Equal(d, 0), fallback, d)
//   z = Cast<uint8>(Clip(Round(Neg(Div(lo, s))), 0, qmax))
//   DequantizeLinear(QuantizeLinear(x, s, z), s, z)
//     => qgraph.dynamic_quantize x {qmin 0, qmax, fallback}
//
// QOperator form (ONNX DynamicQuantizeLinear, range [0, 255]):
//   y, ys, yz = DynamicQuantizeLinear(x)
//   Mul(Cast<float>(MatMulInteger(y, W, yz, wz)), Mul(ys, ws))
//     => linear(dynamic_quantize x, dequantize W^T at (ws, wz))
//
// A node is absorbed only when every reader of its outputs is inside the
// pattern; otherwise the pattern is not recognized and translation reports
// the node.
#include "Importer.h"

#include "dialects/QuantTypeChecks.h"

using namespace mlir;
using ::onnx::NodeProto;
using ::onnx::TensorProto;

namespace qcc::onnx {
namespace {

/// Walks producers, collecting the nodes of a candidate pattern.
struct Matcher {
  Importer &im;
  SmallVector<const NodeProto *> nodes;

  /// The producer of `name` if it is an `op` node; records it.
  const NodeProto *node(StringRef name, StringRef op) {
    const NodeProto *p = im.producer(name);
    if (!p || p->op_type() != op || im.isAbsorbed(*p))
      return nullptr;
    if (!llvm::is_contained(nodes, p))
      nodes.push_back(p);
    return p;
  }

  /// A scalar constant's value.
  std::optional<double> scalar(StringRef name) {
    DenseElementsAttr c = im.peekConstant(name);
    if (!c || c.getNumElements() != 1)
      return std::nullopt;
    if (const NodeProto *p = im.producer(name))
      if (!llvm::is_contained(nodes, p))
        nodes.push_back(p);
    return toDoubles(c)[0];
  }

  /// The operand of a binary node other than the scalar constant `value`.
  std::optional<std::string> otherThanScalar(const NodeProto &n, double value) {
    for (int i : {0, 1})
      if (auto v = scalar(n.input(1 - i)); v && *v == value)
        return n.input(i);
    return std::nullopt;
  }

  /// True when every reader of every output of the collected nodes is
  /// itself collected or in `extra`.
  bool closed(ArrayRef<const NodeProto *> extra) {
    for (const NodeProto *n : nodes)
      for (const std::string &out : n->output()) {
        if (im.isGraphOutput(out))
          return false;
        for (const NodeProto *r : im.consumers(out))
          if (!llvm::is_contained(nodes, r) && !llvm::is_contained(extra, r))
            return false;
      }
    return true;
  }
};

/// The QDQ form: from the QuantizeLinear `q`, whose only reader must be a
/// DequantizeLinear with the same scale and zero point.
void matchQdqDynamicRange(Importer &im, const NodeProto &q) {
  if (q.input_size() < 3 || im.peekConstant(q.input(1)))
    return;
  auto readers = im.consumers(q.output(0));
  if (readers.size() != 1 || im.isGraphOutput(q.output(0)))
    return;
  const NodeProto &dq = *readers[0];
  if (dq.op_type() != "DequantizeLinear" || dq.input_size() < 3 ||
      dq.input(1) != q.input(1) || dq.input(2) != q.input(2))
    return;
  const std::string &x = q.input(0), &scale = q.input(1), &zp = q.input(2);

  Matcher m{im, {}};
  // s = Where(Equal(d, 0), fallback, d)
  const NodeProto *where = m.node(scale, "Where");
  if (!where || where->input_size() != 3)
    return;
  const std::string &d = where->input(2);
  const NodeProto *equal = m.node(where->input(0), "Equal");
  auto fallback = m.scalar(where->input(1));
  if (!equal || !fallback || !(*fallback > 0.0) ||
      m.otherThanScalar(*equal, 0.0) != d)
    return;
  // d = Div(Sub(hi, lo), qmax)
  const NodeProto *div = m.node(d, "Div");
  if (!div)
    return;
  auto qmax = m.scalar(div->input(1));
  const NodeProto *sub = m.node(div->input(0), "Sub");
  if (!qmax || !sub || *qmax < 1 || *qmax > 255 || *qmax != std::floor(*qmax))
    return;
  const std::string &hi = sub->input(0), &lo = sub->input(1);
  const NodeProto *maxNode = m.node(hi, "Max"), *minNode = m.node(lo, "Min");
  if (!maxNode || !minNode)
    return;
  auto reduceOf = [&](const NodeProto &n, StringRef op) -> bool {
    auto other = m.otherThanScalar(n, 0.0);
    if (!other)
      return false;
    const NodeProto *r = m.node(*other, op);
    return r && r->input_size() == 1 && r->input(0) == x &&
           !im.attribute(*r, "axes") && im.intAttr(*r, "keepdims", 1) == 0;
  };
  if (!reduceOf(*maxNode, "ReduceMax") || !reduceOf(*minNode, "ReduceMin"))
    return;
  // z = Cast<uint8>(Clip(Round(Neg(Div(lo, s))), 0, qmax))
  const NodeProto *cast = m.node(zp, "Cast");
  if (!cast || im.intAttr(*cast, "to", 0) != TensorProto::UINT8)
    return;
  const NodeProto *clip = m.node(cast->input(0), "Clip");
  if (!clip || clip->input_size() != 3 || m.scalar(clip->input(1)) != 0.0 ||
      m.scalar(clip->input(2)) != *qmax)
    return;
  const NodeProto *round = m.node(clip->input(0), "Round");
  const NodeProto *neg = round ? m.node(round->input(0), "Neg") : nullptr;
  const NodeProto *divLo = neg ? m.node(neg->input(0), "Div") : nullptr;
  if (!divLo || divLo->input(0) != lo || divLo->input(1) != scale)
    return;
  if (!m.closed({&q, &dq}))
    return;

  for (const NodeProto *n : m.nodes)
    im.absorb(*n);
  im.absorb(q);
  const int32_t top = int32_t(*qmax);
  const float fb = float(*fallback);
  im.setRoot(dq, [&im, &dq, x, top, fb]() -> LogicalResult {
    const Imported *v = im.lookup(x);
    if (!v)
      return im.error(dq) << "the quantized input '" << x
                          << "' is not produced";
    Location l = im.loc(dq);
    Value xv = im.tensor(*v, l);
    Value r = qgraph::DynamicQuantizeOp::create(
        im.b, l, xv.getType(), xv, /*qmin=*/0, uint32_t(top),
        /*storage_min=*/0, /*storage_max=*/255, llvm::APFloat(fb));
    im.define(dq, 0, r, TensorProto::FLOAT);
    return success();
  });
}

/// The QOperator form, from each MatMulInteger reading a
/// DynamicQuantizeLinear.
void matchDynamicMatMulInteger(Importer &im, const NodeProto &mm) {
  if (mm.input_size() < 3)
    return;
  const NodeProto *dql = im.producer(mm.input(0));
  if (!dql || dql->op_type() != "DynamicQuantizeLinear" ||
      dql->output_size() < 3 || mm.input(2) != dql->output(2))
    return;
  DenseElementsAttr w = im.peekConstant(mm.input(1));
  if (!w || w.getType().getRank() != 2)
    return;
  Matcher m{im, {}};
  auto readers = im.consumers(mm.output(0));
  if (readers.size() != 1 || readers[0]->op_type() != "Cast" ||
      im.intAttr(*readers[0], "to", 0) != TensorProto::FLOAT)
    return;
  const NodeProto &cast = *readers[0];
  auto castReaders = im.consumers(cast.output(0));
  if (castReaders.size() != 1 || castReaders[0]->op_type() != "Mul")
    return;
  const NodeProto &mul = *castReaders[0];
  const std::string &scaleName =
      mul.input(0) == cast.output(0) ? mul.input(1) : mul.input(0);
  const NodeProto *scaleMul = im.producer(scaleName);
  if (!scaleMul || scaleMul->op_type() != "Mul")
    return;
  std::string wScale;
  if (scaleMul->input(0) == dql->output(1))
    wScale = scaleMul->input(1);
  else if (scaleMul->input(1) == dql->output(1))
    wScale = scaleMul->input(0);
  else
    return;
  DenseElementsAttr ws = im.peekConstant(wScale);
  if (!ws)
    return;
  // The chain is recognized: MatMulInteger and Cast are absorbed, the Mul
  // becomes the linear; the scale product and DynamicQuantizeLinear go once
  // all their readers have.
  im.absorb(mm);
  im.absorb(cast);
  const std::string xName = dql->input(0), wName = mm.input(1);
  const std::string wzpName = mm.input_size() > 3 ? mm.input(3) : "";
  im.setRoot(
      mul, [&im, &mul, xName, wName, wzpName, wScale]() -> LogicalResult {
        Location l = im.loc(mul);
        const Imported *x = im.lookup(xName), *w = im.lookup(wName);
        if (!x || !w)
          return im.error(mul)
                 << "an input of the dynamic quantization pattern "
                    "is not produced";
        DenseElementsAttr scale = im.peekConstant(wScale);
        DenseElementsAttr zp;
        if (!wzpName.empty() && !(zp = im.peekConstant(wzpName)))
          return im.error(mul) << "the weight zero point must be a constant";
        std::string why;
        // W is [K, N]: per-column scales quantize axis 1.
        Type qw =
            quantizedType(im.ctx, scale, zp, w->onnxType, 1, w->shape(), why);
        if (!qw)
          return im.error(mul) << why;
        // One dynamic_quantize per DynamicQuantizeLinear, shared by its
        // readers.
        const std::string key = "__qcc_dynamic_quantize:" + xName;
        Value xq;
        if (const Imported *done = im.lookup(key)) {
          xq = done->value;
        } else {
          Value xv = im.tensor(*x, l);
          xq = qgraph::DynamicQuantizeOp::create(
              im.b, l, xv.getType(), xv, 0, 255, 0, 255, llvm::APFloat(1.0f));
          Imported v;
          v.value = xq;
          v.onnxType = TensorProto::FLOAT;
          im.bind(key, v);
        }
        auto wType = RankedTensorType::get(w->shape(), qw);
        Value k = qgraph::ConstantOp::create(im.b, l, wType, w->constant);
        Value wf = qgraph::DequantizeOp::create(
            im.b, l, wType.clone(Float32Type::get(im.ctx)), k);
        Value y = buildMatMul(im, mul, xq, wf);
        if (!y)
          return failure();
        im.define(mul, 0, y, TensorProto::FLOAT);
        return success();
      });
}

/// Absorbs `node` when every reader of its outputs already is.
void absorbIfUnread(Importer &im, const NodeProto &node) {
  if (im.isAbsorbed(node))
    return;
  bool anyReader = false;
  for (const std::string &out : node.output()) {
    if (im.isGraphOutput(out))
      return;
    for (const NodeProto *r : im.consumers(out)) {
      if (!im.isAbsorbed(*r))
        return;
      anyReader = true;
    }
  }
  if (anyReader)
    im.absorb(node);
}

} // namespace

void findDynamicQuantizationPatterns(Importer &im,
                                     const ::onnx::GraphProto &graph) {
  for (const NodeProto &node : graph.node()) {
    if (node.op_type() == "QuantizeLinear")
      matchQdqDynamicRange(im, node);
    else if (node.op_type() == "MatMulInteger")
      matchDynamicMatMulInteger(im, node);
  }
  // A scale product Mul(ys, ws) is read by the pattern's root Mul, which is
  // translated, not absorbed: it goes when its readers are roots.
  for (const NodeProto &node : graph.node()) {
    if (node.op_type() != "Mul")
      continue;
    bool readsDynamicScale = false;
    for (const std::string &in : node.input())
      if (const NodeProto *p = im.producer(in))
        readsDynamicScale |= p->op_type() == "DynamicQuantizeLinear";
    if (!readsDynamicScale)
      continue;
    bool allRoots = !node.output().empty();
    for (const NodeProto *r : im.consumers(node.output(0))) {
      bool castOperand = false;
      for (const std::string &in : r->input())
        if (const NodeProto *p = im.producer(in))
          castOperand |= p->op_type() == "Cast" && im.isAbsorbed(*p);
      allRoots &= r->op_type() == "Mul" && castOperand;
    }
    if (allRoots && !im.isGraphOutput(node.output(0)))
      im.absorb(node);
  }
  for (const NodeProto &node : graph.node())
    if (node.op_type() == "DynamicQuantizeLinear")
      absorbIfUnread(im, node);
}

} // namespace qcc::onnx
