#include "collected.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "harness/expect.hpp"

namespace mgr_harness {
namespace {

struct Parsed {
  std::map<std::string, std::string> results;
  std::vector<std::string> finished;
};

Parsed parse(const Reply& reply) {
  Parsed parsed;
  std::size_t keys = static_cast<std::size_t>(reply.number(0));
  parsed.results =
      as_dict(std::vector<std::string>(reply.words.begin(), reply.words.begin() + 1 + 2 * keys), 1);
  std::size_t count = static_cast<std::size_t>(reply.number(1 + 2 * keys));
  for (std::size_t i = 0; i < count; ++i)
    parsed.finished.push_back(reply.word(2 + 2 * keys + i));
  return parsed;
}

std::string tasks_of(int worker, int workers, int tasks) {
  std::string list = "l:";
  for (int t = worker; t < tasks; t += workers)
    list += (t == worker ? "" : ",") + std::to_string(t);
  return list;
}

std::string shortened(const std::string& word) {
  return word.size() <= 40 ? word : word.substr(0, 36) + "...";
}

/// False when task keys are missing: the other checks would only repeat that.
bool expect_tasks(const std::string& call, const Parsed& got, int tasks) {
  std::vector<std::string> missing, wrong;
  for (int t = 0; t < tasks; ++t) {
    std::string key = "task" + std::to_string(t);
    auto it = got.results.find(key);
    if (it == got.results.end())
      missing.push_back(key);
    else if (it->second != "i:" + std::to_string(std::int64_t{t} * t))
      wrong.push_back(key + " = " + it->second);
  }
  if (!missing.empty()) {
    ADD_FAILURE() << trf(
        // TRANSLATORS: run_collector(W, T): the results miss N of the T task keys (the first:
        // task7).
        "{}: the results miss {} of the {} task keys (the first: {}): copy the results only after "
        "waitpid() has returned for every worker",
        call, missing.size(), tasks, missing.front());
    return false;
  }
  // TRANSLATORS: run_collector(W, T): ...; "task3 = i:10" is not.
  IPCLAB_EXPECT(wrong.empty()) << trf("{}: results[\"task<t>\"] must be t * t; {} is not", call,
                                      wrong.empty() ? "" : wrong.front());
  auto done = got.results.find("done");
  IPCLAB_EXPECT(done != got.results.end() && done->second == "i:" + std::to_string(tasks))
      << (done == got.results.end()
              ? trf("{}: results[\"done\"] must count the {} tasks, it is missing: set it to 0 "
                    "before starting the workers",
                    call, tasks)
              : trf("{}: results[\"done\"] must count the {} tasks, it is {}: each task adds 1 "
                    "with add()",
                    call, tasks, done->second));
  return true;
}

void expect_worker_lists(const std::string& call, const Parsed& got, int workers, int tasks) {
  for (int w = 0; w < workers; ++w) {
    std::string key = "worker" + std::to_string(w);
    std::string want = tasks_of(w, workers, tasks);
    auto it = got.results.find(key);
    if (it != got.results.end() && it->second == want) continue;
    if (it == got.results.end()) {
      ADD_FAILURE() << trf(
          // TRANSLATORS: run_collector(W, T): results["worker1"] must be "l:1,5,9" (the tasks
          // worker 1 did, in order), ...
          "{}: results[\"{}\"] must be \"{}\" (the tasks worker {} did, in "
          "order), but it is missing",
          call, key, shortened(want), w);
    } else if (it->second == "l:") {
      ADD_FAILURE() << trf(
          "{}: results[\"{}\"] must be \"{}\" (the tasks worker {} did, in order), but it is "
          "\"l:\" (empty): a value fetched with get() is a copy; appending to the copy changes "
          "nothing on the server until you set() it back (in Python, d[k].append(x) is lost the "
          "same way)",
          call, key, shortened(want), w);
    } else {
      ADD_FAILURE() << trf(
          "{}: results[\"{}\"] must be \"{}\" (the tasks worker {} did, in "
          "order), but it is \"{}\"",
          call, key, shortened(want), w, shortened(it->second));
    }
    return;  // one explanation is enough
  }
}

}  // namespace

void expect_collected(const Reply& reply, int workers, int tasks) {
  Parsed got = parse(reply);
  const std::string call =
      "run_collector(" + std::to_string(workers) + ", " + std::to_string(tasks) + ")";
  if (!expect_tasks(call, got, tasks)) return;
  expect_worker_lists(call, got, workers, tasks);
  std::size_t keys = static_cast<std::size_t>(tasks + workers + 1);
  IPCLAB_EXPECT(got.results.size() == keys)
      << trf("{}: the results must hold exactly {} keys (task<t>, worker<w>, done), not {}", call,
             keys, got.results.size());
  std::vector<std::string> want;
  for (int w = 0; w < workers; ++w)
    want.push_back("i:" + std::to_string(w));
  std::vector<std::string> finished = got.finished;
  std::sort(finished.begin(), finished.end());
  std::sort(want.begin(), want.end());
  IPCLAB_EXPECT(finished == want) << trf(
      "{}: `finished` must hold every worker number once (each worker appends its own at the "
      "end); it holds {} items for {} workers",
      call, got.finished.size(), workers);
}

void expect_collector_cleaned_up(const Driver& student) {
  std::string left = leftover_children(student);
  IPCLAB_EXPECT(left.empty()) << tr("after run_collector() returned, processes it started are "
                                    "still there (waitpid() every worker, and shut the manager "
                                    "down):")
                              << left;
  std::vector<std::string> sockets;
  for (const auto& entry : std::filesystem::directory_iterator(folder_of(student))) {
    std::string name = entry.path().filename().string();
    if (name.size() > 13 && name.substr(name.size() - 13) == "_manager.sock")
      sockets.push_back(name);
  }
  IPCLAB_EXPECT(sockets.empty()) << trf(
      "after run_collector() returned, the manager's socket file {} is still there: the server "
      "removes it when it shuts down",
      sockets.empty() ? "" : sockets.front());
}

}  // namespace mgr_harness
