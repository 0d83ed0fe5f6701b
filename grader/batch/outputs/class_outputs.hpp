#pragma once
// The class-level outputs of a batch, written at the end from the stored
// results alone, so that a resumed batch (or a merge of shards) writes the
// same bytes as one uninterrupted run:
//   gradebook.csv, summary.json, summary.md, report.html

#include <filesystem>
#include <string>
#include <vector>

#include "batch/outputs/gradebook.hpp"
#include "batch/store/result_store.hpp"
#include "model/class_grades.hpp"
#include "model/course.hpp"

namespace grader {

/// The class from stored results (sorted by student), with their unstable tests.
ClassGrades class_grades(const Course& course, const std::string& sandbox,
                         const std::vector<StoredResult>& results);

/// `course` with only the exercises `ids` (all when empty): what the class
/// outputs show.
Course graded_course(const Course& course, const std::vector<std::string>& ids);

/// Writes the four files into `out_dir`, each atomically, the gradebook in
/// `layout` with the roster's `identities`. Throws GraderError.
void write_class_outputs(const Course& course, const ClassGrades& grades,
                         const std::filesystem::path& out_dir,
                         GradebookLayout layout = GradebookLayout::generic,
                         const StudentIdentities& identities = {});

/// feedback.md of a student who could not be graded.
std::string error_feedback(const std::string& student, const std::string& error);

}  // namespace grader
