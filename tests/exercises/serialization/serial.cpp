#include "serial.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "harness/elide.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "opcodes.hpp"

namespace serial {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;

Reply dumps(Driver& driver, const std::string& value, std::chrono::milliseconds timeout) {
  return driver.call("dumps " + value, timeout);
}

Reply loads(Driver& driver, const Bytes& data, std::chrono::milliseconds timeout) {
  return driver.call("loads " + ipclab::to_hex(data), timeout);
}

Bytes dumped(Driver& driver, const std::string& value, std::chrono::milliseconds timeout) {
  Reply reply = dumps(driver, value, timeout);
  if (!reply.ok) {
    // TRANSLATORS: dumps(VALUE) on DRIVER threw KIND: MESSAGE, then what the driver printed
    abort_test(Outcome::failed, trf("dumps({}) on {} threw {}: {}{}", brief(value), driver.label(),
                                    reply.kind, reply.message, driver.printed()));
  }
  return ipclab::from_hex(reply.word(0));
}

std::string canonical(Driver& reference, const std::string& value) {
  Reply reply = reference.call("repr " + value);
  if (!reply.ok) {
    abort_test(Outcome::unresolved, trf("the test's own value does not parse: {}", value));
  }
  return reply.word(0);
}

std::string brief(const std::string& text, std::size_t max) {
  return ipclab::harness::elided(text, max);
}

std::string outcome_text(const Reply& reply) {
  // TRANSLATORS: what a call did, ending sentences such as "loads(b'...') must
  // return [1], but it {}" (the value is Python notation)
  if (reply.ok) return trf("returned {}", brief(reply.words.empty() ? "" : reply.words[0]));
  // TRANSLATORS: as "returned {}": the exception's type, then its message
  return trf("threw {}: {}", reply.kind, ipclab::harness::elided(reply.message));
}

namespace {

/// The end of the container or literal that starts at `at` in notation `text`.
std::size_t end_of_item(const std::string& text, std::size_t at) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'') {
      quote = c;
    } else if (c == '[' || c == '(' || c == '{') {
      ++depth;
    } else if (c == ']' || c == ')' || c == '}') {
      if (--depth == 0) return i + 1;
    } else if (depth == 0 && (c == ',' || c == ':')) {
      return i;
    }
  }
  return text.size();
}

/// `text` with every *N replaced by the container &N= names (sharing
/// forgotten); a container inside itself stays "...".
std::string without_sharing(const std::string& text, std::map<std::string, std::string>& labels,
                            int depth = 0) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') {
      std::size_t end = end_of_item(text, i);
      out += text.substr(i, end - i);
      i = end - 1;
    } else if ((c == '&' || c == '*') && i + 1 < text.size() && std::isdigit(text[i + 1])) {
      std::size_t end = i + 1;
      while (end < text.size() && std::isdigit(text[end]))
        ++end;
      std::string number = text.substr(i + 1, end - i - 1);
      if (c == '&') {
        std::size_t stop = end_of_item(text, end + 1);
        labels[number] = text.substr(end + 1, stop - end - 1);
        i = end;  // skip "&N=", keep the container
      } else {
        auto found = labels.find(number);
        out += found == labels.end() || depth > 20
                   ? "..."
                   : without_sharing(found->second, labels, depth + 1);
        i = end - 1;
      }
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string identity_hint(const std::string& got, const std::string& want) {
  std::map<std::string, std::string> got_labels;
  std::map<std::string, std::string> want_labels;
  if (got == want || without_sharing(got, got_labels) != without_sharing(want, want_labels)) {
    return "";
  }
  return tr(
      " -- the contents are right but the sharing is not (&1= names a container, *1 is "
      "that same container again): a BINGET must give back the very object that was "
      "memoized (copy the shared_ptr, not what it points to)");
}

void check_dumps(Driver& student, Driver& reference, const Golden& vector) {
  Reply reply = dumps(student, vector.value);
  if (!reply.ok) {
    ADD_FAILURE() << trf("dumps({}) threw {}: {}", brief(vector.value), reply.kind, reply.message);
    return;
  }
  Bytes got = ipclab::from_hex(reply.word(0));
  if (vector.kind == Golden::Kind::exact) {
    IPCLAB_EXPECT(got == vector.bytes)
        << trf("dumps({}) must write what Python's pickle.dumps(value, protocol=4) writes: {}",
               brief(vector.value), explain_difference(got, vector.bytes));
    return;
  }
  Reply back = loads(reference, got);
  IPCLAB_EXPECT(back.ok && back.word(0) == vector.value)
      << trf("dumps({}) wrote {}, which the reference loads() reads as: {}", brief(vector.value),
             show(got), outcome_text(back));
}

void check_loads(Driver& student, const Golden& vector) {
  Reply reply = loads(student, vector.bytes);
  std::string got = reply.ok ? reply.word(0) : "";
  IPCLAB_EXPECT(reply.ok && got == vector.value)
      << trf("loads({}) must return {} (Python's golden vector '{}'), but it {}",
             show(vector.bytes), brief(vector.value), vector.name, outcome_text(reply))
      << identity_hint(got, vector.value);
}

std::string nested_lists(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

Bytes nested_pickle(std::size_t depth) {
  Bytes data(depth, ']');
  data.insert(data.end(), depth - 1, 'a');
  data.push_back('.');
  return data;
}

}  // namespace serial
