// find_mutation_sites: libclang's C API walks the AST of one model answer.
// libclang 14 has no API for a binary operator's kind, so the operator is
// found as the token between its operands.
#include <fmt/format.h>

#include <algorithm>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "selftest/mutant_generator.hpp"

#ifdef IPCLAB_HAVE_LIBCLANG
#include <clang-c/Index.h>

#include <map>
#include <memory>
#include <optional>
#include <utility>
#endif

namespace grader {

#ifndef IPCLAB_HAVE_LIBCLANG

std::vector<MutationSite> find_mutation_sites(const std::filesystem::path&, const std::string&,
                                              const std::vector<std::string>&) {
  throw GraderError(missing_mutant_parser());
}

#else

namespace {

std::string text_of(CXString string) {
  const char* chars = clang_getCString(string);
  std::string text = chars == nullptr ? "" : chars;
  clang_disposeString(string);
  return text;
}

/// [begin, end) in the main file, or nullopt for text that is not all there
/// as written (a macro expansion, another file).
struct Span {
  unsigned begin = 0;
  unsigned end = 0;
};

struct Walk {
  CXTranslationUnit unit;
  const std::string& text;
  std::vector<MutationSite>& sites;
  std::vector<CXCursor> ancestors;  ///< the parents of the cursor visited, innermost last
};

std::optional<Span> span_of(const Walk& walk, CXSourceRange range) {
  CXFile begin_file, end_file;
  unsigned begin = 0, end = 0;
  clang_getSpellingLocation(clang_getRangeStart(range), &begin_file, nullptr, nullptr, &begin);
  clang_getSpellingLocation(clang_getRangeEnd(range), &end_file, nullptr, nullptr, &end);
  CXFile main =
      clang_getFile(walk.unit, text_of(clang_getTranslationUnitSpelling(walk.unit)).c_str());
  if (!clang_File_isEqual(begin_file, main) || !clang_File_isEqual(end_file, main)) return {};
  if (clang_Location_isFromMainFile(clang_getRangeStart(range)) == 0) return {};
  // A cursor that comes out of a macro has its spelling inside the macro's
  // definition; its expansion location differs then.
  unsigned expanded = 0;
  clang_getExpansionLocation(clang_getRangeStart(range), nullptr, nullptr, nullptr, &expanded);
  if (expanded != begin || end <= begin || end > walk.text.size()) return {};
  return Span{begin, end};
}

std::optional<Span> span_of(const Walk& walk, CXCursor cursor) {
  return span_of(walk, clang_getCursorExtent(cursor));
}

std::string text_at(const Walk& walk, Span span) {
  return walk.text.substr(span.begin, span.end - span.begin);
}

void add(Walk& walk, Span span, std::string replacement, const char* op) {
  walk.sites.push_back({span.begin, span.end - span.begin, std::move(replacement), op});
}

std::vector<CXCursor> children_of(CXCursor cursor) {
  std::vector<CXCursor> children;
  clang_visitChildren(
      cursor,
      [](CXCursor child, CXCursor, CXClientData data) {
        static_cast<std::vector<CXCursor>*>(data)->push_back(child);
        return CXChildVisit_Continue;
      },
      &children);
  return children;
}

/// The tokens of `span`: spelling and where each is.
std::vector<std::pair<std::string, Span> > tokens_in(const Walk& walk, CXSourceRange range) {
  CXToken* tokens = nullptr;
  unsigned count = 0;
  clang_tokenize(walk.unit, range, &tokens, &count);
  std::vector<std::pair<std::string, Span> > out;
  for (unsigned i = 0; i < count; ++i) {
    std::optional<Span> span = span_of(walk, clang_getTokenExtent(walk.unit, tokens[i]));
    if (span) out.emplace_back(text_of(clang_getTokenSpelling(walk.unit, tokens[i])), *span);
  }
  clang_disposeTokens(walk.unit, tokens, count);
  return out;
}

const std::map<std::string, std::string> kRelational{{"<", "<="}, {"<=", "<"},  {">", ">="},
                                                     {">=", ">"}, {"==", "!="}, {"!=", "=="}};

/// A comparison: the operator token between the two operands becomes its
/// boundary twin. `operands` are the left and right operand cursors.
void mutate_comparison(Walk& walk, CXCursor whole, CXCursor left, CXCursor right) {
  std::optional<Span> lhs = span_of(walk, left), rhs = span_of(walk, right);
  if (!lhs || !rhs) return;
  for (const auto& [spelling, span] : tokens_in(walk, clang_getCursorExtent(whole))) {
    if (span.begin < lhs->end || span.end > rhs->begin) continue;
    auto twin = kRelational.find(spelling);
    if (twin != kRelational.end()) add(walk, span, twin->second, "relational");
    return;  // the first token between the operands is the operator
  }
}

bool is_duration(CXType type) {
  std::string name = text_of(clang_getTypeSpelling(clang_getCanonicalType(type)));
  if (name.starts_with("const ")) name = name.substr(6);
  return name.starts_with("std::chrono::duration<");
}

/// True when the literal being visited makes a duration (a timeout, a delay).
bool in_duration(const Walk& walk) {
  std::size_t depth = 0;
  for (auto it = walk.ancestors.rbegin(); it != walk.ancestors.rend() && depth < 3; ++it, ++depth) {
    if (is_duration(clang_getCursorType(*it))) return true;
  }
  return false;
}

void mutate_literal(Walk& walk, CXCursor cursor) {
  std::optional<Span> span = span_of(walk, cursor);
  if (!span) return;
  std::string literal = text_at(walk, *span);
  if (literal.empty() || !std::isdigit(static_cast<unsigned char>(literal[0]))) return;
  if (in_duration(walk)) {
    if (literal != "0") add(walk, *span, "0", "timeout");
    add(walk, *span, "-1", "timeout");
    return;
  }
  add(walk, *span, "(" + literal + " + 1)", "constant");
  add(walk, *span, "(" + literal + " - 1)", "constant");
}

/// True when `cursor` names a variable, a parameter or a member.
bool names_variable(CXCursor cursor) {
  CXCursorKind kind = clang_getCursorKind(clang_getCursorReferenced(cursor));
  return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl || kind == CXCursor_FieldDecl;
}

/// A duration read from a variable (`timeout`) or an optional (`*timeout`):
/// zero, and negated.
void mutate_duration(Walk& walk, CXCursor cursor) {
  std::optional<Span> span = span_of(walk, cursor);
  if (!span || !is_duration(clang_getCursorType(cursor))) return;
  std::string name = text_at(walk, *span);
  add(walk, *span, "(" + name + " * 0)", "timeout");
  add(walk, *span, "(-" + name + ")", "timeout");
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

void mutate_call(Walk& walk, CXCursor cursor) {
  const std::string name = text_of(clang_getCursorSpelling(cursor));
  if (name == "operator*" && clang_Cursor_getNumArguments(cursor) == 1) {
    mutate_duration(walk, cursor);
    return;
  }
  if (starts_with(name, "operator") && clang_Cursor_getNumArguments(cursor) == 2) {
    if (kRelational.contains(name.substr(8)))
      mutate_comparison(walk, cursor, clang_Cursor_getArgument(cursor, 0),
                        clang_Cursor_getArgument(cursor, 1));
    return;
  }
  std::optional<Span> span = span_of(walk, cursor);
  if (!span) return;
  if (name == "size" && clang_Cursor_getNumArguments(cursor) == 0) {
    add(walk, *span, "(" + text_at(walk, *span) + " + 1)", "size");
    add(walk, *span, "(" + text_at(walk, *span) + " - 1)", "size");
  }
  if (name != "notify_all") return;
  for (const auto& [spelling, token] : tokens_in(walk, clang_getCursorExtent(cursor))) {
    if (spelling == "notify_all") add(walk, token, "notify_one", "notify_one");
  }
}

/// The call a statement consists of (through the implicit wrappers libclang
/// shows as unexposed expressions), or a null cursor.
CXCursor statement_call(CXCursor statement) {
  CXCursor cursor = statement;
  while (clang_getCursorKind(cursor) == CXCursor_UnexposedExpr) {
    std::vector<CXCursor> inner = children_of(cursor);
    if (inner.size() != 1) return clang_getNullCursor();
    cursor = inner.front();
  }
  if (clang_getCursorKind(cursor) != CXCursor_CallExpr) return clang_getNullCursor();
  return cursor;
}

/// The statement `span` with its semicolon, when one follows it.
std::optional<Span> with_semicolon(const Walk& walk, Span span) {
  std::size_t at = walk.text.find_first_not_of(" \t\n", span.end);
  if (at == std::string::npos || walk.text[at] != ';') return {};
  return Span{span.begin, static_cast<unsigned>(at + 1)};
}

bool is_lock_declaration(CXCursor statement) {
  if (clang_getCursorKind(statement) != CXCursor_DeclStmt) return false;
  for (CXCursor variable : children_of(statement)) {
    std::string type = text_of(clang_getTypeSpelling(clang_getCursorType(variable)));
    for (const char* guard : {"lock_guard", "unique_lock", "scoped_lock", "sharable_lock"}) {
      if (type.find(guard) != std::string::npos) return true;
    }
  }
  return false;
}

/// Deleting the statements of a block (or the single statement of an if,
/// while or for) that are one call, or that declare a lock guard.
void mutate_statements(Walk& walk, CXCursor block) {
  const bool in_block = clang_getCursorKind(block) == CXCursor_CompoundStmt;
  for (CXCursor statement : children_of(block)) {
    std::optional<Span> span = span_of(walk, statement);
    if (!span) continue;
    if (is_lock_declaration(statement)) {
      if (in_block) add(walk, *span, "", "delete_lock");  // a DeclStmt spans its semicolon
      continue;
    }
    CXCursor call = statement_call(statement);
    if (clang_Cursor_isNull(call)) continue;
    std::string name = text_of(clang_getCursorSpelling(call));
    std::optional<Span> whole = with_semicolon(walk, *span);
    if (!whole || name.empty() || starts_with(name, "operator")) continue;
    add(walk, *whole, in_block ? "" : ";", "delete_call");
  }
}

bool mentions_call_or_errno(const Walk& walk, CXCursor condition) {
  for (const auto& [spelling, span] : tokens_in(walk, clang_getCursorExtent(condition))) {
    if (spelling == "errno" || spelling == "(") return true;
  }
  return false;
}

/// if/while: the condition negated; an if without else testing a call's
/// result or errno: the check dropped.
void mutate_condition(Walk& walk, CXCursor statement) {
  std::vector<CXCursor> children = children_of(statement);
  auto condition = std::find_if(children.begin(), children.end(), [](CXCursor c) {
    return clang_isExpression(clang_getCursorKind(c));
  });
  if (condition == children.end()) return;
  std::optional<Span> span = span_of(walk, *condition);
  if (!span) return;
  add(walk, *span, "!(" + text_at(walk, *span) + ")", "negate");
  const bool has_else = children.end() - condition > 2;
  if (clang_getCursorKind(statement) == CXCursor_IfStmt && !has_else &&
      mentions_call_or_errno(walk, *condition))
    add(walk, *span, "false", "drop_check");
}

void mutate_clocks(Walk& walk) {
  CXCursor root = clang_getTranslationUnitCursor(walk.unit);
  for (const auto& [spelling, span] : tokens_in(walk, clang_getCursorExtent(root))) {
    if (spelling == "steady_clock") add(walk, span, "system_clock", "clock");
    if (spelling == "system_clock") add(walk, span, "steady_clock", "clock");
  }
}

void visit(Walk& walk, CXCursor cursor);

void mutate(Walk& walk, CXCursor cursor) {
  switch (clang_getCursorKind(cursor)) {
    case CXCursor_BinaryOperator: {
      std::vector<CXCursor> operands = children_of(cursor);
      if (operands.size() == 2) mutate_comparison(walk, cursor, operands[0], operands[1]);
      break;
    }
    case CXCursor_IntegerLiteral:
      mutate_literal(walk, cursor);
      break;
    case CXCursor_DeclRefExpr:
      if (names_variable(cursor)) mutate_duration(walk, cursor);
      break;
    case CXCursor_CallExpr:
      mutate_call(walk, cursor);
      break;
    case CXCursor_CompoundStmt:
      mutate_statements(walk, cursor);
      break;
    case CXCursor_IfStmt:
    case CXCursor_WhileStmt:
      mutate_condition(walk, cursor);
      break;
    default:
      break;
  }
}

void visit(Walk& walk, CXCursor cursor) {
  // Only what the student writes: the provided headers, Boost and the
  // standard library are parsed for types, never mutated.
  if (clang_Location_isFromMainFile(clang_getCursorLocation(cursor)) == 0) return;
  mutate(walk, cursor);
  walk.ancestors.push_back(cursor);
  for (CXCursor child : children_of(cursor))
    visit(walk, child);
  walk.ancestors.pop_back();
}

/// The first error of `unit`, or "" when it compiled.
std::string first_error(CXTranslationUnit unit) {
  for (unsigned i = 0; i < clang_getNumDiagnostics(unit); ++i) {
    std::unique_ptr<void, void (*)(CXDiagnostic)> diagnostic(clang_getDiagnostic(unit, i),
                                                             clang_disposeDiagnostic);
    if (clang_getDiagnosticSeverity(diagnostic.get()) < CXDiagnostic_Error) continue;
    return text_of(
        clang_formatDiagnostic(diagnostic.get(), clang_defaultDiagnosticDisplayOptions()));
  }
  return "";
}

}  // namespace

std::vector<MutationSite> find_mutation_sites(const std::filesystem::path& path,
                                              const std::string& text,
                                              const std::vector<std::string>& arguments) {
  std::unique_ptr<void, void (*)(CXIndex)> index(clang_createIndex(0, 0), clang_disposeIndex);
  std::vector<const char*> args;
  for (const std::string& argument : arguments)
    args.push_back(argument.c_str());
  const std::string name = path.string();
  CXUnsavedFile unsaved{name.c_str(), text.c_str(), static_cast<unsigned long>(text.size())};
  CXTranslationUnit unit = nullptr;
  CXErrorCode code = clang_parseTranslationUnit2(index.get(), name.c_str(), args.data(),
                                                 static_cast<int>(args.size()), &unsaved, 1,
                                                 CXTranslationUnit_None, &unit);
  if (code != CXError_Success) {
    throw GraderError(
        fmt::format(fmt::runtime(ipclab::i18n::tr("libclang cannot parse {}")), name));
  }
  std::unique_ptr<CXTranslationUnitImpl, void (*)(CXTranslationUnit)> owned(
      unit, clang_disposeTranslationUnit);
  if (std::string error = first_error(unit); !error.empty())
    throw GraderError(fmt::format(
        fmt::runtime(ipclab::i18n::tr("cannot make mutants: the model answer does not parse: {}")),
        error));
  std::vector<MutationSite> sites;
  Walk walk{unit, text, sites, {}};
  for (CXCursor child : children_of(clang_getTranslationUnitCursor(unit)))
    visit(walk, child);
  mutate_clocks(walk);
  std::stable_sort(sites.begin(), sites.end(), [](const MutationSite& a, const MutationSite& b) {
    return a.offset < b.offset;
  });
  return sites;
}

#endif

}  // namespace grader
