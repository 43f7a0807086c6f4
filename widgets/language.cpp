#include "language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace mb {
namespace {
const QString kKey = QStringLiteral("ui/language");
}

QStringList availableLanguages() {
  return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString languageDisplayName(const QString& code) {
  if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
  if (code == QLatin1String("en")) return QStringLiteral("English");
  return code;
}

QString languagePreference() {
  return QSettings().value(kKey, QStringLiteral("system")).toString();
}

void setLanguagePreference(const QString& preference) {
  QSettings().setValue(kKey, preference);
}

QString resolvedLanguage(const QString& preference) {
  if (preference != QLatin1String("system"))
    return availableLanguages().contains(preference) ? preference : QStringLiteral("en");
  // Any Chinese locale written in simplified script gets the zh_CN translation.
  const QLocale system = QLocale::system();
  if (system.language() == QLocale::Chinese && system.script() != QLocale::TraditionalChineseScript)
    return QStringLiteral("zh_CN");
  return QStringLiteral("en");
}

bool installTranslations(QCoreApplication& app, const QString& code) {
  if (code == QLatin1String("en")) return true;
  // Parented to the application: they live as long as it does.
  auto* own = new QTranslator(&app);
  if (!own->load(QStringLiteral(":/i18n/mindbridge_%1.qm").arg(code))) {
    delete own;
    return false;
  }
  app.installTranslator(own);
  // Qt's own strings (standard dialogs, buttons); absent translations are not an error.
  auto* qt = new QTranslator(&app);
  if (qt->load(QStringLiteral("qtbase_%1").arg(code),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    app.installTranslator(qt);
  else
    delete qt;
  return true;
}

QMenu* createLanguageMenu(QWidget* parent) {
  auto* menu = new QMenu(QObject::tr("&Language"), parent);
  auto* group = new QActionGroup(menu);
  const QString current = languagePreference();
  QStringList codes = availableLanguages();
  codes.prepend(QStringLiteral("system"));
  for (const QString& code : codes) {
    const QString label =
        code == QLatin1String("system") ? QObject::tr("System Default") : languageDisplayName(code);
    QAction* action = menu->addAction(label);
    action->setCheckable(true);
    action->setChecked(code == current);
    group->addAction(action);
    QObject::connect(action, &QAction::triggered, parent, [parent, code] {
      if (code == languagePreference()) return;
      setLanguagePreference(code);
      QMessageBox::information(parent, QObject::tr("Language"),
                               QObject::tr("The new language is used from the next start."));
    });
  }
  return menu;
}

}  // namespace mb
