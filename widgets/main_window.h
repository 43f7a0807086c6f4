// The workbench window: source graph and converted graph side by side (selection synced through
// provenance, optional lock-step pan/zoom), node inspector and search-results docks, menus, drag
// and drop, recent files and window state kept across runs. Loading and layout never block the UI.
#pragma once

#include <QMainWindow>
#include <functional>
#include <map>
#include <memory>

#include "migration_session.h"
#include "model_loader.h"
#include "provenance_map.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QListWidget;
class QMimeData;
class QMenu;
class QProgressBar;
class QSplitter;
class QTimer;
class QToolButton;

namespace mb {

class GraphPane;
class NodeInspector;
class SearchBar;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens any file by its suffix through the opener registered for it (weights, projects, scripts
  // register theirs); everything else is opened as a model.
  void openFile(const QString& path);
  void registerOpener(const QStringList& suffixes, std::function<void(const QString&)> open);
  // Starts loading `path` in the background; the result arrives through modelLoaded / loadFailed.
  void openModel(const QString& path);
  // Shows an already loaded model (what a finished load does; tests build models by hand).
  void showModel(std::shared_ptr<LoadedModel> model);
  void cancelWork();
  // Converts the open model again with the session's project (what an Inputs / Conversion edit
  // does after a short pause). `keepSource` reuses the imported graph when only the conversion
  // changed, so the source pane keeps its view; a failure keeps the previous conversion shown.
  void reconvert(bool keepSource = false);
  bool reconverting() const { return reconverting_; }
  // What dropping files on the window does: opens the first local file; false if there is none.
  bool openDropped(const QMimeData* mime);
  bool busy() const;

  GraphPane* sourcePane() const { return sourcePane_; }
  GraphPane* convertedPane() const { return convertedPane_; }
  NodeInspector* inspector() const { return inspector_; }
  SearchBar* searchBar() const { return search_; }
  QListWidget* searchResults() const { return results_; }
  std::shared_ptr<const LoadedModel> model() const { return model_; }
  // The open migration (project settings, undo stack, model, diff) every panel works on.
  MigrationSession* session() { return &session_; }
  // Panels and menus join the window through these (one call each), so features stay in their
  // own files: a dock whose toggle goes to View › Panels, and the menus to add actions to.
  QDockWidget* addPanel(QWidget* panel, const QString& title, const QString& objectName,
                        Qt::DockWidgetArea area = Qt::RightDockWidgetArea);
  QMenu* fileMenu() const { return fileMenu_; }
  QMenu* editMenu() const { return editMenu_; }
  QMenu* viewMenu() const { return viewMenu_; }
  QMenu* toolsMenu() const { return toolsMenu_; }
  // Background jobs of feature panels (diff, export, checkpoint writing) share the status bar's
  // progress bar and Cancel: beginJob shows `text` and returns an id; Cancel (button, Esc) calls
  // every running job's `cancel`; endJob(id, text) hides the progress when nothing else runs.
  int beginJob(const QString& text, std::function<void()> cancel);
  void updateJob(int id, const QString& text, int done, int total);
  void endJob(int id, const QString& text);
  // Selects a source node by name and its converted counterparts (what a plot click does).
  bool selectSourceNode(const QString& name);
  const ProvenanceMap& provenance() const { return provenance_; }
  void setLockStep(bool on);
  QStringList recentFiles() const;
  void addRecent(const QString& path);  // a model or project, first in File › Open Recent
  // Runs a search across both panes (as typing in the Find bar does); returns the number of hits.
  int find(const QString& text);

 signals:
  void modelLoaded(const QString& path, int nodeCount);
  void loadFailed(const QString& path, const QString& message);
  void layoutsReady();  // every visible pane has its items
  void modelReady();    // a whole model (source and conversion) is shown and laid out
  // A re-conversion could not import the model with the project's inputs (nothing else changed).
  void reconvertFailed(const QString& message);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void buildDocks();
  void chooseModel();
  void onLoaded(std::shared_ptr<LoadedModel> model);
  void onSourceReady(std::shared_ptr<LoadedModel> model);
  void onFailed(const QString& path, const QString& message);
  void refreshRecentMenu();
  void setBusy(const QString& text);
  void setIdle(const QString& text);
  void syncSelection(GraphPane* from);
  void syncView(GraphPane* from);
  void showInspectorFor(GraphPane* pane);
  void stepSearch(int delta);
  void saveScreenshot();
  void showAbout();
  GraphPane* activePane() const;

  ModelLoader loader_;
  MigrationSession session_;
  std::map<QString, std::function<void(const QString&)>> openers_;
  std::map<int, std::function<void()>> jobs_;  // running feature jobs → their cancel
  int nextJob_ = 1;                            // lower-case suffix → opener
  std::shared_ptr<const LoadedModel> model_;
  ProvenanceMap provenance_;
  QSplitter* splitter_;
  GraphPane* sourcePane_;
  GraphPane* convertedPane_;
  GraphPane* active_ = nullptr;
  NodeInspector* inspector_;
  SearchBar* search_;
  QListWidget* results_;
  QDockWidget* inspectorDock_;
  QDockWidget* resultsDock_;
  QLabel* status_;
  QProgressBar* progress_;
  QToolButton* cancelButton_;
  QMenu* recentMenu_;
  QMenu* viewMenu_;
  QMenu* panelsMenu_;
  QMenu* fileMenu_;
  QMenu* editMenu_;
  QMenu* toolsMenu_;
  QAction* lockStep_;
  QAction* showConverted_;
  QAction* exportWeight_;
  QAction* cancelAction_;
  bool syncing_ = false;
  struct Hit {
    GraphPane* pane;
    NodeId node;
  };
  std::vector<Hit> hits_;
  int hitIndex_ = -1;
  bool modelComplete_ = false;  // the shown model is final (not waiting for its conversion)
  QTimer* reconvertTimer_;      // debounces project edits into one re-conversion
  bool reconverting_ = false;
  // The settings the shown conversion was made with, and those of the load under way: a project
  // change (undo, a project reset after an open) that leaves them equal converts nothing.
  project::Project convertedWith_, loadingWith_;
  void reconvertIfChanged();
  std::vector<NodeId> modelUnconvertedSources_;  // red-marked in the source pane
  // The session's project when it belongs to `path` (or names no model yet), else a default one.
  project::Project projectFor(const QString& path) const;
};

}  // namespace mb
