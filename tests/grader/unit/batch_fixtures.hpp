#pragma once
// What the batch unit tests share: a small course, a scratch folder, and
// archives built with libarchive's writer (so every hostile shape is made on
// the spot, never checked in).

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "model/course.hpp"

namespace grader::testing {

/// pipe_ping_pong with its two student files, and one more exercise.
inline Course batch_course() {
  Course course;
  course.root = "/course";
  course.name = "IPC Lab";
  ExerciseSpec pipe;
  pipe.id = "pipe_ping_pong";
  pipe.title = "Pipe ping-pong";
  pipe.student_files = {"connection.cpp", "ping_pong.cpp"};
  pipe.build_points = 1;
  for (const char* id : {"wire_format", "dont_merge", "ping_pong_game", "echo_latency"}) {
    TestSpec test;
    test.id = id;
    test.points = 2;
    pipe.tests.push_back(test);
  }
  pipe.tests[2].trials = 3;
  ExerciseSpec counter;
  counter.id = "counter";
  counter.title = "Counter";
  counter.student_files = {"counter.cpp"};
  counter.build_points = 1;
  TestSpec alone;
  alone.id = "increments";
  alone.points = 3;
  counter.tests.push_back(alone);
  course.exercises = {pipe, counter};
  return course;
}

/// A fresh folder for the current test, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("grader_batch_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& relative, const std::string& text) const {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

struct ArchiveEntry {
  enum class Kind { file, folder, symlink, hardlink, fifo };
  std::string path;
  std::string contents;  ///< the data, or the link target
  Kind kind = Kind::file;
  long long declared_size = -1;  ///< what the header says; -1: the real size
};

enum class ArchiveFormat { zip, tar_gz };

/// Writes `entries` into a new archive at `path`.
inline void write_archive(const std::filesystem::path& path, ArchiveFormat format,
                          const std::vector<ArchiveEntry>& entries) {
  archive* out = archive_write_new();
  if (format == ArchiveFormat::zip) {
    archive_write_set_format_zip(out);
  } else {
    archive_write_set_format_pax_restricted(out);
    archive_write_add_filter_gzip(out);
  }
  ASSERT_EQ(archive_write_open_filename(out, path.c_str()), ARCHIVE_OK);
  for (const ArchiveEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    archive_entry_set_perm(entry, 0644);
    switch (e.kind) {
      case ArchiveEntry::Kind::file:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_size(entry, e.declared_size >= 0
                                          ? e.declared_size
                                          : static_cast<long long>(e.contents.size()));
        break;
      case ArchiveEntry::Kind::folder:
        archive_entry_set_filetype(entry, AE_IFDIR);
        break;
      case ArchiveEntry::Kind::symlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_symlink(entry, e.contents.c_str());
        break;
      case ArchiveEntry::Kind::hardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_hardlink(entry, e.contents.c_str());
        break;
      case ArchiveEntry::Kind::fifo:
        archive_entry_set_filetype(entry, AE_IFIFO);
        break;
    }
    archive_write_header(out, entry);
    if (e.kind == ArchiveEntry::Kind::file && !e.contents.empty()) {
      archive_write_data(out, e.contents.data(), e.contents.size());
    }
    archive_entry_free(entry);
  }
  archive_write_close(out);
  archive_write_free(out);
}

}  // namespace grader::testing
