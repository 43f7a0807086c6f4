// Pictures for the exported report, drawn on the UI thread before the export job starts: a whole
// graph scene as PNG (scaled to fit a page-friendly size) and the per-layer diff metric plot
// (QCustomPlot: max |error| per layer in topological order, log scale, tolerance line, failing
// layers marked). Also the report section that shows them, and the PDF of an HTML report.
#pragma once

#include <QImage>
#include <QString>
#include <map>

#include "compare/diff_report.h"

class QGraphicsScene;

namespace mb {

// The scene's items drawn on white, at most `maxWidth` × `maxHeight` pixels; null when empty.
QImage renderSceneImage(QGraphicsScene* scene, int maxWidth = 1600, int maxHeight = 6000);
QImage renderDiffPlot(const compare::DiffReport& diff, int width = 1400, int height = 520);

// One picture of the report: file name under figures/ and caption.
struct ReportFigure {
  QString fileName;  // "source_graph.png"
  QString caption;
  QImage image;
};
// `html` with a "Pictures" section (relative <img src="figures/…">) before </body>.
QString addFiguresToHtml(const QString& html, const std::vector<ReportFigure>& figures);
// Prints `html` (pictures from `figures`) to a PDF file; false with `error` set on failure.
bool writeHtmlPdf(const QString& html, const std::vector<ReportFigure>& figures,
                  const QString& title, const QString& path, QString* error);

}  // namespace mb
