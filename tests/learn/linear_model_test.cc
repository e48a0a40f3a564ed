#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "extract/core/error.h"
#include "extract/learn/linear_model.h"
#include "tests/db/temp_dir.h"

using synthdb::learn::Example;
using synthdb::learn::LinearModel;

namespace {

// `prefix` followed by `n`, built by appending: `"p" + std::to_string(n)` makes GCC 12 warn
// -Wrestrict (a false positive in its inlined string insert, GCC bug 105651).
std::string numbered(const char* prefix, long n) {
  std::string s = prefix;
  s += std::to_string(n);
  return s;
}

// A separable toy task: the word after "in" is a solvent, the word after "of" a precursor, and the
// bare feature "noise" appears with both.
std::vector<Example> toy() {
  std::vector<Example> out;
  for (int i = 0; i < 40; ++i) {
    std::string g = numbered("p", i % 8);
    out.push_back({{"prev=in", "noise"}, "solvent", g});
    out.push_back({{"prev=of", "noise"}, "precursor", g});
    out.push_back({{"prev=to", "shape=Aa"}, "target", g});
  }
  return out;
}

// Per process, so that two test runs at once do not share files; removed when the process exits.
std::filesystem::path temp_file(const char* name) {
  static const synthdb::testing::TempDir dir;
  return dir / name;
}

// The ModelError message load() gives for a file with `content` ("" when it loads).
std::string load_error(const std::string& content) {
  auto f = temp_file("probe.lm");
  {
    std::ofstream out(f, std::ios::binary);
    out << content;
  }
  try {
    LinearModel::load(f);
    return "";
  } catch (const synthdb::ModelError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("linear model learns a separable task and predicts it") {
  auto data = toy();
  LinearModel m = LinearModel::train(data);
  REQUIRE(m.labels().size() == 3);
  std::vector<std::string> in{"prev=in", "noise"}, of{"prev=of"}, to{"prev=to", "unknown-feature"};
  CHECK(m.labels()[m.predict(in)] == "solvent");
  CHECK(m.labels()[m.predict(of)] == "precursor");
  CHECK(m.labels()[m.predict(to)] == "target");
  auto p = m.probabilities(in);
  double sum = 0;
  for (double v : p) sum += v;
  CHECK(sum == doctest::Approx(1.0));
  CHECK(p[0] > 0.9);
}

TEST_CASE("linear model: training is deterministic and save/load round-trips") {
  auto data = toy();
  LinearModel a = LinearModel::train(data), b = LinearModel::train(data);
  auto fa = temp_file("a.lm"), fb = temp_file("b.lm");
  a.save(fa);
  b.save(fb);
  std::ifstream ia(fa), ib(fb);
  std::string sa((std::istreambuf_iterator<char>(ia)), {}), sb((std::istreambuf_iterator<char>(ib)), {});
  CHECK(sa == sb);
  CHECK(sa.rfind("synthdb-linear 1\nlabels\tsolvent\tprecursor\ttarget\n", 0) == 0);
  LinearModel c = LinearModel::load(fa);
  std::vector<std::string_view> f{"prev=of", "noise"};
  auto pa = a.probabilities(f), pc = c.probabilities(f);
  REQUIRE(pa.size() == pc.size());
  for (std::size_t i = 0; i < pa.size(); ++i) CHECK(pa[i] == doctest::Approx(pc[i]).epsilon(1e-4));
  std::filesystem::remove(fa);
  std::filesystem::remove(fb);
}

TEST_CASE("linear model: bad files and bad training sets are one-line ModelErrors") {
  auto f = temp_file("bad.lm");
  {
    std::ofstream out(f);
    out << "synthdb-linear 1\nlabels\ta\tb\nprev=in\t0.5\n";
  }
  try {
    LinearModel::load(f);
    FAIL("expected a ModelError");
  } catch (const synthdb::ModelError& e) {
    CHECK(std::string(e.what()).find("bad.lm:3: expected a feature and 2 weights") != std::string::npos);
  }
  {
    std::ofstream out(f);
    out << "not a model\n";
  }
  CHECK_THROWS_AS(LinearModel::load(f), synthdb::ModelError);
  CHECK_THROWS_AS(LinearModel::load(temp_file("missing.lm")), synthdb::ModelError);
  std::filesystem::remove(f);
  std::vector<Example> one{{{"x"}, "a", "g"}};
  CHECK_THROWS_AS(LinearModel::train(one), synthdb::ModelError);
  CHECK_THROWS_AS(LinearModel::train(std::vector<Example>{}), synthdb::ModelError);
}

TEST_CASE("cross_validate keeps groups together and predicts every example") {
  auto data = toy();
  auto pred = synthdb::learn::cross_validate(data, 4);
  REQUIRE(pred.size() == data.size());
  int right = 0;
  for (std::size_t i = 0; i < data.size(); ++i) right += pred[i] == data[i].label;
  CHECK(right == static_cast<int>(data.size()));
  CHECK_THROWS_AS(synthdb::learn::cross_validate(data, 1), synthdb::ModelError);
}

TEST_CASE("feature keys: pieces hash like the whole string, and keyed prediction equals string prediction") {
  using synthdb::learn::feature_key;
  static_assert(feature_key("prev=", "of") == feature_key("prev=of"));
  CHECK(feature_key("a", "b", "c") == feature_key("abc"));
  CHECK(feature_key("prev=of") != feature_key("prev=in"));
  auto data = toy();
  LinearModel m = LinearModel::train(data);
  std::vector<std::string> words{"prev=in", "noise", "never-seen"};
  std::vector<std::uint64_t> keys{feature_key("prev=", "in"), feature_key("noise"), feature_key("never-", "seen")};
  auto ps = m.probabilities(words), pk = m.probabilities(keys);
  REQUIRE(ps.size() == pk.size());
  for (std::size_t i = 0; i < ps.size(); ++i) CHECK(ps[i] == pk[i]);
  CHECK(m.predict(keys) == m.predict(words));
}

TEST_CASE("linear model: many features survive table growth and a duplicate line is refused") {
  std::vector<Example> data;
  for (int i = 0; i < 500; ++i) data.push_back({{numbered("f", i)}, i % 2 ? "odd" : "even", "g"});
  LinearModel m = LinearModel::train(data);
  for (int i = 0; i < 500; i += 37) {
    std::vector<std::string> f{numbered("f", i)};
    CHECK(m.labels()[m.predict(f)] == (i % 2 ? "odd" : "even"));
  }
  auto file = temp_file("dup.lm");
  {
    std::ofstream out(file);
    out << "synthdb-linear 1\nlabels\ta\tb\nx\t1\t2\nx\t3\t4\n";
  }
  try {
    LinearModel::load(file);
    FAIL("expected a ModelError");
  } catch (const synthdb::ModelError& e) {
    CHECK(std::string(e.what()).find("dup.lm:4: feature 'x' listed twice") != std::string::npos);
  }
  std::filesystem::remove(file);
}

TEST_CASE("linear model loader: CRLF files load, empty or repeated labels and weights beyond float are refused") {
  CHECK(load_error("synthdb-linear 1\r\nlabels\ta\tb\r\nx\t1\t-2\r\n") == "");
  auto contains = [](const std::string& s, const char* part) { return s.find(part) != std::string::npos; };
  CHECK(contains(load_error("synthdb-linear 1\nlabels\ta\t\n"), "probe.lm:2: empty label"));
  CHECK(contains(load_error("synthdb-linear 1\nlabels\tsize\tsize\n"), "probe.lm:2: label 'size' listed twice"));
  CHECK(contains(load_error("synthdb-linear 1\nlabels\ta\tb\nx\t1e39\t0\n"), "probe.lm:3: bad weight '1e39'"));
  CHECK(contains(load_error("synthdb-linear 1\nlabels\ta\tb\nx\tnan\t0\n"), "probe.lm:3: bad weight 'nan'"));
  CHECK(contains(load_error("synthdb-linear 1\nlabels\ta\tb\nx\t-inf\t0\n"), "probe.lm:3: bad weight '-inf'"));
}
