// Autosave and crash recovery. While the session is modified its project is written (atomically)
// to a recovery file in QStandardPaths::AppLocalDataLocation/recovery — never over the user's own
// file — a moment after each edit and every `intervalSeconds`. Each running window holds a
// QLockFile beside its recovery file; at start-up, recovery files whose lock is stale (the app was
// killed) and that are newer than the project they belong to are offered for recovery.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "project/project.h"

class QLockFile;

namespace mb {

class MigrationSession;

class ProjectAutosave : public QObject {
  Q_OBJECT
 public:
  explicit ProjectAutosave(MigrationSession* session, QObject* parent = nullptr);
  ~ProjectAutosave() override;

  static QString recoveryDir();
  QString recoveryFile() const { return base_ + QStringLiteral(".mbproj"); }
  void setIntervalSeconds(int seconds);
  void setDebounceMs(int ms) { debounce_.setInterval(ms); }
  // Writes the recovery file now when the session is modified; false if that failed.
  bool saveNow();
  // Removes this window's recovery file (after a save, or when changes are discarded).
  void discard();

  // A recovery file left by a window that did not close normally.
  struct Orphan {
    QString base;         // path without suffix (.mbproj, .json, .lock)
    QString projectPath;  // the project it belongs to; empty for an untitled one
    QDateTime savedAt;
    project::Project project;
  };
  // Orphans newer than their saved project, newest first. Obsolete or unreadable ones are removed;
  // the ones returned stay locked by this process until takeOrphan / releaseOrphans.
  std::vector<Orphan> findOrphans();
  // Removes an orphan's files (recovered or discarded).
  void removeOrphan(const Orphan& orphan);
  void releaseOrphans();

 signals:
  void saved(const QString& recoveryFile);

 private:
  MigrationSession* session_;
  QString base_;  // this window's recovery path without suffix
  std::unique_ptr<QLockFile> lock_;
  std::vector<std::unique_ptr<QLockFile>> orphanLocks_;
  QTimer debounce_, periodic_;
};

}  // namespace mb
