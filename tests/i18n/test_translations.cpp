// The Chinese translation is complete and used: lupdate run over today's GUI sources against the
// committed .ts finds no unfinished string, placeholders survive translation, and the window shows
// Chinese menus when zh_CN is chosen.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include "language.h"
#include "main_window.h"
#include "test_paths.h"

namespace {

struct Message {
  QString context, source, translation, type;
};

QList<Message> readTs(const QString& path) {
  QList<Message> out;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return out;
  QXmlStreamReader xml(&file);
  QString context;
  Message current;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      current = Message{context, {}, {}, {}};
    } else if (name == QLatin1String("source")) {
      current.source = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      current.type = xml.attributes().value(QLatin1String("type")).toString();
      current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      out.push_back(current);
    }
  }
  return out;
}

QSet<QString> placeholders(const QString& text) {
  QSet<QString> out;
  static const QRegularExpression re(QStringLiteral("%L?\\d+"));
  for (auto it = re.globalMatch(text); it.hasNext();) out.insert(it.next().captured());
  return out;
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT
 private slots:
  void everyStringIsTranslated() {
    const QString src = QString::fromStdString(mbtest::sourceDir());
    const QString tmp = QString::fromStdString(mbtest::makeTempDir("i18n"));
    const QString ts = tmp + QStringLiteral("/current.ts");
    QVERIFY(QFile::copy(src + QStringLiteral("/translations/mindbridge_zh_CN.ts"), ts));
    QFile::setPermissions(ts, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setWorkingDirectory(src);
    lupdate.start(QStringLiteral(MB_LUPDATE),
                  {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"),
                   QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("widgets"),
                   QStringLiteral("app/gui"), QStringLiteral("-ts"), ts});
    QVERIFY(lupdate.waitForFinished(60000));
    QCOMPARE(lupdate.exitCode(), 0);

    const QList<Message> messages = readTs(ts);
    QVERIFY2(messages.size() > 50, "lupdate found suspiciously few strings");
    QStringList missing, broken;
    for (const Message& m : messages) {
      if (!m.type.isEmpty() || m.translation.trimmed().isEmpty())
        missing << m.context + QStringLiteral(": ") + m.source;
      else if (placeholders(m.source) != placeholders(m.translation))
        broken << m.context + QStringLiteral(": ") + m.source + QStringLiteral(" -> ") +
                      m.translation;
    }
    qInfo("%lld strings, %lld untranslated, %lld with mismatched placeholders",
          static_cast<long long>(messages.size()), static_cast<long long>(missing.size()),
          static_cast<long long>(broken.size()));
    for (const QString& m : missing.mid(0, 40)) qWarning("untranslated: %s", qPrintable(m));
    for (const QString& m : broken.mid(0, 40)) qWarning("placeholders: %s", qPrintable(m));
    QVERIFY2(missing.isEmpty(),
             "untranslated strings: run scripts/update_translations.sh and translate them");
    QVERIFY(broken.isEmpty());
  }

  void preferenceResolves() {
    QCOMPARE(mb::resolvedLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(mb::resolvedLanguage(QStringLiteral("en")), QStringLiteral("en"));
    // An unknown stored value falls back to English instead of failing.
    QCOMPARE(mb::resolvedLanguage(QStringLiteral("xx_YY")), QStringLiteral("en"));
    QVERIFY(!mb::installTranslations(*QCoreApplication::instance(), QStringLiteral("xx_YY")));
  }

  void windowSpeaksChinese() {
    QVERIFY(mb::installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
    mb::MainWindow window;
    window.resize(1280, 800);
    window.show();
    QSignalSpy ready(&window, &mb::MainWindow::modelReady);
    window.openModel(QString::fromStdString(mbtest::sourceDir()) +
                     QStringLiteral("/resources/examples/tiny_cnn.onnx"));
    QVERIFY(ready.wait(60000));
    QStringList titles;
    for (QAction* a : window.menuBar()->actions()) titles << a->text();
    qInfo("menus: %s", qPrintable(titles.join(QStringLiteral(" | "))));
    QVERIFY(!titles.isEmpty());
    // Every top-level menu title contains CJK characters.
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    for (const QString& t : titles) QVERIFY2(cjk.match(t).hasMatch(), qPrintable(t));
    // Without a CJK font every Chinese string is drawn as empty boxes (scripts/setup.sh installs one).
    QVERIFY2(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty(),
             "no font for Simplified Chinese is installed");
    QDir().mkpath(QStringLiteral(MB_SCREENSHOT_DIR));
    QVERIFY(window.grab().save(QStringLiteral(MB_SCREENSHOT_DIR "/main_window_zh_CN.png")));
  }
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
