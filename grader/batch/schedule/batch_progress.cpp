#include "batch/schedule/batch_progress.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

std::string joined(const std::set<std::string>& names, std::size_t most) {
  std::string text;
  std::size_t shown = 0;
  for (const std::string& name : names) {
    if (shown == most) return text + fmt::format(" +{}", names.size() - most);
    text += (shown++ == 0 ? "" : ", ") + name;
  }
  return text;
}

}  // namespace

std::string format_eta(std::chrono::seconds duration) {
  long long s = duration.count();
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

BatchProgress::BatchProgress(std::ostream& out, bool tty, std::size_t total, Clock now,
                             std::chrono::seconds heartbeat)
    : out_(out),
      tty_(tty),
      total_(total),
      now_(std::move(now)),
      heartbeat_(heartbeat),
      start_(now_()),
      last_line_(start_) {}

void BatchProgress::started(const std::string& student, bool exclusive) {
  running_.erase(student);
  alone_.erase(student);
  (exclusive ? alone_ : running_).insert(student);
  draw();
}

void BatchProgress::finished(const std::string& student, const std::string& result) {
  running_.erase(student);
  alone_.erase(student);
  ++done_;
  clear();
  out_ << fmt::format("[{}/{}] {}: {}\n", done_, total_, student, result) << std::flush;
  last_line_ = now_();
  draw();
}

void BatchProgress::tick() {
  if (tty_) {
    draw();
    return;
  }
  heartbeat();
}

void BatchProgress::heartbeat() {
  const auto now = now_();
  if (now - last_line_ < heartbeat_) return;
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - start_);
  out_ << status_line() << " · " << fmt::format(fmt::runtime(tr("{} so far")), format_eta(elapsed))
       << "\n"
       << std::flush;
  last_line_ = now;
}

void BatchProgress::clear() {
  if (!drawn_) return;
  out_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

std::string BatchProgress::status_line() const {
  std::string line =
      fmt::format("[{}/{}] {}%", done_, total_, total_ == 0 ? 100 : done_ * 100 / total_);
  if (!running_.empty())
    line += " · " + fmt::format(fmt::runtime(tr("grading {}")), joined(running_, 3));
  if (!alone_.empty())
    line += " · " + fmt::format(fmt::runtime(tr("alone: {}")), joined(alone_, 1));
  if (done_ > 0 && done_ < total_) {
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now_() - start_);
    auto left = elapsed * static_cast<long long>(total_ - done_) / static_cast<long long>(done_);
    line += " · " + fmt::format(fmt::runtime(tr("about {} left")), format_eta(left));
  }
  return line;
}

void BatchProgress::draw() {
  if (!tty_) return;
  out_ << "\r\033[K" << status_line().substr(0, 120) << std::flush;
  drawn_ = true;
}

}  // namespace grader
