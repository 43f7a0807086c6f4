#include "migrate/migration_rules.h"

#include <functional>
#include <map>

#include "migrate/call_editor.h"

namespace mb::migrate {

namespace {

using Params = std::vector<std::string>;
using RuleFn = std::function<CallRuleResult(const Module&, const Expr&)>;

CallRuleResult refuse(const std::string& target, const std::string& reason) {
  CallRuleResult r;
  r.target = target;
  r.unconverted = reason;
  return r;
}

// Runs `body` on a bound editor; a binding failure becomes the refusal reason.
CallRuleResult withEditor(const Module& m, const Expr& call, const std::string& target,
                          Params params,
                          const std::function<void(CallEditor&, CallRuleResult&)>& body) {
  CallEditor ed(m, call, std::move(params));
  if (!ed.bindError().empty()) return refuse(target, ed.bindError());
  CallRuleResult r;
  r.target = target;
  body(ed, r);
  if (r.unconverted.empty()) r.edits = ed.finish();
  return r;
}

void dropTorchOnly(CallEditor& ed, CallRuleResult& r, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (ed.has(n)) {
      ed.drop(n);
      r.notes.push_back(std::string("dropped ") + n);
    }
}

// Conv / ConvTranspose padding: torch pads symmetrically by `padding` (default 0); MindSpore needs
// pad_mode='pad' for explicit padding, and its default pad_mode is 'same'.
void convPadding(const Module& m, CallEditor& ed, CallRuleResult& r, bool twoD) {
  const Expr* pad = ed.value("padding");
  std::string mode = stringLiteral(m, pad);
  if (!pad || isZeroLiteral(pad)) {
    ed.drop("padding");
    ed.add("pad_mode", "'valid'");
    r.notes.push_back("pad_mode='valid' (MindSpore's default is 'same')");
  } else if (mode == "same" || mode == "valid") {
    ed.rename("padding", "pad_mode");
    r.notes.push_back("padding='" + mode + "' → pad_mode");
  } else {
    ed.add("pad_mode", "'pad'", "padding");
    r.notes.push_back("pad_mode='pad'");
    if (twoD && pad->kind == ExprKind::Tuple && pad->items.size() == 2) {
      // torch (pad_h, pad_w) → MindSpore (top, bottom, left, right)
      auto h = TextPiece::span(pad->items[0]->begin, pad->items[0]->end);
      auto w = TextPiece::span(pad->items[1]->begin, pad->items[1]->end);
      ed.setValue("padding",
                  {TextPiece::text("("), h, TextPiece::text(", "), h, TextPiece::text(", "), w,
                   TextPiece::text(", "), w, TextPiece::text(")")});
      r.notes.push_back("padding (h, w) → (top, bottom, left, right)");
    }
  }
}

CallRuleResult convRule(const Module& m, const Expr& call, const std::string& target,
                        bool transpose, bool twoD) {
  Params params = transpose ? Params{"in_channels", "out_channels",   "kernel_size", "stride",
                                     "padding",     "output_padding", "groups",      "bias",
                                     "dilation",    "padding_mode",   "device",      "dtype"}
                            : Params{"in_channels",  "out_channels", "kernel_size", "stride",
                                     "padding",      "dilation",     "groups",      "bias",
                                     "padding_mode", "device",       "dtype"};
  return withEditor(m, call, target, params, [&](CallEditor& ed, CallRuleResult& r) {
    std::string pm = stringLiteral(m, ed.value("padding_mode"));
    if (ed.has("padding_mode") && pm != "zeros") {
      r.unconverted = "padding_mode=" + ed.valueText("padding_mode") +
                      " has no counterpart (pad explicitly with nn.Pad, then pad_mode='valid')";
      return;
    }
    ed.keepPositional(4);
    ed.drop("padding_mode");
    convPadding(m, ed, r, twoD);
    ed.rename("groups", "group");
    if (ed.has("bias")) {
      ed.rename("bias", "has_bias");
    } else {
      ed.add("has_bias", "True");
    }
    r.notes.push_back("bias → has_bias (MindSpore's default is False)");
    dropTorchOnly(ed, r, {"device", "dtype"});
  });
}

CallRuleResult batchNormRule(const Module& m, const Expr& call, const std::string& target) {
  return withEditor(
      m, call, target,
      {"num_features", "eps", "momentum", "affine", "track_running_stats", "device", "dtype"},
      [&](CallEditor& ed, CallRuleResult& r) {
        ed.keepPositional(4);
        const Expr* mom = ed.value("momentum");
        double v = 0;
        if (isConstant(mom, "None")) {
          r.unconverted = "momentum=None (cumulative moving average) has no counterpart";
          return;
        }
        if (mom && isNumberLiteral(mom, &v)) {
          ed.setValueText("momentum", formatNumber(1.0 - v));
          r.notes.push_back("momentum " + ed.valueText("momentum") + " → 1 - momentum");
        } else if (mom) {
          ed.setValue("momentum", {TextPiece::text("1 - ("), TextPiece::span(mom->begin, mom->end),
                                   TextPiece::text(")")});
          r.notes.push_back("momentum → 1 - momentum");
        }
        const Expr* track = ed.value("track_running_stats");
        if (track && !isConstant(track, "True")) {
          if (!isConstant(track, "False")) {
            r.unconverted = "track_running_stats=" + ed.valueText("track_running_stats") +
                            " is not a literal (MindSpore: use_batch_statistics)";
            return;
          }
          ed.drop("track_running_stats");
          ed.add("use_batch_statistics", "True");
          r.notes.push_back("track_running_stats=False → use_batch_statistics=True");
        } else {
          ed.drop("track_running_stats");
        }
        dropTorchOnly(ed, r, {"device", "dtype"});
      });
}

CallRuleResult layerNormRule(const Module& m, const Expr& call, const std::string& target) {
  return withEditor(
      m, call, target, {"normalized_shape", "eps", "elementwise_affine", "bias", "device", "dtype"},
      [&](CallEditor& ed, CallRuleResult& r) {
        const Expr* aff = ed.value("elementwise_affine");
        if (aff && !isConstant(aff, "True")) {
          r.unconverted = "elementwise_affine=" + ed.valueText("elementwise_affine") +
                          ": MindSpore's LayerNorm always has gamma and beta";
          return;
        }
        const Expr* bias = ed.value("bias");
        if (bias && !isConstant(bias, "True")) {
          r.unconverted =
              "bias=" + ed.valueText("bias") + ": MindSpore's LayerNorm always has beta";
          return;
        }
        ed.drop("elementwise_affine");
        ed.drop("bias");
        ed.keepPositional(1);
        const Expr* shape = ed.value("normalized_shape");
        if (!shape) {
          r.unconverted = "normalized_shape is missing";
          return;
        }
        size_t rank = 1;
        if (shape->kind == ExprKind::Tuple || shape->kind == ExprKind::List) {
          rank = shape->items.size();
        } else {
          ed.setValue("normalized_shape",
                      {TextPiece::text("("), TextPiece::span(shape->begin, shape->end),
                       TextPiece::text(",)")});
          r.notes.push_back("normalized_shape → tuple");
        }
        if (rank > 1) {
          std::string axis = "-" + std::to_string(rank);
          ed.add("begin_norm_axis", axis);
          ed.add("begin_params_axis", axis);
        }
        if (ed.has("eps")) {
          ed.rename("eps", "epsilon");
        } else {
          ed.add("epsilon", "1e-5");
        }
        r.notes.push_back("eps → epsilon (explicit: MindSpore's default is 1e-7)");
        dropTorchOnly(ed, r, {"device", "dtype"});
      });
}

// Max / Avg pooling: stride defaults to kernel_size in torch (1 in MindSpore); padding, dilation,
// ceil_mode and friends need pad_mode='pad'.
CallRuleResult poolRule(const Module& m, const Expr& call, const std::string& target, bool isMax,
                        bool oneD) {
  Params params =
      isMax ? Params{"kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"}
            : Params{"kernel_size",       "stride",          "padding", "ceil_mode",
                     "count_include_pad", "divisor_override"};
  if (!isMax && oneD) params.pop_back();
  return withEditor(m, call, target, params, [&](CallEditor& ed, CallRuleResult& r) {
    if (!ed.has("kernel_size")) {
      r.unconverted = "kernel_size is missing";
      return;
    }
    ed.keepPositional(2);
    const Expr* stride = ed.value("stride");
    if (!stride || isConstant(stride, "None")) {
      if (stride) ed.drop("stride");
      const Expr* k = ed.value("kernel_size");
      ed.add("stride", std::string(m.text(*k)));
      r.notes.push_back("stride = kernel_size (torch's default)");
    }
    auto nonDefault = [&](const char* name, const char* dflt) {
      const Expr* v = ed.value(name);
      return v && m.text(*v) != dflt;
    };
    bool needPad = (ed.has("padding") && !isZeroLiteral(ed.value("padding"))) ||
                   nonDefault("dilation", "1") || nonDefault("return_indices", "False") ||
                   nonDefault("ceil_mode", "False") || nonDefault("count_include_pad", "True") ||
                   nonDefault("divisor_override", "None");
    if (needPad) {
      ed.add("pad_mode", "'pad'", ed.has("padding") ? "padding" : "");
      r.notes.push_back("pad_mode='pad'");
    } else {
      ed.drop("padding");
    }
  });
}

CallRuleResult dropoutRule(const Module& m, const Expr& call, const std::string& target) {
  return withEditor(m, call, target, {"p", "inplace"}, [&](CallEditor& ed, CallRuleResult& r) {
    ed.keepPositional(0);  // MindSpore's first positional parameter is the deprecated keep_prob
    dropTorchOnly(ed, r, {"inplace"});
  });
}

CallRuleResult noArgsRule(const Module& m, const Expr& call, const std::string& target,
                          Params params) {
  return withEditor(m, call, target, params, [&](CallEditor& ed, CallRuleResult& r) {
    for (const auto& p : params) dropTorchOnly(ed, r, {p.c_str()});
  });
}

CallRuleResult linearRule(const Module& m, const Expr& call) {
  return withEditor(m, call, "mindspore.nn.Dense",
                    {"in_features", "out_features", "bias", "device", "dtype"},
                    [&](CallEditor& ed, CallRuleResult& r) {
                      ed.keepPositional(2);
                      ed.rename("in_features", "in_channels");
                      ed.rename("out_features", "out_channels");
                      ed.rename("bias", "has_bias");
                      r.notes.push_back(
                          "in_features/out_features/bias → "
                          "in_channels/out_channels/has_bias");
                      dropTorchOnly(ed, r, {"device", "dtype"});
                    });
}

CallRuleResult axisRule(const Module& m, const Expr& call, const std::string& target, Params params,
                        const std::string& dimDefault, size_t keep,
                        std::initializer_list<const char*> drops) {
  return withEditor(m, call, target, params, [&](CallEditor& ed, CallRuleResult& r) {
    ed.keepPositional(keep);
    if (ed.has("dim")) {
      ed.rename("dim", "axis");
    } else if (!dimDefault.empty()) {
      ed.add("axis", dimDefault);
    }
    r.notes.push_back("dim → axis");
    for (const char* d : drops) {
      if (!ed.has(d)) continue;
      if (std::string(d) == "out" || std::string(d) == "_stacklevel" ||
          std::string(d) == "inplace") {
        dropTorchOnly(ed, r, {d});
      } else {
        r.unconverted = std::string("argument '") + d + "' has no counterpart";
        return;
      }
    }
  });
}

CallRuleResult sequenceRule(const Expr& call, const std::string& target) {
  CallRuleResult r;
  r.target = target;
  bool plain = !call.args.empty();
  for (const auto& a : call.args) plain &= a.star == 0 && a.keyword.empty();
  // nn.Sequential(a, b) → nn.SequentialCell([a, b]); *layers, a list and an OrderedDict(...) stay.
  const Expr* only = call.args.size() == 1 ? call.args[0].value : nullptr;
  bool alreadyOne = only && (only->kind == ExprKind::List || only->kind == ExprKind::Call ||
                             only->kind == ExprKind::Comprehension || only->kind == ExprKind::Name);
  if (plain && !alreadyOne) {
    r.edits.push_back(Edit::insert(call.args.front().begin, "["));
    r.edits.push_back(Edit::insert(call.args.back().end, "]"));
    r.notes.push_back("cells passed as a list");
  }
  return r;
}

CallRuleResult embeddingRule(const Module& m, const Expr& call) {
  return withEditor(m, call, "mindspore.nn.Embedding",
                    {"num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                     "scale_grad_by_freq", "sparse", "_weight", "_freeze", "device", "dtype"},
                    [&](CallEditor& ed, CallRuleResult& r) {
                      for (const char* n : {"max_norm", "norm_type", "scale_grad_by_freq", "sparse",
                                            "_weight", "_freeze"})
                        if (ed.has(n)) {
                          r.unconverted = std::string("argument '") + n + "' has no counterpart";
                          return;
                        }
                      ed.keepPositional(2);
                      ed.rename("num_embeddings", "vocab_size");
                      ed.rename("embedding_dim", "embedding_size");
                      r.notes.push_back("num_embeddings/embedding_dim → vocab_size/embedding_size");
                      dropTorchOnly(ed, r, {"device", "dtype"});
                    });
}

CallRuleResult filledRule(const Module&, const Expr& call, const std::string& target) {
  // torch.zeros(2, 3, dtype=…) → ops.zeros((2, 3), dtype=…)
  CallRuleResult r;
  r.target = target;
  std::vector<const Argument*> positional;
  for (const auto& a : call.args) {
    if (a.star) return refuse(target, "*arguments cannot be mapped");
    if (a.keyword.empty()) {
      positional.push_back(&a);
    } else if (a.keyword == "dtype") {
      continue;
    } else if (a.keyword == "device" || a.keyword == "requires_grad" || a.keyword == "out" ||
               a.keyword == "layout" || a.keyword == "pin_memory") {
      return refuse(target, "argument '" + a.keyword + "' has no counterpart");
    } else if (a.keyword != "size") {
      return refuse(target, "argument '" + a.keyword + "' is not in the torch signature");
    }
  }
  if (positional.size() > 1) {
    r.edits.push_back(Edit::insert(positional.front()->begin, "("));
    r.edits.push_back(Edit::insert(positional.back()->end, ")"));
    r.notes.push_back("sizes passed as one tuple");
  }
  return r;
}

CallRuleResult flattenRule(const Module& m, const Expr& call, const std::string& target) {
  return withEditor(m, call, target, {"input", "start_dim", "end_dim"},
                    [&](CallEditor& ed, CallRuleResult& r) {
                      ed.keepPositional(1);
                      if (!ed.has("start_dim")) ed.add("start_dim", "0");
                      r.notes.push_back("start_dim explicit (MindSpore's default is 1)");
                    });
}

CallRuleResult meanRule(const Module& m, const Expr& call, const std::string& target) {
  return withEditor(m, call, target, {"input", "dim", "keepdim", "dtype", "out"},
                    [&](CallEditor& ed, CallRuleResult& r) {
                      if (ed.has("dtype") || ed.has("out")) {
                        r.unconverted = "dtype / out have no counterpart";
                        return;
                      }
                      ed.keepPositional(3);
                      ed.rename("input", "x");
                      ed.rename("dim", "axis");
                      ed.rename("keepdim", "keep_dims");
                      r.notes.push_back("dim/keepdim → axis/keep_dims");
                    });
}

const std::map<std::string, RuleFn>& classicRules() {
  static const std::map<std::string, RuleFn> rules = [] {
    std::map<std::string, RuleFn> r;
    r["torch.nn.Linear"] = [](const Module& m, const Expr& c) { return linearRule(m, c); };
    for (const char* d : {"1d", "2d", "3d"}) {
      std::string dim = d;
      r["torch.nn.Conv" + dim] = [dim](const Module& m, const Expr& c) {
        return convRule(m, c, "mindspore.nn.Conv" + dim, false, dim == "2d");
      };
      r["torch.nn.ConvTranspose" + dim] = [dim](const Module& m, const Expr& c) {
        return convRule(m, c, "mindspore.nn.Conv" + dim + "Transpose", true, dim == "2d");
      };
      r["torch.nn.BatchNorm" + dim] = [dim](const Module& m, const Expr& c) {
        return batchNormRule(m, c, "mindspore.nn.BatchNorm" + dim);
      };
      r["torch.nn.MaxPool" + dim] = [dim](const Module& m, const Expr& c) {
        return poolRule(m, c, "mindspore.nn.MaxPool" + dim, true, dim == "1d");
      };
      r["torch.nn.AvgPool" + dim] = [dim](const Module& m, const Expr& c) {
        return poolRule(m, c, "mindspore.nn.AvgPool" + dim, false, dim == "1d");
      };
    }
    r["torch.nn.LayerNorm"] = [](const Module& m, const Expr& c) {
      return layerNormRule(m, c, "mindspore.nn.LayerNorm");
    };
    r["torch.nn.Dropout"] = [](const Module& m, const Expr& c) {
      return dropoutRule(m, c, "mindspore.nn.Dropout");
    };
    r["torch.nn.Dropout2d"] = [](const Module& m, const Expr& c) {
      return withEditor(m, c, "mindspore.nn.Dropout2d", {"p", "inplace"},
                        [](CallEditor& ed, CallRuleResult& res) {
                          ed.keepPositional(1);
                          dropTorchOnly(ed, res, {"inplace"});
                        });
    };
    for (const char* act : {"ReLU", "ReLU6", "SiLU", "Mish", "Sigmoid", "Tanh"}) {
      std::string name = act;
      r["torch.nn." + name] = [name](const Module& m, const Expr& c) {
        return noArgsRule(m, c, "mindspore.nn." + name, {"inplace"});
      };
    }
    r["torch.nn.Hardswish"] = [](const Module& m, const Expr& c) {
      return noArgsRule(m, c, "mindspore.nn.HSwish", {"inplace"});
    };
    r["torch.nn.Hardsigmoid"] = [](const Module& m, const Expr& c) {
      return noArgsRule(m, c, "mindspore.nn.HSigmoid", {"inplace"});
    };
    r["torch.nn.LeakyReLU"] = [](const Module& m, const Expr& c) {
      return withEditor(m, c, "mindspore.nn.LeakyReLU", {"negative_slope", "inplace"},
                        [](CallEditor& ed, CallRuleResult& res) {
                          ed.keepPositional(1);
                          if (ed.has("negative_slope"))
                            ed.rename("negative_slope", "alpha");
                          else
                            ed.add("alpha", "0.01");
                          res.notes.push_back("negative_slope → alpha (MindSpore's default 0.2)");
                          dropTorchOnly(ed, res, {"inplace"});
                        });
    };
    r["torch.nn.GELU"] = [](const Module& m, const Expr& c) {
      return withEditor(m, c, "mindspore.nn.GELU", {"approximate"},
                        [&m](CallEditor& ed, CallRuleResult& res) {
                          std::string a = stringLiteral(m, ed.value("approximate"));
                          if (ed.has("approximate") && a != "none" && a != "tanh") {
                            res.unconverted = "approximate is not a literal";
                            return;
                          }
                          if (ed.has("approximate"))
                            ed.setValueText("approximate", a == "tanh" ? "True" : "False");
                          else
                            ed.add("approximate", "False");
                          res.notes.push_back("approximate as bool (MindSpore's default True)");
                        });
    };
    for (const char* sm : {"Softmax", "LogSoftmax"}) {
      std::string name = sm;
      r["torch.nn." + name] = [name](const Module& m, const Expr& c) {
        return axisRule(m, c, "mindspore.nn." + name, {"dim"}, "-1", 0, {});
      };
    }
    r["torch.nn.Embedding"] = [](const Module& m, const Expr& c) { return embeddingRule(m, c); };
    r["torch.nn.Sequential"] = [](const Module& m, const Expr& c) {
      (void)m;
      return sequenceRule(c, "mindspore.nn.SequentialCell");
    };
    r["torch.nn.ModuleList"] = [](const Module&, const Expr&) {
      CallRuleResult res;
      res.target = "mindspore.nn.CellList";
      return res;
    };
    r["torch.nn.ModuleDict"] = [](const Module&, const Expr&) {
      CallRuleResult res;
      res.target = "mindspore.nn.CellDict";
      return res;
    };
    r["torch.nn.Identity"] = [](const Module& m, const Expr& c) {
      CallRuleResult res = noArgsRule(m, c, "mindspore.nn.Identity", {});
      res.unconverted.clear();  // torch's Identity ignores its arguments; so does MindSpore's
      res.edits.clear();
      return res;
    };
    r["torch.nn.Parameter"] = [](const Module& m, const Expr& c) {
      return withEditor(m, c, "mindspore.Parameter", {"data", "requires_grad"},
                        [](CallEditor& ed, CallRuleResult&) { ed.keepPositional(1); });
    };
    for (const char* cat : {"torch.cat", "torch.concat", "torch.concatenate"})
      r[cat] = [](const Module& m, const Expr& c) {
        return axisRule(m, c, "mindspore.ops.cat", {"tensors", "dim", "out"}, "", 2, {"out"});
      };
    r["torch.stack"] = [](const Module& m, const Expr& c) {
      return axisRule(m, c, "mindspore.ops.stack", {"tensors", "dim", "out"}, "", 2, {"out"});
    };
    for (const char* sm : {"torch.softmax", "torch.nn.functional.softmax"})
      r[sm] = [](const Module& m, const Expr& c) {
        return axisRule(m, c, "mindspore.ops.softmax", {"input", "dim", "_stacklevel", "dtype"},
                        "-1", 1, {"_stacklevel"});
      };
    for (const char* sm : {"torch.log_softmax", "torch.nn.functional.log_softmax"})
      r[sm] = [](const Module& m, const Expr& c) {
        return axisRule(m, c, "mindspore.ops.log_softmax", {"input", "dim", "_stacklevel", "dtype"},
                        "-1", 1, {"_stacklevel", "dtype"});
      };
    r["torch.nn.functional.dropout"] = [](const Module& m, const Expr& c) {
      return withEditor(m, c, "mindspore.ops.dropout", {"input", "p", "training", "inplace"},
                        [](CallEditor& ed, CallRuleResult& res) {
                          ed.keepPositional(3);
                          dropTorchOnly(ed, res, {"inplace"});
                        });
    };
    r["torch.nn.functional.gelu"] = [](const Module& m, const Expr& c) {
      return withEditor(m, c, "mindspore.ops.gelu", {"input", "approximate"},
                        [](CallEditor& ed, CallRuleResult&) { ed.keepPositional(2); });
    };
    r["torch.flatten"] = [](const Module& m, const Expr& c) {
      return flattenRule(m, c, "mindspore.ops.flatten");
    };
    r["torch.mean"] = [](const Module& m, const Expr& c) {
      return meanRule(m, c, "mindspore.ops.mean");
    };
    r["torch.zeros"] = [](const Module& m, const Expr& c) {
      return filledRule(m, c, "mindspore.ops.zeros");
    };
    r["torch.ones"] = [](const Module& m, const Expr& c) {
      return filledRule(m, c, "mindspore.ops.ones");
    };
    return r;
  }();
  return rules;
}

const std::map<std::string, RuleFn>& mintRules() {
  static const std::map<std::string, RuleFn> rules = [] {
    std::map<std::string, RuleFn> r;
    // Not in the mint table, but mint.nn.MaxPool2d has torch's signature and defaults.
    r["torch.nn.MaxPool2d"] = [](const Module&, const Expr&) {
      CallRuleResult res;
      res.target = "mindspore.mint.nn.MaxPool2d";
      return res;
    };
    return r;
  }();
  return rules;
}

// Method call on any receiver: `.method` replaced, arguments edited.
CallRuleResult methodRename(const Expr& call, const std::string& target,
                            const std::string& newMethod) {
  CallRuleResult r;
  r.target = target;
  r.replacesCallee = true;
  r.edits.push_back(Edit::replace(call.value->attrBegin, call.value->end, newMethod));
  return r;
}

}  // namespace

bool isTorchOnlyKeyword(const std::string& k) {
  return k == "inplace" || k == "device" || k == "out" || k == "layout" || k == "pin_memory" ||
         k == "memory_format" || k == "non_blocking";
}

std::optional<CallRuleResult> applyCallRule(const Module& m, const Expr& call,
                                            const std::string& torchApi, TargetApi target) {
  if (target == TargetApi::Mint) {
    auto it = mintRules().find(torchApi);
    if (it != mintRules().end()) return it->second(m, call);
    return std::nullopt;  // the mint table decides first; classic rules are the engine's fallback
  }
  auto it = classicRules().find(torchApi);
  if (it != classicRules().end()) return it->second(m, call);
  return std::nullopt;
}

std::optional<CallRuleResult> applyTensorMethodRule(const Module& m, const Expr& call,
                                                    const std::string& method, TargetApi target) {
  (void)target;
  const Expr& callee = *call.value;
  if (method == "size") {
    CallRuleResult r;
    r.target = "mindspore.Tensor.shape";
    r.replacesCallee = true;
    if (call.args.empty()) {
      r.edits.push_back(Edit::replace(callee.attrBegin, call.end, "shape"));
      return r;
    }
    const Argument& a = call.args[0];
    if (call.args.size() != 1 || a.star || (!a.keyword.empty() && a.keyword != "dim"))
      return refuse("mindspore.Tensor.shape", "unexpected arguments to size()");
    r.edits.push_back({callee.attrBegin,
                       call.end,
                       {TextPiece::text("shape["), TextPiece::span(a.value->begin, a.value->end),
                        TextPiece::text("]")}});
    r.notes.push_back("size(d) → shape[d]");
    return r;
  }
  if (method == "view") {
    for (const auto& a : call.args)
      if (!a.keyword.empty() || a.star == 2)
        return refuse("mindspore.Tensor.reshape", "keyword arguments to view()");
    if (call.args.size() == 1) {
      auto chain = attributeChain(*call.args[0].value);
      if (chain.size() == 2 && (chain[1].find("float") != std::string::npos ||
                                chain[1].find("int") != std::string::npos))
        return refuse("mindspore.Tensor.view", "view(dtype) reinterprets bytes");
    }
    return methodRename(call, "mindspore.Tensor.reshape", "reshape");
  }
  if (method == "repeat") {
    CallRuleResult r = methodRename(call, "mindspore.Tensor.tile", "tile");
    bool plain = !call.args.empty();
    for (const auto& a : call.args) plain &= a.keyword.empty() && !a.star;
    if (!plain) return refuse("mindspore.Tensor.tile", "repeat() arguments cannot be mapped");
    if (call.args.size() > 1) {
      r.edits.push_back(Edit::insert(call.args.front().begin, "("));
      r.edits.push_back(Edit::insert(call.args.back().end, ")"));
    }
    r.notes.push_back("repeat(sizes) → tile(sizes)");
    return r;
  }
  if (method == "flatten") {
    auto r = withEditor(m, call, "mindspore.Tensor.flatten", {"start_dim", "end_dim"},
                        [](CallEditor& ed, CallRuleResult& res) {
                          ed.keepPositional(0);
                          if (!ed.has("start_dim")) ed.add("start_dim", "0");
                          res.notes.push_back("start_dim as keyword, explicit");
                        });
    r.replacesCallee = true;
    return r;
  }
  if (method == "mean") {
    auto r = withEditor(m, call, "mindspore.Tensor.mean", {"dim", "keepdim", "dtype"},
                        [](CallEditor& ed, CallRuleResult& res) {
                          if (ed.has("dtype")) {
                            res.unconverted = "dtype has no counterpart";
                            return;
                          }
                          ed.keepPositional(2);
                          ed.rename("dim", "axis");
                          ed.rename("keepdim", "keep_dims");
                        });
    r.replacesCallee = true;
    return r;
  }
  return std::nullopt;
}

std::optional<CallRuleResult> applyCellMethodRule(const Module& m, const Expr& call,
                                                  const std::string& method) {
  (void)m;
  static const std::map<std::string, std::pair<std::string, std::string>> renames = {
      {"forward", {"construct", "mindspore.nn.Cell.construct"}},
      {"add_module", {"insert_child_to_cell", "mindspore.nn.Cell.insert_child_to_cell"}},
      {"named_modules", {"cells_and_names", "mindspore.nn.Cell.cells_and_names"}},
      {"children", {"cells", "mindspore.nn.Cell.cells"}},
      {"parameters", {"get_parameters", "mindspore.nn.Cell.get_parameters"}},
      {"named_parameters", {"parameters_and_names", "mindspore.nn.Cell.parameters_and_names"}},
      {"state_dict", {"parameters_dict", "mindspore.nn.Cell.parameters_dict"}},
  };
  auto it = renames.find(method);
  if (it != renames.end()) return methodRename(call, it->second.second, it->second.first);
  if (method == "modules")
    return refuse("mindspore.nn.Cell.cells_and_names",
                  "Cell has no modules(); cells_and_names() yields (name, cell) pairs");
  if (method == "register_buffer")
    return refuse("mindspore.Parameter",
                  "MindSpore has no buffers; use a Parameter with requires_grad=False");
  return std::nullopt;
}

std::optional<std::string> referenceRule(const std::string& torchName, TargetApi target) {
  (void)target;
  static const std::map<std::string, std::string> refs = {
      {"torch.nn.Module", "mindspore.nn.Cell"},
      {"torch.Tensor", "mindspore.Tensor"},
      {"torch.nn.Parameter", "mindspore.Parameter"},
      {"torch.nn.Sequential", "mindspore.nn.SequentialCell"},
      {"torch.nn.ModuleList", "mindspore.nn.CellList"},
      {"torch.nn.ModuleDict", "mindspore.nn.CellDict"},
      {"torch.float32", "mindspore.float32"},
      {"torch.float", "mindspore.float32"},
      {"torch.float16", "mindspore.float16"},
      {"torch.half", "mindspore.float16"},
      {"torch.bfloat16", "mindspore.bfloat16"},
      {"torch.float64", "mindspore.float64"},
      {"torch.double", "mindspore.float64"},
      {"torch.int8", "mindspore.int8"},
      {"torch.int16", "mindspore.int16"},
      {"torch.int32", "mindspore.int32"},
      {"torch.int", "mindspore.int32"},
      {"torch.int64", "mindspore.int64"},
      {"torch.long", "mindspore.int64"},
      {"torch.uint8", "mindspore.uint8"},
      {"torch.bool", "mindspore.bool_"},
      {"torch.complex64", "mindspore.complex64"},
  };
  auto it = refs.find(torchName);
  if (it != refs.end()) return it->second;
  return std::nullopt;
}

}  // namespace mb::migrate
