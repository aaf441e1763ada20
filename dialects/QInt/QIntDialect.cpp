#include "dialects/QInt/QIntDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <cstdio>
#include <string>

using namespace mlir;
using namespace qcc::qint;

#include "dialects/QInt/QIntDialect.cpp.inc"
#include "dialects/QInt/QIntEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/QInt/QIntAttrs.cpp.inc"

void QIntDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/QInt/QIntAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/QInt/QIntOps.cpp.inc"
      >();
}

Operation *QIntDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}

std::pair<int64_t, int64_t> qcc::qint::integerRange(Type elementType) {
  auto t = cast<IntegerType>(elementType);
  unsigned w = t.getWidth();
  if (t.isUnsigned())
    return {0, (int64_t(1) << w) - 1};
  return {-(int64_t(1) << (w - 1)), (int64_t(1) << (w - 1)) - 1};
}

//===----------------------------------------------------------------------===//
// RequantAttr
//===----------------------------------------------------------------------===//

int64_t RequantAttr::getNumChannels() const {
  return getRounding() == Rounding::float_half_even ? getScale().size()
                                                    : getMultiplier().size();
}

// #qint.requant<rule, zp = Z, clamp = [lo, hi], multiplier = [..], shift =
// [..]> #qint.requant<float_half_even, zp = Z, clamp = [lo, hi], scale = [..]>
Attribute RequantAttr::parse(AsmParser &p, Type) {
  SMLoc loc = p.getCurrentLocation();
  StringRef ruleName;
  int32_t zp = 0, lo = 0, hi = 0;
  if (p.parseLess() || p.parseKeyword(&ruleName) || p.parseComma() ||
      p.parseKeyword("zp") || p.parseEqual() || p.parseInteger(zp) ||
      p.parseComma() || p.parseKeyword("clamp") || p.parseEqual() ||
      p.parseLSquare() || p.parseInteger(lo) || p.parseComma() ||
      p.parseInteger(hi) || p.parseRSquare())
    return {};
  std::optional<Rounding> rule = symbolizeRounding(ruleName);
  if (!rule) {
    p.emitError(loc, "unknown rounding rule '") << ruleName << "'";
    return {};
  }
  SmallVector<int32_t> multiplier, shift;
  SmallVector<float> scale;
  while (succeeded(p.parseOptionalComma())) {
    StringRef key;
    SMLoc keyLoc = p.getCurrentLocation();
    if (p.parseKeyword(&key) || p.parseEqual())
      return {};
    auto parseList = [&](auto element) {
      return p.parseCommaSeparatedList(AsmParser::Delimiter::Square, element);
    };
    ParseResult r = failure();
    if (key == "multiplier" || key == "shift") {
      auto &list = key == "multiplier" ? multiplier : shift;
      r = parseList([&] { return p.parseInteger(list.emplace_back()); });
    } else if (key == "scale") {
      r = parseList([&] {
        double v;
        if (p.parseFloat(v))
          return failure();
        scale.push_back(float(v));
        return success();
      });
    } else {
      p.emitError(keyLoc, "unknown requant field '") << key << "'";
    }
    if (failed(r))
      return {};
  }
  if (p.parseGreater())
    return {};
  MLIRContext *ctx = p.getContext();
  return getChecked([&] { return p.emitError(loc); }, ctx, *rule, zp, lo, hi,
                    DenseI32ArrayAttr::get(ctx, multiplier),
                    DenseI32ArrayAttr::get(ctx, shift),
                    DenseF32ArrayAttr::get(ctx, scale));
}

void RequantAttr::print(AsmPrinter &p) const {
  p << '<' << stringifyRounding(getRounding()) << ", zp = " << getZeroPoint()
    << ", clamp = [" << getClampMin() << ", " << getClampMax() << "]";
  if (isIntegerOnly()) {
    p << ", multiplier = [";
    llvm::interleaveComma(getMultiplier().asArrayRef(), p);
    p << "], shift = [";
    llvm::interleaveComma(getShift().asArrayRef(), p);
    p << "]";
  } else {
    // Nine significant digits print every float32 so that it parses back
    // to the same bits; MLIR's float literals need a '.' (1.0, 1.0e+10).
    p << ", scale = [";
    llvm::interleaveComma(getScale().asArrayRef(), p, [&](float s) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.9g", double(s));
      std::string text = buf;
      if (text.find('.') == std::string::npos) {
        size_t e = text.find('e');
        text.insert(e == std::string::npos ? text.size() : e, ".0");
      }
      p << text;
    });
    p << "]";
  }
  p << '>';
}

LogicalResult RequantAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  Rounding rounding, int32_t zeroPoint,
                                  int32_t clampMin, int32_t clampMax,
                                  DenseI32ArrayAttr multiplierAttr,
                                  DenseI32ArrayAttr shiftAttr,
                                  DenseF32ArrayAttr scaleAttr) {
  (void)zeroPoint;
  if (!multiplierAttr || !shiftAttr || !scaleAttr)
    return emitError() << "requant is missing its parameter arrays";
  ArrayRef<int32_t> multiplier = multiplierAttr.asArrayRef();
  ArrayRef<int32_t> shift = shiftAttr.asArrayRef();
  ArrayRef<float> scale = scaleAttr.asArrayRef();
  if (clampMin > clampMax)
    return emitError() << "requant clamp [" << clampMin << ", " << clampMax
                       << "] is empty";
  if (rounding == Rounding::float_half_even) {
    if (scale.empty() || !multiplier.empty() || !shift.empty())
      return emitError() << "float_half_even requant takes scales only";
    for (float s : scale)
      if (!(s > 0.0f) || !std::isfinite(s))
        return emitError() << "requant scale " << s
                           << " is not positive and finite";
    return success();
  }
  if (multiplier.empty() || multiplier.size() != shift.size() || !scale.empty())
    return emitError() << "integer requant takes as many multipliers as "
                          "shifts, and no scales";
  for (size_t i = 0; i < multiplier.size(); ++i) {
    if (multiplier[i] != 0 && multiplier[i] < (int32_t(1) << 30))
      return emitError() << "requant multiplier " << multiplier[i]
                         << " is not a Q31 mantissa in [2^30, 2^31)";
    if (shift[i] < -31 || shift[i] > 30)
      return emitError() << "requant shift " << shift[i]
                         << " is outside [-31, 30]";
  }
  return success();
}
