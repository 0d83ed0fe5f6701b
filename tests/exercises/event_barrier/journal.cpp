#include "journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <sstream>

#include "harness/outcome.hpp"
#include "harness/words.hpp"

namespace eb_harness {

using ipclab::harness::tr;
using ipclab::harness::trf;

Journal::Journal() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ipclab::harness::abort_test(ipclab::harness::Outcome::unresolved,
                                tr("pipe2 failed in the harness"));
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

/// The worker that wrote line `at` ("ready W" or "work W P").
int worker_at(const std::vector<std::string>& lines, std::size_t at) {
  std::istringstream in(lines[at]);
  std::string kind;
  int worker = -1;
  in >> kind >> worker;
  return worker;
}

std::string judge_start(const std::vector<std::string>& lines, const Story& story, int workers) {
  std::size_t last_ready = 0;
  for (int w = 0; w < workers; ++w) {
    auto it = story.ready.find(w);
    if (it == story.ready.end())
      return trf("worker {0} never got ready (no prepare({0}) recorded)", w);
    if (it->second.size() > 1) return trf("prepare({}) ran more than once", w);
    last_ready = std::max(last_ready, it->second.front());
  }
  if (!story.phase_span.empty() && story.phase_span.begin()->second.first < last_ready) {
    const std::size_t first_work = story.phase_span.begin()->second.first;
    return trf(
        "worker {} finished its first phase before worker {} was ready: the coordinator must "
        "wait for EVERY ready event before it sets go, and every worker must wait for go before "
        "it starts working",
        worker_at(lines, first_work), worker_at(lines, last_ready));
  }
  return "";
}

std::string judge_phases(const std::vector<std::string>& lines, const Story& story, int workers,
                         int phases) {
  for (int p = 0; p < phases; ++p) {
    for (int w = 0; w < workers; ++w) {
      auto it = story.work.find({w, p});
      if (it == story.work.end()) return trf("worker {} never did phase {}", w, p);
      if (it->second.size() > 1) return trf("worker {} did phase {} twice", w, p);
    }
    if (p + 1 < phases && story.phase_span.count(p + 1) != 0 &&
        story.phase_span.at(p + 1).first < story.phase_span.at(p).second) {
      return trf(
          // TRANSLATORS: worker W1 finished phase P+1 before worker W2 had finished phase P.
          "worker {} finished phase {} before worker {} had finished phase {}: every worker must "
          "wait at the barrier after each phase",
          worker_at(lines, story.phase_span.at(p + 1).first), p + 1,
          worker_at(lines, story.phase_span.at(p).second), p);
    }
  }
  return "";
}

std::string judge_done(const Story& story, int phases) {
  for (int p = 0; p < phases; ++p) {
    auto it = story.done.find(p);
    if (it == story.done.end())
      return trf(
          "phase {0} was never announced: after the barrier, the worker whose wait() returned 0 "
          "must call phase_done({0})",
          p);
    if (it->second.size() > 1)
      return trf(
          "phase {} was announced {} times: only the worker whose wait() returned 0 calls "
          "phase_done()",
          p, it->second.size());
    const std::size_t at = it->second.front();
    if (at < story.phase_span.at(p).second)
      return trf(
          "phase {} was announced before every worker had finished it: call phase_done() after "
          "the barrier's wait(), not before",
          p);
    if (p + 2 < phases && at > story.phase_span.at(p + 2).first)
      return trf("phase {} was announced only after a worker had finished phase {}", p, p + 2);
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
