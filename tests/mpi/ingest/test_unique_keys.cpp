// Rule V8 across ranks: blank or repeated certificate numbers anywhere are found, with
// the same message on every rank whatever the rank count.
#include <gtest/gtest.h>

#include "heatstreet/ingest/unique_certificates.hpp"

using namespace heatstreet;

namespace {
Table keys_for_rank(const Comm& comm, const std::vector<std::string>& global) {
  Table t;
  auto& k = t.add_strings({"certificate_number", "", "", {}});
  for (std::size_t i = 0; i < global.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(comm.size())) == comm.rank())
      k.push_back(global[i]);
  return t;
}
std::string verdict(const std::vector<std::string>& global) {
  Comm comm;
  try {
    check_unique_certificates(keys_for_rank(comm, global), "certificate_number", comm);
  } catch (const AgreedError& e) {
    EXPECT_EQ(e.exit_code(), 3);
    return e.what();
  }
  return "";
}
}  // namespace

TEST(UniqueCertificates, DistinctNumbersPass) {
  std::vector<std::string> g;
  for (int i = 0; i < 1000; ++i) g.push_back("CERT-" + std::to_string(i));
  EXPECT_EQ(verdict(g), "");
}

TEST(UniqueCertificates, RepeatedNumberOnDifferentRanksIsFound) {
  std::vector<std::string> g;
  for (int i = 0; i < 1000; ++i) g.push_back("CERT-" + std::to_string(i));
  g.push_back("CERT-500");  // lands on another rank than the first CERT-500 for most counts
  g.push_back("CERT-77");
  g.push_back("CERT-77");
  const std::string e = verdict(g);
  EXPECT_NE(e.find("certificate number CERT-500 belongs to more than one"), std::string::npos) << e;
}

TEST(UniqueCertificates, BlankNumbersAreCounted) {
  const std::string e = verdict({"A", " ", "B", "", "C"});
  EXPECT_NE(e.find("2 kept dwelling(s) have no certificate number"), std::string::npos) << e;
}
