#include "op_style.h"

#include <QSet>

namespace mb {
namespace {

QString shapeText(const std::vector<int64_t>& dims) {
  QStringList parts;
  for (int64_t d : dims) parts << QString::number(d);
  return QStringLiteral("⟨%1⟩").arg(parts.join(QChar(0x00d7)));
}

QString attributeText(const Attribute& a) {
  QString text = QString::fromStdString(a.toString());
  if (text.size() > 28) text = text.left(26) + QStringLiteral("…");
  return text;
}

}  // namespace

OpStyle OpStyle::forOp(const std::string& opType) {
  QString op = QString::fromStdString(opType);
  QString last = op.section(QLatin1Char('.'), -1).section(QStringLiteral("::"), -1).toLower();
  static const QSet<QString> layer = {
      "conv", "convtranspose", "conv1d", "conv2d",      "conv3d",        "conv2dtranspose",
      "gemm", "matmul",        "dense",  "linear",      "lstm",          "gru",
      "rnn",  "embedding",     "einsum", "batchmatmul", "matmulinteger", "bmm"};
  static const QSet<QString> activation = {
      "relu",     "sigmoid", "tanh",  "gelu",        "softmax",   "logsoftmax", "leakyrelu",
      "elu",      "selu",    "prelu", "hardsigmoid", "hardswish", "silu",       "mish",
      "softplus", "clip",    "relu6", "hswish",      "hsigmoid",  "erf"};
  static const QSet<QString> pool = {
      "maxpool",   "averagepool",       "globalaveragepool", "globalmaxpool", "maxpool2d",
      "avgpool2d", "adaptiveavgpool2d", "reducemean",        "reducemax",     "reducesum"};
  static const QSet<QString> norm = {"batchnormalization",
                                     "layernormalization",
                                     "instancenormalization",
                                     "groupnormalization",
                                     "batchnorm2d",
                                     "layernorm",
                                     "groupnorm",
                                     "lrn",
                                     "batchnorm1d",
                                     "dropout"};
  static const QSet<QString> shape = {
      "reshape", "transpose", "flatten", "squeeze", "unsqueeze", "concat",       "split",
      "gather",  "slice",     "expand",  "tile",    "pad",       "resize",       "shape",
      "cast",    "permute",   "cat",     "view",    "identity",  "depthtospace", "spacetodepth"};
  static const QSet<QString> tensor = {"constant", "constantofshape", "range", "where",
                                       "topk",     "nonzero"};
  if (op.startsWith(QLatin1String("onnx::")))
    return {QColor(190, 40, 40), Qt::white, "unconverted"};
  if (layer.contains(last)) return {QColor(51, 85, 136), Qt::white, "layer"};
  if (activation.contains(last)) return {QColor(112, 41, 33), Qt::white, "activation"};
  if (pool.contains(last)) return {QColor(51, 85, 51), Qt::white, "pool"};
  if (norm.contains(last)) return {QColor(51, 85, 68), Qt::white, "normalization"};
  if (shape.contains(last)) return {QColor(108, 79, 71), Qt::white, "shape"};
  if (tensor.contains(last)) return {QColor(89, 89, 89), Qt::white, "tensor"};
  return {QColor(222, 222, 222), QColor(30, 30, 30), "math"};
}

QString OpStyle::displayName(const Node& node) {
  QString op = QString::fromStdString(node.opType);
  if (op.startsWith(QLatin1String("mindspore."))) op = op.mid(10);
  if (!node.domain.empty() && node.dialect == Dialect::Onnx && node.domain != "ai.onnx")
    op = QString::fromStdString(node.domain) + QStringLiteral("::") + op;
  return op;
}

QStringList OpStyle::bodyLines(const Graph& graph, const Node& node, int maxLines) {
  QStringList lines;
  static const char* names[] = {"X", "W", "B", "C", "D", "E"};
  for (const auto& p : node.params) {
    if (p.value == kNoValue) continue;
    const Value& v = graph.value(p.value);
    auto dims = v.initializer ? v.initializer->dims() : std::vector<int64_t>{};
    lines << QStringLiteral("%1 %2").arg(QString::fromStdString(p.name), shapeText(dims));
  }
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    ValueId id = node.inputs[i];
    if (id == kNoValue || !graph.value(id).initializer) continue;
    const Tensor& t = *graph.value(id).initializer;
    if (t.numel() <= 1 && node.dialect == Dialect::Onnx && lines.size() >= maxLines - 1) continue;
    QString label = i < 6 ? QString::fromLatin1(names[i]) : QString::number(i);
    lines << QStringLiteral("%1 %2").arg(label, shapeText(t.dims()));
  }
  for (const auto& a : node.attrs.items()) {
    if (lines.size() >= maxLines) break;
    lines << QStringLiteral("%1 = %2").arg(QString::fromStdString(a.name), attributeText(a.value));
  }
  while (lines.size() > maxLines) lines.removeLast();
  return lines;
}

}  // namespace mb
