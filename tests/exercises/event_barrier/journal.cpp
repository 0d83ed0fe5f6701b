#include "journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <sstream>

#include "harness/outcome.hpp"

namespace eb_harness {

Journal::Journal() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ipclab::harness::abort_test(ipclab::harness::Outcome::unresolved, "pipe2 failed");
  }
  read_.reset(fds[0]);
  write_.reset(fds[1]);
  ::fcntl(read_.get(), F_SETFL, O_NONBLOCK);
}

std::vector<std::string> Journal::lines() {
  char buffer[4096];
  for (ssize_t n; (n = ::read(read_.get(), buffer, sizeof buffer)) > 0;)
    pending_.append(buffer, static_cast<std::size_t>(n));
  std::vector<std::string> complete;
  for (std::size_t end; (end = pending_.find('\n')) != std::string::npos;) {
    complete.push_back(pending_.substr(0, end));
    pending_.erase(0, end + 1);
  }
  return complete;
}

namespace {

/// The journal, indexed: where each kind of line appears.
struct Story {
  std::map<int, std::vector<std::size_t>> ready;                  ///< worker -> positions
  std::map<std::pair<int, int>, std::vector<std::size_t>> work;   ///< (worker, phase) -> positions
  std::map<int, std::vector<std::size_t>> done;                   ///< phase -> positions
  std::map<int, std::pair<std::size_t, std::size_t>> phase_span;  ///< phase -> first, last work
};

Story index(const std::vector<std::string>& lines) {
  Story story;
  for (std::size_t at = 0; at < lines.size(); ++at) {
    std::istringstream in(lines[at]);
    std::string kind;
    int a = -1, b = -1;
    in >> kind >> a >> b;
    if (kind == "ready") story.ready[a].push_back(at);
    if (kind == "done") story.done[a].push_back(at);
    if (kind != "work") continue;
    story.work[{a, b}].push_back(at);
    auto [it, fresh] = story.phase_span.try_emplace(b, at, at);
    if (!fresh) it->second.second = at;
  }
  return story;
}

std::string who_at(const std::vector<std::string>& lines, std::size_t at) {
  std::istringstream in(lines[at]);
  std::string kind;
  int worker = -1;
  in >> kind >> worker;
  return "worker " + std::to_string(worker);
}

std::string judge_start(const std::vector<std::string>& lines, const Story& story, int workers) {
  std::size_t last_ready = 0;
  for (int w = 0; w < workers; ++w) {
    auto it = story.ready.find(w);
    if (it == story.ready.end())
      return "worker " + std::to_string(w) + " never got ready (no prepare(" + std::to_string(w) +
             ") recorded)";
    if (it->second.size() > 1) return "prepare(" + std::to_string(w) + ") ran more than once";
    last_ready = std::max(last_ready, it->second.front());
  }
  if (!story.phase_span.empty() && story.phase_span.begin()->second.first < last_ready) {
    const std::size_t first_work = story.phase_span.begin()->second.first;
    return who_at(lines, first_work) + " finished its first phase before " +
           who_at(lines, last_ready) +
           " was ready: the coordinator must wait for EVERY ready event before it sets go, and "
           "every worker must wait for go before it starts working";
  }
  return "";
}

std::string judge_phases(const std::vector<std::string>& lines, const Story& story, int workers,
                         int phases) {
  for (int p = 0; p < phases; ++p) {
    for (int w = 0; w < workers; ++w) {
      auto it = story.work.find({w, p});
      if (it == story.work.end())
        return "worker " + std::to_string(w) + " never did phase " + std::to_string(p);
      if (it->second.size() > 1)
        return "worker " + std::to_string(w) + " did phase " + std::to_string(p) + " twice";
    }
    if (p + 1 < phases && story.phase_span.count(p + 1) != 0 &&
        story.phase_span.at(p + 1).first < story.phase_span.at(p).second) {
      return who_at(lines, story.phase_span.at(p + 1).first) + " finished phase " +
             std::to_string(p + 1) + " before " + who_at(lines, story.phase_span.at(p).second) +
             " had finished phase " + std::to_string(p) +
             ": every worker must wait at the barrier after each phase";
    }
  }
  return "";
}

std::string judge_done(const Story& story, int phases) {
  for (int p = 0; p < phases; ++p) {
    const std::string phase = "phase " + std::to_string(p);
    auto it = story.done.find(p);
    if (it == story.done.end())
      return phase +
             " was never announced: after the barrier, the worker whose wait() "
             "returned 0 must call phase_done(" +
             std::to_string(p) + ")";
    if (it->second.size() > 1)
      return phase + " was announced " + std::to_string(it->second.size()) +
             " times: only the worker whose wait() returned 0 calls phase_done()";
    const std::size_t at = it->second.front();
    if (at < story.phase_span.at(p).second)
      return phase +
             " was announced before every worker had finished it: call phase_done() "
             "after the barrier's wait(), not before";
    if (p + 2 < phases && at > story.phase_span.at(p + 2).first)
      return phase + " was announced only after a worker had finished phase " +
             std::to_string(p + 2);
  }
  return "";
}

}  // namespace

std::string judge_journal(const std::vector<std::string>& lines, int workers, int phases) {
  const Story story = index(lines);
  if (std::string problem = judge_start(lines, story, workers); !problem.empty()) return problem;
  if (std::string problem = judge_phases(lines, story, workers, phases); !problem.empty())
    return problem;
  return judge_done(story, phases);
}

}  // namespace eb_harness
