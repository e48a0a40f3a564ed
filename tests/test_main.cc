#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

namespace {

// ctest runs each test case alone (--test-case=<name>). doctest_discover_tests cuts a name at ';'
// (a CMake list separator), and a filter that selects no test case runs nothing and exits 0: eight
// test cases passed that way without running (one of them failing, s11-tidy). A run whose filters
// select no test case now fails.
bool g_selected_none = false;

struct SelectedNone : doctest::IReporter {
  explicit SelectedNone(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats& stats) override {
    g_selected_none = stats.numTestCasesPassingFilters == 0;
  }
  void test_case_start(const doctest::TestCaseData&) override {}
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {}
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData&) override {}
  void log_message(const doctest::MessageData&) override {}
  void test_case_skipped(const doctest::TestCaseData&) override {}
};
DOCTEST_REGISTER_LISTENER("selected_none", 1, SelectedNone);

}  // namespace

int main(int argc, char** argv) {
  doctest::Context context(argc, argv);
  const int result = context.run();
  if (context.shouldExit()) return result;  // --help, --list-test-cases and the like
  if (result == 0 && g_selected_none) {
    std::fprintf(stderr, "no test case matches the filters\n");
    return 1;
  }
  return result;
}
