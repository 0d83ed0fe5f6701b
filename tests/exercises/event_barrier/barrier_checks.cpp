#include "barrier_checks.hpp"

#include <gtest/gtest.h>

#include <sstream>

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
      fail("`" + request + "` in " + who(party) + " (party " + std::to_string(count) +
           " to arrive) did not block: it " + outcome(*early) +
           ". wait() must block until the last party arrives" + advice);
    }
    waiting = observer.ok("n_waiting b").number(0);
    if (waiting == count) return;
  }
  fail(std::to_string(count) + " parties are waiting in wait(), but n_waiting() says " +
       std::to_string(waiting) +
       ": count every party inside wait() (count_), and report it while the barrier fills");
}

void expect_pass(const Parties& parties, Driver& observer, const std::string& request,
                 const std::string& what) {
  const int n = static_cast<int>(parties.size());
  for (int i = 0; i + 1 < n; ++i) {
    ipclab::harness::ScopedContext context(what);
    arrive(*parties[i], request, observer, i + 1);
  }
  std::vector<std::string> got(n);
  got[n - 1] = outcome(parties[n - 1]->call(request, 3s));
  int returned = 1;
  for (int i = 0; i + 1 < n; ++i) {
    std::optional<Reply> reply = parties[i]->poll_reply(3s);
    got[i] = reply ? outcome(*reply) : "still waiting";
    returned += reply ? 1 : 0;
  }
  if (returned < n) {
    std::ostringstream text;
    text << what << ": after the last party arrived, only " << returned - 1 << " of the " << n - 1
         << " waiting parties returned within 3 s (" << order_of(parties) << ": " << joined(got)
         << "). The last party must wake EVERY waiting party (notify_all()), and a waiting "
            "party leaves as soon as the state is draining";
    fail(text.str());
  }
  for (int i = 0; i < n; ++i) {
    IPCLAB_EXPECT(got[i] == "returned " + std::to_string(i))
        << what << ": the parties arrived in the order " << order_of(parties) << "; party " << i + 1
        << " (" << who(*parties[i]) << ") " << got[i] << ", but wait() must return "
        << "the arrival index " << i << " (count_ before adding yourself: 0 for the first, "
        << n - 1 << " for the last)";
  }
}

namespace {

std::string lockstep_scene(const Parties& parties, int passes, bool poked) {
  return std::to_string(parties.size()) + " processes (" + order_of(parties) +
         ") passing the barrier " + std::to_string(passes) + " times in a row" +
         (poked ? ", while another process kept calling notify_all()" : "");
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
      fail(scene + ": " + who(*parties[slot]) + " saw: " + replies[slot]->message +
           ". A party passed before every party had arrived: keep new arrivals out while the "
           "barrier drains (enter()), count every party until it leaves, and leave "
           "wait_for_release() only when the state is no longer filling (a while loop)");
    }
  }
  for (int slot = 0; slot < n; ++slot) {
    if (replies[slot]) continue;
    Reply state = lab.add(Build::reference).call("state b", 2s);
    fail(scene + ": " + who(*parties[slot]) + " was still waiting after " +
         std::to_string(limit.count()) + " s (the barrier's " +
         "fields: " + (state.ok ? outcome(state) : "unreadable") + "; state 0 filling, 1 " +
         "draining, -1 resetting, -2 broken). After each pass the last party out of a draining "
         "barrier must switch it back to filling and wake the parties waiting in enter()");
  }
  for (int slot = 0; slot < n; ++slot) {
    IPCLAB_EXPECT(replies[slot]->line == "ok " + std::to_string(passes))
        << scene << ": " << who(*parties[slot]) << " " << outcome(*replies[slot])
        << (replies[slot]->kind == "BrokenBarrierError"
                ? ". Nobody aborted and no party was late (the timeouts are 5 s): a wait() broke "
                  "the barrier although nothing was wrong. A wake-up is not a timeout: keep "
                  "waiting in a loop until the state changes or the deadline has passed"
                : "");
  }
}

void expect_broken_out(const Parties& waiters, const std::string& cause,
                       const std::string& advice) {
  const auto deadline = Clock::now() + 3s;
  for (Driver* waiter : waiters) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    std::optional<Reply> reply = waiter->poll_reply(std::max(left, 0ms));
    if (!reply) {
      fail(cause + ", " + who(*waiter) +
           " (waiting in wait()) was still waiting 3 s later: " + advice);
    }
    IPCLAB_EXPECT(reply->kind == "BrokenBarrierError")
        << cause << ", the wait() of " << who(*waiter) << " " << outcome(*reply)
        << ": it must throw BrokenBarrierError. " << advice;
  }
}

}  // namespace eb_harness
