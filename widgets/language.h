// The interface language: English (the source strings) or Simplified Chinese. The choice is kept in
// QSettings ("ui/language": "system", "en" or "zh_CN") and applied at start-up, before any window
// is built, so every tr() sees the right translator.
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;
class QMenu;
class QWidget;

namespace mb {

// Language codes the workbench ships ("en" first), and a name to show for each, in that language.
QStringList availableLanguages();
QString languageDisplayName(const QString& code);

// The stored preference ("system" when unset) and the language it resolves to on this machine.
QString languagePreference();
void setLanguagePreference(const QString& preference);
QString resolvedLanguage(const QString& preference);

// Installs MindBridge's and Qt's own translators for `code` on the application; "en" installs none.
// Returns false when MindBridge has no translation for `code`.
bool installTranslations(QCoreApplication& app, const QString& code);

// A "Language" menu (system / each available language) that stores the choice; the new language is
// used from the next start, which the menu says when the choice changes.
QMenu* createLanguageMenu(QWidget* parent);

}  // namespace mb
