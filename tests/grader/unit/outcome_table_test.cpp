// The one table of outcome properties every writer reads.
#include <gtest/gtest.h>

#include "model/outcome.hpp"
#include "report/report_text.hpp"

namespace grader {
namespace {

TEST(OutcomeTable, HasOneRowPerOutcomeInTheEnumsOrder) {
  const auto& table = outcome_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(table[i].outcome), i) << table[i].name;
    EXPECT_EQ(&properties_of(table[i].outcome), &table[i]);
  }
  EXPECT_EQ(table.back().outcome, Outcome::unresolved);
  EXPECT_EQ(&properties_of(static_cast<Outcome>(99)), &table.back())
      << "an unknown value is unresolved: never pretend to know more";
}

TEST(OutcomeTable, KindsAreJUnitsFourAndOnlyFailuresEarnAHint) {
  for (const OutcomeProperties& row : outcome_table())
    EXPECT_EQ(row.earns_hint, row.kind == OutcomeKind::failure) << row.name;
  EXPECT_EQ(properties_of(Outcome::passed).kind, OutcomeKind::passed);
  for (Outcome o : {Outcome::failed, Outcome::timed_out, Outcome::crashed, Outcome::output_limit})
    EXPECT_EQ(properties_of(o).kind, OutcomeKind::failure) << to_string(o);
  EXPECT_EQ(properties_of(Outcome::build_failed).kind, OutcomeKind::not_run);
  EXPECT_EQ(properties_of(Outcome::not_run).kind, OutcomeKind::not_run);
  EXPECT_EQ(properties_of(Outcome::unresolved).kind, OutcomeKind::unresolved)
      << "never failed, never passed";
}

TEST(OutcomeTable, OnlyTestsThatRanHaveADuration) {
  for (const OutcomeProperties& row : outcome_table())
    EXPECT_EQ(row.ran, row.kind != OutcomeKind::not_run) << row.name;
}

TEST(OutcomeTable, ItsWordsAreTheWritersWords) {
  const OutcomeProperties& timed_out = properties_of(Outcome::timed_out);
  EXPECT_STREQ(timed_out.name, "timed_out");
  EXPECT_STREQ(timed_out.status, "TIMEOUT");
  EXPECT_STREQ(timed_out.counted, "timed out");
  EXPECT_STREQ(outcome_words(Outcome::timed_out), "timed out");
  EXPECT_STREQ(outcome_words(Outcome::output_limit), "over the output limit");
  EXPECT_STREQ(properties_of(Outcome::build_failed).status, "NOT BUILT");
  EXPECT_STREQ(properties_of(Outcome::crashed).icon, "💥");
}

}  // namespace
}  // namespace grader
