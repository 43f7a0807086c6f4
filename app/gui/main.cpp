// mindbridge: the desktop workbench. `mindbridge [FILE]` opens FILE at start.
#include <QApplication>
#include <QCommandLineParser>

#include "language.h"
#include "main_window.h"

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
  parser.process(app);
  // Before any widget exists, so every tr() sees the chosen language.
  mb::installTranslations(app, mb::resolvedLanguage(mb::languagePreference()));
  mb::MainWindow window;
  window.show();
  if (!parser.positionalArguments().isEmpty())
    window.openModel(parser.positionalArguments().first());
  return app.exec();
}
