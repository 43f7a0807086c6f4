#include "project_autosave.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>

#include "migration_session.h"

namespace mb {

namespace {
constexpr int kDefaultIntervalSeconds = 60;
constexpr int kDefaultDebounceMs = 1500;

std::unique_ptr<QLockFile> makeLock(const QString& base) {
  auto lock = std::make_unique<QLockFile>(base + QStringLiteral(".lock"));
  // Only a dead owner makes a lock stale: a window open for hours still owns its file.
  lock->setStaleLockTime(0);
  return lock;
}
}  // namespace

ProjectAutosave::ProjectAutosave(MigrationSession* session, QObject* parent)
    : QObject(parent), session_(session) {
  // Nothing touches the disk until there is something to save (the lock comes with the first file).
  base_ = recoveryDir() + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces);
  lock_ = makeLock(base_);
  debounce_.setSingleShot(true);
  debounce_.setInterval(kDefaultDebounceMs);
  periodic_.setInterval(kDefaultIntervalSeconds * 1000);
  connect(&debounce_, &QTimer::timeout, this, &ProjectAutosave::saveNow);
  connect(&periodic_, &QTimer::timeout, this, &ProjectAutosave::saveNow);
  connect(session_, &MigrationSession::projectChanged, this, [this] {
    if (session_->modified()) debounce_.start();
  });
  connect(session_, &MigrationSession::modifiedChanged, this, [this](bool modified) {
    if (modified) {
      periodic_.start();
      debounce_.start();
    } else {
      periodic_.stop();
      debounce_.stop();
      discard();  // saved, or back to the saved state
    }
  });
}

ProjectAutosave::~ProjectAutosave() = default;

QString ProjectAutosave::recoveryDir() {
  return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
         QStringLiteral("/recovery");
}

void ProjectAutosave::setIntervalSeconds(int seconds) {
  periodic_.setInterval(seconds * 1000);
}

bool ProjectAutosave::saveNow() {
  if (!session_->modified()) return true;
  QDir().mkpath(recoveryDir());
  if (!lock_->isLocked() && !lock_->tryLock(0)) return false;
  if (Status s = project::saveProject(session_->project(), recoveryFile().toStdString()); !s)
    return false;
  QJsonObject meta{
      {QStringLiteral("projectPath"), session_->projectPath()},
      {QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
  QSaveFile file(base_ + QStringLiteral(".json"));
  if (!file.open(QIODevice::WriteOnly)) return false;
  file.write(QJsonDocument(meta).toJson());
  if (!file.commit()) return false;
  emit saved(recoveryFile());
  return true;
}

void ProjectAutosave::discard() {
  QFile::remove(base_ + QStringLiteral(".json"));
  QFile::remove(recoveryFile());
}

std::vector<ProjectAutosave::Orphan> ProjectAutosave::findOrphans() {
  std::vector<Orphan> found;
  const QDir dir(recoveryDir());
  const auto metas = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files);
  for (const QFileInfo& meta : metas) {
    const QString base = meta.absolutePath() + QLatin1Char('/') + meta.completeBaseName();
    if (base == base_) continue;
    auto lock = makeLock(base);
    if (!lock->tryLock(0)) continue;  // its window is still open
    Orphan orphan;
    orphan.base = base;
    QFile file(meta.absoluteFilePath());
    const QJsonObject object = file.open(QIODevice::ReadOnly)
                                   ? QJsonDocument::fromJson(file.readAll()).object()
                                   : QJsonObject();
    orphan.projectPath = object.value(QStringLiteral("projectPath")).toString();
    orphan.savedAt = QDateTime::fromString(object.value(QStringLiteral("savedAt")).toString(),
                                           Qt::ISODateWithMs);
    auto loaded = project::loadProject((base + QStringLiteral(".mbproj")).toStdString());
    const QFileInfo saved(orphan.projectPath);
    const bool obsolete =
        !loaded || !orphan.savedAt.isValid() ||
        (!orphan.projectPath.isEmpty() && saved.exists() && saved.lastModified() > orphan.savedAt);
    if (obsolete) {
      removeOrphan(orphan);
      continue;
    }
    orphan.project = std::move(*loaded);
    found.push_back(std::move(orphan));
    orphanLocks_.push_back(std::move(lock));
  }
  // Locks of killed windows that never wrote a recovery file.
  for (const QFileInfo& lockFile : dir.entryInfoList({QStringLiteral("*.lock")}, QDir::Files)) {
    const QString base = lockFile.absolutePath() + QLatin1Char('/') + lockFile.completeBaseName();
    if (base == base_ || QFileInfo::exists(base + QStringLiteral(".json"))) continue;
    auto lock = makeLock(base);
    if (lock->tryLock(0)) lock->unlock();  // unlock() removes the stale file
  }
  std::sort(found.begin(), found.end(),
            [](const Orphan& a, const Orphan& b) { return a.savedAt > b.savedAt; });
  return found;
}

void ProjectAutosave::removeOrphan(const Orphan& orphan) {
  QFile::remove(orphan.base + QStringLiteral(".mbproj"));
  QFile::remove(orphan.base + QStringLiteral(".json"));
  // The lock file goes with the QLockFile that holds it (releaseOrphans), or now if none does.
  bool held = false;
  for (auto& lock : orphanLocks_)
    if (lock->fileName() == orphan.base + QStringLiteral(".lock")) held = true;
  if (!held) QFile::remove(orphan.base + QStringLiteral(".lock"));
}

void ProjectAutosave::releaseOrphans() {
  orphanLocks_.clear();  // unlock() removes each lock file
}

}  // namespace mb
