#include "batch/intake/archive_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "i18n/messages.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

namespace fs = std::filesystem;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Reads one archive; every failure is an IntakeError naming it.
class ArchiveScan {
 public:
  ArchiveScan(const fs::path& path, const Course& course, const IntakeLimits& limits)
      : path_(path),
        course_(course),
        limits_(limits),
        archive_(archive_read_new(), &archive_read_free) {}

  SubmissionTree run() {
    open();
    archive_entry* entry = nullptr;
    for (;;) {
      int status = archive_read_next_header(archive_.get(), &entry);
      if (status == ARCHIVE_EOF) break;
      if (status < ARCHIVE_WARN)
        fail(fmt::format(fmt::runtime(tr("not a readable archive ({}): repack it")), error()));
      take(entry);
    }
    return std::move(tree_);
  }

 private:
  void open() {
    if (!archive_) fail(tr("libarchive could not start"));
    // Only the formats we document: a .rar or a bzip2 bomb is never tried.
    archive_read_support_format_zip(archive_.get());
    archive_read_support_format_tar(archive_.get());
    archive_read_support_filter_gzip(archive_.get());
    if (archive_read_open_filename(archive_.get(), path_.c_str(), 64 * 1024) != ARCHIVE_OK) {
      fail(fmt::format("not a readable archive ({}): repack it", error()));
    }
  }

  void take(archive_entry* entry) {
    const char* raw = archive_entry_pathname(entry);
    std::string name = raw != nullptr ? raw : "";
    check_path(name);
    if (++entries_ > limits_.max_files) {
      fail(fmt::format(fmt::runtime(tr("more than {} entries (the limit)")), limits_.max_files));
    }
    check_type(entry, name);
    if (archive_entry_filetype(entry) == AE_IFDIR) return;
    std::uint64_t counted = 0;
    if (archive_entry_size_is_set(entry)) {
      count_bytes(name, archive_entry_size(entry), 0);
      counted = static_cast<std::uint64_t>(std::max<la_int64_t>(archive_entry_size(entry), 0));
    }
    std::string relative = fs::path(name).lexically_normal().generic_string();
    tree_.files.push_back(relative);
    if (may_be_student_file(course_, relative)) tree_.contents[relative] = read_data(name, counted);
  }

  void check_path(const std::string& name) {
    if (name.empty()) fail(tr("an entry has no name"));
    fs::path path(name);
    if (path.is_absolute() || name.front() == '/') {
      fail(fmt::format(fmt::runtime(tr("entry '{}' has an absolute path")), name));
    }
    for (const fs::path& part : path) {
      if (part == "..")
        fail(fmt::format(fmt::runtime(tr("entry '{}' leaves the archive (..)")), name));
    }
  }

  void check_type(archive_entry* entry, const std::string& name) {
    if (archive_entry_hardlink(entry) != nullptr) {
      fail(fmt::format(fmt::runtime(tr("entry '{}' is a hard link (links are not accepted)")),
                       name));
    }
    mode_t type = archive_entry_filetype(entry);
    if (type == AE_IFLNK)
      fail(fmt::format(fmt::runtime(tr("entry '{}' is a symbolic link (links are not accepted)")),
                       name));
    if (type != AE_IFREG && type != AE_IFDIR) {
      fail(fmt::format(
          fmt::runtime(tr("entry '{}' is a device, fifo or socket (only files and folders)")),
          name));
    }
  }

  /// Counts `size` more bytes of `name` (of which `so_far` were counted).
  void count_bytes(const std::string& name, la_int64_t size, std::uint64_t so_far) {
    std::uint64_t bytes = size < 0 ? 0 : static_cast<std::uint64_t>(size);
    if (bytes > limits_.max_file_bytes) {
      fail(fmt::format(
          fmt::runtime(tr("entry '{}' is larger than {} bytes (the limit for one file)")), name,
          limits_.max_file_bytes));
    }
    total_bytes_ += bytes - std::min(bytes, so_far);
    if (total_bytes_ > limits_.max_total_bytes) {
      fail(fmt::format(fmt::runtime(tr("more than {} bytes uncompressed (the limit)")),
                       limits_.max_total_bytes));
    }
  }

  /// The entry's data, counted as it is read (`counted` bytes already were,
  /// from its header): a header may lie about sizes.
  std::string read_data(const std::string& name, std::uint64_t counted) {
    std::string data;
    char buffer[64 * 1024];
    for (;;) {
      la_ssize_t n = archive_read_data(archive_.get(), buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0)
        fail(fmt::format(fmt::runtime(tr("entry '{}' cannot be read ({})")), name, error()));
      data.append(buffer, static_cast<std::size_t>(n));
      if (data.size() <= counted) continue;
      count_bytes(name, static_cast<la_int64_t>(data.size()), counted);
      counted = data.size();
    }
    return data;
  }

  std::string error() const {
    const char* text = archive_error_string(archive_.get());
    return text != nullptr ? text : tr("unknown error");
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw IntakeError(fmt::format("{}: {}", path_.filename().string(), what));
  }

  fs::path path_;
  const Course& course_;
  const IntakeLimits& limits_;
  ArchivePtr archive_;
  SubmissionTree tree_;
  std::uint64_t entries_ = 0;
  std::uint64_t total_bytes_ = 0;
};

}  // namespace

bool is_archive_name(const std::string& filename) {
  return ends_with(filename, ".zip") || ends_with(filename, ".tar.gz") ||
         ends_with(filename, ".tgz");
}

SubmissionTree read_archive(const fs::path& archive, const Course& course,
                            const IntakeLimits& limits) {
  return ArchiveScan(archive, course, limits).run();
}

}  // namespace grader
