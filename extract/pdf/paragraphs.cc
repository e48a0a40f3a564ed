#include "extract/pdf/paragraphs.h"

#include "extract/core/error.h"

namespace synthdb::pdf {

Document read_document(const std::filesystem::path& path, const Options&) {
  throw PdfError(path.string() + ": PDF extraction not implemented yet");
}

std::string version() { return "pdf-0"; }

}  // namespace synthdb::pdf
