#include "diff_actions.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QMenu>
#include <QMessageBox>

#include "diff_runner.h"
#include "graph_pane.h"
#include "graph_scene.h"
#include "graph_view.h"
#include "main_window.h"
#include "migration_session.h"

namespace mb {

namespace {
bool dialogsAllowed() {
  return !qEnvironmentVariableIsSet("MB_NO_DIALOGS");
}
}  // namespace

DiffActions::DiffActions(MainWindow* window)
    : QObject(window),
      window_(window),
      runner_(new DiffRunner(this)),
      srcLegend_(new DiffLegend(window->sourcePane()->view())),
      convLegend_(new DiffLegend(window->convertedPane()->view())) {
  srcLegend_->hide();
  convLegend_->hide();
  window->sourcePane()->view()->installEventFilter(this);
  window->convertedPane()->view()->installEventFilter(this);

  QMenu* tools = window->toolsMenu();
  tools->addSeparator();
  QAction* run = tools->addAction(tr("Run Per-Layer &Diff"), this, &DiffActions::runDiff);
  run->setShortcut(QKeySequence(Qt::Key_F5));
  run->setStatusTip(
      tr("Run the source and the converted graph on the same inputs and compare "
         "every layer"));
  firstDivergent_ =
      tools->addAction(tr("Go to First &Divergent Layer"), this, &DiffActions::goToFirstDivergent);
  firstDivergent_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
  firstDivergent_->setEnabled(false);

  QMenu* sub = window->viewMenu()->addMenu(tr("Diff &Overlay"));
  metrics_ = new QActionGroup(this);
  auto add = [&](const QString& text, int id) {
    QAction* a = sub->addAction(text);
    a->setCheckable(true);
    a->setData(id);
    metrics_->addAction(a);
    return a;
  };
  add(tr("&Off"), -1);
  add(tr("Max |error|"), static_cast<int>(DiffMetric::MaxAbs))->setChecked(true);
  add(tr("Max &relative error"), static_cast<int>(DiffMetric::MaxRel));
  add(tr("1 − &cosine"), static_cast<int>(DiffMetric::CosineDistance));
  connect(metrics_, &QActionGroup::triggered, this, [this](QAction* a) {
    const int id = a->data().toInt();
    if (id < 0) {
      setOverlayVisible(false);
    } else {
      setMetric(static_cast<DiffMetric>(id));
    }
  });

  MigrationSession* session = window->session();
  connect(session, &MigrationSession::diffChanged, this, &DiffActions::applyOverlay);
  connect(runner_, &DiffRunner::progress, this, [this](int done, int total) {
    window_->updateJob(job_, tr("Comparing every layer… run %1 of %2").arg(done).arg(total), done,
                       total);
  });
  connect(runner_, &DiffRunner::finished, this,
          [this, session](std::shared_ptr<const compare::DiffReport> report, double seconds) {
            session->setDiff(report);
            int failed = 0;
            for (const auto& l : report->layers)
              failed += l.status == compare::LayerStatus::Compared && !l.passed;
            QString text = tr("Diff: %1 of %2 layers out of tolerance (%3 s)")
                               .arg(failed)
                               .arg(report->layers.size())
                               .arg(seconds, 0, 'f', 2);
            if (report->firstDivergent)
              text += tr(" · first divergent: %1")
                          .arg(QString::fromStdString(
                              report->layers[*report->firstDivergent].align.sourceNode));
            window_->endJob(job_, text);
            emit diffFinished(true, text);
          });
  connect(runner_, &DiffRunner::failed, this, [this](const QString& message) {
    window_->endJob(job_, tr("The diff failed."));
    if (dialogsAllowed()) QMessageBox::warning(window_, tr("Per-layer diff"), message);
    emit diffFinished(false, message);
  });
}

void DiffActions::runDiff() {
  MigrationSession* session = window_->session();
  job_ = window_->beginJob(tr("Comparing every layer…"), [this] { runner_->cancel(); });
  runner_->run(session->model(), session->project());
}

bool DiffActions::goToFirstDivergent() {
  auto report = window_->session()->diff();
  auto model = window_->session()->model();
  if (!report || !report->firstDivergent || !model || !model->source) return false;
  // By the compared value's producer: ONNX does not require unique node names.
  const std::string& value = report->layers[*report->firstDivergent].align.sourceValue;
  for (const Value& v : model->source->values)
    if (v.name == value && v.producer != kNoNode) {
      window_->sourcePane()->scene()->selectNodes({v.producer}, true);
      return true;
    }
  return false;
}

void DiffActions::setMetric(DiffMetric metric) {
  metric_ = metric;
  visible_ = true;  // choosing a metric turns the overlay on
  for (QAction* a : metrics_->actions())
    if (a->data().toInt() == static_cast<int>(metric)) a->setChecked(true);
  applyOverlay();
}

void DiffActions::setOverlayVisible(bool visible) {
  visible_ = visible;
  if (!visible)
    for (QAction* a : metrics_->actions())
      if (a->data().toInt() < 0) a->setChecked(true);
  applyOverlay();
}

void DiffActions::applyOverlay() {
  auto report = window_->session()->diff();
  auto model = window_->session()->model();
  firstDivergent_->setEnabled(report && report->firstDivergent);
  GraphScene* src = window_->sourcePane()->scene();
  GraphScene* conv = window_->convertedPane()->scene();
  if (!report || !visible_ || !model || !model->source) {
    src->setDiffMarks({});
    conv->setDiffMarks({});
    srcLegend_->hide();
    convLegend_->hide();
    return;
  }
  const DiffScale scale = DiffScale::forReport(*report, metric_);
  int failed = 0, notComputed = 0, compared = 0;
  for (const auto& l : report->layers) {
    if (l.status == compare::LayerStatus::Compared) {
      ++compared;
      failed += !l.passed;
    } else {
      ++notComputed;
    }
  }
  if (src->graph() == model->source.get())
    src->setDiffMarks(diffMarks(*model->source, *report, scale, false));
  if (model->converted && conv->graph() == model->converted.get())
    conv->setDiffMarks(diffMarks(*model->converted, *report, scale, true));
  for (DiffLegend* legend : {srcLegend_, convLegend_}) {
    legend->setScale(scale, failed, notComputed, compared);
    legend->show();
    legend->raise();
  }
  placeLegends();
}

void DiffActions::placeLegends() {
  // Top-left of each view: the overview map owns the bottom-right corner.
  srcLegend_->move(8, 8);
  convLegend_->move(8, 8);
}

bool DiffActions::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Resize) placeLegends();
  return QObject::eventFilter(watched, event);
}

}  // namespace mb
