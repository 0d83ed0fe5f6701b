#pragma once
// Progress of a batch on stderr. Every finished student gets a line
// ("[3/30] alice: 44/47"); on a terminal a status line below it shows
// done/total, the students being graded and the time left, redrawn in place.
// Without a terminal (CI logs, `kubectl logs`) the status is a line of its own
// whenever nothing was printed for a heartbeat interval (30 s by default), so
// a log never looks stuck while the first students are still being graded.

#include <chrono>
#include <functional>
#include <ostream>
#include <set>
#include <string>

namespace grader {

class BatchProgress {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  /// `total`: the students to grade in this run; `tty`: draw the status line;
  /// `heartbeat`: without a terminal, the longest silence before the status
  /// is printed as a line (time comes from `now`, so tests are not timed).
  BatchProgress(std::ostream& out, bool tty, std::size_t total, Clock now,
                std::chrono::seconds heartbeat = std::chrono::seconds(30));

  /// The number of students to grade, once known.
  void set_total(std::size_t total) { total_ = total; }
  void started(const std::string& student, bool exclusive);
  /// `result` is what the line says after the name ("44/47", "error: ...").
  void finished(const std::string& student, const std::string& result);
  /// Redraws the status line (the ETA moves on its own); without a terminal,
  /// prints it as a heartbeat line when the log was silent long enough.
  void tick();
  /// Erases the status line, before the batch prints anything else.
  void clear();

  /// "[3/30] 10% · grading alice, bob · alone: carol · about 2m10s left"
  std::string status_line() const;

 private:
  void draw();
  void heartbeat();

  std::ostream& out_;
  bool tty_;
  std::size_t total_;
  std::size_t done_ = 0;
  Clock now_;
  std::chrono::seconds heartbeat_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_line_;  ///< the last line printed (or the start)
  std::set<std::string> running_;
  std::set<std::string> alone_;
  bool drawn_ = false;
};

/// "45s", "2m10s", "1h02m".
std::string format_eta(std::chrono::seconds duration);

}  // namespace grader
