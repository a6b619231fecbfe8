// The collective results writer: round trip of every column type on 1-4 ranks with
// uneven blocks (one rank empty), identical bytes whatever the rank count, the
// `complete` marker, and write failures as exit code 4.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <mpi.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "heatstreet/grid_maps.hpp"
#include "heatstreet/h5.hpp"
#include "heatstreet/map_cells.hpp"
#include "heatstreet/mpi_comm.hpp"
#include "heatstreet/provenance.hpp"
#include "heatstreet/results_writer.hpp"
#include "heatstreet/table.hpp"

namespace fs = std::filesystem;
using namespace heatstreet;

namespace {

constexpr std::size_t kRows = 10007;  // prime, so no block boundary falls on a chunk edge

// A scratch directory shared by all ranks, removed at the end of the test.
struct ScratchDir {
  explicit ScratchDir(const Comm& comm) : comm_(comm) {
    std::string p;
    if (comm.root()) {
      char tmpl[] = "/tmp/heatstreet-results-XXXXXX";
      p = mkdtemp(tmpl);
    }
    path = comm.bcast(p);
  }
  ~ScratchDir() {
    comm_.barrier();
    if (comm_.root()) fs::remove_all(path);
  }
  std::string path;
  const Comm& comm_;
};

const std::vector<std::string> kTierLabels = {"", "Tier 1", "Tier 2", "Tier 3", "Tier 4",
                                              "Tier 5"};

// The global table: deterministic values of every column type, with NaN, missing codes,
// empty strings and non-ASCII text.
Table make_global_table(std::size_t n) {
  Table t;
  auto& id = t.add_strings({"certificate_number", "", "register certificate id", {}});
  auto& uprn = t.add<std::int64_t>({"uprn", "", "unique property reference", {}});
  auto& days = t.add<std::int32_t>({"lodgement_date", "days since 1970-01-01", "lodged", {}});
  auto& small = t.add<std::int8_t>({"delta", "", "signed small integer", {}});
  auto& tier = t.add<std::uint8_t>({"tier", "", "heat-network tier", kTierLabels});
  auto& dens = t.add<double>({"heat_density_gwh_km2", "GWh/km2", "neighbourhood density", {}});
  auto& thick = t.add<float>({"roof_insulation_thickness_mm", "mm", "loft insulation", {}});
  auto& addr = t.add_strings({"address", "", "first address line", {}});
  for (std::size_t i = 0; i < n; ++i) {
    id.push_back(std::to_string(1000000007ULL * (i + 1) % 99999999967ULL));
    uprn.push_back(i % 17 == 0 ? -1 : static_cast<std::int64_t>(10000000000LL + 7919 * i));
    days.push_back(static_cast<std::int32_t>(14000 + (i * 37) % 5000));
    small.push_back(static_cast<std::int8_t>(static_cast<int>(i % 251) - 125));
    tier.push_back(i % 13 == 0 ? std::uint8_t{255} : static_cast<std::uint8_t>(1 + i % 5));
    dens.push_back(i % 11 == 0 ? std::nan("") : 0.5 + 0.001 * static_cast<double>(i) / 3.0);
    thick.push_back(i % 7 == 0 ? std::nanf("") : static_cast<float>(i % 400) * 0.25f);
    std::string a = i % 19 == 0 ? "" : std::to_string(i) + " Rue de l'\xc3\x89glise, \"Flat\" ";
    a.append(i % 23, 'x');
    addr.push_back(a);
  }
  return t;
}

// Rank r's contiguous block [begin, end) of the global rows: uneven, and with 3 or
// more ranks rank 1 holds nothing.
std::pair<std::size_t, std::size_t> block_of(int rank, int size, std::size_t n) {
  std::vector<std::size_t> weight(static_cast<std::size_t>(size));
  for (int r = 0; r < size; ++r) weight[static_cast<std::size_t>(r)] = static_cast<std::size_t>(2 * r + 3);
  if (size >= 3) weight[1] = 0;
  std::size_t total = 0;
  for (std::size_t w : weight) total += w;
  std::size_t begin = 0, acc = 0;
  for (int r = 0; r < rank; ++r) acc += weight[static_cast<std::size_t>(r)];
  begin = n * acc / total;
  const std::size_t end = n * (acc + weight[static_cast<std::size_t>(rank)]) / total;
  return {begin, end};
}

Table local_block(const Table& global, const Comm& comm) {
  auto [b, e] = block_of(comm.rank(), comm.size(), global.num_rows());
  std::vector<std::size_t> idx;
  for (std::size_t i = b; i < e; ++i) idx.push_back(i);
  return global.gather(idx);
}

Table small_summary() {
  Table s;
  auto& name = s.add_strings({"scenario", "", "scenario name", {}});
  auto& cost = s.add<double>({"capital_cost_gbp", "GBP", "total capital cost", {}});
  name.push_back("heat_pump");
  name.push_back("fabric_only");
  cost.push_back(1.5e9);
  cost.push_back(2.25e8);
  return s;
}

void write_file(const std::string& path, const Table& local, const Comm& comm, int level,
                bool finish = true) {
  ResultsWriter w(path, comm, level);
  w.write_table("/properties", local);
  w.write_small_table("/scenarios/heat_pump/summary", small_summary());
  w.write_attribute("/scenarios/heat_pump", "label", "Heat pump");
  if (finish) w.finish();
}

// Raw bytes of a dataset in its file type.
std::vector<char> raw_bytes(hid_t file, const std::string& path) {
  h5::Dataset d = h5::open_dataset(file, path);
  h5::Type t(H5Dget_type(d.id()), H5Tclose);
  h5::Space s = h5::dataset_space(d, path);
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(s.id()));
  std::vector<char> buf(n * H5Tget_size(t.id()) + 1);
  if (n > 0) {
    EXPECT_GE(H5Dread(d.id(), t.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), 0);
  }
  buf.resize(n * H5Tget_size(t.id()));
  return buf;
}

template <class T>
std::vector<T> read_numeric(hid_t file, const std::string& path, hid_t mem_type) {
  h5::Dataset d = h5::open_dataset(file, path);
  h5::Space s = h5::dataset_space(d, path);
  std::vector<T> v(static_cast<std::size_t>(H5Sget_simple_extent_npoints(s.id())));
  EXPECT_GE(H5Dread(d.id(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), 0);
  return v;
}

std::vector<std::string> read_fixed_strings(hid_t file, const std::string& path) {
  h5::Dataset d = h5::open_dataset(file, path);
  h5::Type t(H5Dget_type(d.id()), H5Tclose);
  EXPECT_EQ(H5Tget_class(t.id()), H5T_STRING);
  EXPECT_EQ(H5Tget_strpad(t.id()), H5T_STR_NULLPAD);
  const std::size_t w = H5Tget_size(t.id());
  std::vector<char> raw = raw_bytes(file, path);
  std::vector<std::string> out;
  for (std::size_t i = 0; i + w <= raw.size(); i += w)
    out.emplace_back(raw.data() + i, strnlen(raw.data() + i, w));
  return out;
}

h5::File open_serial(const std::string& path) {
  return h5::File(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", path),
                  H5Fclose);
}

template <class T>
void expect_same_numbers(const std::vector<T>& got, const std::vector<T>& want, const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(static_cast<double>(want[i]))) {
      EXPECT_TRUE(std::isnan(static_cast<double>(got[i]))) << what << " row " << i;
    } else {
      ASSERT_EQ(got[i], want[i]) << what << " row " << i;
    }
  }
}

}  // namespace

class ResultsWriterTest : public ::testing::TestWithParam<int> {};

TEST_P(ResultsWriterTest, EveryValueReadsBackInGlobalOrder) {
  Comm comm;
  ScratchDir dir(comm);
  const Table global = make_global_table(kRows);
  const std::string path = dir.path + "/results.h5";
  write_file(path, local_block(global, comm), comm, GetParam());

  if (comm.root()) {
    h5::silence_library_errors();
    h5::File f = open_serial(path);
    expect_same_numbers(read_numeric<std::int64_t>(f.id(), "/properties/uprn", H5T_NATIVE_INT64),
                        global.get<std::int64_t>("uprn"), "uprn");
    expect_same_numbers(
        read_numeric<std::int32_t>(f.id(), "/properties/lodgement_date", H5T_NATIVE_INT32),
        global.get<std::int32_t>("lodgement_date"), "lodgement_date");
    expect_same_numbers(read_numeric<std::int8_t>(f.id(), "/properties/delta", H5T_NATIVE_INT8),
                        global.get<std::int8_t>("delta"), "delta");
    expect_same_numbers(read_numeric<std::uint8_t>(f.id(), "/properties/tier", H5T_NATIVE_UINT8),
                        global.get<std::uint8_t>("tier"), "tier");
    expect_same_numbers(
        read_numeric<double>(f.id(), "/properties/heat_density_gwh_km2", H5T_NATIVE_DOUBLE),
        global.get<double>("heat_density_gwh_km2"), "density");
    expect_same_numbers(
        read_numeric<float>(f.id(), "/properties/roof_insulation_thickness_mm", H5T_NATIVE_FLOAT),
        global.get<float>("roof_insulation_thickness_mm"), "thickness");
    for (const char* name : {"certificate_number", "address"}) {
      const std::vector<std::string> got = read_fixed_strings(f.id(), std::string("/properties/") + name);
      const StringColumn& want = global.strings(name);
      ASSERT_EQ(got.size(), want.size());
      for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], want[i]) << name << " " << i;
    }

    // Attributes: units, description, code labels, row count, the small table.
    h5::Dataset tier = h5::open_dataset(f.id(), "/properties/tier");
    EXPECT_EQ(h5::read_string_array_attribute(tier.id(), "tier", "labels"), kTierLabels);
    EXPECT_EQ(h5::read_int_attribute(tier.id(), "tier", "missing_code"), 255);
    EXPECT_EQ(h5::read_string_attribute(tier.id(), "tier", "description"), "heat-network tier");
    h5::Dataset dens = h5::open_dataset(f.id(), "/properties/heat_density_gwh_km2");
    EXPECT_EQ(h5::read_string_attribute(dens.id(), "d", "units"), "GWh/km2");
    EXPECT_FALSE(h5::attribute_exists(dens.id(), "d", "labels"));
    h5::Group props = h5::open_group(f.id(), "/properties");
    EXPECT_EQ(h5::read_int_attribute(props.id(), "/properties", "num_rows"),
              static_cast<std::int64_t>(kRows));
    EXPECT_EQ(read_fixed_strings(f.id(), "/scenarios/heat_pump/summary/scenario"),
              (std::vector<std::string>{"heat_pump", "fabric_only"}));
    EXPECT_EQ(read_numeric<double>(f.id(), "/scenarios/heat_pump/summary/capital_cost_gbp",
                                   H5T_NATIVE_DOUBLE),
              (std::vector<double>{1.5e9, 2.25e8}));
    h5::Group hp = h5::open_group(f.id(), "/scenarios/heat_pump");
    EXPECT_EQ(h5::read_string_attribute(hp.id(), "hp", "label"), "Heat pump");
    h5::Group root = h5::open_group(f.id(), "/");
    EXPECT_EQ(h5::read_int_attribute(root.id(), "/", "complete"), 1);

    // Compressed files are chunked with DEFLATE; level 0 is contiguous.
    h5::PropList dcpl(H5Dget_create_plist(dens.id()), H5Pclose);
    if (GetParam() > 0) {
      EXPECT_EQ(H5Pget_layout(dcpl.id()), H5D_CHUNKED);
      EXPECT_GE(H5Pget_nfilters(dcpl.id()), 1);
    } else {
      EXPECT_EQ(H5Pget_layout(dcpl.id()), H5D_CONTIGUOUS);
    }
  }
  comm.barrier();
}

TEST_P(ResultsWriterTest, SameBytesAsASingleRankWrite) {
  Comm comm;
  ScratchDir dir(comm);
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);  // fixes end_time, the only varying value
  const Table global = make_global_table(kRows);
  const std::string many = dir.path + "/many.h5";
  const std::string one = dir.path + "/one.h5";
  write_file(many, local_block(global, comm), comm, GetParam());

  // The same rows written by rank 0 alone, on a communicator of its own.
  MPI_Comm sub = MPI_COMM_NULL;
  MPI_Comm_split(MPI_COMM_WORLD, comm.root() ? 0 : MPI_UNDEFINED, 0, &sub);
  if (comm.root()) {
    {
      Comm solo(sub);
      write_file(one, global, solo, GetParam());
    }
    MPI_Comm_free(&sub);

    h5::silence_library_errors();
    h5::File a = open_serial(many);
    h5::File b = open_serial(one);
    for (const Column& c : global.columns()) {
      const std::string p = "/properties/" + c.info.name;
      EXPECT_EQ(raw_bytes(a.id(), p), raw_bytes(b.id(), p)) << p;
    }
    a.reset();
    b.reset();
    const std::string diff = "h5diff -q '" + many + "' '" + one + "'";
    if (std::system("command -v h5diff >/dev/null 2>&1") == 0) {
      EXPECT_EQ(std::system(diff.c_str()), 0) << diff;
    }
    // The file's bytes themselves are not compared: parallel HDF5 may place object
    // headers and chunks in the order ranks happen to reach them. Every dataset's
    // values are identical (above), which is what the results promise.
  }
  unsetenv("SOURCE_DATE_EPOCH");
  comm.barrier();
}

// A skipped column is not written, and a linked name reads as the dataset it points to
// (values and attributes), stored once.
TEST_P(ResultsWriterTest, SkippedColumnsAndLinksReadBackAsTheLinkedDataset) {
  Comm comm;
  ScratchDir dir(comm);
  const Table global = make_global_table(kRows);
  const std::string path = dir.path + "/results.h5";
  {
    ResultsWriter w(path, comm, GetParam());
    const Table local = local_block(global, comm);
    w.write_table("/scenarios/a", local);
    w.write_table("/scenarios/b", local, {"uprn", "tier"});
    w.link("/scenarios/a/uprn", "/scenarios/b/uprn");
    w.finish();
  }
  if (comm.root()) {
    h5::silence_library_errors();
    h5::File f = open_serial(path);
    expect_same_numbers(read_numeric<std::int64_t>(f.id(), "/scenarios/b/uprn", H5T_NATIVE_INT64),
                        global.get<std::int64_t>("uprn"), "linked uprn");
    expect_same_numbers(read_numeric<double>(f.id(), "/scenarios/b/heat_density_gwh_km2", H5T_NATIVE_DOUBLE),
                        global.get<double>("heat_density_gwh_km2"), "written density");
    EXPECT_FALSE(h5::link_exists(f.id(), "/scenarios/b/tier"));
    EXPECT_TRUE(h5::link_exists(f.id(), "/scenarios/a/tier"));
    // One object behind both names.
    H5O_info_t a{}, b{};
    ASSERT_GE(H5Oget_info_by_name2(f.id(), "/scenarios/a/uprn", &a, H5O_INFO_BASIC, H5P_DEFAULT), 0);
    ASSERT_GE(H5Oget_info_by_name2(f.id(), "/scenarios/b/uprn", &b, H5O_INFO_BASIC, H5P_DEFAULT), 0);
    EXPECT_EQ(a.addr, b.addr);
    EXPECT_EQ(a.rc, 2u);
  }
}

INSTANTIATE_TEST_SUITE_P(Compression, ResultsWriterTest, ::testing::Values(0, 4));

TEST(ResultsWriter, CompleteIsMissingUnlessFinished) {
  Comm comm;
  ScratchDir dir(comm);
  const std::string path = dir.path + "/unfinished.h5";
  write_file(path, local_block(make_global_table(100), comm), comm, 4, /*finish=*/false);
  if (comm.root()) {
    h5::silence_library_errors();
    h5::File f = open_serial(path);
    h5::Group root = h5::open_group(f.id(), "/");
    EXPECT_FALSE(h5::attribute_exists(root.id(), "/", "complete"));
    EXPECT_FALSE(h5::attribute_exists(root.id(), "/", "end_time"));
    EXPECT_TRUE(h5::link_exists(f.id(), "/properties/uprn"));
  }
  comm.barrier();
}

// Tables written back to back, checkpoints between them and writes after a checkpoint:
// the writeback started after each table must neither lose nor reorder anything.
TEST(ResultsWriter, TablesAroundCheckpointsAllReadBack) {
  Comm comm;
  ScratchDir dir(comm);
  const std::string path = dir.path + "/checkpoints.h5";
  const Table global = make_global_table(kRows);
  const Table local = local_block(global, comm);
  {
    ResultsWriter w(path, comm, 0);
    w.write_table("/properties", local);
    w.write_table("/grid", local);
    w.flush();
    for (const char* g : {"/scenarios/a", "/scenarios/b", "/scenarios/c"}) {
      w.write_table(g, local);
      w.write_small_table(std::string(g) + "/summary", small_summary());
      w.flush();
    }
    w.write_table("/rejects", local);
    w.finish();
  }
  if (comm.root()) {
    h5::File f = open_serial(path);
    const std::vector<std::int64_t>& expected = global.get<std::int64_t>("uprn");
    for (const char* g : {"/properties", "/grid", "/scenarios/a", "/scenarios/b",
                          "/scenarios/c", "/rejects"})
      EXPECT_EQ(read_numeric<std::int64_t>(f.id(), std::string(g) + "/uprn", H5T_NATIVE_INT64),
                expected)
          << g;
    h5::Group root = h5::open_group(f.id(), "/");
    EXPECT_EQ(h5::read_int_attribute(root.id(), "/", "complete"), 1);
  }
  comm.barrier();
}

TEST(ResultsWriter, EmptyTableStillWritesItsDatasets) {
  Comm comm;
  ScratchDir dir(comm);
  const std::string path = dir.path + "/empty.h5";
  {
    ResultsWriter w(path, comm, 4);
    w.write_table("/rejects", make_global_table(0));
    w.finish();
  }
  if (comm.root()) {
    h5::File f = open_serial(path);
    EXPECT_TRUE(read_fixed_strings(f.id(), "/rejects/address").empty());
    EXPECT_TRUE(read_numeric<double>(f.id(), "/rejects/heat_density_gwh_km2", H5T_NATIVE_DOUBLE)
                    .empty());
  }
  comm.barrier();
}

TEST(ResultsWriter, ProvenanceAttributes) {
  Comm comm;
  ScratchDir dir(comm);
  const std::string input = dir.path + "/input.csv";
  if (comm.root()) std::ofstream(input) << "abc";
  comm.barrier();
  Provenance p;
  p.configuration_yaml = "output:\n  dir: x\n";
  p.methodology = "documented";
  p.inputs = describe_inputs({input, input}, comm);
  p.start_time = "2024-01-02T03:04:05Z";
  ASSERT_EQ(p.inputs.size(), 2u);
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(p.inputs[1].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(p.inputs[0].size_bytes, 3u);
  const std::string path = dir.path + "/prov.h5";
  {
    ResultsWriter w(path, comm, 0);
    write_provenance(w, p);
    w.finish();
  }
  if (comm.root()) {
    h5::File f = open_serial(path);
    h5::Group root = h5::open_group(f.id(), "/");
    EXPECT_EQ(h5::read_string_attribute(root.id(), "/", "configuration"), p.configuration_yaml);
    EXPECT_EQ(h5::read_string_attribute(root.id(), "/", "start_time"), p.start_time);
    EXPECT_EQ(h5::read_int_attribute(root.id(), "/", "ranks"), comm.size());
    EXPECT_EQ(h5::read_string_array_attribute(root.id(), "/", "input_files"),
              (std::vector<std::string>{input, input}));
    EXPECT_EQ(h5::read_string_attribute(root.id(), "/", "end_time").size(), 20u);
  }
  comm.barrier();
}

TEST(ResultsWriter, UncreatableFileIsAnOutputErrorOnEveryRank) {
  Comm comm;
  ScratchDir dir(comm);
  for (const std::string& bad : {dir.path + "/missing-dir/results.h5", dir.path}) {
    try {
      ResultsWriter w(bad, comm, 4);
      ADD_FAILURE() << "created " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.exit_code(), 4) << e.what();
      EXPECT_NE(std::string(e.what()).find("H5Fcreate " + bad), std::string::npos) << e.what();
    }
  }
}

TEST(MapCells, GatheredCellsAreTheSameForAnyRankCount) {
  Comm comm;
  // 600 dwellings over a 7 × 5 patch of cells; each rank tallies its own block.
  const std::size_t n = 600;
  std::vector<std::int64_t> ix, iy;
  std::vector<double> d;
  std::vector<std::uint8_t> t;
  for (std::size_t i = 0; i < n; ++i) {
    ix.push_back(static_cast<std::int64_t>(4000 + (i * 7) % 7 + i % 7));
    iy.push_back(static_cast<std::int64_t>(1400 + (i / 7) % 5));
    d.push_back(static_cast<double>(ix.back() * 3 + iy.back()));  // a function of the cell
    t.push_back(static_cast<std::uint8_t>(i % 11 == 0 ? 255 : 1 + (i * i) % 5));
  }
  const std::vector<CellValue> expected = merge_tallies(tally_cells(ix, iy, d, t));
  auto [b, e] = block_of(comm.rank(), comm.size(), n);
  auto part = [&](const auto& v) { return std::vector<typename std::decay_t<decltype(v)>::value_type>(v.begin() + b, v.begin() + e); };
  const std::vector<CellValue> got =
      gather_map_cells(tally_cells(part(ix), part(iy), part(d), part(t)), comm);
  if (comm.root()) {
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].ix, expected[i].ix);
      EXPECT_EQ(got[i].iy, expected[i].iy);
      EXPECT_EQ(got[i].tier, expected[i].tier);
      EXPECT_EQ(got[i].density_gwh_km2, expected[i].density_gwh_km2);
    }
  } else {
    EXPECT_TRUE(got.empty());
  }
}
