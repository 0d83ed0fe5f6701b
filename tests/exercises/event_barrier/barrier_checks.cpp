#include "barrier_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "harness/expect.hpp"
#include "harness/outcome.hpp"

namespace eb_harness {

namespace {

std::string order_of(const Parties& parties) {
  std::string text;
  for (std::size_t i = 0; i < parties.size(); ++i)
    text += (i == 0 ? "" : ", ") + who(*parties[i]);
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items)
    text += (text.empty() ? "" : "; ") + item;
  return text;
}

}  // namespace

void arrive(Driver& party, const std::string& request, Driver& observer, int count,
            const std::string& advice) {
  party.post(request);
  const auto deadline = Clock::now() + 3s;
  long long waiting = -1;
  while (Clock::now() < deadline) {
    if (std::optional<Reply> early = party.poll_reply(5ms)) {
      // TRANSLATORS: `REQUEST` in PROCESS (party N to arrive) did not block: it WHAT IT DID.
      fail(trf("`{}` in {} (party {} to arrive) did not block: it {}. wait() must block until "
               "the last party arrives.",
               request, who(party), count, outcome(*early)) +
           advice);
    }
    waiting = observer.ok("n_waiting b").number(0);
    if (waiting == count) return;
  }
  fail(
      trnf("{} party is waiting in wait(), but n_waiting() says {}: count every party inside "
           "wait() (count_), and report it while the barrier fills",
           "{} parties are waiting in wait(), but n_waiting() says {}: count every party inside "
           "wait() (count_), and report it while the barrier fills",
           static_cast<unsigned long>(count), count, waiting));
}

void expect_pass(const Parties& parties, Driver& observer, const std::string& request,
                 const std::string& what) {
  const int n = static_cast<int>(parties.size());
  for (int i = 0; i + 1 < n; ++i) {
    ipclab::harness::ScopedContext context(what);
    arrive(*parties[i], request, observer, i + 1);
  }
  std::vector<std::optional<Reply>> replies(n);
  replies[n - 1] = parties[n - 1]->call(request, 3s);
  for (int i = 0; i + 1 < n; ++i)
    replies[i] = parties[i]->poll_reply(3s);
  std::vector<std::string> got;
  for (const std::optional<Reply>& reply : replies)
    got.push_back(reply ? outcome(*reply) : tr("still waiting"));
  const int returned = static_cast<int>(std::count_if(
      replies.begin(), replies.end() - 1, [](const auto& reply) { return reply.has_value(); }));
  if (returned < n - 1) {
    fail(trf(
        // TRANSLATORS: SCENE: after the last party arrived, only R of the W waiting parties
        // returned within 3 s (PROCESSES IN ORDER: WHAT EACH DID).
        "{}: after the last party arrived, only {} of the {} waiting parties returned within "
        "3 s ({}: {}). The last party must wake EVERY waiting party (notify_all()), and a "
        "waiting party leaves as soon as the state is draining",
        what, returned, n - 1, order_of(parties), joined(got)));
  }
  for (int i = 0; i < n; ++i) {
    IPCLAB_EXPECT(replies[i]->line == "ok " + std::to_string(i))
        // TRANSLATORS: SCENE: the parties arrived in the order PROCESSES; party N (PROCESS) WHAT
        // IT DID, but wait() must return the arrival index I (...: 0 for the first, N-1 for the
        // last).
        << trf("{}: the parties arrived in the order {}; party {} ({}) {}, but wait() must return "
               "the arrival index {} (count_ before adding yourself: 0 for the first, {} for the "
               "last)",
               what, order_of(parties), i + 1, who(*parties[i]), got[i], i, n - 1);
  }
}

namespace {

std::string lockstep_scene(const Parties& parties, int passes, bool poked) {
  // TRANSLATORS: N processes (PROCESSES) passing the barrier P times in a row.
  return poked ? trf("{} processes ({}) passing the barrier {} times in a row, while another "
                     "process kept calling notify_all()",
                     parties.size(), order_of(parties), passes)
               : trf("{} processes ({}) passing the barrier {} times in a row", parties.size(),
                     order_of(parties), passes);
}

std::vector<std::optional<Reply>> collect(const Parties& parties, std::chrono::seconds limit) {
  std::vector<std::optional<Reply>> replies;
  const auto deadline = Clock::now() + limit;
  for (Driver* party : parties) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    replies.push_back(party->poll_reply(std::max(left, 0ms)));
  }
  return replies;
}

}  // namespace

void expect_lockstep(Lab& lab, const Parties& parties, int passes, Driver* poker,
                     std::chrono::seconds limit) {
  const int n = static_cast<int>(parties.size());
  if (poker != nullptr) poker->ok("poke_start b 500");
  for (int slot = 0; slot < n; ++slot) {
    // The first party waits without a timeout, the others with one.
    parties[slot]->post("lockstep b " + std::to_string(slot) + " " + std::to_string(n) + " " +
                        std::to_string(passes) + (slot == 0 ? " -" : " 5000"));
  }
  std::vector<std::optional<Reply>> replies = collect(parties, limit);
  if (poker != nullptr) poker->ok("poke_stop");
  const std::string scene = lockstep_scene(parties, passes, poker != nullptr);
  for (int slot = 0; slot < n; ++slot) {
    if (replies[slot] && replies[slot]->kind == "Violation") {
      fail(trf(
          // TRANSLATORS: SCENE: PROCESS saw: WHAT WENT WRONG (in English, from the driver).
          "{}: {} saw: {}. A party passed before every party had arrived: keep new arrivals "
          "out while the barrier drains (enter()), count every party until it leaves, and "
          "leave wait_for_release() only when the state is no longer filling (a while loop)",
          scene, who(*parties[slot]), replies[slot]->message));
    }
  }
  for (int slot = 0; slot < n; ++slot) {
    if (replies[slot]) continue;
    Reply state = lab.add(Build::reference).call("state b", 2s);
    std::string fields = state.ok ? "" : tr("unreadable");
    for (const std::string& word : state.words)
      fields += (fields.empty() ? "" : " ") + word;
    fail(trf(
        // TRANSLATORS: SCENE: PROCESS was still waiting after S s (the barrier's fields: "count 1
        // state 1"; ...).
        "{}: {} was still waiting after {} s (the barrier's fields: {}; state 0 filling, 1 "
        "draining, -1 resetting, -2 broken). After each pass the last party out of a "
        "draining barrier must switch it back to filling and wake the parties waiting in "
        "enter()",
        scene, who(*parties[slot]), limit.count(), fields));
  }
  for (int slot = 0; slot < n; ++slot) {
    const Reply& reply = *replies[slot];
    IPCLAB_EXPECT(reply.line == "ok " + std::to_string(passes))
        << (reply.kind == "BrokenBarrierError"
                // TRANSLATORS: SCENE: PROCESS WHAT IT DID ("threw BrokenBarrierError: ..."). ...
                ? trf("{}: {} {}. Nobody aborted and no party was late (the timeouts are 5 s): a "
                      "wait() broke the barrier although nothing was wrong. A wake-up is not a "
                      "timeout: keep waiting in a loop until the state changes or the deadline "
                      "has passed",
                      scene, who(*parties[slot]), outcome(reply))
                : trf("{}: {} {}; every party must pass all {} times without an error", scene,
                      who(*parties[slot]), outcome(reply), passes));
  }
}

void expect_broken_out(const Parties& waiters, const std::string& cause,
                       const std::string& advice) {
  const auto deadline = Clock::now() + 3s;
  for (Driver* waiter : waiters) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    std::optional<Reply> reply = waiter->poll_reply(std::max(left, 0ms));
    if (!reply) {
      // TRANSLATORS: WHAT HAPPENED ("after abort() in your process"), PROCESS (waiting in
      // wait()) was still waiting 3 s later: WHAT TO FIX.
      fail(trf("{}, {} (waiting in wait()) was still waiting 3 s later: {}", cause, who(*waiter),
               advice));
    }
    IPCLAB_EXPECT(reply->kind == "BrokenBarrierError")
        // TRANSLATORS: WHAT HAPPENED, the wait() in PROCESS WHAT IT DID: ... WHAT TO FIX.
        << trf("{}, the wait() in {} {}: it must throw BrokenBarrierError. {}", cause, who(*waiter),
               outcome(*reply), advice);
  }
}

}  // namespace eb_harness
