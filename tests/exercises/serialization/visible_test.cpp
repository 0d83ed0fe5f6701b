// Serialization: the tests students see. Each compares the student's dumps()
// with the bytes Python writes (golden vectors made by Python's own pickle),
// and the student's loads() with the values those bytes mean; the others
// pair the student's code with the reference.
#include <gtest/gtest.h>

#include "corpus.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "opcodes.hpp"
#include "serial.hpp"

namespace serial {
namespace {

using ipclab::harness::ScopedContext;

const std::vector<std::string> kScalars = {"none",   "true", "false", "int_",
                                           "float_", "str_", "bytes_"};
const std::vector<std::string> kContainers = {"list_", "tuple_", "dict_",
                                              "set_",  "nested", "mixed"};
const std::vector<std::string> kShared = {"shared_", "many_", "cpython_binget",
                                          "cpython_long_binget", "cpython_binput_get"};
const std::vector<std::string> kRecursive = {"recursive_list", "recursive_dict", "recursive_object",
                                             "recursive_multi"};

/// dumps() of every vector with one of `prefixes` that dumps() writes.
void check_all_dumps(const std::vector<std::string>& prefixes) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  for (const Golden* vector : golden_with_prefix(prefixes)) {
    if (vector->kind != Golden::Kind::exact) continue;
    if (dumped(reference, vector->value) != vector->bytes) {  // the oracle itself is checked
      ipclab::harness::abort_test(
          ipclab::harness::Outcome::unresolved,
          trf("the reference does not write Python's bytes for golden vector '{}': the kit is "
              "broken, not your code",
              vector->name));
    }
  }
  for (const Golden* vector : golden_with_prefix(prefixes)) {
    if (vector->kind != Golden::Kind::loads_only) check_dumps(student, reference, *vector);
  }
}

void check_all_loads(const std::vector<std::string>& prefixes) {
  Driver student = Driver::start(Build::student);
  for (const Golden* vector : golden_with_prefix(prefixes))
    check_loads(student, *vector);
}

TEST(serialization, dumps_scalars) {
  check_all_dumps(kScalars);
}

TEST(serialization, loads_scalars) {
  check_all_loads(kScalars);
}

TEST(serialization, dumps_containers) {
  check_all_dumps(kContainers);
}

TEST(serialization, loads_containers) {
  check_all_loads(kContainers);
}

TEST(serialization, datetimes_and_objects) {
  check_all_dumps({"datetime", "object_"});
  check_all_loads({"datetime", "object_"});
  Driver student = Driver::start(Build::student);
  Reply unknown = dumps(student, "[1,Secret(key=2)]");
  IPCLAB_EXPECT(unknown.kind == "PicklingError" &&
                unknown.message ==
                    "value[1]: class 'Secret' is not registered, so it cannot "
                    "be serialized")
      << trf("dumps([1, Secret(key=2)]) of a class that is not registered must throw "
             "PicklingError(\"{}\"), but it {}",
             "value[1]: class 'Secret' is not registered, so it cannot be serialized",
             outcome_text(unknown));
}

TEST(serialization, shared_references) {
  check_all_dumps(kShared);
  check_all_loads(kShared);
}

TEST(serialization, memo_index_boundary) {
  // Memo index 255 is the last one BINGET's single byte holds; 256 is the
  // first that needs LONG_BINGET.
  ScopedContext context(tr("a list referring again to the container at memo index 255 or 256"));
  check_all_dumps({"memo_index_"});
  check_all_loads({"memo_index_"});
}

TEST(serialization, recursive_structures) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  for (const Golden* vector : golden_with_prefix(kRecursive)) {
    ScopedContext context(trf("dumps({}), a value that contains itself", vector->value));
    check_dumps(student, reference, *vector);
  }
  for (const Golden* vector : golden_with_prefix(kRecursive)) {
    ScopedContext context(trf("loads() of {}", vector->value));
    check_loads(student, *vector);
  }
}

TEST(serialization, unserializable) {
  Driver student = Driver::start(Build::student);
  struct Case {
    std::string value;
    std::string message;
  };
  const Case cases[] = {
      {"<function:callback>", "value: a function cannot be serialized"},
      {"{'tasks':[{'name':'a'},{'name':'b','callback':<function:notify>}]}",
       "value['tasks'][1]['callback']: a function cannot be serialized"},
      {"(1,2,<socket:conn>)", "value[2]: a socket cannot be serialized"},
      {"Task(name='x',log=<file:log.txt>)", "value.log: an open file cannot be serialized"},
      {"[[1],{7:<thread:worker>}]", "value[1][7]: a thread cannot be serialized"},
      {"{(1,'a'):[None,<generator:numbers>]}",
       "value[(1,'a')][1]: a generator cannot be serialized"},
  };
  for (const Case& c : cases) {
    Reply reply = dumps(student, c.value);
    IPCLAB_EXPECT(reply.kind == "PicklingError" && reply.message == c.message)
        << trf("dumps({}) must throw PicklingError(\"{}\"), but it {}", c.value, c.message,
               outcome_text(reply));
  }
  // dump() appends to a buffer, like pickle.dump() to a file: on error, nothing.
  student.ok("buffer out 0102");
  Reply failed = student.call("dump out [1,'two',(3,),{'four':[5,<thread:worker>]}]");
  IPCLAB_EXPECT(failed.kind == "PicklingError")
      << trf("dump() of a value holding a thread must throw PicklingError, but it {}",
             outcome_text(failed));
  std::string left = student.ok("buffer out").word(0);
  IPCLAB_EXPECT(left == "0102") << trf(
      "after dump() threw PicklingError, the buffer must hold exactly what it held "
      "before ({}), but it holds {}: pickle into a buffer of your own and append it "
      "only once it is complete",
      "b'\\x01\\x02'", show(ipclab::from_hex(left)));
  student.ok("dump out 7");
  IPCLAB_EXPECT(student.ok("buffer out").word(0) == "010280044b072e") << trf(
      "dump(7) into a buffer holding {} must append {}", "b'\\x01\\x02'", "b'\\x80\\x04K\\x07.'");
}

TEST(serialization, frames) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  std::string numbers = "[";
  for (int i = 0; i < 100000; ++i)
    numbers += (i ? "," : "") + std::to_string(i);
  numbers += "]";
  const std::pair<std::string, std::string> cases[] = {
      {numbers, tr("list(range(100000)): many frames of 64 KiB")},
      {"[b'" + std::string(70000, 'x') + "','" + std::string(70000, 'y') + "',1]",
       tr("[b'x' * 70000, 'y' * 70000, 1]: large str and bytes go outside frames")},
      {"'" + std::string(65536, 'z') + "'",
       tr("'z' * 65536: just large enough to leave the frame")},
      {"None", tr("None: a frame under 4 bytes has no FRAME header")},
  };
  for (const auto& [value, what] : cases) {
    ScopedContext context(what);
    Bytes got = dumped(student, value, 20s);
    Bytes want = dumped(reference, value, 20s);
    std::vector<std::string> problems = frame_problems(got);
    std::string listed;
    for (const std::string& problem : problems)
      listed += "\n  " + problem;
    IPCLAB_EXPECT(problems.empty()) << trf("{}: the frames are wrong:{}", what, listed);
    IPCLAB_EXPECT(!problems.empty() || got == want) << trf(
        "{}: dumps() must write what Python writes: {}", what, explain_difference(got, want));
  }
}

TEST(serialization, malformed_input) {
  Driver student = Driver::start(Build::student);
  for (const Curated& input : curated_inputs()) {
    Reply reply = loads(student, input.data);
    if (input.value) {
      IPCLAB_EXPECT(reply.ok && reply.word(0) == *input.value)
          << trf("loads({}) must return {} ({}), but it {}", show(input.data), *input.value,
                 input.why, outcome_text(reply));
      continue;
    }
    std::string advice =
        reply.kind == "MemoryError"
            ? tr(" -- it tried to allocate what a length field announced: check every length "
                 "against the bytes left BEFORE allocating")
        : reply.ok ? ""
                   : tr(" -- throw UnpicklingError for every problem with the input");
    IPCLAB_EXPECT(reply.kind == "UnpicklingError")
        << trf("loads({}) must throw UnpicklingError ({}), but it {}", show(input.data), input.why,
               outcome_text(reply))
        << advice;
  }
}

TEST(serialization, nesting_limit) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  Bytes deepest = dumped(student, nested_lists(1000));
  Reply back = loads(reference, deepest);
  IPCLAB_EXPECT(back.ok && back.word(0) == nested_lists(1000))
      << trf("dumps() of lists nested 1000 deep (the limit) must work; the reference read it "
             "as: {}",
             outcome_text(back));
  Reply too_deep = dumps(student, nested_lists(1001));
  IPCLAB_EXPECT(too_deep.kind == "PicklingError")
      << trf("dumps() of lists nested 1001 deep must throw PicklingError (kMaxDepth is 1000), "
             "but it {}",
             outcome_text(too_deep));
  Reply read = loads(student, nested_pickle(1000));
  IPCLAB_EXPECT(read.ok && read.word(0) == nested_lists(1000))
      << trf("loads() of lists nested 1000 deep must work, but it {}", outcome_text(read));
  for (std::size_t depth : {1001, 200000}) {
    Reply refused = loads(student, nested_pickle(depth), 20s);
    IPCLAB_EXPECT(refused.kind == "UnpicklingError")
        << trf("loads() of lists nested {} deep must throw UnpicklingError (deeper than "
               "kMaxDepth = 1000; check nesting_depth() of the result), but it {}",
               depth, outcome_text(refused));
  }
}

TEST(serialization, roundtrip_random) {
  Driver student = Driver::start(Build::student);
  Driver reference = Driver::start(Build::reference);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 150; ++i) {
    std::string value = canonical(reference, random_value(rng));
    ScopedContext context(trf("random value {} of {}: {}", i + 1, 150, brief(value)));
    Bytes mine = dumped(student, value);
    Reply read_by_reference = loads(reference, mine);
    IPCLAB_EXPECT(read_by_reference.ok && read_by_reference.word(0) == value)
        << trf("dumps({}) wrote {}, which the reference loads() reads as: {}", brief(value),
               show(mine), outcome_text(read_by_reference));
    Reply read_by_student = loads(student, dumped(reference, value));
    IPCLAB_EXPECT(read_by_student.ok && read_by_student.word(0) == value)
        << trf("loads() of the reference's pickle of {} {}", brief(value),
               outcome_text(read_by_student))
        << identity_hint(read_by_student.ok ? read_by_student.word(0) : "", value);
    if (::testing::Test::HasFailure()) return;  // one value, explained, is enough
  }
}

}  // namespace
}  // namespace serial
