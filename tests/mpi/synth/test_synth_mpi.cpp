// MPI tests of `heatstreet synth`: the same seed gives byte-identical files on the whole
// communicator and on one rank, and the files agree with each other and with the manifest.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <mpi.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "heatstreet/synth/synth.hpp"
#include "synth_check.hpp"

namespace fs = std::filesystem;
namespace sc = synth_check;
using heatstreet::synth::Options;

namespace {

int world_rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

// One temporary directory per run: rank 0's PID, known to every rank.
struct TempRoot {
  std::string path;
  int rank = 0;  // kept: the destructor runs after MPI_Finalize
  TempRoot() {
    rank = world_rank();
    long pid = rank == 0 ? static_cast<long>(::getpid()) : 0;
    MPI_Bcast(&pid, 1, MPI_LONG, 0, MPI_COMM_WORLD);
    path = "/tmp/heatstreet-synth-test-" + std::to_string(pid);
  }
  ~TempRoot() {
    if (rank == 0) {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  }
};

TempRoot& root() {
  static TempRoot r;
  return r;
}

// Generates with the options on the whole communicator into <root>/<name>/all and on a
// one-rank sub-communicator into <root>/<name>/one. Collective; done once per name.
std::string generate_twice(const std::string& name, Options o) {
  static std::set<std::string> done;
  const std::string base = root().path + "/" + name;
  if (done.insert(name).second) {
    o.out_dir = base + "/all";
    heatstreet::synth::generate(o, MPI_COMM_WORLD);
    MPI_Comm solo;
    MPI_Comm_split(MPI_COMM_WORLD, world_rank() == 0 ? 0 : MPI_UNDEFINED, 0, &solo);
    if (solo != MPI_COMM_NULL) {
      o.out_dir = base + "/one";
      heatstreet::synth::generate(o, solo);
      MPI_Comm_free(&solo);
    }
    MPI_Barrier(MPI_COMM_WORLD);
  }
  return base;
}

Options london_options() {
  Options o;
  o.n = 3000;
  o.seed = 7;
  o.region = "london";
  o.zip = true;
  return o;
}

std::map<std::string, std::string> tree(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file())
      files[fs::relative(e.path(), dir).string()] = sc::read_file(e.path().string());
  }
  return files;
}

void expect_identical(const std::string& base) {
  auto all = tree(base + "/all");
  auto one = tree(base + "/one");
  ASSERT_EQ(all.size(), one.size());
  for (const auto& [name, bytes] : all) {
    ASSERT_TRUE(one.count(name)) << name;
    EXPECT_TRUE(bytes == one[name]) << name << " differs between rank counts";
  }
}

nlohmann::json manifest(const std::string& dir) {
  return nlohmann::json::parse(sc::read_file(dir + "/manifest.json"));
}

std::set<std::string> postcode_set(const std::string& dir, std::size_t* duplicates) {
  auto csv = sc::parse_csv(sc::read_file(dir + "/postcodes.csv"));
  std::set<std::string> s;
  *duplicates = 0;
  for (std::size_t i = 1; i < csv.rows.size(); ++i) {
    if (!s.insert(csv.rows[i][0]).second) ++*duplicates;
  }
  return s;
}

}  // namespace

TEST(SynthMpi, LondonFilesAreIdenticalWhateverTheRankCount) {
  const std::string base = generate_twice("london", london_options());
  if (world_rank() != 0) return;
  expect_identical(base);
  EXPECT_TRUE(fs::exists(base + "/all/certificates.zip"));
  EXPECT_TRUE(fs::exists(base + "/all/zones.gpkg"));
}

TEST(SynthMpi, EnglandFilesAreIdenticalWhateverTheRankCount) {
  Options o;
  o.n = 1500;
  o.seed = 3;
  o.region = "england";
  const std::string base = generate_twice("england", o);
  if (world_rank() != 0) return;
  expect_identical(base);
  auto m = manifest(base + "/all");
  EXPECT_GT(m["local_authorities"].size(), 300u);
  EXPECT_GT(m["stock"]["outside_london"].get<std::uint64_t>(), 1000u);
}

TEST(SynthMpi, HeadersAndFileQuirksMatchTheManifest) {
  const std::string dir = generate_twice("london", london_options()) + "/all";
  if (world_rank() != 0) return;
  auto m = manifest(dir);
  ASSERT_EQ(m["local_authorities"].size(), 33u);
  std::size_t boms = 0, crlfs = 0;
  for (const auto& la : m["local_authorities"]) {
    const std::string file = dir + "/" + la["file"].get<std::string>();
    auto csv = sc::parse_csv(sc::read_file(file));
    ASSERT_FALSE(csv.rows.empty()) << file;
    EXPECT_EQ(csv.rows[0], heatstreet::synth::certificate_columns()) << file;
    EXPECT_EQ(csv.bom, la["bom"].get<bool>()) << file;
    EXPECT_EQ(csv.crlf, la["crlf"].get<bool>()) << file;
    EXPECT_EQ(fs::file_size(file), la["bytes"].get<std::uint64_t>());
    boms += csv.bom;
    crlfs += csv.crlf;
  }
  EXPECT_GE(boms, 1u);
  EXPECT_GE(crlfs, 1u);
  EXPECT_EQ(m["seed"], 7);
  EXPECT_EQ(m["n"], 3000);
}

TEST(SynthMpi, ManifestCountsMatchTheRows) {
  const std::string dir = generate_twice("london", london_options()) + "/all";
  if (world_rank() != 0) return;
  auto m = manifest(dir);
  std::size_t dup = 0;
  const auto known = postcode_set(dir, &dup);
  sc::Columns c(heatstreet::synth::certificate_columns());
  std::uint64_t total = 0, without_uprn = 0, with_uprn = 0, line_breaks = 0;
  std::set<std::string> uprns, in_stock_uprns;
  std::uint64_t in_stock_rows = 0, in_stock_with_uprn = 0, in_stock_without = 0;
  std::map<std::string, std::uint64_t> stock, defects, in_defects;
  for (const auto& la : m["local_authorities"]) {
    auto csv = sc::parse_csv(sc::read_file(dir + "/" + la["file"].get<std::string>()));
    const std::uint64_t rows = csv.rows.size() - 1;
    EXPECT_EQ(rows, la["rows"].get<std::uint64_t>());
    total += rows;
    line_breaks += csv.embedded_line_breaks;
    std::uint64_t la_stock = 0;
    for (std::size_t i = 1; i < csv.rows.size(); ++i) {
      const auto& r = csv.rows[i];
      ASSERT_EQ(r.size(), 92u);
      EXPECT_EQ(r[c("LOCAL_AUTHORITY")], la["code"].get<std::string>());
      const std::string reason = sc::stock_reason(r, c, true);
      const std::string defect = sc::defect_of(r, c, known);
      stock[reason]++;
      if (defect != "none") defects[defect]++;
      const bool in = reason == "in_stock";
      const std::string& uprn = r[c("UPRN")];
      if (uprn.empty()) {
        ++without_uprn;
        in_stock_without += in;
      } else {
        ++with_uprn;
        uprns.insert(uprn);
        if (in) {
          ++in_stock_with_uprn;
          in_stock_uprns.insert(uprn);
        }
      }
      if (in) {
        ++in_stock_rows;
        ++la_stock;
        if (defect != "none") in_defects[defect]++;
      }
    }
    EXPECT_EQ(la_stock, la["in_stock_rows"].get<std::uint64_t>()) << la["name"];
  }
  EXPECT_EQ(total, m["rows"]["total"].get<std::uint64_t>());
  EXPECT_EQ(without_uprn, m["rows"]["without_uprn"].get<std::uint64_t>());
  EXPECT_EQ(with_uprn, m["rows"]["with_uprn"].get<std::uint64_t>());
  // Older duplicates: rows with a UPRN beyond the first of each UPRN.
  EXPECT_EQ(with_uprn - uprns.size(), m["rows"]["older_duplicates"].get<std::uint64_t>());
  EXPECT_EQ(line_breaks, m["rows"]["embedded_line_breaks"].get<std::uint64_t>());
  for (const auto& [reason, count] : m["stock"].items()) {
    EXPECT_EQ(stock[reason], count.get<std::uint64_t>()) << reason;
  }
  std::uint64_t dirty = 0;
  for (const auto& [kind, count] : m["defects"].items()) {
    EXPECT_EQ(defects[kind], count.get<std::uint64_t>()) << kind;
    dirty += count.get<std::uint64_t>();
  }
  EXPECT_EQ(dirty, m["dirty_rows"].get<std::uint64_t>());
  EXPECT_NEAR(static_cast<double>(dirty) / total, 0.02, 0.01);
  const auto& in = m["in_stock"];
  EXPECT_EQ(in_stock_rows, in["rows"].get<std::uint64_t>());
  EXPECT_EQ(in_stock_without, in["without_uprn"].get<std::uint64_t>());
  EXPECT_EQ(in_stock_with_uprn - in_stock_uprns.size(),
            in["older_duplicates"].get<std::uint64_t>());
  std::uint64_t dropped = 0;
  for (const auto& [kind, count] : in["defects"].items()) {
    EXPECT_EQ(in_defects[kind], count.get<std::uint64_t>()) << kind;
  }
  for (const char* k : {"floor_area_out_of_bounds", "floor_area_malformed",
                        "energy_severely_negative", "co2_severely_negative", "missing_address",
                        "missing_postcode", "missing_current_energy_rating",
                        "missing_walls_description", "missing_mainheat_description"}) {
    dropped += in_defects[k];
  }
  EXPECT_EQ(dropped, in["rows_dropped_by_validation"].get<std::uint64_t>());
  EXPECT_EQ(in_stock_rows - dropped - (in_stock_with_uprn - in_stock_uprns.size()),
            in["expected_cohort"].get<std::uint64_t>());
}

TEST(SynthMpi, PostcodesCoverEveryKnownPostcode) {
  const std::string dir = generate_twice("london", london_options()) + "/all";
  if (world_rank() != 0) return;
  std::size_t dup = 0;
  const auto known = postcode_set(dir, &dup);
  EXPECT_EQ(dup, 0u);
  auto pcs = sc::parse_csv(sc::read_file(dir + "/postcodes.csv"));
  ASSERT_EQ(pcs.rows[0], (std::vector<std::string>{"postcode", "easting", "northing"}));
  for (std::size_t i = 1; i < pcs.rows.size(); ++i) {
    double e = std::stod(pcs.rows[i][1]), n = std::stod(pcs.rows[i][2]);
    EXPECT_GE(e, 503000);
    EXPECT_LE(e, 561000);
    EXPECT_GE(n, 155000);
    EXPECT_LE(n, 201000);
  }
  sc::Columns c(heatstreet::synth::certificate_columns());
  std::uint64_t unknown = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/certificates")) {
    if (!e.is_regular_file()) continue;
    auto csv = sc::parse_csv(sc::read_file(e.path().string()));
    for (std::size_t i = 1; i < csv.rows.size(); ++i) {
      const std::string& pc = csv.rows[i][c("POSTCODE")];
      if (pc.empty()) continue;
      if (!known.count(sc::clean_postcode(pc))) ++unknown;
    }
  }
  EXPECT_EQ(unknown, manifest(dir)["defects"]["unknown_postcode"].get<std::uint64_t>());
}

TEST(SynthMpi, ZonesAreEpsg27700Polygons) {
  const std::string dir = generate_twice("london", london_options()) + "/all";
  if (world_rank() != 0) return;
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(
      GDALOpenEx((dir + "/zones.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr,
                 nullptr)));
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("heat_network_zones");
  ASSERT_NE(layer, nullptr);
  const OGRSpatialReference* srs = layer->GetSpatialRef();
  ASSERT_NE(srs, nullptr);
  ASSERT_NE(srs->GetAuthorityCode(nullptr), nullptr);
  EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "27700");
  EXPECT_EQ(wkbFlatten(layer->GetGeomType()), wkbPolygon);
  auto m = manifest(dir);
  EXPECT_EQ(layer->GetFeatureCount(), m["zones"]["count"].get<GIntBig>());
  EXPECT_GE(layer->GetFeatureCount(), 3);
  layer->ResetReading();
  while (OGRFeature* f = layer->GetNextFeature()) {
    const OGRGeometry* g = f->GetGeometryRef();
    EXPECT_NE(g, nullptr);
    if (g) {
      EXPECT_EQ(wkbFlatten(g->getGeometryType()), wkbPolygon);
      OGREnvelope env;
      g->getEnvelope(&env);
      EXPECT_GE(env.MinX, 500000);
      EXPECT_LE(env.MaxX, 565000);
      EXPECT_GT(g->toPolygon()->get_Area(), 100000.0);
    }
    OGRFeature::DestroyFeature(f);
  }
}

TEST(SynthMpi, ZipMembersEqualTheFolders) {
  const std::string dir = generate_twice("london", london_options()) + "/all";
  if (world_rank() != 0) return;
  auto m = manifest(dir);
  for (const auto& la : m["local_authorities"]) {
    const std::string file =
        la["file"].get<std::string>();  // certificates/<folder>/certificates.csv
    const std::string member = file.substr(std::string("certificates/").size());
    const std::string vsi = "/vsizip/" + dir + "/certificates.zip/" + member;
    VSILFILE* f = VSIFOpenL(vsi.c_str(), "rb");
    ASSERT_NE(f, nullptr) << vsi;
    std::string bytes;
    char buf[65536];
    std::size_t got;
    while ((got = VSIFReadL(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, got);
    VSIFCloseL(f);
    EXPECT_TRUE(bytes == sc::read_file(dir + "/" + file)) << member;
  }
}

TEST(SynthMpi, HnpdQuirksAndCountsMatchTheManifest) {
  const std::string dir = generate_twice("london", london_options()) + "/all";
  if (world_rank() != 0) return;
  const std::string text = sc::read_file(dir + "/hnpd.csv");
  auto csv = sc::parse_csv(text);
  EXPECT_TRUE(csv.bom);
  EXPECT_TRUE(csv.crlf);
  EXPECT_NE(text.find("\xC2\xA0"), std::string::npos);
  // Header cleaning as spec spatial §2.5: NBSP and padding collapse to single spaces.
  auto norm = [](std::string s) {
    std::string t;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s.compare(i, 2, "\xC2\xA0") == 0) {
        t += ' ';
        ++i;
      } else {
        t += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
      }
    }
    std::string r;
    for (char c : t) {
      if (c == ' ' && (r.empty() || r.back() == ' ')) continue;
      r += c;
    }
    while (!r.empty() && r.back() == ' ') r.pop_back();
    return r;
  };
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < csv.rows[0].size(); ++i) col[norm(csv.rows[0][i])] = i;
  for (const char* h : {"ref id", "site name", "region", "development status",
                        "development status (short)", "x-coordinate", "y-coordinate"}) {
    ASSERT_TRUE(col.count(h)) << h;
  }
  auto coord = [&](const std::string& s, double* v) {
    std::string t;
    for (char ch : s)
      if (ch != ',') t += ch;
    std::string n = norm(t);
    if (n.empty() || n == "not set" || n == "none" || n == "nan" || n == "n/a") return false;
    char* end = nullptr;
    *v = std::strtod(n.c_str(), &end);
    return *end == '\0';
  };
  const std::set<std::string> t1 = {"operational", "under construction", "no application required",
                                    "no application made"};
  const std::set<std::string> t2 = {"planning permission granted", "appeal granted",
                                    "secretary of state - granted"};
  std::uint64_t usable = 0, n1 = 0, n2 = 0, london = 0, l1 = 0, l2 = 0, thousands = 0;
  for (std::size_t i = 1; i < csv.rows.size(); ++i) {
    const auto& r = csv.rows[i];
    std::string status = norm(r[col["development status"]]);
    if (status.empty() || status == "not set" || status == "none" || status == "nan") {
      status = norm(r[col["development status (short)"]]);
    }
    double x = -1, y = -1;
    bool ok = coord(r[col["x-coordinate"]], &x) && coord(r[col["y-coordinate"]], &y) && x >= 0 &&
              x <= 700000 && y >= 0 && y <= 1300000;
    thousands += r[col["x-coordinate"]].find(',') != std::string::npos;
    bool is_london = norm(r[col["region"]]) == "london";
    usable += ok;
    n1 += ok && t1.count(status);
    n2 += ok && t2.count(status);
    london += is_london;
    l1 += ok && is_london && t1.count(status);
    l2 += ok && is_london && t2.count(status);
  }
  auto h = manifest(dir)["hnpd"];
  EXPECT_EQ(csv.rows.size() - 1, h["rows"].get<std::uint64_t>());
  EXPECT_EQ(usable, h["usable_coordinates"].get<std::uint64_t>());
  EXPECT_EQ(n1, h["tier1_usable"].get<std::uint64_t>());
  EXPECT_EQ(n2, h["tier2_usable"].get<std::uint64_t>());
  EXPECT_EQ(london, h["london_rows"].get<std::uint64_t>());
  EXPECT_EQ(l1, h["london_tier1_usable"].get<std::uint64_t>());
  EXPECT_EQ(l2, h["london_tier2_usable"].get<std::uint64_t>());
  EXPECT_EQ(thousands, h["quirks"]["thousands_separator_coordinates"].get<std::uint64_t>());
  EXPECT_GT(l1, 50u);
  EXPECT_GT(l2, 20u);
  EXPECT_LT(usable, csv.rows.size() - 1);  // some rows have "Not set" or empty coordinates
}
