#include "report_figures.h"

#include <qcustomplot.h>
#include <QGraphicsScene>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <algorithm>
#include <cmath>

namespace mb {

QImage renderSceneImage(QGraphicsScene* scene, int maxWidth, int maxHeight) {
  if (!scene) return {};
  const QRectF source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
  if (source.isEmpty()) return {};
  const double scale = std::min({1.0, maxWidth / source.width(), maxHeight / source.height()});
  const QSize size(std::max(1, int(source.width() * scale)),
                   std::max(1, int(source.height() * scale)));
  QImage image(size, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setRenderHint(QPainter::TextAntialiasing);
  scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source, Qt::KeepAspectRatio);
  return image;
}

QImage renderDiffPlot(const compare::DiffReport& diff, int width, int height) {
  QCustomPlot plot;
  plot.resize(width, height);
  QVector<double> x, y, failX, failY;
  double tolerance = diff.defaults.atol;
  for (size_t i = 0; i < diff.layers.size(); ++i) {
    const auto& layer = diff.layers[i];
    if (layer.status != compare::LayerStatus::Compared) continue;
    // Exact layers sit at the bottom of the log axis instead of vanishing.
    const double value = std::max(layer.stats.maxAbs, 1e-12);
    x << double(i);
    y << value;
    if (!layer.passed) {
      failX << double(i);
      failY << value;
    }
  }
  QCPGraph* all = plot.addGraph();
  all->setData(x, y);
  all->setName(QObject::tr("max |error| per layer"));
  all->setPen(QPen(QColor(51, 85, 136), 1.5));
  all->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  QCPGraph* failing = plot.addGraph();
  failing->setData(failX, failY);
  failing->setName(QObject::tr("out of tolerance"));
  failing->setLineStyle(QCPGraph::lsNone);
  failing->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCross, QPen(QColor(200, 30, 30), 2), Qt::NoBrush, 9));
  auto* line = new QCPItemStraightLine(&plot);
  line->point1->setCoords(0, tolerance);
  line->point2->setCoords(1, tolerance);
  line->setPen(QPen(QColor(230, 140, 0), 1.5, Qt::DashLine));
  plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
  plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  plot.xAxis->setLabel(QObject::tr("layer (topological order)"));
  plot.yAxis->setLabel(QObject::tr("max |converted − reference|"));
  plot.xAxis->setRange(-1, std::max<double>(1, diff.layers.size()));
  double low = 1e-12, high = tolerance * 10;
  for (double v : y) high = std::max(high, v * 10);
  for (double v : y) low = std::min(low, v / 10);
  plot.yAxis->setRange(low, high);
  plot.legend->setVisible(true);
  plot.plotLayout()->insertRow(0);
  plot.plotLayout()->addElement(
      0, 0,
      new QCPTextElement(&plot,
                         QObject::tr("Per-layer diff: %1 of %2 compared layers within tolerance "
                                     "(atol %3, rtol %4)")
                             .arg(x.size() - failX.size())
                             .arg(x.size())
                             .arg(diff.defaults.atol)
                             .arg(diff.defaults.rtol)));
  return plot.toPixmap(width, height).toImage();
}

QString addFiguresToHtml(const QString& html, const std::vector<ReportFigure>& figures) {
  if (figures.empty()) return html;
  QString section = QStringLiteral("<h2>%1</h2>\n").arg(QObject::tr("Pictures").toHtmlEscaped());
  for (const ReportFigure& f : figures) {
    if (f.image.isNull()) continue;
    // A fixed display width keeps tall graphs on the page (HTML and the PDF both honour it).
    const int width = std::min(f.image.width(), 900);
    section += QStringLiteral(
                   "<div class=\"figure\"><p><img src=\"figures/%1\" width=\"%2\" alt=\"%3\"></p>"
                   "<p><i>%3</i></p></div>\n")
                   .arg(f.fileName)
                   .arg(width)
                   .arg(f.caption.toHtmlEscaped());
  }
  QString out = html;
  const int end = out.lastIndexOf(QStringLiteral("</body>"), -1, Qt::CaseInsensitive);
  if (end < 0)
    out += section;
  else
    out.insert(end, section);
  return out;
}

bool writeHtmlPdf(const QString& html, const std::vector<ReportFigure>& figures,
                  const QString& title, const QString& path, QString* error) {
  QPdfWriter writer(path);
  writer.setTitle(title);
  writer.setCreator(QStringLiteral("MindBridge"));
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setResolution(120);
  QTextDocument document;
  for (const ReportFigure& f : figures)
    if (!f.image.isNull())
      document.addResource(QTextDocument::ImageResource,
                           QUrl(QStringLiteral("figures/") + f.fileName), f.image);
  // The PDF page is narrower than a screen: pictures print at the page's width at most.
  QString printable = html;
  printable.replace(QStringLiteral("width=\"900\""), QStringLiteral("width=\"760\""));
  document.setHtml(printable);
  document.print(&writer);
  QFile check(path);
  if (!check.exists() || check.size() == 0) {
    if (error) *error = QObject::tr("the PDF could not be written to %1").arg(path);
    return false;
  }
  return true;
}

}  // namespace mb
