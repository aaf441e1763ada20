// A stand-in for onnxruntime-node with its API's shape, for qcc-bench's
// tests of time_model.cjs and the paired benchmarks without ONNX Runtime:
// each run busy-waits 1 ms and returns ten zero floats. With
// FAKE_ONNXRUNTIME_REFUSE set, no session can be created; with
// FAKE_ONNXRUNTIME_HANG=SECONDS, the first run that starts that long after
// its session was created never returns (the script stuck, as a deadlocked
// library would leave it): 0 is the script's first run, before its "ok";
// time rather than a count of runs, because how many runs the script's
// warm-up takes depends on the machine's load.
'use strict';

class Tensor {
  constructor(type, data, dims) {
    this.type = type;
    this.data = data;
    this.dims = dims;
  }
}

const kHangAfterNs = process.env.FAKE_ONNXRUNTIME_HANG === undefined ?
    undefined :
    BigInt(Math.round(Number(process.env.FAKE_ONNXRUNTIME_HANG) * 1e9));

function hang() {
  // Blocks the thread without spinning, until the process is killed.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

class FakeSession {
  constructor() {
    this.created = process.hrtime.bigint();
    this.inputNames = ['input'];
    this.outputNames = ['output'];
  }
  async run(feeds) {
    if (kHangAfterNs !== undefined &&
        process.hrtime.bigint() - this.created >= kHangAfterNs)
      hang();
    const end = process.hrtime.bigint() + 1000000n;
    while (process.hrtime.bigint() < end) {
    }
    return {output: new Tensor('float32', new Float32Array(10), [1, 10])};
  }
}

const InferenceSession = {
  async create(path, options) {
    if (process.env.FAKE_ONNXRUNTIME_REFUSE)
      throw new Error('fake refusal of ' + require('node:path').basename(path));
    return new FakeSession();
  },
};

module.exports = {Tensor, InferenceSession};
