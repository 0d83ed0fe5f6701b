#include "cli/usage_errors.hpp"

#include <fmt/format.h>

#include <iostream>
#include <regex>

#include "config/suggest.hpp"
#include "i18n/messages.hpp"
#include "model/exit_code.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;
using Kind = UsageProblem::Kind;

namespace {

/// The subcommands `app` parsed, outermost first ("check" for `grader check`).
std::vector<const CLI::App*> parsed_chain(const CLI::App& app) {
  std::vector<const CLI::App*> chain{&app};
  while (!chain.back()->get_subcommands().empty())
    chain.push_back(chain.back()->get_subcommands().front());
  return chain;
}

std::string command_of(const std::vector<const CLI::App*>& chain) {
  std::string command = "grader";
  for (std::size_t i = 1; i < chain.size(); ++i)
    command += " " + chain[i]->get_name();
  return command;
}

/// The options (`--name` and `-n`) named in CLI11's `text`, in order.
std::vector<std::string> options_in(const std::string& text) {
  static const std::regex option("(^|[\\s:=])(--?[A-Za-z0-9][A-Za-z0-9_-]*)");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), option);
       it != std::sregex_iterator(); ++it)
    found.push_back((*it)[2].str());
  return found;
}

/// The option names every app of `chain` knows: what a misspelt option may mean.
std::vector<std::string> known_options(const std::vector<const CLI::App*>& chain) {
  std::vector<std::string> names;
  for (const CLI::App* app : chain) {
    for (const CLI::Option* option : app->get_options()) {
      for (const std::string& name : option->get_lnames())
        names.push_back("--" + name);
    }
  }
  return names;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(command->get_name());
  return names;
}

/// The first argument nobody took: an unknown option, command or argument.
UsageProblem extra(const std::vector<const CLI::App*>& chain, const CLI::ParseError& error) {
  const std::vector<std::string> extras = chain.front()->remaining(true);
  if (extras.empty()) return {Kind::other, "", error.what(), "", ""};
  const std::string& first = extras.front();
  if (first.rfind("-", 0) == 0) {
    std::string option = first.substr(0, first.find('='));
    return {Kind::unknown_option, option, "",
            closest_match(option, known_options(chain)).value_or(""), ""};
  }
  if (chain.size() == 1) {
    return {Kind::unknown_command, first, "",
            closest_match(first, command_names(*chain.front())).value_or(""), ""};
  }
  return {Kind::unknown_argument, first, "", "", ""};
}

/// The value given to `name` in the innermost app of `chain` that has it.
std::string value_of(const std::vector<const CLI::App*>& chain, const std::string& name,
                     const std::string& text) {
  for (auto app = chain.rbegin(); app != chain.rend(); ++app) {
    const CLI::Option* option = (*app)->get_option_no_throw(name);
    if (option != nullptr && !option->results().empty()) return option->results().back();
  }
  std::size_t equals = text.rfind(" = ");  // ConversionError: "Could not convert: --x = v"
  return equals == std::string::npos ? "" : text.substr(equals + 3);
}

/// A required option or positional ("--out is required", "out is required").
UsageProblem missing(const std::vector<const CLI::App*>& chain, const std::string& text) {
  if (text.find("subcommand") != std::string::npos && chain.size() == 1)
    return {Kind::no_command, "", "", "", ""};
  std::size_t end = text.find(" is required");
  return {Kind::missing, text.substr(0, end), "", "", ""};
}

UsageProblem problem_of(const std::vector<const CLI::App*>& chain, const CLI::ParseError& error) {
  const std::string text = error.what();
  const std::vector<std::string> options = options_in(text);
  const std::string first = options.empty() ? "" : options.front();
  const std::string second = options.size() > 1 ? options[1] : "";
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) return extra(chain, error);
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    // `grader chek`: no command, because the word given is none.
    if (chain.size() == 1 && !chain.front()->remaining(true).empty()) return extra(chain, error);
    return missing(chain, text);
  }
  const bool value_error = dynamic_cast<const CLI::ValidationError*>(&error) != nullptr ||
                           dynamic_cast<const CLI::ConversionError*>(&error) != nullptr;
  if (value_error && !first.empty())
    return {Kind::bad_value, first, value_of(chain, first, text), "", ""};
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr && !first.empty())
    return {Kind::wrong_count, first, "", "", ""};
  if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr && !second.empty())
    return {Kind::needs, first, second, "", ""};
  if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr && !second.empty())
    return {Kind::excludes, first, second, "", ""};
  return {Kind::other, "", text, "", ""};
}

/// What was wrong, without the advice: {0} the subject, {1} the value.
const char* wording(const UsageProblem& problem) {
  static constexpr const char* kWordings[] = {
      tr_later("unknown option {0}"),
      tr_later("unexpected argument '{0}'"),
      tr_later("unknown command '{0}'"),
      tr_later("no command given"),
      tr_later("{0} is required"),
      tr_later("wrong number of values for {0}"),
      tr_later("invalid value '{1}' for {0}"),
      tr_later("{0} needs {1} as well"),
      tr_later("{0} and {1} cannot be used together"),
      tr_later("the command line is not valid ({1})"),
  };
  if (problem.kind == Kind::bad_value && problem.value.empty())
    return tr_later("invalid value for {0}");
  return kWordings[static_cast<int>(problem.kind)];
}

}  // namespace

void translate_cli11(CLI::App& app) {
  app.option_defaults()->group(tr("Options"));
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
  app.group(tr("Subcommands"));  // the heading its subcommands inherit
  const std::shared_ptr<CLI::FormatterBase> formatter = app.get_formatter();
  formatter->label("Usage", tr("Usage"));
  formatter->label("OPTIONS", tr("OPTIONS"));
  formatter->label("SUBCOMMAND", tr("SUBCOMMAND"));
  formatter->label("SUBCOMMANDS", tr("SUBCOMMANDS"));
  formatter->label("Positionals", tr("Positionals"));
  formatter->label("REQUIRED", tr("REQUIRED"));
  formatter->label("Needs", tr("Needs"));
  formatter->label("Excludes", tr("Excludes"));
  formatter->label("Env", tr("Env"));
}

void translate_help_flags(CLI::App& app) {
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    if (CLI::Option* help = command->get_help_ptr(); help != nullptr) help->group(tr("Options"));
    translate_help_flags(*command);
  }
}

UsageProblem usage_problem(const CLI::App& app, const CLI::ParseError& error) {
  const std::vector<const CLI::App*> chain = parsed_chain(app);
  UsageProblem problem = problem_of(chain, error);
  problem.command = command_of(chain);
  return problem;
}

std::string usage_message(const UsageProblem& problem) {
  std::string message = "grader: error: " + fmt::format(fmt::runtime(tr(wording(problem))),
                                                        problem.subject, problem.value);
  if (!problem.suggestion.empty())
    message += fmt::format(fmt::runtime(tr(" (did you mean {}?)")), problem.suggestion);
  const std::string help = problem.command + " --help";
  return message + fmt::format(fmt::runtime(tr("; see `{}`")), help);
}

int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
  std::cerr << usage_message(usage_problem(app, error)) << "\n";
  return kUsageError;
}

}  // namespace grader::cli
