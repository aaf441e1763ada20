#include "AddProblem.h"

#include "QuantProblem.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace qcc::bench {

AddProblem::AddProblem(const AddCase &c)
    : c(c), a(alignedBuffer<uint8_t>(size_t(c.count) + QuantProblem::kSlack)),
      b(alignedBuffer<uint8_t>(size_t(c.count) + QuantProblem::kSlack)) {
  fillRandom(a.get(), size_t(c.count), uint64_t(c.count) * 3 + 1);
  fillRandom(b.get(), size_t(c.count), uint64_t(c.count) * 5 + 2);
  const double twiceMax = 2 * std::max(c.sA, c.sB);
  if (rt::quantizeMultiplier(c.sA / twiceMax, mA) !=
          rt::MultiplierError::None ||
      rt::quantizeMultiplier(c.sB / twiceMax, mB) !=
          rt::MultiplierError::None ||
      rt::quantizeMultiplier(
          twiceMax / (std::ldexp(1.0, rt::kAddLeftShift) * c.sOut), mOut) !=
          rt::MultiplierError::None)
    throw std::runtime_error("add scales out of range");
  rA = float(c.sA / c.sOut);
  rB = float(c.sB / c.sOut);
}

int32_t AddProblem::expected(int64_t i, rt::Rounding rule) const {
  if (rule == rt::Rounding::FloatHalfEven)
    return rt::addFloat(a[i], b[i], c.zpA, c.zpB, rA, rB, c.zpOut, 0, 255);
  return rt::addQuantized(a[i], b[i], c.zpA, c.zpB, rt::kAddLeftShift, mA, mB,
                          mOut, rule, c.zpOut, 0, 255);
}

} // namespace qcc::bench
