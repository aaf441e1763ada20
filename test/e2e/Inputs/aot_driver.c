/* Links an object compiled by `qcc compile ... -o mlp.o` with the qcc
 * runtime and runs it twice: through the float interface mlp_main, and
 * through the integer core mlp_main_core with the input quantized here, by
 * the header's scale and zero point. Both must give the same bits; the float
 * output goes to the file named second on the command line. */
#include "mlp.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int readFile(const char *path, void *data, size_t bytes) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  size_t n = fread(data, 1, bytes, f);
  int extra = fgetc(f) != EOF;
  fclose(f);
  return n == bytes && !extra;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s input.bin output.bin\n", argv[0]);
    return 2;
  }
  float x[MLP_MAIN_INPUT0_ELEMENTS], y[MLP_MAIN_OUTPUT0_ELEMENTS];
  if (!readFile(argv[1], x, sizeof(x))) {
    fprintf(stderr, "cannot read %zu bytes from %s\n", sizeof(x), argv[1]);
    return 1;
  }
  qcc_rt_context *ctx = qcc_rt_context_create(&mlp_model);
  if (!ctx) {
    fprintf(stderr, "runtime: %s\n", qcc_rt_last_error());
    return 1;
  }
  mlp_main(ctx, x, y);

  /* ONNX QuantizeLinear by hand: float32 division, nearest even. */
  uint8_t xq[MLP_MAIN_CORE_INPUT0_ELEMENTS], yq[MLP_MAIN_CORE_OUTPUT0_ELEMENTS];
  for (int i = 0; i < MLP_MAIN_CORE_INPUT0_ELEMENTS; ++i) {
    float v = nearbyintf(x[i] / MLP_MAIN_CORE_INPUT0_SCALE) +
              MLP_MAIN_CORE_INPUT0_ZERO_POINT;
    xq[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
  }
  mlp_main_core(ctx, xq, yq);
  for (int i = 0; i < MLP_MAIN_CORE_OUTPUT0_ELEMENTS; ++i) {
    float v = (float)(yq[i] - MLP_MAIN_CORE_OUTPUT0_ZERO_POINT) *
              MLP_MAIN_CORE_OUTPUT0_SCALE;
    if (memcmp(&v, &y[i], sizeof(v)) != 0) {
      fprintf(stderr, "core and float interface differ at %d: %g vs %g\n", i, v,
              y[i]);
      return 1;
    }
  }
  qcc_rt_context_destroy(ctx);

  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(y, sizeof(y), 1, out) != 1) {
    fprintf(stderr, "cannot write %s\n", argv[2]);
    return 1;
  }
  fclose(out);
  return 0;
}
