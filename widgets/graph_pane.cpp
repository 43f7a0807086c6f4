#include "graph_pane.h"

#include <QLabel>
#include <QVBoxLayout>

#include "graph_scene.h"
#include "graph_view.h"
#include "overview_map.h"

namespace mb {

GraphPane::GraphPane(const QString& role, QWidget* parent) : QWidget(parent), role_(role) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  title_ = new QLabel(role, this);
  title_->setContentsMargins(8, 4, 8, 4);
  title_->setTextFormat(Qt::RichText);
  layout->addWidget(title_);
  scene_ = new GraphScene(this);
  view_ = new GraphView(scene_, this);
  view_->setFrameShape(QFrame::NoFrame);
  layout->addWidget(view_, 1);
  overview_ = new OverviewMap(view_, view_);
  overview_->setFixedSize(150, 200);
  overview_->setAutoFillBackground(true);
  connect(scene_, &GraphScene::layoutReady, this, [this](double seconds) {
    const auto* layout = scene_->currentLayout();
    if (!layout) return;
    setSubtitle(tr("%1 nodes · %2 boxes · %3 groups · layout %4 ms")
                    .arg(layout->graph->nodes.size())
                    .arg(layout->visual.items.size())
                    .arg(scene_->groupCount())
                    .arg(seconds * 1000, 0, 'f', 0));
  });
  setActive(false);
}

void GraphPane::setSubtitle(const QString& text) {
  title_->setText(QStringLiteral("<b>%1</b> &nbsp; <span style='color:#666'>%2</span>")
                      .arg(role_.toHtmlEscaped(), text.toHtmlEscaped()));
}

void GraphPane::setActive(bool active) {
  title_->setStyleSheet(active ? QStringLiteral("background:#dbe8f7;")
                               : QStringLiteral("background:#eeeeee;"));
}

void GraphPane::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  placeOverview();
}

void GraphPane::placeOverview() {
  QWidget* vp = view_->viewport();
  overview_->move(vp->width() - overview_->width() - 8, vp->height() - overview_->height() - 8);
  overview_->setVisible(vp->width() > 420 && vp->height() > 320);
}

}  // namespace mb
