#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace mb {

namespace {
const char* kThemeKey = "ui/theme";

// The platform's own style and palette, captured before the first change so "System" can go back.
struct SystemLook {
  QString style;
  QPalette palette;
  bool captured = false;
};
SystemLook& systemLook() {
  static SystemLook look;
  if (!look.captured && qApp) {
    look.style = QApplication::style()->name();
    look.palette = QApplication::palette();
    look.captured = true;
  }
  return look;
}

QString themeKey(Theme theme) {
  switch (theme) {
    case Theme::Light:
      return QStringLiteral("light");
    case Theme::Dark:
      return QStringLiteral("dark");
    case Theme::System:
      break;
  }
  return QStringLiteral("system");
}
}  // namespace

Theme themePreference() {
  const QString value = QSettings().value(kThemeKey, QStringLiteral("system")).toString();
  if (value == QLatin1String("light")) return Theme::Light;
  if (value == QLatin1String("dark")) return Theme::Dark;
  return Theme::System;
}

void setThemePreference(Theme theme) {
  QSettings().setValue(kThemeKey, themeKey(theme));
}

bool isDarkPalette(const QPalette& palette) {
  return palette.color(QPalette::Window).lightness() < 128;
}

QPalette lightPalette() {
  QPalette p = QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
  p.setColor(QPalette::Link, QColor(0, 90, 180));
  return p;
}

QPalette darkPalette() {
  // Contrast of text on base and window stays above 7:1 (WCAG AAA); disabled text above 3:1.
  QPalette p;
  const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
  p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(55, 55, 60));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(255, 90, 90));
  p.setColor(QPalette::Light, QColor(80, 80, 86));
  p.setColor(QPalette::Midlight, QColor(66, 66, 70));
  p.setColor(QPalette::Mid, QColor(50, 50, 54));
  p.setColor(QPalette::Dark, QColor(25, 25, 27));
  p.setColor(QPalette::Shadow, QColor(0, 0, 0));
  p.setColor(QPalette::Highlight, QColor(42, 130, 218));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(110, 170, 255));
  p.setColor(QPalette::LinkVisited, QColor(180, 140, 255));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    p.setColor(QPalette::Disabled, role, QColor(130, 130, 130));
  return p;
}

void applyTheme(Theme theme) {
  SystemLook& system = systemLook();
  if (theme == Theme::System) {
    QApplication::setStyle(QStyleFactory::create(system.style));
    QApplication::setPalette(system.palette);
    return;
  }
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setPalette(theme == Theme::Dark ? darkPalette() : lightPalette());
}

QMenu* createThemeMenu(QWidget* parent) {
  systemLook();  // capture the platform's look before any change
  auto* menu = new QMenu(QObject::tr("&Theme"), parent);
  menu->setObjectName(QStringLiteral("themeMenu"));
  menu->setStatusTip(QObject::tr("Light or dark colours for the window (the graphs stay light)"));
  auto* group = new QActionGroup(menu);
  const Theme current = themePreference();
  const std::pair<Theme, QString> choices[] = {{Theme::System, QObject::tr("Follow the &System")},
                                               {Theme::Light, QObject::tr("&Light")},
                                               {Theme::Dark, QObject::tr("&Dark")}};
  for (const auto& [theme, label] : choices) {
    QAction* action = menu->addAction(label);
    action->setCheckable(true);
    action->setChecked(theme == current);
    action->setData(themeKey(theme));
    group->addAction(action);
    const Theme chosen = theme;
    QObject::connect(action, &QAction::triggered, menu, [chosen] {
      setThemePreference(chosen);
      applyTheme(chosen);
    });
  }
  return menu;
}

}  // namespace mb
