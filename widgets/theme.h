// Light and dark palettes. "System" keeps the palette the platform gave at start-up (Qt 6.4 has no
// QStyleHints::colorScheme, so dark is detected from the window colour's lightness); "Light" and
// "Dark" use Fusion with a fixed palette. The choice is kept in QSettings ("ui/theme") and applied
// at start-up and at once when changed. The graph canvas keeps its own light colours in every theme
// (node fills, op colours and text were chosen against white), so graphs stay equally readable.
#pragma once

#include <QPalette>
#include <QString>

class QMenu;
class QWidget;

namespace mb {

enum class Theme { System, Light, Dark };

Theme themePreference();
void setThemePreference(Theme theme);
// Applies `theme` to the running application (call once after QApplication exists).
void applyTheme(Theme theme);
// True when `palette` is a dark one (its window colour is dark).
bool isDarkPalette(const QPalette& palette);
QPalette lightPalette();
QPalette darkPalette();

// View › Theme: System / Light / Dark, checked as stored; choosing one applies it at once.
QMenu* createThemeMenu(QWidget* parent);

}  // namespace mb
