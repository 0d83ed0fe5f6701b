#pragma once
// The entries of a GNU gettext catalog (po/<language>.po), read as a test
// needs them: each message's English text and its translation.

#include <filesystem>
#include <string>
#include <vector>

namespace grader::fixtures {

struct CatalogEntry {
  std::string context;      ///< msgctxt, "" when none
  std::string english;      ///< msgid
  std::string translation;  ///< msgstr, or msgstr[0] of a plural
};

/// The entries of `po_file` but its header. Throws std::runtime_error when
/// the file cannot be read.
std::vector<CatalogEntry> read_catalog(const std::filesystem::path& po_file);

}  // namespace grader::fixtures
