// A tiny fixed-size pool for data-parallel loops inside kernels. The calling thread takes part in
// every loop, so a pool of N threads has N-1 workers. A parallelFor issued from inside a worker (a
// kernel nested in another parallel region) runs inline rather than deadlocking.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace mb::exec {

class ThreadPool {
 public:
  explicit ThreadPool(int threads = 2);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }
  // Calls body(begin, end) over [0, count) split into contiguous chunks of at least `grain`
  // items; returns when every chunk ran.
  void parallelFor(int64_t count, int64_t grain, const std::function<void(int64_t, int64_t)>& body);

 private:
  void workerLoop();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(int64_t, int64_t)>* body_ = nullptr;
  int64_t count_ = 0;
  int64_t chunk_ = 0;
  int64_t next_ = 0;     // next chunk start
  int64_t pending_ = 0;  // chunks not yet finished
  uint64_t generation_ = 0;
  bool stop_ = false;
  std::mutex loopMutex_;  // one parallelFor at a time per pool
};

// The pool of the executor running on this thread (null outside a run): lets deep helpers such as
// the sgemm wrapper split work without a pool parameter threaded through every call.
ThreadPool* currentPool();
class CurrentPoolScope {
 public:
  explicit CurrentPoolScope(ThreadPool* pool);
  ~CurrentPoolScope();
  CurrentPoolScope(const CurrentPoolScope&) = delete;
  CurrentPoolScope& operator=(const CurrentPoolScope&) = delete;

 private:
  ThreadPool* previous_;
};

// Runs body over [0, count) on the pool, or inline when pool is null.
inline void parallelFor(ThreadPool* pool, int64_t count, int64_t grain,
                        const std::function<void(int64_t, int64_t)>& body) {
  if (count <= 0) return;
  if (!pool || count <= grain) {
    body(0, count);
    return;
  }
  pool->parallelFor(count, grain, body);
}

}  // namespace mb::exec
