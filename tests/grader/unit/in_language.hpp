#pragma once
// Rendering in another language than the tests' English, without leaking the
// language into the next test when an assertion or a render throws.

#include <gtest/gtest.h>

#include <string>

#include "i18n/messages.hpp"

namespace grader::fixtures {

/// Messages in `language` (from the built catalogs) while it lives; English
/// again afterwards, whatever happened.
class InLanguage {
 public:
  explicit InLanguage(const std::string& language) {
    ok_ = ipclab::i18n::use_language(language, IPCLAB_LOCALE_DIR);
  }
  ~InLanguage() { ipclab::i18n::use_language("en", ""); }
  InLanguage(const InLanguage&) = delete;
  InLanguage& operator=(const InLanguage&) = delete;
  /// False when the catalog is missing (the test should fail, not pass in English).
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

/// `render()` with messages in Spanish; fails the test when there is no catalog.
template <typename Render>
std::string in_spanish(Render render) {
  InLanguage spanish("es");
  EXPECT_TRUE(spanish.ok()) << "no Spanish catalog under " << IPCLAB_LOCALE_DIR;
  return render();
}

}  // namespace grader::fixtures
