#include "main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "diff_actions.h"
#include "diff_plots_panel.h"
#include "edge_item.h"
#include "graph_pane.h"
#include "graph_scene.h"
#include "graph_view.h"
#include "io/onnx_importer.h"
#include "language.h"
#include "node_inspector.h"
#include "node_item.h"
#include "project_actions.h"
#include "script_migration_window.h"
#include "search_bar.h"
#include "theme.h"
#include "weight_map_panel.h"

// Resources of the static widgets library must be registered explicitly.
static void initWidgetResources() {
  Q_INIT_RESOURCE(mindbridge);
}

namespace mb {

namespace {
constexpr int kMaxRecent = 8;
const QColor kCounterpart(230, 140, 0);
const QColor kSearchHit(255, 200, 0);
bool dialogsAllowed() {
  return !qEnvironmentVariableIsSet("MB_NO_DIALOGS");
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  initWidgetResources();
  setWindowTitle(tr("MindBridge"));
  setWindowIcon(QIcon(QStringLiteral(":/mindbridge/icons/mindbridge.svg")));
  setAcceptDrops(true);
  setDockNestingEnabled(true);

  auto* central = new QWidget(this);
  auto* column = new QVBoxLayout(central);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  search_ = new SearchBar(central);
  search_->hide();
  column->addWidget(search_);
  splitter_ = new QSplitter(Qt::Horizontal, central);
  sourcePane_ = new GraphPane(tr("Source (ONNX)"), splitter_);
  convertedPane_ = new GraphPane(tr("Converted (MindSpore)"), splitter_);
  splitter_->addWidget(sourcePane_);
  splitter_->addWidget(convertedPane_);
  convertedPane_->hide();
  column->addWidget(splitter_, 1);
  setCentralWidget(central);
  sourcePane_->setSubtitle(
      tr("open an ONNX model (File › Open Model…, or drop a .onnx file here)"));

  for (GraphPane* pane : {sourcePane_, convertedPane_}) {
    connect(pane->scene(), &GraphScene::nodeSelectionChanged, this,
            [this, pane] { syncSelection(pane); });
    connect(pane->view(), &GraphView::viewChanged, this, [this, pane] { syncView(pane); });
    connect(pane->view(), &GraphView::activated, this, [this, pane] {
      active_ = pane;
      sourcePane_->setActive(pane == sourcePane_);
      convertedPane_->setActive(pane == convertedPane_);
    });
    connect(pane->scene(), &GraphScene::layoutStarted, this,
            [this] { setBusy(tr("Laying out…")); });
    connect(pane->scene(), &GraphScene::layoutReady, this, [this] {
      if (!sourcePane_->scene()->busy() &&
          !(convertedPane_->isVisible() && convertedPane_->scene()->busy())) {
        setIdle(model_ ? tr("%1 — %2 nodes, opset %3%4")
                             .arg(QFileInfo(model_->path).fileName())
                             .arg(model_->source->nodes.size())
                             .arg(model_->source->opsetVersion())
                             .arg(model_->conversionMessage.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" · ") + model_->conversionMessage)
                       : QString());
        emit layoutsReady();
        if (modelComplete_ && !loader_.running()) emit modelReady();
      }
    });
    connect(pane->scene(), &GraphScene::layoutCancelled, this,
            [this] { setIdle(tr("Layout cancelled.")); });
  }
  connect(&loader_, &ModelLoader::stage, this, &MainWindow::setBusy);
  connect(&loader_, &ModelLoader::loaded, this, &MainWindow::onLoaded);
  connect(&loader_, &ModelLoader::sourceReady, this, &MainWindow::onSourceReady);
  connect(&loader_, &ModelLoader::failed, this, &MainWindow::onFailed);
  connect(&loader_, &ModelLoader::cancelled, this, [this](const QString& path) {
    setIdle(tr("Opening %1 cancelled.").arg(QFileInfo(path).fileName()));
  });
  connect(search_, &SearchBar::searchChanged, this, &MainWindow::find);
  connect(search_, &SearchBar::next, this, [this] { stepSearch(1); });
  connect(search_, &SearchBar::previous, this, [this] { stepSearch(-1); });
  connect(search_, &SearchBar::closed, this, [this] {
    sourcePane_->scene()->highlightNodes({}, {});
    convertedPane_->scene()->highlightNodes({}, {});
  });

  status_ = new QLabel(tr("Ready"), this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 0);
  progress_->setMaximumWidth(160);
  progress_->hide();
  cancelButton_ = new QToolButton(this);
  cancelButton_->setText(tr("Cancel"));
  cancelButton_->hide();
  connect(cancelButton_, &QToolButton::clicked, this, &MainWindow::cancelWork);
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancelButton_);

  buildDocks();
  buildMenus();
  installProjectActions(this);
  ScriptMigrationWindow::install(this);
  DiffActions::install(this);
  DiffPlotsPanel::install(this);
  WeightMapPanel::install(this);
  resize(1280, 800);
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
    resizeDocks({inspectorDock_}, {380}, Qt::Horizontal);
  refreshRecentMenu();
  connect(&session_, &MigrationSession::layerSelectionRequested, this,
          &MainWindow::selectSourceNode);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
  inspector_ = new NodeInspector(this);
  inspectorDock_ = new QDockWidget(tr("Inspector"), this);
  inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
  inspectorDock_->setWidget(inspector_);
  addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
  results_ = new QListWidget(this);
  resultsDock_ = new QDockWidget(tr("Search results"), this);
  resultsDock_->setObjectName(QStringLiteral("resultsDock"));
  resultsDock_->setWidget(results_);
  addDockWidget(Qt::RightDockWidgetArea, resultsDock_);
  resultsDock_->hide();
  connect(results_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row < 0 || row >= static_cast<int>(hits_.size()) || row == hitIndex_) return;
    hitIndex_ = row - 1;
    stepSearch(1);
  });
}

void MainWindow::buildMenus() {
  QMenu* file = fileMenu_ = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open Model…"), QKeySequence::Open, this, &MainWindow::chooseModel);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addSeparator();
  exportWeight_ = file->addAction(tr("Export Selected &Weight as .npy…"), this, [this] {
    if (inspector_->weightCount() == 0) return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export weight"), QString(),
                                                tr("NumPy arrays (*.npy)"));
    if (path.isEmpty()) return;
    QString error = inspector_->exportCurrentWeight(path);
    if (!error.isEmpty() && dialogsAllowed())
      QMessageBox::warning(this, tr("Export weight"), error);
  });
  exportWeight_->setEnabled(false);
  file->addAction(tr("Save &Screenshot…"), this, &MainWindow::saveScreenshot);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  editMenu_ = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = session_.undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = session_.undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  editMenu_->addAction(undo);
  editMenu_->addAction(redo);
  editMenu_->addSeparator();

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  viewMenu_->addAction(tr("&Fit to Window"), QKeySequence(Qt::Key_Home), this,
                       [this] { activePane()->view()->fitAll(); });
  viewMenu_->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this,
                       [this] { activePane()->view()->zoomBy(1.25); });
  viewMenu_->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this,
                       [this] { activePane()->view()->zoomBy(0.8); });
  viewMenu_->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), this,
                       [this] { activePane()->view()->setZoom(1.0); });
  viewMenu_->addSeparator();
  auto* direction = new QActionGroup(this);
  QAction* tb = viewMenu_->addAction(tr("Top to &Bottom"));
  QAction* lr = viewMenu_->addAction(tr("&Left to Right"));
  for (QAction* a : {tb, lr}) {
    a->setCheckable(true);
    direction->addAction(a);
  }
  QSettings settings;
  bool horizontal = settings.value(QStringLiteral("view/leftToRight"), false).toBool();
  (horizontal ? lr : tb)->setChecked(true);
  auto applyDirection = [this](bool horizontalLayout) {
    QSettings().setValue(QStringLiteral("view/leftToRight"), horizontalLayout);
    for (GraphPane* pane : {sourcePane_, convertedPane_})
      pane->scene()->setDirection(horizontalLayout ? layout::Direction::LeftToRight
                                                   : layout::Direction::TopToBottom);
  };
  if (horizontal) applyDirection(true);
  connect(lr, &QAction::toggled, this, applyDirection);
  QAction* shapes = viewMenu_->addAction(tr("Show Tensor &Shapes on Edges"));
  shapes->setCheckable(true);
  shapes->setChecked(settings.value(QStringLiteral("view/shapes"), false).toBool());
  EdgeItem::setShowLabels(shapes->isChecked());
  connect(shapes, &QAction::toggled, this, [this](bool on) {
    EdgeItem::setShowLabels(on);
    QSettings().setValue(QStringLiteral("view/shapes"), on);
    sourcePane_->view()->viewport()->update();
    convertedPane_->view()->viewport()->update();
  });
  QAction* stubs = viewMenu_->addAction(tr("Fan-out Tensors as S&tubs"));
  stubs->setCheckable(true);
  stubs->setChecked(true);
  stubs->setToolTip(
      tr("Draw tensors that feed many far-apart nodes (masks, rotary tables) as chips"));
  connect(stubs, &QAction::toggled, this, [this](bool on) {
    sourcePane_->scene()->setStubs(on);
    convertedPane_->scene()->setStubs(on);
  });
  viewMenu_->addSeparator();
  viewMenu_->addAction(tr("E&xpand All Groups"), this,
                       [this] { activePane()->scene()->expandAll(); });
  viewMenu_->addAction(tr("&Collapse All Groups"), this,
                       [this] { activePane()->scene()->collapseAll(); });
  viewMenu_->addSeparator();
  showConverted_ = viewMenu_->addAction(tr("Show Converted &Graph"));
  showConverted_->setCheckable(true);
  showConverted_->setChecked(true);
  showConverted_->setEnabled(false);
  connect(showConverted_, &QAction::toggled, this,
          [this](bool on) { convertedPane_->setVisible(on && model_ && model_->converted); });
  lockStep_ = viewMenu_->addAction(tr("Lock-step Pan and Zoom"));
  lockStep_->setCheckable(true);
  lockStep_->setEnabled(false);
  viewMenu_->addSeparator();
  viewMenu_->addAction(inspectorDock_->toggleViewAction());
  viewMenu_->addAction(resultsDock_->toggleViewAction());
  panelsMenu_ = viewMenu_->addMenu(tr("&Panels"));
  viewMenu_->addSeparator();
  viewMenu_->addMenu(createLanguageMenu(this));
  viewMenu_->addMenu(createThemeMenu(this));

  QMenu* tools = toolsMenu_ = menuBar()->addMenu(tr("&Tools"));
  tools->addAction(tr("&Find…"), QKeySequence::Find, this, [this] { search_->activate(); });
  tools->addAction(tr("Find &Next"), QKeySequence::FindNext, this, [this] { stepSearch(1); });
  tools->addAction(tr("Find &Previous"), QKeySequence::FindPrevious, this,
                   [this] { stepSearch(-1); });
  tools->addSeparator();
  cancelAction_ = tools->addAction(tr("&Cancel Loading / Layout"), QKeySequence(Qt::Key_Escape),
                                   this, &MainWindow::cancelWork);
  cancelAction_->setEnabled(false);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About MindBridge"), this, &MainWindow::showAbout);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout() {
  QString text =
      tr("<h3>MindBridge %1</h3><p>Migrates ONNX models to MindSpore and proves the conversion "
         "layer by layer.</p><table>"
         "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
         "<tr><td>Protocol Buffers</td><td>%4</td></tr>"
         "<tr><td>ONNX</td><td>%5 (operator sets up to %6)</td></tr>"
         "<tr><td>Converter</td><td>%7</td></tr></table>")
          .arg(QStringLiteral(MB_VERSION), QString::fromLatin1(qVersion()),
               QStringLiteral(QT_VERSION_STR), QStringLiteral(MB_PROTOBUF_VERSION),
               QStringLiteral(MB_ONNX_VERSION))
          .arg(maxKnownOnnxOpset())
          .arg(ModelLoader::converterAvailable() ? tr("included") : tr("not in this build"));
  if (dialogsAllowed())
    QMessageBox::about(this, tr("About MindBridge"), text);
  else
    status_->setText(text);
}

GraphPane* MainWindow::activePane() const {
  if (active_ && active_->isVisible()) return active_;
  return sourcePane_;
}

bool MainWindow::busy() const {
  return loader_.running() || sourcePane_->scene()->busy() || convertedPane_->scene()->busy() ||
         !jobs_.empty();
}

int MainWindow::beginJob(const QString& text, std::function<void()> cancel) {
  const int id = nextJob_++;
  jobs_[id] = std::move(cancel);
  progress_->setRange(0, 0);
  setBusy(text);
  return id;
}

void MainWindow::updateJob(int id, const QString& text, int done, int total) {
  if (!jobs_.count(id)) return;
  status_->setText(text);
  progress_->setRange(0, std::max(total, 0));
  progress_->setValue(done);
}

void MainWindow::endJob(int id, const QString& text) {
  jobs_.erase(id);
  progress_->setRange(0, 0);
  setIdle(text);
  if (busy()) status_->setText(text);  // something else still runs: keep its progress visible
}

void MainWindow::setBusy(const QString& text) {
  status_->setText(text);
  progress_->show();
  cancelButton_->show();
  cancelAction_->setEnabled(true);
}

void MainWindow::setIdle(const QString& text) {
  if (busy()) return;
  status_->setText(text);
  progress_->hide();
  cancelButton_->hide();
  cancelAction_->setEnabled(false);
}

void MainWindow::cancelWork() {
  auto jobs = std::move(jobs_);  // a job's cancel may end it (and call endJob) right away
  jobs_.clear();
  for (auto& [id, cancel] : jobs)
    if (cancel) cancel();
  loader_.cancel();
  sourcePane_->scene()->cancelLayout();
  convertedPane_->scene()->cancelLayout();
  setIdle(tr("Cancelled."));
}

void MainWindow::chooseModel() {
  QString dir =
      recentFiles().isEmpty() ? QString() : QFileInfo(recentFiles().first()).absolutePath();
  QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), dir,
                                              tr("ONNX models (*.onnx);;All files (*)"));
  if (!path.isEmpty()) openModel(path);
}

void MainWindow::registerOpener(const QStringList& suffixes,
                                std::function<void(const QString&)> open) {
  for (const QString& suffix : suffixes) openers_[suffix.toLower()] = open;
}

void MainWindow::openFile(const QString& path) {
  auto opener = openers_.find(QFileInfo(path).suffix().toLower());
  if (opener != openers_.end())
    opener->second(path);
  else
    openModel(path);
}

void MainWindow::openModel(const QString& path) {
  setBusy(tr("Opening %1…").arg(QFileInfo(path).fileName()));
  modelComplete_ = false;
  loader_.load(path);
}

void MainWindow::onSourceReady(std::shared_ptr<LoadedModel> model) {
  showModel(std::move(model));
  modelComplete_ = false;
}

void MainWindow::onLoaded(std::shared_ptr<LoadedModel> model) {
  // The source is already on screen when it came through onSourceReady: keep its scene (collapse
  // state, selection) and add the converted side.
  if (model_ && model_->source == model->source && model->converted) {
    model_ = model;
    modelComplete_ = true;
    provenance_ = ProvenanceMap(*model->source, *model->converted);
    convertedPane_->scene()->setGraph(model->converted);
    convertedPane_->setSubtitle(tr("%1 nodes — laying out…").arg(model->converted->nodes.size()));
    convertedPane_->setVisible(showConverted_->isChecked());
    sourcePane_->scene()->setUnconvertedNodes(provenance_.unconvertedSources());
    if (!provenance_.unconvertedSources().empty()) sourcePane_->scene()->setGraph(model->source);
    showConverted_->setEnabled(true);
    lockStep_->setEnabled(true);
    session_.setModel(model_);
    return;
  }
  showModel(std::move(model));
}

void MainWindow::showModel(std::shared_ptr<LoadedModel> model) {
  model_ = model;
  modelComplete_ = true;
  provenance_ =
      model->converted ? ProvenanceMap(*model->source, *model->converted) : ProvenanceMap();
  inspector_->clear();
  hits_.clear();
  results_->clear();
  addRecent(model->path);
  setWindowTitle(tr("%1 — MindBridge").arg(QFileInfo(model->path).fileName()));
  sourcePane_->setSubtitle(tr("%1 nodes — laying out…").arg(model->source->nodes.size()));
  sourcePane_->scene()->setGraph(model->source);
  if (model->converted) {
    convertedPane_->scene()->setGraph(model->converted);
    convertedPane_->setSubtitle(tr("%1 nodes — laying out…").arg(model->converted->nodes.size()));
    convertedPane_->setVisible(showConverted_->isChecked());
    sourcePane_->scene()->setUnconvertedNodes(provenance_.unconvertedSources());
  } else {
    convertedPane_->scene()->clearGraph();
    convertedPane_->hide();
  }
  showConverted_->setEnabled(model->converted != nullptr);
  lockStep_->setEnabled(model->converted != nullptr);
  session_.setModel(model_);
  emit modelLoaded(model->path, static_cast<int>(model->source->nodes.size()));
}

void MainWindow::onFailed(const QString& path, const QString& message) {
  setIdle(tr("Could not open %1").arg(QFileInfo(path).fileName()));
  emit loadFailed(path, message);
  if (dialogsAllowed())
    QMessageBox::warning(this, tr("Open Model"), tr("Could not open %1:\n\n%2").arg(path, message));
}

QStringList MainWindow::recentFiles() const {
  return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void MainWindow::addRecent(const QString& path) {
  QStringList files = recentFiles();
  QString absolute = QFileInfo(path).absoluteFilePath();
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMaxRecent) files.removeLast();
  QSettings().setValue(QStringLiteral("recentFiles"), files);
  refreshRecentMenu();
}

void MainWindow::refreshRecentMenu() {
  recentMenu_->clear();
  const QStringList files = recentFiles();
  for (const QString& f : files)
    recentMenu_->addAction(QFileInfo(f).fileName(), this, [this, f] { openFile(f); })
        ->setToolTip(f);
  if (!files.isEmpty()) {
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("Clear List"), this, [this] {
      QSettings().remove(QStringLiteral("recentFiles"));
      refreshRecentMenu();
    });
  }
  recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::setLockStep(bool on) {
  lockStep_->setChecked(on);
}

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, const QString& objectName,
                                  Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(objectName);
  dock->setWidget(panel);
  addDockWidget(area, dock);
  panelsMenu_->addAction(dock->toggleViewAction());
  // Docks added after the constructor still get their saved place and visibility.
  restoreDockWidget(dock);
  return dock;
}

bool MainWindow::selectSourceNode(const QString& name) {
  if (!model_ || !model_->source) return false;
  const std::string wanted = name.toStdString();
  const Graph& graph = *model_->source;
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes.size()); ++id) {
    if (graph.nodes[id].name != wanted) continue;
    sourcePane_->scene()->selectNodes({id}, true);  // selection sync reveals the counterparts
    return true;
  }
  return false;
}

void MainWindow::showInspectorFor(GraphPane* pane) {
  auto nodes = pane->scene()->selectedNodes();
  if (nodes.empty()) {
    inspector_->clear();
  } else {
    bool converted = pane == convertedPane_;
    inspector_->showNode(pane->scene()->sharedGraph(), nodes.front(),
                         converted && model_ ? model_->source : nullptr);
  }
  exportWeight_->setEnabled(inspector_->weightCount() > 0);
}

void MainWindow::syncSelection(GraphPane* from) {
  if (syncing_) return;
  showInspectorFor(from);
  if (!model_ || !model_->converted || provenance_.empty()) return;
  GraphPane* to = from == sourcePane_ ? convertedPane_ : sourcePane_;
  auto selected = from->scene()->selectedNodes();
  auto counterparts =
      from == sourcePane_ ? provenance_.convertedFor(selected) : provenance_.sourceFor(selected);
  syncing_ = true;
  to->scene()->selectNodes(counterparts, true);
  to->scene()->highlightNodes(counterparts, kCounterpart);
  syncing_ = false;
}

void MainWindow::syncView(GraphPane* from) {
  if (syncing_ || !lockStep_->isChecked() || !convertedPane_->isVisible()) return;
  GraphPane* to = from == sourcePane_ ? convertedPane_ : sourcePane_;
  syncing_ = true;
  to->view()->setZoom(from->view()->zoom());
  to->view()->setRelativeCenter(from->view()->relativeCenter());
  syncing_ = false;
}

int MainWindow::find(const QString& text) {
  hits_.clear();
  hitIndex_ = -1;
  results_->clear();
  for (GraphPane* pane : {sourcePane_, convertedPane_}) {
    if (!pane->isVisible() || !pane->scene()->graph()) {
      pane->scene()->highlightNodes({}, {});
      continue;
    }
    auto nodes = pane->scene()->search(text);
    pane->scene()->highlightNodes(nodes, kSearchHit);
    const Graph& g = *pane->scene()->graph();
    for (NodeId n : nodes) {
      hits_.push_back({pane, n});
      if (results_->count() < 5000)
        results_->addItem(QStringLiteral("%1 · %2  [%3]")
                              .arg(pane == sourcePane_ ? tr("source") : tr("converted"),
                                   QString::fromStdString(g.node(n).name.empty() ? g.node(n).opType
                                                                                 : g.node(n).name),
                                   QString::fromStdString(g.node(n).opType)));
    }
  }
  search_->setResultText(
      text.isEmpty() ? QString() : tr("%n match(es)", nullptr, static_cast<int>(hits_.size())));
  if (!hits_.empty() && !text.isEmpty()) resultsDock_->show();
  return static_cast<int>(hits_.size());
}

void MainWindow::stepSearch(int delta) {
  if (hits_.empty()) return;
  int n = static_cast<int>(hits_.size());
  hitIndex_ = ((hitIndex_ + delta) % n + n) % n;
  const Hit& hit = hits_[static_cast<size_t>(hitIndex_)];
  hit.pane->scene()->selectNodes({hit.node}, true);
  results_->blockSignals(true);
  results_->setCurrentRow(hitIndex_);
  results_->blockSignals(false);
  search_->setResultText(tr("%1 of %2").arg(hitIndex_ + 1).arg(n));
}

void MainWindow::saveScreenshot() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Save Screenshot"), QStringLiteral("mindbridge.png"), tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  if (!grab().save(path) && dialogsAllowed())
    QMessageBox::warning(this, tr("Save Screenshot"), tr("Could not write %1.").arg(path));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  if (openDropped(event->mimeData())) event->acceptProposedAction();
}

bool MainWindow::openDropped(const QMimeData* mime) {
  const auto urls = mime->urls();
  for (const QUrl& url : urls)
    if (url.isLocalFile()) {
      openFile(url.toLocalFile());
      return true;
    }
  return false;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  cancelWork();
  QMainWindow::closeEvent(event);
}

}  // namespace mb
