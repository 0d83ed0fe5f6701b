#include "batch/outputs/class_outputs.hpp"

#include <algorithm>
#include <sstream>

#include "batch/outputs/class_summary.hpp"
#include "batch/outputs/gradebook.hpp"
#include "batch/outputs/html_report.hpp"
#include "batch/store/atomic_file.hpp"
#include "i18n/messages.hpp"
#include "report/report_text.hpp"

namespace grader {

ClassGrades class_grades(const Course& course, const std::string& sandbox,
                         const std::vector<StoredResult>& results) {
  ClassGrades grades;
  grades.course = course.name;
  grades.sandbox = sandbox;
  for (const StoredResult& result : results) {
    grades.students.push_back(result.grade);
    grades.unstable.insert(grades.unstable.end(), result.unstable.begin(), result.unstable.end());
  }
  std::sort(grades.students.begin(), grades.students.end(),
            [](const StudentGrade& a, const StudentGrade& b) { return a.student < b.student; });
  return grades;
}

Course graded_course(const Course& course, const std::vector<std::string>& ids) {
  Course graded = course;
  if (ids.empty()) return graded;
  std::erase_if(graded.exercises, [&](const ExerciseSpec& exercise) {
    return std::find(ids.begin(), ids.end(), exercise.id) == ids.end();
  });
  return graded;
}

void write_class_outputs(const Course& course, const ClassGrades& grades,
                         const std::filesystem::path& out_dir, GradebookLayout layout,
                         const StudentIdentities& identities) {
  std::ostringstream gradebook, summary_json, summary_md, html;
  write_gradebook_csv(course, grades, gradebook, layout, identities);
  ClassSummary summary = summarize_class(course, grades);
  write_summary_json(summary, summary_json);
  write_summary_markdown(summary, summary_md);
  write_html_report(course, grades, html);
  write_file_atomically(out_dir / "gradebook.csv", gradebook.str());
  write_file_atomically(out_dir / "summary.json", summary_json.str());
  write_file_atomically(out_dir / "summary.md", summary_md.str());
  write_file_atomically(out_dir / "report.html", html.str());
}

std::string error_feedback(const std::string& student, const std::string& error) {
  std::string text = error;
  std::replace(text.begin(), text.end(), '`', '\'');  // cannot close the fence
  using ipclab::i18n::tr;
  return "# " + markdown_inline(student) + ": " + tr("not graded") + "\n\n" +
         tr("Your submission could not be graded:") + "\n\n```\n" + text + "\n```\n\n" +
         tr("Fix this and submit again; ask your instructor if it is unclear.") + "\n";
}

}  // namespace grader
