#pragma once

#include <stdexcept>
#include <string>

namespace synthdb {

// Every failure synthdb reports is one of these. Messages are one line and name the file (or input
// line) and the reason, so that a log line or a failed-document row is enough to act on.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A document that cannot be turned into paragraphs: corrupt, encrypted, no text layer, not a PDF.
class PdfError : public Error {
 public:
  using Error::Error;
};

// A classifier model that cannot be loaded, trained or applied.
class ModelError : public Error {
 public:
  using Error::Error;
};

// A lexicon or rule that does not load or compile.
class RuleError : public Error {
 public:
  using Error::Error;
};

// Anything SQLite reports, schema versions that do not fit, a held lock.
class DbError : public Error {
 public:
  using Error::Error;
};

// Bad flags or arguments from the person at the keyboard.
class UsageError : public Error {
 public:
  using Error::Error;
};

// Malformed input records (JSON Lines, gold files, CSV).
class InputError : public Error {
 public:
  using Error::Error;
};

}  // namespace synthdb
