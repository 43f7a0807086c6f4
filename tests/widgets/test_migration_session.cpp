// MigrationSession: every edit is one undo step, undo/redo restore the project exactly, a no-op
// edit adds nothing, save marks the state clean, and a conversion-changing edit drops a stale diff.
#include <QSignalSpy>
#include <QtTest>

#include "migration_session.h"

using mb::MigrationSession;

class TestMigrationSession : public QObject {
  Q_OBJECT
 private slots:
  void editUndoRedo() {
    MigrationSession session;
    mb::project::Project start;
    start.modelPath = "model.onnx";
    session.reset(start, "/tmp/a.mbproj");
    QVERIFY(!session.modified());
    QSignalSpy changed(&session, &MigrationSession::projectChanged);
    session.edit("set atol", MigrationSession::Tolerances,
                 [](mb::project::Project& p) { p.tolerance.atol = 1e-3; });
    QCOMPARE(session.project().tolerance.atol, 1e-3);
    QVERIFY(session.modified());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).value<MigrationSession::Aspects>(),
             MigrationSession::Aspects(MigrationSession::Tolerances));
    session.edit("rename input", MigrationSession::Inputs,
                 [](mb::project::Project& p) { p.inputNodes = {"x"}; });
    QCOMPARE(session.undoStack()->count(), 2);
    session.undoStack()->undo();
    QVERIFY(session.project().inputNodes.empty());
    QCOMPARE(session.project().tolerance.atol, 1e-3);
    session.undoStack()->undo();
    QCOMPARE(session.project().tolerance.atol, 1e-5);
    QVERIFY(!session.modified());
    session.undoStack()->redo();
    QCOMPARE(session.project().tolerance.atol, 1e-3);
    session.markSaved("/tmp/b.mbproj");
    QVERIFY(!session.modified());
    QCOMPARE(session.projectPath(), QString("/tmp/b.mbproj"));
  }

  void noOpEditAddsNoStep() {
    MigrationSession session;
    session.edit("nothing", MigrationSession::Mapping, [](mb::project::Project&) {});
    QCOMPARE(session.undoStack()->count(), 0);
    QVERIFY(!session.modified());
  }

  void conversionEditDropsDiff() {
    MigrationSession session;
    session.setDiff(std::make_shared<mb::compare::DiffReport>());
    QVERIFY(session.diff());
    session.edit("mapping", MigrationSession::Mapping, [](mb::project::Project& p) {
      p.weightMapping.overrides["a"] = "b";
    });
    QVERIFY(session.diff());  // weight names do not change what the converted graph computes
    QSignalSpy diffChanged(&session, &MigrationSession::diffChanged);
    session.edit("api", MigrationSession::Conversion, [](mb::project::Project& p) {
      p.targetApi = mb::convert::TargetApi::Mint;
    });
    QVERIFY(!session.diff());
    QCOMPARE(diffChanged.count(), 1);
  }
};

QTEST_MAIN(TestMigrationSession)
#include "test_migration_session.moc"
