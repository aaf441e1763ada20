/* Runs one function of a model compiled ahead of time (qcc compile) on raw
 * tensors: the header is force-included (-include model.h), the function
 * called through its packed entry point, so one driver serves any model.
 *
 *   driver IN_0.bin ... SIZE:OUT_0.bin ...
 *
 * MODEL_INFO, MODEL_ENTRY, MODEL_INPUTS and MODEL_OUTPUTS name the model's
 * symbols and macros (-DMODEL_INFO=m_model -DMODEL_ENTRY=m_main_packed
 * -DMODEL_INPUTS=M_MAIN_INPUTS -DMODEL_OUTPUTS=M_MAIN_OUTPUTS). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *readFile(const char *path, long *size) {
  FILE *f = fopen(path, "rb");
  if (!f || fseek(f, 0, SEEK_END) != 0) {
    fprintf(stderr, "driver: cannot read %s\n", path);
    exit(1);
  }
  *size = ftell(f);
  rewind(f);
  void *data = malloc(*size ? (size_t)*size : 1);
  if (!data || fread(data, 1, (size_t)*size, f) != (size_t)*size) {
    fprintf(stderr, "driver: cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  return data;
}

int main(int argc, char **argv) {
  const int inputs = MODEL_INPUTS, outputs = MODEL_OUTPUTS;
  if (argc != 1 + inputs + outputs) {
    fprintf(stderr, "driver: %d inputs and %d SIZE:PATH outputs expected\n",
            inputs, outputs);
    return 1;
  }
  void *tensors[64];
  for (int i = 0; i < inputs; ++i) {
    long size;
    tensors[i] = readFile(argv[1 + i], &size);
  }
  for (int i = 0; i < outputs; ++i) {
    long size = strtol(argv[1 + inputs + i], NULL, 10);
    tensors[inputs + i] = calloc(size ? (size_t)size : 1, 1);
  }
  qcc_rt_context *ctx = qcc_rt_context_create(&MODEL_INFO);
  if (!ctx) {
    fprintf(stderr, "driver: %s\n", qcc_rt_last_error());
    return 1;
  }
  fprintf(stderr, "driver: %s path, %d thread(s)\n",
          qcc_rt_isa_name(qcc_rt_context_isa(ctx)),
          qcc_rt_context_threads(ctx));
  MODEL_ENTRY(ctx, tensors);
  qcc_rt_context_destroy(ctx);
  for (int i = 0; i < outputs; ++i) {
    const char *spec = argv[1 + inputs + i];
    long size = strtol(spec, NULL, 10);
    const char *path = strchr(spec, ':');
    FILE *f = path ? fopen(path + 1, "wb") : NULL;
    if (!f || fwrite(tensors[inputs + i], 1, (size_t)size, f) != (size_t)size) {
      fprintf(stderr, "driver: cannot write %s\n", spec);
      return 1;
    }
    fclose(f);
  }
  return 0;
}
