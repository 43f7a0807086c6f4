#include "layout/synthetic_graphs.h"

#include <initializer_list>

namespace mb::layout {
namespace {

class Builder {
 public:
  explicit Builder(Graph& g) : g_(g) {}
  ValueId input(const std::string& name) {
    ValueId v = value(name);
    g_.inputs.push_back(v);
    return v;
  }
  ValueId op(const std::string& scope, const std::string& type,
             std::initializer_list<ValueId> inputs) {
    Node node;
    node.opType = type;
    node.name = scope + "/" + type + "_" + std::to_string(serial_++);
    node.scope = node.name;
    node.inputs.assign(inputs.begin(), inputs.end());
    ValueId out = value(node.name + "_output_0");
    node.outputs.push_back(out);
    g_.addNode(std::move(node));
    return out;
  }

 private:
  ValueId value(const std::string& name) {
    Value v;
    v.name = name;
    v.dtype = DType::Float32;
    return g_.addValue(std::move(v));
  }
  Graph& g_;
  int64_t serial_ = 0;
};

ValueId resnetBlock(Builder& b, const std::string& s, ValueId x) {
  ValueId y = b.op(s + "/conv1", "Conv", {x});
  y = b.op(s + "/bn1", "BatchNormalization", {y});
  y = b.op(s, "Relu", {y});
  y = b.op(s + "/conv2", "Conv", {y});
  y = b.op(s + "/bn2", "BatchNormalization", {y});
  y = b.op(s, "Add", {y, x});
  return b.op(s, "Relu", {y});
}

struct Globals {
  ValueId mask = kNoValue, cos = kNoValue, sin = kNoValue;
};

ValueId transformerBlock(Builder& b, const std::string& s, ValueId x, const Globals& gl, bool llm) {
  const std::string a = s + "/self_attn";
  ValueId h = b.op(s + "/input_layernorm", "LayerNormalization", {x});
  ValueId q = b.op(a + "/q_proj", "MatMul", {h});
  ValueId k = b.op(a + "/k_proj", "MatMul", {h});
  ValueId v = b.op(a + "/v_proj", "MatMul", {h});
  q = b.op(a + "/q_proj", "Add", {q});
  k = b.op(a + "/k_proj", "Add", {k});
  v = b.op(a + "/v_proj", "Add", {v});
  ValueId shape = kNoValue;
  if (llm) {  // the exporter's dynamic reshape target, recomputed in every block
    ValueId dims = b.op(a, "Shape", {x});
    ValueId batch = b.op(a, "Gather", {dims});
    ValueId unsq = b.op(a, "Unsqueeze", {batch});
    shape = b.op(a, "Concat", {unsq});
  }
  auto heads = [&](ValueId t) {
    t = llm ? b.op(a, "Reshape", {t, shape}) : b.op(a, "Reshape", {t});
    return b.op(a, "Transpose", {t});
  };
  q = heads(q);
  k = heads(k);
  v = heads(v);
  if (llm) {  // rotary embedding: q·cos + rotate(q)·sin
    q = b.op(a + "/rotary", "Mul", {q, gl.cos});
    k = b.op(a + "/rotary", "Mul", {k, gl.sin});
  }
  ValueId scores = b.op(a, "MatMul", {q, k});
  scores = b.op(a, "Div", {scores});
  if (llm) scores = b.op(a, "Add", {scores, gl.mask});
  scores = b.op(a, "Softmax", {scores});
  ValueId ctx = b.op(a, "MatMul", {scores, v});
  ctx = b.op(a, "Transpose", {ctx});
  ctx = llm ? b.op(a, "Reshape", {ctx, shape}) : b.op(a, "Reshape", {ctx});
  ctx = b.op(a + "/o_proj", "MatMul", {ctx});
  ctx = b.op(a + "/o_proj", "Add", {ctx});
  ValueId r = b.op(s, "Add", {x, ctx});
  ValueId m = b.op(s + "/post_attention_layernorm", "LayerNormalization", {r});
  m = b.op(s + "/mlp/fc1", "MatMul", {m});
  m = b.op(s + "/mlp/fc1", "Add", {m});
  m = b.op(s + "/mlp", "Gelu", {m});
  m = b.op(s + "/mlp/fc2", "MatMul", {m});
  m = b.op(s + "/mlp/fc2", "Add", {m});
  return b.op(s, "Add", {r, m});
}

}  // namespace

const char* syntheticKindName(SyntheticKind kind) {
  switch (kind) {
    case SyntheticKind::Cnn:
      return "cnn";
    case SyntheticKind::Transformer:
      return "tf";
    case SyntheticKind::Llm:
      return "llm";
  }
  return "?";
}

bool parseSyntheticKind(const std::string& name, SyntheticKind& kind) {
  for (auto k : {SyntheticKind::Cnn, SyntheticKind::Transformer, SyntheticKind::Llm})
    if (name == syntheticKindName(k)) return kind = k, true;
  return false;
}

Graph makeSyntheticGraph(SyntheticKind kind, int64_t nodes) {
  Graph g;
  g.name = std::string("synthetic_") + syntheticKindName(kind);
  Builder b(g);
  ValueId x = b.input("input");
  if (kind == SyntheticKind::Cnn) {
    x = b.op("/stem", "Conv", {x});
    for (int64_t i = 0; static_cast<int64_t>(g.nodes.size()) + 7 <= nodes; ++i)
      x = resnetBlock(b,
                      "/layer" + std::to_string(i / 8 + 1) + "/layer" + std::to_string(i / 8 + 1) +
                          "." + std::to_string(i % 8),
                      x);
  } else {
    Globals gl;
    bool llm = kind == SyntheticKind::Llm;
    x = b.op("/embed_tokens", "Gather", {x});
    if (llm) {
      ValueId mask = b.input("attention_mask");
      mask = b.op("/model", "Unsqueeze", {mask});
      mask = b.op("/model", "Cast", {mask});
      gl.mask = b.op("/model", "Mul", {mask});
      ValueId pos = b.op("/rotary_emb", "Range", {});
      gl.cos = b.op("/rotary_emb", "Cos", {pos});
      gl.sin = b.op("/rotary_emb", "Sin", {pos});
    }
    const int64_t perBlock = llm ? 35 : 29;
    for (int64_t i = 0; static_cast<int64_t>(g.nodes.size()) + perBlock <= nodes; ++i)
      x = transformerBlock(b, "/model/layers." + std::to_string(i), x, gl, llm);
    x = b.op("/model/norm", "LayerNormalization", {x});
  }
  g.outputs.push_back(x);
  return g;
}

}  // namespace mb::layout
