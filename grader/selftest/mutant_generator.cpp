#include "selftest/mutant_generator.hpp"

#include "config/edit_reader.hpp"
#include "i18n/messages.hpp"

namespace grader {

bool mutant_parser_available() {
#ifdef IPCLAB_HAVE_LIBCLANG
  return true;
#else
  return false;
#endif
}

std::string missing_mutant_parser() {
  return ipclab::i18n::tr(
      "grader selftest --mutants needs libclang, which this grader was built without: install "
      "it (apt-get install -y libclang-dev, or ./lab test) and rebuild the grader");
}

std::vector<Mutant> generate_mutants(const Course& course, const ExerciseSpec& exercise) {
  const std::filesystem::path model = course.root / "solutions" / exercise.id;
  // The flags the exercise's CMake build gives the student files: its
  // provided headers and the support library's (Boost is a system header).
  const std::vector<std::string> arguments{
      "-x", "c++", "-std=c++20", "-I" + (course.root / exercise.folder()).string(),
      "-I" + (course.root / "exercises" / "common" / "include").string()};
  const SourceFiles files = read_source_files(model, exercise.student_files);
  std::vector<Mutant> mutants;
  for (const std::string& file : exercise.student_files) {
    const std::string& text = files.at(file);
    for (const MutationSite& site : find_mutation_sites(model / file, text, arguments))
      mutants.push_back(make_mutant(exercise.id, file, text, site));
  }
  return without_duplicates(mutants, files);
}

}  // namespace grader
