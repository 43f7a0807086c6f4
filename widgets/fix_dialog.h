// Fix… for one source node the converter could not convert: (a) pick a MindSpore 2.7 API from the
// searchable catalogue and map the node's inputs and attributes onto its parameters in a form,
// (b) replace the node by a template (a composition of supported ops the diff then verifies), or
// (c) write a Cell snippet (emitted as written, unverified); plus per-node attribute overrides.
// OK checks the fix against the model (errors stay in the dialog) and makes it one undoable
// project edit (MigrationSession::Conversion), which re-converts.
#pragma once

#include <QDialog>
#include <memory>

#include "ir/graph.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;

namespace mb {

class MigrationSession;

class FixDialog : public QDialog {
  Q_OBJECT
 public:
  enum Page { ApiPage, TemplatePage, SnippetPage, OverridePage };

  FixDialog(MigrationSession* session, std::shared_ptr<const Graph> source, NodeId node,
            const std::vector<std::string>& suggestions, QWidget* parent = nullptr);

  QTabWidget* tabs() const { return tabs_; }
  QLineEdit* apiSearch() const { return apiSearch_; }
  QListWidget* apiList() const { return apiList_; }
  QTableWidget* apiArguments() const { return apiArgs_; }
  QListWidget* templateList() const { return templates_; }
  QPlainTextEdit* snippetEdit() const { return snippet_; }
  QTableWidget* overrideTable() const { return overrides_; }
  QLabel* errorLabel() const { return error_; }

  // Selects a catalogue API (fills the argument form) / a template; false when unknown.
  bool selectApi(const QString& path);
  bool selectTemplate(const QString& name);
  // Sets the value of an API argument row ("input 0", "@alpha", a Python literal, "" = default).
  bool setApiArgument(const QString& parameter, const QString& value);
  // What OK does: builds the fix of the current page (and the overrides), checks it against the
  // model and applies it as one project edit. On a problem the error stays in the dialog.
  bool applyFix();

 private:
  void buildApiPage();
  void buildTemplatePage();
  void buildSnippetPage();
  void buildOverridePage();
  void searchApis(const QString& text);
  void showApi(const QString& path);
  void loadExistingFix();
  void fail(const QString& message);

  MigrationSession* session_;
  std::shared_ptr<const Graph> source_;
  NodeId node_;
  std::vector<std::string> suggestions_;
  QString nodeName_;
  QTabWidget* tabs_;
  QLineEdit* apiSearch_;
  QListWidget* apiList_;
  QLabel* apiSignature_;
  QTableWidget* apiArgs_;
  QString api_;  // the API the form is for
  QListWidget* templates_;
  QLabel* templateFormula_;
  QPlainTextEdit* snippet_;
  QLineEdit* snippetClass_;
  QTableWidget* overrides_;
  QLineEdit* convertAs_;
  QLabel* error_;
};

}  // namespace mb
