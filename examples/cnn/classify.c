/* Classifies the example images with the model compiled ahead of time:
 *   qcc compile examples/cnn/model.onnx -o shapes.o
 *   cc -I. -I<qcc>/runtime/include classify.c shapes.o libqcc_runtime.a \
 *      -lstdc++ -lm -o classify
 *   ./classify examples/cnn/input_0.bin examples/cnn/labels.txt
 * Prints each image's predicted class beside its label. */
#include "shapes.h"

#include <stdio.h>

static const char *const kClasses[] = {"horizontal bar", "vertical bar",
                                       "diagonal", "square", "cross"};
enum { kNumClasses = sizeof(kClasses) / sizeof(kClasses[0]) };
enum { kImages = SHAPES_MAIN_OUTPUT0_ELEMENTS / kNumClasses };

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s input_0.bin labels.txt\n", argv[0]);
    return 2;
  }
  static float images[SHAPES_MAIN_INPUT0_ELEMENTS];
  float logits[SHAPES_MAIN_OUTPUT0_ELEMENTS];
  FILE *in = fopen(argv[1], "rb");
  if (!in || fread(images, sizeof(images), 1, in) != 1) {
    fprintf(stderr, "cannot read %zu bytes from %s\n", sizeof(images), argv[1]);
    return 1;
  }
  fclose(in);
  int labels[kImages];
  FILE *lf = fopen(argv[2], "r");
  for (int i = 0; i < kImages; ++i)
    if (!lf || fscanf(lf, "%d%*[^\n]", &labels[i]) != 1) {
      fprintf(stderr, "cannot read %d labels from %s\n", kImages, argv[2]);
      return 1;
    }
  fclose(lf);

  qcc_rt_context *ctx = qcc_rt_context_create(&shapes_model);
  if (!ctx) {
    fprintf(stderr, "runtime: %s\n", qcc_rt_last_error());
    return 1;
  }
  shapes_main(ctx, images, logits);
  qcc_rt_context_destroy(ctx);

  int right = 0;
  for (int i = 0; i < kImages; ++i) {
    int best = 0;
    for (int c = 1; c < kNumClasses; ++c)
      if (logits[i * kNumClasses + c] > logits[i * kNumClasses + best])
        best = c;
    right += best == labels[i];
    printf("image %d: %-14s (label: %s)\n", i, kClasses[best],
           kClasses[labels[i]]);
  }
  printf("%d of %d right\n", right, kImages);
  return 0;
}
