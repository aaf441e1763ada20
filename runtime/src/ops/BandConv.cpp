// Convolutions of few input channels on kernels that multiply whole tiles
// of 64 bytes of k (AMX): for each output row, the band of input rows its
// windows cover is laid out column by column,
//
//   band[x][ky][c] = input[oy * stride_h - pad_top + ky * dilation_h]
//                         [x - pad_left][c]   (the zero point outside),
//
// so that the window of output pixel ox, in the order [kx][ky][c], is the
// kw * kh * C contiguous bytes at band + ox * stride_w * kh * C: a GEMM row
// read in place, stride_w * kh * C bytes after its neighbour. k is padded
// to whole tiles with weights of zero, which the bytes read past the window
// (the next columns) meet. The windows of a 7x7 layer on 3 channels are 147
// bytes: 3 tiles of k, where reading each tap row in place would take 7
// (one per tap row), and gathering copies every window's 49 taps.
//
// The bands of a block of output rows are cut from the block's input rows
// stored column-major (columns[x][y][c], padding included): each band
// column is then one copy of kh * C bytes, and each input pixel is moved
// once per block rather than once per tap row.
//
// Refused (other paths serve): 16 or more input channels (their windows
// are already long runs of bytes), groups, dilation, int8 input (the
// kernels take uint8 bytes) and weight zero points other than the neutral
// ones (no row sums are made).
#include "ThreadPool.h"
#include "gemm/Gemm.h"
#include "ops/Prepared.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace qcc::rt {

namespace {

/// Input channels below which a layer's windows are laid out in bands.
constexpr int64_t kMaxBandChannels = 16;
/// Output rows whose input rows are stored column-major together.
constexpr int64_t kBlockRows = 16;
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
    // The weights [n][kh][kw][c] reordered to [n][kw][kh][c].
    std::vector<uint8_t> reordered(size_t(n * kw * columnBytes));
    const auto *w8 = static_cast<const uint8_t *>(d.weight);
    for (int64_t o = 0; o < n; ++o)
      for (int64_t ky = 0; ky < kh; ++ky)
        for (int64_t kx = 0; kx < kw; ++kx)
          std::memcpy(reordered.data() + (o * kw + kx) * columnBytes + ky * c,
                      w8 + ((o * kh + ky) * kw + kx) * c, size_t(c));
    GemmWeightsDesc wd{n,
                       kw * columnBytes,
                       d.weight_type,
                       reordered.data(),
                       d.weight_zero_point,
                       d.weight_zero_point_count,
                       static_cast<const int32_t *>(d.bias),
                       d.input_type,
                       d.input_zero_point,
                       d.output_type,
                       requantOrRaw(d.requant)};
    // One call per output row: its pixels are the rows the shape tiles.
    if (!packWeights(wd, chooseShape(kernels, win.out_w, n), weights))
      return false;
    const int64_t mr = weights.shape.mr;
    columns = (win.out_w - 1) * win.stride_w + kw;
    const int64_t lastRow = (win.out_w + mr - 1) / mr * mr - 1;
    const int64_t read = lastRow * win.stride_w * columnBytes + weights.kPadded;
    bandBytes = roundUp64(std::max(columns * columnBytes + kSlack, read));
    blockInputRows = (kBlockRows - 1) * win.stride_h + kh;
    columnHeight = blockInputRows * c + 4;
    blockBytes = roundUp64(columns * columnHeight + kSlack);
    return true;
  }

  size_t scratchBytes() const override {
    return size_t(bandBytes + blockBytes);
  }

  void run(const RunResources &res, const void *const *inputs,
           void *output) const override {
    const auto *in = static_cast<const uint8_t *>(inputs[0]);
    auto *out = static_cast<uint8_t *>(output);
    // Blocks of output rows within one image each.
    const int64_t blocksPerImage = (win.out_h + kBlockRows - 1) / kBlockRows;
    auto body = [&](int64_t begin, int64_t end, int thread) {
      uint8_t *band = res.scratch[thread], *block = band + bandBytes;
      for (int64_t i = begin; i < end; ++i) {
        const int64_t b = i / blocksPerImage;
        const int64_t first = i % blocksPerImage * kBlockRows;
        const int64_t last = std::min<int64_t>(first + kBlockRows, win.out_h);
        buildBlock(in, b, first, last, block);
        for (int64_t oy = first; oy < last; ++oy)
          runRow(block, (oy - first) * win.stride_h, b * win.out_h + oy, band,
                 out);
      }
    };
    res.pool->parallelFor(win.batch * blocksPerImage, body);
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
    // Image columns [xBegin, xEnd) of the block's columns.
    const int64_t xBegin = std::min<int64_t>(win.pad_left, columns);
    const int64_t xEnd = std::min<int64_t>(win.pad_left + win.in_w, columns);
    for (int64_t x = 0; x < columns; ++x)
      if (x < xBegin || x >= xEnd)
        std::memset(block + x * columnHeight, zero, size_t(rows * c));
    // Row by row, reading the image in order; four bytes at a time for up
    // to 4 channels: a store's extra bytes go to the next row's place
    // (written later) or the column's spare bytes, and the load stays
    // inside the image (the image's last pixel is copied exactly).
    for (int64_t y = 0; y < rows; ++y) {
      const int64_t iy = y0 + y;
      uint8_t *dst = block + xBegin * columnHeight + y * c;
      if (iy < 0 || iy >= win.in_h) {
        for (int64_t x = xBegin; x < xEnd; ++x, dst += columnHeight)
          std::memset(dst, zero, size_t(c));
        continue;
      }
      const uint8_t *src = image + (iy * win.in_w + xBegin - win.pad_left) * c;
      int64_t x = xBegin;
      const int64_t fast = iy == win.in_h - 1 ? xEnd - 1 : xEnd;
      if (c <= 4)
        for (; x < fast; ++x, src += c, dst += columnHeight)
          std::memcpy(dst, src, 4);
      for (; x < xEnd; ++x, src += c, dst += columnHeight)
        std::memcpy(dst, src, size_t(c));
    }
  }

  /// Output row `row` (image row oy of its batch element), whose window
  /// rows start at row `y` of the block.
  void runRow(const uint8_t *block, int64_t y, int64_t row, uint8_t *band,
              uint8_t *out) const {
    const int64_t n = d.out_channels, nr = weights.shape.nr;
    const size_t outBytes = d.output_type == QCC_RT_I32 ? 4 : 1;
    const uint8_t *src = block + y * win.channels;
    if (columnBytes <= kSlack)
      for (int64_t x = 0; x < columns; ++x)
        std::memcpy(band + x * columnBytes, src + x * columnHeight, kSlack);
    else
      for (int64_t x = 0; x < columns; ++x)
        std::memcpy(band + x * columnBytes, src + x * columnHeight,
                    size_t(columnBytes));
    uint8_t *dst = out + row * win.out_w * n * outBytes;
    for (int64_t p = 0; p < weights.panels; ++p)
      kernels.strideTiles(weights, band, win.stride_w * columnBytes, win.out_w,
                          p, dst + p * nr * outBytes, n);
  }

  const GemmKernels &kernels;
  qcc_rt_conv2d_desc d;
  const qcc_rt_window &win;
  PackedWeights weights;
  int64_t columnBytes = 0, columns = 0, bandBytes = 0;
  int64_t blockInputRows = 0, columnHeight = 0, blockBytes = 0;
};

} // namespace

std::unique_ptr<PreparedOp> prepareBandConv(const GemmKernels &kernels,
                                            const qcc_rt_conv2d_desc &d,
                                            bool &ok) {
  ok = true;
  const qcc_rt_window &w = d.window;
  if (!kernels.strideTiles || d.groups != 1 || w.dilation_w != 1 ||
      w.dilation_h != 1 || w.channels >= kMaxBandChannels ||
      d.input_type != QCC_RT_U8)
    return nullptr;
  const int32_t neutral = d.weight_type == QCC_RT_U8 ? 128 : 0;
  for (int32_t i = 0; i < d.weight_zero_point_count; ++i)
    if (d.weight_zero_point[i] != neutral)
      return nullptr;
  auto op = std::make_unique<BandConvOp>(kernels, d);
  ok = op->init();
  return ok ? std::move(op) : nullptr;
}

} // namespace qcc::rt
