// Wall-clock UI watchdog: a 5 ms timer on the UI thread ticks while resnet50 opens, converts and
// is diffed (overlay and plots included); the gap between two ticks is how long the window could
// not react. On a shared 2-core machine a gap also contains time the UI thread was ready but the
// kernel gave both cores to other processes; Linux reports that time per thread (run-queue wait
// in /proc/<tid>/schedstat), so each gap splits into "own stall" (running or blocked) and "waiting
// for a core" (machine load).
// Asserted, per phase:
//  - UI-thread CPU within one gap ≤ 100 ms: the window never does 100 ms of work at once (measured
//    ≤ 31 ms);
//  - no gap over 100 ms in which the UI thread never waited for a core;
//  - own stall ≤ 250 ms. Not 100: with ctest -j3 on a load average of 9 on 2 cores the first tick
//    after the diff starts was blocked (not running, not runnable, no major page fault) for up to
//    164 ms in 1 run of ~15, while the diff's worker threads started and faulted their memory in;
//    idle or lightly loaded it stays ≤ 40 ms. MB_STRICT_WALL_CLOCK=1 asserts own stall and the raw
//    wall-clock gap ≤ 100 ms (for a quiet machine).
#include <fcntl.h>
#include <unistd.h>

#include <sys/syscall.h>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "diff_actions.h"
#include "diff_runner.h"
#include "graph_pane.h"
#include "graph_scene.h"
#include "main_window.h"
#include "test_paths.h"

using namespace mb;

namespace {

// Per-thread scheduler counters of the calling thread: CPU time and time spent runnable but
// waiting for a core (ns in the file, ms here).
class SchedStat {
 public:
  SchedStat() {
    const auto tid = static_cast<long>(syscall(SYS_gettid));
    const std::string path = "/proc/self/task/" + std::to_string(tid) + "/schedstat";
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    const std::string stat = "/proc/self/task/" + std::to_string(tid) + "/stat";
    statFd_ = ::open(stat.c_str(), O_RDONLY | O_CLOEXEC);
  }
  ~SchedStat() {
    if (fd_ >= 0) ::close(fd_);
    if (statFd_ >= 0) ::close(statFd_);
  }
  // Page faults of the thread so far that needed I/O (a stall then is the disk, not our code).
  double majorFaults() const {
    char buf[1024];
    const ssize_t n = statFd_ >= 0 ? ::pread(statFd_, buf, sizeof buf - 1, 0) : -1;
    if (n <= 0) return 0;
    buf[n] = 0;
    const char* p = std::strrchr(buf, ')');  // fields after the command name
    unsigned long long minflt = 0, majflt = 0;
    if (!p ||
        std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %llu %*u %llu", &minflt, &majflt) != 2)
      return 0;
    return static_cast<double>(majflt);
  }
  bool ok() const { return fd_ >= 0; }
  bool read(double& cpuMs, double& waitMs) const {
    char buf[128];
    const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    if (n <= 0) return false;
    buf[n] = 0;
    unsigned long long run = 0, wait = 0;
    if (std::sscanf(buf, "%llu %llu", &run, &wait) != 2) return false;
    cpuMs = static_cast<double>(run) / 1e6;
    waitMs = static_cast<double>(wait) / 1e6;
    return true;
  }

 private:
  int fd_ = -1, statFd_ = -1;
};

struct Gap {
  double at, wall, cpu, wait, majorFaults;    // at: end of the gap, ms since the phase began
  double own() const { return wall - wait; }  // running or blocked, not waiting for a core
};

struct PhaseStats {
  QString name;
  double seconds = 0;
  std::vector<Gap> gaps;
  double max(double (*f)(const Gap&)) const {
    double m = 0;
    for (const Gap& g : gaps) m = std::max(m, f(g));
    return m;
  }
  double maxWall() const {
    return max([](const Gap& g) { return g.wall; });
  }
  double maxOwn() const {
    return max([](const Gap& g) { return g.own(); });
  }
  double maxCpu() const {
    return max([](const Gap& g) { return g.cpu; });
  }
  Gap worstWall() const {
    Gap worst{0, 0, 0, 0, 0};
    for (const Gap& g : gaps)
      if (g.wall > worst.wall) worst = g;
    return worst;
  }
  double percentileWall(double q) const {
    if (gaps.empty()) return 0;
    std::vector<double> w;
    for (const Gap& g : gaps) w.push_back(g.wall);
    std::sort(w.begin(), w.end());
    return w[std::min(w.size() - 1, static_cast<size_t>(q * static_cast<double>(w.size())))];
  }
  int over(double ms) const {
    return static_cast<int>(
        std::count_if(gaps.begin(), gaps.end(), [ms](const Gap& g) { return g.wall > ms; }));
  }
  // Gaps over `ms` during which the UI thread was not kept waiting for a core at all.
  int overWithoutLoad(double ms) const {
    return static_cast<int>(std::count_if(
        gaps.begin(), gaps.end(), [ms](const Gap& g) { return g.wall > ms && g.wait < 1; }));
  }
};

// The heartbeat: ticks every 5 ms on the UI thread, files each gap under the current phase.
class Heartbeat {
 public:
  Heartbeat() {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(5);
    QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
  }
  void begin(const QString& name) {
    phases_.push_back(PhaseStats{name, 0, {}});
    phaseClock_.start();
    if (!timer_.isActive()) {
      clock_.start();
      sched_.read(lastCpu_, lastWait_);
      lastFaults_ = sched_.majorFaults();
      last_ = 0;
      timer_.start();
    }
  }
  void end() {
    tick();
    phases_.back().seconds = static_cast<double>(phaseClock_.nsecsElapsed()) / 1e9;
  }
  void stop() { timer_.stop(); }
  const std::vector<PhaseStats>& phases() const { return phases_; }
  bool ok() const { return sched_.ok(); }

 private:
  void tick() {
    const double now = static_cast<double>(clock_.nsecsElapsed()) / 1e6;
    double cpu = 0, wait = 0;
    sched_.read(cpu, wait);
    const double faults = sched_.majorFaults();
    if (!phases_.empty())
      phases_.back().gaps.push_back({static_cast<double>(phaseClock_.nsecsElapsed()) / 1e6,
                                     now - last_, cpu - lastCpu_, wait - lastWait_,
                                     faults - lastFaults_});
    last_ = now;
    lastCpu_ = cpu;
    lastWait_ = wait;
    lastFaults_ = faults;
  }
  QTimer timer_;
  QElapsedTimer clock_, phaseClock_;
  SchedStat sched_;
  double last_ = 0, lastCpu_ = 0, lastWait_ = 0, lastFaults_ = 0;
  std::vector<PhaseStats> phases_;
};

}  // namespace

class TestUiWatchdog : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qputenv("MB_NO_DIALOGS", "1"); }

  void resnet50OpenConvertDiff() {
    const QString path = QString::fromStdString(mbtest::fixture("bench/resnet50.onnx"));
    QVERIFY(QFile::exists(path));
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QTest::qWait(100);
    auto* actions = w.findChild<DiffActions*>();
    QVERIFY(actions);
    Heartbeat beat;
    QVERIFY2(beat.ok(), "no /proc/<tid>/schedstat: cannot split gaps into stall and load");

    // Baseline: the idle window for a second shows what the machine's load alone does to a tick.
    beat.begin(QStringLiteral("idle window"));
    QTest::qWait(1000);
    beat.end();

    beat.begin(QStringLiteral("open + convert + layout"));
    QSignalSpy complete(&w, &MainWindow::modelReady);
    QSignalSpy layouts(&w, &MainWindow::layoutsReady);
    w.openModel(path);
    QVERIFY(complete.wait(120000));
    while (w.busy()) QVERIFY(layouts.wait(60000));
    beat.end();
    QVERIFY(w.session()->model() && w.session()->model()->converted);

    beat.begin(QStringLiteral("diff + overlay + plots"));
    double diffSeconds = 0;
    connect(actions->runner(), &DiffRunner::finished, this,
            [&](const std::shared_ptr<const compare::DiffReport>&, double seconds) {
              diffSeconds = seconds;
            });
    QSignalSpy done(actions, &DiffActions::diffFinished);
    QElapsedTimer startClock;
    startClock.start();
    actions->runDiff();
    const double startMs = static_cast<double>(startClock.nsecsElapsed()) / 1e6;
    QVERIFY(done.wait(300000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QTest::qWait(300);  // the overlay, legend and plots dock settle and paint
    beat.end();
    beat.stop();
    QVERIFY(w.session()->diff());
    QVERIFY(!w.sourcePane()->scene()->diffMarks().empty());

    qInfo("resnet50: diff job %.2f s in the background; starting it took %.1f ms on the UI thread",
          diffSeconds, startMs);
    for (const PhaseStats& p : beat.phases()) {
      const Gap worst = p.worstWall();
      qInfo(
          "%-24s %6.2f s, %5zu ticks: longest gap %4.0f ms wall-clock at %5.0f ms (%3.0f ms of "
          "it waiting for a core, %3.0f ms UI-thread CPU, %.0f major page faults); p99 %3.0f ms; "
          "%d over 100 ms, %d of "
          "them with no wait for a core; longest own stall %3.0f ms; most UI-thread CPU in one "
          "gap %3.0f ms",
          qPrintable(p.name), p.seconds, p.gaps.size(), worst.wall, worst.at, worst.wait, worst.cpu,
          worst.majorFaults, p.percentileWall(0.99), p.over(100), p.overWithoutLoad(100),
          p.maxOwn(), p.maxCpu());
    }

    const bool strict = qEnvironmentVariableIntValue("MB_STRICT_WALL_CLOCK") == 1;
    for (size_t i = 1; i < beat.phases().size(); ++i) {
      const PhaseStats& p = beat.phases()[i];
      QVERIFY2(p.maxOwn() <= (strict ? 100 : 250),
               qPrintable(QStringLiteral("%1: the UI thread stalled %2 ms")
                              .arg(p.name)
                              .arg(p.maxOwn(), 0, 'f', 0)));
      QVERIFY2(p.maxCpu() <= 100, qPrintable(QStringLiteral("%1: %2 ms of UI-thread CPU at once")
                                                 .arg(p.name)
                                                 .arg(p.maxCpu(), 0, 'f', 0)));
      QVERIFY2(
          p.overWithoutLoad(100) == 0,
          qPrintable(QStringLiteral("%1: a gap over 100 ms with no wait for a core").arg(p.name)));
      if (strict)
        QVERIFY2(
            p.maxWall() <= 100,
            qPrintable(
                QStringLiteral("%1: %2 ms between ticks").arg(p.name).arg(p.maxWall(), 0, 'f', 0)));
    }
  }
};

QTEST_MAIN(TestUiWatchdog)
#include "test_ui_watchdog.moc"
