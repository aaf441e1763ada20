#include "Manifest.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cstring>

namespace qcc::conformance {

using llvm::createStringError;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

std::string join(const std::string &dir, const std::string &file) {
  llvm::SmallString<256> p(dir);
  llvm::sys::path::append(p, file);
  return std::string(p);
}

llvm::Expected<Value> readJson(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return createStringError("cannot read '" + path +
                             "': " + buffer.getError().message());
  auto json = llvm::json::parse((*buffer)->getBuffer());
  if (!json)
    return createStringError("'" + path + "' is not valid JSON: " +
                             llvm::toString(json.takeError()));
  return std::move(*json);
}

/// Reads the fields every tensor entry has; `what` names it in errors.
llvm::Expected<TensorFile> readTensorFile(const Object *o,
                                          const std::string &what) {
  if (!o)
    return createStringError(what + " is not an object");
  TensorFile t;
  auto name = o->getString("name");
  auto dtype = o->getString("dtype");
  auto file = o->getString("file");
  const Array *shape = o->getArray("shape");
  if (!dtype || !file || !shape)
    return createStringError(what + " lacks dtype, shape or file");
  t.name = name ? name->str() : std::string();
  t.dtype = dtype->str();
  t.file = file->str();
  if (t.dtype != "float32" && t.dtype != "uint8" && t.dtype != "int8" &&
      t.dtype != "int32")
    return createStringError(what + " has dtype '" + t.dtype +
                             "'; the corpus uses float32, uint8, int8, int32");
  for (const Value &d : *shape) {
    auto n = d.getAsInteger();
    if (!n || *n < 0)
      return createStringError(what + " has a bad shape");
    t.shape.push_back(*n);
  }
  return t;
}

template <typename T> std::vector<T> numbers(const Value *v, bool &ok) {
  std::vector<T> out;
  auto add = [&](const Value &x) {
    if (auto d = x.getAsNumber())
      out.push_back(T(*d));
    else
      ok = false;
  };
  if (!v)
    ok = false;
  else if (const Array *a = v->getAsArray())
    llvm::for_each(*a, add);
  else
    add(*v);
  return out;
}

llvm::Expected<std::optional<Quantization>>
readQuantization(const Object *output, const std::string &what) {
  const Value *q = output->get("quant");
  if (!q || q->kind() == Value::Null)
    return std::nullopt;
  const Object *o = q->getAsObject();
  if (!o)
    return createStringError(what + ": 'quant' is not an object");
  Quantization r;
  bool ok = true;
  r.scales = numbers<double>(o->get("scale"), ok);
  r.zeroPoints = numbers<int64_t>(o->get("zero_point"), ok);
  if (auto axis = o->getInteger("axis"))
    r.axis = *axis;
  if (auto dtype = o->getString("dtype"))
    r.dtype = dtype->str();
  if (!ok || r.scales.empty() || r.scales.size() != r.zeroPoints.size() ||
      (r.scales.size() > 1 && !r.axis))
    return createStringError(what +
                             ": 'quant' needs matching scale and "
                             "zero_point lists (and an axis if several)");
  return r;
}

} // namespace

int64_t TensorFile::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

llvm::Expected<Manifest> readManifest(const std::string &directory) {
  std::string path = join(directory, "manifest.json");
  auto json = readJson(path);
  if (!json)
    return json.takeError();
  const Object *root = json->getAsObject();
  if (!root)
    return createStringError(path + ": not an object");
  Manifest m;
  m.directory = directory;
  m.name = root->getString("name")
               .value_or(llvm::sys::path::filename(directory))
               .str();
  m.category = root->getString("category").value_or("").str();
  const Object *model = root->getObject("model");
  m.modelFile = model ? model->getString("file").value_or("model.onnx").str()
                      : "model.onnx";

  const Array *inputs = root->getArray("inputs");
  const Array *outputs = root->getArray("outputs");
  const Array *references = root->getArray("references");
  if (!inputs || !outputs || !references)
    return createStringError(path + ": needs inputs, outputs and references");
  for (auto [i, v] : llvm::enumerate(*inputs)) {
    auto t =
        readTensorFile(v.getAsObject(), path + ": input " + std::to_string(i));
    if (!t)
      return t.takeError();
    m.inputs.push_back(*t);
  }
  for (auto [i, v] : llvm::enumerate(*outputs)) {
    std::string what = path + ": output " + std::to_string(i);
    const Object *o = v.getAsObject();
    if (!o)
      return createStringError(what + " is not an object");
    TensorFile t;
    auto dtype = o->getString("dtype");
    t.name = o->getString("name").value_or("").str();
    t.dtype = dtype ? dtype->str() : "";
    bool ok = true;
    t.shape = numbers<int64_t>(o->get("shape"), ok);
    auto q = readQuantization(o, what);
    if (!q)
      return q.takeError();
    m.outputs.push_back(t);
    m.outputQuantization.push_back(*q);
  }
  for (const Value &v : *references) {
    const Object *o = v.getAsObject();
    if (!o || !o->getString("tool") || !o->getArray("outputs"))
      return createStringError(path + ": a reference lacks tool or outputs");
    Reference r;
    r.tool = o->getString("tool")->str();
    for (auto [i, ov] : llvm::enumerate(*o->getArray("outputs"))) {
      std::string what = path + ": " + r.tool + " output " + std::to_string(i);
      auto t = readTensorFile(ov.getAsObject(), what);
      if (!t)
        return t.takeError();
      ReferenceOutput out{*t, std::nullopt};
      if (const Object *ir = ov.getAsObject()->getObject("int_repr")) {
        auto it = readTensorFile(ir, what + " int_repr");
        if (!it)
          return it.takeError();
        out.intRepr = *it;
      }
      r.outputs.push_back(out);
    }
    m.references.push_back(r);
  }
  if (const Array *comparisons = root->getArray("comparisons"))
    for (const Value &v : *comparisons) {
      const Object *o = v.getAsObject();
      if (!o)
        continue;
      Comparison c;
      c.a = o->getString("a").value_or("").str();
      c.b = o->getString("b").value_or("").str();
      c.output = o->getString("output").value_or("").str();
      if (auto lsb = o->getInteger("max_diff_lsb"))
        c.maxDiffLsb = *lsb;
      m.comparisons.push_back(c);
    }
  return m;
}

llvm::Expected<std::vector<double>> readValues(const std::string &directory,
                                               const TensorFile &t) {
  std::string path = join(directory, t.file);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return createStringError("cannot read '" + path +
                             "': " + buffer.getError().message());
  size_t width = t.dtype == "uint8" || t.dtype == "int8" ? 1 : 4;
  int64_t n = t.numElements();
  if ((*buffer)->getBufferSize() != size_t(n) * width)
    return createStringError("'" + path + "' has " +
                             std::to_string((*buffer)->getBufferSize()) +
                             " bytes; " + t.dtype + " of " + std::to_string(n) +
                             " elements needs " + std::to_string(n * width));
  const char *data = (*buffer)->getBufferStart();
  std::vector<double> values(n);
  for (int64_t i = 0; i < n; ++i) {
    if (t.dtype == "uint8") {
      values[i] = uint8_t(data[i]);
    } else if (t.dtype == "int8") {
      values[i] = int8_t(data[i]);
    } else if (t.dtype == "int32") {
      int32_t v;
      std::memcpy(&v, data + 4 * i, 4);
      values[i] = v;
    } else {
      float v;
      std::memcpy(&v, data + 4 * i, 4);
      values[i] = v;
    }
  }
  return values;
}

llvm::Expected<std::vector<std::string>>
findModelDirectories(const std::string &root) {
  std::vector<std::string> dirs;
  std::string index = join(root, "index.json");
  if (llvm::sys::fs::exists(index)) {
    auto json = readJson(index);
    if (!json)
      return json.takeError();
    const Object *o = json->getAsObject();
    const Array *models = o ? o->getArray("models") : nullptr;
    if (!models)
      return createStringError(index + ": no 'models' list");
    for (const Value &v : *models) {
      const Object *m = v.getAsObject();
      auto manifest = m ? m->getString("manifest") : std::nullopt;
      if (!manifest)
        return createStringError(index + ": a model lacks 'manifest'");
      dirs.push_back(join(root, llvm::sys::path::parent_path(*manifest).str()));
    }
    return dirs;
  }
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(root, ec), end; it != end && !ec;
       it.increment(ec))
    if (llvm::sys::fs::exists(join(it->path(), "manifest.json")))
      dirs.push_back(it->path());
  if (ec)
    return createStringError("cannot list '" + root + "': " + ec.message());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

} // namespace qcc::conformance
