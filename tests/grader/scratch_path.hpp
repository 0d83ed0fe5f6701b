// A scratch path private to this test process: ctest runs tests in parallel,
// and two processes of one fixture must never share (or remove) a folder.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

inline std::filesystem::path scratch_path(const std::string& name) {
  return std::filesystem::path(::testing::TempDir()) / (name + "_" + std::to_string(::getpid()));
}
