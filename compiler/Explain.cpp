#include "compiler/Explain.h"

#include "compiler/Signature.h"
#include "dialects/QuantTypeChecks.h"
#include "passes/IntegerOnly.h"
#include "passes/Numerics.h"
#include "qcc/runtime/Requantize.h"

#include "llvm/Support/Format.h"

using namespace mlir;

namespace qcc {
namespace {

constexpr size_t kChannelsShown = 4;

std::string typeName(Type t) {
  auto shaped = cast<ShapedType>(t);
  Type e = shaped.getElementType();
  if (auto q = dyn_cast<quant::QuantizedType>(e))
    e = storageIntegerType(q);
  std::string s = e.isF32()                         ? "float32"
                  : e.getIntOrFloatBitWidth() == 32 ? "int32"
                  : e.isUnsignedInteger()           ? "uint8"
                                                    : "int8";
  s += "[";
  for (auto [i, d] : llvm::enumerate(shaped.getShape()))
    s += (i ? "," : "") + std::to_string(d);
  return s + "]";
}

std::string locationName(Location loc) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (auto name = dyn_cast<NameLoc>(loc))
    os << "\"" << name.getName().strref() << "\"";
  else
    os << loc;
  return s;
}

std::string format9(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

std::string quantText(const TensorInfo &t) {
  if (t.scales.empty())
    return "";
  if (t.scales.size() == 1)
    return (llvm::Twine(", scale ") + format9(t.scales[0]) + ", zero point " +
            llvm::Twine(t.zeroPoints[0]))
        .str();
  return ", per channel (" + std::to_string(t.scales.size()) + " scales)";
}

const char *ruleText(qint::Rounding r) {
  switch (r) {
  case qint::Rounding::double_round:
    return "double rounding: SaturatingRoundingDoublingHighMul(acc, M) then "
           "RoundingDivideByPOT (gemmlowp, TFLite reference kernels); "
           "integer-only";
  case qint::Rounding::single_round:
    return "single rounding: (acc * M + 2^(30-shift)) >> (31-shift) "
           "(TFLITE_SINGLE_ROUNDING); integer-only";
  case qint::Rounding::float_half_even:
    return "float32(acc) * scale, rounded half to even (ONNX Runtime, "
           "PyTorch's engines); NOT integer-only";
  }
  return "";
}

void explainRequant(qint::RequantAttr rq, llvm::raw_ostream &os, bool verbose) {
  int64_t channels = rq.getNumChannels();
  os << "      requant   " << stringifyRounding(rq.getRounding()) << ", "
     << (channels == 1 ? std::string("per tensor")
                       : "per channel (" + std::to_string(channels) + ")")
     << ": out = clamp(" << rq.getZeroPoint() << " + rescale(acc), "
     << rq.getClampMin() << ", " << rq.getClampMax() << ")\n";
  size_t shown = verbose ? size_t(channels)
                         : std::min<size_t>(size_t(channels), kChannelsShown);
  if (rq.isIntegerOnly()) {
    ArrayRef<int32_t> m = rq.getMultiplier().asArrayRef();
    ArrayRef<int32_t> s = rq.getShift().asArrayRef();
    os << "                channel  multiplier  shift  = real scale\n";
    for (size_t c = 0; c < shown; ++c)
      os << llvm::format("                %7zu  %10d  %5d  = %.9g\n", c, m[c],
                         s[c], rt::multiplierValue({m[c], s[c]}));
  } else {
    ArrayRef<float> s = rq.getScale().asArrayRef();
    os << "                channel  float32 scale\n";
    for (size_t c = 0; c < shown; ++c)
      os << llvm::format("                %7zu  %.9g\n", c, double(s[c]));
  }
  if (shown < size_t(channels))
    os << "                ... " << channels - int64_t(shown)
       << " more (--verbose prints all)\n";
}

void explainFullyConnected(qint::FullyConnectedOp fc, int index,
                           llvm::raw_ostream &os, bool verbose) {
  auto in = fc.getInput().getType(), w = fc.getWeight().getType();
  os << "  [" << index << "] fully connected at " << locationName(fc.getLoc())
     << ": " << typeName(in) << " x " << typeName(w) << "^T -> "
     << typeName(fc.getType()) << "\n";
  ArrayRef<int32_t> wzp = fc.getWeightZeroPoints();
  bool symmetric = llvm::all_of(wzp, [](int32_t z) { return z == 0; });
  os << "      acc[m][n] = " << (fc.getBias() ? "bias[n] + " : "")
     << "sum_k (x[m][k] - " << fc.inputZeroPoint() << ") * (w[n][k] - "
     << (wzp.size() == 1 ? std::to_string(wzp[0]) : std::string("zw[n]"))
     << ")   int32, K = " << in.getDimSize(1) << "\n";
  os << "      weight    " << typeName(w) << ", ";
  if (symmetric)
    os << "zero point 0 (symmetric)\n";
  else if (wzp.size() == 1)
    os << "zero point " << wzp[0] << " (asymmetric)\n";
  else
    os << "a zero point per output channel (asymmetric)\n";
  if (fc.getBias())
    os << "      bias      " << typeName(fc.getBias().getType())
       << " (scale = input scale * weight scale)\n";
  qint::RequantAttr rq = fc.getRequant();
  explainRequant(rq, os, verbose);
  auto [lo, hi] = qint::integerRange(fc.getType().getElementType());
  if (rq.getClampMin() == rq.getZeroPoint() && rq.getClampMin() > lo)
    os << "      relu      fused: the clamp's lower bound is the output zero "
          "point\n";
  else if (rq.getClampMin() > lo || rq.getClampMax() < hi)
    os << "      clamp     narrower than " << typeName(fc.getType()) << ": ["
       << rq.getClampMin() << ", " << rq.getClampMax() << "]\n";
}

void explainBoundary(func::FuncOp f, const FunctionSignature &sig,
                     llvm::raw_ostream &os) {
  os << "\n@" << sig.name
     << "  (float interface: converts at the boundary, once per call)\n";
  f.walk([&](Operation *op) {
    if (auto q = dyn_cast<qgraph::QuantizeOp>(op)) {
      TensorInfo t;
      QuantParams p = getQuantParams(getQuantizedElementType(q.getType()));
      t.scales.assign(p.scales.begin(), p.scales.end());
      t.zeroPoints.assign(p.zeroPoints.begin(), p.zeroPoints.end());
      os << "  quantize    " << typeName(q.getInput().getType()) << " -> "
         << typeName(q.getType()) << quantText(t)
         << " (round half to even, saturate)\n";
    } else if (auto dq = dyn_cast<qgraph::DequantizeOp>(op)) {
      TensorInfo t;
      QuantParams p =
          getQuantParams(getQuantizedElementType(dq.getInput().getType()));
      t.scales.assign(p.scales.begin(), p.scales.end());
      t.zeroPoints.assign(p.zeroPoints.begin(), p.zeroPoints.end());
      os << "  dequantize  " << typeName(dq.getInput().getType()) << " -> "
         << typeName(dq.getType()) << quantText(t) << "\n";
    } else if (auto call = dyn_cast<func::CallOp>(op)) {
      os << "  calls       @" << call.getCallee() << "\n";
    }
  });
}

} // namespace

bool explainModule(ModuleOp module, const CompileOptions &opts,
                   llvm::raw_ostream &os, bool verbose) {
  auto numerics = parseNumerics(opts.numerics).value_or(Numerics::Int);
  os << "numerics: " << numericsName(numerics) << " -- "
     << ruleText(roundingOf(numerics)) << "\n";

  std::vector<FunctionSignature> sigs = collectSignatures(module);
  SmallVector<FloatOpReport> allFloat;
  int integerOps = 0;
  for (const FunctionSignature &sig : sigs) {
    auto f = module.lookupSymbol<func::FuncOp>(sig.name);
    if (sig.isIoWrapper) {
      explainBoundary(f, sig, os);
      continue;
    }
    os << "\n@" << sig.name
       << (sig.coreOf.empty() ? "" : "  (integer core of @" + sig.coreOf + ")")
       << "\n";
    for (const auto *list : {&sig.inputs, &sig.outputs})
      for (const TensorInfo &t : *list)
        os << "  " << (list == &sig.inputs ? "in  " : "out ") << t.name << ": "
           << t.describe() << quantText(t) << "\n";
    int index = 0;
    f.walk([&](qint::FullyConnectedOp fc) {
      explainFullyConnected(fc, ++index, os, verbose);
      ++integerOps;
    });
    SmallVector<FloatOpReport> floats = findFloatOps(f);
    integerOps -= int(llvm::count_if(floats, [](const FloatOpReport &r) {
      return isa<qint::FullyConnectedOp>(r.op);
    }));
    for (const FloatOpReport &r : floats)
      os << "  float: " << r.reason << " (at " << locationName(r.op->getLoc())
         << ")\n";
    allFloat.append(floats.begin(), floats.end());
  }

  os << "\n";
  if (allFloat.empty()) {
    os << "integer-only: yes. " << integerOps
       << " fused operation(s); every operation between the input "
          "quantization and the output dequantization runs int8 x int8 -> "
          "int32 with "
       << (numerics == Numerics::IntSingleRound ? "single" : "double")
       << "-rounding fixed-point requantization.\n";
    return true;
  }
  os << "integer-only: NO. " << allFloat.size()
     << " operation(s) compute in float:\n";
  for (const FloatOpReport &r : allFloat)
    os << "  " << locationName(r.op->getLoc()) << ": " << r.reason << "\n";
  return false;
}

} // namespace qcc
