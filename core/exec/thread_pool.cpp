#include "exec/thread_pool.h"

#include <algorithm>

namespace mb::exec {
namespace {
thread_local bool insidePoolTask = false;
thread_local ThreadPool* runningPool = nullptr;
}  // namespace

ThreadPool* currentPool() {
  return runningPool;
}
CurrentPoolScope::CurrentPoolScope(ThreadPool* pool) : previous_(runningPool) {
  runningPool = pool;
}
CurrentPoolScope::~CurrentPoolScope() {
  runningPool = previous_;
}

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < std::max(threads, 1); ++i) workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::workerLoop() {
  uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || (generation_ != seen && next_ < count_); });
    if (stop_) return;
    seen = generation_;
    while (next_ < count_) {
      int64_t begin = next_;
      int64_t end = std::min(count_, begin + chunk_);
      next_ = end;
      const auto* body = body_;
      lock.unlock();
      insidePoolTask = true;
      (*body)(begin, end);
      insidePoolTask = false;
      lock.lock();
      if (--pending_ == 0) done_.notify_all();
    }
  }
}

void ThreadPool::parallelFor(int64_t count, int64_t grain,
                             const std::function<void(int64_t, int64_t)>& body) {
  if (count <= 0) return;
  if (workers_.empty() || insidePoolTask || count <= grain) {
    body(0, count);
    return;
  }
  std::lock_guard loopLock(loopMutex_);
  int64_t parts = std::min<int64_t>(
      threads() * 4, (count + std::max<int64_t>(grain, 1) - 1) / std::max<int64_t>(grain, 1));
  parts = std::max<int64_t>(parts, 1);
  std::unique_lock lock(mutex_);
  body_ = &body;
  count_ = count;
  chunk_ = (count + parts - 1) / parts;
  next_ = 0;
  pending_ = (count + chunk_ - 1) / chunk_;
  ++generation_;
  wake_.notify_all();
  // The caller works too.
  while (next_ < count_) {
    int64_t begin = next_;
    int64_t end = std::min(count_, begin + chunk_);
    next_ = end;
    lock.unlock();
    insidePoolTask = true;
    body(begin, end);
    insidePoolTask = false;
    lock.lock();
    --pending_;
  }
  done_.wait(lock, [&] { return pending_ == 0; });
  body_ = nullptr;
  count_ = 0;
}

}  // namespace mb::exec
