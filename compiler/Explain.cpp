#include "compiler/Explain.h"

#include "compiler/Signature.h"
#include "dialects/QuantTypeChecks.h"
#include "passes/IntegerOnly.h"
#include "passes/Numerics.h"
#include "qcc/runtime/Requantize.h"

#include "llvm/ADT/TypeSwitch.h"
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
  else if (auto fused = dyn_cast<FusedLoc>(loc);
           fused && !fused.getLocations().empty())
    return locationName(fused.getLocations().front());
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
    return ", scale " + format9(t.scales[0]) + ", zero point " +
           std::to_string(t.zeroPoints[0]);
  return ", per channel (" + std::to_string(t.scales.size()) + " scales)";
}

std::string quantText(Type tensor) {
  TensorInfo t;
  if (auto q = getQuantizedElementType(tensor)) {
    QuantParams p = getQuantParams(q);
    t.scales.assign(p.scales.begin(), p.scales.end());
    t.zeroPoints.assign(p.zeroPoints.begin(), p.zeroPoints.end());
  }
  return quantText(t);
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

std::string perText(int64_t channels, StringRef what) {
  return channels == 1
             ? std::string("per tensor")
             : "per " + what.str() + " (" + std::to_string(channels) + ")";
}

/// The requantization table: multiplier and shift (or float scale) per
/// channel, the first few unless verbose.
void explainRequant(qint::RequantAttr rq, StringRef label, StringRef per,
                    llvm::raw_ostream &os, bool verbose,
                    llvm::function_ref<int64_t(size_t)> rowName = nullptr) {
  auto name = [&](size_t c) { return rowName ? rowName(c) : int64_t(c); };
  int64_t channels = rq.getNumChannels();
  os << "      " << llvm::left_justify(label, 9) << " "
     << stringifyRounding(rq.getRounding()) << ", " << perText(channels, per)
     << ": out = clamp(" << rq.getZeroPoint() << " + rescale(acc), "
     << rq.getClampMin() << ", " << rq.getClampMax() << ")\n";
  size_t shown = verbose ? size_t(channels)
                         : std::min<size_t>(size_t(channels), kChannelsShown);
  if (rq.isIntegerOnly()) {
    ArrayRef<int32_t> m = rq.getMultiplier().asArrayRef();
    ArrayRef<int32_t> s = rq.getShift().asArrayRef();
    os << "                " << llvm::right_justify(per, 7)
       << "  multiplier  shift  = real scale\n";
    for (size_t c = 0; c < shown; ++c)
      os << llvm::format("                %7lld  %10d  %5d  = %.9g\n",
                         (long long)name(c), m[c], s[c],
                         rt::multiplierValue({m[c], s[c]}));
  } else {
    ArrayRef<float> s = rq.getScale().asArrayRef();
    os << "                " << llvm::right_justify(per, 7)
       << "  float32 scale\n";
    for (size_t c = 0; c < shown; ++c)
      os << llvm::format("                %7lld  %.9g\n", (long long)name(c),
                         double(s[c]));
  }
  if (shown < size_t(channels))
    os << "                ... " << channels - int64_t(shown)
       << " more (--verbose prints all)\n";
}

/// What the clamp does beyond the output type's range.
void explainClamp(qint::RequantAttr rq, Type resultType,
                  llvm::raw_ostream &os) {
  auto [lo, hi] = qint::integerRange(getElementTypeOrSelf(resultType));
  if (rq.getClampMin() == rq.getZeroPoint() && rq.getClampMin() > lo &&
      rq.getClampMax() == hi)
    os << "      relu      fused: the clamp's lower bound is the output zero "
          "point\n";
  else if (rq.getClampMin() > lo || rq.getClampMax() < hi)
    os << "      clamp     a fused relu/clip: [" << rq.getClampMin() << ", "
       << rq.getClampMax() << "] inside " << lo << ".." << hi << "\n";
}

void explainWeights(Value weight, Value bias, ArrayRef<int32_t> wzp,
                    int32_t inputZp, StringRef sum, int64_t reduction,
                    llvm::raw_ostream &os) {
  bool symmetric = llvm::all_of(wzp, [](int32_t z) { return z == 0; });
  os << "      acc       = " << (bias ? "bias[o] + " : "") << "sum_" << sum
     << " (x - " << inputZp << ") * (w - "
     << (wzp.size() == 1 ? std::to_string(wzp[0]) : std::string("zw[o]"))
     << ")   int32, " << reduction << " terms\n";
  os << "      weight    " << typeName(weight.getType()) << ", ";
  if (symmetric)
    os << "zero point 0 (symmetric)\n";
  else if (wzp.size() == 1)
    os << "zero point " << wzp[0] << " (asymmetric)\n";
  else
    os << "a zero point per output channel (asymmetric)\n";
  if (bias)
    os << "      bias      " << typeName(bias.getType())
       << " (scale = input scale * weight scale)\n";
}

void explainEpilogue(std::optional<qint::RequantAttr> rq, Type resultType,
                     llvm::raw_ostream &os, bool verbose) {
  if (!rq) {
    os << "      output    the int32 accumulator itself (no requantization)\n";
    return;
  }
  explainRequant(*rq, "requant", "channel", os, verbose);
  explainClamp(*rq, resultType, os);
}

std::string windowText(ArrayRef<int64_t> kernel, ArrayRef<int64_t> strides,
                       ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations) {
  std::string s =
      std::to_string(kernel[0]) + "x" + std::to_string(kernel[1]) + " stride " +
      std::to_string(strides[0]) + "x" + std::to_string(strides[1]) +
      " pads [" + std::to_string(pads[0]) + "," + std::to_string(pads[1]) +
      "," + std::to_string(pads[2]) + "," + std::to_string(pads[3]) + "]";
  if (dilations[0] != 1 || dilations[1] != 1)
    s += " dilation " + std::to_string(dilations[0]) + "x" +
         std::to_string(dilations[1]);
  return s;
}

/// One line per integer operation, with its arithmetic; false for
/// operations that are not described (constants, casts, reshapes).
bool explainOp(Operation *op, int index, llvm::raw_ostream &os, bool verbose) {
  auto head = [&](StringRef what) -> llvm::raw_ostream & {
    return os << "  [" << index << "] " << what << " at "
              << locationName(op->getLoc()) << ": ";
  };
  return llvm::TypeSwitch<Operation *, bool>(op)
      .Case([&](qint::FullyConnectedOp fc) {
        head("fully connected") << typeName(fc.getInput().getType()) << " x "
                                << typeName(fc.getWeight().getType())
                                << "^T -> " << typeName(fc.getType()) << "\n";
        explainWeights(fc.getWeight(), fc.getBias(), fc.getWeightZeroPoints(),
                       fc.inputZeroPoint(), "k",
                       fc.getWeight().getType().getDimSize(1), os);
        explainEpilogue(fc.getRequant(), fc.getType(), os, verbose);
        return true;
      })
      .Case([&](qint::Conv2dOp c) {
        head("convolution") << typeName(c.getInput().getType()) << " (NHWC) * "
                            << typeName(c.getWeight().getType())
                            << " (OHWI) -> " << typeName(c.getType()) << "\n";
        auto w = c.getWeight().getType();
        os << "      window    "
           << windowText({w.getDimSize(1), w.getDimSize(2)}, c.getStrides(),
                         c.getPads(), c.getDilations())
           << (c.getGroups() > 1
                   ? ", " + std::to_string(c.getGroups()) + " groups"
                   : std::string())
           << "; padding reads the input zero point\n";
        explainWeights(c.getWeight(), c.getBias(), c.getWeightZeroPoints(),
                       c.inputZeroPoint(), "window",
                       w.getDimSize(1) * w.getDimSize(2) * w.getDimSize(3), os);
        explainEpilogue(c.getRequant(), c.getType(), os, verbose);
        return true;
      })
      .Case([&](qint::AddOp a) {
        head("add") << typeName(a.getLhs().getType()) << " + "
                    << typeName(a.getRhs().getType()) << "\n";
        if (a.getRequant().isIntegerOnly())
          os << "      acc       = rescale_a((a - " << a.lhsZeroPoint()
             << ") << " << int32_t(a.getLeftShift()) << ") + rescale_b((b - "
             << a.rhsZeroPoint() << ") << " << int32_t(a.getLeftShift())
             << ")\n";
        else
          os << "      float     round_half_even(zp - (rA * "
             << a.lhsZeroPoint() << " + rB * " << a.rhsZeroPoint()
             << ") + a * rA + b * rB), as ONNX Runtime\n";
        explainRequant(a.getLhsRescale(), "rescale_a", "input", os, verbose);
        explainRequant(a.getRhsRescale(), "rescale_b", "input", os, verbose);
        explainRequant(a.getRequant(), "requant", "output", os, verbose);
        explainClamp(a.getRequant(), a.getType(), os);
        return true;
      })
      .Case([&](qint::RequantizeOp r) {
        head("requantize") << typeName(r.getInput().getType()) << " -> "
                           << typeName(r.getType()) << "\n";
        os << "      acc       = x - " << r.inputZeroPoint() << "\n";
        explainRequant(r.getRequant(), "requant", "tensor", os, verbose);
        explainClamp(r.getRequant(), r.getType(), os);
        return true;
      })
      .Case([&](qint::MaxPool2dOp p) {
        head("max pool") << typeName(p.getInput().getType()) << " (NHWC) -> "
                         << typeName(p.getType()) << ", "
                         << windowText(p.getKernel(), p.getStrides(),
                                       p.getPads(), p.getDilations())
                         << "\n      the largest stored value: no "
                            "arithmetic\n";
        return true;
      })
      .Case([&](qint::AvgPool2dOp p) {
        head("average pool")
            << typeName(p.getInput().getType()) << " (NHWC) -> "
            << typeName(p.getType()) << ", "
            << windowText(p.getKernel(), p.getStrides(), p.getPads(),
                          p.getDilations())
            << "\n      acc       = sum_window (x - " << p.inputZeroPoint()
            << "), divided and requantized at once\n";
        // One requantization per divisor 1..n where padding shortens
        // windows, else one for the full window.
        int64_t area = p.getKernel()[0] * p.getKernel()[1];
        int64_t perDivisor = p.getRequant().getNumChannels() > 1;
        explainRequant(
            p.getRequant(), "requant", "divisor", os, verbose,
            [&](size_t c) { return perDivisor ? int64_t(c) + 1 : area; });
        return true;
      })
      .Case([&](qint::ConcatOp c) {
        head("concat") << c.getInputs().size() << " inputs along axis "
                       << c.getAxis() << " -> " << typeName(c.getType())
                       << "\n";
        if (auto requants = c.getRequants())
          for (auto [i, a] : llvm::enumerate(*requants))
            explainRequant(cast<qint::RequantAttr>(a),
                           "input " + std::to_string(i), "tensor", os, verbose);
        else
          os << "      inputs share the output's quantization: copied\n";
        return true;
      })
      .Case([&](qint::TransposeOp t) {
        head("transpose") << typeName(t.getInput().getType()) << " -> "
                          << typeName(t.getType())
                          << " (moves bytes, no arithmetic)\n";
        return true;
      })
      .Case([&](qint::DynamicFullyConnectedOp d) {
        head("dynamic fully connected")
            << typeName(d.getInput().getType()) << " x "
            << typeName(d.getWeight().getType()) << "^T -> "
            << typeName(d.getType()) << "\n";
        os << "      input     quantized at run time: range ["
           << int32_t(d.getQmin()) << ", " << int32_t(d.getQmax())
           << "] of min/max including 0, fused into "
           << "the packing\n"
           << "      acc       = sum_k (xq - x_zp) * (w - zw[n])   int32\n"
           << "      output    float(acc) * (x_scale * w_scale[n])"
           << (d.getBias() ? " + bias[n]" : "") << (d.getRelu() ? ", relu" : "")
           << "   float32\n";
        return true;
      })
      .Default([](Operation *) { return false; });
}

void explainBoundary(func::FuncOp f, const FunctionSignature &sig,
                     llvm::raw_ostream &os) {
  os << "\n@" << sig.name
     << "  (float interface: converts at the boundary, once per call)\n";
  f.walk([&](Operation *op) {
    if (auto q = dyn_cast<qgraph::QuantizeOp>(op))
      os << "  quantize    " << typeName(q.getInput().getType()) << " -> "
         << typeName(q.getType()) << quantText(q.getType())
         << " (round half to even, saturate)\n";
    else if (auto dq = dyn_cast<qgraph::DequantizeOp>(op))
      os << "  dequantize  " << typeName(dq.getInput().getType()) << " -> "
         << typeName(dq.getType()) << quantText(dq.getInput().getType())
         << "\n";
    else if (auto call = dyn_cast<func::CallOp>(op))
      os << "  calls       @" << call.getCallee() << "\n";
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
    SmallVector<FloatOpReport> floats = findFloatOps(f);
    int index = 0;
    f.walk([&](Operation *op) {
      if (explainOp(op, index + 1, os, verbose)) {
        ++index;
        bool isFloat = llvm::any_of(
            floats, [&](const FloatOpReport &r) { return r.op == op; });
        integerOps += isFloat ? 0 : 1;
      }
    });
    for (const FloatOpReport &r : floats)
      os << "  float: " << r.reason << " (at " << locationName(r.op->getLoc())
         << ")\n";
    allFloat.append(floats.begin(), floats.end());
  }

  os << "\n";
  if (allFloat.empty()) {
    os << "integer-only: yes. " << integerOps
       << " integer operation(s); every operation between the input "
          "quantization and the output dequantization computes on integers, "
          "int8 x int8 -> int32 with "
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
