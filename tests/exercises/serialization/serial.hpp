#pragma once
// Helpers of the serialization harness: calls to the drivers, the checks that
// compare with Python's bytes and with the reference, and their messages.

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "golden.hpp"
#include "harness/driver.hpp"
#include "harness/words.hpp"
#include "ipclab/bytes.hpp"

namespace serial {

using ipclab::Bytes;
using ipclab::harness::Build;
using ipclab::harness::Driver;
using ipclab::harness::Reply;
// Every message a student reads is marked: tr("text"), trf("text {}", value).
using ipclab::harness::tr;
using ipclab::harness::tr_later;
using ipclab::harness::trf;
using ipclab::harness::trnf;
using namespace std::chrono_literals;

/// The student files as the report names them (for sanitizer reports).
inline const std::vector<std::string> kStudentFiles = {"serialization/pickler.cpp",
                                                       "serialization/unpickler.cpp"};

/// `dumps VALUE` and `loads HEX` on a driver.
Reply dumps(Driver& driver, const std::string& value, std::chrono::milliseconds timeout = 10s);
Reply loads(Driver& driver, const Bytes& data, std::chrono::milliseconds timeout = 10s);

/// The bytes dumps(value) returned; ends the test (failed) if it threw.
Bytes dumped(Driver& driver, const std::string& value, std::chrono::milliseconds timeout = 10s);

/// The canonical text of `value` (the reference driver's `repr`).
std::string canonical(Driver& reference, const std::string& value);

/// `text`, shortened to `max` characters for messages.
std::string brief(const std::string& text, std::size_t max = 100);

/// What a reply says, in words: "returned [1,2]" or "threw UnpicklingError: ...",
/// in the run's language: it ends sentences like "..., but it {}".
std::string outcome_text(const Reply& reply);

/// Why `got` is not `want` when only the sharing differs ("" otherwise).
std::string identity_hint(const std::string& got, const std::string& want);

/// Student dumps() of the vector's value: Python's exact bytes (kind exact),
/// or bytes the reference decodes to the value (kind decoded).
void check_dumps(Driver& student, Driver& reference, const Golden& vector);

/// Student loads() of the vector's bytes gives its value.
void check_loads(Driver& student, const Golden& vector);

/// A random value in the notation, for round trips: every kind, shared and
/// recursive references, sizes around the opcode boundaries.
std::string random_value(std::mt19937_64& rng);

/// `[[...[]...]]`: lists nested `depth` deep.
std::string nested_lists(std::size_t depth);

/// A pickle of lists nested `depth` deep, without memo: ] x depth, a x (depth-1), STOP.
Bytes nested_pickle(std::size_t depth);

}  // namespace serial
