// Times one corpus model in ONNX Runtime for qcc-bench (OnnxRuntime.cpp),
// through the onnxruntime-node package, whose native library is ONNX
// Runtime's own CPU build: Debian packages no ONNX Runtime.
//
//   node time_model.cjs MODULE_DIR MODEL_DIR THREADS
//
// MODULE_DIR is the onnxruntime-node package. The session is ONNX Runtime's
// default for a user (every graph optimization, so QDQ groups become its
// int8 kernels), on THREADS intra-op threads and sequential execution. The
// model runs on its corpus input untimed (10 times and 0.2 s at least),
// then the script prints "ok VERSION DIFF", where DIFF is the largest
// |difference| from the corpus's ONNX Runtime reference output (-1 without
// one), and keeps the session open: each line N read from stdin runs the
// model N times and is answered with their seconds on one line; end of
// input ends the script. On failure it prints "error MESSAGE" and exits
// with 1. qcc-bench (OnnxRuntimeServer) asks for the blocks; its paired
// benchmarks (model/qcc-vs-onnxruntime/...) alternate them with blocks of
// qcc's runs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const kTypedArrays = {
  float32: Float32Array,
  uint8: Uint8Array,
  int8: Int8Array,
  int32: Int32Array,
  int64: BigInt64Array,
};

function fail(message) {
  console.log('error ' + message.split('\n')[0]);
  process.exit(1);
}

function view(dtype, bytes) {
  const T = kTypedArrays[dtype];
  if (!T)
    fail(`input type ${dtype} is not one this script reads`);
  const copy = new Uint8Array(bytes); // aligned for T
  return new T(copy.buffer, 0, copy.length / T.BYTES_PER_ELEMENT);
}

function largestDiff(out, refPath) {
  if (!fs.existsSync(refPath))
    return -1;
  const ref = view(out.type, fs.readFileSync(refPath));
  if (ref.length !== out.data.length)
    return Infinity;
  let worst = 0;
  for (let i = 0; i < ref.length; ++i)
    worst = Math.max(worst, Math.abs(Number(ref[i]) - Number(out.data[i])));
  return worst;
}

async function main() {
  const [moduleDir, modelDir, threadsArg] = process.argv.slice(2);
  const threads = Number(threadsArg);
  if (!moduleDir || !modelDir || !(threads > 0))
    fail('usage: time_model.cjs MODULE_DIR MODEL_DIR THREADS');
  let ort;
  try {
    ort = require(path.resolve(moduleDir));
  } catch (e) {
    fail(`cannot load onnxruntime-node from ${moduleDir}: ${e.message}`);
  }
  const manifest =
      JSON.parse(fs.readFileSync(path.join(modelDir, 'manifest.json')));
  const feeds = {};
  for (const input of manifest.inputs) {
    const data =
        view(input.dtype, fs.readFileSync(path.join(modelDir, input.file)));
    feeds[input.name] = new ort.Tensor(input.dtype, data, input.shape);
  }
  const session =
      await ort.InferenceSession.create(path.join(modelDir, 'model.onnx'), {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
  const first = await session.run(feeds);
  const out = first[session.outputNames[0]];
  const version = require(path.join(path.resolve(moduleDir), 'package.json'))
                      .version;
  const diff = largestDiff(
      out, path.join(modelDir, `ref_onnxruntime-1.30_output_0.bin`));
  const warmUp = process.hrtime.bigint();
  for (let i = 0; i < 10 || process.hrtime.bigint() - warmUp < 200000000n; ++i)
    await session.run(feeds);
  console.log(`ok ${version} ${diff}`);
  const lines = require('node:readline').createInterface(
      {input: process.stdin, terminal: false});
  for await (const line of lines) {
    const n = Number(line);
    if (!(n > 0))
      fail(`expected a number of runs, got "${line}"`);
    const seconds = new Array(n);
    for (let i = 0; i < n; ++i) {
      const start = process.hrtime.bigint();
      await session.run(feeds);
      seconds[i] = Number(process.hrtime.bigint() - start) / 1e9;
    }
    console.log(seconds.join(' '));
  }
}

main().catch((e) => fail(e.message));
