#pragma once
// What a GitHub Actions job offers a step: $GITHUB_ACTIONS, and the files a
// step appends to ($GITHUB_STEP_SUMMARY for Markdown, $GITHUB_OUTPUT for
// name=value outputs). Read once, passed around as a value.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace grader {

struct GithubEnvironment {
  bool actions = false;  ///< $GITHUB_ACTIONS is "true": stdout is parsed for workflow commands
  std::optional<std::filesystem::path> step_summary;
  std::optional<std::filesystem::path> output;
};

/// From the environment; `getenv` is a parameter so tests can give their own.
GithubEnvironment github_environment(const std::function<const char*(const char*)>& getenv =
                                         [](const char* name) { return std::getenv(name); });

/// Appends `text` to `file`. Throws GraderError naming the file.
void append_to_file(const std::filesystem::path& file, const std::string& text);

/// A token that nobody can guess before the run (for ::stop-commands::).
std::string unguessable_token();

/// Everything written between the two is never read as a workflow command,
/// whatever it contains: `::stop-commands::TOKEN` ... `::TOKEN::`.
std::string stop_commands(const std::string& token);
std::string resume_commands(const std::string& token);

/// `text` escaped as the message of a workflow command (% \r \n).
std::string escape_command_data(const std::string& text);
/// `text` escaped as a property of a workflow command (also : and ,).
std::string escape_command_property(const std::string& text);

}  // namespace grader
