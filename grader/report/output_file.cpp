#include "report/output_file.hpp"

#include <fmt/format.h>

#include <fstream>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {

using ipclab::i18n::tr;

void write_output_file(const std::string& file, const std::function<void(std::ostream&)>& write) {
  std::ofstream out(file);
  write(out);
  out.flush();
  if (!out)
    throw GraderError(
        fmt::format(fmt::runtime(tr("cannot write {} (check the folder exists)")), file));
}

}  // namespace grader
