// mindbridge: the desktop workbench. `mindbridge [FILE]` opens FILE at start;
// `mindbridge --screenshot OUT.png FILE` opens FILE, saves the window once it is shown and exits
// (documentation screenshots and the package test use it).
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

#include "language.h"
#include "main_window.h"
#include "project_actions.h"
#include "theme.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("MindBridge"));
  QApplication::setOrganizationName(QStringLiteral("MindBridge"));
  QApplication::setApplicationVersion(QStringLiteral(MB_VERSION));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Migrate ONNX and PyTorch models to MindSpore"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Model or project to open"));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QStringLiteral("Open FILE, save the window as PNG to PATH when it is shown, and exit"),
      QStringLiteral("PATH"));
  parser.addOption(screenshot);
  parser.process(app);
  // Before any widget exists, so every tr() sees the chosen language.
  mb::installTranslations(app, mb::resolvedLanguage(mb::languagePreference()));
  mb::applyTheme(mb::themePreference());
  mb::MainWindow window;
  const QStringList files = parser.positionalArguments();
  if (parser.isSet(screenshot)) {
    if (files.isEmpty()) parser.showHelp(2);
    const QString out = parser.value(screenshot);
    window.resize(1400, 860);
    QObject::connect(&window, &mb::MainWindow::modelReady, &app, [&, out] {
      // One more turn of the event loop so the final layout is painted before grabbing.
      QTimer::singleShot(0, &app, [&, out] {
        const bool saved = window.grab().save(out);
        if (!saved) std::fprintf(stderr, "mindbridge: could not write %s\n", qPrintable(out));
        app.exit(saved ? 0 : 1);
      });
    });
    QObject::connect(&window, &mb::MainWindow::loadFailed, &app,
                     [&](const QString& path, const QString& message) {
                       std::fprintf(stderr, "mindbridge: %s: %s\n", qPrintable(path),
                                    qPrintable(message));
                       app.exit(1);
                     });
  }
  window.show();
  // Changes a killed window left behind come first; a FILE given opens when they are not taken.
  auto* projects = window.findChild<mb::ProjectActions*>();
  const bool recovered = !parser.isSet(screenshot) && projects && projects->offerRecovery();
  if (!files.isEmpty() && !recovered) window.openFile(files.first());
  return app.exec();
}
