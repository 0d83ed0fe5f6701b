#include "model/outcome.hpp"

#include <array>
#include <utility>

namespace grader {
namespace {

constexpr std::array<std::pair<Outcome, const char*>, 8> kNames = {{
    {Outcome::passed, "passed"},
    {Outcome::failed, "failed"},
    {Outcome::timed_out, "timed_out"},
    {Outcome::crashed, "crashed"},
    {Outcome::output_limit, "output_limit"},
    {Outcome::build_failed, "build_failed"},
    {Outcome::not_run, "not_run"},
    {Outcome::unresolved, "unresolved"},
}};

}  // namespace

const char* to_string(Outcome outcome) {
  for (const auto& [value, name] : kNames) {
    if (value == outcome) return name;
  }
  return "unresolved";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace grader
