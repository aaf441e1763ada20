#include "Xnnpack.h"

#include <pthreadpool.h>
#include <xnnpack.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace qcc::bench {

namespace {

void check(xnn_status status, const char *what) {
  if (status != xnn_status_success)
    throw std::runtime_error(std::string(what) + " failed with status " +
                             std::to_string(int(status)));
}

void initializeOnce() {
  static const xnn_status status = xnn_initialize(nullptr);
  check(status, "xnn_initialize");
}

class XnnpackOp final : public Int8Op {
public:
  XnnpackOp(const QuantProblem &p, int threads) : threads(threads) {
    try {
      create(p);
    } catch (...) {
      release();
      throw;
    }
  }
  ~XnnpackOp() override { release(); }

  void run(size_t set) override { xnn_run_operator(ops[set], pool); }
  const void *output() const override { return out.get(); }
  bool signedOutput() const override { return true; }
  rt::Rounding rule() const override { return rt::Rounding::FloatHalfEven; }
  int tolerance() const override { return 1; }
  std::string describe() const override {
    return "XNNPACK qc8, int8 activations (uint8 - 128), " +
           std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  }

private:
  void create(const QuantProblem &p) {
    initializeOnce();
    const ConvGeometry &g = p.geometry();
    const size_t inBytes = size_t(g.inputElements());
    in = alignedBuffer<int8_t>(inBytes + QuantProblem::kSlack);
    for (size_t i = 0; i < inBytes; ++i)
      in[i] = int8_t(p.input()[i] ^ 0x80); // uint8 - 128
    out = alignedBuffer<int8_t>(size_t(g.outputElements()) +
                                QuantProblem::kSlack);
    if (threads > 1) {
      pool = pthreadpool_create(size_t(threads));
      if (!pool)
        throw std::runtime_error("pthreadpool_create failed");
    }
    const size_t groupIn = size_t(g.channels / g.groups);
    const size_t groupOut = size_t(g.outChannels / g.groups);
    for (size_t s = 0; s < p.weightSets(); ++s) {
      xnn_operator_t op = nullptr;
      // Input and output scales 1: the kernel scale is the whole
      // requantization scale of the channel.
      check(xnn_create_convolution2d_nhwc_qc8(
                uint32_t(g.pad), uint32_t(g.pad), uint32_t(g.pad),
                uint32_t(g.pad), uint32_t(g.kernelH), uint32_t(g.kernelW),
                uint32_t(g.stride), uint32_t(g.stride), 1, 1,
                uint32_t(g.groups), groupIn, groupOut, size_t(g.channels),
                size_t(g.outChannels),
                int8_t(QuantProblem::kInputZeroPoint - 128), 1.0f,
                p.floatScales().data(), p.weights(s), p.bias(),
                int8_t(QuantProblem::kOutputZeroPoint - 128), 1.0f, -128, 127,
                0, &op),
            "xnn_create_convolution2d_nhwc_qc8");
      ops.push_back(op);
      check(xnn_setup_convolution2d_nhwc_qc8(
                op, 1, size_t(g.inH), size_t(g.inW), in.get(), out.get(), pool),
            "xnn_setup_convolution2d_nhwc_qc8");
    }
  }
  void release() {
    for (xnn_operator_t op : ops)
      xnn_delete_operator(op);
    ops.clear();
    if (pool)
      pthreadpool_destroy(pool);
    pool = nullptr;
  }

  int threads;
  pthreadpool_t pool = nullptr;
  AlignedBuffer<int8_t> in, out;
  std::vector<xnn_operator_t> ops;
};

class XnnpackAdd final : public Int8Op {
public:
  explicit XnnpackAdd(const AddProblem &p)
      : out(alignedBuffer<uint8_t>(size_t(p.shape().count) +
                                   QuantProblem::kSlack)) {
    initializeOnce();
    const AddCase &c = p.shape();
    check(xnn_create_add_nd_qu8(uint8_t(c.zpA), float(c.sA), uint8_t(c.zpB),
                                float(c.sB), uint8_t(c.zpOut), float(c.sOut), 0,
                                255, 0, &op),
          "xnn_create_add_nd_qu8");
    const size_t shape[1] = {size_t(c.count)};
    const xnn_status setup = xnn_setup_add_nd_qu8(
        op, 1, shape, 1, shape, p.inputA(), p.inputB(), out.get(), nullptr);
    if (setup != xnn_status_success)
      xnn_delete_operator(op); // no destructor runs after a throw
    check(setup, "xnn_setup_add_nd_qu8");
  }
  ~XnnpackAdd() override { xnn_delete_operator(op); }

  void run(size_t) override { xnn_run_operator(op, nullptr); }
  const void *output() const override { return out.get(); }
  rt::Rounding rule() const override { return rt::Rounding::FloatHalfEven; }
  int tolerance() const override { return 1; }
  std::string describe() const override { return "XNNPACK qu8, 1 thread"; }

private:
  AlignedBuffer<uint8_t> out;
  xnn_operator_t op = nullptr;
};

} // namespace

std::unique_ptr<Int8Op> makeXnnpackOp(const QuantProblem &problem,
                                      int threads) {
  return std::make_unique<XnnpackOp>(problem, threads);
}

std::unique_ptr<Int8Op> makeXnnpackAdd(const AddProblem &problem) {
  return std::make_unique<XnnpackAdd>(problem);
}

} // namespace qcc::bench
