#include "fix_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "convert/fixes/api_catalogue.h"
#include "convert/fixes/fix_apply.h"
#include "convert/fixes/op_templates.h"
#include "migration_session.h"

namespace mb {

namespace {

enum ArgColumn { ArgName, ArgRole, ArgValue, ArgDefault };
constexpr int kApiPathRole = Qt::UserRole + 1;

const QRegularExpression& inputPattern() {
  static const QRegularExpression re(QStringLiteral("^input\\s+(\\d+)$"));
  return re;
}

// A Python literal typed in a form cell → an attribute value: None, True / False, an int, a
// float, a list of numbers, or a string (quoted or bare).
Attribute parseLiteral(const QString& typed) {
  const QString text = typed.trimmed();
  if (text == QLatin1String("None")) return Attribute(NoneValue{});
  if (text == QLatin1String("True") || text == QLatin1String("False"))
    return Attribute(text == QLatin1String("True"));
  bool ok = false;
  qlonglong i = text.toLongLong(&ok);
  if (ok) return Attribute(static_cast<int64_t>(i));
  double d = text.toDouble(&ok);
  if (ok) return Attribute(d);
  if ((text.startsWith('[') && text.endsWith(']')) ||
      (text.startsWith('(') && text.endsWith(')'))) {
    const QStringList items =
        text.mid(1, text.size() - 2).split(QLatin1Char(','), Qt::SkipEmptyParts);
    std::vector<int64_t> ints;
    std::vector<double> doubles;
    bool allInts = true;
    for (const QString& item : items) {
      bool isInt = false, isNumber = false;
      qlonglong iv = item.trimmed().toLongLong(&isInt);
      double dv = item.trimmed().toDouble(&isNumber);
      if (!isNumber) return Attribute(text.toStdString());
      allInts = allInts && isInt;
      ints.push_back(static_cast<int64_t>(iv));
      doubles.push_back(dv);
    }
    if (allInts) return Attribute(ints);
    return Attribute(doubles);
  }
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
      text.back() == text.front())
    return Attribute(text.mid(1, text.size() - 2).toStdString());
  return Attribute(text.toStdString());
}

QString opTypeOf(const Node& node) {
  return QString::fromStdString(node.domain.empty() || node.domain == "ai.onnx"
                                    ? node.opType
                                    : node.domain + "::" + node.opType);
}

}  // namespace

FixDialog::FixDialog(MigrationSession* session, std::shared_ptr<const Graph> source, NodeId node,
                     const std::vector<std::string>& suggestions, QWidget* parent)
    : QDialog(parent),
      session_(session),
      source_(std::move(source)),
      node_(node),
      suggestions_(suggestions) {
  const Node& n = source_->node(node_);
  nodeName_ = QString::fromStdString(n.name);
  setWindowTitle(tr("Fix %1").arg(nodeName_));
  setObjectName(QStringLiteral("fixDialog"));
  resize(720, 560);
  auto* column = new QVBoxLayout(this);
  QStringList inputs;
  for (size_t i = 0; i < n.inputs.size(); ++i)
    inputs << (n.inputs[i] == kNoValue
                   ? tr("input %1: (omitted)").arg(i)
                   : tr("input %1: %2 %3")
                         .arg(i)
                         .arg(
                             QString::fromStdString(source_->value(n.inputs[i]).name),
                             QString::fromStdString(source_->value(n.inputs[i]).shape.toString())));
  auto* header = new QLabel(tr("<b>%1</b> (%2)<br>%3")
                                .arg(nodeName_.toHtmlEscaped(), opTypeOf(n).toHtmlEscaped(),
                                     inputs.join(QStringLiteral("<br>")).toHtmlEscaped()),
                            this);
  header->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(header);
  tabs_ = new QTabWidget(this);
  column->addWidget(tabs_, 1);
  buildApiPage();
  buildTemplatePage();
  buildSnippetPage();
  buildOverridePage();
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: rgb(190,20,20)"));
  error_->hide();
  column->addWidget(error_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply Fix"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (applyFix()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  column->addWidget(buttons);
  loadExistingFix();
}

void FixDialog::buildApiPage() {
  auto* page = new QWidget(tabs_);
  auto* column = new QVBoxLayout(page);
  apiSearch_ = new QLineEdit(page);
  apiSearch_->setPlaceholderText(tr("Search MindSpore 2.7's API, e.g. ops gelu"));
  apiSearch_->setClearButtonEnabled(true);
  column->addWidget(apiSearch_);
  apiList_ = new QListWidget(page);
  column->addWidget(apiList_, 1);
  apiSignature_ = new QLabel(page);
  apiSignature_->setWordWrap(true);
  apiSignature_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(apiSignature_);
  apiArgs_ = new QTableWidget(0, 4, page);
  apiArgs_->setHorizontalHeaderLabels({tr("Parameter"), tr("Of"), tr("Value"), tr("Default")});
  apiArgs_->horizontalHeader()->setSectionResizeMode(ArgValue, QHeaderView::Stretch);
  apiArgs_->verticalHeader()->hide();
  apiArgs_->setToolTip(
      tr("Value: empty = the default; \"input N\" = the node's input N (call parameters, in "
         "order); \"@name\" = the node's attribute name; else a Python literal (1, 0.5, True, "
         "None, 'same', [1, 2])"));
  column->addWidget(apiArgs_, 1);
  tabs_->addTab(page, tr("MindSpore API"));
  connect(apiSearch_, &QLineEdit::textChanged, this, &FixDialog::searchApis);
  connect(apiList_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (item) showApi(item->data(kApiPathRole).toString());
  });
  searchApis(QString());
}

void FixDialog::searchApis(const QString& text) {
  apiList_->clear();
  std::vector<const convert::ApiEntry*> entries;
  if (text.trimmed().isEmpty()) {  // the converter's suggestions first
    for (const auto& s : suggestions_)
      if (const auto* e = convert::findApi(s)) entries.push_back(e);
  } else {
    entries = convert::searchApis(text.toStdString(), 200);
  }
  for (const auto* e : entries) {
    auto* item = new QListWidgetItem(QString::fromStdString(e->path), apiList_);
    item->setData(kApiPathRole, QString::fromStdString(e->path));
    item->setToolTip(QString::fromStdString(e->signatureText()));
  }
}

void FixDialog::showApi(const QString& path) {
  const convert::ApiEntry* entry = convert::findApi(path.toStdString());
  if (!entry) return;
  api_ = path;
  apiSignature_->setText(tr("<b>%1</b><br><code>%2</code>")
                             .arg(path.toHtmlEscaped(),
                                  QString::fromStdString(entry->signatureText()).toHtmlEscaped()));
  const Node& node = source_->node(node_);
  apiArgs_->setRowCount(0);
  int nextInput = 0;
  auto addRow = [&](const convert::ApiParameter& p, bool call) {
    if (p.variadic) return;
    const int row = apiArgs_->rowCount();
    apiArgs_->insertRow(row);
    QString value;
    // Required call parameters take the node's inputs in order.
    const bool takesInput =
        call && nextInput < static_cast<int>(node.inputs.size()) && p.defaultValue.empty();
    if (takesInput)
      value = QStringLiteral("input %1").arg(nextInput++);
    else if (node.attrs.has(p.name))
      value = QLatin1Char('@') + QString::fromStdString(p.name);
    auto* name = new QTableWidgetItem(QString::fromStdString(p.name));
    auto* role = new QTableWidgetItem(call ? tr("call") : tr("constructor"));
    role->setData(Qt::UserRole, call);
    auto* def =
        new QTableWidgetItem(p.required ? tr("required") : QString::fromStdString(p.defaultValue));
    for (auto* item : {name, role, def}) item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    apiArgs_->setItem(row, ArgName, name);
    apiArgs_->setItem(row, ArgRole, role);
    apiArgs_->setItem(row, ArgValue, new QTableWidgetItem(value));
    apiArgs_->setItem(row, ArgDefault, def);
  };
  for (const auto& p : entry->init) addRow(p, false);
  for (const auto& p : entry->call) addRow(p, true);
  apiArgs_->resizeColumnToContents(ArgName);
  apiArgs_->resizeColumnToContents(ArgRole);
}

bool FixDialog::selectApi(const QString& path) {
  if (!convert::findApi(path.toStdString())) return false;
  tabs_->setCurrentIndex(ApiPage);
  apiSearch_->setText(path);
  for (int i = 0; i < apiList_->count(); ++i)
    if (apiList_->item(i)->data(kApiPathRole).toString() == path) {
      apiList_->setCurrentRow(i);
      return true;
    }
  return false;
}

bool FixDialog::setApiArgument(const QString& parameter, const QString& value) {
  for (int r = 0; r < apiArgs_->rowCount(); ++r)
    if (apiArgs_->item(r, ArgName)->text() == parameter) {
      apiArgs_->item(r, ArgValue)->setText(value);
      return true;
    }
  return false;
}

void FixDialog::buildTemplatePage() {
  auto* page = new QWidget(tabs_);
  auto* column = new QVBoxLayout(page);
  column->addWidget(new QLabel(
      tr("Replace the node by ops the converter supports; the per-layer diff verifies it."), page));
  templates_ = new QListWidget(page);
  const Node& node = source_->node(node_);
  auto fitting = convert::templatesFor(opTypeOf(node).toStdString());
  auto add = [this](const convert::OpTemplate* t, bool fits) {
    auto* item =
        new QListWidgetItem(fits ? tr("%1 — fits this op").arg(QString::fromStdString(t->name))
                                 : QString::fromStdString(t->name),
                            templates_);
    item->setData(Qt::UserRole, QString::fromStdString(t->name));
    if (fits) {
      QFont bold = item->font();
      bold.setBold(true);
      item->setFont(bold);
    }
  };
  for (const auto* t : fitting) add(t, true);
  for (const auto& t : convert::opTemplates())
    if (std::find(fitting.begin(), fitting.end(), &t) == fitting.end()) add(&t, false);
  column->addWidget(templates_, 1);
  templateFormula_ = new QLabel(page);
  templateFormula_->setWordWrap(true);
  templateFormula_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(templateFormula_);
  connect(templates_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    if (!item) return;
    const auto* t = convert::findTemplate(item->data(Qt::UserRole).toString().toStdString());
    if (!t) return;
    QStringList attrs;
    for (const auto& [name, value] : t->attributes)
      attrs << QStringLiteral("%1 = %2").arg(QString::fromStdString(name)).arg(value);
    QStringList program;  // escaped line by line: the lines are joined by <br>
    for (const auto& line : t->program) program << QString::fromStdString(line).toHtmlEscaped();
    templateFormula_->setText(
        tr("<b>%1</b> stands for %2<br>%3<br>attributes: %4<br><code>%5</code>")
            .arg(QString::fromStdString(t->name).toHtmlEscaped(),
                 QString::fromStdString(t->fixes).toHtmlEscaped(),
                 QString::fromStdString(t->formula).toHtmlEscaped(),
                 attrs.isEmpty() ? tr("none") : attrs.join(QStringLiteral(", ")).toHtmlEscaped(),
                 program.join(QStringLiteral("<br>"))));
  });
  if (templates_->count() > 0) templates_->setCurrentRow(0);
  tabs_->addTab(page, tr("Template"));
}

bool FixDialog::selectTemplate(const QString& name) {
  for (int i = 0; i < templates_->count(); ++i)
    if (templates_->item(i)->data(Qt::UserRole).toString() == name) {
      templates_->setCurrentRow(i);
      tabs_->setCurrentIndex(TemplatePage);
      return true;
    }
  return false;
}

void FixDialog::buildSnippetPage() {
  auto* page = new QWidget(tabs_);
  auto* form = new QFormLayout(page);
  auto* note = new QLabel(tr("A Python Cell emitted into model.py as written. The diff cannot run "
                             "it and marks the node unverified."),
                          page);
  note->setWordWrap(true);
  form->addRow(note);
  snippet_ = new QPlainTextEdit(page);
  QFont mono(QStringLiteral("monospace"));
  mono.setStyleHint(QFont::Monospace);
  snippet_->setFont(mono);
  const QString cls =
      QStringLiteral("Fixed") + QString::fromStdString(source_->node(node_).opType)
                                    .remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")));
  snippet_->setPlainText(QStringLiteral("class %1(nn.Cell):\n"
                                        "    def construct(self, x):\n"
                                        "        return x\n")
                             .arg(cls));
  snippetClass_ = new QLineEdit(page);
  snippetClass_->setPlaceholderText(tr("the first class in the code"));
  form->addRow(tr("Code:"), snippet_);
  form->addRow(tr("Class:"), snippetClass_);
  tabs_->addTab(page, tr("Code Snippet"));
}

void FixDialog::buildOverridePage() {
  auto* page = new QWidget(tabs_);
  auto* column = new QVBoxLayout(page);
  auto* note = new QLabel(tr("Attributes the converter sees for this node (edit a value, clear it "
                             "to remove the attribute, or add one in the last row)."),
                          page);
  note->setWordWrap(true);
  column->addWidget(note);
  overrides_ = new QTableWidget(0, 2, page);
  overrides_->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
  overrides_->horizontalHeader()->setStretchLastSection(true);
  overrides_->verticalHeader()->hide();
  const Node& node = source_->node(node_);
  const auto* current = [&]() -> const convert::NodeOverride* {
    auto it = session_->project().overrides.find(node.name);
    return it == session_->project().overrides.end() ? nullptr : &it->second;
  }();
  AttributeList shown = node.attrs;
  if (current) {
    for (const auto& a : current->attributes.items()) shown.set(a.name, a.value);
    for (const auto& r : current->removeAttributes) shown.erase(r);
  }
  for (const auto& a : shown.items()) {
    int row = overrides_->rowCount();
    overrides_->insertRow(row);
    auto* name = new QTableWidgetItem(QString::fromStdString(a.name));
    name->setFlags(name->flags() & ~Qt::ItemIsEditable);
    overrides_->setItem(row, 0, name);
    overrides_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(a.value.toString())));
  }
  overrides_->insertRow(overrides_->rowCount());  // a new attribute
  overrides_->setItem(overrides_->rowCount() - 1, 0, new QTableWidgetItem);
  overrides_->setItem(overrides_->rowCount() - 1, 1, new QTableWidgetItem);
  column->addWidget(overrides_, 1);
  auto* form = new QFormLayout;
  convertAs_ = new QLineEdit(page);
  convertAs_->setPlaceholderText(tr("its own op type"));
  convertAs_->setToolTip(
      tr("Convert the node as if it were this op (\"Relu\", "
         "\"com.microsoft::Gelu\"); \"unconverted\" keeps it unconverted"));
  if (current) convertAs_->setText(QString::fromStdString(current->converter));
  form->addRow(tr("Convert as:"), convertAs_);
  column->addLayout(form);
  tabs_->addTab(page, tr("Attribute Overrides"));
}

void FixDialog::loadExistingFix() {
  auto it = session_->project().fixes.find(nodeName_.toStdString());
  if (it == session_->project().fixes.end()) {
    // A template that fits is the verified way; else the API pick with the suggestions.
    const bool fits = templates_->count() > 0 && templates_->item(0)->font().bold();
    tabs_->setCurrentIndex(fits ? TemplatePage : ApiPage);
    return;
  }
  const convert::OpFix& fix = it->second;
  switch (fix.kind) {
    case convert::FixKind::Template:
      selectTemplate(QString::fromStdString(fix.templateName));
      break;
    case convert::FixKind::Api:
      selectApi(QString::fromStdString(fix.api.api));
      break;
    case convert::FixKind::Snippet:
      snippet_->setPlainText(QString::fromStdString(fix.snippet.code));
      snippetClass_->setText(QString::fromStdString(fix.snippet.className));
      tabs_->setCurrentIndex(SnippetPage);
      break;
  }
}

void FixDialog::fail(const QString& message) {
  error_->setText(message);
  error_->show();
}

bool FixDialog::applyFix() {
  error_->hide();
  const Node& node = source_->node(node_);
  const std::string name = node.name;
  std::optional<convert::OpFix> fix;
  QString kind;
  switch (tabs_->currentIndex()) {
    case ApiPage: {
      if (api_.isEmpty()) {
        fail(tr("Choose an API from the list."));
        return false;
      }
      convert::OpFix f;
      f.kind = convert::FixKind::Api;
      f.api.api = api_.toStdString();
      bool keywordSeen = false;
      for (int r = 0; r < apiArgs_->rowCount(); ++r) {
        const std::string param = apiArgs_->item(r, ArgName)->text().toStdString();
        const bool call = apiArgs_->item(r, ArgRole)->data(Qt::UserRole).toBool();
        const QString value = apiArgs_->item(r, ArgValue)->text().trimmed();
        if (value.isEmpty()) {
          keywordSeen = keywordSeen || call;
          continue;
        }
        auto input = inputPattern().match(value);
        if (input.hasMatch()) {
          if (!call || keywordSeen) {
            fail(tr("%1: a node input can only be a call parameter, and inputs come first "
                    "(in order, without gaps).")
                     .arg(QString::fromStdString(param)));
            return false;
          }
          f.api.inputs.push_back(input.captured(1).toInt());
          continue;
        }
        keywordSeen = keywordSeen || call;
        if (value.startsWith('@'))
          (call ? f.api.callFromAttributes : f.api.initFromAttributes)[param] =
              value.mid(1).toStdString();
        else
          (call ? f.api.callArgs : f.api.initArgs).set(param, parseLiteral(value));
      }
      fix = f;
      kind = tr("API %1").arg(api_);
      break;
    }
    case TemplatePage: {
      auto* item = templates_->currentItem();
      if (!item) {
        fail(tr("Choose a template."));
        return false;
      }
      convert::OpFix f;
      f.kind = convert::FixKind::Template;
      f.templateName = item->data(Qt::UserRole).toString().toStdString();
      fix = f;
      kind = tr("template %1").arg(item->data(Qt::UserRole).toString());
      break;
    }
    case SnippetPage: {
      convert::OpFix f;
      f.kind = convert::FixKind::Snippet;
      f.snippet.code = snippet_->toPlainText().toStdString();
      f.snippet.className = snippetClass_->text().trimmed().toStdString();
      fix = f;
      kind = tr("code snippet");
      break;
    }
    default:
      kind = tr("attribute overrides");
  }

  // Overrides: what differs from the node's own attributes.
  convert::NodeOverride override;
  override.converter = convertAs_->text().trimmed().toStdString();
  for (int r = 0; r < overrides_->rowCount(); ++r) {
    const QString attr = overrides_->item(r, 0)->text().trimmed();
    const QString value = overrides_->item(r, 1)->text().trimmed();
    if (attr.isEmpty()) continue;
    const Attribute* own = node.attrs.find(attr.toStdString());
    if (value.isEmpty()) {
      if (own) override.removeAttributes.push_back(attr.toStdString());
      continue;
    }
    if (own && QString::fromStdString(own->toString()) == value) continue;
    override.attributes.set(attr.toStdString(), parseLiteral(value));
  }
  const bool hasOverride = !override.converter.empty() || !override.attributes.empty() ||
                           !override.removeAttributes.empty();

  project::Project candidate = session_->project();
  if (fix) candidate.fixes[name] = *fix;
  if (hasOverride)
    candidate.overrides[name] = override;
  else
    candidate.overrides.erase(name);
  if (Status s = convert::validateFixes(*source_, project::convertOptions(candidate)); !s) {
    fail(QString::fromStdString(s.error().message));
    return false;
  }
  session_->edit(tr("Fix %1 by %2").arg(nodeName_, kind), MigrationSession::Conversion,
                 [name, fix, hasOverride, override](project::Project& p) {
                   if (fix) p.fixes[name] = *fix;
                   if (hasOverride)
                     p.overrides[name] = override;
                   else
                     p.overrides.erase(name);
                 });
  return true;
}

}  // namespace mb
