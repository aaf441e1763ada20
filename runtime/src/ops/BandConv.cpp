// Convolutions on kernels that multiply whole tiles of 64 bytes of k (AMX),
// and few-channel ones on kernels that read tap rows in place (AVX-512):
// for each output row, the band of input rows its windows cover is laid out
// column by column,
//
//   band[x][ky][c] = input[oy * stride_h - pad_top + ky][x - pad_left][c]
//                    (the zero point outside the image),
//
// so that the window of output pixel ox, in the order [kx][ky][c], is the
// kw * kh * C contiguous bytes at band + ox * stride_w * kh * C: a GEMM row
// read in place, stride_w * kh * C bytes after its neighbour. k is padded
// to whole tiles with weights of zero, which the bytes read past the window
// (the next columns) meet. The windows of a 7x7 layer on 3 channels are 147
// bytes: 3 tiles of k, where reading each tap row in place would take 7
// (one per tap row), and gathering copies every window's 49 taps. With
// more channels a band copies each input pixel kh times where gathering
// copies it kh * kw times (and packs it again).
//
// Bands are made for a block of output rows, then each panel of weights
// goes over all of them. For few channels they are cut from the block's
// input rows stored column-major (columns[x][y][c], padding included):
// each band column is then one copy of kh * C bytes, and each input pixel
// is moved once per block rather than once per tap row.
//
// Refused (other paths serve): 1x1 windows (the GEMM reads their rows in
// place), rows narrower than 24 pixels on 16 or more channels (a row's
// tiles would be mostly padding), groups, dilation, int8 input (the kernels
// take uint8 bytes) and weight zero points other than the neutral ones (no
// row sums are made).
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Prepared.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace qcc::rt {

namespace {

/// Output rows whose input rows are stored column-major together, at most;
/// their bands are made before the panels of weights go over them. 32
/// rather than 16: fewer input rows stored twice (the 7x7 layer, 2-3 %);
/// 8 was slower.
constexpr int64_t kBlockRows = 32;
/// Bytes of the bands of a block, at most (when one band is smaller).
constexpr int64_t kBandBudget = 512 * 1024;
/// Input channels below which bands are cut from the block's input rows
/// stored column-major, rather than copied from the image.
constexpr int64_t kColumnMajorChannels = 16;
/// Output pixels per row below which layers of many channels are gathered.
constexpr int64_t kMinBandWidth = 24;
/// Window bytes for which kernels without strideTiles take bands.
constexpr int64_t kMinTapRowWindow = 128, kMaxTapRowWindow = 576;
/// Bytes written past a copy's end (the fixed-size copies below).
constexpr int64_t kSlack = 32;

class BandConvOp final : public PreparedOp {
public:
  BandConvOp(const GemmKernels &kernels, const qcc_rt_conv2d_desc &d)
      : kernels(kernels), d(d), win(this->d.window) {}

  bool init() {
    const int64_t c = win.channels, kh = win.kernel_h, kw = win.kernel_w;
    const int64_t n = d.out_channels;
    columnBytes = kh * c;
    // The weights [n][kh][kw][c] reordered to [n][kw][kh][c], k padded to
    // vpdpbusd's groups of 4 with each channel's zero point (a weight of
    // zero), which the byte after a window meets.
    k = (kw * columnBytes + 3) / 4 * 4;
    std::vector<uint8_t> reordered(size_t(n * k));
    const auto *w8 = static_cast<const uint8_t *>(d.weight);
    for (int64_t o = 0; o < n; ++o) {
      uint8_t *dst = reordered.data() + o * k;
      for (int64_t ky = 0; ky < kh; ++ky)
        for (int64_t kx = 0; kx < kw; ++kx)
          std::memcpy(dst + kx * columnBytes + ky * c,
                      w8 + ((o * kh + ky) * kw + kx) * c, size_t(c));
      std::memset(dst + kw * columnBytes,
                  d.weight_zero_point[d.weight_zero_point_count > 1 ? o : 0],
                  size_t(k - kw * columnBytes));
    }
    // One output row's pixels are the rows of a run of tiles.
    if (!packWeights(convWeightsDesc(d, reordered.data(), k),
                     chooseShape(kernels, win.out_w, n), weights))
      return false;
    const int64_t mr = weights.shape.mr;
    columns = (win.out_w - 1) * win.stride_w + kw;
    const int64_t lastRow = (win.out_w + mr - 1) / mr * mr - 1;
    const int64_t read = lastRow * win.stride_w * columnBytes + weights.kPadded;
    bandBytes = roundUp64(std::max(columns * columnBytes + kSlack, read));
    // Few channels go through the block's columns: one copy per pixel and
    // one per band column, rather than one per pixel and tap row.
    columnMajor = c < kColumnMajorChannels;
    // The block's bands stay in L2 while the panels go over them.
    blockRows = std::clamp<int64_t>(kBandBudget / bandBytes, 1, kBlockRows);
    blockInputRows = (blockRows - 1) * win.stride_h + kh;
    columnHeight = blockInputRows * c + 4;
    blockBytes = columnMajor ? roundUp64(columns * columnHeight + kSlack) : 0;
    return true;
  }

  size_t scratchBytes() const override {
    return size_t(blockRows * bandBytes + blockBytes);
  }

  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *in = static_cast<const uint8_t *>(inputs[0]);
    auto *out = static_cast<uint8_t *>(output);
    const RowBlocks blocks(win.out_h, blockRows, win.batch, res.pool->size());
    auto body = [&](int64_t begin, int64_t end, int thread) {
      uint8_t *bands = res.scratch[thread];
      uint8_t *block = bands + blockRows * bandBytes;
      for (int64_t i = begin; i < end; ++i) {
        const int64_t b = blocks.image(i);
        const int64_t first = blocks.first(i), last = blocks.last(i);
        if (columnMajor) {
          buildBlock(in, b, first, last, block);
          for (int64_t oy = first; oy < last; ++oy)
            cutBand(block, (oy - first) * win.stride_h,
                    bands + (oy - first) * bandBytes);
        } else {
          for (int64_t oy = first; oy < last; ++oy)
            bandFromImage(in, b, oy, bands + (oy - first) * bandBytes);
        }
        runBands(bands, b * win.out_h + first, last - first, out);
      }
    };
    res.pool->parallelFor(blocks.count(win.batch), body);
  }

private:
  static int64_t roundUp64(int64_t v) { return (v + 63) / 64 * 64; }

  /// The input rows of output rows [first, last) of image b, column-major:
  /// block[x][y][c], the zero point outside the image. Each column has 4
  /// bytes to spare after its last row.
  void buildBlock(const uint8_t *in, int64_t b, int64_t first, int64_t last,
                  uint8_t *block) const {
    const int64_t c = win.channels;
    const int64_t y0 = first * win.stride_h - win.pad_top;
    const int64_t rows = (last - 1 - first) * win.stride_h + win.kernel_h;
    const uint8_t zero = uint8_t(d.input_zero_point);
    const uint8_t *image = in + b * win.in_h * win.in_w * c;
    const int64_t height = columnHeight; // not reloaded after each store
    // Image columns [xBegin, xEnd) of the block's columns.
    const int64_t xBegin = std::min<int64_t>(win.pad_left, columns);
    const int64_t xEnd = std::min<int64_t>(win.pad_left + win.in_w, columns);
    for (int64_t x = 0; x < columns; ++x)
      if (x < xBegin || x >= xEnd)
        std::memset(block + x * height, zero, size_t(rows * c));
    // Row by row, reading the image in order; four bytes at a time for up
    // to 4 channels: a store's extra bytes go to the next row's place
    // (written later) or the column's spare bytes, and the load stays
    // inside the image (the image's last pixel is copied exactly).
    for (int64_t y = 0; y < rows; ++y) {
      const int64_t iy = y0 + y;
      uint8_t *dst = block + xBegin * height + y * c;
      if (iy < 0 || iy >= win.in_h) {
        for (int64_t x = xBegin; x < xEnd; ++x, dst += height)
          std::memset(dst, zero, size_t(c));
        continue;
      }
      const uint8_t *src = image + (iy * win.in_w + xBegin - win.pad_left) * c;
      int64_t x = xBegin;
      const int64_t fast = iy == win.in_h - 1 ? xEnd - 1 : xEnd;
      if (c <= 4)
        for (; x < fast; ++x, src += c, dst += height)
          std::memcpy(dst, src, 4);
      for (; x < xEnd; ++x, src += c, dst += height)
        std::memcpy(dst, src, size_t(c));
    }
  }

  /// The band of output row oy of image b, copied from the image a run of
  /// C bytes at a time.
  void bandFromImage(const uint8_t *in, int64_t b, int64_t oy,
                     uint8_t *band) const {
    // Locals, not reloaded after each store (see cutBand).
    const int64_t c = win.channels, kh = win.kernel_h, inW = win.in_w;
    const int64_t count = columns, to = columnBytes, left = win.pad_left;
    const uint8_t zero = uint8_t(d.input_zero_point);
    const uint8_t *image = in + b * win.in_h * inW * c;
    for (int64_t ky = 0; ky < kh; ++ky) {
      const int64_t iy = oy * win.stride_h - win.pad_top + ky;
      uint8_t *dst = band + ky * c;
      if (iy < 0 || iy >= win.in_h) {
        for (int64_t x = 0; x < count; ++x, dst += to)
          std::memset(dst, zero, size_t(c));
        continue;
      }
      for (int64_t x = 0; x < count; ++x, dst += to) {
        const int64_t ix = x - left;
        if (ix < 0 || ix >= inW)
          std::memset(dst, zero, size_t(c));
        else
          std::memcpy(dst, image + (iy * inW + ix) * c, size_t(c));
      }
    }
  }

  /// The band of the output row whose window rows start at row `y` of the
  /// block.
  void cutBand(const uint8_t *block, int64_t y, uint8_t *band) const {
    // Locals: the stores go through byte pointers, which may alias the
    // members, so reading those in the loop would reload them every time.
    const uint8_t *src = block + y * win.channels;
    const int64_t count = columns, to = columnBytes, from = columnHeight;
    if (to <= kSlack)
      for (int64_t x = 0; x < count; ++x, band += to, src += from)
        std::memcpy(band, src, kSlack);
    else
      for (int64_t x = 0; x < count; ++x, band += to, src += from)
        std::memcpy(band, src, size_t(to));
  }

  /// Output rows [row, row + count) from their bands, panel by panel, so
  /// that a panel of weights serves every row of the block.
  void runBands(const uint8_t *bands, int64_t row, int64_t count,
                uint8_t *out) const {
    const int64_t n = d.out_channels, nr = weights.shape.nr;
    const size_t outBytes = d.output_type == QCC_RT_I32 ? 4 : 1;
    TileRun run(kernels);
    if (!kernels.strideTiles) {
      // One band at a time, as one tap row of k bytes per pixel.
      for (int64_t i = 0; i < count; ++i) {
        const uint8_t *band = bands + i * bandBytes;
        for (int64_t p = 0; p < weights.panels; ++p)
          kernels.windowTiles(
              weights, &band, 1, k, win.stride_w * columnBytes, win.out_w, p,
              out + ((row + i) * win.out_w * n + p * nr) * outBytes, n);
      }
      return;
    }
    RowRuns runs;
    runs.data = bands;
    runs.stride = win.stride_w * columnBytes;
    runs.count = win.out_w;
    runs.runs = count;
    runs.runStride = bandBytes;
    runs.outStride = n;
    runs.outRunStride = win.out_w * n;
    // Every thread reads all the panels (threads split the rows).
    runs.prefetchPanels = weights.bytes() > kL2StreamedBytes;
    for (int64_t p = 0; p < weights.panels; ++p)
      kernels.strideTiles(weights, runs, p,
                          out + (row * win.out_w * n + p * nr) * outBytes);
  }

  const GemmKernels &kernels;
  qcc_rt_conv2d_desc d;
  const qcc_rt_window &win;
  PackedWeights weights;
  int64_t columnBytes = 0, k = 0, columns = 0, bandBytes = 0;
  bool columnMajor = true;
  int64_t blockRows = 1, blockInputRows = 0, columnHeight = 0, blockBytes = 0;
};

} // namespace

std::unique_ptr<PreparedOp> prepareBandConv(const GemmKernels &kernels,
                                            const qcc_rt_conv2d_desc &d,
                                            bool &ok) {
  ok = true;
  const qcc_rt_window &w = d.window;
  // Kernels that read tap rows in place (AVX-512) take a band as one tap
  // row: for few channels and windows of 128 to 576 bytes (a panel of
  // weights in L1). The 7x7 layer on 3 channels: 517-535 -> 482-496 us;
  // MobileNetV2's 3x3 on 3 channels (27 bytes) 127-141 -> 165-183 us, so
  // small windows keep their tap rows.
  const int64_t window = int64_t(w.kernel_h) * w.kernel_w * w.channels;
  if (!kernels.strideTiles &&
      (!kernels.windowTiles || w.channels >= kColumnMajorChannels ||
       window < kMinTapRowWindow || window > kMaxTapRowWindow))
    return nullptr;
  if (d.groups != 1 || w.dilation_w != 1 || w.dilation_h != 1 ||
      (w.kernel_h == 1 && w.kernel_w == 1) || d.input_type != QCC_RT_U8)
    return nullptr;
  // Each output row is its own run of tiles: narrow rows of many channels
  // waste most of a tile, where gathering tiles all the rows together
  // (ResNet-18's 3x3 layers on AMX: 56 and 28 pixels wide, 145 -> 120 and
  // 119 -> 98 us in bands; 14 wide, no change; 7 wide, 171 -> 232 us).
  if (w.channels >= kColumnMajorChannels && w.out_w < kMinBandWidth)
    return nullptr;
  if (!neutralWeightZeroPoints(d))
    return nullptr;
  auto op = std::make_unique<BandConvOp>(kernels, d);
  ok = op->init();
  return ok ? std::move(op) : nullptr;
}

} // namespace qcc::rt
