// Hostile inputs through the ingest stage on 1-4 ranks: each is refused with exit 3 and a
// message naming the file on every rank (no rank left waiting), or read with the bad
// part counted. Complements tests/e2e/bad_data.sh, which drives the whole program.
#include <cpl_vsi.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "heatstreet/core/error.hpp"
#include "heatstreet/ingest/ingest_stage.hpp"

using namespace heatstreet;

namespace {

const char* kHeader =
    "LMK_KEY,UPRN,ADDRESS1,POSTCODE,LOCAL_AUTHORITY,PROPERTY_TYPE,BUILT_FORM,"
    "CONSTRUCTION_AGE_BAND,LODGEMENT_DATE,TOTAL_FLOOR_AREA,CURRENT_ENERGY_RATING,"
    "ENERGY_CONSUMPTION_CURRENT,CO2_EMISSIONS_CURRENT,LATITUDE,LONGITUDE\n";

std::string row(int k, const std::string& lat, const std::string& lon) {
  std::ostringstream o;
  o << "LMK-" << k << ',' << 200000 + k << ',' << k << " Mill Lane,N1 0PN,E09000019,House,"
    << "Mid-Terrace,England and Wales: before 1900,2020-03-0" << 1 + k % 9 << ",80,D,240,3.1,"
    << lat << ',' << lon << '\n';
  return o.str();
}

void write_vsi(const std::string& path, const std::string& text) {
  VSILFILE* f = VSIFOpenL(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(VSIFWriteL(text.data(), 1, text.size(), f), text.size());
  VSIFCloseL(f);
}

// A scratch folder made by rank 0 and known to all ranks.
std::string scratch(const Comm& world, const char* what) {
  std::string dir;
  if (world.root()) {
    dir = (std::filesystem::temp_directory_path() /
           ("heatstreet-hostile-" + std::string(what) + "-np" + std::to_string(world.size()) + "-" +
            std::to_string(getpid())))
              .string();
    std::filesystem::create_directories(dir);
  }
  return world.bcast(dir);
}

// Runs the stage expecting exit 3 with every `needles` in the message, on every rank.
void expect_input_error(const Config& cfg, const Comm& world,
                        std::initializer_list<std::string> needles) {
  try {
    ingest::run(ingest_settings(cfg), world);
    ADD_FAILURE() << "expected an InputError on rank " << world.rank();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3) << e.what();
    for (const auto& n : needles)
      EXPECT_NE(std::string(e.what()).find(n), std::string::npos)
          << "'" << n << "' not in: " << e.what();
  }
}

std::int64_t counter(const ingest::IngestResult& r, const std::string& name) {
  for (const auto& [k, v] : r.report.counters)
    if (k == name) return v;
  ADD_FAILURE() << "no counter " << name;
  return -1;
}

}  // namespace

TEST(IngestHostile, TruncatedGzipIsAnInputErrorNotAShortFile) {
  Comm world;
  const std::string dir = scratch(world, "gz");
  const std::string gz = dir + "/certificates.csv.gz";
  if (world.root()) {
    std::string text = kHeader;
    for (int k = 0; k < 400; ++k) text += row(k, "51.5", "-0.1");
    write_vsi("/vsigzip/" + gz, text);
    std::filesystem::resize_file(gz, std::filesystem::file_size(gz) / 2);
  }
  world.barrier();
  Config cfg;
  cfg.inputs.certificates = {gz};
  expect_input_error(cfg, world, {gz, "truncated or corrupt"});
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}

TEST(IngestHostile, ZipWithoutCertificatesIsAnInputError) {
  Comm world;
  const std::string dir = scratch(world, "zip");
  const std::string zip = dir + "/register.zip";
  if (world.root()) {
    write_vsi("/vsizip/" + zip + "/E09000019/recommendations.csv", "LMK_KEY,IMPROVEMENT\n1,x\n");
    write_vsi("/vsizip/" + zip + "/LICENCE.txt", "Open Government Licence\n");
  }
  world.barrier();
  Config cfg;
  cfg.inputs.certificates = {zip};
  expect_input_error(cfg, world, {zip, "holds no certificates CSV"});
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}

TEST(IngestHostile, PipeIsRefusedBeforeAnyReadCouldBlock) {
  Comm world;
  const std::string dir = scratch(world, "fifo");
  const std::string fifo = dir + "/certificates.csv";
  if (world.root()) {
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  }
  world.barrier();
  Config cfg;
  cfg.inputs.certificates = {fifo};
  expect_input_error(cfg, world, {fifo, "not a regular file or folder"});
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}

TEST(IngestHostile, CoordinatesOutsideGreatBritainAreCountedAndUnlocated) {
  Comm world;
  const std::string dir = scratch(world, "coords");
  if (world.root()) {
    // Islington; Paris; an impossible latitude; 0,0; Sydney; latitude and longitude swapped.
    write_vsi(dir + "/certificates.csv", std::string(kHeader) + row(1, "51.54", "-0.10") +
                                             row(2, "48.85", "2.35") + row(3, "91", "0") +
                                             row(4, "0", "0") + row(5, "-33.9", "151.2") +
                                             row(6, "-0.10", "51.54"));
  }
  world.barrier();
  Config cfg;
  cfg.inputs.certificates = {dir + "/certificates.csv"};
  const auto documented = ingest::run(ingest_settings(cfg), world);
  EXPECT_EQ(counter(documented, "kept"), 6);
  EXPECT_EQ(counter(documented, "coordinates_outside_grid"), 5);
  EXPECT_EQ(counter(documented, "located_by_coordinates"), 1);
  EXPECT_EQ(counter(documented, "unlocated"), 5);

  // The predecessor places every point PROJ can project, wherever it lands.
  cfg.model.methodology = Methodology::kPython;
  const auto python = ingest::run(ingest_settings(cfg), world);
  EXPECT_EQ(counter(python, "coordinates_outside_grid"), 5);
  EXPECT_EQ(counter(python, "unlocated"), 6 - counter(python, "located_by_coordinates"));
  EXPECT_GE(counter(python, "located_by_coordinates"), 4);
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}
