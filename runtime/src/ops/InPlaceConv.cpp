// Convolutions without gathering windows: on NHWC input the kw * C bytes of
// one tap row of a window are contiguous, so each GEMM row is read in
// place, one segment per tap row, with `stride_w * C` bytes between
// neighbouring output pixels. For few input channels (an image network's
// first layer, on 3 colour channels) gathering would copy every window (49
// taps of 3 bytes for a 7x7 layer) for a few multiply-adds per byte; for
// more channels it still costs about a tenth of a 3x3 layer on 64 channels,
// so windows whose k fits a panel of weights in L1 are read in place too.
//
// Each segment is padded to 4 bytes (vpdpbusd's groups) with weights of
// zero: the bytes read past the tap row belong to the next pixel or row and
// are multiplied by zero. Rows above and below the image read a row of
// zero-point bytes; pixels whose windows cross the left or right edge (or
// whose last segment would read past the input's end) are gathered into
// scratch in the same layout. Refused (the gathering path serves): groups,
// dilation along the width, int8 input (the kernels take uint8 bytes, and
// flipping them in place is not possible) and weight zero points other
// than the neutral ones (no row sums are made).
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Prepared.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace qcc::rt {

namespace {

/// The largest k read in place past a few channels, for rows of kWideRow
/// pixels or more, a run per row: their tiles are full, and the panel
/// streams from L2 fast enough on Zen 4 (ResNet-18's 3x3 layers on 128
/// channels, 28 pixels wide, k = 1152, AMD EPYC: 535-549 -> 523-526 us).
constexpr int64_t kMaxWideInPlaceK = 1152;
constexpr int64_t kWideRow = 28;
/// The same for narrower rows, whose pixels go in runs across rows
/// (kMinRunPixels) so that their tiles are full too: 3x3 on 256 channels,
/// 14 wide (k = 2304), 513.5 -> 505.2 us; with a run per row it had been
/// 1-3 % slower than gathering. On 512 channels, 7 wide (k = 4608),
/// ResNet-18 went 8.91 -> 9.09 ms.
constexpr int64_t kMaxNarrowInPlaceK = 2304;
/// Input channels from which a row's pixels go to the kernels as one run,
/// a pointer per pixel and tap row, so that the gathered pixels at the
/// edges share tiles with the others. On fewer channels the pointers cost
/// more than single-row tiles do (MobileNetV2's first layer, 3 channels:
/// 140 -> 150-190 us), so the pixels inside go as a strided run and each
/// edge's as another.
constexpr int64_t kPointerRunChannels = 16;
/// Runs of pixels across rows (kPointerRunChannels or more, rows narrower
/// than kWideRow) hold whole tiles of at least this many pixels.
constexpr int64_t kMinRunPixels = 48;

/// A tap row's kw * C bytes, padded to vpdpbusd's groups of 4.
int64_t segmentBytes(const qcc_rt_window &w) {
  return (int64_t(w.kernel_w) * w.channels + 3) / 4 * 4;
}

class InPlaceConvOp final : public PreparedOp {
public:
  InPlaceConvOp(const GemmKernels &kernels, const qcc_rt_conv2d_desc &d)
      : kernels(kernels), d(d), win(this->d.window) {}

  bool init() {
    const int64_t c = win.channels, kh = win.kernel_h, kw = win.kernel_w;
    const int64_t n = d.out_channels;
    segment = segmentBytes(win);
    // The weights [n][kh][kw * c] spread to [n][kh][segment]; the padding
    // holds each channel's zero point, a weight of zero.
    std::vector<uint8_t> spread(size_t(n * kh * segment));
    const auto *w8 = static_cast<const uint8_t *>(d.weight);
    for (int64_t o = 0; o < n; ++o) {
      const uint8_t zero =
          uint8_t(d.weight_zero_point[d.weight_zero_point_count > 1 ? o : 0]);
      for (int64_t ky = 0; ky < kh; ++ky) {
        uint8_t *dst = spread.data() + (o * kh + ky) * segment;
        std::memcpy(dst, w8 + (o * kh + ky) * kw * c, size_t(kw * c));
        std::memset(dst + kw * c, zero, size_t(segment - kw * c));
      }
    }
    const int64_t m = win.batch * win.out_h * win.out_w;
    if (!packWeights(convWeightsDesc(d, spread.data(), kh * segment),
                     chooseShape(kernels, m, n), weights))
      return false;
    fillRow = alignedArray<uint8_t>(size_t(win.in_w * c + segment));
    if (!fillRow)
      return false;
    std::memset(fillRow.get(), d.input_zero_point & 0xff,
                size_t(win.in_w * c + segment));
    // Output columns whose windows are inside the image's columns, and
    // those whose last segment also ends inside the row (for the input's
    // last row, where nothing follows).
    const int64_t sw = win.stride_w, pl = win.pad_left;
    insideBegin = (pl + sw - 1) / sw;
    insideEnd = insideBegin;
    while (insideEnd < win.out_w && insideEnd * sw - pl + kw - 1 < win.in_w)
      ++insideEnd;
    safeEnd = insideEnd;
    while (safeEnd > insideBegin &&
           ((safeEnd - 1) * sw - pl) * c + segment > win.in_w * c)
      --safeEnd;
    const int64_t mr = weights.shape.mr;
    if (c >= kPointerRunChannels && win.out_w < kWideRow)
      runPixels = (std::max(win.out_w, kMinRunPixels) + mr - 1) / mr * mr;
    return true;
  }

  size_t scratchBytes() const override {
    const int64_t pixels = std::max(win.out_w, runPixels);
    return size_t(pixels * weights.kPadded + 64 +
                  pixels * int64_t(win.kernel_h) * 8);
  }

  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *in = static_cast<const uint8_t *>(inputs[0]);
    auto *out = static_cast<uint8_t *>(output);
    if (runPixels) {
      const int64_t pixels = win.batch * win.out_h * win.out_w;
      auto body = [&](TaskQueue &queue, int thread) {
        for (int64_t t; (t = queue.next(thread)) >= 0;) {
          const int64_t first = t * runPixels;
          runOfPixels(in, out, first, std::min(runPixels, pixels - first),
                      res.scratch[thread]);
        }
      };
      res.pool->parallelTasks((pixels + runPixels - 1) / runPixels, body);
      return;
    }
    auto body = [&](TaskQueue &queue, int thread) {
      for (int64_t row; (row = queue.next(thread)) >= 0;)
        runRow(in, out, row, res.scratch[thread]);
    };
    res.pool->parallelTasks(win.batch * win.out_h, body);
  }

private:
  /// The tap rows of output row `row` (a row of zero points above and
  /// below the image), and the end of the columns read in place.
  int64_t tapRows(const uint8_t *in, int64_t row, const uint8_t **rows) const {
    const int64_t b = row / win.out_h, oy = row % win.out_h;
    // Whether a tap row is the input's last: nothing follows it.
    bool last = false;
    for (int64_t ky = 0; ky < win.kernel_h; ++ky) {
      const int64_t iy = oy * win.stride_h - win.pad_top + ky * win.dilation_h;
      const bool inside = iy >= 0 && iy < win.in_h;
      rows[ky] = inside ? in + ((b * win.in_h + iy) * win.in_w) * win.channels
                        : fillRow.get();
      last |= inside && b == win.batch - 1 && iy == win.in_h - 1;
    }
    return last ? safeEnd : insideEnd;
  }

  /// Gathers the window of output column ox into dst (kh segments, padding
  /// as the zero point); taps: where to note each segment, if not null.
  void gatherWindow(const uint8_t *const *rows, int64_t ox, uint8_t *dst,
                    const uint8_t **taps) const {
    const int64_t c = win.channels, kw = win.kernel_w;
    const int64_t x0 = ox * win.stride_w - win.pad_left;
    for (int64_t ky = 0; ky < win.kernel_h; ++ky) {
      uint8_t *seg = dst + ky * segment;
      for (int64_t kx = 0; kx < kw; ++kx) {
        const int64_t ix = x0 + kx;
        std::memcpy(seg + kx * c,
                    ix >= 0 && ix < win.in_w ? rows[ky] + ix * c
                                             : fillRow.get(),
                    size_t(c));
      }
      std::memset(seg + kw * c, 0, size_t(segment - kw * c));
      if (taps)
        taps[ky] = seg;
    }
  }

  /// Output pixels [first, first + count) of the whole batch, whatever
  /// rows they are on, as one run with a pointer per pixel and tap row.
  void runOfPixels(const uint8_t *in, uint8_t *out, int64_t first,
                   int64_t count, uint8_t *scratch) const {
    const int64_t kh = win.kernel_h;
    uint8_t *gathered = scratch;
    auto **taps = reinterpret_cast<const uint8_t **>(
        scratch + (count * weights.kPadded + 63) / 64 * 64);
    const uint8_t *rows[64];
    int64_t row = first / win.out_w, ox = first % win.out_w;
    int64_t end = tapRows(in, row, rows);
    const int64_t step = win.stride_w * win.channels;
    for (int64_t i = 0; i < count; ++i, ++ox) {
      if (ox == win.out_w)
        end = tapRows(in, ++row, rows), ox = 0;
      const uint8_t **tap = taps + i * kh;
      if (ox >= insideBegin && ox < end)
        for (int64_t ky = 0; ky < kh; ++ky)
          tap[ky] = rows[ky] + ox * step - win.pad_left * win.channels;
      else
        gatherWindow(rows, ox, gathered + i * weights.kPadded, tap);
    }
    windowTiles(taps, 0, first, count, out);
  }

  /// Output pixels [first, first + count) of the batch through every panel
  /// of weights: taps and step as GemmKernels::windowTiles takes them.
  void windowTiles(const uint8_t *const *taps, int64_t step, int64_t first,
                   int64_t count, uint8_t *out) const {
    const int64_t n = d.out_channels, nr = weights.shape.nr;
    const size_t outBytes = d.output_type == QCC_RT_I32 ? 4 : 1;
    uint8_t *dst = out + first * n * outBytes;
    for (int64_t p = 0; p < weights.panels; ++p)
      kernels.windowTiles(weights, taps, win.kernel_h, segment, step, count, p,
                          dst + p * nr * outBytes, n);
  }

  /// One output row: on many channels (oneRun) as one run with a pointer
  /// per pixel and tap row; on few, the pixels inside as a strided run and
  /// each edge's gathered as another.
  void runRow(const uint8_t *in, uint8_t *out, int64_t row,
              uint8_t *scratch) const {
    const int64_t c = win.channels, kh = win.kernel_h;
    uint8_t *gathered = scratch;
    auto **taps = reinterpret_cast<const uint8_t **>(
        scratch + (win.out_w * weights.kPadded + 63) / 64 * 64);
    const uint8_t *rows[64];
    const int64_t end = tapRows(in, row, rows);
    const bool oneRun = c >= kPointerRunChannels;
    auto emit = [&](int64_t first, int64_t count, int64_t step) {
      windowTiles(taps, step, row * win.out_w + first, count, out);
    };
    // Pixels inside: read in place.
    const int64_t step = win.stride_w * c;
    if (end > insideBegin) {
      for (int64_t ky = 0; ky < kh; ++ky) {
        const uint8_t *tap =
            rows[ky] + (insideBegin * win.stride_w - win.pad_left) * c;
        if (!oneRun)
          taps[ky] = tap;
        else
          for (int64_t ox = insideBegin; ox < end; ++ox, tap += step)
            taps[ox * kh + ky] = tap;
      }
      if (!oneRun)
        emit(insideBegin, end - insideBegin, step);
    }
    // The others: gathered.
    auto gather = [&](int64_t from, int64_t to) {
      if (from >= to)
        return;
      for (int64_t ox = from; ox < to; ++ox)
        gatherWindow(rows, ox,
                     gathered + (oneRun ? ox : ox - from) * weights.kPadded,
                     oneRun ? taps + ox * kh : nullptr);
      if (!oneRun) {
        for (int64_t ky = 0; ky < kh; ++ky)
          taps[ky] = gathered + ky * segment;
        emit(from, to - from, weights.kPadded);
      }
    };
    gather(0, insideBegin < win.out_w ? insideBegin : win.out_w);
    gather(end > insideBegin ? end : insideBegin, win.out_w);
    if (oneRun)
      emit(0, win.out_w, 0);
  }

  const GemmKernels &kernels;
  qcc_rt_conv2d_desc d;
  const qcc_rt_window &win;
  PackedWeights weights;
  int64_t segment = 4, insideBegin = 0, insideEnd = 0, safeEnd = 0;
  /// Pixels per run across rows, 0 for a run per row.
  int64_t runPixels = 0;
  AlignedArray<uint8_t> fillRow;
};

} // namespace

std::unique_ptr<PreparedOp> prepareInPlaceConv(const GemmKernels &kernels,
                                               const qcc_rt_conv2d_desc &d,
                                               bool &ok) {
  ok = true;
  const qcc_rt_window &w = d.window;
  if (!kernels.windowTiles || d.groups != 1 || w.dilation_w != 1 ||
      w.kernel_h > 64 || d.input_type != QCC_RT_U8)
    return nullptr;
  // Past a few channels, only windows of several rows up to a k whose panel
  // streams well: this loop has no k blocking, and a 1x1 layer's rows are
  // read in place by the GEMM already (reading them here, piped, was
  // slower: 1x1 from 512 to 2048 channels on 7x7, 238 -> 245 us). 3x3 on
  // 64 channels, k = 576: 410 -> 320-345 us.
  const int64_t k = w.kernel_h * segmentBytes(w);
  const int64_t maxK =
      w.out_w >= kWideRow ? kMaxWideInPlaceK : kMaxNarrowInPlaceK;
  if (w.channels >= 16 && (w.kernel_h == 1 || k > maxK))
    return nullptr;
  if (!neutralWeightZeroPoints(d))
    return nullptr;
  auto op = std::make_unique<InPlaceConvOp>(kernels, d);
  ok = op->init();
  return ok ? std::move(op) : nullptr;
}

} // namespace qcc::rt
