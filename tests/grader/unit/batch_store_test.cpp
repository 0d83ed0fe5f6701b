// The digest of student files, and the result store a batch resumes from.
#include <gtest/gtest.h>

#include "batch/batch_run.hpp"
#include "batch/intake/overlay.hpp"
#include "batch/store/atomic_file.hpp"
#include "batch/store/files_digest.hpp"
#include "batch/store/result_store.hpp"
#include "batch_fixtures.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

TEST(BatchDigest, IsTheSha256OfTheBytes) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(BatchDigest, ChangesWithNamesAndContents) {
  StudentFiles files = {{"a/x.cpp", "int x;"}, {"a/y.cpp", ""}};
  const std::string digest = files_digest(files);
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(files_digest(files), digest) << "deterministic";
  EXPECT_NE(files_digest({{"a/x.cpp", "int x; "}, {"a/y.cpp", ""}}), digest) << "edited";
  EXPECT_NE(files_digest({{"a/z.cpp", "int x;"}, {"a/y.cpp", ""}}), digest) << "renamed";
  EXPECT_NE(files_digest({{"a/x.cpp", "int x;"}}), digest) << "removed";
  EXPECT_NE(files_digest({{"a/x.cpp", "int x;a/y.cpp"}}), digest) << "framing";
  EXPECT_EQ(files_digest({}), "");
}

StoredResult sample(const std::string& student, bool graded) {
  StoredResult result;
  result.grade.student = student;
  result.grade.files_digest = "d1";
  result.grading = "course=x";
  if (graded) {
    GradeReport report;
    report.course = "IPC Lab";
    report.submission = student;
    report.score = 7;
    report.max_score = 9;
    ExerciseGrade exercise;
    exercise.id = "pipe_ping_pong";
    exercise.score = 7;
    exercise.max_score = 9;
    exercise.tests.push_back({"wire_format", Visibility::visible, Outcome::passed, 7, 7});
    report.exercises.push_back(exercise);
    result.grade.report = report;
  } else {
    result.grade.error = "alice.zip: entry '../x' leaves the archive (..)";
  }
  result.unstable.push_back({student, "pipe_ping_pong", "wire_format", "failed", "passed"});
  return result;
}

TEST(BatchDigest, OfTheKitsProgramsChangesWithAnyOfThem) {
  ScratchDir dir;
  const fs::path harness = dir.write("kit/x_harness", std::string(3 << 20, 'h'));  // > one chunk
  const fs::path reference = dir.write("kit/x_reference", "ref");
  const std::string digest = programs_digest({harness, reference});
  EXPECT_EQ(programs_digest({harness, reference}), digest) << "deterministic";
  EXPECT_NE(programs_digest({reference, harness}), digest) << "order";
  dir.write("kit/x_reference", "ref, fixed");
  EXPECT_NE(programs_digest({harness, reference}), digest) << "a reference fixed since";
  const std::string fixed = programs_digest({harness, reference});
  dir.write("kit/x_harness", std::string(3 << 20, 'h') + "!");
  EXPECT_NE(programs_digest({harness, reference}), fixed) << "a harness fixed since";
  dir.write("kit/empty", "");
  EXPECT_NE(programs_digest({dir.path() / "kit/empty"}), programs_digest({dir.path() / "kit/gone"}))
      << "a missing program is not an empty one";
}

TEST(BatchGradingKey, NamesTheKit) {
  Selection selection{{"pipe"}, {"wire*"}, true};
  EXPECT_EQ(grading_key("course", selection, "k1"), grading_key("course", selection, "k1"));
  EXPECT_NE(grading_key("course", selection, "k1"), grading_key("course", selection, "k2"));
}

TEST(BatchResultStore, RoundTripsAResult) {
  ScratchDir dir;
  ResultStore store(dir.path());
  store.save(sample("alice", true), "# feedback\n");
  std::optional<StoredResult> back = store.load("alice");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(record_json(*back), record_json(sample("alice", true)));
  EXPECT_TRUE(fs::exists(dir.path() / "students/alice/grade.json"));
  EXPECT_EQ(read_file_if_present(dir.path() / "students/alice/feedback.md"), "# feedback\n");
  EXPECT_EQ(back->unstable.size(), 1u);
}

TEST(BatchResultStore, AnErrorRowReplacesAnEarlierGrade) {
  ScratchDir dir;
  ResultStore store(dir.path());
  store.save(sample("alice", true), "");
  store.save(sample("alice", false), "");
  EXPECT_FALSE(fs::exists(dir.path() / "students/alice/grade.json"));
  EXPECT_EQ(store.load("alice")->grade.error, "alice.zip: entry '../x' leaves the archive (..)");
}

TEST(BatchResultStore, WithoutItsRecordAResultIsNotThere) {
  ScratchDir dir;
  ResultStore store(dir.path());
  // A grading killed after grade.json but before record.json.
  dir.write("students/bob/grade.json", "{}");
  EXPECT_FALSE(store.load("bob").has_value());
  dir.write("students/carol/record.json", "{\"schema\": \"ipclab.batch-student/1\", \"stu");
  EXPECT_FALSE(store.load("carol").has_value()) << "a torn record is graded again";
}

TEST(BatchResultStore, WritesAtomicallyAndLeavesNoTemporaryFiles) {
  ScratchDir dir;
  write_file_atomically(dir.path() / "a/b.txt", "one");
  write_file_atomically(dir.path() / "a/b.txt", "two");
  EXPECT_EQ(read_file_if_present(dir.path() / "a/b.txt"), "two");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path() / "a"))
    ++entries;
  EXPECT_EQ(entries, 1);
  EXPECT_THROW(write_file_atomically("/proc/nope/x", "z"), GraderError);
}

TEST(BatchResultStore, LoadsEveryResultSortedByStudent) {
  ScratchDir dir;
  ResultStore store(dir.path());
  store.save(sample("zoe", true), "");
  store.save(sample("adam", false), "");
  dir.write("students/unfinished/grade.json", "{}");
  std::vector<StoredResult> all = store.load_all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].grade.student, "adam");
  EXPECT_EQ(all[1].grade.student, "zoe");
}

TEST(BatchOverlay, StagesExactlyTheStudentFiles) {
  ScratchDir dir;
  stage_student_files({{"p/a.cpp", "1"}, {"p/b.cpp", "2"}}, dir.path());
  auto before = fs::last_write_time(dir.path() / "p/a.cpp");
  stage_student_files({{"p/a.cpp", "1"}}, dir.path());
  EXPECT_EQ(fs::last_write_time(dir.path() / "p/a.cpp"), before) << "unchanged: not rewritten";
  EXPECT_FALSE(fs::exists(dir.path() / "p/b.cpp")) << "a file no longer submitted is removed";
}

}  // namespace
}  // namespace grader
