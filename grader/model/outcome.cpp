#include "model/outcome.hpp"

#include "i18n/messages.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr_later;
using ipclab::i18n::trc_later;
using Kind = OutcomeKind;

// The words are marked here and translated where they are shown: the status
// and the count with tr(), one test's outcome in its own context ("la prueba
// ... caída", apart from the counts of several, "2 caídos").
constexpr std::array<OutcomeProperties, 8> kTable = {{
    {Outcome::passed, "passed", Kind::passed, true, false, tr_later("PASS"), tr_later("passed"),
     trc_later("outcome", "passed"), "✅"},
    {Outcome::failed, "failed", Kind::failure, true, true, tr_later("FAIL"), tr_later("failed"),
     trc_later("outcome", "failed"), "❌"},
    {Outcome::timed_out, "timed_out", Kind::failure, true, true, tr_later("TIMEOUT"),
     tr_later("timed out"), trc_later("outcome", "timed out"), "⏱️"},
    {Outcome::crashed, "crashed", Kind::failure, true, true, tr_later("CRASH"), tr_later("crashed"),
     trc_later("outcome", "crashed"), "💥"},
    {Outcome::output_limit, "output_limit", Kind::failure, true, true, tr_later("OUTPUT"),
     tr_later("over the output limit"), trc_later("outcome", "over the output limit"), "📜"},
    {Outcome::build_failed, "build_failed", Kind::not_run, false, false, tr_later("NOT BUILT"),
     tr_later("not built"), trc_later("outcome", "not built"), "🚧"},
    {Outcome::not_run, "not_run", Kind::not_run, false, false, tr_later("NOT RUN"),
     tr_later("not run"), trc_later("outcome", "not run"), "⏭️"},
    {Outcome::unresolved, "unresolved", Kind::unresolved, true, false, tr_later("UNRESOLVED"),
     tr_later("unresolved"), trc_later("outcome", "unresolved"), "❓"},
}};

}  // namespace

const std::array<OutcomeProperties, 8>& outcome_table() {
  return kTable;
}

const OutcomeProperties& properties_of(Outcome outcome) {
  for (const OutcomeProperties& row : kTable) {
    if (row.outcome == outcome) return row;
  }
  return kTable.back();
}

const char* to_string(Outcome outcome) {
  return properties_of(outcome).name;
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (const OutcomeProperties& row : kTable) {
    if (text == row.name) return row.outcome;
  }
  return std::nullopt;
}

}  // namespace grader
