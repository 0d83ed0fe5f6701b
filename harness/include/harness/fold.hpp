#pragma once
// Prose for reports read in a terminal: the grader cuts a line past 240
// characters ("... 479 chars"), which would cut a diagnosis's advice off.

#include <cstddef>
#include <string>
#include <string_view>

namespace ipclab::harness {

/// A diagnosis's width: its lines stay whole in every report.
inline constexpr std::size_t kDiagnosisWidth = 200;

/// `text` on lines of at most `width` characters where it can: breaks after
/// a sentence (". "), and only inside a sentence longer than `width`, after
/// "; " or ", " -- never inside a phrase, so a phrase stays findable.
std::string fold_sentences(std::string_view text, std::size_t width = kDiagnosisWidth);

}  // namespace ipclab::harness
