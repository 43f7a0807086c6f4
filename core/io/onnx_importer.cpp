#include "io/onnx_importer.h"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <set>
#include <unordered_set>

#include "io/mapped_file.h"
#include "passes/scopes.h"

namespace mb {
namespace {

namespace fs = std::filesystem;

// "64 GiB", or exact bytes for limits below 1 GiB (a caller's tight limit must not read "0 GiB").
std::string limitText(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30) && bytes % (uint64_t{1} << 30) == 0)
    return std::to_string(bytes >> 30) + " GiB";
  return std::to_string(bytes) + " bytes";
}

// Everything a Tensor view may point into: the parsed model (Constant attributes, typed fields),
// initializer raw bytes moved out of the proto, and mapped external-data files.
struct ModelStorage {
  std::shared_ptr<onnx::ModelProto> model;
  std::vector<std::string> rawData;
  std::map<std::string, std::shared_ptr<MappedFile>> externalFiles;
};

class Importer {
 public:
  Importer(const OnnxImportOptions& options, std::string baseDir, std::string where)
      : options_(options), baseDir_(std::move(baseDir)), where_(std::move(where)) {}

  Expected<OnnxImportResult> run(std::shared_ptr<onnx::ModelProto> model);
  friend Expected<Tensor> mb::tensorFromProtoBytes(const std::string& bytes,
                                                   const std::string& where);

 private:
  Status validateTopLevel(const onnx::ModelProto& model);
  Status checkDeclaredDims(const onnx::TypeProto& type, const std::string& context) const;
  void detachInitializerData(onnx::ModelProto& model);
  Status applyInputShapes(onnx::ModelProto& model);
  void runChecker(const onnx::ModelProto& model);
  void runShapeInference(onnx::ModelProto& model);
  Status convertGraph(const onnx::GraphProto& proto, Graph& graph,
                      const std::unordered_set<std::string>& outerNames, bool isMain);
  Expected<Tensor> convertTensor(const onnx::TensorProto& proto, const std::string& context,
                                 const std::string* detachedRaw);
  Expected<Tensor> readExternal(const onnx::TensorProto& proto, DType dtype,
                                std::vector<int64_t> dims, const std::string& context);
  Expected<Attribute> convertAttribute(const onnx::AttributeProto& proto, const std::string& node,
                                       const std::unordered_set<std::string>& scopeNames);
  Error error(ErrorCode code, std::string message, const std::string& what = {}) const {
    return makeError(code, std::move(message), what.empty() ? where_ : where_ + ": " + what);
  }

  const OnnxImportOptions& options_;
  std::string baseDir_;
  std::string where_;
  std::shared_ptr<ModelStorage> storage_ = std::make_shared<ModelStorage>();
  std::map<const onnx::TensorProto*, size_t> detached_;  // initializer → index in rawData
  std::vector<std::string> warnings_;
  uint64_t nodeCount_ = 0;
};

Shape shapeFromType(const onnx::TypeProto& type, DType* dtype) {
  Shape shape;
  if (!type.has_tensor_type()) return shape;
  const auto& tensorType = type.tensor_type();
  if (dtype && isValidDType(tensorType.elem_type()))
    *dtype = static_cast<DType>(tensorType.elem_type());
  if (!tensorType.has_shape()) return shape;
  shape.rankKnown = true;
  for (const auto& dim : tensorType.shape().dim()) {
    if (dim.has_dim_value())
      shape.dims.push_back(Dim::known(dim.dim_value()));
    else
      shape.dims.push_back(Dim::symbolic(dim.has_dim_param() ? dim.dim_param() : std::string()));
  }
  return shape;
}

// Declared dims of a graph input: no negative dims and no shape whose size could not exist.
Status Importer::checkDeclaredDims(const onnx::TypeProto& type, const std::string& context) const {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return Status::ok();
  std::vector<int64_t> known;
  for (const auto& dim : type.tensor_type().shape().dim()) {
    if (!dim.has_dim_value()) continue;
    if (dim.dim_value() < 0)
      return error(ErrorCode::InvalidModel,
                   "negative dim " + std::to_string(dim.dim_value()) + " in its shape", context);
    known.push_back(dim.dim_value());
  }
  int64_t numel = checkedNumel(known);
  if (numel < 0 || static_cast<uint64_t>(numel) > options_.maxTensorBytes)
    return error(ErrorCode::LimitExceeded,
                 "declared dims " + dimsToString(known) + " describe more than the " +
                     limitText(options_.maxTensorBytes) + " tensor limit",
                 context);
  return Status::ok();
}

Status Importer::validateTopLevel(const onnx::ModelProto& model) {
  if (!model.has_graph() || model.ir_version() <= 0)
    return error(ErrorCode::BadFormat,
                 "this is a protobuf message but not an ONNX model (no ir_version or graph)");
  int64_t onnxOpset = 0;
  for (const auto& opset : model.opset_import()) {
    if (opset.domain().empty() || opset.domain() == "ai.onnx") onnxOpset = opset.version();
  }
  if (model.ir_version() >= 3 && onnxOpset == 0)
    return error(ErrorCode::InvalidModel, "the model declares no ai.onnx opset_import");
  if (onnxOpset > maxKnownOnnxOpset())
    warnings_.push_back(
        "opset " + std::to_string(onnxOpset) + " is newer than the newest this build knows (" +
        std::to_string(maxKnownOnnxOpset()) + "); ops are read with their newest known definition");
  const auto& knownDomains = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  for (const auto& opset : model.opset_import())
    if (!opset.domain().empty() && opset.domain() != "ai.onnx" &&
        !knownDomains.count(opset.domain()))
      warnings_.push_back(
          "op domain '" + opset.domain() +
          "' is not an ONNX domain: its ops are custom and will be reported as unsupported");
  if (onnxOpset > 0 && onnxOpset < 7)
    warnings_.push_back("opset " + std::to_string(onnxOpset) +
                        " is older than 7, the oldest MindBridge is tested with");
  return Status::ok();
}

void Importer::detachInitializerData(onnx::ModelProto& model) {
  auto* graph = model.mutable_graph();
  storage_->rawData.reserve(static_cast<size_t>(graph->initializer_size()));
  for (auto& init : *graph->mutable_initializer()) {
    if (!init.has_raw_data()) continue;
    storage_->rawData.emplace_back();
    storage_->rawData.back().swap(*init.mutable_raw_data());
    detached_[&init] = storage_->rawData.size() - 1;
  }
}

Status Importer::applyInputShapes(onnx::ModelProto& model) {
  if (options_.inputShapes.empty()) return Status::ok();
  auto* graph = model.mutable_graph();
  std::set<std::string> initNames;
  for (const auto& init : graph->initializer()) initNames.insert(init.name());
  std::set<std::string> used;
  for (auto& input : *graph->mutable_input()) {
    auto it = options_.inputShapes.find(input.name());
    if (it == options_.inputShapes.end()) continue;
    used.insert(it->first);
    auto* shape = input.mutable_type()->mutable_tensor_type()->mutable_shape();
    const auto& wanted = it->second;
    if (shape->dim_size() != 0 && shape->dim_size() != static_cast<int>(wanted.size()))
      return error(ErrorCode::ShapeMismatch,
                   "the model declares rank " + std::to_string(shape->dim_size()) +
                       " but --shape gives " + std::to_string(wanted.size()) + " dims",
                   "input '" + input.name() + "'");
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (wanted[i] < 0)
        return error(ErrorCode::InvalidArgument, "shape dims must be >= 0",
                     "input '" + input.name() + "'");
      if (static_cast<int>(i) < shape->dim_size() &&
          shape->dim(static_cast<int>(i)).has_dim_value() &&
          shape->dim(static_cast<int>(i)).dim_value() != wanted[i])
        return error(ErrorCode::ShapeMismatch,
                     "dim " + std::to_string(i) + " is fixed to " +
                         std::to_string(shape->dim(static_cast<int>(i)).dim_value()) +
                         " in the model but --shape gives " + std::to_string(wanted[i]),
                     "input '" + input.name() + "'");
    }
    shape->clear_dim();
    for (int64_t d : wanted) shape->add_dim()->set_dim_value(d);
  }
  for (const auto& [name, dims] : options_.inputShapes) {
    if (!used.count(name)) {
      std::string known;
      for (const auto& input : graph->input())
        if (!initNames.count(input.name())) known += (known.empty() ? "" : ", ") + input.name();
      return error(ErrorCode::InvalidArgument,
                   "no graph input has this name (inputs: " + known + ")",
                   "--shape '" + name + "'");
    }
  }
  // Stale intermediate shapes from the exporter would fight the new ones.
  graph->clear_value_info();
  return Status::ok();
}

void Importer::runChecker(const onnx::ModelProto& model) {
  int64_t opset = 0;
  for (const auto& o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx") opset = o.version();
  if (opset > maxKnownOnnxOpset()) return;  // the checker would only reject the unknown opset
  // External data is resolved (and checked) by us, relative to the model's folder; hide it from the
  // checker, which would look relative to the current directory.
  onnx::ModelProto light;
  light.CopyFrom(model);
  for (auto& init : *light.mutable_graph()->mutable_initializer()) {
    // Detached raw bytes live in storage_; the checker only counts value fields, so one byte
    // stands in for them without copying the weights.
    if (init.has_raw_data() && init.raw_data().empty()) init.set_raw_data(std::string(1, '\0'));
    if (init.data_location() == onnx::TensorProto::EXTERNAL) {
      init.set_data_location(onnx::TensorProto::DEFAULT);
      init.clear_external_data();
      init.set_raw_data(std::string(1, '\0'));
    }
  }
  try {
    onnx::checker::check_model(light);
  } catch (const std::exception& e) {
    warnings_.push_back(std::string("ONNX checker: ") + e.what());
  }
}

void Importer::runShapeInference(onnx::ModelProto& model) {
  try {
    onnx::ShapeInferenceOptions options(false, 0, true);
    onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
  } catch (const std::exception& e) {
    warnings_.push_back(std::string("shape inference stopped early: ") + e.what());
  }
}

Expected<Tensor> Importer::readExternal(const onnx::TensorProto& proto, DType dtype,
                                        std::vector<int64_t> dims, const std::string& context) {
  std::string location;
  int64_t offset = 0;
  int64_t length = -1;
  for (const auto& entry : proto.external_data()) {
    try {
      if (entry.key() == "location")
        location = entry.value();
      else if (entry.key() == "offset")
        offset = std::stoll(entry.value());
      else if (entry.key() == "length")
        length = std::stoll(entry.value());
    } catch (const std::exception&) {
      return error(ErrorCode::BadFormat, "external_data '" + entry.key() + "' is not a number",
                   context);
    }
  }
  if (location.empty())
    return error(ErrorCode::BadFormat, "external data without a location", context);
  fs::path rel(location);
  if (rel.is_absolute())
    return error(ErrorCode::UnsafePath,
                 "external data path '" + location +
                     "' is absolute; only paths inside the model's folder are allowed",
                 context);
  fs::path normal = rel.lexically_normal();
  if (normal.empty() || *normal.begin() == ".." || normal.string().find("..") == 0)
    return error(ErrorCode::UnsafePath,
                 "external data path '" + location + "' leaves the model's folder", context);
  fs::path full = fs::path(baseDir_.empty() ? "." : baseDir_) / normal;
  // A symlink inside the folder could still point outside it.
  std::error_code ec;
  fs::path canonicalBase = fs::weakly_canonical(fs::path(baseDir_.empty() ? "." : baseDir_), ec);
  fs::path canonicalFull = fs::weakly_canonical(full, ec);
  auto [mismatch, unused] = std::mismatch(canonicalBase.begin(), canonicalBase.end(),
                                          canonicalFull.begin(), canonicalFull.end());
  (void)unused;
  if (mismatch != canonicalBase.end())
    return error(ErrorCode::UnsafePath,
                 "external data path '" + location + "' resolves outside the model's folder",
                 context);
  auto& file = storage_->externalFiles[canonicalFull.string()];
  if (!file) {
    auto opened = MappedFile::open(canonicalFull.string());
    if (!opened) {
      Error e = opened.error();
      e.message = "external data file '" + location + "' for " + context + ": " + e.message;
      return e;
    }
    file = *opened;
  }
  uint64_t needed = static_cast<uint64_t>(checkedNumel(dims)) * dtypeSize(dtype);
  if (length >= 0 && static_cast<uint64_t>(length) != needed)
    return error(ErrorCode::BadFormat,
                 "external data length " + std::to_string(length) + " does not match the " +
                     std::to_string(needed) + " bytes its dims need",
                 context);
  if (offset < 0 || static_cast<uint64_t>(offset) > file->size() ||
      needed > file->size() - static_cast<uint64_t>(offset))
    return error(ErrorCode::FileTruncated,
                 "external data file '" + location + "' has " + std::to_string(file->size()) +
                     " bytes; the tensor needs " + std::to_string(needed) + " at offset " +
                     std::to_string(offset),
                 context);
  return Tensor::view(dtype, std::move(dims), file, file->data() + offset);
}

template <typename Field, typename T>
Tensor fromTypedField(DType dtype, std::vector<int64_t> dims, const Field& field) {
  Tensor tensor = Tensor::zeros(dtype, std::move(dims));
  T* out = tensor.mutableData<T>();
  for (int i = 0; i < field.size(); ++i) out[i] = static_cast<T>(field.Get(i));
  return tensor;
}

Expected<Tensor> Importer::convertTensor(const onnx::TensorProto& proto, const std::string& context,
                                         const std::string* detachedRaw) {
  if (!isValidDType(proto.data_type()) || proto.data_type() == 0)
    return error(ErrorCode::BadFormat, "unknown data_type " + std::to_string(proto.data_type()),
                 context);
  auto dtype = static_cast<DType>(proto.data_type());
  std::vector<int64_t> dims(proto.dims().begin(), proto.dims().end());
  for (int64_t d : dims)
    if (d < 0)
      return error(ErrorCode::InvalidModel,
                   "negative dim " + std::to_string(d) + " in " + dimsToString(dims), context);
  int64_t numel = checkedNumel(dims);
  if (numel < 0 || (dtypeSize(dtype) &&
                    static_cast<uint64_t>(numel) > options_.maxTensorBytes / dtypeSize(dtype)))
    return error(ErrorCode::LimitExceeded,
                 "dims " + dimsToString(dims) + " describe more than the " +
                     limitText(options_.maxTensorBytes) + " tensor limit",
                 context);
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return readExternal(proto, dtype, dims, context);
  if (dtype == DType::String) {
    if (proto.string_data_size() != numel)
      return error(ErrorCode::BadFormat,
                   "string tensor has " + std::to_string(proto.string_data_size()) +
                       " values but dims need " + std::to_string(numel),
                   context);
    return Tensor::strings(dims, {proto.string_data().begin(), proto.string_data().end()});
  }
  const std::string* raw =
      detachedRaw ? detachedRaw : (proto.has_raw_data() ? &proto.raw_data() : nullptr);
  size_t needed = static_cast<size_t>(numel) * dtypeSize(dtype);
  if (raw) {
    if (raw->size() != needed)
      return error(raw->size() < needed ? ErrorCode::FileTruncated : ErrorCode::BadFormat,
                   "raw_data has " + std::to_string(raw->size()) + " bytes but dims " +
                       dimsToString(dims) + " of " + std::string(dtypeName(dtype)) + " need " +
                       std::to_string(needed),
                   context);
    const auto* ptr = reinterpret_cast<const std::byte*>(raw->data());
    if (reinterpret_cast<uintptr_t>(ptr) % 16 == 0 && needed >= 64)
      return Tensor::view(dtype, std::move(dims), storage_, ptr);
    return Tensor::fromBytes(dtype, std::move(dims), {ptr, needed});
  }
  auto countMismatch = [&](int have) {
    return error(ErrorCode::BadFormat,
                 "tensor holds " + std::to_string(have) + " values but dims " + dimsToString(dims) +
                     " need " + std::to_string(numel),
                 context);
  };
  switch (dtype) {
    case DType::Float32:
      if (proto.float_data_size() != numel) return countMismatch(proto.float_data_size());
      return fromTypedField<decltype(proto.float_data()), float>(dtype, dims, proto.float_data());
    case DType::Complex64:
      if (proto.float_data_size() != 2 * numel) return countMismatch(proto.float_data_size() / 2);
      return fromTypedField<decltype(proto.float_data()), float>(dtype, dims, proto.float_data());
    case DType::Float64:
      if (proto.double_data_size() != numel) return countMismatch(proto.double_data_size());
      return fromTypedField<decltype(proto.double_data()), double>(dtype, dims,
                                                                   proto.double_data());
    case DType::Complex128:
      if (proto.double_data_size() != 2 * numel) return countMismatch(proto.double_data_size() / 2);
      return fromTypedField<decltype(proto.double_data()), double>(dtype, dims,
                                                                   proto.double_data());
    case DType::Int64:
      if (proto.int64_data_size() != numel) return countMismatch(proto.int64_data_size());
      return fromTypedField<decltype(proto.int64_data()), int64_t>(dtype, dims, proto.int64_data());
    case DType::UInt32:
    case DType::UInt64:
      if (proto.uint64_data_size() != numel) return countMismatch(proto.uint64_data_size());
      if (dtype == DType::UInt32)
        return fromTypedField<decltype(proto.uint64_data()), uint32_t>(dtype, dims,
                                                                       proto.uint64_data());
      return fromTypedField<decltype(proto.uint64_data()), uint64_t>(dtype, dims,
                                                                     proto.uint64_data());
    case DType::Int32:
      if (proto.int32_data_size() != numel) return countMismatch(proto.int32_data_size());
      return fromTypedField<decltype(proto.int32_data()), int32_t>(dtype, dims, proto.int32_data());
    case DType::Int16:
      if (proto.int32_data_size() != numel) return countMismatch(proto.int32_data_size());
      return fromTypedField<decltype(proto.int32_data()), int16_t>(dtype, dims, proto.int32_data());
    case DType::Int8:
      if (proto.int32_data_size() != numel) return countMismatch(proto.int32_data_size());
      return fromTypedField<decltype(proto.int32_data()), int8_t>(dtype, dims, proto.int32_data());
    case DType::UInt16:
    case DType::Float16:
    case DType::BFloat16:
      if (proto.int32_data_size() != numel) return countMismatch(proto.int32_data_size());
      return fromTypedField<decltype(proto.int32_data()), uint16_t>(dtype, dims,
                                                                    proto.int32_data());
    case DType::UInt8:
    case DType::Bool:
      if (proto.int32_data_size() != numel) return countMismatch(proto.int32_data_size());
      return fromTypedField<decltype(proto.int32_data()), uint8_t>(dtype, dims, proto.int32_data());
    default:
      return error(ErrorCode::BadFormat,
                   "unsupported tensor data_type " + std::to_string(proto.data_type()), context);
  }
}

Expected<Attribute> Importer::convertAttribute(const onnx::AttributeProto& a,
                                               const std::string& node,
                                               const std::unordered_set<std::string>& scopeNames) {
  std::string context = "attribute '" + a.name() + "' of node '" + node + "'";
  auto type = a.type();
  if (type == onnx::AttributeProto::UNDEFINED) {  // very old exporters left the type out
    if (a.has_f())
      type = onnx::AttributeProto::FLOAT;
    else if (a.has_i())
      type = onnx::AttributeProto::INT;
    else if (a.has_s())
      type = onnx::AttributeProto::STRING;
    else if (a.has_t())
      type = onnx::AttributeProto::TENSOR;
    else if (a.has_g())
      type = onnx::AttributeProto::GRAPH;
    else if (a.floats_size())
      type = onnx::AttributeProto::FLOATS;
    else if (a.ints_size())
      type = onnx::AttributeProto::INTS;
    else if (a.strings_size())
      type = onnx::AttributeProto::STRINGS;
  }
  switch (type) {
    case onnx::AttributeProto::FLOAT:
      return Attribute(static_cast<double>(a.f()));
    case onnx::AttributeProto::INT:
      return Attribute(static_cast<int64_t>(a.i()));
    case onnx::AttributeProto::STRING:
      return Attribute(a.s());
    case onnx::AttributeProto::FLOATS:
      return Attribute(std::vector<double>(a.floats().begin(), a.floats().end()));
    case onnx::AttributeProto::INTS:
      return Attribute(std::vector<int64_t>(a.ints().begin(), a.ints().end()));
    case onnx::AttributeProto::STRINGS:
      return Attribute(std::vector<std::string>(a.strings().begin(), a.strings().end()));
    case onnx::AttributeProto::TENSOR: {
      auto tensor = convertTensor(a.t(), context, nullptr);
      if (!tensor) return tensor.error();
      return Attribute(std::move(*tensor));
    }
    case onnx::AttributeProto::TENSORS: {
      std::vector<Tensor> tensors;
      for (const auto& t : a.tensors()) {
        auto tensor = convertTensor(t, context, nullptr);
        if (!tensor) return tensor.error();
        tensors.push_back(std::move(*tensor));
      }
      return Attribute(std::move(tensors));
    }
    case onnx::AttributeProto::GRAPH: {
      auto sub = std::make_shared<Graph>();
      MB_TRY(convertGraph(a.g(), *sub, scopeNames, false));
      return Attribute(sub);
    }
    case onnx::AttributeProto::GRAPHS: {
      std::vector<std::shared_ptr<Graph>> graphs;
      for (const auto& g : a.graphs()) {
        auto sub = std::make_shared<Graph>();
        MB_TRY(convertGraph(g, *sub, scopeNames, false));
        graphs.push_back(sub);
      }
      return Attribute(std::move(graphs));
    }
    default:
      return error(ErrorCode::BadFormat,
                   "attribute type " + std::to_string(a.type()) + " is not supported", context);
  }
}

Status Importer::convertGraph(const onnx::GraphProto& proto, Graph& graph,
                              const std::unordered_set<std::string>& outerNames, bool isMain) {
  graph.name = proto.name();
  // Declared types: inputs, outputs, value_info.
  std::unordered_map<std::string, const onnx::TypeProto*> declared;
  for (const auto& vi : proto.value_info()) declared[vi.name()] = &vi.type();
  for (const auto& vi : proto.output()) declared[vi.name()] = &vi.type();
  for (const auto& vi : proto.input()) declared[vi.name()] = &vi.type();

  auto makeValue = [&](const std::string& name) {
    Value value;
    value.name = name;
    if (auto it = declared.find(name); it != declared.end())
      value.shape = shapeFromType(*it->second, &value.dtype);
    return graph.addValue(std::move(value));
  };

  std::unordered_set<std::string> defined;
  for (const auto& init : proto.initializer()) {
    std::string context = "initializer '" + init.name() + "'";
    if (init.name().empty()) return error(ErrorCode::InvalidModel, "an initializer has no name");
    if (!defined.insert(init.name()).second)
      return error(ErrorCode::InvalidModel, "two initializers share this name", context);
    auto found = detached_.find(&init);
    auto tensor = convertTensor(
        init, context, found == detached_.end() ? nullptr : &storage_->rawData[found->second]);
    if (!tensor) return tensor.error();
    ValueId id = makeValue(init.name());
    graph.value(id).dtype = tensor->dtype();
    graph.value(id).shape = Shape::ofDims(tensor->dims());
    graph.value(id).initializer = std::move(*tensor);
  }
  std::unordered_set<std::string> inputNames;
  for (const auto& input : proto.input()) {
    std::string context = "input '" + input.name() + "'";
    if (!inputNames.insert(input.name()).second)
      return error(ErrorCode::InvalidModel, "two graph inputs share this name", context);
    if (defined.count(input.name())) continue;  // an initializer also listed as input (IR < 4)
    defined.insert(input.name());
    MB_TRY(checkDeclaredDims(input.type(), context));
    graph.inputs.push_back(makeValue(input.name()));
  }
  for (const auto& node : proto.node()) {
    for (const auto& out : node.output()) {
      if (out.empty()) continue;
      if (!defined.insert(out).second)
        return error(ErrorCode::InvalidModel,
                     "value '" + out + "' is produced twice (by node '" + node.name() +
                         "' and an earlier node or input)",
                     "node '" + node.name() + "' (" + node.op_type() + ")");
    }
  }
  std::unordered_set<std::string> scopeNames = outerNames;
  scopeNames.insert(defined.begin(), defined.end());

  std::set<std::string> knownDomains;
  for (const auto& o : storage_->model->opset_import()) knownDomains.insert(o.domain());
  std::unordered_set<std::string> nodeNames;
  int unnamed = 0;
  for (const auto& np : proto.node()) {
    if (++nodeCount_ > options_.maxNodes)
      return error(ErrorCode::LimitExceeded,
                   "the model has more than " + std::to_string(options_.maxNodes) + " nodes");
    Node node;
    node.name = np.name().empty() ? np.op_type() + "_" + std::to_string(unnamed++) : np.name();
    std::string context = "node '" + node.name + "' (" + np.op_type() + ")";
    node.domain = np.domain() == "ai.onnx" ? "" : np.domain();
    node.opType = np.op_type();
    if (node.opType.empty()) return error(ErrorCode::InvalidModel, "node has no op_type", context);
    if (!knownDomains.count(np.domain()) &&
        !(np.domain().empty() && knownDomains.count("ai.onnx")) &&
        !(np.domain() == "ai.onnx" && knownDomains.count("")))
      return error(ErrorCode::InvalidModel,
                   "op domain '" + np.domain() + "' is not declared in the model's opset_import",
                   context);
    for (const auto& in : np.input()) {
      if (in.empty()) {
        node.inputs.push_back(kNoValue);
        continue;
      }
      auto id = graph.findValue(in);
      if (!id) {
        if (!defined.count(in) && !outerNames.count(in))
          return error(ErrorCode::InvalidModel,
                       "input '" + in + "' is not produced by any node, graph input or initializer",
                       context);
        id = makeValue(in);  // produced later in file order, or read from the enclosing graph
      }
      node.inputs.push_back(*id);
    }
    for (const auto& out : np.output()) {
      if (out.empty()) {
        node.outputs.push_back(kNoValue);
        continue;
      }
      auto id = graph.findValue(out);
      node.outputs.push_back(id ? *id : makeValue(out));
    }
    for (const auto& a : np.attribute()) {
      auto attr = convertAttribute(a, node.name, scopeNames);
      if (!attr) return attr.error();
      node.attrs.set(a.name(), std::move(*attr));
    }
    node.scope = passes::scopeFromNodeName(node.name);
    graph.addNode(std::move(node));
  }
  for (const auto& out : proto.output()) {
    auto id = graph.findValue(out.name());
    if (!id) {
      if (!outerNames.count(out.name()))
        return error(ErrorCode::InvalidModel, "graph output is not produced by any node",
                     "output '" + out.name() + "'");
      id = makeValue(out.name());
    }
    graph.outputs.push_back(*id);
  }
  (void)isMain;
  auto order = graph.topologicalOrder();
  if (!order) {
    Error e = order.error();
    e.where = where_ + ": " + e.where;
    return e;
  }
  return Status::ok();
}

Expected<OnnxImportResult> Importer::run(std::shared_ptr<onnx::ModelProto> model) {
  storage_->model = model;
  MB_TRY(validateTopLevel(*model));
  detachInitializerData(*model);
  MB_TRY(applyInputShapes(*model));
  if (options_.runChecker) runChecker(*model);
  if (options_.inferShapes) runShapeInference(*model);

  OnnxImportResult result;
  Graph& graph = result.graph;
  graph.irVersion = model->ir_version();
  graph.producerName = model->producer_name();
  graph.producerVersion = model->producer_version();
  for (const auto& o : model->opset_import())
    graph.opsetImports[o.domain() == "ai.onnx" ? "" : o.domain()] = o.version();
  MB_TRY(convertGraph(model->graph(), graph, {}, true));
  if (graph.name.empty()) graph.name = "model";
  result.warnings = std::move(warnings_);
  return result;
}

Expected<std::shared_ptr<onnx::ModelProto>> parseModel(
    google::protobuf::io::ZeroCopyInputStream& stream, const std::string& where, uint64_t size,
    unsigned char firstByte) {
  if (size == 0) return makeError(ErrorCode::BadFormat, "the file is empty", where);
  auto model = std::make_shared<onnx::ModelProto>();
  google::protobuf::io::CodedInputStream coded(&stream);
  coded.SetTotalBytesLimit(INT_MAX);
  coded.SetRecursionLimit(200);
  if (!model->ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage()) {
    // ModelProto files start with field 1 (ir_version, varint): tag byte 0x08.
    if (firstByte == 0x08)
      return makeError(ErrorCode::FileTruncated,
                       "the file ends in the middle of the model or is corrupted (protobuf parse "
                       "failed after a valid start)",
                       where);
    return makeError(ErrorCode::BadFormat,
                     "not an ONNX model: the file is not a protobuf ModelProto", where);
  }
  return model;
}

}  // namespace

int64_t maxKnownOnnxOpset() {
  const auto& map = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto it = map.find(onnx::ONNX_DOMAIN);
  return it == map.end() ? 17 : it->second.second;
}

Expected<OnnxImportResult> importOnnxFile(const std::string& path,
                                          const OnnxImportOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return makeError(errno == ENOENT ? ErrorCode::FileNotFound : ErrorCode::FileUnreadable,
                     errno == ENOENT ? "no such file" : "cannot open the file", path);
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return makeError(ErrorCode::FileUnreadable, "not a regular file", path);
  }
  if (static_cast<uint64_t>(info.st_size) >= (uint64_t{2} << 30)) {
    ::close(fd);
    return makeError(
        ErrorCode::LimitExceeded,
        "protobuf files must be smaller than 2 GiB; save larger models with external data", path);
  }
  unsigned char first = 0;
  if (info.st_size > 0 && ::pread(fd, &first, 1, 0) != 1) first = 0;
  // Streamed parse: the file is never fully resident next to the parsed model (peak RSS ≈ file).
  Expected<std::shared_ptr<onnx::ModelProto>> model = makeError(ErrorCode::Internal, "");
  {
    google::protobuf::io::FileInputStream stream(fd, 1 << 20);
    model = parseModel(stream, path, static_cast<uint64_t>(info.st_size), first);
  }
  ::close(fd);
  if (!model) return model.error();
  std::string baseDir = std::filesystem::path(path).parent_path().string();
  Importer importer(options, baseDir, path);
  auto result = importer.run(*model);
  if (result) {
    result->path = path;
    result->fileBytes = static_cast<uint64_t>(info.st_size);
    if (result->graph.name == "model" || result->graph.name.empty())
      result->graph.name = std::filesystem::path(path).stem().string();
  }
  return result;
}

Expected<OnnxImportResult> importOnnxBytes(const std::string& bytes, const std::string& baseDir,
                                           const OnnxImportOptions& options) {
  google::protobuf::io::ArrayInputStream stream(
      bytes.data(), static_cast<int>(std::min<size_t>(bytes.size(), INT_MAX)));
  auto model = parseModel(stream, "<memory>", bytes.size(),
                          bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]));
  if (!model) return model.error();
  Importer importer(options, baseDir, "<memory>");
  return importer.run(*model);
}

Expected<Tensor> tensorFromProtoBytes(const std::string& bytes, const std::string& where) {
  onnx::TensorProto proto;
  if (bytes.size() > static_cast<size_t>(INT_MAX) || !proto.ParseFromString(bytes))
    return makeError(ErrorCode::BadFormat, "not a serialized onnx.TensorProto (nor a .npy file)",
                     where);
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return makeError(ErrorCode::BadFormat, "a standalone tensor file cannot use external data",
                     where);
  OnnxImportOptions options;
  Importer importer(options, std::string(), where);
  auto tensor = importer.convertTensor(
      proto, proto.name().empty() ? std::string() : "tensor '" + proto.name() + "'", nullptr);
  if (!tensor) return tensor.error();
  return tensor->clone();  // views would point into the local proto
}

Expected<std::pair<std::string, std::vector<int64_t>>> parseShapeSpec(const std::string& spec) {
  std::string name;
  std::string dimsText = spec;
  auto colon = spec.rfind(':');
  if (colon != std::string::npos) {
    name = spec.substr(0, colon);
    dimsText = spec.substr(colon + 1);
  }
  std::vector<int64_t> dims;
  size_t pos = 0;
  if (dimsText.empty())
    return makeError(ErrorCode::InvalidArgument, "empty shape", "--shape '" + spec + "'");
  while (pos <= dimsText.size()) {
    size_t comma = dimsText.find(',', pos);
    std::string item =
        dimsText.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (item.empty() || item.size() > 12 ||
        item.find_first_not_of("0123456789") != std::string::npos)
      return makeError(ErrorCode::InvalidArgument,
                       "'" + item +
                           "' is not a dimension; write comma-separated non-negative integers such "
                           "as 1,3,224,224",
                       "--shape '" + spec + "'");
    dims.push_back(std::stoll(item));
    if (dims.size() > 64)
      return makeError(ErrorCode::InvalidArgument, "more than 64 dims", "--shape '" + spec + "'");
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return std::make_pair(name, dims);
}

}  // namespace mb
