#include "migrate/source_edits.h"

#include <algorithm>

namespace mb::migrate {

namespace {

bool isInsert(const Edit& e) {
  return e.begin == e.end;
}

// True when `inner` lies inside `outer` (an insert at either boundary is outside).
bool nestedIn(const Edit& inner, const Edit& outer) {
  if (isInsert(inner)) return inner.begin > outer.begin && inner.begin < outer.end;
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

class Renderer {
 public:
  Renderer(std::string_view src, std::vector<const Edit*> edits)
      : src_(src), edits_(std::move(edits)) {
    // Inserts first at equal offsets, then longer spans first, so outer edits precede inner ones.
    std::stable_sort(edits_.begin(), edits_.end(), [](const Edit* a, const Edit* b) {
      if (a->begin != b->begin) return a->begin < b->begin;
      if (isInsert(*a) != isInsert(*b)) return isInsert(*a);
      return a->end > b->end;
    });
  }

  // Renders [begin, end) with the edits in `candidates` (indices into edits_, sorted).
  std::string render(uint32_t begin, uint32_t end, const std::vector<size_t>& candidates) {
    std::string out;
    uint32_t cursor = begin;
    size_t i = 0;
    while (i < candidates.size()) {
      const Edit& top = *edits_[candidates[i]];
      if (top.begin < cursor) {  // overlaps what an earlier edit replaced
        ++conflicts_;
        ++i;
        continue;
      }
      std::vector<size_t> inner;
      size_t j = i + 1;
      for (; j < candidates.size(); ++j) {
        const Edit& e = *edits_[candidates[j]];
        if (nestedIn(e, top)) {
          inner.push_back(candidates[j]);
        } else if (e.begin < top.end && !isInsert(e)) {
          ++conflicts_;  // partial overlap
          inner.push_back(SIZE_MAX);
        } else {
          break;
        }
      }
      inner.erase(std::remove(inner.begin(), inner.end(), SIZE_MAX), inner.end());
      out.append(src_.substr(cursor, top.begin - cursor));
      for (const TextPiece& piece : top.pieces) {
        if (!piece.isSpan) {
          out += piece.literal;
          continue;
        }
        std::vector<size_t> inside;
        for (size_t k : inner) {
          const Edit& e = *edits_[k];
          bool within = isInsert(e) ? (e.begin >= piece.begin && e.begin <= piece.end)
                                    : (e.begin >= piece.begin && e.end <= piece.end);
          if (within) inside.push_back(k);
        }
        out += render(piece.begin, piece.end, inside);
      }
      cursor = top.end;
      i = j;
    }
    out.append(src_.substr(cursor, end - cursor));
    return out;
  }

  std::string renderAll() {
    std::vector<size_t> all(edits_.size());
    for (size_t k = 0; k < all.size(); ++k) all[k] = k;
    return render(0, static_cast<uint32_t>(src_.size()), all);
  }
  int conflicts() const { return conflicts_; }

 private:
  std::string_view src_;
  std::vector<const Edit*> edits_;
  int conflicts_ = 0;
};

}  // namespace

std::string applyEdits(std::string_view original, const std::vector<const Edit*>& edits,
                       int* conflicts) {
  Renderer r(original, edits);
  std::string out = r.renderAll();
  if (conflicts) *conflicts = r.conflicts();
  return out;
}

}  // namespace mb::migrate
