// mindbridge-cli layout: figures for a real exported model; bad input gives a clear error.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <fstream>

#include "test_paths.h"

class LayoutCliTest : public QObject {
  Q_OBJECT

 private slots:
  void jsonFiguresForResnet() {
    auto model = QString::fromStdString(mbtest::fixture("models/resnet18_op17_train.onnx"));
    QProcess p;
    p.start(QString::fromStdString(mbtest::cliExe()), {"layout", model, "--expand-all", "--json"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    auto doc = QJsonDocument::fromJson(p.readAllStandardOutput());
    QVERIFY(doc.isObject());
    auto o = doc.object();
    QVERIFY(o["nodes"].toInt() > 40);
    QCOMPARE(o["boxes"].toInt(), o["nodes"].toInt() + 2);  // plus one input and one output box
    QVERIFY(o["groups"].toInt() >= 4);                     // layer1..layer4 at least
    QVERIFY(o["width"].toDouble() > 0);
    QVERIFY(o["layout_seconds"].toDouble() < 1.0);
    QVERIFY(o["peak_rss_bytes"].toDouble() > 0);
    // Collapsed by default only when the model is big; resnet18 fits the budget fully open.
    QProcess text;
    text.start(QString::fromStdString(mbtest::cliExe()), {"layout", model});
    QVERIFY(text.waitForFinished(60000));
    QVERIFY(text.readAllStandardOutput().contains("crossings"));
  }

  void badInputIsReported() {
    std::string dir = mbtest::makeTempDir("layout_cli");
    std::ofstream(dir + "/broken.onnx") << "this is not a protobuf";
    QProcess p;
    p.start(QString::fromStdString(mbtest::cliExe()),
            {"layout", QString::fromStdString(dir + "/broken.onnx")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("broken.onnx"));
    QProcess usage;
    usage.start(QString::fromStdString(mbtest::cliExe()), {"layout"});
    QVERIFY(usage.waitForFinished(60000));
    QCOMPARE(usage.exitCode(), 2);
  }
};

QTEST_GUILESS_MAIN(LayoutCliTest)
#include "test_layout_cli.moc"
