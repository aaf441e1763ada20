#!/usr/bin/env python3
"""Makes the bundled example: a small CNN that tells five shapes apart,
trained on synthetic images, quantized by PyTorch (eager-mode post-training
static quantization, engine onednn: per-channel int8 weights, uint8
activations) and exported to ONNX in QDQ form.

It writes this directory in the corpus format of ../shared/corpus/README.md
(manifest.json, model.onnx, input_0.bin, references), so that
`qcc-conformance examples` judges qcc on it, plus labels.txt.

References: pytorch-onednn (the quantized PyTorch model; reported), pytorch-
float32 (before quantization; reported) and onnx-spec-numpy (the exported
ONNX model evaluated by test/models/onnx_spec.py; judged).

Run with Debian's python3-torch, python3-onnx and python3-numpy:
    python3 examples/cnn/make_cnn.py
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
from torch import nn
from torch.ao import quantization as tq

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "models"))
import onnx_spec  # noqa: E402

CLASSES = ["horizontal bar", "vertical bar", "diagonal", "square", "cross"]
SIZE = 24


def draw(label, rng):
    """One 1 x SIZE x SIZE image of shape `label`, randomly placed, noisy."""
    img = np.zeros((SIZE, SIZE), np.float32)
    c = rng.integers(7, SIZE - 7, size=2)
    h = int(rng.integers(4, 7))
    t = 1 + int(rng.integers(0, 2))
    if label == 0:
        img[c[0]:c[0] + t, c[1] - h:c[1] + h] = 1
    elif label == 1:
        img[c[0] - h:c[0] + h, c[1]:c[1] + t] = 1
    elif label == 2:
        for i in range(-h, h):
            img[c[0] + i, c[1] + i:c[1] + i + t] = 1
    elif label == 3:
        img[c[0] - h:c[0] + h, c[1] - h:c[1] + h] = 1
        img[c[0] - h + t:c[0] + h - t, c[1] - h + t:c[1] + h - t] = 0
    else:
        img[c[0]:c[0] + t, c[1] - h:c[1] + h] = 1
        img[c[0] - h:c[0] + h, c[1]:c[1] + t] = 1
    img += rng.normal(0, 0.15, img.shape).astype(np.float32)
    return img[None]


def dataset(n, rng):
    labels = rng.integers(0, len(CLASSES), size=n)
    return (torch.from_numpy(np.stack([draw(int(l), rng) for l in labels])),
            torch.from_numpy(labels))


class ShapeNet(nn.Module):
    """conv-relu, maxpool, conv-relu, conv + residual add, relu, avgpool,
    strided conv-relu, global average pool, linear."""

    def __init__(self):
        super().__init__()
        self.quant = tq.QuantStub()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.relu2 = nn.ReLU()
        self.conv3 = nn.Conv2d(16, 16, 3, padding=1)
        self.skip = nn.quantized.FloatFunctional()
        self.relu3 = nn.ReLU()
        self.pool2 = nn.AvgPool2d(2)
        self.conv4 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.relu4 = nn.ReLU()
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, len(CLASSES))
        self.dequant = tq.DeQuantStub()

    def forward(self, x):
        x = self.pool1(self.relu1(self.conv1(self.quant(x))))
        y = self.relu2(self.conv2(x))
        y = self.relu3(self.skip.add(self.conv3(y), y))
        y = self.relu4(self.conv4(self.pool2(y)))
        y = torch.flatten(self.gap(y), 1)
        return self.dequant(self.fc(y))


def main():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    train_x, train_y = dataset(4000, rng)
    model = ShapeNet()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for epoch in range(4):
        perm = torch.randperm(len(train_x))
        for i in range(0, len(perm), 64):
            idx = perm[i:i + 64]
            loss = nn.functional.cross_entropy(model(train_x[idx]),
                                               train_y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    test_x, test_y = dataset(500, rng)
    with torch.no_grad():
        float_acc = (model(test_x).argmax(1) == test_y).float().mean().item()

    torch.backends.quantized.engine = "onednn"
    qmodel = tq.fuse_modules(model, [["conv1", "relu1"], ["conv2", "relu2"],
                                     ["conv4", "relu4"]])
    qmodel.qconfig = tq.get_default_qconfig("onednn")
    tq.prepare(qmodel, inplace=True)
    with torch.no_grad():
        qmodel(dataset(300, rng)[0])
    tq.convert(qmodel, inplace=True)
    with torch.no_grad():
        q_acc = (qmodel(test_x).argmax(1) == test_y).float().mean().item()

    # The example input: eight images, each class at least once.
    labels = np.array([0, 1, 2, 3, 4, 2, 0, 3])
    x = torch.from_numpy(np.stack([draw(int(l), rng) for l in labels]))
    onnx_path = os.path.join(HERE, "model.onnx")
    torch.onnx.export(qmodel, x, onnx_path, opset_version=13,
                      input_names=["image"], output_names=["logits"])
    model_proto = onnx.load(onnx_path)
    with torch.no_grad():
        ref_q = qmodel(x).numpy()
        ref_f = model(x).numpy()
    spec = onnx_spec.run(model_proto, {"image": x.numpy()})[0]

    x.numpy().tofile(os.path.join(HERE, "input_0.bin"))
    files = {"pytorch-onednn": ref_q, "pytorch-float32": ref_f,
             "onnx-spec-numpy": spec}
    references = []
    for tool, values in files.items():
        f = f"ref_{tool}_output_0.bin"
        values.astype(np.float32).tofile(os.path.join(HERE, f))
        references.append({"tool": tool, "outputs": [
            {"name": "logits", "dtype": "float32", "shape": list(values.shape),
             "file": f}]})
    scale, zp = float(qmodel.fc.scale), int(qmodel.fc.zero_point)
    q = lambda v: np.rint(v / np.float32(scale)).astype(int) + zp  # noqa
    with open(os.path.join(HERE, "labels.txt"), "w") as f:
        for l in labels:
            f.write(f"{l} {CLASSES[l]}\n")
    op_types = {}
    for n in model_proto.graph.node:
        op_types[n.op_type] = op_types.get(n.op_type, 0) + 1
    manifest = {
        "format_version": 1, "name": "shapes_cnn_onednn",
        "category": "static-eager",
        "description": ShapeNet.__doc__ + " Trained on synthetic 24x24 images "
        "of five shapes (" + ", ".join(CLASSES) + "); eager-mode post-training "
        "static quantization with engine onednn.",
        "model": {"file": "model.onnx",
                  "produced_by": f"torch.onnx.export (PyTorch {torch.__version__}"
                                 f", opset 13), examples/cnn/make_cnn.py",
                  "opsets": {"ai.onnx": 13}, "ir_version": model_proto.ir_version,
                  "form": "QDQ", "op_types": op_types,
                  "notes": "labels.txt holds the class of each input image."},
        "inputs": [{"name": "image", "dtype": "float32",
                    "shape": list(x.shape), "file": "input_0.bin"}],
        "outputs": [{"name": "logits", "dtype": "float32",
                     "shape": list(ref_q.shape),
                     "quant": {"scale": scale, "zero_point": zp,
                               "dtype": "uint8"}}],
        "references": references,
        "comparisons": [{"a": "onnx-spec-numpy", "b": "pytorch-onednn",
                         "output": "logits",
                         "max_diff_lsb": int(np.abs(q(spec) - q(ref_q)).max())}],
        "accuracy_context": {"float32_accuracy": round(float_acc, 4),
                             "quantized_accuracy": round(q_acc, 4),
                             "test_images": 500},
    }
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"float accuracy {float_acc:.3f}, quantized {q_acc:.3f}; "
          f"spec vs pytorch: {manifest['comparisons'][0]['max_diff_lsb']} LSB")


if __name__ == "__main__":
    main()
