// The collective results writer: round trip of every column type on 1-4 ranks with
// uneven blocks (one rank empty), identical bytes whatever the rank count, repeated
// columns stored as views, the `complete` marker, and write failures as exit code 4.
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

#include "heatstreet/core/table.hpp"
#include "heatstreet/output/grid_maps.hpp"
#include "heatstreet/output/h5.hpp"
#include "heatstreet/output/map_cells.hpp"
#include "heatstreet/output/results_writer.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using namespace heatstreet;
using heatstreet::testing::ScratchDir;

namespace {

constexpr std::size_t kRows = 10007;  // prime, so no block boundary falls on a chunk edge

const std::vector<std::string> kTierLabels = {"", "Tier 1", "Tier 2", "Tier 3", "Tier 4", "Tier 5"};

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
  for (int r = 0; r < size; ++r)
    weight[static_cast<std::size_t>(r)] = static_cast<std::size_t>(2 * r + 3);
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
      const std::vector<std::string> got =
          read_fixed_strings(f.id(), std::string("/properties/") + name);
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
    expect_same_numbers(
        read_numeric<double>(f.id(), "/scenarios/b/heat_density_gwh_km2", H5T_NATIVE_DOUBLE),
        global.get<double>("heat_density_gwh_km2"), "written density");
    EXPECT_FALSE(h5::link_exists(f.id(), "/scenarios/b/tier"));
    EXPECT_TRUE(h5::link_exists(f.id(), "/scenarios/a/tier"));
    // One object behind both names.
    H5O_info_t a{}, b{};
    ASSERT_GE(H5Oget_info_by_name2(f.id(), "/scenarios/a/uprn", &a, H5O_INFO_BASIC, H5P_DEFAULT),
              0);
    ASSERT_GE(H5Oget_info_by_name2(f.id(), "/scenarios/b/uprn", &b, H5O_INFO_BASIC, H5P_DEFAULT),
              0);
    EXPECT_EQ(a.addr, b.addr);
    EXPECT_EQ(a.rc, 2u);
  }
}

namespace {

// How a dataset is stored: its layout and, for a view, what it maps.
struct Storage {
  H5D_layout_t layout;
  std::size_t mappings = 0;
  std::string source;  // the one mapping's dataset, if any
};

Storage storage_of(hid_t file, const std::string& path) {
  h5::Dataset d = h5::open_dataset(file, path);
  h5::PropList dcpl(H5Dget_create_plist(d.id()), H5Pclose);
  Storage s{H5Pget_layout(dcpl.id()), 0, ""};
  if (s.layout != H5D_VIRTUAL) return s;
  EXPECT_GE(H5Pget_virtual_count(dcpl.id(), &s.mappings), 0);
  if (s.mappings == 1) {
    char file_name[8] = {}, name[256] = {};
    EXPECT_GT(H5Pget_virtual_filename(dcpl.id(), 0, file_name, sizeof file_name), 0);
    EXPECT_STREQ(file_name, ".");
    EXPECT_GT(H5Pget_virtual_dsetname(dcpl.id(), 0, name, sizeof name), 0);
    s.source = name;
  }
  return s;
}

template <class T>
void expect_same_bits(const std::vector<T>& got, const std::vector<T>& want,
                      const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  EXPECT_EQ(std::memcmp(got.data(), want.data(), got.size() * sizeof(T)), 0) << what;
}

// A table of rows whose columns repeat one another and /properties in every way the
// writer recognises, and in ways it must not take for repeats.
Table make_repeating_table(const Table& props) {
  const std::size_t n = props.num_rows();
  const auto& density = props.get<double>("heat_density_gwh_km2");
  const auto& tier = props.get<std::uint8_t>("tier");
  Table t;
  auto add_double = [&](const char* name, std::vector<double> v) {
    t.add<double>({name, "kWh", std::string("column ") + name, {}}) = std::move(v);
  };
  std::vector<double> own(n), near = density, halves(n);
  for (std::size_t i = 0; i < n; ++i) {
    own[i] = 3.0 * static_cast<double>(i) + 0.25;
    halves[i] = i < n / 2 ? 1.0 : 2.0;
  }
  near[n - 1] = std::nextafter(near[n - 1], 1e9);
  add_double("copy_of_density", density);
  add_double("all_nan", std::vector<double>(n, std::nan("")));
  add_double("own", own);
  add_double("own_again", own);
  add_double("near_density", near);
  add_double("halves", halves);  // one value on a rank whose rows lie in one half
  add_double("halves_again", halves);
  t.add<std::int32_t>({"zeros", "", "all zero", {}}) = std::vector<std::int32_t>(n, 0);
  t.add<std::uint8_t>({"copy_of_tier", "", "tier again", kTierLabels}) = tier;
  std::vector<float> as_float(n);
  for (std::size_t i = 0; i < n; ++i) as_float[i] = static_cast<float>(own[i]);
  t.add<float>({"own_as_float", "kWh", "other type", {}}) = as_float;
  t.add_strings({"text", "", "text is always written", {}});
  for (std::size_t i = 0; i < n; ++i) t.strings("text").push_back("same");
  return t;
}

// The repeating table written four ways: with kView after /properties, again with kView
// (finding the first one's columns in the file), with kView from rank 0 alone, and with
// kWrite.
void write_repeats(const std::string& path, const Table& global, const Table& repeats,
                   const Comm& comm, int level) {
  ResultsWriter w(path, comm, level);
  const Table props = local_block(global, comm);
  w.write_table("/properties", props);
  w.hold_rows("/properties", props);
  w.write_table("/scenarios/a", local_block(repeats, comm), {}, ResultsWriter::Repeats::kView);
  // A second scenario finds the first one's columns in the file.
  w.write_table("/scenarios/b", local_block(repeats, comm), {"text"},
                ResultsWriter::Repeats::kView);
  // Rows spread otherwise than the sources' (all on rank 0): the same views.
  w.write_table("/scenarios/r0", comm.root() ? repeats : repeats.empty_like(), {"text"},
                ResultsWriter::Repeats::kView);
  // kWrite keeps everything.
  w.write_table("/scenarios/c", local_block(repeats, comm));
  w.finish();
}

// Each repeating column's storage in every group write_repeats wrote; `data` is the
// layout of a dataset with data of its own.
void expect_repeats_stored_as_views(hid_t file, H5D_layout_t data) {
  struct Want {
    const char* name;
    H5D_layout_t layout;
    std::size_t mappings;
    const char* source_a;  // in /scenarios/a
    const char* source_b;  // in /scenarios/b and /scenarios/r0
  };
  const Want wants[] = {
      {"copy_of_density", H5D_VIRTUAL, 1, "/properties/heat_density_gwh_km2",
       "/properties/heat_density_gwh_km2"},
      {"all_nan", H5D_VIRTUAL, 0, "", ""},
      {"own", data, 0, "", "/scenarios/a/own"},
      {"own_again", H5D_VIRTUAL, 1, "/scenarios/a/own", "/scenarios/a/own"},
      {"near_density", data, 0, "", "/scenarios/a/near_density"},
      {"halves", data, 0, "", "/scenarios/a/halves"},
      {"halves_again", H5D_VIRTUAL, 1, "/scenarios/a/halves", "/scenarios/a/halves"},
      {"zeros", H5D_VIRTUAL, 0, "", ""},
      {"copy_of_tier", H5D_VIRTUAL, 1, "/properties/tier", "/properties/tier"},
      {"own_as_float", data, 0, "", "/scenarios/a/own_as_float"},
      {"text", data, 0, "", ""},
  };
  for (const Want& want : wants) {
    for (const char* group : {"/scenarios/a", "/scenarios/b", "/scenarios/r0"}) {
      const bool in_b = std::string(group) != "/scenarios/a";
      const std::string p = std::string(group) + "/" + want.name;
      if (in_b && std::string(want.name) == "text") {
        EXPECT_FALSE(h5::link_exists(file, p));
        continue;
      }
      const std::string source = in_b ? want.source_b : want.source_a;
      const Storage s = storage_of(file, p);
      // Later, a column written with data in /scenarios/a becomes its view.
      const bool view_of_a = in_b && want.layout == data && !source.empty();
      EXPECT_EQ(s.layout, view_of_a ? H5D_VIRTUAL : want.layout) << p;
      EXPECT_EQ(s.mappings, view_of_a ? 1u : want.mappings) << p;
      EXPECT_EQ(s.source, source) << p;
    }
    // Without kView every column has its own data.
    EXPECT_EQ(storage_of(file, std::string("/scenarios/c/") + want.name).layout, data) << want.name;
  }
}

// Every group write_repeats wrote reads back bit for bit, with the columns' own
// attributes.
void expect_repeats_read_back(hid_t file, const Table& repeats) {
  for (const char* group : {"/scenarios/a", "/scenarios/b", "/scenarios/r0", "/scenarios/c"}) {
    for (const Column& c : repeats.columns()) {
      const std::string p = std::string(group) + "/" + c.info.name;
      if (const auto* v = std::get_if<std::vector<double>>(&c.data))
        expect_same_bits(read_numeric<double>(file, p, H5T_NATIVE_DOUBLE), *v, p);
      if (const auto* v = std::get_if<std::vector<float>>(&c.data))
        expect_same_bits(read_numeric<float>(file, p, H5T_NATIVE_FLOAT), *v, p);
      if (const auto* v = std::get_if<std::vector<std::int32_t>>(&c.data))
        expect_same_bits(read_numeric<std::int32_t>(file, p, H5T_NATIVE_INT32), *v, p);
      if (const auto* v = std::get_if<std::vector<std::uint8_t>>(&c.data))
        expect_same_bits(read_numeric<std::uint8_t>(file, p, H5T_NATIVE_UINT8), *v, p);
    }
    // A view carries its own attributes, not its source's.
    const std::string p = std::string(group) + "/copy_of_tier";
    h5::Dataset d = h5::open_dataset(file, p);
    EXPECT_EQ(h5::read_string_attribute(d.id(), p, "description"), "tier again");
    EXPECT_EQ(h5::read_string_array_attribute(d.id(), p, "labels"), kTierLabels);
    h5::Dataset nan = h5::open_dataset(file, std::string(group) + "/all_nan");
    EXPECT_EQ(h5::read_string_attribute(nan.id(), p, "units"), "kWh");
  }
}

}  // namespace

// With Repeats::kView a column of one value is a virtual dataset without mappings whose
// fill value is that value, and a column equal to a dataset already written (same type)
// is a view of it; both read back bit for bit, with their own attributes. The choices
// depend on the values only: the expected storage below holds for 1, 2, 3 or 4 ranks.
TEST_P(ResultsWriterTest, RepeatedColumnsAreStoredOnceAsViews) {
  Comm comm;
  ScratchDir dir(comm);
  const Table global = make_global_table(kRows);
  const Table repeats = make_repeating_table(global);
  const std::string path = dir.path + "/views.h5";
  write_repeats(path, global, repeats, comm, GetParam());
  if (comm.root()) {
    h5::silence_library_errors();
    h5::File f = open_serial(path);
    expect_repeats_stored_as_views(f.id(), GetParam() > 0 ? H5D_CHUNKED : H5D_CONTIGUOUS);
    expect_repeats_read_back(f.id(), repeats);
  }
  comm.barrier();
}

// Rows held in memory confirm views without reading the file, and on a resumed file
// (another writer, appending) they make the earlier group's columns sources again.
TEST(ResultsWriter, HeldRowsAreSourcesOfViewsAfterAResume) {
  Comm comm;
  ScratchDir dir(comm);
  const Table global = make_global_table(kRows);
  const Table repeats = make_repeating_table(global);
  const Table local = local_block(global, comm);
  const std::string path = dir.path + "/resumed.h5";
  {
    ResultsWriter w(path, comm, 0);
    w.write_table("/properties", local);
    w.hold_rows("/properties", local);
    w.write_table("/scenarios/a", local_block(repeats, comm), {}, ResultsWriter::Repeats::kView);
    w.flush();
  }
  {
    ResultsWriter w(path, comm, 0, ResultsWriter::Mode::kAppend);
    w.write_table("/scenarios/fresh", local_block(repeats, comm), {},
                  ResultsWriter::Repeats::kView);
  }
  {
    ResultsWriter w(path, comm, 0, ResultsWriter::Mode::kAppend);
    w.hold_rows("/properties", local);
    w.write_table("/scenarios/b", local_block(repeats, comm), {}, ResultsWriter::Repeats::kView);
    w.finish();
  }
  if (comm.root()) {
    h5::silence_library_errors();
    h5::File f = open_serial(path);
    EXPECT_EQ(storage_of(f.id(), "/scenarios/a/copy_of_density").source,
              "/properties/heat_density_gwh_km2");
    // Before hold_rows the appending writer knows no sources in the file: the copy is
    // written (its in-table repeats are still views).
    EXPECT_EQ(storage_of(f.id(), "/scenarios/fresh/copy_of_density").layout, H5D_CONTIGUOUS);
    EXPECT_EQ(storage_of(f.id(), "/scenarios/fresh/own_again").source, "/scenarios/fresh/own");
    // After it, /properties is a source again (but not the groups written before).
    EXPECT_EQ(storage_of(f.id(), "/scenarios/b/copy_of_density").source,
              "/properties/heat_density_gwh_km2");
    EXPECT_EQ(storage_of(f.id(), "/scenarios/b/copy_of_tier").source, "/properties/tier");
    EXPECT_EQ(storage_of(f.id(), "/scenarios/b/own").layout, H5D_CONTIGUOUS);
    expect_same_bits(
        read_numeric<double>(f.id(), "/scenarios/b/copy_of_density", H5T_NATIVE_DOUBLE),
        global.get<double>("heat_density_gwh_km2"), "copy_of_density");
  }
  comm.barrier();
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
    for (const char* g :
         {"/properties", "/grid", "/scenarios/a", "/scenarios/b", "/scenarios/c", "/rejects"})
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
    EXPECT_TRUE(
        read_numeric<double>(f.id(), "/rejects/heat_density_gwh_km2", H5T_NATIVE_DOUBLE).empty());
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
  auto part = [&](const auto& v) {
    return std::vector<typename std::decay_t<decltype(v)>::value_type>(v.begin() + b,
                                                                       v.begin() + e);
  };
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
