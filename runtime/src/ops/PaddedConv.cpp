// Convolutions of stride 1 on kernels that multiply whole 64-byte tiles of
// k (AMX), read in place from a padded copy of the input. In the padded
// image (the zero point around it; width Wp = pad_left + in_w + pad_right)
// the kw * C bytes of a window's tap row ky are contiguous, and
//
//   window(oy, ox) tap row ky = padded[oy + ky][ox .. ox + kw)[c]
//                             = padded + ((oy + ky) * Wp + ox) * C,
//
// so with the pixel index p = oy * Wp + ox every window is at padded + p *
// C plus ky * Wp * C per tap row: the GEMM's rows are the padded image's
// pixels, C bytes apart, and a row's k is kh pieces of kw * C bytes
// (RowRuns::taps). The last kw - 1 pixels of each padded row are windows
// that wrap into the next row: computed, never stored (RowRuns::width and
// valid). Tiles of rows run across image rows, so a 56-pixel row wastes
// 2 / 58 of the multiply-adds rather than the 8 / 64 of a tile per row
// (ops/BandConv.cpp), and each input pixel is copied once, not once per
// tap row.
//
// Refused (other paths serve): strides and dilations other than 1, groups,
// 1x1 windows (the GEMM reads their rows in place), tap rows that are not
// whole tiles (kw * C a multiple of 64, so that no k is padding), int8
// input (the kernels take uint8 bytes), and weight zero points other than
// the neutral ones (no row sums are made).
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Prepared.h"

#include <algorithm>
#include <cstring>

namespace qcc::rt {

namespace {

/// Bytes of a block's padded rows, at most (when one row is smaller).
constexpr int64_t kBlockBudget = 512 * 1024;

class PaddedConvOp final : public PreparedOp {
public:
  PaddedConvOp(const GemmKernels &kernels, const qcc_rt_conv2d_desc &d)
      : kernels(kernels), d(d), win(this->d.window) {}

  bool init() {
    const int64_t c = win.channels, kh = win.kernel_h, kw = win.kernel_w;
    // OHWI weights are [n][kh][kw * c]: the pieces as the rows hold them.
    const int64_t k = kh * kw * c;
    if (!packWeights(
            convWeightsDesc(d, d.weight, k),
            chooseShape(kernels, win.out_w * win.out_h, d.out_channels),
            weights))
      return false;
    width = win.pad_left + win.in_w + win.pad_right;
    rowBytes = width * c;
    blockRows =
        std::clamp<int64_t>(kBlockBudget / rowBytes - (kh - 1), 1, win.out_h);
    // The last tile reads up to a tile of rows past the block's last pixel,
    // each up to kh rows down and a window wide.
    slack = rowBytes + (weights.shape.mr + kw) * c + 64;
    return true;
  }

  size_t scratchBytes() const override {
    return size_t((blockRows + win.kernel_h - 1) * rowBytes + slack);
  }

  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *in = static_cast<const uint8_t *>(inputs[0]);
    auto *out = static_cast<uint8_t *>(output);
    // Where the weights outweigh the padded image, the threads split the
    // panels instead (each pads every block), so that each reads only its
    // share of the weights: ResNet-18's 7x7 layers on 512 channels (2.4 MB
    // of weights, from L3) took as long on 2 threads as on 1.
    const int64_t threads = res.pool->size();
    const int64_t imageBytes = (win.out_h + win.kernel_h - 1) * rowBytes;
    const int64_t groups =
        threads > 1 && weights.panels >= threads && weights.bytes() > imageBytes
            ? threads
            : 1;
    // Split by panels, the blocks need not be spread over the threads.
    const RowBlocks blocks(win.out_h, blockRows, win.batch,
                           groups > 1 ? 1 : threads);
    // Tasks group-major: the split hands each thread whole groups.
    const int64_t perGroup = blocks.count(win.batch);
    auto body = [&](int64_t begin, int64_t end, int thread) {
      for (int64_t t = begin; t < end; ++t) {
        const int64_t g = t / perGroup, i = t % perGroup;
        const int64_t b = blocks.image(i);
        const int64_t first = blocks.first(i), last = blocks.last(i);
        pad(in, b, first, last, res.scratch[thread]);
        runBlock(res.scratch[thread], b, first, last,
                 g * weights.panels / groups, (g + 1) * weights.panels / groups,
                 weights.bytes() / groups > kL2StreamedBytes, out);
      }
    };
    res.pool->parallelFor(groups * perGroup, body);
  }

private:
  /// The padded rows that output rows [first, last) of image b read:
  /// padded rows first .. last + kh - 2, the zero point outside the image.
  void pad(const uint8_t *in, int64_t b, int64_t first, int64_t last,
           uint8_t *dst) const {
    // Locals: the stores go through byte pointers, which may alias the
    // members, so reading those in the loop would reload them every time.
    const int64_t c = win.channels, inW = win.in_w, inH = win.in_h;
    const int64_t left = win.pad_left * c, inside = inW * c;
    const int64_t right = rowBytes - left - inside, bytes = rowBytes;
    const int zero = d.input_zero_point & 0xff;
    const uint8_t *image = in + b * inH * inside;
    const int64_t rows = last - first + win.kernel_h - 1;
    for (int64_t y = 0; y < rows; ++y, dst += bytes) {
      const int64_t iy = first + y - win.pad_top;
      if (iy < 0 || iy >= inH) {
        std::memset(dst, zero, size_t(bytes));
        continue;
      }
      std::memset(dst, zero, size_t(left));
      std::memcpy(dst + left, image + iy * inside, size_t(inside));
      std::memset(dst + left + inside, zero, size_t(right));
    }
  }

  /// Output rows [first, last) of image b from their padded rows, panels
  /// [p0, p1) one by one, every panel over all of the block's rows;
  /// RowRuns::prefetchPanels.
  void runBlock(const uint8_t *padded, int64_t b, int64_t first, int64_t last,
                int64_t p0, int64_t p1, bool prefetchPanels,
                uint8_t *out) const {
    const int64_t n = d.out_channels, nr = weights.shape.nr;
    const size_t outBytes = d.output_type == QCC_RT_I32 ? 4 : 1;
    RowRuns runs;
    runs.data = padded;
    runs.stride = win.channels;
    runs.count = (last - first - 1) * width + win.out_w;
    runs.outStride = n;
    runs.taps = win.kernel_h;
    runs.tapPitch = rowBytes;
    runs.width = width;
    runs.valid = win.out_w;
    runs.prefetchPanels = prefetchPanels;
    uint8_t *rowsOut = out + (b * win.out_h + first) * win.out_w * n * outBytes;
    TileRun run(kernels);
    for (int64_t p = p0; p < p1; ++p)
      kernels.strideTiles(weights, runs, p, rowsOut + p * nr * outBytes);
  }

  const GemmKernels &kernels;
  qcc_rt_conv2d_desc d;
  const qcc_rt_window &win;
  PackedWeights weights;
  int64_t width = 0, rowBytes = 0, blockRows = 1, slack = 0;
};

} // namespace

std::unique_ptr<PreparedOp> preparePaddedConv(const GemmKernels &kernels,
                                              const qcc_rt_conv2d_desc &d,
                                              bool &ok) {
  ok = true;
  const qcc_rt_window &w = d.window;
  if (!kernels.strideTiles || d.groups != 1 || w.stride_w != 1 ||
      w.stride_h != 1 || w.dilation_w != 1 || w.dilation_h != 1 ||
      (w.kernel_h == 1 && w.kernel_w == 1) || d.input_type != QCC_RT_U8 ||
      int64_t(w.kernel_w) * w.channels % 64 != 0 ||
      w.out_w != w.pad_left + w.in_w + w.pad_right - w.kernel_w + 1 ||
      w.out_h != w.pad_top + w.in_h + w.pad_bottom - w.kernel_h + 1 ||
      !neutralWeightZeroPoints(d))
    return nullptr;
  auto op = std::make_unique<PaddedConvOp>(kernels, d);
  ok = op->init();
  return ok ? std::move(op) : nullptr;
}

} // namespace qcc::rt
