// The ingest stage on 1-4 ranks: plain, gzipped and zipped inputs, files split into byte
// ranges at arbitrary points (quoted line breaks included), duplicates across files and
// ranks; the kept rows and rejects, in global order, must equal a one-rank run.
#include <cpl_vsi.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/ingest_stage.hpp"

using namespace heatstreet;

namespace {

const char* kHeader =
    "\xEF\xBB\xBF"
    "LMK_KEY,UPRN,ADDRESS1,POSTCODE,LOCAL_AUTHORITY,LOCAL_AUTHORITY_LABEL,PROPERTY_TYPE,"
    "BUILT_FORM,CONSTRUCTION_AGE_BAND,LODGEMENT_DATE,INSPECTION_DATE,TOTAL_FLOOR_AREA,"
    "CURRENT_ENERGY_RATING,CURRENT_ENERGY_EFFICIENCY,ENERGY_CONSUMPTION_CURRENT,"
    "CO2_EMISSIONS_CURRENT,WALLS_DESCRIPTION,MAINHEAT_DESCRIPTION,TENURE,LATITUDE,LONGITUDE,"
    "EXTRA\r\n";

// A deterministic file of n rows; some UPRNs repeat across files, some rows are
// invalid, some fields hold quoted line breaks and doubled quotes.
std::string make_file(int seed, int n) {
  std::ostringstream o;
  o << kHeader;
  for (int i = 0; i < n; ++i) {
    const int k = seed * 1000 + i;
    const int uprn = (k * 7) % 150;  // collisions within and across files
    o << "LMK-" << k << ',' << (k % 11 == 0 ? std::string() : std::to_string(100000 + uprn)) << ','
      << "\"" << (k % 5) << " Long Road,\nFlat \"\"" << (k % 3) << "\"\"\"" << ','
      << (k % 4 == 0 ? "e1 6an" : "SW1A1AA") << ",E09000033,Westminster,House,"
      << (k % 13 == 0 ? "Detached" : "Mid-Terrace") << ",England and Wales: before 1900,"
      << "20" << (10 + k % 14) << "-0" << (1 + k % 9) << "-1" << (k % 10) << ",,"
      << (k % 17 == 0 ? 12 : 40 + k % 90) << ",D,60," << (k % 19 == 0 ? -4 : 150 + k % 50)
      << ",3.5,"
      << "\"Solid brick, as built, no insulation (assumed)\",\"Boiler and radiators, mains gas\","
      << "owner-occupied," << (k % 6 == 0 ? "51.5" : "") << ',' << (k % 6 == 0 ? "-0.1" : "")
      << ",x\r\n";
  }
  return o.str();
}

void write_vsi(const std::string& path, const std::string& text) {
  VSILFILE* f = VSIFOpenL(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(VSIFWriteL(text.data(), 1, text.size(), f), text.size());
  VSIFCloseL(f);
}

std::string digest(const Table& t, const Comm& comm) {
  std::ostringstream o;
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    for (const Column& c : t.columns()) {
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, StringColumn>)
              o << v[i];
            else if constexpr (std::is_floating_point_v<typename V::value_type>) {
              char b[40];
              std::snprintf(b, sizeof b, "%.17g", static_cast<double>(v[i]));
              o << b;
            } else
              o << +v[i];
          },
          c.data);
      o << '|';
    }
    o << '\n';
  }
  std::string all;
  for (const auto& s : comm.allgather(o.str())) all += s;
  return all;
}

// The inputs of the split test in a fresh folder (rank 0 writes, every rank gets the name).
std::string write_split_inputs(const Comm& world) {
  std::string dir;
  if (world.root()) {
    dir = (std::filesystem::temp_directory_path() /
           ("heatstreet-ingest-np" + std::to_string(world.size()) + "-" + std::to_string(getpid())))
              .string();
    std::filesystem::create_directories(dir + "/la1");
    write_vsi(dir + "/la1/certificates.csv", make_file(1, 120));
    write_vsi("/vsigzip/" + dir + "/b.csv.gz", make_file(2, 60));
    write_vsi("/vsizip/" + dir + "/c.zip/domestic-E09000033/certificates.csv", make_file(3, 70));
    write_vsi("/vsizip/" + dir + "/c.zip/domestic-E09000033/recommendations.csv", "junk\n");
    write_vsi(dir + "/postcodes.csv", "pcd,x,y\nE1 6AN,533500.5,181800.25\n");
  }
  return world.bcast(dir);
}

Config split_config(const std::string& dir) {
  Config cfg;
  cfg.inputs.certificates = {dir + "/la1", dir + "/*.gz", dir + "/c.zip"};
  cfg.inputs.postcodes = dir + "/postcodes.csv";
  cfg.inputs.postcode_columns = {"PCD", "x", "y"};
  cfg.filters.local_authorities = {"westminster"};
  cfg.filters.built_forms = {"mid-terrace"};
  cfg.filters.sample_window_start = "2012-01-01";
  cfg.validation.max_reject_fraction = 0.5;
  return cfg;
}

// Reference: the same run on rank 0 alone, its digests given to every rank.
struct Reference {
  std::string rows, rejects;
  std::vector<std::pair<std::string, std::int64_t>> counters;  // rank 0 only
};
Reference run_alone(const IngestSettings& settings, const Comm& world) {
  Reference ref;
  MPI_Comm solo_raw;
  MPI_Comm_split(world.raw(), world.root() ? 0 : MPI_UNDEFINED, 0, &solo_raw);
  if (world.root()) {
    Comm solo(solo_raw);
    const ingest::IngestResult one = ingest::run(settings, solo);
    ref.rows = digest(one.dwellings, solo);
    ref.rejects = digest(one.rejects, solo);
    ref.counters = one.report.counters;
    MPI_Comm_free(&solo_raw);
  }
  ref.rows = world.bcast(ref.rows);
  ref.rejects = world.bcast(ref.rejects);
  return ref;
}

// Balance across ranks, the counters and the located rows of a run.
void expect_sane_content(const ingest::IngestResult& here, Methodology m, const Comm& world) {
  const auto n = static_cast<std::int64_t>(here.dwellings.num_rows());
  const std::int64_t total = world.sum(n);
  EXPECT_LE(world.max(n) - (total / world.size()), 1);
  EXPECT_EQ(here.report.input_files.size(), 3u);  // recommendations member skipped
  std::int64_t kept = 0, located = 0, postcode = 0, coordinates = 0, dups = 0, read = 0;
  for (const auto& [k, v] : here.report.counters) {
    if (k == "kept") kept = v;
    if (k == "rows_read") read = v;
    if (k == "duplicates_removed") dups = v;
    if (k == "located_by_postcode") postcode = v;
    if (k == "located_by_coordinates") coordinates = v;
  }
  for (auto l : here.dwellings.get<std::uint8_t>(dwelling::kLocated)) located += l;
  EXPECT_EQ(read, 250);
  EXPECT_EQ(kept, total);
  EXPECT_GT(dups, 0);
  EXPECT_EQ(world.sum(located), postcode + coordinates);
  if (m == Methodology::kDocumented) {
    EXPECT_GT(postcode, 0);
  }
  EXPECT_GT(coordinates, 0);
  for (std::size_t i = 0; i < here.dwellings.num_rows(); ++i) {
    if (here.dwellings.strings(dwelling::kPostcode)[i] == "E1 6AN" &&
        m == Methodology::kDocumented) {
      EXPECT_EQ(here.dwellings.get<double>(dwelling::kEasting)[i], 533500.5);
    }
    if (here.dwellings.get<std::uint8_t>(dwelling::kLocated)[i]) {
      EXPECT_NEAR(here.dwellings.get<double>(dwelling::kNorthing)[i], 180000, 3000);
    }
  }
}

}  // namespace

TEST(IngestStage, SameRowsOnAnyRankCountAndSplit) {
  Comm world;
  const std::string dir = write_split_inputs(world);
  Config cfg = split_config(dir);

  ingest::IngestOptions split;
  split.min_split_bytes = 1;  // split every plain file that spans ranks
  split.block_bytes = 997;    // blocks end at awkward places too

  for (int path = 0; path < 3; ++path) {
    const Methodology m = path == 0 ? Methodology::kDocumented : Methodology::kPython;
    cfg.model.methodology = m;
    cfg.model.python_validation_path =
        path == 2 ? ValidationPath::kInMemory : ValidationPath::kStaged;
    const IngestSettings settings = ingest_settings(cfg);
    const ingest::IngestResult here = ingest::run(settings, world, split);
    const std::string rows = digest(here.dwellings, world);
    const std::string rejects = digest(here.rejects, world);
    const Reference ref = run_alone(settings, world);
    EXPECT_EQ(ref.rows, rows);
    EXPECT_EQ(ref.rejects, rejects);
    if (world.root()) {
      EXPECT_EQ(ref.counters, here.report.counters);
    }
    expect_sane_content(here, m, world);
  }
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}

TEST(IngestStage, TooManyRejectsStopsEveryRank) {
  Comm world;
  std::string dir;
  if (world.root()) {
    dir = (std::filesystem::temp_directory_path() /
           ("heatstreet-ingest-rej-np" + std::to_string(world.size()) + "-" +
            std::to_string(getpid())))
              .string();
    std::filesystem::create_directories(dir);
    write_vsi(dir + "/certificates.csv", make_file(4, 100));
  }
  dir = world.bcast(dir);
  Config cfg;
  cfg.inputs.certificates = {dir + "/certificates.csv"};
  cfg.validation.min_floor_area_m2 = 100;  // most rows now fail V2
  try {
    ingest::run(ingest_settings(cfg), world);
    ADD_FAILURE() << "expected an InputError";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_NE(std::string(e.what()).find("implausible_floor_areas"), std::string::npos) << e.what();
  }
  cfg.inputs.certificates = {dir + "/missing/*.csv"};
  try {
    ingest::run(ingest_settings(cfg), world);
    ADD_FAILURE() << "expected an InputError";
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_NE(std::string(e.what()).find("inputs.certificates"), std::string::npos) << e.what();
  }
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}

namespace {
Config golden_config(const std::string& file) {
  Config c;
  c.inputs.certificates = {file};
  c.model.methodology = Methodology::kPython;
  c.filters.sample_window_start = "2012-01-01";
  c.filters.sample_window_end = "2024-12-31";
  c.filters.property_types = {"House"};
  c.filters.built_forms = {"Mid-Terrace", "End-Terrace", "Enclosed Mid-Terrace",
                           "Enclosed End-Terrace"};
  c.filters.age_bands = {"before 1900", "1900-1929"};
  c.validation.max_reject_fraction = 0.9;
  return c;
}

std::int64_t counter(const ingest::IngestResult& r, const std::string& name) {
  for (const auto& [k, v] : r.report.counters)
    if (k == name) return v;
  ADD_FAILURE() << "no counter " << name;
  return -1;
}

std::vector<std::string> kept_prefixes(const ingest::IngestResult& r, const Comm& world) {
  std::string mine;
  const auto& certificates = r.dwellings.strings(dwelling::kCertificateNumber);
  for (std::size_t i = 0; i < certificates.size(); ++i)
    mine += std::string(certificates[i]).substr(0, 4) + '\n';
  std::vector<std::string> out;
  for (const std::string& part : world.allgather(mine))
    for (std::size_t b = 0, e; (e = part.find('\n', b)) != std::string::npos; b = e + 1)
      out.push_back(part.substr(b, e - b));
  return out;
}
}  // namespace

// The predecessor's two validation paths on the spec's golden rows (data validation
// §11.3, "Production flow"): path A (in memory) total 8, passed 3 (G01, G04, G07),
// duplicates 1, invalid 4; path B (staged) passed 4 (G06 survives), duplicates 1.
TEST(IngestStage, PredecessorValidationPathsOnTheGoldenRows) {
  Comm world;
  Config cfg = golden_config(HEATSTREET_SOURCE_DIR "/tests/data/data-validation-golden.csv");
  cfg.model.python_validation_path = ValidationPath::kInMemory;
  const ingest::IngestResult a = ingest::run(ingest_settings(cfg), world);
  EXPECT_EQ(kept_prefixes(a, world), (std::vector<std::string>{"0390", "0425", "6230"}));
  EXPECT_EQ(counter(a, "duplicates_removed"), 1);
  EXPECT_EQ(counter(a, "records_passed"), 3);
  EXPECT_EQ(counter(a, "missing_critical_fields"), 1);                       // G06: a real null
  EXPECT_EQ(counter(a, "implausible_floor_areas"), 1);                       // G03
  EXPECT_EQ(counter(a, "energy_values_clamped"), 1);                         // G04
  EXPECT_EQ(counter(a, "co2_values_clamped"), 1);                            // G05
  EXPECT_EQ(counter(a, "illogical_insulation"), 1);                          // G07
  EXPECT_EQ(world.sum(static_cast<std::int64_t>(a.rejects.num_rows())), 5);  // 4 invalid + G02

  cfg.model.python_validation_path = ValidationPath::kStaged;
  const ingest::IngestResult b = ingest::run(ingest_settings(cfg), world);
  EXPECT_EQ(kept_prefixes(b, world), (std::vector<std::string>{"0390", "0425", "1166", "6230"}));
  EXPECT_EQ(counter(b, "duplicates_removed"), 1);
  EXPECT_EQ(counter(b, "records_passed"), 5);  // before dedup: G01 G02 G04 G06 G07
}

// Where the orders differ: the newest certificate of a dwelling fails a rule. Path A
// deduplicates first and so loses the dwelling; path B keeps the older valid certificate.
TEST(IngestStage, InMemoryPathDeduplicatesBeforeTheRules) {
  Comm world;
  std::string dir;
  if (world.root()) {
    dir = (std::filesystem::temp_directory_path() /
           ("heatstreet-ingest-pathA-np" + std::to_string(world.size()) + "-" +
            std::to_string(getpid())))
              .string();
    std::filesystem::create_directories(dir);
    std::ostringstream o;
    o << "LMK_KEY,UPRN,ADDRESS,POSTCODE,LOCAL_AUTHORITY,PROPERTY_TYPE,BUILT_FORM,"
         "CONSTRUCTION_AGE_BAND,LODGEMENT_DATE,TOTAL_FLOOR_AREA,CURRENT_ENERGY_RATING,"
         "ENERGY_CONSUMPTION_CURRENT,CO2_EMISSIONS_CURRENT,WALLS_DESCRIPTION,"
         "MAINHEAT_DESCRIPTION\n";
    for (int i = 0; i < 40; ++i) {
      // Dwellings 0-9: an old valid certificate and a newer one with a 10 m2 floor area.
      const int uprn = 1000 + (i % 20);
      const bool newer = i >= 20;
      const bool broken = newer && i < 30;
      o << "C" << i << ',' << uprn << ",1 Road,E1 1AA,E09000001,House,Mid-Terrace,1900-1929,"
        << (newer ? "2022-01-01," : "2015-01-01,") << (broken ? "10" : "80")
        << ",D,200,3,Solid brick,Boiler\n";
    }
    write_vsi(dir + "/certificates.csv", o.str());
  }
  dir = world.bcast(dir);
  Config cfg;
  cfg.inputs.certificates = {dir + "/certificates.csv"};
  cfg.model.methodology = Methodology::kPython;
  cfg.validation.max_reject_fraction = 0.9;
  cfg.model.python_validation_path = ValidationPath::kInMemory;
  const ingest::IngestResult a = ingest::run(ingest_settings(cfg), world);
  EXPECT_EQ(world.sum(static_cast<std::int64_t>(a.dwellings.num_rows())), 10);
  EXPECT_EQ(counter(a, "duplicates_removed"), 20);
  EXPECT_EQ(counter(a, "implausible_floor_areas"), 10);
  cfg.model.python_validation_path = ValidationPath::kStaged;
  const ingest::IngestResult b = ingest::run(ingest_settings(cfg), world);
  EXPECT_EQ(world.sum(static_cast<std::int64_t>(b.dwellings.num_rows())), 20);
  EXPECT_EQ(counter(b, "duplicates_removed"), 10);
  EXPECT_EQ(counter(b, "implausible_floor_areas"), 10);
  world.barrier();
  if (world.root()) std::filesystem::remove_all(dir);
}
